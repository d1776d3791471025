import { createApp } from "./app";
import { openDb } from "./db/client";
import type { Bindings } from "./env";
import { readConfig } from "./env";
import { clock } from "./lib/clock";
import { runScheduledJobs } from "./features/jobs/jobs.service";

const app = createApp();

/** The Workers entry: HTTP, and the Cron Trigger that delivers the outbox and tidies up. */
export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    const config = readConfig(env);
    ctx.waitUntil(
      runScheduledJobs(openDb(config), config, env, clock(config)(controller.scheduledTime)).then((report) => {
        console.log(JSON.stringify({ level: "info", msg: "scheduled jobs", cron: controller.cron, ...report }));
      }),
    );
  },
} satisfies ExportedHandler<Bindings>;
