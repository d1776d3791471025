/**
 * Programme steering in a real browser (issue 19): the province dashboard's progress against
 * the targets (bar with target band), funnel and capacity, the programme office's page with
 * its targets form, the municipality page, and the region admin's own progress page, the
 * consultants' FTE form and the region switcher with region names; axe at 390 and 1280 px.
 */
import { describe, expect, it } from "vitest";
import { addMembership, createFrontdesk, createRegion, createUser, insertAppointment, signInAs } from "../support/factories";
import { amsterdamDate } from "../support/slots";
import { hasBrowser, useBrowserPlatform } from "./browser";

describe.runIf(hasBrowser)("programme steering in the browser", () => {
  const web = useBrowserPlatform();

  it("should show progress against the targets with a target band on the province dashboard, at 1280 and 390 px", { timeout: 180_000 }, async () => {
    const { platform } = web;
    const region = await createRegion(platform.client, { name: "Regio Programmatest" });
    const desk = await createFrontdesk(platform.client, region, { municipality: "Maastricht" });
    for (let i = 1; i <= 6; i++)
      await insertAppointment(platform.client, desk, { startAt: Date.now() - i * 3_600_000, status: "completed", kvkNumber: `7000000${i}` });
    const office = await createUser(platform.client, "programme_office", null);
    const from = amsterdamDate(-30);
    const to = amsterdamDate(30);
    const put = await platform.fetch("/api/v1/programme/targets", {
      method: "PUT",
      headers: await signInAs(platform, office),
      json: {
        from,
        to,
        targets: [
          { indicator: "appointments", min: 12 },
          { indicator: "plans", min: 75, max: 100 },
        ],
        shares: [{ region: region.slug, percent: 50 }],
      },
    });
    expect(put.status).toBe(200);
    const viewer = await createUser(platform.client, "province_viewer", null);

    const wide = await web.newPage({ viewport: { width: 1280, height: 900 } });
    await web.signIn(wide, viewer.email);
    await wide.goto(`${platform.url}/provincie`);
    const chart = wide.locator("figure", { has: wide.locator("#chart-targets-title") });
    expect(await chart.locator("rect.band").count()).toBe(1);
    expect(await chart.locator("line.target-line").count()).toBe(2);
    // The text alternative names the figures: 6 appointments of a target of 12.
    expect(await wide.locator("#chart-targets-desc").textContent()).toContain("Afspraken: 6 van 12");
    expect(await wide.getByRole("table", { name: /Begeleidingstraject/ }).count()).toBe(1);
    expect(await wide.getByRole("table", { name: /Capaciteit/ }).count()).toBe(1);
    await web.accessible(wide);

    const narrow = await web.newPage({ viewport: { width: 390, height: 844 } });
    await web.signIn(narrow, viewer.email);
    await narrow.goto(`${platform.url}/provincie?from=${from}&to=${to}`);
    expect(await narrow.locator("#chart-targets-desc").textContent()).toContain("Afspraken: 6 van 12");
    // Nothing wider than the screen (the charts scale with their viewBox).
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await web.accessible(narrow);
  });

  it(
    "should let the programme office set targets on its page and a municipality viewer see their own figures, at 390 and 1280 px",
    { timeout: 180_000 },
    async () => {
      const { platform } = web;
      await createRegion(platform.client, { name: "Regio Doelentest" });
      const office = await createUser(platform.client, "programme_office", null);
      const narrow = await web.newPage({ viewport: { width: 390, height: 844 } });
      await web.signIn(narrow, office.email);
      await expect.poll(() => new URL(narrow.url()).pathname).toBe("/programma");
      await web.accessible(narrow);
      await narrow.locator("#f-target-from").fill(amsterdamDate(-10));
      await narrow.locator("#f-target-to").fill(amsterdamDate(100));
      await narrow.locator("#f-min-starts").fill("40");
      await narrow.locator("#f-min-plans").fill("8");
      await narrow.locator("#f-max-plans").fill("10");
      await narrow.getByRole("button", { name: "Opslaan" }).click();
      await expect.poll(() => narrow.url()).toContain("klaar=1");
      expect(await narrow.locator("#chart-targets-desc").textContent()).toContain("Financierbare ondernemingsplannen: 0 van 8–10");
      await web.accessible(narrow);

      const viewer = await createUser(platform.client, "municipality_viewer", null);
      await platform.client.execute({ sql: "update users set municipality = 'Maastricht' where id = ?", args: [viewer.id] });
      const wide = await web.newPage({ viewport: { width: 1280, height: 900 } });
      await web.signIn(wide, viewer.email);
      await expect.poll(() => new URL(wide.url()).pathname).toBe("/gemeente");
      expect(await wide.getByRole("heading", { level: 1 }).textContent()).toContain("Maastricht");
      await web.accessible(wide);
      // The municipality viewer reaches no province or region page.
      const province = await wide.goto(`${platform.url}/provincie`);
      expect(province?.status()).toBe(403);
    },
  );

  it(
    "should let a region admin set a consultant's FTE and see the region's own progress, with the region switcher naming the regions, at 1280 and 390 px",
    { timeout: 180_000 },
    async () => {
      const { platform } = web;
      const region = await createRegion(platform.client, { name: "Regio Voortgangtest" });
      const second = await createRegion(platform.client, { name: "Regio Tweedetest" });
      const admin = await createUser(platform.client, "region_admin", region);
      await addMembership(platform.client, admin, second, "region_admin");
      const consultant = await createUser(platform.client, "consultant", region);

      const wide = await web.newPage({ viewport: { width: 1280, height: 900 } });
      await web.signIn(wide, admin.email);
      await wide.goto(`${platform.url}/beheer/${region.slug}/toewijzen`);
      // The switcher names the regions, not their slugs.
      const switcher = wide.getByRole("navigation", { name: /regio/i });
      expect(await switcher.textContent()).toContain("Regio Tweedetest");
      expect(await switcher.textContent()).toContain("Regio Voortgangtest");
      expect(await switcher.textContent()).not.toContain(second.slug);

      const fte = wide.locator(`#f-fte-${consultant.id}`);
      const save = wide.locator(`form[action$="/adviseurs/${consultant.id}/fte"] button`);
      await fte.fill("2");
      await save.click();
      await expect.poll(() => wide.locator(".error-summary, [role=alert]").count()).toBeGreaterThan(0);
      expect(await wide.locator(`#f-fte-${consultant.id}`).getAttribute("aria-invalid")).toBe("true");
      await web.accessible(wide);
      await wide.locator(`#f-fte-${consultant.id}`).fill("0,8");
      await wide.locator(`form[action$="/adviseurs/${consultant.id}/fte"] button`).click();
      await expect.poll(() => wide.url()).toContain("fte=1");
      expect(await wide.locator(`#f-fte-${consultant.id}`).inputValue()).toBe("0,8");
      const stored = await platform.client.execute({ sql: "select fte from consultant_capacity where user_id = ?", args: [consultant.id] });
      expect(Number(stored.rows[0]?.fte)).toBe(0.8);
      await web.accessible(wide);

      const narrow = await web.newPage({ viewport: { width: 390, height: 844 } });
      await web.signIn(narrow, admin.email);
      await narrow.goto(`${platform.url}/beheer/${region.slug}/voortgang`);
      expect(await narrow.getByRole("heading", { level: 1 }).textContent()).toBe("Voortgang Regio Voortgangtest");
      expect(await narrow.locator("#chart-targets-desc").count()).toBe(1);
      expect(await narrow.getByRole("table", { name: /Capaciteit/ }).textContent()).toContain("0,8");
      expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await web.accessible(narrow);
      // Another region's admin reaches nothing of this region's progress.
      const stranger = await createUser(platform.client, "region_admin", await createRegion(platform.client));
      const other = await web.newPage({ viewport: { width: 1280, height: 900 } });
      await web.signIn(other, stranger.email);
      expect((await other.goto(`${platform.url}/beheer/${region.slug}/voortgang`))?.status()).toBe(404);
    },
  );
});
