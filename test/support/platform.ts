/**
 * Runs the real Worker bundle (dist/worker.js, built by `wrangler deploy --dry-run`) in
 * workerd through Miniflare, against a fresh local libSQL server with its own database file.
 * Every test file starts its own platform: no test depends on another's data.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, type Client } from "@libsql/client";
import { Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { startLibsqlServer, type LibsqlServer } from "../../tools/libsql-server/server";
import { applyMigrations } from "../../tools/migrate";
import { CLOCK_OFFSET_MS, realNow } from "./clock";

const root = fileURLToPath(new URL("../..", import.meta.url));
export const ORIGIN = "http://localhost:8787";

export interface TestPlatform {
  /** The Worker's real HTTP address (for a browser). */
  url: string;
  /** Calls the Worker; `path` is relative to the origin. */
  fetch(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** Direct database access for arranging and asserting (never used by the Worker). */
  client: Client;
  dbUrl: string;
  server: LibsqlServer;
  mf: Miniflare;
  /** Runs the Worker's Cron Trigger once (as Cloudflare would every minute) and waits for it. */
  runScheduled(): Promise<void>;
  /** A second workerd instance of the same Worker on the same database (another isolate), optionally with other vars. */
  startSecondWorker(vars?: Record<string, string>): Promise<{ fetch: TestPlatform["fetch"]; runScheduled(): Promise<void>; dispose(): Promise<void> }>;
  /** Stops and starts the libSQL server on the same file and port (outage tests). */
  stopDatabase(): Promise<void>;
  startDatabase(): Promise<void>;
  close(): Promise<void>;
}

/** The test harness's own libSQL requests say so when they fail (a Worker's failures look different). */
async function labelledFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    throw new Error(`the test harness's libSQL request failed: ${String(error)}${cause ? ` (${String(cause)})` : ""}`, { cause: error });
  }
}

export async function startTestPlatform(options: { vars?: Record<string, string> } = {}): Promise<TestPlatform> {
  const dir = mkdtempSync(join(tmpdir(), "mkb-test-"));
  const dbPath = join(dir, "test.db");
  let server = await startLibsqlServer({ path: dbPath, port: 0 });
  const port = server.port;

  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(root, "wrangler.toml"));
  const newMiniflare = (vars: Record<string, string> = {}) =>
    new Miniflare({
      ...workerOptions,
      // Miniflare wants one script, not the bundler settings of the config.
      modules: true,
      host: "127.0.0.1",
      port: 0,
      scriptPath: join(root, "dist/worker.js"),
      modulesRoot: join(root, "dist"),
      // The Worker runs on the run's test clock (see ./clock.ts); production config ignores it.
      bindings: {
        ...(workerOptions.bindings ?? {}),
        APP_ENV: "test",
        LIBSQL_URL: server.url,
        TEST_CLOCK_OFFSET_MS: String(CLOCK_OFFSET_MS),
        ...(options.vars ?? {}),
        ...vars,
      },
      // The Worker logs one JSON line per request; keep test output readable unless DEBUG_WORKER=1.
      handleRuntimeStdio(stdout: NodeJS.ReadableStream, stderr: NodeJS.ReadableStream) {
        if (process.env.DEBUG_WORKER) {
          stdout.pipe(process.stdout);
          stderr.pipe(process.stderr);
        } else {
          stdout.resume();
          stderr.resume();
        }
      },
    } as ConstructorParameters<typeof Miniflare>[0]);
  // workerd starts while the migrations run; the test's client is made last and used at once.
  // (Made before a slow workerd start, its first request could take a pooled connection the
  // libSQL server had closed meanwhile: ECONNRESET on a busy machine.)
  const mf = newMiniflare();
  const [ready] = await Promise.all([mf.ready, applyMigrations(server.url)]).catch(async (error: unknown) => {
    await mf.dispose().catch(() => undefined);
    await server.close();
    throw error;
  });
  const url = ready.toString().replace(/\/$/, "");
  const client = createClient({ url: server.url, fetch: labelledFetch });
  const fetchWith =
    (instance: Miniflare): TestPlatform["fetch"] =>
    async (path, init = {}) => {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (json !== undefined) headers.set("content-type", "application/json");
      const response = await instance.dispatchFetch(`${ORIGIN}${path}`, {
        ...rest,
        headers,
        body: json !== undefined ? JSON.stringify(json) : (rest.body as string | undefined),
      } as never);
      return response as unknown as Response;
    };

  const scheduledOn = async (instance: Miniflare) => {
    const worker = await instance.getWorker();
    // Cloudflare hands the real time; the Worker moves it onto its own clock.
    const result = await worker.scheduled({ cron: "* * * * *", scheduledTime: new Date(realNow()) });
    if (result.outcome !== "ok") throw new Error(`scheduled handler: ${result.outcome}`);
  };

  const platform: TestPlatform = {
    client,
    url,
    dbUrl: server.url,
    get server() {
      return server;
    },
    mf,
    fetch: fetchWith(mf),
    runScheduled: () => scheduledOn(mf),
    async startSecondWorker(vars) {
      const second = newMiniflare(vars);
      await second.ready;
      return { fetch: fetchWith(second), runScheduled: () => scheduledOn(second), dispose: () => second.dispose() };
    },
    async stopDatabase() {
      await server.close();
    },
    async startDatabase() {
      server = await startLibsqlServer({ path: dbPath, port });
    },
    async close() {
      client.close();
      await mf.dispose();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return platform;
}

/**
 * Waits until no request has reached the database for a moment (a request's after-answer
 * work done), so round trips counted by the libSQL server never depend on timing.
 */
export async function settleDatabase(platform: TestPlatform): Promise<void> {
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const now = platform.server.stats().requests;
    if (now === last) return;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
