/**
 * The referral pages in a real browser: a desk refers from an appointment in its agenda, the
 * organisation's partner marks it contacted and then helped in the inbox, and the desk sees what
 * became of it; a phone referral without JavaScript, a refused status without a reason, the
 * entrepreneur withdrawing consent through the link in their mail, after which the partner sees
 * only "withdrawn"; a partner of another organisation gets 404. Every distinct page is checked
 * with axe-core. Times derive from now.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { localDate } from "../../src/lib/time";
import { createOrganisation, createPartner, type OrganisationFixture } from "../support/catalogue";
import {
  createFrontdesk,
  createRegion,
  createUser,
  insertAppointment,
  type FrontdeskFixture,
  type RegionFixture,
  type UserFixture,
} from "../support/factories";
import { hasBrowser, useBrowserPlatform } from "./browser";

describe.runIf(hasBrowser)("the referral pages in the browser", () => {
  const web = useBrowserPlatform();
  let zuid: RegionFixture;
  let desk: FrontdeskFixture;
  let staff: UserFixture;
  let org: OrganisationFixture;
  let partner: { email: string };
  let otherPartner: { email: string };

  beforeAll(async () => {
    const { client } = web.platform;
    zuid = await createRegion(client, { name: "Regio Verwijzing Zuid" });
    const noord = await createRegion(client, { name: "Regio Verwijzing Noord" });
    desk = await createFrontdesk(client, zuid, { name: "Loket Verwijzing" });
    staff = await createUser(client, "frontdesk_staff", zuid, [desk]);
    org = await createOrganisation(client, noord, { name: "Bank Verwijzing", kind: "bank", regions: [noord.slug] });
    await client.execute({ sql: "update organisations set email = 'info@bankverwijzing.test', phone = '+31 77 123 4567' where id = ?", args: [org.id] });
    partner = await createPartner(client, org);
    otherPartner = await createPartner(client, await createOrganisation(client, noord, { name: "Andere Organisatie" }));
  });

  const accessible = (page: Page) => web.accessible(page);
  const referralIdOf = async (email: string) =>
    String((await web.platform.client.execute({ sql: "select id from referrals where email = ?", args: [email] })).rows[0]?.id ?? "");

  it("should let a desk refer from an appointment, the partner mark it contacted and helped, and the desk see it", { timeout: 180_000 }, async () => {
    const start = Date.now() - 60 * 60_000;
    await insertAppointment(web.platform.client, desk, { startAt: start, name: "Anna Verwezen", email: "anna@verwezen.test", question: "Ik zoek een lening" });
    const page = await web.signedInPage(staff.email);
    await page.goto(`${web.url}/beheer/${zuid.slug}/agenda?date=${localDate(start)}`);
    await page.getByRole("link", { name: /^Doorverwijzen \(Anna Verwezen/ }).click();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Doorverwijzen");
    await accessible(page);

    // Nothing chosen: the form says where to look, nothing is sent.
    await page.getByRole("button", { name: "Doorverwijzing versturen" }).click();
    expect(await page.locator("#error-summary a[href='#f-target']").count()).toBe(1);
    await accessible(page);

    await page.getByLabel(/^Doorverwijzen naar/).selectOption(org.slug);
    await page.getByLabel(/^Toelichting voor de organisatie/).fill("Zoekt 50k voor een machine");
    await page.getByLabel(/De ondernemer geeft toestemming/).check();
    await page.getByRole("button", { name: "Doorverwijzing versturen" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/beheer/${zuid.slug}/doorverwijzingen`);
    expect(await page.getByRole("status").textContent()).toContain("De doorverwijzing is verstuurd");
    const card = page.locator(".card", { hasText: "Anna Verwezen" });
    expect(await card.locator(".status").textContent()).toBe("Verstuurd");
    await accessible(page);
    const appointment = await web.platform.client.execute({ sql: "select status from appointments where email = 'anna@verwezen.test'" });
    expect(appointment.rows[0]?.status).toBe("completed");

    // The partner: the nav link, the inbox, the referral with the contact (consent given).
    const p = await web.signedInPage(partner.email);
    await p.getByRole("link", { name: "Doorverwijzingen", exact: true }).click();
    expect(await p.getByRole("heading", { level: 1 }).textContent()).toBe("Doorverwijzingen naar Bank Verwijzing");
    await accessible(p);
    await p.getByRole("link", { name: "Anna Verwezen" }).click();
    expect(await p.locator("main").textContent()).toContain("anna@verwezen.test");
    expect(await p.locator("main").textContent()).toContain("Zoekt 50k voor een machine");
    await accessible(p);
    await p.getByLabel("Contact opgenomen").check();
    await p.getByRole("button", { name: "Status opslaan" }).click();
    expect(await p.getByRole("status").textContent()).toContain("De status is opgeslagen");
    await accessible(p);
    await p.getByLabel("Geholpen").check();
    await p.getByRole("button", { name: "Status opslaan" }).click();
    await expect.poll(async () => p.locator("h1 .status").textContent()).toBe("Geholpen");
    // Closed: no status form any more.
    expect(await p.getByRole("button", { name: "Status opslaan" }).count()).toBe(0);

    // The desk sees what became of it, step by step.
    await page.reload();
    expect(await card.locator(".status").textContent()).toBe("Geholpen");
    const history = await card.locator("ol").textContent();
    expect(history).toContain("Verstuurd");
    expect(history).toContain("Contact opgenomen");
    expect(history).toContain("Geholpen");

    // A partner of another organisation: 404 for the inbox and the referral.
    const id = await referralIdOf("anna@verwezen.test");
    const other = await web.signedInPage(otherPartner.email);
    for (const path of [`/partner/${org.slug}/doorverwijzingen`, `/partner/${org.slug}/doorverwijzingen/${id}`]) {
      const response = await other.goto(`${web.url}${path}`);
      expect(response?.status(), path).toBe(404);
      expect(await other.locator("main").textContent()).not.toContain("Anna Verwezen");
    }
    await Promise.all([page.context().close(), p.context().close(), other.context().close()]);
  });

  it(
    "should take a phone referral without JavaScript, and after the entrepreneur withdraws consent show the partner only that",
    { timeout: 180_000 },
    async () => {
      const page = await web.newPage({ javaScriptEnabled: false });
      await web.signIn(page, staff.email);
      await page.goto(`${web.url}/beheer/${zuid.slug}/doorverwijzingen`);
      await accessible(page);
      await page.getByRole("link", { name: "Nieuwe doorverwijzing (telefoon of inloop)" }).click();
      await page.getByLabel(/^Naam/).fill("Bert Beller");
      await page.getByLabel(/^E-mailadres/).fill("not-an-address");
      await page.getByLabel(/^Doorverwijzen naar/).selectOption(org.slug);
      await page.getByLabel(/^Onderwerp/).selectOption("financiering");
      await page.getByRole("button", { name: "Doorverwijzing versturen" }).click();
      expect(await page.locator("#error-summary a[href='#f-email']").count()).toBe(1);
      expect(await page.getByLabel(/^Naam/).inputValue()).toBe("Bert Beller");
      await accessible(page);
      await page.getByLabel(/^E-mailadres/).fill("bert@beller.test");
      await page.getByLabel(/^Vraag van de ondernemer/).fill("Hoe financier ik een tweede vestiging?");
      await page.getByLabel(/De ondernemer geeft toestemming/).check();
      await page.getByRole("button", { name: "Doorverwijzing versturen" }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get("klaar")).toBe("verstuurd");
      expect(await page.locator(".card", { hasText: "Bert Beller" }).count()).toBe(1);

      // The partner, without JavaScript: not suitable needs a reason; received is accepted.
      const id = await referralIdOf("bert@beller.test");
      const p = await web.newPage({ javaScriptEnabled: false });
      await web.signIn(p, partner.email);
      await p.goto(`${web.url}/partner/${org.slug}/doorverwijzingen/${id}`);
      await p.getByLabel("Niet passend").check();
      await p.getByRole("button", { name: "Status opslaan" }).click();
      expect(await p.locator("#error-summary a[href='#f-statusnote']").count()).toBe(1);
      await accessible(p);
      await p.getByLabel("Ontvangen").check();
      await p.getByRole("button", { name: "Status opslaan" }).click();
      expect(await p.locator("h1 .status").textContent()).toBe("Ontvangen");

      // The entrepreneur's link from their mail: what was shared, how to reach the organisation, withdraw.
      const mail = await web.platform.client.execute({
        sql: "select text_body from outbox where recipient = 'bert@beller.test' and kind = 'referral_entrepreneur'",
      });
      const token = /\/doorverwijzing\/([A-Za-z0-9_-]+)/.exec(String(mail.rows[0]?.text_body))?.[1] ?? "";
      expect(token).not.toBe("");
      const e = await web.newPage({ javaScriptEnabled: false });
      await e.goto(`${web.url}/doorverwijzing/${token}`);
      expect(await e.getByRole("heading", { level: 1 }).textContent()).toBe("Uw doorverwijzing naar Bank Verwijzing");
      expect(await e.locator("main").textContent()).toContain("+31 77 123 4567");
      await accessible(e);
      await e.getByRole("button", { name: "Toestemming intrekken" }).click();
      expect(await e.locator("#error-summary a[href='#f-confirm']").count()).toBe(1);
      await accessible(e);
      await e.getByLabel(/Ik wil niet dat Bank Verwijzing/).check();
      await e.getByRole("button", { name: "Toestemming intrekken" }).click();
      expect(await e.getByRole("status").textContent()).toContain("Uw toestemming is ingetrokken");
      expect(await e.getByRole("button", { name: "Toestemming intrekken" }).count()).toBe(0);
      await accessible(e);

      await p.reload();
      const main = (await p.locator("main").textContent()) ?? "";
      expect(main).toContain("De ondernemer heeft de toestemming ingetrokken.");
      expect(main).not.toContain("bert@beller.test");
      expect(main).not.toContain("Bert Beller");
      expect(main).not.toContain("tweede vestiging");
      expect(await p.getByRole("button", { name: "Status opslaan" }).count()).toBe(0);
      await accessible(p);
      await p.goto(`${web.url}/partner/${org.slug}/doorverwijzingen`);
      expect(await p.locator("main").textContent()).not.toContain("Bert Beller");
      await Promise.all([page.context().close(), p.context().close(), e.context().close()]);
    },
  );
});
