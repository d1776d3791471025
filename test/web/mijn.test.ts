/**
 * "Mijn MKB Limburg" in a real browser: signing in by the mailed link (read from /dev/mail,
 * and without JavaScript), the overview with only the entrepreneur's own data, cancelling and
 * rescheduling from it, the profile form's field errors, the data export and account
 * deletion, the sessions kept apart from staff, the prefilled booking form, and what staff
 * see of a profile. axe-core checks each distinct page once.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { latestLoginToken, signInAsEntrepreneur } from "../support/entrepreneurs";
import { createFrontdesk, createRegion, createUser, insertAppointment, signInAs, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { amsterdamDate, futureSlot } from "../support/slots";
import { hasBrowser, useBrowserPlatform } from "./browser";

describe.runIf(hasBrowser)("Mijn MKB Limburg in the browser", () => {
  const web = useBrowserPlatform();
  let region: RegionFixture;
  let otherRegion: RegionFixture;
  let desk: FrontdeskFixture;
  let counter = 0;
  const unique = (what: string) => `${what}-${Date.now().toString(36)}-${counter++}@mijn.test`;

  beforeAll(async () => {
    region = await createRegion(web.platform.client);
    otherRegion = await createRegion(web.platform.client);
    // More notice than the 2 h cut-off: the soonest slots can still be changed.
    desk = await createFrontdesk(web.platform.client, region, { name: "Loket Mijn", capacityPerSlot: 5, minNoticeHours: 3 });
  });

  const accessible = (page: Page) => web.accessible(page);
  const path = (page: Page) => new URL(page.url()).pathname;

  /** An upcoming appointment at a real free time of the desk (so it can be moved to another). */
  async function upcoming(email: string, question: string, index = 0) {
    const slot = await futureSlot(web.platform, region, desk, 3, index);
    return insertAppointment(web.platform.client, desk, { startAt: Date.parse(slot.start), email, question, name: "An Eigen", companyName: "Eigen BV" });
  }

  async function row(id: string) {
    const rs = await web.platform.client.execute({ sql: "select status, start_at, email from appointments where id = ?", args: [id] });
    return { status: String(rs.rows[0]?.status), startAt: Number(rs.rows[0]?.start_at), email: rs.rows[0]?.email ?? null };
  }

  /** Asks for a link on the sign-in page and returns the link as the mail shows it. */
  async function askForLink(page: Page, email: string, viaMailbox: boolean): Promise<string> {
    if (path(page) !== "/mijn/inloggen") await page.goto(`${web.url}/mijn/inloggen`);
    await page.getByLabel(/^E-mailadres/).fill(email);
    await page.getByRole("button", { name: "Stuur mij een inloglink" }).click();
    await expect.poll(() => path(page)).toBe("/mijn/inloggen/verstuurd");
    if (!viaMailbox) return `${web.url}/mijn/inloggen?token=${await latestLoginToken(web.platform, email)}`;
    const mailbox = await page.context().newPage();
    await mailbox.goto(`${web.url}/dev/mail`);
    const mail = await mailbox.locator("article", { hasText: email }).first().innerText();
    await mailbox.close();
    const link = /(http\S+\/mijn\/inloggen\?token=[A-Za-z0-9_-]+)/.exec(mail)?.[1];
    if (!link) throw new Error(`no sign-in link in the mail to ${email}`);
    return link;
  }

  /** Signs in with the sign-in page and the mailed link's button; ends on the overview. */
  async function signIn(page: Page, email: string) {
    await page.goto(await askForLink(page, email, false));
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect.poll(() => path(page)).toBe("/mijn");
  }

  it("should sign in by the mailed link, whose page only posts the token, and show only the entrepreneur's own data", { timeout: 180_000 }, async () => {
    const an = unique("an");
    const other = unique("ander");
    await upcoming(an, "Vraag van An over een lening");
    await insertAppointment(web.platform.client, desk, {
      startAt: Date.now() - 20 * 86_400_000,
      status: "completed",
      email: an,
      question: "Oude vraag van An",
    });
    await upcoming(other, "Vraag van iemand anders");

    const page = await web.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${web.url}/mijn`);
    expect(path(page)).toBe("/mijn/inloggen");
    await accessible(page);
    await page.getByRole("button", { name: "Stuur mij een inloglink" }).click();
    await expect.poll(() => page.locator("#error-summary a").allInnerTexts()).toEqual(["Vul een geldig e-mailadres in, bijvoorbeeld naam@bedrijf.nl."]);
    await accessible(page);

    const link = await askForLink(page, an, true);
    await accessible(page);
    // An unknown address gets the same page.
    await page.goto(`${web.url}/mijn/inloggen`);
    await askForLink(page, unique("niemand"), false);
    expect(path(page)).toBe("/mijn/inloggen/verstuurd");

    // Opening the link spends nothing: only the button does.
    await page.goto(link);
    await accessible(page);
    const open = await web.platform.client.execute({
      sql: "select count(*) as n from entrepreneur_login_tokens where email = ? and used_at is null",
      args: [an],
    });
    expect(Number(open.rows[0]?.n)).toBe(1);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect.poll(() => path(page)).toBe("/mijn");
    await accessible(page);
    const main = await page.locator("main").innerText();
    expect(main).toContain("Vraag van An over een lening");
    expect(main).toContain("Oude vraag van An");
    expect(main).not.toContain("Vraag van iemand anders");
    expect(main).toContain("U heeft nog geen aanbod bewaard");
    expect(await page.getByRole("link", { name: "Een afspraak maken" }).count()).toBe(1);
    expect(await page.locator("header").getByRole("link", { name: "Mijn MKB Limburg" }).count()).toBe(1);

    // The link works once.
    const again = await web.newPage();
    await again.goto(link);
    await again.getByRole("button", { name: "Inloggen" }).click();
    await expect.poll(() => again.locator("#error-summary").innerText()).toContain("niet (meer) geldig");
    await accessible(again);
    await again.context().close();

    await page.getByRole("button", { name: "Uitloggen" }).click();
    await expect.poll(() => path(page)).toBe("/mijn/inloggen");
    await accessible(page);
    await page.goto(`${web.url}/mijn`);
    expect(path(page)).toBe("/mijn/inloggen");
    await page.context().close();
  });

  it("should show the Support Process trajectory with its commitments, sessions with whom, next step and shared documents", { timeout: 120_000 }, async () => {
    const an = unique("traject");
    const consultant = await createUser(web.platform.client, "consultant", region);
    const admin = await signInAs(web.platform, await createUser(web.platform.client, "region_admin", region));
    const asConsultant = await signInAs(web.platform, consultant);
    const base = `/api/v1/regions/${region.slug}/admin/candidates`;
    const post = async (url: string, headers: Record<string, string>, json: unknown) => {
      const response = await web.platform.fetch(url, { method: "POST", headers, json });
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      return (await response.json()) as { candidate?: { id: string } };
    };
    const registered = await post(base, admin, {
      company: { name: "Bakkerij Traject", kvkNumber: "87654321" },
      contact: { name: "An Traject", email: an, phone: "06 12345678" },
      municipality: "Maastricht",
      ambition: "Een tweede vestiging",
      topic: "groei_en_innovatie",
      consent: true,
      frontdeskId: desk.id,
    });
    const id = registered.candidate?.id ?? "";
    await post(`${base}/${id}/assign`, admin, { consultantId: consultant.id });
    await post(`${base}/${id}/stage`, asConsultant, { to: "intake" });
    await post(`${base}/${id}/commitments`, asConsultant, {
      entrepreneurCommitment: "Vier uur per week",
      consultantCommitment: "Elke week een sessie",
      entrepreneurName: "An",
    });
    const date = amsterdamDate(-2);
    await post(`${base}/${id}/sessions`, asConsultant, { date, durationMinutes: 90, attendance: "attended", note: "Werknotitie", experts: ["Fien Financier"] });
    await post(`${base}/${id}/documents`, asConsultant, { name: "Ondernemingsplan versie 1", date });

    const page = await web.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, an);
    await accessible(page);
    const section = await page.locator("section", { has: page.getByRole("heading", { name: "Uw traject in het Ondersteuningsproces" }) }).innerText();
    for (const seen of [
      "Bakkerij Traject",
      "Intake",
      "Test consultant",
      "Vier uur per week",
      "Elke week een sessie",
      "Fien Financier",
      "Ondernemingsplan versie 1",
    ])
      expect(section).toContain(seen);
    expect(section).toContain("Samen werkt u toe naar: Ambitie beoordeeld.");
    expect(section).toContain("1 gesprekken, samen 1,5 uur");
    expect(section).not.toContain("Werknotitie");
    await page.context().close();
  });

  it("should reschedule and cancel an appointment from the overview until the desk's cut-off", { timeout: 180_000 }, async () => {
    const an = unique("wijzig");
    const id = await upcoming(an, "Te verzetten vraag");
    // Within the 2 h cut-off: no online change any more.
    const soon = await insertAppointment(web.platform.client, desk, { startAt: Date.now() + 60 * 60_000, email: an, question: "Bijna nu" });
    const others = await upcoming(unique("ander"), "Niet van An", 1);

    const page = await web.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, an);
    const soonCard = page.locator(".card", { hasText: "Bijna nu" });
    expect(await soonCard.getByRole("link", { name: /Afspraak annuleren/ }).count()).toBe(0);
    expect(await soonCard.innerText()).toMatch(/Online wijzigen kan niet meer|Bel het loket/);

    const card = page.locator(".card", { hasText: "Te verzetten vraag" });
    const before = await row(id);
    await card.getByRole("link", { name: /^Afspraak verzetten/ }).click();
    await expect.poll(() => path(page)).toBe(`/mijn/afspraken/${id}/verzetten`);
    await accessible(page);
    await page.getByRole("button", { name: "Verzet naar deze tijd" }).click();
    await expect.poll(() => page.locator("#error-summary").count()).toBe(1);
    await accessible(page);
    await page.locator("input[name=start]").first().check();
    await page.getByRole("button", { name: "Verzet naar deze tijd" }).click();
    await expect.poll(() => page.getByText("Uw afspraak is verzet").count()).toBeGreaterThan(0);
    await accessible(page);
    const moved = await row(id);
    expect(moved.startAt).not.toBe(before.startAt);
    expect(moved.status).toBe("confirmed");

    await page
      .locator(".card", { hasText: "Te verzetten vraag" })
      .getByRole("link", { name: /^Afspraak annuleren/ })
      .click();
    await accessible(page);
    await page.getByRole("button", { name: "Ja, annuleer mijn afspraak" }).click();
    await expect.poll(() => page.getByText("Uw afspraak is geannuleerd").count()).toBeGreaterThan(0);
    expect((await row(id)).status).toBe("cancelled");
    // The mail about the move points to the account, not to a manage link.
    const mail = await web.platform.client.execute({ sql: "select text_body from outbox where recipient = ? and kind = 'reschedule'", args: [an] });
    expect(String(mail.rows[0]?.text_body)).toContain(`${web.url}/mijn`);
    const kinds = await web.platform.client.execute({ sql: "select kind from outbox where recipient = ? and kind = 'cancellation'", args: [an] });
    expect(kinds.rows.length).toBe(1);

    // Someone else's appointment, or one past the cut-off, cannot be changed here.
    expect((await page.goto(`${web.url}/mijn/afspraken/${others}/annuleren`))?.status()).toBe(404);
    await page.goto(`${web.url}/mijn/afspraken/${soon}/annuleren`);
    expect(path(page)).toBe("/mijn");
    expect((await row(others)).status).toBe("confirmed");
    expect((await row(soon)).status).toBe("confirmed");
    await page.context().close();
  });

  it("should show the profile form's errors field by field and save a normalised profile, not visible unless chosen", { timeout: 120_000 }, async () => {
    const an = unique("profiel");
    const page = await web.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, an);
    await page.getByRole("link", { name: "Bedrijfsprofiel invullen" }).click();
    await accessible(page);
    expect(await page.getByLabel(/^Niet zichtbaar/).isChecked()).toBe(true);
    await page.getByLabel(/^KvK-nummer/).fill("123");
    await page.getByLabel(/^Gemeente van vestiging/).fill("Atlantis");
    await page.getByLabel(/^Website/).fill("ftp://bedrijf");
    await page.getByRole("button", { name: "Profiel opslaan" }).click();
    await expect
      .poll(() => page.locator("#error-summary a").evaluateAll((as) => as.map((a) => a.getAttribute("href"))))
      .toEqual(["#f-company", "#f-kvk", "#f-municipality", "#f-website"]);
    expect(await page.locator("#f-kvk").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel(/^Gemeente van vestiging/).inputValue()).toBe("Atlantis");
    await accessible(page);

    await page.getByLabel(/^Bedrijfsnaam/).fill("Bakkerij Eigen");
    await page.getByLabel(/^KvK-nummer/).fill("1234 5678");
    await page.getByLabel(/^Gemeente van vestiging/).fill("maastricht");
    await page.getByLabel(/^Website/).fill("www.bakkerij-eigen.nl");
    await page.getByLabel(/^Sector/).selectOption("retail");
    await page.getByRole("button", { name: "Profiel opslaan" }).click();
    await expect.poll(() => page.getByText("Uw bedrijfsprofiel is opgeslagen.").count()).toBe(1);
    await accessible(page);
    const rs = await web.platform.client.execute({
      sql: "select p.* from entrepreneur_profiles p join entrepreneurs e on e.id = p.entrepreneur_id where e.email = ?",
      args: [an],
    });
    expect(rs.rows[0]).toMatchObject({
      company_name: "Bakkerij Eigen",
      kvk_number: "12345678",
      municipality: "Maastricht",
      sector: "retail",
      visible_to_peers: 0,
    });
    expect(String(rs.rows[0]?.website)).toBe("https://www.bakkerij-eigen.nl/");
    await page.context().close();
  });

  it("should prefill the booking form for a signed-in entrepreneur and show staff that they keep a profile", { timeout: 180_000 }, async () => {
    const an = unique("boek");
    const headers = await signInAsEntrepreneur(web.platform, an);
    const put = await web.platform.fetch("/api/v1/me/profile", {
      method: "PUT",
      headers,
      json: { companyName: "Profiel BV", kvkNumber: "11223344", sector: "ict" },
    });
    expect(put.status).toBe(200);
    const id = await upcoming(an, "Vraag met profiel", 2);
    const slot = await futureSlot(web.platform, region, desk, 3, 3);

    const page = await web.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, an);
    await page.goto(`${web.url}/boeken/${region.slug}/loket/${desk.id}/afspraak?start=${encodeURIComponent(slot.start)}`);
    expect(await page.getByLabel(/^E-mailadres/).inputValue()).toBe(an);
    expect(await page.getByLabel(/^Naam/).inputValue()).toBe("An Eigen");
    expect(await page.getByLabel(/^Bedrijfsnaam/).inputValue()).toBe("Profiel BV");
    expect(await page.getByLabel(/^KvK-nummer/).inputValue()).toBe("11223344");
    // The entrepreneur's session does not open a staff page.
    await page.goto(`${web.url}/beheer/${region.slug}/agenda`);
    expect(path(page)).toBe("/inloggen");
    await page.context().close();

    const start = (await row(id)).startAt;
    const staff = await web.signedInPage((await createUser(web.platform.client, "region_admin", region)).email);
    await staff.goto(`${web.url}/beheer/${region.slug}/agenda?date=${amsterdamDate(0, start)}`);
    const item = staff.locator(".agenda-item", { hasText: "Vraag met profiel" });
    expect(await item.innerText()).toContain("Heeft een bedrijfsprofiel");
    await item.getByRole("link", { name: /Bedrijfsprofiel bekijken/ }).click();
    await expect.poll(() => path(staff)).toBe(`/beheer/${region.slug}/afspraken/${id}/ondernemer`);
    await accessible(staff);
    expect(await staff.locator("main").innerText()).toContain("Profiel BV");
    // The staff session does not open /mijn.
    await staff.goto(`${web.url}/mijn`);
    expect(path(staff)).toBe("/mijn/inloggen");
    await staff.context().close();

    // Another region's admin, and frontdesk staff of another desk, do not see it.
    const url = `/beheer/${region.slug}/afspraken/${id}/ondernemer`;
    const otherAdmin = await signInAs(web.platform, await createUser(web.platform.client, "region_admin", otherRegion));
    expect((await web.platform.fetch(url, { headers: otherAdmin })).status).toBe(404);
    const elsewhere = await createFrontdesk(web.platform.client, region, { name: "Ander loket" });
    const otherStaff = await signInAs(web.platform, await createUser(web.platform.client, "frontdesk_staff", region, [elsewhere]));
    expect((await web.platform.fetch(url, { headers: otherStaff })).status).toBe(404);
  });

  it("should give the data as a JSON download and a readable page, and delete the account after a confirm step", { timeout: 180_000 }, async () => {
    const an = unique("gegevens");
    const id = await upcoming(an, "Vraag die gewist wordt");
    const page = await web.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, an);
    await page.locator("nav").getByRole("link", { name: "Mijn gegevens" }).click();
    await expect.poll(() => path(page)).toBe("/mijn/gegevens");
    await accessible(page);
    expect(await page.locator("main").innerText()).toContain("Vraag die gewist wordt");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download alles als JSON-bestand" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^mkb-limburg-mijn-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();
    const data = JSON.parse(await import("node:fs/promises").then((fs) => fs.readFile(file, "utf8"))) as {
      account: { email: string };
      appointments: { id: string }[];
    };
    expect(data.account.email).toBe(an);
    expect(data.appointments.map((a) => a.id)).toEqual([id]);

    await page.getByRole("link", { name: "Mijn account verwijderen" }).click();
    await accessible(page);
    expect(await page.locator("main").innerText()).toContain("alleen tellingen zonder persoonsgegevens");
    await page.getByRole("button", { name: "Ja, verwijder mijn account" }).click();
    await expect.poll(() => path(page)).toBe("/mijn/verwijderd");
    await accessible(page);
    const gone = await web.platform.client.execute({ sql: "select count(*) as n from entrepreneurs where email = ?", args: [an] });
    expect(Number(gone.rows[0]?.n)).toBe(0);
    // The appointment still counts (cancelled, as it was ahead), without the person.
    expect(await row(id)).toMatchObject({ status: "cancelled", email: null });
    await page.goto(`${web.url}/mijn`);
    expect(path(page)).toBe("/mijn/inloggen");
    await page.context().close();
  });

  it("should sign in and cancel from the overview with JavaScript switched off", { timeout: 180_000 }, async () => {
    const an = unique("zonderjs");
    const id = await upcoming(an, "Vraag zonder script");
    const page = await web.newPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await page.goto(`${web.url}/mijn/inloggen`);
    await accessible(page);
    await page.goto(await askForLink(page, an, false));
    await accessible(page);
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect.poll(() => path(page)).toBe("/mijn");
    await accessible(page);
    await page
      .locator(".card", { hasText: "Vraag zonder script" })
      .getByRole("link", { name: /^Afspraak annuleren/ })
      .click();
    await accessible(page);
    await page.getByRole("button", { name: "Ja, annuleer mijn afspraak" }).click();
    await expect.poll(() => page.getByText("Uw afspraak is geannuleerd").count()).toBeGreaterThan(0);
    await accessible(page);
    expect((await row(id)).status).toBe("cancelled");
    await page.context().close();
  });
});
