/**
 * The region admin's open-platform pages in the browser (issue 20): registered origins (add with
 * the API's validation, remove, the embed snippet, audited) and webhooks (create with the secret
 * shown once, the delivery log with replay, delete), with axe on each page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganisation, createPartner } from "../support/catalogue";
import { createFrontdesk, createRegion, createUser, signInAs } from "../support/factories";
import { book, bookingBody, futureSlot } from "../support/slots";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { hasBrowser, useBrowserPlatform } from "./browser";

describe.runIf(hasBrowser)("the region admin's open-platform pages in the browser", () => {
  const web = useBrowserPlatform();
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it("adds a registered origin through the API's validation, shows the embed snippet, and removes it again", { timeout: 120_000 }, async () => {
    const { platform } = web;
    const region = await createRegion(platform.client);
    const admin = await createUser(platform.client, "region_admin", region);
    const page = await web.signedInPage(admin.email);
    await page.getByRole("link", { name: "Inbedden" }).click();
    expect(new URL(page.url()).pathname).toBe(`/beheer/${region.slug}/inbedden`);
    await web.accessible(page);
    expect(await page.locator("main").innerText()).toContain("Er zijn nog geen websites geregistreerd.");
    expect(await page.locator("[aria-labelledby=embed-snippet-title] code").innerText()).toContain(`/embed/${region.slug}`);

    // Not https (and a path): refused on the field, nothing stored.
    await page.getByLabel(/^Adres van de website/).fill("ftp://www.gemeente-test.nl/pad");
    await page.getByRole("button", { name: "Website toevoegen" }).click();
    await expect.poll(() => page.locator("#error-summary").count()).toBe(1);
    expect(await page.locator("#f-origin").getAttribute("aria-invalid")).toBe("true");
    await web.accessible(page);

    await page.getByLabel(/^Adres van de website/).fill("https://www.Gemeente-Test.nl/");
    await page.getByRole("button", { name: "Website toevoegen" }).click();
    await expect.poll(() => page.getByText("De lijst met websites is opgeslagen.").count()).toBe(1);
    expect(await page.locator("table").innerText()).toContain("https://www.gemeente-test.nl");
    const headers = await signInAs(platform, admin);
    const api = await platform.fetch(`/api/v1/regions/${region.slug}/admin/embed-origins`, { headers });
    expect(await api.json()).toEqual({ origins: ["https://www.gemeente-test.nl"] });
    const audit = await platform.client.execute({
      sql: "select count(*) from audit_log where action = 'region.embed_origins' and region_id = ?",
      args: [region.id],
    });
    expect(Number(audit.rows[0]?.[0])).toBe(1);

    await page.getByRole("button", { name: "Verwijderen https://www.gemeente-test.nl" }).click();
    await expect.poll(() => page.locator("main").innerText()).toContain("Er zijn nog geen websites geregistreerd.");
    expect(await (await platform.fetch(`/api/v1/regions/${region.slug}/admin/embed-origins`, { headers })).json()).toEqual({ origins: [] });
    await page.context().close();
  });

  it(
    "creates a webhook showing its secret once, shows the delivery log with replay, enables it again after failures, and deletes it",
    { timeout: 120_000 },
    async () => {
      const { platform } = web;
      const region = await createRegion(platform.client);
      const desk = await createFrontdesk(platform.client, region);
      const admin = await createUser(platform.client, "region_admin", region);
      const page = await web.signedInPage(admin.email);
      await page.goto(`${web.url}/beheer/${region.slug}/webhooks`);
      await web.accessible(page);

      // Nothing chosen: the field errors, nothing created.
      await page.getByLabel(/^Adres \(URL\)/).fill("https://10.0.0.1/hook");
      await page.getByRole("button", { name: "Webhook toevoegen" }).click();
      await expect.poll(() => page.locator("#error-summary").count()).toBe(1);
      await web.accessible(page);

      await page.getByLabel(/^Adres \(URL\)/).fill(receiver.url("/web"));
      await page.getByLabel("appointment.booked").check();
      await page.getByRole("button", { name: "Webhook toevoegen" }).click();
      await expect.poll(() => page.locator(".webhook-secret").count()).toBe(1);
      expect(await page.locator(".webhook-secret").innerText()).toMatch(/^whsec_/);
      await web.accessible(page);
      await page.goto(`${web.url}/beheer/${region.slug}/webhooks`);
      expect(await page.locator(".webhook-secret").count()).toBe(0);
      expect(await page.locator("table").innerText()).toContain(receiver.url("/web"));

      // A booking is delivered; the log shows it and replays it.
      const slot = await futureSlot(platform, region, desk);
      expect((await book(platform, region, bookingBody(desk, slot.start))).status).toBe(201);
      await receiver.waitFor(1, "/web");
      await page.getByRole("link", { name: `Afleverlog ${receiver.url("/web")}` }).click();
      await expect.poll(() => page.locator("table").count()).toBe(1);
      expect(await page.locator("table").innerText()).toContain("appointment.booked");
      await web.accessible(page);
      await page
        .getByRole("button", { name: /^Opnieuw versturen/ })
        .first()
        .click();
      await expect.poll(() => page.getByText("Het bericht staat opnieuw klaar om te versturen.").count()).toBe(1);
      await receiver.waitFor(2, "/web");

      await page.getByRole("link", { name: "Terug naar de webhooks" }).click();
      // Disabled after failures (as the delivery run leaves it): the button enables it again.
      await platform.client.execute({ sql: "update webhooks set status = 'disabled', consecutive_failures = 3 where region_id = ?", args: [region.id] });
      await page.reload();
      await page.getByRole("button", { name: `Weer inschakelen ${receiver.url("/web")}` }).click();
      await expect.poll(() => page.getByText("De webhook is weer ingeschakeld.").count()).toBe(1);
      expect(await page.locator("table").innerText()).toContain("Actief");
      const row = await platform.client.execute({ sql: "select status, consecutive_failures from webhooks where region_id = ?", args: [region.id] });
      expect([row.rows[0]?.[0], Number(row.rows[0]?.[1])]).toEqual(["active", 0]);
      await page.getByRole("button", { name: `Verwijderen ${receiver.url("/web")}` }).click();
      await expect.poll(() => page.getByText("De webhook is verwijderd.").count()).toBe(1);
      expect(await page.locator("main").innerText()).toContain("Er zijn nog geen webhooks.");
      await page.context().close();
    },
  );

  it("gives a partner organisation its own webhooks page, with the secret once", { timeout: 120_000 }, async () => {
    const { platform } = web;
    const region = await createRegion(platform.client);
    const org = await createOrganisation(platform.client, region);
    const partner = await createPartner(platform.client, org);
    const page = await web.signedInPage(partner.email);
    await page.getByRole("link", { name: "Webhooks" }).click();
    expect(new URL(page.url()).pathname).toBe(`/partner/${org.slug}/webhooks`);
    await web.accessible(page);
    await page.getByLabel(/^Adres \(URL\)/).fill(receiver.url("/partner"));
    await page.getByLabel("offer.published").check();
    await page.getByRole("button", { name: "Webhook toevoegen" }).click();
    await expect.poll(() => page.locator(".webhook-secret").count()).toBe(1);
    const headers = await signInAs(platform, partner);
    const listed = (await (await platform.fetch(`/api/v1/organisations/${org.slug}/webhooks`, { headers })).json()) as {
      webhooks: Array<{ url: string; events: string[] }>;
    };
    expect(listed.webhooks.map((h) => [h.url, h.events])).toEqual([[receiver.url("/partner"), ["offer.published"]]]);
    await page.context().close();
  });
});
