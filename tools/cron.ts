/**
 * The local Cron Trigger. `wrangler dev` never fires Cron Triggers, so this runs the Worker's
 * scheduled handler at the start of every minute, as Cloudflare does in production, through
 * the `/__scheduled` route that `wrangler dev --test-scheduled` adds (`npm start` passes it).
 * `npm start` runs it; alone: `npm run cron -- --url http://127.0.0.1:8787`.
 * CLI: tsx tools/cron.ts --url <worker> [--every <seconds, 60>] [--cron "* * * * *"]
 */
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:8787" },
    every: { type: "string", default: "60" },
    cron: { type: "string", default: "* * * * *" },
  },
});
const everyMs = Number(values.every) * 1000;
if (!Number.isFinite(everyMs) || everyMs < 100) {
  console.error(`--every must be a number of seconds (got ${values.every})`);
  process.exit(2);
}
const target = new URL("/__scheduled", values.url);
target.searchParams.set("cron", values.cron);

// Started by `npm start` (with an IPC channel): end with it, even when it was killed hard.
if (process.send) process.on("disconnect", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));

function log(level: "info" | "error", msg: string, extra: Record<string, unknown> = {}): void {
  (level === "error" ? console.error : console.log)(JSON.stringify({ level, msg, cron: values.cron, ...extra }));
}

let running = false;
/** One run: the answer is 200 once every job ran; 500 when one threw (the Worker logs which). */
async function tick(): Promise<void> {
  if (running) return; // the previous run is still going: skip, as a slow cron would
  running = true;
  try {
    const response = await fetch(target, { signal: AbortSignal.timeout(Math.max(everyMs, 30_000)) });
    await response.arrayBuffer();
    if (!response.ok) log("error", "scheduled run failed", { status: response.status });
  } catch (error) {
    log("error", "scheduled run failed", { error: String((error as { cause?: unknown }).cause ?? error) });
  } finally {
    running = false;
  }
}

// At the start of each period (each minute by default), like the Cron Trigger.
function schedule(): void {
  setTimeout(
    () => {
      void tick();
      schedule();
    },
    everyMs - (Date.now() % everyMs),
  );
}
log("info", "local cron trigger started", { url: target.origin, everySeconds: everyMs / 1000 });
schedule();
