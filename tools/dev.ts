/**
 * `npm start`: the whole platform on one machine.
 * 1. the local libSQL server on 127.0.0.1 (file .data/mkb.db, survives restarts);
 * 2. migrations, and the demo data when the database is empty;
 * 3. `wrangler dev`: the real Worker in workerd on http://localhost:8787 (PORT overrides).
 * Ctrl-C stops all of it.
 */
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startLibsqlServer } from "./libsql-server/server";
import { applyMigrations } from "./migrate";
import { seedDemoData } from "./seed/seed";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.PORT ?? 8787);
const dbPort = Number(process.env.LIBSQL_PORT ?? 8080);
const dbPath = process.env.LIBSQL_FILE ?? `${root}.data/mkb.db`;

mkdirSync(`${root}.data`, { recursive: true });
const server = await startLibsqlServer({ path: dbPath, port: dbPort });
console.log(`libSQL server on ${server.url} (file ${dbPath})`);
await applyMigrations(server.url);
if (await seedDemoData(server.url)) console.log("Demo data seeded (three regions, frontdesks, demo accounts).");

const wrangler = spawn(
  process.execPath,
  [
    `${root}node_modules/wrangler/bin/wrangler.js`,
    "dev",
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--var",
    `LIBSQL_URL:${server.url}`,
    "--var",
    "APP_ENV:development",
    "--var",
    `PUBLIC_URL:http://localhost:${port}`,
    "--show-interactive-dev-session=false",
  ],
  { cwd: root, stdio: "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false" }, detached: true },
);

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  // wrangler runs workerd as a child: signal the whole process group so nothing is left behind.
  try {
    if (wrangler.pid && wrangler.exitCode === null) process.kill(-wrangler.pid, "SIGTERM");
  } catch {
    /* already gone */
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  try {
    if (wrangler.pid && wrangler.exitCode === null) process.kill(-wrangler.pid, "SIGKILL");
  } catch {
    /* already gone */
  }
  await server.close();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
wrangler.on("exit", (code) => void stop(code ?? 0));
console.log(`Starting the Worker on http://localhost:${port} …`);
