/**
 * `npm start`: the whole platform on one machine, as child processes of this one:
 * 1. the local libSQL server (`npm run db:server`) on 127.0.0.1:8080 (LIBSQL_PORT), file
 *    .data/mkb.db (LIBSQL_FILE), kept across restarts;
 * 2. migrations, and the demo data when the database is empty (run from here, as a client);
 * 3. `wrangler dev`: the real Worker in workerd on http://localhost:8787 (PORT);
 * 4. the local Cron Trigger (tools/cron.ts): the scheduled handler every minute
 *    (SCHEDULED_EVERY_SECONDS), as production's Cron Trigger.
 * When any child ends (or one of wrangler's workerd processes, which wrangler itself does not
 * notice), the others are stopped and this exits non-zero: nothing is left holding a port.
 * Ctrl-C (or SIGTERM) stops all of them and exits 0.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { applyMigrations } from "./migrate";
import { seedDemoData } from "./seed/seed";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.PORT ?? 8787);
const dbPort = Number(process.env.LIBSQL_PORT ?? 8080);
const dbPath = process.env.LIBSQL_FILE ?? `${root}.data/mkb.db`;
const everySeconds = process.env.SCHEDULED_EVERY_SECONDS ?? "60";
const dbUrl = `http://127.0.0.1:${dbPort}`;
const GRACE_MS = 3000;

interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<void>;
}
const children: Child[] = [];
let stopping = false;

/**
 * Starts a child in its own process group (so a signal reaches its own children, such as
 * wrangler's workerd, and Ctrl-C in the terminal reaches only this supervisor). Its end,
 * unless we are stopping, stops everything.
 */
function start(name: string, args: string[], extra: { ipc?: boolean } = {}): Child {
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: extra.ipc ? ["ignore", "inherit", "inherit", "ipc"] : ["ignore", "inherit", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    detached: true,
  });
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      resolve();
      if (stopping) return;
      console.error(`\n${name} ended (${signal ?? `exit code ${code}`}); stopping the others.`);
      void stop(1);
    });
    child.once("error", (error) => {
      resolve();
      if (stopping) return;
      console.error(`\n${name} could not start: ${error.message}`);
      void stop(1);
    });
  });
  const entry = { name, process: child, exited };
  children.push(entry);
  return entry;
}

function signalGroup(child: Child, signal: NodeJS.Signals): void {
  if (child.process.pid === undefined) return;
  try {
    process.kill(-child.process.pid, signal);
  } catch {
    // The whole group is gone already.
  }
}

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const child of children) signalGroup(child, "SIGTERM");
    const timeout = new Promise((resolve) => setTimeout(resolve, GRACE_MS));
    await Promise.race([Promise.all(children.map((c) => c.exited)), timeout]);
    // Whatever is left in a group (a leader that ignored SIGTERM, or an orphan such as workerd) goes now.
    for (const child of children) signalGroup(child, "SIGKILL");
    process.exit(code);
  }
  return new Promise<never>(() => {});
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
process.on("SIGHUP", () => void stop(0));

async function waitForDatabase(db: Child): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (db.process.exitCode !== null || db.process.signalCode !== null) break;
    try {
      if ((await fetch(`${dbUrl}/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the libSQL server did not answer on ${dbUrl}`);
}

/** How many workerd processes run in a process group (wrangler starts them in its own). */
function workerdCount(pgid: number): number {
  if (!existsSync("/proc/self/stat")) {
    const ps = execFileSync("ps", ["-A", "-o", "pgid=,comm="], { encoding: "utf8" });
    return ps.split("\n").filter((line) => {
      const [group, ...command] = line.trim().split(/\s+/);
      return Number(group) === pgid && /(^|\/)workerd$/.test(command.join(" "));
    }).length;
  }
  let count = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid pgrp …"
      const stat = /^\d+ \((.*)\) \S+ \d+ (\d+) /.exec(readFileSync(`/proc/${entry}/stat`, "utf8"));
      if (stat?.[1] === "workerd" && Number(stat[2]) === pgid) count++;
    } catch {
      // The process ended while we looked.
    }
  }
  return count;
}

/**
 * wrangler does not notice when workerd dies: the port then hangs or refuses. A reload
 * replaces the runtime's workerd within a second (sometimes both run for a moment), so the
 * reference is the highest count seen on two polls in a row, and only a count that stays
 * below it for 10 s means a workerd has died.
 */
function watchWorkerd(wrangler: Child): void {
  const pgid = wrangler.process.pid;
  if (pgid === undefined) return;
  let previous = 0;
  let steady = 0;
  let shortSince: number | null = null;
  const timer = setInterval(() => {
    if (stopping) return clearInterval(timer);
    const count = workerdCount(pgid);
    steady = Math.max(steady, Math.min(count, previous));
    previous = count;
    if (count >= steady) shortSince = null;
    else if (shortSince === null) shortSince = Date.now();
    else if (Date.now() - shortSince >= 10_000) {
      clearInterval(timer);
      console.error(`\nworkerd ended (${steady - count} of ${steady} gone; wrangler does not restart it); stopping the others.`);
      void stop(1);
    }
  }, 2000);
}

const tsx = ["--import", "tsx"];
try {
  const db = start("the libSQL server", [...tsx, "tools/libsql-server/main.ts", "--path", dbPath, "--port", String(dbPort)]);
  await waitForDatabase(db);
  await applyMigrations(dbUrl);
  if (await seedDemoData(dbUrl)) console.log("Demo data seeded (three regions, frontdesks, demo accounts).");
} catch (error) {
  if (!stopping) console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}

// The KVK API stub (issue 20), unless a real KVK_API_URL is given: port PORT + 3 (8790 by default).
const kvkVars: string[] = [];
if (!process.env.KVK_API_URL) {
  const kvkPort = Number(port) + 3;
  start("the KVK API stub", [...tsx, "tools/kvk-stub.ts", "--port", String(kvkPort)]);
  kvkVars.push("--var", `KVK_API_URL:http://127.0.0.1:${kvkPort}`, "--var", "KVK_API_KEY:local-stub");
}

console.log(`Starting the Worker on http://localhost:${port} …`);
const wrangler = start("wrangler dev", [
  `${root}node_modules/wrangler/bin/wrangler.js`,
  "dev",
  "--port",
  String(port),
  "--ip",
  "127.0.0.1",
  "--var",
  `LIBSQL_URL:${dbUrl}`,
  "--var",
  "APP_ENV:development",
  "--var",
  `PUBLIC_URL:http://localhost:${port}`,
  ...kvkVars,
  // Adds /__scheduled, which runs the scheduled handler (the cron ticker calls it).
  "--test-scheduled",
  "--show-interactive-dev-session=false",
]);
watchWorkerd(wrangler);
start("the local Cron Trigger", [...tsx, "tools/cron.ts", "--url", `http://127.0.0.1:${port}`, "--every", everySeconds], { ipc: true });
