/**
 * Issue 13: every page stays within 50 KB of JavaScript. Pages load scripts only from
 * web/public/assets (through `assetUrl`), so all of those together bound any one page.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path, ext) : ext.test(entry.name) ? [path] : [];
  });
}

describe("JavaScript per page", () => {
  it("loads scripts only from the site's own assets, through assetUrl", () => {
    const tags = files(`${root}src/web`, /\.tsx$/).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/<script\b[^>]*>/g)].map((m) => ({ file, tag: m[0] })),
    );
    expect(tags.length).toBeGreaterThan(0);
    // A script element either loads an asset by assetUrl or carries data (JSON-LD); the embed
    // snippet on the origins page is text shown to the admin, not a tag of our page.
    const foreign = tags.filter(
      ({ tag }) => !/src=\{assetUrl\("[\w.-]+\.js"\)\}/.test(tag) && !tag.includes('type="application/ld+json"') && !tag.includes("${site}"),
    );
    expect(foreign).toEqual([]);
  });

  it("keeps all the site's scripts together under 50 KB, so no page can load more", () => {
    const scripts = files(`${root}web/public/assets`, /\.js$/);
    expect(scripts.length).toBeGreaterThan(0);
    const total = scripts.reduce((sum, file) => sum + statSync(file).size, 0);
    expect(total).toBeLessThanOrEqual(50 * 1024);
  });
});
