/**
 * Global setup of the API and web projects: builds the Worker bundle once per run, the way
 * production builds it (`wrangler deploy --dry-run`), so tests exercise exactly what would be
 * deployed. Both projects name this file; the build runs once and its log is handed to the
 * bundle test (`inject("bundleLog")`) instead of building a second time there.
 * `MKB_BUNDLE_LOG` (set by tools/test-clock.ts, which builds once for several runs) skips the build.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** wrangler's output of this run's `deploy --dry-run --outdir dist`. */
    bundleLog: string;
  }
}

const BUILT = Symbol.for("mkb.test.bundleLog");
type WithBuild = typeof globalThis & { [BUILT]?: string };

export function buildBundle(): string {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  return execFileSync(process.execPath, [`${root}node_modules/wrangler/bin/wrangler.js`, "deploy", "--dry-run", "--outdir", "dist"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
}

export default function setup(project: TestProject): void {
  const state = globalThis as WithBuild;
  // `npm run test:clock` builds once for all its runs and hands the log on.
  state[BUILT] ??= process.env.MKB_BUNDLE_LOG || buildBundle();
  project.provide("bundleLog", state[BUILT]);
}
