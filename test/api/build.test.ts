import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { describe, expect, inject, it } from "vitest";

const dist = fileURLToPath(new URL("../../dist/", import.meta.url));

describe("the deployable bundle", () => {
  // The global setup built dist/ with `wrangler deploy --dry-run` for this run; check that build.
  it("should bundle with wrangler deploy --dry-run, well under the Workers size limit and without Node-only modules", () => {
    expect(inject("bundleLog")).toContain("--dry-run: exiting now.");
    const bundle = readFileSync(`${dist}worker.js`);
    const gzipKiB = gzipSync(bundle).length / 1024;
    // Cloudflare's limit is 3 MiB compressed on the free plan; stay at half of it at most
    // (≈1.05 MiB at the end of round 3, of which ≈0.45 MiB are the password dictionaries).
    expect(gzipKiB).toBeLessThan(1536);
    expect(statSync(`${dist}worker.js`).size).toBeGreaterThan(10_000);
    expect(bundle.toString("utf8")).not.toMatch(/from\s*["']node:(fs|child_process|net)["']/);
  });
});
