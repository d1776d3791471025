/**
 * `npm start` itself (tools/dev.ts): the libSQL server, `wrangler dev` with workerd and the
 * local Cron Trigger as child processes, on free ports and a temporary database. Proves the
 * scheduled handler runs under wrangler dev (by the ticker and on request) and logs what
 * fails, that a 413 leaves the connection usable under wrangler's proxy, and that the end of
 * any child, or Ctrl-C, leaves nothing running.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, type Client } from "@libsql/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { twoFetches, twoRequestsOnOneConnection } from "../support/keep-alive";

const root = fileURLToPath(new URL("../..", import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

interface Proc {
  pid: number;
  ppid: number;
  args: string;
}

function processTable(): Proc[] {
  return execFileSync("ps", ["-A", "-o", "pid=,ppid=,stat=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && !m[3]?.startsWith("Z"))
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[4] ?? "" }));
}

/** Every live process below `pid`. */
function descendants(pid: number): Proc[] {
  const table = processTable();
  const found: Proc[] = [];
  let frontier = [pid];
  while (frontier.length > 0) {
    const next = table.filter((p) => frontier.includes(p.ppid));
    found.push(...next);
    frontier = next.map((p) => p.pid);
  }
  return found;
}

function stillRunning(pids: number[]): number[] {
  const live = new Set(processTable().map((p) => p.pid));
  return pids.filter((pid) => live.has(pid));
}

interface Dev {
  process: ChildProcess;
  port: number;
  dbPort: number;
  url: string;
  output(): string;
  exited: Promise<number | null>;
  /** Every process it started, found once it was up. */
  tree: Proc[];
  dispose(): void;
}

/** Starts `npm start` (tools/dev.ts) on free ports with its own database file; resolves once the Worker answers. */
async function startDev(): Promise<Dev> {
  const dir = mkdtempSync(join(tmpdir(), "mkb-dev-"));
  const port = await freePort();
  const dbPort = await freePort();
  let output = "";
  // Detached: its own process group, as a terminal's foreground job (Ctrl-C signals the group).
  const child = spawn(process.execPath, ["--import", "tsx", "tools/dev.ts"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), LIBSQL_PORT: String(dbPort), LIBSQL_FILE: join(dir, "mkb.db"), SCHEDULED_EVERY_SECONDS: "1" },
  });
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const dev: Dev = {
    process: child,
    port,
    dbPort,
    url,
    output: () => output,
    exited,
    tree: [],
    dispose() {
      // Only what this test started: the supervisor and the processes found below it.
      for (const pid of stillRunning([child.pid ?? -1, ...dev.tree.map((p) => p.pid)])) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // gone meanwhile
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start ended early:\n${output}`);
    if (Date.now() > deadline) {
      dev.tree = descendants(child.pid ?? -1);
      dev.dispose();
      throw new Error(`npm start did not come up:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // workerd processes appear shortly after wrangler is ready: wait until the tree has them.
  for (let i = 0; i < 40 && !descendants(child.pid ?? -1).some((p) => /workerd/.test(p.args)); i++) await new Promise((resolve) => setTimeout(resolve, 250));
  dev.tree = descendants(child.pid ?? -1);
  return dev;
}

function childMatching(dev: Dev, pattern: RegExp): Proc {
  const found = dev.tree.find((p) => pattern.test(p.args));
  if (!found) throw new Error(`no child matching ${pattern} in:\n${dev.tree.map((p) => p.args).join("\n")}`);
  return found;
}

/** The JSON log lines the Worker and the ticker wrote (wrangler may wrap them in colour codes). */
function jsonLines(text: string): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  for (const match of text.matchAll(/\{"level":.*\}/g)) {
    try {
      lines.push(JSON.parse(match[0]) as Record<string, unknown>);
    } catch {
      // not a whole JSON line
    }
  }
  return lines;
}

async function addDueMessage(client: Client, createdAt: number): Promise<string> {
  const id = newId();
  await client.execute({
    sql: `insert into outbox (id, region_id, appointment_id, kind, dedupe_key, recipient, subject, text_body, html_body, status, attempts, next_attempt_at, created_at)
          values (?, null, null, 'password_reset', ?, 'iemand@example.nl', 'Test', 'Hallo', '<p>Hallo</p>', 'pending', 0, ?, ?)`,
    args: [id, id, createdAt - 1000, createdAt],
  });
  return id;
}

async function statusOf(client: Client, id: string): Promise<unknown> {
  return (await client.execute({ sql: "select status from outbox where id = ?", args: [id] })).rows[0]?.status;
}

describe("npm start", () => {
  let dev: Dev;
  let client: Client;

  beforeAll(async () => {
    dev = await startDev();
    client = createClient({ url: `http://127.0.0.1:${dev.dbPort}` });
  }, 120_000);
  afterAll(() => {
    client?.close();
    dev?.dispose();
  });

  it("should run the scheduled jobs every tick, as the Cron Trigger would, and deliver a due message", async () => {
    const id = await addDueMessage(client, Date.now());
    await expect.poll(() => statusOf(client, id), { timeout: 20_000, interval: 250 }).toBe("sent");
    // A tick logs its report after all its jobs (delivery first, then idempotency, privacy and
    // contact points), so the line may follow the status change. Other due mail of the demo data
    // may go out in the same tick: at least ours was sent by a tick.
    const sentByTick = () =>
      jsonLines(dev.output())
        .filter((l) => l.msg === "scheduled jobs")
        .some((r) => ((r.delivery as { sent?: number } | undefined)?.sent ?? 0) >= 1);
    await expect.poll(sentByTick, { timeout: 20_000, interval: 250 }).toBe(true);
  });

  it("should run the scheduled handler on request at /__scheduled", async () => {
    const response = await fetch(`${dev.url}/__scheduled?cron=*+*+*+*+*`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("Ran scheduled event");
  });

  it("should log a job that throws as JSON with level error, and still run the other jobs", async () => {
    const id = await addDueMessage(client, Date.now());
    await client.execute("alter table idempotency_keys rename to idempotency_keys_away");
    try {
      const response = await fetch(`${dev.url}/__scheduled?cron=*+*+*+*+*`);
      expect(response.status).toBe(500);
      await expect
        .poll(() => jsonLines(dev.output()).find((l) => l.msg === "scheduled job failed" && l.job === "idempotency"), { timeout: 10_000 })
        .toMatchObject({ level: "error", error: expect.stringContaining("idempotency_keys") });
      await expect.poll(() => statusOf(client, id), { timeout: 10_000 }).toBe("sent");
    } finally {
      await client.execute("alter table idempotency_keys_away rename to idempotency_keys");
    }
  });

  it("should answer the next request on a keep-alive connection at once after a 413 under wrangler dev", async () => {
    const body = Buffer.from(JSON.stringify({ question: "x".repeat(2 * 1024 * 1024) }));
    const first = { method: "POST", path: "/api/v1/regions/zuid-limburg/appointments", headers: { "content-type": "application/json" }, body };
    expect(await twoRequestsOnOneConnection(dev.url, first, "/api/v1/health", 3000)).toMatchObject({ first: 413, second: 200, reused: true });
    expect(await twoFetches(dev.url, first, "/api/v1/health", 3000)).toMatchObject({ first: 413, second: 200 });
  });

  it("should stop everything and exit non-zero when the database server ends", async () => {
    const db = childMatching(dev, /tools\/libsql-server\/main\.ts/);
    process.kill(db.pid, "SIGKILL");
    expect(await dev.exited).not.toBe(0);
    await expect.poll(() => stillRunning(dev.tree.map((p) => p.pid)), { timeout: 10_000 }).toEqual([]);
    expect(await portIsFree(dev.port)).toBe(true);
    expect(await portIsFree(dev.dbPort)).toBe(true);
    expect(dev.output()).toContain("the libSQL server ended");
  }, 30_000);
});

describe("npm start, stopped", () => {
  let dev: Dev | undefined;
  afterEach(() => {
    dev?.dispose();
    dev = undefined;
  });

  it("should stop everything and exit non-zero when workerd dies under wrangler", async () => {
    dev = await startDev();
    const { tree } = dev;
    const workerd = tree.filter((p) => /workerd/.test(p.args)).at(-1);
    expect(workerd).toBeDefined();
    // npm start checks on workerd every 2 s: give it time to have seen this one twice.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    process.kill(workerd?.pid ?? -1, "SIGKILL");
    expect(await dev.exited).not.toBe(0);
    await expect.poll(() => stillRunning(tree.map((p) => p.pid)), { timeout: 10_000 }).toEqual([]);
    expect(await portIsFree(dev.port)).toBe(true);
    expect(await portIsFree(dev.dbPort)).toBe(true);
  }, 150_000);

  it("should stop everything on Ctrl-C and leave nothing running", async () => {
    dev = await startDev();
    const { tree } = dev;
    expect(tree.map((p) => p.args).join("\n")).toMatch(/tools\/cron\.ts/);
    process.kill(-(dev.process.pid ?? -1), "SIGINT");
    expect(await dev.exited).toBe(0);
    await expect.poll(() => stillRunning(tree.map((p) => p.pid)), { timeout: 10_000 }).toEqual([]);
    expect(await portIsFree(dev.port)).toBe(true);
    expect(await portIsFree(dev.dbPort)).toBe(true);
  }, 150_000);
});
