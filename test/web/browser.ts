/** Shared browser helpers for the web tests and the screenshot script (playwright-core + the system Chromium). */
import { existsSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasBrowser = existsSync(CHROMIUM_PATH);
export const requireBrowser = process.env.REQUIRE_BROWSER === "1";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * axe-core needs JavaScript in the page; for a context with JavaScript switched off, the
 * page's HTML is checked in a JavaScript-enabled twin page on the same origin.
 */
export async function axeViolationsOf(page: Page, twin: Page | null, origin: string): Promise<string[]> {
  if (!twin) return axeViolations(page);
  // After a plain form post the navigation may still be under way: read the settled page.
  await page.waitForLoadState("load");
  const html = await page.content();
  await twin.goto(`${origin}/toegankelijkheid`);
  await twin.setContent(html, { waitUntil: "load" });
  return (await axeViolations(twin)).map((v) => v.replace(twin.url(), page.url()));
}

/** Runs axe-core (WCAG 2.x A/AA rules) on the page and returns readable violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  const analyze = () => new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  await page.waitForLoadState("load");
  // A click that navigates may still be replacing the document when axe starts; one retry
  // on the settled page tells a real problem from that race.
  const result = await analyze().catch(async () => {
    await page.waitForLoadState("load");
    return analyze();
  });
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")} on ${page.url()}`,
  );
}

/**
 * Without Chromium the browser suites cannot run: say so loudly, and fail when
 * REQUIRE_BROWSER=1 (CI that promises browser coverage).
 */
export function reportMissingBrowser(): void {
  if (hasBrowser) return;
  const message = `\n${"!".repeat(72)}\n!! BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH}.\n!! Install chromium or set CHROMIUM_PATH; REQUIRE_BROWSER=1 makes this fail.\n${"!".repeat(72)}\n`;
  console.warn(message);
  if (requireBrowser) throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM_PATH}`);
}
