/**
 * Global setup of the web project: checks once that Chromium is here (REQUIRE_BROWSER=1, as
 * CI sets, fails the run without it; otherwise the browser suites are skipped with a loud
 * warning), and gives the run one directory in which `accessible()` notes the pages axe has
 * already checked, so each distinct page is checked once per run.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { CHROMIUM_PATH, hasBrowser, requireBrowser } from "./chromium";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where this run records the pages axe-core has checked (one entry per distinct page). */
    axeSeenDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  if (!hasBrowser) {
    const bar = "!".repeat(72);
    console.warn(
      `\n${bar}\n!! BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM_PATH}.\n!! Install chromium or set CHROMIUM_PATH; REQUIRE_BROWSER=1 makes this fail.\n${bar}\n`,
    );
    if (requireBrowser) throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM_PATH}`);
  }
  const dir = mkdtempSync(join(tmpdir(), "mkb-axe-"));
  project.provide("axeSeenDir", dir);
  return () => {
    const entries = readdirSync(dir);
    const pages = entries.filter((name) => name.startsWith("page-")).length;
    const visits = entries.filter((name) => name.startsWith("visit-")).length;
    if (visits > 0) console.log(`axe-core checked ${pages} distinct pages (${visits - pages} repeat visits not checked again)`);
    rmSync(dir, { recursive: true, force: true });
  };
}
