/** The province dashboard in a real browser: a booking made in the test shows up in the cross-region summary. */
import { describe, expect, it } from "vitest";
import { createFrontdesk, createRegion, createUser } from "../support/factories";
import { amsterdamDate, book, bookingBody, futureSlot } from "../support/slots";
import { hasBrowser, useBrowserPlatform } from "./browser";

describe.runIf(hasBrowser)("province dashboard in the browser", () => {
  const web = useBrowserPlatform();

  it("should show a booking made in the test in the region's row and the total, with charts and a CSV link", { timeout: 120_000 }, async () => {
    const { platform } = web;
    const region = await createRegion(platform.client, { name: "Regio Dashboardtest" });
    const desk = await createFrontdesk(platform.client, region);
    const slot = await futureSlot(platform, region, desk, 2);
    const booked = await book(platform, region, bookingBody(desk, slot.start, { topic: "subsidies" }));
    expect(booked.status).toBe(201);
    const viewer = await createUser(platform.client, "province_viewer", null);

    const page = await web.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${platform.url}/provincie`);
    expect(new URL(page.url()).pathname).toBe("/inloggen");
    await web.signIn(page, viewer.email);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/provincie");

    await page.getByLabel(/^Van/).fill(amsterdamDate(0));
    await page.getByLabel(/^Tot en met/).fill(amsterdamDate(30));
    await page.getByRole("button", { name: "Toon periode" }).click();
    await expect.poll(() => page.url()).toContain(`from=${amsterdamDate(0)}`);
    const row = page.locator("tbody tr", { hasText: "Regio Dashboardtest" });
    await expect.poll(() => row.locator("td").first().innerText()).toBe("1");
    expect(await page.locator("tfoot td").first().innerText()).toBe("1");
    // Months and topics, and (issue 19) the progress against the programme targets.
    expect(await page.locator("svg[role=img]").count()).toBe(3);
    const csv = await page.getByRole("link", { name: "Download als CSV" }).getAttribute("href");
    expect(csv).toBe(`/api/v1/province/summary.csv?from=${amsterdamDate(0)}&to=${amsterdamDate(30)}`);
    // Aggregates only: the entrepreneur's name never reaches this page.
    expect(await page.content()).not.toContain("Anna de Vries");
    // Issue 13: p90 lead time, no-show rate and the places offered beside the median.
    for (const label of ["Tijd tot afspraak, 90% binnen", "Niet verschenen (van gehouden afspraken)", "Plaatsen aangeboden"]) {
      expect(await page.getByText(label, { exact: true }).count(), label).toBe(1);
    }
    await web.accessible(page);

    // On a phone the month and topic charts keep 12 px text (they scroll sideways instead of shrinking).
    await page.setViewportSize({ width: 390, height: 844 });
    const sizes = await page.evaluate(() =>
      [...document.querySelectorAll<SVGTextElement>(".chart--wide svg text")].map(
        (el) => Number.parseFloat(getComputedStyle(el).fontSize) * (el.getScreenCTM()?.a ?? 1),
      ),
    );
    expect(sizes.length).toBeGreaterThan(2);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11.9);
    // The page itself does not scroll sideways; only the charts do.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await web.accessible(page);
  });
});
