import type { AppContext } from "../../lib/context";
import { createTransport, deliverDueMessages } from "./delivery.service";
import { deliverWebhooksNow } from "../webhooks/webhooks.delivery";
import { webhooksQueued } from "../webhooks/webhook-events";

/**
 * After a change, try to deliver its messages at once without making the answer wait;
 * whatever fails stays in the outbox for the scheduled job.
 * @example deliverSoon(c);
 */
export function deliverSoon(c: AppContext): void {
  deliverWebhooksSoon(c);
  const transport = createTransport(c.var.config, c.env);
  if (!transport) return;
  // Started only once the answer is on its way: its round trips never delay the response
  // (a timer callback runs after the handler has returned it to the runtime).
  const now = c.var.now;
  const work = new Promise((resolve) => setTimeout(resolve, 0))
    .then(() => deliverDueMessages(c.var.db, transport, { now, from: c.var.config.MAIL_FROM, limit: 10, clearBodies: !c.var.config.isLocal }))
    .catch((error: unknown) => {
      console.error(JSON.stringify({ level: "error", msg: "immediate delivery failed", requestId: c.var.requestId, error: String(error) }));
    });
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No execution context (unit tests calling app.request): the promise still runs.
  }
}

/** The webhook messages a change queued (issue 20), sent after the answer like its mails. */
export function deliverWebhooksSoon(c: AppContext): void {
  if (!webhooksQueued(c.var.db)) return;
  const now = c.var.now;
  const work = new Promise((resolve) => setTimeout(resolve, 0))
    .then(() => deliverWebhooksNow(c.var.db, c.var.config, now))
    .catch((error: unknown) => {
      console.error(JSON.stringify({ level: "error", msg: "immediate webhook delivery failed", requestId: c.var.requestId, error: String(error) }));
    });
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No execution context (unit tests calling app.request): the promise still runs.
  }
}
