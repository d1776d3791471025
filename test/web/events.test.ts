/**
 * The event pages in a real browser: the public list of all Limburg and per region with its
 * filters (without JavaScript), the event page's JSON-LD, registering (once, also when the
 * form is sent twice) → confirmation → manage page → cancel, the wait-list of a full event,
 * the organiser's create → participants → attendance, a partner's draft through the region's
 * review, and another organisation's pages as 404; Dutch by default, English on request.
 * Every distinct page is checked with axe-core. Dates derive from now (`amsterdamAt`).
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createOrganisation, createPartner, type OrganisationFixture } from "../support/catalogue";
import { amsterdamAt, createEventAs, eventBody, insertHeldEvent, registerOk, registrationBody } from "../support/events";
import { createRegion, createUser, signInAs, type RegionFixture, type UserFixture } from "../support/factories";
import { hasBrowser, useBrowserPlatform } from "./browser";

describe.runIf(hasBrowser)("the event pages in the browser", () => {
  const web = useBrowserPlatform();
  let north: RegionFixture;
  let south: RegionFixture;
  let admin: UserFixture;
  let adminHeaders: Record<string, string>;
  let orgA: OrganisationFixture;
  let orgB: OrganisationFixture;

  beforeAll(async () => {
    const { client } = web.platform;
    north = await createRegion(client, { name: "Regio Evenementen Noord" });
    south = await createRegion(client, { name: "Regio Evenementen Zuid" });
    admin = await createUser(client, "region_admin", north);
    adminHeaders = await signInAs(web.platform, admin);
    orgA = await createOrganisation(client, north, { name: "Organisatie Eén" });
    orgB = await createOrganisation(client, north, { name: "Organisatie Twee" });
  });

  const adminPath = (region: RegionFixture = north) => `/api/v1/regions/${region.slug}/admin/events`;
  const accessible = (page: Page) => web.accessible(page);
  const registrationsOf = async (eventId: string) =>
    (await web.platform.client.execute({ sql: "select status from event_registrations where event_id = ? order by seq", args: [eventId] })).rows;

  it("should list the events of all Limburg and of one region, filtered without JavaScript", { timeout: 120_000 }, async () => {
    const southAdmin = await signInAs(web.platform, await createUser(web.platform.client, "region_admin", south));
    await createEventAs(web.platform, adminPath(), adminHeaders, eventBody(north, { title: "Masterclass groeien in het noorden" }));
    await createEventAs(
      web.platform,
      adminPath(south),
      southAdmin,
      eventBody(south, {
        title: "Workshop online verkopen",
        type: "workshop",
        format: "online",
        location: null,
        sessions: [{ start: amsterdamAt(12, "10:00"), end: amsterdamAt(12, "12:00") }],
      }),
    );
    const page = await web.newPage({ javaScriptEnabled: false });
    await page.goto(`${web.url}/evenementen`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Bijeenkomsten in Limburg");
    expect(await page.getByRole("link", { name: "Masterclass groeien in het noorden" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Workshop online verkopen" }).count()).toBe(1);
    await accessible(page);

    await page.getByLabel(/^Soort bijeenkomst/).selectOption("workshop");
    await page.getByRole("button", { name: "Toon resultaten" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("type")).toBe("workshop");
    expect(await page.getByRole("link", { name: "Workshop online verkopen" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Masterclass groeien in het noorden" }).count()).toBe(0);
    await accessible(page);

    // A period that ends before it starts: the form says so, nothing breaks.
    await page.goto(`${web.url}/evenementen?from=${amsterdamAt(20, "00:00").slice(0, 10)}&to=${amsterdamAt(2, "00:00").slice(0, 10)}`);
    expect(await page.locator("#error-summary a[href='#f-to']").count()).toBe(1);
    await accessible(page);

    await page.goto(`${web.url}/boeken/${north.slug}/evenementen`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`Bijeenkomsten in ${north.name}`);
    expect(await page.getByRole("link", { name: "Masterclass groeien in het noorden" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Workshop online verkopen" }).count()).toBe(0);
    expect(await page.locator(`a[href="/api/v1/regions/${north.slug}/events.ics"]`).count()).toBe(1);
    await accessible(page);
    await page.context().close();
  });

  it("should describe an event with JSON-LD and never show its join link", async () => {
    const event = await createEventAs(web.platform, adminPath(), adminHeaders, eventBody(north, { title: "Masterclass met JSON-LD" }));
    const page = await web.newPage();
    await page.goto(`${web.url}/evenementen/${event.slug}`);
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
    expect(ld["@type"]).toBe("Event");
    expect(ld.name).toBe("Masterclass met JSON-LD");
    expect(ld.eventAttendanceMode).toBe("https://schema.org/MixedEventAttendanceMode");
    expect(ld.location.map((l: { "@type": string }) => l["@type"])).toEqual(["Place", "VirtualLocation"]);
    expect(ld.location[1].url).toBeUndefined();
    expect(ld.offers.availability).toBe("https://schema.org/InStock");
    expect(Date.parse(ld.startDate)).toBe(Date.parse(event.sessions[0]?.start ?? ""));
    expect(await page.content()).not.toContain(event.joinUrl ?? "never");
    // The range is kept on one line with word joiners (U+2060) around the dash (kit/format `when`).
    expect(await page.getByText(/19:00\u2060?–\u2060?21:30/).count()).toBeGreaterThan(0);
    await accessible(page);
    await page.context().close();
  });

  it("should register once from a form sent twice, confirm, show the manage page and cancel there", { timeout: 120_000 }, async () => {
    const event = await createEventAs(web.platform, adminPath(), adminHeaders, eventBody(north, { title: "Workshop aanmelden en annuleren" }));
    const page = await web.newPage();
    await page.goto(`${web.url}/evenementen/${event.slug}`);
    // Without consent: the error summary points at the field.
    await page.getByLabel(/^Naam/).fill("Ellen Hermans");
    await page.getByLabel(/^E-mailadres/).fill("ellen@hermans.test");
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await expect.poll(() => page.locator("#error-summary a").evaluateAll((links) => links.map((a) => a.getAttribute("href")))).toEqual(["#f-consent"]);
    await accessible(page);

    await page.getByLabel(/^Ik geef toestemming/).check();
    // The same form sent twice (a double click, a retry): one registration, the same manage link.
    const finalUrls = await page.evaluate(async () => {
      const form = document.querySelector<HTMLFormElement>('form[action$="/aanmelden"]');
      if (!form) throw new Error("no form");
      const send = () => fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>) });
      return [(await send()).url, (await send()).url];
    });
    expect(finalUrls[0]).toMatch(/\/aanmelding\/[A-Za-z0-9_-]{43}\/bevestigd$/);
    expect(finalUrls[1]).toBe(finalUrls[0]);
    expect(await registrationsOf(event.id)).toHaveLength(1);

    await page.goto(finalUrls[0] ?? "");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("U bent aangemeld");
    await accessible(page);
    await page.locator(".manage-link a").click();
    await expect.poll(() => page.getByRole("heading", { name: "Uw aanmelding" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: event.joinUrl ?? "" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Zet in mijn agenda (.ics)" }).getAttribute("href")).toMatch(/^\/api\/v1\/registrations\/.+\/ics$/);
    await accessible(page);

    await page.getByRole("link", { name: "Aanmelding annuleren" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Aanmelding annuleren" }).count()).toBe(1);
    await accessible(page);
    await page.getByRole("button", { name: "Ja, annuleer mijn aanmelding" }).click();
    await expect.poll(() => page.getByText("Uw aanmelding is geannuleerd.").count()).toBe(1);
    expect(await page.getByRole("link", { name: event.joinUrl ?? "" }).count()).toBe(0);
    await accessible(page);
    expect((await registrationsOf(event.id))[0]?.status).toBe("cancelled");
    await page.context().close();
  });

  it("should put a registration for a full event on the wait-list and say which place it has", async () => {
    const event = await createEventAs(
      web.platform,
      adminPath(),
      adminHeaders,
      eventBody(north, { title: "Netwerkavond vol", type: "network_meeting", capacity: 1 }),
    );
    await registerOk(web.platform, event.slug, registrationBody("eerste"));
    const page = await web.newPage();
    await page.goto(`${web.url}/evenementen/${event.slug}`);
    expect(await page.getByText("Vol: aanmelden voor de wachtlijst").count()).toBeGreaterThan(0);
    await page.getByLabel(/^Naam/).fill("Wim Wachter");
    await page.getByLabel(/^E-mailadres/).fill("wim@wachter.test");
    await page.getByLabel(/^Ik geef toestemming/).check();
    await accessible(page);
    await page.getByRole("button", { name: "Aanmelden voor de wachtlijst" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "U staat op de wachtlijst" }).count()).toBe(1);
    expect(await page.getByText("U staat op plaats 1 van de wachtlijst.").count()).toBe(1);
    await accessible(page);
    expect((await registrationsOf(event.id)).map((r) => r.status)).toEqual(["confirmed", "waitlisted"]);
    await page.context().close();
  });

  it("should let a region admin create an event, see its participants and mark attendance", { timeout: 150_000 }, async () => {
    const page = await web.signedInPage(admin.email);
    await page.goto(`${web.url}/beheer/${north.slug}`);
    await page.goto(`${web.url}/beheer/${north.slug}/evenementen`);
    await accessible(page);
    await page.getByRole("link", { name: "Nieuwe bijeenkomst" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Nieuwe bijeenkomst" }).count()).toBe(1);
    await accessible(page);
    const date = amsterdamAt(9, "00:00").slice(0, 10);
    await page.getByLabel(/^Titel/).fill("Informatieavond opvolging");
    await page.getByLabel(/^Korte samenvatting/).fill("Wat komt er kijken bij bedrijfsoverdracht?");
    await page.getByLabel(/^Beschrijving/).fill("Twee avonden over overdracht.\n\nMet een notaris.");
    await page.getByLabel(/^Soort bijeenkomst/).selectOption("awareness_session");
    await page.getByLabel("Op locatie", { exact: true }).check();
    await page.getByLabel("Bedrijfsoverdracht", { exact: true }).check();
    await page.locator("#f-s0-date").fill(date);
    await page.locator("#f-s0-start").fill("19:00");
    await page.locator("#f-s0-end").fill("18:00");
    await page.getByLabel(/^Adres/).fill("Markt 1, Venlo");
    await page.getByLabel(/^Aantal plaatsen/).fill("2");
    await page.getByRole("button", { name: "Bijeenkomst opslaan" }).click();
    // An end before the start: the error is at the session's end time (Amsterdam time, as typed).
    await expect.poll(() => page.locator("#error-summary a").evaluateAll((links) => links.map((a) => a.getAttribute("href")))).toEqual(["#f-s0-end"]);
    await accessible(page);
    await page.locator("#f-s0-end").fill("21:00");
    await page.getByRole("button", { name: "Meer regels voor sessies" }).click();
    await expect.poll(() => page.locator("#f-s5-date").count()).toBe(1);
    await page.locator("#f-s1-date").fill(amsterdamAt(16, "00:00").slice(0, 10));
    await page.locator("#f-s1-start").fill("19:00");
    await page.locator("#f-s1-end").fill("21:00");
    await page.getByRole("button", { name: "Bijeenkomst opslaan" }).click();
    await expect.poll(() => page.getByText("De bijeenkomst is opgeslagen.").count()).toBe(1);
    await accessible(page);
    const id = new URL(page.url()).pathname.split("/").pop() ?? "";
    const sessions = await web.platform.client.execute({ sql: "select start_at from event_sessions where event_id = ? order by idx", args: [id] });
    expect(sessions.rows.map((r) => Number(r.start_at))).toEqual([Date.parse(amsterdamAt(9, "19:00")), Date.parse(amsterdamAt(16, "19:00"))]);

    const slug = String((await web.platform.client.execute({ sql: "select slug from events where id = ?", args: [id] })).rows[0]?.slug);
    await registerOk(web.platform, slug, registrationBody("Anna", { name: "Anna Aanwezig" }));
    await page.getByRole("link", { name: "Deelnemers en aanwezigheid" }).click();
    await expect.poll(() => page.getByRole("rowheader", { name: "Anna Aanwezig" }).count()).toBe(1);
    expect(await page.getByText("Nog niet begonnen").count()).toBe(2);
    await accessible(page);

    // Attendance of an event that was held (its session ended yesterday).
    const held = await insertHeldEvent(web.platform.client, north, { email: "bert@bezoeker.test", name: "Bert Bezoeker" });
    await page.goto(`${web.url}/beheer/${north.slug}/evenementen/${held.eventId}/deelnemers`);
    await page.getByRole("button", { name: "Afwezig Bert Bezoeker, Sessie 1" }).click();
    await expect.poll(() => page.getByText("Aanwezigheid opgeslagen.").count()).toBe(1);
    await accessible(page);
    const attended = await web.platform.client.execute({ sql: "select attended from event_attendance where registration_id = ?", args: [held.registrationId] });
    expect(Number(attended.rows[0]?.attended)).toBe(0);
    await page.context().close();
  });

  it("should take a partner's draft through review, and answer 404 to another organisation's partner", { timeout: 150_000 }, async () => {
    const partner = await createPartner(web.platform.client, orgA);
    const other = await createPartner(web.platform.client, orgB);
    const partnerHeaders = await signInAs(web.platform, partner);
    const draft = await createEventAs(
      web.platform,
      `/api/v1/organisations/${orgA.slug}/events`,
      partnerHeaders,
      eventBody(north, { title: "Workshop van Organisatie Eén" }),
    );

    const page = await web.signedInPage(partner.email);
    await page.goto(`${web.url}/partner/${orgA.slug}/evenementen`);
    expect(await page.getByRole("link", { name: "Onze bijeenkomsten" }).count()).toBe(1);
    await accessible(page);
    await page.getByRole("link", { name: "Workshop van Organisatie Eén" }).click();
    await page.getByRole("button", { name: "Indienen ter beoordeling" }).click();
    await expect.poll(() => page.getByText("De bijeenkomst is ingediend ter beoordeling.").count()).toBe(1);
    await accessible(page);

    const reviewer = await web.signedInPage(admin.email);
    await reviewer.goto(`${web.url}/beheer/${north.slug}/evenementen?status=in_review`);
    await reviewer.getByRole("link", { name: "Workshop van Organisatie Eén" }).click();
    await reviewer.getByRole("button", { name: "Goedkeuren en publiceren" }).click();
    await expect.poll(() => reviewer.getByText("Goedgekeurd.").count()).toBe(1);
    await accessible(reviewer);
    const status = await web.platform.client.execute({ sql: "select status from events where id = ?", args: [draft.id] });
    expect(status.rows[0]?.status).toBe("published");

    const outsider = await web.signedInPage(other.email);
    for (const path of [
      `/partner/${orgA.slug}/evenementen`,
      `/partner/${orgA.slug}/evenementen/${draft.id}`,
      `/partner/${orgB.slug}/evenementen/${draft.id}/deelnemers`,
    ]) {
      const response = await outsider.goto(`${web.url}${path}`);
      expect(response?.status(), path).toBe(404);
      expect(await outsider.content()).not.toContain("Workshop van Organisatie Eén");
    }
    for (const p of [page, reviewer, outsider]) await p.context().close();
  });

  it("should show the list and the event page in English on request", async () => {
    const event = await createEventAs(web.platform, adminPath(), adminHeaders, eventBody(north, { title: "Masterclass in English" }));
    const page = await web.newPage();
    await page.goto(`${web.url}/evenementen?lang=en`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Events in Limburg");
    await accessible(page);
    await page.goto(`${web.url}/evenementen/${event.slug}`);
    expect(await page.getByRole("button", { name: "Register" }).count()).toBe(1);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await accessible(page);
    await page.context().close();
  });
});
