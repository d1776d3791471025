/**
 * Builds the Worker bundle once per run, the way production builds it
 * (`wrangler deploy --dry-run`), so API tests exercise exactly what would be deployed.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/wrangler/bin/wrangler.js`, "deploy", "--dry-run", "--outdir", "dist"], {
    cwd: root,
    stdio: "pipe",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
}
