/**
 * The region admin's and platform admin's pages in a real browser (issue 13): the region report
 * (tables, charts readable at 390 px, the Excel CSV), the audit log, region settings, holiday
 * openings, archiving a desk, erasure, Carnival pressed twice, tables at 390 px, and the
 * platform admin's regions and region admins. axe on each page; forms also without JavaScript.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createFrontdesk,
  createRegion,
  createUser,
  insertAppointment,
  type FrontdeskFixture,
  type RegionFixture,
  type UserFixture,
} from "../support/factories";
import { amsterdamDate, nextCarnival, nextEaster, shiftDate } from "../support/slots";
import { hasBrowser, useBrowserPlatform } from "./browser";

const DAY = 86_400_000;

describe.runIf(hasBrowser)("region admin pages in the browser", () => {
  const web = useBrowserPlatform();
  let region: RegionFixture;
  let desk: FrontdeskFixture;
  let admin: UserFixture;
  let adminName: string;

  beforeAll(async () => {
    const c = web.platform.client;
    region = await createRegion(c, { name: "Regio Beheerpagina" });
    desk = await createFrontdesk(c, region, { name: "Loket Rapportage, Centrum" });
    admin = await createUser(c, "region_admin", region);
    adminName = String((await c.execute({ sql: "select name from users where id = ?", args: [admin.id] })).rows[0]?.name);
    // Past appointments with outcomes and some ahead, so the report has figures.
    for (let i = 1; i <= 12; i++) {
      await insertAppointment(c, desk, { startAt: Date.now() - i * 3 * DAY, status: i % 4 === 0 ? "no_show" : "completed", email: `past${i}@voorbeeld.test` });
    }
  });

  const phonePage = async (javaScriptEnabled = true): Promise<Page> => {
    const page = await web.newPage({ viewport: { width: 390, height: 844 }, javaScriptEnabled });
    await web.signIn(page, admin.email);
    return page;
  };

  it("should show the region report at 390 px with tables, charts whose text is at least 12 px, and a CSV for Dutch Excel", { timeout: 120_000 }, async () => {
    const page = await phonePage();
    await page.goto(`${web.url}/beheer/${region.slug}/rapportage`);
    await web.accessible(page);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toContain("Rapportage Regio Beheerpagina");
    const deskTable = page.getByRole("table", { name: "Per loket" });
    expect(await deskTable.getByRole("rowheader", { name: "Loket Rapportage, Centrum" }).count()).toBe(1);
    expect(await page.getByRole("table", { name: "Per gemeente" }).count()).toBe(1);
    // Every chart text as rendered on the phone: font size times the svg's scale.
    const sizes = await page.evaluate(() =>
      [...document.querySelectorAll<SVGTextElement>(".chart svg text")].map(
        (el) => Number.parseFloat(getComputedStyle(el).fontSize) * (el.getScreenCTM()?.a ?? 1),
      ),
    );
    expect(sizes.length).toBeGreaterThan(2);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    // No sideways scrolling of the page itself.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const excel = page.getByRole("link", { name: "Download voor Excel (CSV)" });
    const href = await excel.getAttribute("href");
    expect(href).toContain("format=excel");
    const response = await page.request.get(`${web.url}${href}`);
    expect(response.status()).toBe(200);
    const bytes = await response.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf-8").split("\r\n");
    expect(lines[0]).toBe("Regio;Loket-id;Loket;Gemeente;Cijfer;Uitsplitsing;Waarde");
    expect(lines.some((l) => l.includes(";Loket Rapportage, Centrum;") && l.includes(";booked;;12"))).toBe(true);
    expect(lines.some((l) => /;no_show_rate;;\d+,\d+$/.test(l))).toBe(true);

    // Another period through the GET form, also without JavaScript; a wrong date is said at the field.
    const plain = await phonePage(false);
    await plain.goto(`${web.url}/beheer/${region.slug}/rapportage?from=2020-13-01`);
    expect(await plain.locator("#error-summary").count()).toBe(1);
    await web.accessible(plain);
    await plain.context().close();
    await page.context().close();
  });

  it("should keep a wide table's first column in view at 390 px and say it scrolls sideways", { timeout: 60_000 }, async () => {
    const page = await phonePage();
    await page.goto(`${web.url}/beheer/${region.slug}/rapportage`);
    const wrap = page.locator(".table-wrap").first();
    expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await page.locator(".table-hint").first().isVisible()).toBe(true);
    const header = wrap.locator("tbody th").first();
    const before = await header.boundingBox();
    await wrap.evaluate((el) => el.scrollBy(400, 0));
    const after = await header.boundingBox();
    expect(after?.x).toBe(before?.x);
    // At 1280 px the hint is not there.
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.locator(".table-hint").first().isVisible()).toBe(false);
    await page.context().close();
  });

  it("should save the region settings and the no-show rule without JavaScript, and refuse a wrong retention at its field", { timeout: 120_000 }, async () => {
    const page = await phonePage(false);
    await page.goto(`${web.url}/beheer/${region.slug}/instellingen`);
    await web.accessible(page);
    await page.getByLabel("Gesloten op Bevrijdingsdag (5 mei)").check();
    await page.getByLabel(/^Bewaartermijn/).fill("0");
    await page.getByRole("button", { name: "Instellingen opslaan" }).click();
    expect(await page.locator("#error-summary").innerText()).toContain("1 tot en met 120");
    await web.accessible(page);
    await page.getByLabel(/^Bewaartermijn/).fill("18");
    await page.getByLabel(/^Regel voor niet verschenen/).fill("3");
    await page.getByRole("button", { name: "Instellingen opslaan" }).click();
    await expect.poll(() => page.getByText("De wijzigingen zijn opgeslagen.").count()).toBe(1);
    const row = await web.platform.client.execute({
      sql: "select liberation_day_closed, retention_months from regions where slug = ?",
      args: [region.slug],
    });
    expect([Number(row.rows[0]?.liberation_day_closed), Number(row.rows[0]?.retention_months)]).toEqual([1, 18]);
    expect(await page.getByLabel(/^Regel voor niet verschenen/).inputValue()).toBe("3");
    await page.context().close();
  });

  it("should let a desk open on a public holiday from its holidays page", { timeout: 60_000 }, async () => {
    const page = await phonePage();
    await page.goto(`${web.url}/beheer/${region.slug}/loketten/${desk.id}/feestdagen`);
    await web.accessible(page);
    const easterMonday = shiftDate(nextEaster(), 1);
    await page.locator(`input[name=dates][value="${easterMonday}"]`).check();
    await page.getByRole("button", { name: "Opslaan" }).click();
    await expect.poll(() => page.getByText("De wijzigingen zijn opgeslagen.").count()).toBe(1);
    await web.accessible(page);
    const rows = await web.platform.client.execute({ sql: "select date from holiday_openings where frontdesk_id = ?", args: [desk.id] });
    expect(rows.rows.map((r) => r.date)).toEqual([easterMonday]);
    expect(await page.locator(`input[name=dates][value="${easterMonday}"]`).isChecked()).toBe(true);
    await page.context().close();
  });

  it("should say Carnival is arranged once pressed, and make one closure however often it is pressed", { timeout: 60_000 }, async () => {
    const own = await createRegion(web.platform.client);
    const ownDesk = await createFrontdesk(web.platform.client, own);
    const ownAdmin = await createUser(web.platform.client, "region_admin", own);
    const page = await web.signedInPage(ownAdmin.email);
    await page.goto(`${web.url}/beheer/${own.slug}/loketten`);
    const next = nextCarnival(amsterdamDate(0));
    const button = page.getByRole("button", { name: new RegExp(`carnaval ${next.year}`, "i") });
    expect(await button.count()).toBe(1);
    // Two tabs with the button: both pressed.
    const second = await page.context().newPage();
    await second.goto(page.url());
    await button.click();
    await expect.poll(() => page.getByText(`Carnaval ${next.year} is al geregeld`).count()).toBe(1);
    await web.accessible(page);
    await second.getByRole("button", { name: new RegExp(`carnaval ${next.year}`, "i") }).click();
    await expect.poll(() => second.getByText("Carnaval was al ingesteld").count()).toBe(1);
    // At desk level it is arranged too.
    await page.goto(`${web.url}/beheer/${own.slug}/loketten/${ownDesk.id}/sluitingen`);
    expect(await page.getByText(`Carnaval ${next.year} is al geregeld: dit loket is dan dicht.`).count()).toBe(1);
    const rows = await web.platform.client.execute({ sql: "select count(*) as n from closures where frontdesk_id = ?", args: [ownDesk.id] });
    expect(Number(rows.rows[0]?.n)).toBe(1);
    await page.context().close();
  });

  it("should list the appointments a closure affects and cancel them with a message in the usual mail", { timeout: 120_000 }, async () => {
    const c = web.platform.client;
    const closing = await createFrontdesk(c, region, { name: "Loket Verbouwing" });
    const date = amsterdamDate(8);
    const start = Date.parse(`${date}T10:00:00+01:00`);
    const hit = await insertAppointment(c, closing, { startAt: start, name: "Bram Sluiting", email: "bram@sluiting.test" });
    const spared = await insertAppointment(c, closing, { startAt: start + 2 * DAY, name: "Cor Later", email: "cor@later.test" });
    const page = await phonePage(false);
    await page.goto(`${web.url}/beheer/${region.slug}/loketten/${closing.id}/sluitingen`);
    await page.getByLabel(/^Eerste dag/).fill(date);
    await page.getByLabel(/^Reden/).fill("Verbouwing");
    await page.getByRole("button", { name: "Sluitingsdag toevoegen" }).click();
    const panel = page.getByRole("region", { name: "Verbouwing: 1 afspraken op deze dagen" });
    await expect.poll(() => panel.count()).toBe(1);
    await web.accessible(page);
    expect(await panel.innerText()).toContain("Bram Sluiting");
    expect(await panel.innerText()).not.toContain("Cor Later");
    await panel.getByRole("button", { name: "Annuleer deze 1 afspraken en mail de ondernemers" }).click();
    expect(await page.locator("#error-summary").innerText()).toContain("Schrijf een bericht");
    await web.accessible(page);
    await page.getByLabel(/^Bericht aan de ondernemers/).fill("Wij verbouwen. U bent welkom bij Loket Rapportage.");
    await page.getByRole("button", { name: "Annuleer deze 1 afspraken en mail de ondernemers" }).click();
    await expect.poll(() => page.getByText("1 afspraken zijn geannuleerd.").count()).toBe(1);
    const status = await c.execute({ sql: "select id, status from appointments where id in (?, ?) order by id = ? desc", args: [hit, spared, hit] });
    expect(status.rows.map((r) => r.status)).toEqual(["cancelled", "confirmed"]);
    const mail = await c.execute({ sql: "select text_body from outbox where recipient = ? and kind = 'cancellation'", args: ["bram@sluiting.test"] });
    expect(String(mail.rows[0]?.text_body)).toContain("Bericht van het loket: Wij verbouwen. U bent welkom bij Loket Rapportage.");
    const audit = await c.execute({
      sql: "select count(*) as n from audit_log where action = 'appointment.cancelled_by_staff' and target_id = ?",
      args: [hit],
    });
    expect(Number(audit.rows[0]?.n)).toBe(1);
    await page.context().close();
  });

  it("should list the appointments ahead before archiving a desk, and cancel them only when chosen", { timeout: 120_000 }, async () => {
    const c = web.platform.client;
    const closing = await createFrontdesk(c, region, { name: "Loket Sluit" });
    const ahead = await insertAppointment(c, closing, { startAt: Date.now() + 5 * DAY, name: "Anouk Toekomst", email: "anouk@toekomst.test" });
    const page = await phonePage(false);
    await page.goto(`${web.url}/beheer/${region.slug}/loketten/${closing.id}/archiveren`);
    await web.accessible(page);
    expect(await page.getByRole("table").innerText()).toContain("Anouk Toekomst");
    await page.getByRole("button", { name: "Loket archiveren" }).click();
    expect(await page.locator("#error-summary").innerText()).toContain("Kies of de afspraken");
    await web.accessible(page);
    await page.getByLabel("Niet archiveren zolang er afspraken staan").check();
    await page.getByRole("button", { name: "Loket archiveren" }).click();
    expect(await page.locator("#error-summary").innerText()).toContain("Er staan nog afspraken");
    await page.getByLabel("Annuleer ze en stuur elke ondernemer een e-mail").check();
    await page.getByRole("button", { name: "Loket archiveren" }).click();
    await expect.poll(() => page.getByText("Loket Sluit is gearchiveerd; 1 afspraken zijn geannuleerd").count()).toBe(1);
    await web.accessible(page);
    const row = await c.execute({ sql: "select status from appointments where id = ?", args: [ahead] });
    expect(row.rows[0]?.status).toBe("cancelled");
    const mail = await c.execute({ sql: "select count(*) as n from outbox where recipient = ? and kind = 'cancellation'", args: ["anouk@toekomst.test"] });
    expect(Number(mail.rows[0]?.n)).toBe(1);
    await page.context().close();
  });

  it("should erase one entrepreneur's data after a confirm step and show the counts", { timeout: 120_000 }, async () => {
    const c = web.platform.client;
    const email = "erik@wissen.test";
    await insertAppointment(c, desk, { startAt: Date.now() - 20 * DAY, status: "completed", email, name: "Erik Wissen" });
    await insertAppointment(c, desk, { startAt: Date.now() + 6 * DAY, email, name: "Erik Wissen" });
    const page = await phonePage(false);
    await page.goto(`${web.url}/beheer/${region.slug}/gegevens-wissen`);
    await web.accessible(page);
    await page.getByLabel(/^E-mailadres van de ondernemer/).fill("geen-adres");
    await page.getByRole("button", { name: "Verder" }).click();
    expect(await page.locator("#error-summary").count()).toBe(1);
    await page.getByLabel(/^E-mailadres van de ondernemer/).fill(email);
    await page.getByRole("button", { name: "Verder" }).click();
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Weet u het zeker?");
    await web.accessible(page);
    // Nothing is erased before the confirmation.
    const before = await c.execute({ sql: "select count(*) as n from appointments where email = ?", args: [email] });
    expect(Number(before.rows[0]?.n)).toBe(2);
    await page.getByRole("button", { name: "Ja, wis de gegevens" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "De gegevens zijn gewist" }).count()).toBe(1);
    await web.accessible(page);
    const text = await page.locator("main").innerText();
    expect(text).toMatch(/Afspraken anoniem gemaakt\s*2/);
    expect(text).toMatch(/Afspraken geannuleerd\s*1/);
    const after = await c.execute({ sql: "select count(*) as n from appointments where email = ?", args: [email] });
    expect(Number(after.rows[0]?.n)).toBe(0);
    await page.context().close();
  });

  it("should show the audit log with names, words and Amsterdam times, filtered by kind and paged", { timeout: 120_000 }, async () => {
    const c = web.platform.client;
    // 60 older entries of the admin, so there is a second page.
    const regionId = (await c.execute({ sql: "select id from regions where slug = ?", args: [region.slug] })).rows[0]?.id as string;
    const base = Date.now() - 40 * DAY;
    await c.batch(
      Array.from({ length: 60 }, (_, i) => ({
        sql: "insert into audit_log (id, region_id, actor_user_id, action, target_type, target_id, detail, created_at) values (?, ?, ?, 'frontdesk.hours_changed', 'frontdesk', ?, '{}', ?)",
        args: [`oud-${String(i).padStart(3, "0")}`, regionId, admin.id, desk.id, base + i * 60_000],
      })),
      "write",
    );
    const page = await phonePage();
    await page.goto(`${web.url}/beheer/${region.slug}/logboek`);
    await web.accessible(page);
    const table = page.getByRole("table");
    // The settings saved earlier in this file, by the admin's name, in words.
    expect(await table.innerText()).toContain("Regio-instellingen gewijzigd");
    expect(await table.innerText()).toContain(adminName);
    await page.getByLabel("Soort").selectOption("frontdesk");
    await page.getByRole("button", { name: "Toon" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("soort")).toBe("frontdesk");
    expect(await table.innerText()).not.toContain("Regio-instellingen gewijzigd");
    expect(await table.innerText()).toContain("Openingstijden gewijzigd");
    expect(await table.innerText()).toContain("Loket Rapportage, Centrum");
    await page.getByRole("link", { name: "Oudere regels" }).click();
    await web.accessible(page);
    expect(await page.getByRole("row").count()).toBeGreaterThan(1);
    expect(new URL(page.url()).searchParams.get("soort")).toBe("frontdesk");
    // The oldest entry, 40 days ago, is shown at its Amsterdam time.
    const oldest = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(base);
    expect(await table.innerText()).toContain(oldest);
    await page.context().close();
  });

  it("should let the platform admin create a region and disable and enable its region admin", { timeout: 120_000 }, async () => {
    const c = web.platform.client;
    const platformAdmin = await createUser(c, "platform_admin", null);
    const page = await web.newPage({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    await web.signIn(page, platformAdmin.email);
    await page.goto(`${web.url}/beheer`);
    await page.getByRole("link", { name: "Regio's en regiobeheerders" }).click();
    await web.accessible(page);
    await page.getByRole("link", { name: "Nieuwe regio" }).click();
    await web.accessible(page);
    await page.getByLabel(/^Naam van de regio/).fill("Regio Proefgebied");
    await page.getByLabel(/^Korte naam/).fill("Proef Gebied");
    await page.getByLabel(/^Organisatie die de regio uitvoert/).fill("Proef BV");
    await page.getByLabel(/^Gemeenten/).fill("0935 Maastricht\n0917 Heerlen");
    await page.getByRole("button", { name: "Regio aanmaken" }).click();
    expect(await page.locator("#error-summary").innerText()).toContain("kleine letters");
    await web.accessible(page);
    await page.getByLabel(/^Korte naam/).fill("proefgebied");
    await page.getByRole("button", { name: "Regio aanmaken" }).click();
    await expect.poll(() => page.getByText("De regio Regio Proefgebied is aangemaakt.").count()).toBe(1);
    const made = await c.execute("select (select count(*) from municipalities m join regions r on r.id = m.region_id where r.slug = 'proefgebied') as n");
    expect(Number(made.rows[0]?.n)).toBe(2);
    expect(await page.getByRole("heading", { name: "Regio Proefgebied" }).count()).toBe(1);

    // The region admin of the region of this file: disabled (sessions end), then enabled.
    const table = page.getByRole("table", { name: "Regio Beheerpagina" });
    await table.getByRole("button", { name: `Uitschakelen ${adminName}` }).click();
    await expect.poll(() => page.getByText("Het account is uitgeschakeld.").count()).toBe(1);
    await web.accessible(page);
    const disabled = await c.execute({ sql: "select disabled_at from users where id = ?", args: [admin.id] });
    expect(disabled.rows[0]?.disabled_at).not.toBeNull();
    await page
      .getByRole("table", { name: "Regio Beheerpagina" })
      .getByRole("button", { name: `Inschakelen ${adminName}` })
      .click();
    await expect.poll(() => page.getByText("Het account is weer ingeschakeld.").count()).toBe(1);
    const enabled = await c.execute({ sql: "select disabled_at from users where id = ?", args: [admin.id] });
    expect(enabled.rows[0]?.disabled_at).toBeNull();
    await page.context().close();
  });
});
