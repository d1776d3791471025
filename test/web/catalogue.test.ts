/**
 * The catalogue pages in a real browser: a partner's offer from draft through review into
 * the search (filters without JavaScript), the offer page with safe Markdown and JSON-LD,
 * "talk to a desk about this" into the booking form with the topic chosen, the organisation
 * pages, the insights, another organisation's offer (404), and Dutch by default with English.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createFrontdesk, createRegion, createUser, signInAs, type RegionFixture } from "../support/factories";
import { createOrganisation, createPartner, offerBody, type OrganisationFixture } from "../support/catalogue";
import { hasBrowser, useBrowserPlatform } from "./browser";

describe.runIf(hasBrowser)("the catalogue in the browser", () => {
  const web = useBrowserPlatform();
  let regionA: RegionFixture;
  let regionB: RegionFixture;
  let orgA: OrganisationFixture;
  let orgB: OrganisationFixture;
  let partnerA: { email: string };
  let adminA: { email: string };

  beforeAll(async () => {
    const c = web.platform.client;
    regionA = await createRegion(c, { name: "Regio Catalogustest" });
    regionB = await createRegion(c);
    orgA = await createOrganisation(c, regionA, { name: "Ondernemershuis Catalogustest" });
    orgB = await createOrganisation(c, regionB);
    partnerA = await createPartner(c, orgA);
    adminA = await createUser(c, "region_admin", regionA);
    await createFrontdesk(c, regionA, { name: "Loket Catalogustest", topics: ["subsidies", "financiering"] });
  });

  /** A published offer of `org`, made through the API (partner creates and submits, the home region's admin approves). */
  async function publishedOffer(org: OrganisationFixture, region: RegionFixture, overrides: Record<string, unknown> = {}) {
    const { platform } = web;
    const partner = await signInAs(platform, await createPartner(platform.client, org));
    const admin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
    const created = await platform.fetch(`/api/v1/organisations/${org.slug}/offers`, { method: "POST", headers: partner, json: offerBody(region, overrides) });
    const offer = ((await created.json()) as { offer: { id: string; slug: string; title: string } }).offer;
    expect((await platform.fetch(`/api/v1/organisations/${org.slug}/offers/${offer.id}/submit`, { method: "POST", headers: partner })).status).toBe(200);
    const review = await platform.fetch(`/api/v1/regions/${region.slug}/admin/offers/${offer.id}/review`, {
      method: "POST",
      headers: admin,
      json: { decision: "approve" },
    });
    expect(review.status).toBe(200);
    return offer;
  }

  const heading = (page: Page) => page.locator("h1").innerText();

  it(
    "should take a partner's new offer through review into the search, with filters and facets that work without JavaScript",
    { timeout: 240_000 },
    async () => {
      const word = `Grensregeling${Date.now().toString(36)}`;
      const partner = await web.signedInPage(partnerA.email);
      expect(new URL(partner.url()).pathname).toBe(`/partner/${orgA.slug}/aanbod`);
      await web.accessible(partner);
      await partner.getByRole("link", { name: "Nieuw aanbod" }).click();
      await partner.getByRole("button", { name: "Opslaan als concept" }).click();
      await expect.poll(() => partner.locator("#error-summary li").count()).toBeGreaterThan(3);
      await web.accessible(partner);

      await partner.getByLabel(/^Titel/).fill(`${word} voor grensondernemers`);
      await partner.getByLabel(/^Korte samenvatting/).fill("Hulp bij zakendoen over de grens.");
      await partner.getByLabel(/^Beschrijving/).fill("Eerste alinea met **nadruk**.\n\n<script>alert(1)</script>");
      await partner.getByLabel(/^Soort aanbod/).selectOption("subsidy");
      await partner.getByLabel("Subsidies", { exact: true }).check();
      await partner.getByLabel("Exporteurs").check();
      await partner.getByLabel("Oriëntatie").check();
      await partner.getByLabel("Regio Catalogustest").check();
      await partner.getByLabel("Gratis").check();
      await partner.getByLabel(/^Zo vraagt u het aan/).fill("Bel het ondernemershuis.");
      await partner.getByRole("button", { name: "Opslaan als concept" }).click();
      await expect.poll(() => partner.locator("[role=status]").innerText()).toContain("opgeslagen als concept");
      const row = partner.locator("tbody tr", { hasText: word });
      expect(await row.innerText()).toContain("Concept");
      await row.getByRole("button", { name: /Indienen ter beoordeling/ }).click();
      await expect.poll(() => partner.locator("[role=status]").innerText()).toContain("ingediend");
      expect(await partner.locator("tbody tr", { hasText: word }).innerText()).toContain("Wacht op beoordeling");
      await web.accessible(partner);

      const admin = await web.signedInPage(adminA.email);
      await admin.goto(`${web.url}/beheer/${regionA.slug}/aanbod`);
      const item = admin.locator("li.review-item", { hasText: word });
      await web.accessible(admin);
      await item.getByRole("button", { name: /Afwijzen/ }).click();
      await expect.poll(() => admin.locator("#error-summary").innerText()).toContain("reden");
      await web.accessible(admin);
      await admin
        .locator("li.review-item", { hasText: word })
        .getByRole("button", { name: /Goedkeuren/ })
        .click();
      await expect.poll(() => admin.locator("[role=status]").innerText()).toContain("goedgekeurd");

      // Search without JavaScript: the words form, then the filters form (which keeps the words).
      const page = await web.newPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
      await page.goto(`${web.url}/aanbod`);
      await web.accessible(page);
      await page.getByLabel(/^Waar zoekt u hulp bij/).fill(word.toLowerCase());
      await page.getByRole("button", { name: "Zoeken", exact: true }).click();
      await expect.poll(() => page.locator("#results-title").innerText()).toContain("1 resultaat");
      await page.getByLabel(/^Regio/).selectOption(regionA.slug);
      await page.getByLabel(/^Subsidies \(1\)/).check();
      await page.getByRole("button", { name: "Filters toepassen" }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get("topic")).toBe("subsidies");
      expect(new URL(page.url()).searchParams.get("q")).toBe(word.toLowerCase());
      expect(new URL(page.url()).searchParams.get("region")).toBe(regionA.slug);
      expect(await page.locator(".offer-list .card__title").allInnerTexts()).toEqual([`${word} voor grensondernemers`]);
      expect(await page.locator(".offer-list").innerText()).toContain("Door Ondernemershuis Catalogustest");
      await web.accessible(page);

      // A filter that excludes it: the empty state offers a search without filters and a desk.
      await page.getByLabel(/^Training/).check();
      await page.getByRole("button", { name: "Filters toepassen" }).click();
      await expect.poll(() => page.locator("main").innerText()).toContain("Geen aanbod gevonden");
      await web.accessible(page);
      await page.getByRole("link", { name: "Zoek zonder filters" }).click();
      await expect.poll(() => page.locator("#results-title").innerText()).toContain("1 resultaat");
      expect([...new URL(page.url()).searchParams.keys()]).toEqual(["q"]);

      // Each first page of results was counted for the insights (normalised term, no person).
      await expect
        .poll(async () => {
          const rs = await web.platform.client.execute({
            sql: "select sum(searches) as n from insight_searches where term like ?",
            args: [`%${word.toLowerCase().slice(0, 10)}%`],
          });
          return Number(rs.rows[0]?.n ?? 0);
        })
        .toBeGreaterThanOrEqual(3);
    },
  );

  it(
    "should show an offer with safe Markdown and JSON-LD, and lead 'talk to a desk' to the booking form with the topic chosen",
    { timeout: 180_000 },
    async () => {
      const offer = await publishedOffer(orgA, regionA, {
        description: "Een alinea met **vet** en een [link](https://example.org).\n\n<img src=x onerror=alert(1)>",
        topics: ["subsidies"],
      });
      const page = await web.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${web.url}/aanbod/${offer.slug}`);
      expect(await heading(page)).toBe(offer.title);
      expect(await page.locator(".offer-description strong").innerText()).toBe("vet");
      expect(await page.locator(".offer-description img").count()).toBe(0);
      expect(await page.locator(".offer-description").innerText()).toContain("<img src=x");
      const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
      expect(ld["@context"]).toBe("https://schema.org");
      expect(ld["@type"]).toBe("GovernmentService");
      expect(ld.name).toBe(offer.title);
      expect(ld.provider.name).toBe("Ondernemershuis Catalogustest");
      await web.accessible(page);

      await page.getByRole("link", { name: "Praat met een loket hierover" }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/boeken/${regionA.slug}`);
      expect(new URL(page.url()).searchParams.get("topic")).toBe("subsidies");
      expect(await page.locator("#f-topic").inputValue()).toBe("subsidies");
      await page.getByRole("link", { name: /Deze tijd kiezen/ }).click();
      await expect.poll(() => new URL(page.url()).pathname).toContain("/afspraak");
      expect(await page.locator("#f-topic").inputValue()).toBe("subsidies");

      // The organisation's page lists the offer and its desk.
      await page.goto(`${web.url}/organisaties/${orgA.slug}`);
      expect(await heading(page)).toBe("Ondernemershuis Catalogustest");
      expect(await page.locator("main").innerText()).toContain(offer.title);
      await web.accessible(page);
    },
  );

  it("should answer 404 when a partner opens another organisation's offers or offer edit page", { timeout: 120_000 }, async () => {
    const other = await publishedOffer(orgB, regionB);
    const page = await web.signedInPage(partnerA.email);
    for (const path of [`/partner/${orgB.slug}/aanbod/${other.id}`, `/partner/${orgA.slug}/aanbod/${other.id}`, `/partner/${orgB.slug}/aanbod`]) {
      const response = await page.goto(`${web.url}${path}`);
      expect(response?.status(), path).toBe(404);
      expect(await page.locator("main").innerText()).not.toContain(other.title);
    }
    await web.accessible(page);
  });

  it(
    "should show the region's insights with small counts as <5, and let the region admin add an organisation and invite its partner",
    { timeout: 180_000 },
    async () => {
      const offer = await publishedOffer(orgA, regionA);
      const visitor = await web.newPage();
      await visitor.goto(`${web.url}/aanbod/${offer.slug}`);
      await expect
        .poll(async () =>
          Number(
            (
              await web.platform.client.execute({
                sql: "select sum(views) as n from insight_offer_views v join offers o on o.id = v.offer_id where o.slug = ?",
                args: [offer.slug],
              })
            ).rows[0]?.n ?? 0,
          ),
        )
        .toBe(1);
      const admin = await web.signedInPage(adminA.email);
      await admin.goto(`${web.url}/beheer/${regionA.slug}/inzichten`);
      const viewed = admin.getByRole("region", { name: "Meest bekeken aanbod" }).locator("tr", { hasText: offer.title });
      expect(await viewed.locator("td").innerText()).toBe("<5");
      await web.accessible(admin);

      await admin.getByRole("link", { name: "Aanbod beoordelen" }).click();
      await admin.getByRole("link", { name: "Organisaties van de regio" }).click();
      await web.accessible(admin);
      const slug = `org-${Date.now().toString(36)}`;
      await admin.getByLabel(/^Naam/).fill("Starterscentrum Catalogustest");
      await admin.getByLabel(/^Korte naam/).fill(slug);
      await admin.getByLabel(/^Soort organisatie/).selectOption("advisor");
      await admin.getByRole("button", { name: "Organisatie toevoegen" }).click();
      await expect.poll(() => new URL(admin.url()).pathname).toBe(`/beheer/${regionA.slug}/organisaties/${slug}/uitnodigen`);
      await admin.getByLabel(/^Naam/).fill("Petra Partner");
      await admin.getByLabel(/^E-mailadres/).fill(`petra-${slug}@example.test`);
      await admin.getByRole("button", { name: "Uitnodiging versturen" }).click();
      await expect.poll(() => admin.locator("[role=status]").innerText()).toContain(`petra-${slug}@example.test`);
      await web.accessible(admin);
    },
  );

  it("should speak Dutch by default and English after the switch", { timeout: 120_000 }, async () => {
    const offer = await publishedOffer(orgA, regionA);
    const page = await web.newPage();
    await page.goto(`${web.url}/aanbod`);
    expect(await page.locator("html").getAttribute("lang")).toBe("nl");
    expect(await heading(page)).toBe("Ondersteuning zoeken");
    await page.getByRole("link", { name: "English" }).click();
    await expect.poll(() => heading(page)).toBe("Find support");
    await web.accessible(page);
    await page.goto(`${web.url}/aanbod/${offer.slug}`);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByRole("link", { name: "Talk to a desk about this" }).count()).toBe(1);
    await web.accessible(page);
  });
});
