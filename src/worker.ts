import { createApp } from "./app";
import { openDb } from "./db/client";
import type { Bindings } from "./env";
import { readConfig } from "./env";
import { clock } from "./lib/clock";
import { runScheduledJobs } from "./features/jobs/jobs.service";

const app = createApp();

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * The Workers entry: HTTP, and the Cron Trigger that delivers the outbox and tidies up.
 * The handler awaits its jobs (no `waitUntil`) so a failure reaches whoever triggered it: the
 * Cron Trigger's outcome in production, the answer of `/__scheduled` under `npm start`.
 * Every failure is logged as one JSON line with level `error`.
 */
export default {
  fetch: app.fetch,
  async scheduled(controller, env) {
    const cron = controller.cron;
    let report: Awaited<ReturnType<typeof runScheduledJobs>>;
    try {
      const config = readConfig(env);
      report = await runScheduledJobs(openDb(config), config, env, clock(config)(controller.scheduledTime));
    } catch (error) {
      console.error(JSON.stringify({ level: "error", msg: "scheduled jobs failed", cron, error: describe(error) }));
      throw error;
    }
    const { failed, ...done } = report;
    for (const failure of failed) console.error(JSON.stringify({ level: "error", msg: "scheduled job failed", cron, ...failure }));
    console.log(JSON.stringify({ level: failed.length > 0 ? "error" : "info", msg: "scheduled jobs", cron, ...done, failed: failed.map((f) => f.job) }));
    if (failed.length > 0) throw new Error(`Scheduled jobs failed: ${failed.map((f) => f.job).join(", ")}`);
  },
} satisfies ExportedHandler<Bindings>;
