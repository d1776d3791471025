import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("the deployable bundle", () => {
  it("should bundle with wrangler deploy --dry-run, well under the Workers size limit and without Node-only modules", () => {
    const out = mkdtempSync(join(tmpdir(), "mkb-build-"));
    try {
      const log = execFileSync(process.execPath, [`${root}node_modules/wrangler/bin/wrangler.js`, "deploy", "--dry-run", "--outdir", out], {
        cwd: root,
        env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
        encoding: "utf8",
      });
      expect(log).toContain("--dry-run: exiting now.");
      const bundle = readFileSync(join(out, "worker.js"));
      const gzipKiB = gzipSync(bundle).length / 1024;
      // Cloudflare's limit is 3 MiB compressed on the free plan; stay far below it.
      expect(gzipKiB).toBeLessThan(1024);
      expect(statSync(join(out, "worker.js")).size).toBeGreaterThan(10_000);
      expect(bundle.toString("utf8")).not.toMatch(/from\s*["']node:(fs|child_process|net)["']/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
