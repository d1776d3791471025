/**
 * Staff and region admins in a real browser: a frontdesk employee marks a no-show (and sees
 * earlier ones); an admin creates a frontdesk with opening hours that entrepreneurs then see.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppointmentStatus } from "../../src/db/schema";
import { createFrontdesk, createRegion, createUser, insertAppointment, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { amsterdamDate } from "../support/slots";
import { hasBrowser, useBrowserPlatform } from "./browser";

describe.runIf(hasBrowser)("staff pages in the browser", () => {
  const web = useBrowserPlatform();
  let region: RegionFixture;
  let desk: FrontdeskFixture;

  beforeAll(async () => {
    region = await createRegion(web.platform.client);
    desk = await createFrontdesk(web.platform.client, region, { name: "Loket Agenda" });
  });

  const accessible = (page: Page) => web.accessible(page);

  const carla = (startAt: number, status: AppointmentStatus, email: string) =>
    insertAppointment(web.platform.client, desk, {
      startAt,
      status,
      email,
      question: "Vraag over krediet",
      name: "Carla Smeets",
      companyName: "Smeets BV",
      kvkNumber: "12345678",
    });

  it("should send an anonymous visitor of the agenda to the sign-in page and back", async () => {
    const page = await web.newPage();
    await page.goto(`${web.url}/beheer/${region.slug}/agenda`);
    expect(new URL(page.url()).pathname).toBe("/inloggen");
    expect(new URL(page.url()).searchParams.get("next")).toBe(`/beheer/${region.slug}/agenda`);
    await page.context().close();
  });

  it("should let frontdesk staff mark a past appointment as a no-show and show earlier no-shows", { timeout: 120_000 }, async () => {
    const staff = await createUser(web.platform.client, "frontdesk_staff", region, [desk]);
    const start = Date.now() - 60 * 60_000;
    const email = "carla@smeets.test";
    await carla(start - 14 * 86_400_000, "no_show", email);
    const id = await carla(start, "confirmed", email);
    const date = amsterdamDate(0, start);

    const page = await web.newPage({ viewport: { width: 1280, height: 900 } });
    await web.signIn(page, staff.email);
    expect(new URL(page.url()).pathname).toBe(`/beheer/${region.slug}/agenda`);
    await page.goto(`${web.url}/beheer/${region.slug}/agenda?date=${date}`);
    await accessible(page);
    const item = page.locator(".agenda-item", { hasText: "Carla Smeets" }).filter({ hasText: "Bevestigd" });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.innerText()).toContain("Eerder 1 keer niet verschenen");

    await item.getByRole("button", { name: /Niet verschenen/ }).click();
    await expect.poll(() => page.getByText("Uitkomst opgeslagen: Carla Smeets").count()).toBe(1);
    await accessible(page);
    const row = await web.platform.client.execute({ sql: "select status from appointments where id = ?", args: [id] });
    expect(row.rows[0]?.status).toBe("no_show");
    await page.context().close();
  });

  it("should let a region admin create a frontdesk with opening hours that entrepreneurs then find", { timeout: 120_000 }, async () => {
    const admin = await createUser(web.platform.client, "region_admin", region);
    const page = await web.newPage({ viewport: { width: 1280, height: 900 } });
    await web.signIn(page, admin.email);
    await page.getByRole("link", { name: "Loketten" }).first().click();
    await accessible(page);
    await page.getByRole("link", { name: "Nieuw loket" }).click();
    await accessible(page);

    // First an incomplete form: errors for the missing fields.
    await page.getByRole("button", { name: "Loket aanmaken" }).click();
    await expect.poll(() => page.locator("#error-summary").count()).toBe(1);
    await accessible(page);

    await page.getByLabel(/^Naam van het loket/).fill("Ondernemershuis Nieuwstad");
    await page.getByLabel(/^Soort loket/).selectOption("partner");
    await page.getByLabel(/^Gemeente/).selectOption("Maastricht");
    await page.getByLabel(/^Adres/).fill("Stationsplein 1, 6221 BT Maastricht");
    await page.getByLabel("Videogesprek", { exact: true }).check();
    await page.getByLabel("Subsidies", { exact: true }).check();
    await page.getByLabel(/^Minimaal aantal uren/).fill("0");
    await page.getByRole("button", { name: "Loket aanmaken" }).click();
    await expect.poll(() => page.getByRole("heading", { name: /Openingstijden van Ondernemershuis Nieuwstad/ }).count()).toBe(1);
    await accessible(page);

    // Two blocks on every day; the second block is revealed with the "another block" button.
    for (let day = 1; day <= 7; day++) {
      await page.locator(`#f-h-${day}-0-opens`).fill("09:00");
      await page.locator(`#f-h-${day}-0-closes`).fill("12:00");
      await page.locator(`[data-add-interval="${day}"]`).click();
      await page.locator(`#f-h-${day}-1-opens`).fill("13:00");
      await page.locator(`#f-h-${day}-1-closes`).fill("17:00");
    }
    await page.getByRole("button", { name: "Openingstijden opslaan" }).click();
    await expect.poll(() => page.getByText("De wijzigingen zijn opgeslagen.").count()).toBe(1);
    await accessible(page);
    const hours = await web.platform.client.execute({
      sql: "select count(*) as n from opening_hours oh join frontdesks f on f.id = oh.frontdesk_id where f.name = ?",
      args: ["Ondernemershuis Nieuwstad"],
    });
    expect(Number(hours.rows[0]?.n)).toBe(14);

    // Overlapping blocks are refused with a clear message.
    await page.locator("#f-h-1-1-opens").fill("11:00");
    await page.getByRole("button", { name: "Openingstijden opslaan" }).click();
    await expect.poll(() => page.locator("#error-summary").innerText()).toContain("overlappen");
    await accessible(page);

    const visitor = await web.newPage();
    await visitor.goto(`${web.url}/boeken/${region.slug}?topic=subsidies`);
    await accessible(visitor);
    await visitor.getByRole("link", { name: "Ondernemershuis Nieuwstad", exact: true }).click();
    await expect.poll(() => visitor.locator(".slot").count()).toBeGreaterThan(0);
    await accessible(visitor);
    await page.context().close();
  });

  it("should show a region admin the failed notifications page and the closures with the carnival preset", { timeout: 120_000 }, async () => {
    const admin = await createUser(web.platform.client, "region_admin", region);
    const page = await web.newPage();
    await web.signIn(page, admin.email);
    await page.getByRole("link", { name: "Meldingen" }).click();
    await accessible(page);
    await page.goto(`${web.url}/beheer/${region.slug}/loketten/${desk.id}/sluitingen`);
    await accessible(page);
    await page.getByRole("button", { name: /Sluiten met carnaval/ }).click();
    await expect.poll(() => page.locator("table").innerText()).toContain("Carnaval");
    await accessible(page);

    // A closure of one day, typed as dd-mm-jjjj; the last day may stay empty (it is optional).
    expect(await page.locator("#f-to").getAttribute("aria-required")).toBeNull();
    const day = amsterdamDate(20);
    await page.locator("#f-from").fill(`31-02-${day.slice(0, 4)}`);
    await page.locator("#f-reason").fill("Studiedag");
    await page.getByRole("button", { name: "Sluitingsdag toevoegen" }).click();
    await expect.poll(() => page.locator("#f-from-error").innerText()).toContain("dag-maand-jaar");
    await page.locator("#f-from").fill(`${Number(day.slice(8))}-${Number(day.slice(5, 7))}-${day.slice(0, 4)}`);
    await page.getByRole("button", { name: "Sluitingsdag toevoegen" }).click();
    await expect.poll(() => page.locator("table").innerText()).toContain("Studiedag");
    const stored = await web.platform.client.execute({
      sql: "select from_date, to_date from closures where reason = 'Studiedag' and frontdesk_id = ?",
      args: [desk.id],
    });
    expect(stored.rows.map((r) => [r.from_date, r.to_date])).toEqual([[day, day]]);
    await page.context().close();
  });
});
