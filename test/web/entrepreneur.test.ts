/**
 * The entrepreneur's flow in a real browser: find a desk, book, open the manage link,
 * reschedule and cancel; once with JavaScript and once without. axe-core checks every page.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createFrontdesk, createRegion, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { hasBrowser, useBrowserPlatform } from "./browser";

describe.runIf(hasBrowser)("entrepreneur booking in the browser", () => {
  const web = useBrowserPlatform();
  let region: RegionFixture;
  let desk: FrontdeskFixture;

  beforeAll(async () => {
    region = await createRegion(web.platform.client);
    // More notice than the 2 h cut-off: the soonest slot can still be rescheduled and cancelled.
    desk = await createFrontdesk(web.platform.client, region, { name: "Ondernemersloket Teststad", capacityPerSlot: 1, minNoticeHours: 3 });
  });

  const accessible = (page: Page) => web.accessible(page);

  async function appointmentRow(email: string) {
    const result = await web.platform.client.execute({
      sql: "select id, start_at, status, locale from appointments where email = ? order by created_at desc limit 1",
      args: [email],
    });
    const row = result.rows[0];
    if (!row) throw new Error(`no appointment for ${email}`);
    return { id: String(row.id), startAt: Number(row.start_at), status: String(row.status), locale: String(row.locale) };
  }

  async function manageAndChange(
    page: Page,
    email: string,
    js: boolean,
    texts: { reschedule: RegExp; moveSubmit: RegExp; rescheduled: RegExp; cancel: RegExp; cancelConfirm: RegExp; cancelled: RegExp },
  ) {
    const before = await appointmentRow(email);
    await page.getByRole("link", { name: /\/afspraak\// }).click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/afspraak\/[A-Za-z0-9_-]+$/);
    await accessible(page);

    await page.getByRole("link", { name: texts.reschedule }).click();
    await page.waitForURL(/\/verzetten/);
    await accessible(page);
    // Submitting without a choice shows the error summary (focused when JS is on).
    await page.getByRole("button", { name: texts.moveSubmit }).click();
    await expect.poll(() => page.locator("#error-summary").count()).toBe(1);
    if (js) await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("error-summary");
    await accessible(page);
    await page.locator("input[name=start]").first().check();
    await page.getByRole("button", { name: texts.moveSubmit }).click();
    await expect.poll(() => page.getByText(texts.rescheduled).count()).toBeGreaterThan(0);
    await accessible(page);
    const moved = await appointmentRow(email);
    expect(moved.id).toBe(before.id);
    expect(moved.startAt).not.toBe(before.startAt);
    expect(moved.status).toBe("confirmed");

    await page.getByRole("link", { name: texts.cancel }).click();
    await accessible(page);
    await page.getByRole("button", { name: texts.cancelConfirm }).click();
    await expect.poll(() => page.getByText(texts.cancelled).count()).toBeGreaterThan(0);
    await accessible(page);
    expect((await appointmentRow(email)).status).toBe("cancelled");
  }

  const DUTCH = {
    reschedule: /^Afspraak verzetten$/,
    moveSubmit: /Verzet naar deze tijd/,
    rescheduled: /Uw afspraak is verzet/,
    cancel: /^Afspraak annuleren$/,
    cancelConfirm: /Ja, annuleer mijn afspraak/,
    cancelled: /Uw afspraak is geannuleerd/,
  };

  it("should let a new user book via the earliest free time, then reschedule and cancel through the manage link", { timeout: 180_000 }, async () => {
    const page = await web.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${web.url}/`);
    await expect.poll(() => page.title()).toContain("MKB Limburg");
    await accessible(page);

    await page.getByRole("link", { name: region.name }).click();
    await accessible(page);
    await page.getByLabel(/^Onderwerp/).selectOption("financiering");
    await page.getByRole("button", { name: "Toon resultaten" }).click();
    await expect.poll(() => page.url()).toContain("topic=financiering");
    await expect.poll(() => page.locator(".earliest__when").count()).toBe(1);
    await accessible(page);

    await page.getByRole("link", { name: /Deze tijd kiezen/ }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Afspraak maken" }).count()).toBe(1);
    await accessible(page);
    // The privacy warning against sensitive data is right at the question.
    expect(await page.locator(".privacy-warning").innerText()).toContain("BSN");

    // An empty submit: the error summary links to each field and gets the focus.
    await page.getByRole("button", { name: "Afspraak bevestigen" }).click();
    await expect.poll(() => page.locator("#error-summary").count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("error-summary");
    const links = await page.locator("#error-summary a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual(expect.arrayContaining(["#f-mode", "#f-name", "#f-email", "#f-consent"]));
    expect(await page.locator("#f-email").getAttribute("aria-invalid")).toBe("true");
    await accessible(page);

    await page.getByLabel("Op locatie").check();
    await page.getByLabel(/^Naam/).fill("Anna de Vries");
    await page.getByLabel(/^E-mailadres/).fill("anna.js@bakkerij.test");
    await page.getByLabel(/^Telefoonnummer/).fill("06 12345678");
    await page.getByLabel(/^KvK-nummer/).fill("1234 5678");
    await page.getByLabel(/^Uw vraag/).fill("Hoe financier ik een nieuwe oven?");
    await page.getByLabel(/Ik geef toestemming/).check();
    await page.getByRole("button", { name: "Afspraak bevestigen" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Uw afspraak is gemaakt" }).count()).toBe(1);
    await accessible(page);
    const ics = await page.getByRole("link", { name: /Zet in mijn agenda/ }).getAttribute("href");
    expect(ics).toMatch(/^\/api\/v1\/appointments\/[A-Za-z0-9_-]+\/ics$/);
    const calendar = await page.request.get(`${web.url}${ics}`);
    expect(calendar.headers()["content-type"]).toContain("text/calendar");
    const booked = await appointmentRow("anna.js@bakkerij.test");
    expect(booked.status).toBe("confirmed");
    expect(booked.locale).toBe("nl");

    await manageAndChange(page, "anna.js@bakkerij.test", true, DUTCH);
    await page.context().close();
  });

  it("should let a user book, reschedule and cancel with JavaScript switched off, in English", { timeout: 180_000 }, async () => {
    const page = await web.newPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await page.goto(`${web.url}/boeken/${region.slug}`);
    await page.getByRole("link", { name: "English" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await accessible(page);

    await page.getByRole("link", { name: desk.name, exact: true }).click();
    await accessible(page);
    // Day picking is a plain link: pick the second day that has free times.
    await page.locator(".day a").nth(1).click();
    await expect.poll(() => page.url()).toContain("date=");
    await accessible(page);
    await page.locator(".slot").first().click();
    await expect.poll(() => page.getByRole("heading", { name: "Book an appointment" }).count()).toBe(1);
    await accessible(page);

    await page.getByRole("button", { name: "Confirm appointment" }).click();
    await expect.poll(() => page.locator("#error-summary").count()).toBe(1);
    await accessible(page);
    await page.getByLabel("Video call").check();
    await page.getByLabel(/^Topic/).selectOption("vergunningen");
    await page.getByLabel(/^Name/).fill("Ben Jansen");
    await page.getByLabel(/^E-mail address/).fill("ben.nojs@example.test");
    await page.getByLabel(/^KvK number/).fill("123");
    await page.getByLabel(/I consent/).check();
    await page.getByRole("button", { name: "Confirm appointment" }).click();
    // A bad KvK number comes back with only that error; the other answers are kept.
    await expect.poll(() => page.locator("#error-summary a").allInnerTexts()).toEqual(["A KvK number has exactly 8 digits."]);
    expect(await page.getByLabel(/^Name/).inputValue()).toBe("Ben Jansen");
    await accessible(page);
    await page.getByLabel(/^KvK number/).fill("87654321");
    await page.getByLabel(/I consent/).check();
    await page.getByRole("button", { name: "Confirm appointment" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Your appointment has been booked" }).count()).toBe(1);
    await accessible(page);
    const booked = await appointmentRow("ben.nojs@example.test");
    expect(booked.locale).toBe("en");

    await manageAndChange(page, "ben.nojs@example.test", false, {
      reschedule: /^Reschedule appointment$/,
      moveSubmit: /Move to this time/,
      rescheduled: /Your appointment has been rescheduled/,
      cancel: /^Cancel appointment$/,
      cancelConfirm: /Yes, cancel my appointment/,
      cancelled: /Your appointment has been cancelled/,
    });
    await page.context().close();
  });

  it("should run the page on the same clock as the Worker and the tests, also when TEST_NOW fakes it", async () => {
    const page = await web.newPage();
    await page.goto(`${web.url}/`);
    const inPage = await page.evaluate(() => [Date.now(), new Date().getTime()]);
    for (const now of inPage) expect(Math.abs(now - Date.now())).toBeLessThan(10_000);
    await page.context().close();
  });

  it("should refuse a booking form posted from another site", async () => {
    const response = await fetch(`${web.url}/boeken/${region.slug}/loket/${desk.id}/afspraak`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "start=x",
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toContain("text/html");
  });

  it("should answer an unknown page with an HTML 404 in the page layout", async () => {
    const response = await fetch(`${web.url}/bestaat-niet`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Pagina niet gevonden");
  });
});
