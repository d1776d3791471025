/**
 * The browser platform of the web tests (and the screenshot script): the real Worker and
 * database (`startTestPlatform`), the system Chromium through playwright-core, pages on the
 * run's test clock, one sign-in, and axe-core once per distinct page.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { CHROMIUM_PATH, hasBrowser } from "../support/chromium";
import { browserClockScript } from "../support/clock";
import { TEST_PASSWORD } from "../support/factories";
import { startTestPlatform, type TestPlatform } from "../support/platform";

export { hasBrowser };

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
 * What makes a page distinct for axe: its route (ids, tokens and generated slugs left out),
 * the names of its query parameters, language, with or without JavaScript, whether it shows
 * an error summary or a status message, and the kinds of controls and tables on it (not the
 * names of regions or desks in its text). Visiting it again checks nothing new.
 */
async function pageKey(page: Page, javaScript: boolean): Promise<string> {
  const url = new URL(page.url());
  const route = url.pathname
    .split("/")
    .map((segment) => (/\d/.test(segment) || segment.length >= 20 ? ":x" : segment))
    .join("/");
  const query = [...new Set(url.searchParams.keys())].sort().join("&");
  const state = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    errors: document.querySelector("#error-summary") !== null,
    status: document.querySelector("[role=status]") !== null,
    controls: [
      ...new Set(
        [...document.querySelectorAll("main input, main select, main textarea, main button, main table")].map(
          (e) => `${e.tagName}:${(e.getAttribute("name") ?? "").replace(/\d+/g, "#")}:${e.getAttribute("type") ?? ""}`,
        ),
      ),
    ].sort(),
  }));
  return JSON.stringify({ route, query, javaScript, ...state });
}

/** True the first time this run sees `key` (across test files: one directory per key, visits counted beside them). */
function firstVisit(key: string): boolean {
  const seen = inject("axeSeenDir");
  writeFileSync(join(seen, `visit-${randomUUID()}`), "");
  try {
    mkdirSync(join(seen, `page-${createHash("sha256").update(key).digest("hex").slice(0, 32)}`));
    return true;
  } catch {
    return false;
  }
}

export interface BrowserPlatform {
  /** The Worker and its database for this test file. */
  readonly platform: TestPlatform;
  readonly browser: Browser;
  /** The Worker's address, e.g. `${web.url}/inloggen`. */
  readonly url: string;
  /** A page in a fresh browser context whose clock agrees with the Worker's. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Signs in with the sign-in form (on the page's /inloggen, keeping its `next`, or a fresh one). */
  signIn(page: Page, email: string, password?: string): Promise<void>;
  /** A new page (1280 × 900) signed in as `email`. */
  signedInPage(email: string, password?: string): Promise<Page>;
  /**
   * Fails on axe-core violations; each distinct page is checked once per run. For a page
   * with JavaScript switched off, axe reads its HTML in a JavaScript-enabled twin page.
   */
  accessible(page: Page): Promise<void>;
}

/**
 * Starts the platform and Chromium for the enclosing `describe` (stopped after it).
 * `vars` (read when the platform starts, after the file's earlier `beforeAll` hooks) sets Worker vars.
 * @example const web = useBrowserPlatform(); … const page = await web.signedInPage(admin.email);
 */
export function useBrowserPlatform(options: { vars?: () => Record<string, string> } = {}): BrowserPlatform {
  let platform: TestPlatform | undefined;
  let browser: Browser | undefined;
  /** Contexts with JavaScript switched off, and the JavaScript-enabled twin page axe uses for them. */
  const scriptless = new WeakSet<BrowserContext>();
  let twin: Page | undefined;
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: use it inside a test or hook`);
    return value;
  };

  beforeAll(async () => {
    // One after the other, to keep the start-up light on a busy machine.
    platform = await startTestPlatform(options.vars ? { vars: options.vars() } : {});
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  const web: BrowserPlatform = {
    get platform() {
      return ready(platform, "the test platform");
    },
    get browser() {
      return ready(browser, "the browser");
    },
    get url() {
      return web.platform.url;
    },
    async newPage(options = {}) {
      const context = await web.browser.newContext(options);
      if (options.javaScriptEnabled === false) scriptless.add(context);
      const clock = browserClockScript();
      if (clock) await context.addInitScript({ content: clock });
      return context.newPage();
    },
    async signIn(page, email, password = TEST_PASSWORD) {
      if (new URL(page.url()).pathname !== "/inloggen") await page.goto(`${web.url}/inloggen`);
      await web.accessible(page);
      await page.getByLabel(/^E-mailadres/).fill(email);
      await page.getByLabel(/^Wachtwoord/).fill(password);
      await page.getByRole("button", { name: "Inloggen" }).click();
      await expect.poll(() => new URL(page.url()).pathname).not.toBe("/inloggen");
    },
    async signedInPage(email, password) {
      const page = await web.newPage({ viewport: { width: 1280, height: 900 } });
      await web.signIn(page, email, password);
      return page;
    },
    async accessible(page) {
      // After a plain form post the navigation may still be under way: read the settled page.
      await page.waitForLoadState("load");
      const withScript = !scriptless.has(page.context());
      if (!firstVisit(await pageKey(page, withScript))) return;
      if (withScript) {
        expect(await axeViolations(page)).toEqual([]);
        return;
      }
      // axe-core needs JavaScript: check the same HTML in a JavaScript-enabled page on the same origin.
      const html = await page.content();
      twin ??= await web.newPage();
      await twin.goto(`${web.url}/toegankelijkheid`);
      await twin.setContent(html, { waitUntil: "load" });
      const onTwin = twin.url();
      expect((await axeViolations(twin)).map((v) => v.replace(onTwin, page.url()))).toEqual([]);
    },
  };
  return web;
}
