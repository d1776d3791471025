/**
 * What the before/after benchmarks share: the two code bases ("before" is a checkout of the
 * code before issue 12, "after" this one), running either through `npm start` (the whole dev
 * stack: libSQL server, migrations, demo seed, `wrangler dev`) or as a bundle in Miniflare
 * against a given database file, plus timing and load helpers.
 *
 * "before" is `git archive` of BENCH_BEFORE_REF (default: 623251a, main just before issue 12's
 * first change) into a temporary folder that shares this checkout's node_modules.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const ORIGIN = "http://localhost:8787";

export interface Side {
  name: "before" | "after";
  root: string;
  label: string;
}

function git(args: string[]): string {
  return execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
}

function buildBundle(root: string): void {
  execFileSync(process.execPath, [`${ROOT}node_modules/wrangler/bin/wrangler.js`, "deploy", "--dry-run", "--outdir", "dist"], {
    cwd: root,
    stdio: "ignore",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
}

/** main just before issue 12's first change: what every "before" column is measured on. */
const ISSUE_12_BASE = "623251a";

let sides: { before: Side; after: Side; cleanup(): void } | null = null;

/** Prepares both code bases once per run (bundles built); call `cleanup` at the very end. */
export function prepareSides(): { before: Side; after: Side; cleanup(): void } {
  if (sides) return sides;
  const ref = process.env.BENCH_BEFORE_REF ?? ISSUE_12_BASE;
  const commit = git(["rev-parse", "--short", ref]);
  const dir = mkdtempSync(join(tmpdir(), "bench-before-"));
  execFileSync("sh", ["-c", `git archive ${ref} | tar -x -C ${dir}`], { cwd: ROOT });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  buildBundle(dir);
  if (!existsSync(join(ROOT, "dist/worker.js"))) buildBundle(ROOT);
  const head = git(["rev-parse", "--short", "HEAD"]);
  sides = {
    before: { name: "before", root: dir, label: `before (${commit})` },
    after: { name: "after", root: ROOT, label: `after (${head})` },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  return sides;
}

/** Removes the "before" checkout, if this run made one. */
export function cleanupSides(): void {
  sides?.cleanup();
  sides = null;
}

export interface Stack {
  url: string;
  dbUrl: string;
  stop(): Promise<void>;
}

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not come up within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Starts `npm start` (tools/dev.ts) of one side on the given ports, with a fresh database
 * file (so it seeds the demo data), and waits until the Worker answers.
 */
export async function startStack(side: Side, ports: { web: number; db: number }, latencyMs: number): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), `bench-${side.name}-`));
  mkdirSync(dataDir, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, [`${ROOT}node_modules/tsx/dist/cli.mjs`, "tools/dev.ts"], {
    cwd: side.root,
    env: {
      ...process.env,
      PORT: String(ports.web),
      LIBSQL_PORT: String(ports.db),
      LIBSQL_FILE: join(dataDir, "mkb.db"),
      LIBSQL_LATENCY_MS: String(latencyMs),
      WRANGLER_SEND_METRICS: "false",
    },
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${ports.web}`;
  await waitFor(`${url}/api/v1/health`, 180_000);
  return {
    url,
    dbUrl: `http://127.0.0.1:${ports.db}`,
    async stop() {
      try {
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      } catch {
        // gone already
      }
      await new Promise((resolve) => setTimeout(resolve, 1500));
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // gone already
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BundleWorker {
  fetch(path: string, init?: RequestInit): Promise<Response>;
  dispose(): Promise<void>;
}

/** The side's bundle in workerd (Miniflare) against a libSQL server URL. */
export async function startBundle(side: Side, dbUrl: string): Promise<BundleWorker> {
  const { Miniflare } = await import("miniflare");
  const { unstable_getMiniflareWorkerOptions } = await import("wrangler");
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(side.root, "wrangler.toml"));
  const mf = new Miniflare({
    ...workerOptions,
    modules: true,
    scriptPath: join(side.root, "dist/worker.js"),
    modulesRoot: join(side.root, "dist"),
    bindings: { ...(workerOptions.bindings ?? {}), APP_ENV: "test", LIBSQL_URL: dbUrl, MAIL_TRANSPORT: "log" },
    handleRuntimeStdio(stdout: NodeJS.ReadableStream, stderr: NodeJS.ReadableStream) {
      stdout.resume();
      stderr.resume();
    },
  } as ConstructorParameters<typeof Miniflare>[0]);
  await mf.ready;
  return {
    fetch: async (path, init = {}) => (await mf.dispatchFetch(`${ORIGIN}${path}`, init as never)) as unknown as Response,
    dispose: () => mf.dispose(),
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Closed-loop load: `connections` loops each send the next request as soon as the last
 * answered, for `seconds`. Returns requests per second and the share of `X-Cache: hit`.
 */
export async function load(
  make: () => { url: string; init?: RequestInit },
  connections: number,
  seconds: number,
): Promise<{ rps: number; errors: number; hits: number; misses: number }> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  let errors = 0;
  let hits = 0;
  let misses = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const { url, init } = make();
        try {
          const response = await fetch(url, init);
          await response.arrayBuffer();
          if (response.status >= 400) errors++;
          const cache = response.headers.get("x-cache");
          if (cache === "hit") hits++;
          else if (cache === "miss") misses++;
          done++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { rps: done / ((performance.now() - started) / 1000), errors, hits, misses };
}

/** Signs in through the API and returns the cookie header. */
export async function signIn(
  fetcher: (path: string, init?: RequestInit) => Promise<Response>,
  email: string,
  password: string,
  origin = ORIGIN,
): Promise<string> {
  const response = await fetcher("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed for ${email}: ${response.status} ${await response.text()}`);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}
