/**
 * KvK prefill in the browser (issue 20): on the booking form and the Support Process
 * self-registration form, typing 8 digits in the KvK field fills the empty company name and
 * municipality from the KvK lookup (the local stub of the KVK API), announces it politely, never
 * overwrites what the person typed, and stays silent for an unknown number; without
 * JavaScript the forms are unchanged. The script is a hashed asset under the CSP.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKvkStub } from "../../tools/kvk-stub";
import { createFrontdesk, createRegion } from "../support/factories";
import { futureSlot } from "../support/slots";
import { hasBrowser, useBrowserPlatform } from "./browser";

describe.runIf(hasBrowser)("KvK prefill in the browser", () => {
  let stub: Awaited<ReturnType<typeof startKvkStub>>;
  beforeAll(async () => {
    stub = await startKvkStub();
  });
  afterAll(async () => {
    await stub?.close();
  });
  const web = useBrowserPlatform({ vars: () => ({ KVK_API_URL: stub.url, KVK_API_KEY: "test-key" }) });

  const status = (page: Page) => page.locator("[data-kvk-prefill]");

  it("fills the empty company name and municipality on the booking form, announces it, and keeps what was typed", { timeout: 120_000 }, async () => {
    const region = await createRegion(web.platform.client);
    const desk = await createFrontdesk(web.platform.client, region);
    const slot = await futureSlot(web.platform, region, desk);
    const errors: string[] = [];
    const page = await web.newPage({ viewport: { width: 1024, height: 900 } });
    page.on("pageerror", (e) => errors.push(String(e)));
    const formUrl = `${web.url}/boeken/${region.slug}/loket/${desk.id}/afspraak?start=${encodeURIComponent(slot.start)}`;
    await page.goto(formUrl);
    await web.accessible(page);
    expect(await status(page).getAttribute("aria-live")).toBe("polite");
    const scripts = await page.locator("script[src]").evaluateAll((s) => s.map((e) => e.getAttribute("src") ?? ""));
    expect(scripts.some((src) => /^\/assets\/kvk-prefill\.[0-9a-f]{10}\.js$/.test(src))).toBe(true);
    // All the page's JavaScript stays small.
    let bytes = 0;
    for (const src of scripts) bytes += (await (await fetch(`${web.url}${src}`)).arrayBuffer()).byteLength;
    expect(bytes).toBeLessThanOrEqual(50 * 1024);

    // An unknown number: the stub answers 404, nothing is filled or said.
    const before = stub.requests;
    await page.getByLabel(/^KvK-nummer/).fill("12345678");
    await expect.poll(() => stub.requests).toBe(before + 1);
    await page.waitForLoadState("networkidle");
    expect(await page.getByLabel(/^Bedrijfsnaam/).inputValue()).toBe("");
    expect(await status(page).textContent()).toBe("");

    // A known number (with the dots people type): both empty fields are filled and it is announced.
    await page.getByLabel(/^KvK-nummer/).fill("6959.9084");
    await expect.poll(() => page.getByLabel(/^Bedrijfsnaam/).inputValue()).toBe("Bakkerij De Maasoever (demo)");
    expect(await page.getByLabel(/^Gemeente/).inputValue()).toBe("Maastricht");
    expect(await status(page).textContent()).toContain("Bakkerij De Maasoever (demo)");
    await web.accessible(page);

    // What the person typed stays: a fresh form with a company name of their own.
    await page.goto(formUrl);
    await page.getByLabel(/^Bedrijfsnaam/).fill("Mijn eigen bakkerij");
    const asked = stub.requests;
    await page.getByLabel(/^KvK-nummer/).fill("69599084");
    await expect.poll(() => page.getByLabel(/^Gemeente/).inputValue()).toBe("Maastricht");
    expect(stub.requests).toBe(asked + 1);
    expect(await page.getByLabel(/^Bedrijfsnaam/).inputValue()).toBe("Mijn eigen bakkerij");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("fills the self-registration form, and without JavaScript the form is as before", { timeout: 120_000 }, async () => {
    const region = await createRegion(web.platform.client);
    const page = await web.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${web.url}/boeken/${region.slug}/begeleidingstraject`);
    await page.getByLabel(/^KvK-nummer/).fill("69599084");
    await expect.poll(() => page.getByLabel(/^Naam van uw bedrijf|^Bedrijfsnaam/).inputValue()).toBe("Bakkerij De Maasoever (demo)");
    expect(await page.locator("#f-municipality").inputValue()).toBe("Maastricht");
    expect(await status(page).textContent()).toContain("Bakkerij De Maasoever (demo)");
    await page.context().close();

    const plain = await web.newPage({ javaScriptEnabled: false });
    const before = stub.requests;
    await plain.goto(`${web.url}/boeken/${region.slug}/begeleidingstraject`);
    await web.accessible(plain);
    await plain.getByLabel(/^KvK-nummer/).fill("69599084");
    expect(await plain.locator("#f-company").inputValue()).toBe("");
    expect(stub.requests).toBe(before);
    await plain.context().close();
  });
});
