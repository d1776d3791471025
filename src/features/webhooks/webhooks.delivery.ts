/**
 * Delivers queued webhook messages, signed per the Standard Webhooks specification with its
 * library (`webhook-id`, `webhook-timestamp`, `webhook-signature`). Runs after the answer of a
 * change (`deliverWebhooksSoon`) and every minute from the Cron Trigger; each delivery is
 * claimed first, so concurrent runs never send one attempt twice.
 *
 * Retries: after attempt n fails the next waits RETRY_MINUTES[n-1] (1 min, 5 min, 30 min, 2 h,
 * 5 h); after the last the delivery is `failed`. A webhook whose deliveries failed
 * DISABLE_AFTER times in a row (a success resets the count) is disabled, and the user who
 * created it gets a mail through the outbox in the same batch.
 */
import { Webhook } from "standardwebhooks";
import type { Db } from "../../db/client";
import type { Config } from "../../env";
import { newId } from "../../lib/ids";
import { writeBatch } from "../../db/write";
import { escapeHtml } from "../notifications/messages";
import { checkWebhookUrl } from "./url-guard";
import { webhookSecret } from "./webhooks.service";
import {
  claimDelivery,
  disabledMailStatement,
  listDueDeliveries,
  markAttemptFailedStatements,
  markDeliveredStatements,
  type DueDelivery,
} from "./webhooks.repo";

export const WEBHOOK_RETRY_MINUTES = [1, 5, 30, 120, 300] as const;
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_MINUTES.length + 1;
/** Deliveries failed in a row (each after all its attempts) before the webhook is disabled. */
export const DISABLE_AFTER = 3;
/** How long a receiver may take to answer. */
const TIMEOUT_MS = 10_000;

type DeliveryConfig = Pick<Config, "APP_ENV" | "WEBHOOK_SECRET_KEY" | "AUDIT_HASH_KEY" | "LIBSQL_AUTH_TOKEN" | "isLocal" | "PUBLIC_URL">;

export interface WebhookReport {
  delivered: number;
  retrying: number;
  failed: number;
  disabled: number;
}

async function attempt(
  config: DeliveryConfig,
  due: DueDelivery,
  now: number,
): Promise<{ ok: true; status: number } | { ok: false; status: number | null; error: string }> {
  const verdict = checkWebhookUrl(due.webhook.url, config.APP_ENV);
  if (!verdict.ok) return { ok: false, status: null, error: verdict.reason };
  const secret = await webhookSecret(config, due.webhook);
  const signature = new Webhook(secret).sign(due.delivery.messageId, new Date(now), due.delivery.payload);
  try {
    const response = await fetch(verdict.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "MKB-Limburg-Webhooks/1",
        "webhook-id": due.delivery.messageId,
        "webhook-timestamp": String(Math.floor(now / 1000)),
        "webhook-signature": signature,
      },
      body: due.delivery.payload,
      // A redirect could lead anywhere (an SSRF detour): it counts as a failure.
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // The body is not needed; release it.
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `The endpoint answered HTTP ${response.status}.` };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    return {
      ok: false,
      status: null,
      error: name === "TimeoutError" ? `No answer within ${TIMEOUT_MS / 1000} s.` : `The endpoint could not be reached (${String(error).slice(0, 200)}).`,
    };
  }
}

function disabledMail(url: string, publicUrl: string | undefined) {
  const where = publicUrl ? new URL(publicUrl).origin : "het platform";
  const text = [
    "Uw webhook is uitgeschakeld / Your webhook was disabled",
    "",
    `De webhook naar ${url} is uitgeschakeld: ${DISABLE_AFTER} berichten op rij konden na alle nieuwe pogingen niet worden afgeleverd.`,
    `Bekijk het afleverlog en schakel de webhook weer in wanneer het adres weer werkt (${where}).`,
    "",
    `The webhook to ${url} was disabled: ${DISABLE_AFTER} messages in a row could not be delivered after all retries.`,
    "Check the delivery log and enable the webhook again once the endpoint works.",
  ].join("\n");
  const html = `<p>${text.split("\n").filter(Boolean).map(escapeHtml).join("</p><p>")}</p>`;
  return { subject: "Webhook uitgeschakeld / Webhook disabled", text, html };
}

/**
 * Sends the due deliveries (at most `limit`; only those of `webhookIds` when given).
 * @example await deliverDueWebhooks(db, config, { now, limit: 100 });
 */
export async function deliverDueWebhooks(db: Db, config: DeliveryConfig, opts: { now: number; limit: number; webhookIds?: string[] }): Promise<WebhookReport> {
  const report: WebhookReport = { delivered: 0, retrying: 0, failed: 0, disabled: 0 };
  const due = await listDueDeliveries(db, opts.now, opts.limit, opts.webhookIds);
  for (const item of due) {
    const n = item.delivery.attempts + 1;
    const retryAt = opts.now + (WEBHOOK_RETRY_MINUTES[Math.min(n, WEBHOOK_RETRY_MINUTES.length) - 1] ?? 300) * 60_000;
    if (!(await claimDelivery(db, item.delivery, opts.now, retryAt))) continue;
    const outcome = await attempt(config, item, opts.now);
    if (outcome.ok) {
      await writeBatch(db, markDeliveredStatements(db, item.delivery, outcome.status, opts.now));
      report.delivered++;
      continue;
    }
    const final = n >= WEBHOOK_MAX_ATTEMPTS;
    const statements = markAttemptFailedStatements(db, item.delivery, {
      statusCode: outcome.status,
      error: outcome.error,
      final,
      disableAfter: DISABLE_AFTER,
      now: opts.now,
    });
    const mail = disabledMail(item.webhook.url, config.PUBLIC_URL);
    if (final) statements.push(disabledMailStatement(item.webhook, { id: newId(), regionId: item.webhook.regionId, ...mail, now: opts.now }));
    const results = await writeBatch(db, statements);
    if (final) {
      report.failed++;
      if ((results[2]?.rowsAffected ?? 0) === 1) report.disabled++;
    } else report.retrying++;
  }
  return report;
}

/**
 * After a change that queued webhook messages: deliver them once the answer is on its way. Called
 * by `deliverSoon` (notifications/notify.ts), which every changing route already calls; what fails
 * waits for the Cron Trigger.
 */
export function deliverWebhooksNow(db: Db, config: DeliveryConfig, now: number): Promise<WebhookReport> {
  return deliverDueWebhooks(db, config, { now, limit: 10 });
}
