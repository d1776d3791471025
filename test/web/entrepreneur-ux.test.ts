/**
 * The entrepreneur's path as issue 13 asks for it, in a real browser: find the desks that
 * serve your municipality (nearest first), the soonest time in the first screen, a month
 * calendar that says why a day has no times, the day picker before the desk details on a
 * phone, the municipality carried into the booking, and a confirmation with the appointment
 * number, the desk's phone (written for people), calendar links, what to bring and a map link.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../src/db/schema";
import { newId } from "../../src/lib/ids";
import { localDayBounds } from "../../src/lib/time";
import { createFrontdesk, createRegion, testDb, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { amsterdamDate, isPublicHoliday, nextYearly, openDate } from "../support/slots";
import { hasBrowser, useBrowserPlatform } from "./browser";

describe.runIf(hasBrowser)("the entrepreneur's path in the browser", () => {
  const web = useBrowserPlatform();
  let region: RegionFixture;
  let maastricht: FrontdeskFixture;
  let video: FrontdeskFixture;
  let christmas: string;

  beforeAll(async () => {
    region = await createRegion(web.platform.client);
    const db = testDb(web.platform.client);
    await db.batch([
      db.insert(schema.municipalities).values({ id: newId(), regionId: region.id, cbsCode: "0981", name: "Vaals" }),
      db.insert(schema.municipalities).values({ id: newId(), regionId: region.id, cbsCode: "0917", name: "Heerlen" }),
    ]);
    maastricht = await createFrontdesk(web.platform.client, region, {
      name: "Ondernemersloket Maastricht",
      modes: ["in_person"],
      minNoticeHours: 72,
      phone: "+31433505050",
    });
    video = await createFrontdesk(web.platform.client, region, {
      name: "Videospreekuur Heerlen",
      municipality: "Heerlen",
      modes: ["video"],
      servedMunicipalities: ["Heerlen"],
    });
    christmas = nextYearly((year) => `${year}-12-25`);
    await web.platform.client.batch(
      [
        {
          sql: "update frontdesks set email = ?, visit_info = ?, access_info = ? where id = ?",
          args: ["loket@maastricht.test", "Neem uw KvK-nummer mee.", "Lift aanwezig; parkeren in de garage.", maastricht.id],
        },
        {
          sql: "insert into closures (id, region_id, frontdesk_id, from_date, to_date, reason, created_at) values (?, ?, ?, ?, ?, ?, ?)",
          args: [newId(), region.id, maastricht.id, christmas.replace(/25$/, "28"), christmas.replace(/25$/, "28"), "Verbouwing", Date.now()],
        },
      ],
      "write",
    );
  });

  const accessible = (page: Page) => web.accessible(page);

  it("should find the desks that serve Vaals from the start page, with the soonest time in the first screen of a phone", { timeout: 120_000 }, async () => {
    const page = await web.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${web.url}/`);
    // The municipality list preselects nothing.
    expect(await page.locator("#f-municipality").inputValue()).toBe("");
    await page.locator("#f-municipality").selectOption("Vaals");
    await page.getByRole("button", { name: "Zoeken" }).click();
    await expect.poll(() => page.url()).toContain("municipality=Vaals");
    await accessible(page);
    const titles = await page.locator(".card__title").allInnerTexts();
    // The Maastricht desk serves the whole region; the video desk serves the whole region by video; nearest first.
    expect(titles).toEqual(["Videospreekuur Heerlen", "Ondernemersloket Maastricht"]);
    expect(await page.getByText("Alleen videogesprekken").count()).toBe(1);
    const soonest = await page.locator(".earliest__when").boundingBox();
    expect(soonest && soonest.y + soonest.height).toBeLessThan(844);
    await page.context().close();
  });

  it("should show a Monday-first month calendar that says why days have no times, before the desk details on a phone", { timeout: 120_000 }, async () => {
    const page = await web.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${web.url}/boeken/${region.slug}/loket/${maastricht.id}?maand=${christmas.slice(0, 7)}`);
    await accessible(page);
    expect(await page.locator(".calendar__grid thead th").allInnerTexts()).toEqual(["ma", "di", "wo", "do", "vr", "za", "zo"]);
    expect(await page.locator(".calendar__grid tbody tr").first().locator("td").count()).toBe(7);
    // Every week is one row of seven columns side by side, closed weekend days included.
    for (const row of await page.locator(".calendar__grid tbody tr").all()) {
      const xs = await row.locator("td").evaluateAll((cells) => cells.map((td) => Math.round(td.getBoundingClientRect().x)));
      expect(xs.every((x, i) => i === 0 || x > (xs[i - 1] ?? 0))).toBe(true);
      const ys = await row.locator("td").evaluateAll((cells) => cells.map((td) => Math.round(td.getBoundingClientRect().y)));
      expect(new Set(ys).size).toBe(1);
    }
    const cell = (date: string) => page.locator("td.day").filter({ has: page.locator(".day__num", { hasText: new RegExp(`^${Number(date.slice(8))}$`) }) });
    expect(await cell(christmas).innerText()).toContain("Eerste Kerstdag");
    expect(await cell(christmas.replace(/25$/, "28")).innerText()).toContain("Verbouwing");
    // The calendar comes before the desk's details; the phone is written for people.
    const calendar = await page.locator("#kalender").boundingBox();
    const info = await page.locator("[aria-labelledby=desk-info-title]").boundingBox();
    expect(calendar && info && calendar.y < info.y).toBe(true);
    expect(await page.locator("[aria-labelledby=desk-info-title]").innerText()).toContain("043 350 50 50");
    expect(await page.locator("[aria-labelledby=desk-info-title] a[href^='https://www.openstreetmap.org/search']").count()).toBe(1);

    // 72 hours' notice: the day after a morning reads "Te kort van tevoren". The page's clock is
    // pinned to 08:00 of the first day from today whose next day is no public holiday (Easter
    // Sunday and Monday, or Christmas, can fill the next two days).
    let morning = 0;
    while (isPublicHoliday(amsterdamDate(morning + 1))) morning++;
    const soon = amsterdamDate(morning + 1);
    await page.context().setExtraHTTPHeaders({ "x-test-now": new Date(localDayBounds(amsterdamDate(morning)).start + 8 * 3_600_000).toISOString() });
    await page.goto(`${web.url}/boeken/${region.slug}/loket/${maastricht.id}?maand=${soon.slice(0, 7)}`);
    expect(await cell(soon).innerText()).toContain("Te kort van tevoren");
    await page.context().close();
  });

  it("should keep the place and the municipality from the calendar to the confirmation, without JavaScript", { timeout: 180_000 }, async () => {
    const page = await web.newPage({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    await page.goto(`${web.url}/boeken/${region.slug}/loket/${maastricht.id}?municipality=Vaals`);
    await page.locator("#kalender .link-next").click();
    await expect.poll(() => page.url()).toMatch(/maand=\d{4}-\d{2}.*#kalender$/);
    await page.locator(".day a").first().click();
    await expect.poll(() => page.url()).toMatch(/date=\d{4}-\d{2}-\d{2}.*#tijden$/);
    await accessible(page);
    await page.locator(".slot").first().click();
    expect(await page.getByLabel(/^Gemeente van uw bedrijf/).inputValue()).toBe("Vaals");
    await accessible(page);

    await page.getByLabel(/^Onderwerp/).selectOption("financiering");
    await page.getByLabel(/^Naam/).fill("Vera Vaals");
    await page.getByLabel(/^E-mailadres/).fill("vera@vaals.test");
    await page.getByRole("button", { name: "Afspraak bevestigen" }).click();
    // A checkbox group with an error keeps its red bar.
    await expect.poll(() => page.locator("#error-summary").count()).toBe(1);
    expect(await page.locator("fieldset.field--error").evaluate((el) => getComputedStyle(el).borderLeftWidth)).toBe("4px");
    // A form problem is not "something went wrong".
    expect(await page.locator("#error-summary-title").innerText()).toBe("Controleer deze punten en pas ze aan:");
    await page.getByLabel(/Ik geef toestemming/).check();
    await page.getByRole("button", { name: "Afspraak bevestigen" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Uw afspraak is gemaakt" }).count()).toBe(1);
    await accessible(page);

    const text = await page.locator("main").innerText();
    expect(text).toMatch(/Afspraaknummer\s+[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(text).toContain("043 350 50 50");
    expect(text).toContain("loket@maastricht.test");
    expect(text).toContain("Neem uw KvK-nummer mee.");
    expect(text).toContain("Lift aanwezig; parkeren in de garage.");
    expect(await page.getByRole("link", { name: "Zet in Google Agenda" }).getAttribute("href")).toMatch(
      /^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE/,
    );
    expect(await page.getByRole("link", { name: "Zet in Outlook-agenda" }).getAttribute("href")).toMatch(/^https:\/\/outlook\.live\.com\//);
    const stored = await web.platform.client.execute({ sql: "select entrepreneur_municipality from appointments where email = ?", args: ["vera@vaals.test"] });
    expect(stored.rows[0]?.entrepreneur_municipality).toBe("Vaals");
    await page.context().close();
  });

  it(
    "should take a date typed as dd-mm-jjjj, show the chosen day that way, and say what is wrong with a date it cannot take, without JavaScript",
    { timeout: 180_000 },
    async () => {
      const page = await web.newPage({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
      const dutch = (date: string) => `${date.slice(8)}-${date.slice(5, 7)}-${date.slice(0, 4)}`;
      const typeDate = async (text: string) => {
        await page.getByLabel(/^Of typ een datum/).fill(text);
        await page.getByRole("button", { name: "Toon tijden" }).click();
        await page.waitForURL((url) => url.searchParams.get("date") === text && url.hash === "#tijden");
      };
      await page.goto(`${web.url}/boeken/${region.slug}/loket/${video.id}?municipality=Heerlen`);

      // A day with times, typed without leading zeros: that day's times, and the field shows it as dd-mm-jjjj.
      const open = openDate(3);
      await typeDate(`${Number(open.slice(8))}-${Number(open.slice(5, 7))}-${open.slice(0, 4)}`);
      expect(new URL(page.url()).searchParams.get("municipality")).toBe("Heerlen");
      expect(await page.locator(".day a[aria-current=date]").getAttribute("href")).toContain(`date=${open}`);
      expect(await page.locator("#tijden .slot").count()).toBeGreaterThan(0);
      expect(await page.locator("#f-date").inputValue()).toBe(dutch(open));
      await accessible(page);

      // A day without times says why.
      await typeDate(dutch(christmas));
      expect(await page.locator("#tijden").innerText()).toMatch(/geen tijden vrij: Eerste Kerstdag/);
      expect(await page.locator(".calendar__caption").innerText()).toBe(`december ${christmas.slice(0, 4)}`);
      expect(await page.locator("#f-date").inputValue()).toBe(dutch(christmas));

      // A day that does not exist: a clear message where the times would be and at the field, which keeps what was typed.
      const noSuchDay = `31-02-${christmas.slice(0, 4)}`;
      await typeDate(noSuchDay);
      expect(await page.locator("#tijden").innerText()).toContain("Deze datum bestaat niet. Controleer de dag en de maand.");
      expect(await page.locator("#f-date").getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("#f-date").inputValue()).toBe(noSuchDay);
      expect((await fetch(page.url())).status).toBe(400);
      await accessible(page);

      await typeDate("volgende week");
      expect(await page.locator("#f-date-error").innerText()).toContain("Typ de datum als dag-maand-jaar, bijvoorbeeld");
      await typeDate(dutch(amsterdamDate(-1)));
      expect(await page.locator("#f-date-error").innerText()).toContain("Deze datum is voorbij.");
      await page.context().close();
    },
  );

  it("should show no street address for a video-only desk, also not under 'Waar' when booking", { timeout: 120_000 }, async () => {
    const page = await web.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${web.url}/boeken/${region.slug}/loket/${video.id}`);
    await accessible(page);
    expect(await page.locator("[aria-labelledby=desk-info-title]").innerText()).not.toContain("Markt 1");
    await page.locator(".day a").first().click();
    await page.locator(".slot").first().click();
    const where = await page.locator("[aria-labelledby=chosen-title]").innerText();
    expect(where).toContain("Online: videogesprek met Videospreekuur Heerlen");
    expect(where).not.toContain("Markt 1");
    await page.context().close();
  });
});

describe.runIf(hasBrowser)("self-registration for the Support Process in the browser", () => {
  const web = useBrowserPlatform();

  it("should speak to the entrepreneur and state the conditions before the form", { timeout: 60_000 }, async () => {
    const region = await createRegion(web.platform.client);
    const page = await web.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${web.url}/boeken/${region.slug}/begeleidingstraject`);
    await web.accessible(page);
    expect(await page.getByLabel(/^Wat wilt u bereiken\?/).count()).toBe(1);
    const conditions = await page.locator("[aria-labelledby=conditions-title]").innerText();
    expect(conditions).toContain("betaalt u die zelf");
    expect(conditions).toContain("voucher");
    expect(conditions).toContain("bevestiging per e-mail");
    expect(await page.locator("main").innerText()).not.toContain("Wat wil de ondernemer bereiken");
    await page.context().close();
  });
});
