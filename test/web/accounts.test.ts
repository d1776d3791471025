/**
 * Accounts in a real browser: a region admin invites a staff member, who opens the link from
 * the e-mail, chooses a password and lands signed in on the agenda; forgotten password and
 * reset; changing one's own password; disabling an account; the platform admin invites a
 * region admin. Every page is checked with axe-core.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createFrontdesk, createRegion, createUser, TEST_PASSWORD, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { hasBrowser, useBrowserPlatform } from "./browser";

const NEW_PASSWORD = "Zonnige-ochtend-in-Venlo-42";
const RESET_PASSWORD = "Fietsen-langs-de-Maas-in-mei";

describe.runIf(hasBrowser)("account pages in the browser", () => {
  const web = useBrowserPlatform();
  let region: RegionFixture;
  let desk: FrontdeskFixture;

  beforeAll(async () => {
    region = await createRegion(web.platform.client);
    desk = await createFrontdesk(web.platform.client, region, { name: "Loket Centrum" });
    await createFrontdesk(web.platform.client, region, { name: "Loket Noord" });
  });

  const accessible = (page: Page) => web.accessible(page);
  const signIn = (page: Page, email: string, password?: string) => web.signIn(page, email, password);

  /** The link in the newest account e-mail to `email`, as a path on the test platform. */
  async function linkFromMail(email: string, kind: "invitation" | "password_reset"): Promise<string> {
    const rows = await web.platform.client.execute({
      sql: "select text_body from outbox where recipient = ? and kind = ? order by created_at desc limit 1",
      args: [email, kind],
    });
    const text = String(rows.rows[0]?.text_body ?? "");
    const match = /(https?:\/\/\S+\/account\/\S+\?token=[A-Za-z0-9_%-]+)/.exec(text);
    if (!match?.[1]) throw new Error(`no ${kind} mail for ${email}`);
    const url = new URL(match[1]);
    return `${web.url}${url.pathname}${url.search}`;
  }

  it("should let a region admin invite frontdesk staff who then choose a password and land signed in on the agenda", { timeout: 120_000 }, async () => {
    const admin = await createUser(web.platform.client, "region_admin", region);
    const page = await web.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, admin.email);
    await page.getByRole("link", { name: "Medewerkers", exact: true }).click();
    expect(new URL(page.url()).pathname).toBe(`/beheer/${region.slug}/medewerkers`);
    await accessible(page);
    await page.getByRole("link", { name: "Medewerker uitnodigen" }).click();
    await accessible(page);

    // An empty form: an error summary that links to the fields.
    await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await expect.poll(() => page.locator("#error-summary").count()).toBe(1);
    expect(await page.locator("#error-summary a").evaluateAll((links) => links.map((a) => a.getAttribute("href")))).toEqual(["#f-name", "#f-email", "#f-role"]);
    await accessible(page);

    // Desk staff without a desk are refused.
    const email = `nieuw-${Date.now()}@example.test`;
    await page.getByLabel(/^Naam/).fill("Noor Janssen");
    await page.getByLabel(/^E-mailadres/).fill(email);
    await page.getByLabel("Loketmedewerker", { exact: true }).check();
    await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await expect.poll(() => page.locator("#error-summary").innerText()).toContain("ten minste één loket");
    await accessible(page);

    await page.getByLabel(/^Loket Centrum/).check();
    await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await expect.poll(() => page.getByText(`De uitnodiging is verstuurd naar ${email}.`).count()).toBe(1);
    await accessible(page);
    const row = page.locator("tr", { hasText: "Noor Janssen" });
    expect(await row.innerText()).toContain("Uitgenodigd");
    expect(await row.innerText()).toContain("Loket Centrum");

    // The same address twice: a clear message on the e-mail field.
    await page.getByRole("link", { name: "Medewerker uitnodigen" }).click();
    await page.getByLabel(/^Naam/).fill("Noor Janssen");
    await page.getByLabel(/^E-mailadres/).fill(email);
    await page.getByLabel("MKB-adviseur", { exact: true }).check();
    await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await expect.poll(() => page.locator("#error-summary").innerText()).toContain("bestaat al een account");
    await page.context().close();

    // The new staff member opens the link in the e-mail.
    const link = await linkFromMail(email, "invitation");
    const invited = await web.newPage({ viewport: { width: 1280, height: 900 } });
    await invited.goto(link);
    await expect.poll(() => invited.getByRole("heading", { name: "Welkom bij MKB Limburg" }).count()).toBe(1);
    await accessible(invited);

    // A common password is refused with the policy's message, in Dutch.
    await invited.getByLabel(/^Nieuw wachtwoord/).fill("Wachtwoord2024!");
    await invited.getByLabel(/^Herhaal het nieuwe wachtwoord/).fill("Wachtwoord2024!");
    await invited.getByRole("button", { name: "Wachtwoord instellen en inloggen" }).click();
    await expect.poll(() => invited.locator("#error-summary").innerText()).toContain("komt te vaak voor");
    expect(await invited.locator("#f-password").getAttribute("aria-invalid")).toBe("true");
    await accessible(invited);

    await invited.getByLabel(/^Nieuw wachtwoord/).fill(NEW_PASSWORD);
    await invited.getByLabel(/^Herhaal het nieuwe wachtwoord/).fill(NEW_PASSWORD);
    await invited.getByRole("button", { name: "Wachtwoord instellen en inloggen" }).click();
    await expect.poll(() => new URL(invited.url()).pathname).toBe(`/beheer/${region.slug}/agenda`);
    expect(await invited.getByText("Ingelogd als Noor Janssen").count()).toBe(1);
    await accessible(invited);

    // The link works once.
    await invited.goto(link);
    await expect.poll(() => invited.getByRole("heading", { name: "Deze link werkt niet meer" }).count()).toBe(1);
    await accessible(invited);
    await invited.context().close();
  });

  it("should send a reset link for a forgotten password and show the same neutral page for an unknown address", { timeout: 120_000 }, async () => {
    const user = await createUser(web.platform.client, "frontdesk_staff", region, [desk]);
    const page = await web.newPage();
    await page.goto(`${web.url}/inloggen`);
    await page.getByRole("link", { name: "Wachtwoord vergeten?" }).click();
    await accessible(page);

    await page.getByRole("button", { name: "Stuur mij een link" }).click();
    await expect.poll(() => page.locator("#error-summary").count()).toBe(1);
    await accessible(page);

    await page.getByLabel(/^E-mailadres/).fill("niemand@example.test");
    await page.getByRole("button", { name: "Stuur mij een link" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Controleer uw e-mail" }).count()).toBe(1);
    const neutral = await page.locator("main").innerText();
    await accessible(page);

    await page.goto(`${web.url}/account/wachtwoord-vergeten`);
    await page.getByLabel(/^E-mailadres/).fill(user.email);
    await page.getByRole("button", { name: "Stuur mij een link" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Controleer uw e-mail" }).count()).toBe(1);
    expect(await page.locator("main").innerText()).toBe(neutral);

    await page.goto(await linkFromMail(user.email, "password_reset"));
    await expect.poll(() => page.getByRole("heading", { name: "Nieuw wachtwoord kiezen" }).count()).toBe(1);
    await accessible(page);
    await page.getByLabel(/^Nieuw wachtwoord/).fill(RESET_PASSWORD);
    await page.getByLabel(/^Herhaal het nieuwe wachtwoord/).fill(`${RESET_PASSWORD}x`);
    await page.getByRole("button", { name: "Wachtwoord opslaan en inloggen" }).click();
    await expect.poll(() => page.locator("#error-summary").innerText()).toContain("niet gelijk");
    await accessible(page);
    await page.getByLabel(/^Nieuw wachtwoord/).fill(RESET_PASSWORD);
    await page.getByLabel(/^Herhaal het nieuwe wachtwoord/).fill(RESET_PASSWORD);
    await page.getByRole("button", { name: "Wachtwoord opslaan en inloggen" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/beheer/${region.slug}/agenda`);
    await page.context().close();

    // The old password no longer works; the new one does.
    const fresh = await web.newPage();
    await fresh.goto(`${web.url}/inloggen`);
    await fresh.getByLabel(/^E-mailadres/).fill(user.email);
    await fresh.getByLabel(/^Wachtwoord/).fill(TEST_PASSWORD);
    await fresh.getByRole("button", { name: "Inloggen" }).click();
    await expect.poll(() => fresh.locator("#error-summary").innerText()).toContain("niet juist");
    await signIn(fresh, user.email, RESET_PASSWORD);
    expect(new URL(fresh.url()).pathname).toBe(`/beheer/${region.slug}/agenda`);
  });

  it("should let a signed-in user change their password with the current one", { timeout: 120_000 }, async () => {
    const user = await createUser(web.platform.client, "region_admin", region);
    const page = await web.newPage();
    await signIn(page, user.email);
    await page.getByRole("link", { name: "Wachtwoord wijzigen" }).click();
    await accessible(page);

    await page.getByLabel(/^Huidig wachtwoord/).fill("niet-het-goede-wachtwoord");
    await page.getByLabel(/^Nieuw wachtwoord/).fill(NEW_PASSWORD);
    await page.getByLabel(/^Herhaal het nieuwe wachtwoord/).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
    await expect.poll(() => page.locator("#error-summary").innerText()).toContain("huidige wachtwoord is niet juist");
    await accessible(page);

    await page.getByLabel(/^Huidig wachtwoord/).fill(TEST_PASSWORD);
    await page.getByLabel(/^Nieuw wachtwoord/).fill(NEW_PASSWORD);
    await page.getByLabel(/^Herhaal het nieuwe wachtwoord/).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
    await expect.poll(() => page.getByText("Uw wachtwoord is gewijzigd.").count()).toBe(1);
    await accessible(page);

    // In English as well.
    await page.goto(`${web.url}/account/wachtwoord?lang=en`);
    expect(await page.getByRole("heading", { name: "Change password" }).count()).toBe(1);
    await accessible(page);
    await page.goto(`${web.url}/account/wachtwoord?lang=nl`);
    await page.context().close();
  });

  it("should let a region admin change a role, resend an invitation and disable and enable an account", { timeout: 120_000 }, async () => {
    const admin = await createUser(web.platform.client, "region_admin", region);
    const staff = await createUser(web.platform.client, "frontdesk_staff", region, [desk]);
    const page = await web.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, admin.email);

    // The staff member is signed in elsewhere.
    const other = await web.newPage();
    await signIn(other, staff.email);

    await page.goto(`${web.url}/beheer/${region.slug}/medewerkers/${staff.id}`);
    await accessible(page);
    await page.getByLabel("MKB-adviseur", { exact: true }).check();
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => page.getByText("De wijzigingen zijn opgeslagen.").count()).toBe(1);
    expect(await page.locator("tr", { hasText: staff.email }).innerText()).toContain("MKB-adviseur");
    const roles = await web.platform.client.execute({ sql: "select role from users where id = ?", args: [staff.id] });
    expect(roles.rows[0]?.role).toBe("consultant");

    await page.goto(`${web.url}/beheer/${region.slug}/medewerkers/${staff.id}`);
    await page.getByRole("button", { name: /^Uitschakelen/ }).click();
    await expect.poll(() => page.getByText(/Het account is uitgeschakeld/).count()).toBe(1);
    expect(await page.locator("tr", { hasText: staff.email }).innerText()).toContain("Uitgeschakeld");
    await accessible(page);
    await other.reload();
    expect(new URL(other.url()).pathname).toBe("/inloggen");

    await page.goto(`${web.url}/beheer/${region.slug}/medewerkers/${staff.id}`);
    await page.getByRole("button", { name: /^Inschakelen/ }).click();
    await expect.poll(() => page.getByText("Het account is weer ingeschakeld.").count()).toBe(1);

    // An invited account (no password yet) gets a fresh invitation.
    await page.getByRole("link", { name: "Medewerker uitnodigen" }).click();
    const email = `adviseur-${Date.now()}@example.test`;
    await page.getByLabel(/^Naam/).fill("Sam Hermans");
    await page.getByLabel(/^E-mailadres/).fill(email);
    await page.getByLabel("MKB-adviseur", { exact: true }).check();
    await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await expect.poll(() => page.getByText(`De uitnodiging is verstuurd naar ${email}.`).count()).toBe(1);
    const first = await linkFromMail(email, "invitation");
    await page
      .locator("tr", { hasText: "Sam Hermans" })
      .getByRole("link", { name: /Wijzigen/ })
      .click();
    await page.getByRole("button", { name: "Uitnodiging opnieuw versturen" }).click();
    await expect.poll(() => page.getByText("Er is een nieuwe uitnodiging verstuurd.").count()).toBe(1);
    const second = await linkFromMail(email, "invitation");
    expect(second).not.toBe(first);
    await page.goto(first);
    expect(await page.getByRole("heading", { name: "Deze link werkt niet meer" }).count()).toBe(1);

    // Their own account and other region admins are not editable here.
    const own = await page.goto(`${web.url}/beheer/${region.slug}/medewerkers/${admin.id}`);
    expect(own?.status()).toBe(403);
    await page.context().close();
  });

  it("should let the platform admin invite a region admin", { timeout: 120_000 }, async () => {
    const platformAdmin = await createUser(web.platform.client, "platform_admin", null);
    const page = await web.newPage();
    await signIn(page, platformAdmin.email);
    await page.getByRole("link", { name: "Regiobeheerder uitnodigen" }).click();
    await accessible(page);
    await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await expect.poll(() => page.locator("#error-summary").count()).toBe(1);
    await accessible(page);
    const email = `regiobeheer-${Date.now()}@example.test`;
    await page.getByLabel(/^Regio/).selectOption(region.slug);
    await page.getByLabel(/^Naam/).fill("Ilse Willems");
    await page.getByLabel(/^E-mailadres/).fill(email);
    await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await expect.poll(() => page.getByText(`De uitnodiging is verstuurd naar ${email}.`).count()).toBe(1);
    await accessible(page);
    const rows = await web.platform.client.execute({ sql: "select role, region_id from users where email = ?", args: [email] });
    expect(rows.rows[0]?.role).toBe("region_admin");
    expect(rows.rows[0]?.region_id).toBe(region.id);
    await page.context().close();
  });
});
