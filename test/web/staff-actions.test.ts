/**
 * Desk staff acting for entrepreneurs in a real browser (issue 13): booking for a caller
 * (without JavaScript), moving and cancelling on their behalf (the usual mails go out), the
 * outcome note and why the outcome buttons wait for the start, the week view and the printable
 * day list (stacked rows at 390 px, no site chrome in print).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createFrontdesk, createRegion, createUser, insertAppointment, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { amsterdamDate, futureSlot, openDate } from "../support/slots";
import { hasBrowser, useBrowserPlatform } from "./browser";

describe.runIf(hasBrowser)("desk staff acting for entrepreneurs in the browser", () => {
  const web = useBrowserPlatform();
  let region: RegionFixture;
  let desk: FrontdeskFixture;
  let staff: { email: string };

  beforeAll(async () => {
    region = await createRegion(web.platform.client);
    desk = await createFrontdesk(web.platform.client, region, { name: "Loket Balie" });
    staff = await createUser(web.platform.client, "frontdesk_staff", region, [desk]);
  });

  const mails = async (email: string) =>
    (await web.platform.client.execute({ sql: "select kind from outbox where recipient = ? order by created_at", args: [email] })).rows.map((r) => r.kind);

  it("should let staff book for a caller without JavaScript, with errors first and the entrepreneur's confirmation mail", { timeout: 120_000 }, async () => {
    const page = await web.newPage({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    await web.signIn(page, staff.email);
    const date = openDate(3);
    await page.goto(`${web.url}/beheer/${region.slug}/afspraken/nieuw?frontdeskId=${desk.id}&date=${date}`);
    await web.accessible(page);
    // The day is shown and typed as dd-mm-jjjj; a day that does not exist says so at the field.
    const dutch = `${date.slice(8)}-${date.slice(5, 7)}-${date.slice(0, 4)}`;
    expect(await page.locator("#f-date").inputValue()).toBe(dutch);
    await page.locator("#f-date").fill(`31-02-${date.slice(0, 4)}`);
    await page.getByRole("button", { name: "Toon vrije tijden" }).click();
    await expect.poll(() => page.locator("#f-date-error").count()).toBe(1);
    expect(await page.locator("#error-summary").innerText()).toContain("Deze datum bestaat niet.");
    await page.locator("#f-date").fill(`${Number(date.slice(8))}-${Number(date.slice(5, 7))}-${date.slice(0, 4)}`);
    await page.getByRole("button", { name: "Toon vrije tijden" }).click();
    await expect.poll(() => page.locator("#f-date-error").count()).toBe(0);
    expect(await page.locator("#f-date").inputValue()).toBe(dutch);
    await page.getByRole("button", { name: "Afspraak maken" }).click();
    await expect.poll(() => page.locator("#error-summary").count()).toBe(1);
    await web.accessible(page);

    await page.locator("#f-start").check();
    await page.locator("#f-name").fill("Piet Bellers");
    await page.locator("#f-email").fill("piet@bellers.test");
    await page.locator("#f-consent").check();
    await page.getByRole("button", { name: "Afspraak maken" }).click();
    await expect.poll(() => page.getByText(/Afspraak gemaakt: Piet Bellers, .*Loket Balie/).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get("date")).toBe(date);
    expect(await mails("piet@bellers.test")).toContain("confirmation");
    const audit = await web.platform.client.execute({
      sql: "select count(*) as n from audit_log where action = 'appointment.booked_by_staff' and region_id = ?",
      args: [region.id],
    });
    expect(Number(audit.rows[0]?.n)).toBe(1);
    await page.context().close();
  });

  it("should let staff move and then cancel an appointment on the entrepreneur's behalf, who gets both mails", { timeout: 120_000 }, async () => {
    const slot = await futureSlot(web.platform, region, desk, 4);
    const start = Date.parse(slot.start);
    const email = "moniek@verzet.test";
    const id = await insertAppointment(web.platform.client, desk, {
      startAt: start,
      endAt: Date.parse(slot.end),
      status: "confirmed",
      email,
      name: "Moniek Verzet",
    });
    const page = await web.signedInPage(staff.email);
    await page.goto(`${web.url}/beheer/${region.slug}/agenda?date=${amsterdamDate(0, start)}`);
    await web.accessible(page);
    const item = page.locator(".agenda-item", { hasText: "Moniek Verzet" });
    expect(await item.innerText()).toContain("De knoppen voor de uitkomst (afgerond of niet verschenen) verschijnen vanaf het begin van de afspraak");
    await item.getByRole("link", { name: /Verzetten/ }).click();
    await web.accessible(page);
    await page.locator("#f-start").check();
    const newStart = await page.locator("#f-start").getAttribute("value");
    await page.getByRole("button", { name: "Naar deze tijd verzetten" }).click();
    await expect.poll(() => page.getByText(/Afspraak verzet: Moniek Verzet/).count()).toBe(1);
    const moved = await web.platform.client.execute({ sql: "select start_at, status from appointments where id = ?", args: [id] });
    expect(Number(moved.rows[0]?.start_at)).toBe(Date.parse(newStart ?? ""));

    await page
      .locator(".agenda-item", { hasText: "Moniek Verzet" })
      .getByRole("link", { name: /Annuleren/ })
      .click();
    await web.accessible(page);
    await page.getByRole("button", { name: "Afspraak annuleren" }).click();
    await expect.poll(() => page.getByText(/Afspraak geannuleerd: Moniek Verzet/).count()).toBe(1);
    const cancelled = await web.platform.client.execute({ sql: "select status from appointments where id = ?", args: [id] });
    expect(cancelled.rows[0]?.status).toBe("cancelled");
    expect(await mails(email)).toEqual(expect.arrayContaining(["reschedule", "cancellation"]));
    await page.context().close();
  });

  it("should keep an outcome note, and show the week and a printable day list that stacks at 390 px", { timeout: 120_000 }, async () => {
    const start = Date.now() - 60 * 60_000;
    const date = amsterdamDate(0, start);
    const id = await insertAppointment(web.platform.client, desk, {
      startAt: start,
      status: "confirmed",
      email: "noor@notitie.test",
      name: "Noor Notitie",
      phone: "06 11122233",
    });
    const page = await web.signedInPage(staff.email);
    await page.goto(`${web.url}/beheer/${region.slug}/agenda?date=${date}`);
    const item = page.locator(".agenda-item", { hasText: "Noor Notitie" });
    await item.getByLabel("Notitie bij de uitkomst").fill("Doorverwezen naar de subsidieadviseur.");
    await item.getByRole("button", { name: /Afgerond/ }).click();
    await expect.poll(() => page.getByText(/Uitkomst opgeslagen: Noor Notitie/).count()).toBe(1);
    const row = await web.platform.client.execute({ sql: "select status, outcome_note from appointments where id = ?", args: [id] });
    expect(row.rows[0]).toMatchObject({ status: "completed", outcome_note: "Doorverwezen naar de subsidieadviseur." });

    await page.getByRole("link", { name: "Week", exact: true }).click();
    await web.accessible(page);
    expect(await page.locator(".week__day").count()).toBe(7);
    expect(await page.locator(".week").innerText()).toContain("Noor Notitie");

    await page.goto(`${web.url}/beheer/${region.slug}/agenda?date=${date}`);
    await page.getByRole("link", { name: "Daglijst afdrukken" }).click();
    await web.accessible(page);
    const cells = page.locator("table.day-list tbody tr", { hasText: "Noor Notitie" });
    expect(await cells.innerText()).toContain("06 11122233");
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".site-header").isVisible()).toBe(false);
    expect(await page.locator("table.day-list").isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await cells.evaluate((el) => getComputedStyle(el).display)).toBe("block");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it("should tell a signed-in user why a page is forbidden and link to their own start page", { timeout: 60_000 }, async () => {
    const page = await web.signedInPage(staff.email);
    const response = await page.goto(`${web.url}/beheer/${region.slug}/loketten`);
    expect(response?.status()).toBe(403);
    await web.accessible(page);
    expect(await page.locator("main").innerText()).toContain("U bent ingelogd als");
    await page.getByRole("link", { name: "Naar uw startpagina" }).click();
    expect(new URL(page.url()).pathname).toBe(`/beheer/${region.slug}/agenda`);
    await page.context().close();
  });
});
