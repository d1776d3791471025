import { createApp } from "./app";
import type { Bindings } from "./env";

const app = createApp();

/** The Workers entry: HTTP now; scheduled jobs and the queue consumer join as features land. */
export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Bindings>;
