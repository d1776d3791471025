/**
 * The knowledge square in a real browser (issue 18): an entrepreneur asks a first question
 * (pending), the region's admin publishes it from the moderation page, a partner answers it,
 * and the asker accepts the answer. axe-core checks each distinct page once.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createPartner, createOrganisation } from "../support/catalogue";
import { signInAsEntrepreneur } from "../support/entrepreneurs";
import { createRegion, createUser, type RegionFixture } from "../support/factories";
import { hasBrowser, useBrowserPlatform } from "./browser";

describe.runIf(hasBrowser)("the knowledge square in the browser", () => {
  const web = useBrowserPlatform();
  let region: RegionFixture;
  let adminEmail = "";
  let partnerEmail = "";

  beforeAll(async () => {
    region = await createRegion(web.platform.client, { name: "Regio Kennisplein" });
    adminEmail = (await createUser(web.platform.client, "region_admin", region)).email;
    partnerEmail = (await createPartner(web.platform.client, await createOrganisation(web.platform.client, region, { name: "Kennispartner Limburg" }))).email;
  });

  /** A page signed in as an entrepreneur (the session cookie of a real sign-in by link). */
  async function entrepreneurPage(email: string, company: string): Promise<Page> {
    const headers = await signInAsEntrepreneur(web.platform, email);
    await web.platform.fetch("/api/v1/me/profile", { method: "PUT", headers, json: { companyName: company, visibleToPeers: false } });
    const [name, value] = (headers.cookie ?? "").split("=");
    const page = await web.newPage({ viewport: { width: 1280, height: 900 } });
    await page.context().addCookies([{ name: name ?? "", value: value ?? "", url: web.url }]);
    return page;
  }

  it("should take a question from asking through moderation and an answer to the accepted answer", { timeout: 180_000 }, async () => {
    const asker = await entrepreneurPage("vrager@kennisplein.test", "Bakkerij Kennis");
    await asker.goto(`${web.url}/kennisplein`);
    await web.accessible(asker);
    await asker.getByRole("link", { name: "Stel een vraag" }).click();
    await expect.poll(() => new URL(asker.url()).pathname).toBe("/kennisplein/vragen/nieuw");
    await web.accessible(asker);
    // The form's own errors first.
    await asker.getByRole("button", { name: "Vraag plaatsen" }).click();
    await expect.poll(() => asker.locator(".error-summary").count()).toBe(1);
    await web.accessible(asker);
    await asker.getByLabel(/^Uw vraag in één zin/).fill("Hoe vind ik personeel voor mijn bakkerij?");
    await asker.getByLabel(/^Toelichting/).fill("Ik zoek twee bakkers, maar er reageert niemand op mijn vacature. Wie heeft tips?");
    await asker.getByLabel(/^Onderwerp/).selectOption("personeel");
    await asker.getByLabel(/^Regio/).selectOption(region.slug);
    await asker.getByRole("button", { name: "Vraag plaatsen" }).click();
    await expect.poll(() => new URL(asker.url()).pathname).toMatch(/^\/kennisplein\/vragen\/[A-Za-z0-9_-]+$/);
    const questionPath = new URL(asker.url()).pathname;
    const questionId = questionPath.split("/").pop() ?? "";
    await expect.poll(() => asker.getByText("Uw vraag wacht op controle door een moderator").count()).toBe(1);
    await web.accessible(asker);

    // The region's admin publishes it from the moderation page.
    const admin = await web.signedInPage(adminEmail);
    await admin.goto(`${web.url}/beheer/${region.slug}/kennisplein`);
    await web.accessible(admin);
    await admin.locator(`#m-question-${questionId}-action`).selectOption("publish");
    await admin.locator(`form[action$="/question/${questionId}"] button[type=submit]`).click();
    await expect.poll(() => admin.getByText("De actie is uitgevoerd").count()).toBe(1);

    // A partner answers.
    const partner = await web.signedInPage(partnerEmail);
    await partner.goto(`${web.url}${questionPath}`);
    await web.accessible(partner);
    await partner.getByRole("textbox", { name: /^Antwoord/ }).fill("Werk samen met de vakschool: zie https://voorbeeld.nl/stages voor stageplaatsen.");
    await partner.getByRole("button", { name: "Antwoord plaatsen" }).click();
    await expect.poll(() => partner.getByText("Expert van Kennispartner Limburg").count()).toBe(1);
    const link = partner.getByRole("link", { name: "https://voorbeeld.nl/stages" });
    expect(await link.getAttribute("rel")).toBe("nofollow ugc noopener");

    // The asker accepts it.
    await asker.goto(`${web.url}${questionPath}`);
    await asker.getByRole("button", { name: "Dit antwoord heeft mij geholpen" }).click();
    await expect.poll(() => asker.getByText("Dit antwoord heeft de vrager geholpen").count()).toBe(1);
    await web.accessible(asker);
    const row = await web.platform.client.execute({
      sql: "select accepted_answer_id is not null as accepted, status from questions where id = ?",
      args: [questionId],
    });
    expect(row.rows[0]).toMatchObject({ accepted: 1, status: "published" });
  });
});
