import type { Db } from "../../db/client";
import type { Bindings, Config } from "../../env";
import { HeaderInjectionError, InvalidMailError, type MailMessage } from "./mime";
import { httpMailTransport, sendEmailBindingTransport, type MailTransport } from "./transport";
import { claimMessage, listDueMessages, markAttemptFailed, markSent, type OutboxRow } from "./outbox.repo";

/** Minutes to wait after attempt n (1-based) failed; after the last, the message is marked failed. */
export const RETRY_MINUTES = [1, 5, 15, 60, 240] as const;
export const MAX_ATTEMPTS = RETRY_MINUTES.length + 1;

/**
 * Picks the mail transport from configuration: the Workers `send_email` binding, or an
 * HTTP e-mail API. Null when no transport is configured (messages then wait in the outbox).
 * @example const transport = createTransport(config, env);
 */
export function createTransport(config: Config, env: Bindings): MailTransport | null {
  if (config.MAIL_TRANSPORT === "http" && config.MAIL_API_URL)
    return httpMailTransport({ url: config.MAIL_API_URL, ...(config.MAIL_API_KEY ? { apiKey: config.MAIL_API_KEY } : {}) });
  if (config.MAIL_TRANSPORT === "send_email" && env.SEND_EMAIL) return sendEmailBindingTransport(env.SEND_EMAIL);
  return null;
}

/** Messages whose calendar file removes the event from the calendar (METHOD:CANCEL). */
const CANCELLING_KINDS = new Set<string>(["cancellation", "event_cancellation", "event_cancelled"]);

export function toMailMessage(row: OutboxRow, from: string): MailMessage {
  return {
    from: { email: from, name: "MKB Limburg" },
    to: row.recipient,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody,
    ...(row.icsBody
      ? {
          ics: {
            filename: row.kind.startsWith("event_") ? "bijeenkomst.ics" : "afspraak.ics",
            content: row.icsBody,
            method: CANCELLING_KINDS.has(row.kind) ? ("CANCEL" as const) : ("PUBLISH" as const),
          },
        }
      : {}),
    // Stable per message: a resend after a crash between send and mark is recognisable as the same mail.
    messageId: `<${row.id}@mkb-limburg>`,
    date: new Date(row.createdAt),
  };
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the due messages of the outbox. Each is claimed first (its next attempt moves
 * into the future), so concurrent runs never send the same message twice on purpose;
 * a failing provider only delays: the message stays and is retried with back-off.
 * @example await deliverDueMessages(db, transport, { now: Date.now(), from: config.MAIL_FROM });
 */
export async function deliverDueMessages(
  db: Db,
  transport: MailTransport | null,
  opts: { now: number; from: string; limit?: number; clearBodies: boolean },
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  if (!transport) return report;
  const due = await listDueMessages(db, opts.now, opts.limit ?? 50);
  for (const row of due) {
    const attempt = row.attempts + 1;
    const retryAt = opts.now + (RETRY_MINUTES[Math.min(attempt, RETRY_MINUTES.length) - 1] ?? 240) * 60_000;
    if (!(await claimMessage(db, row, opts.now, retryAt))) continue;
    try {
      await transport.send(toMailMessage(row, opts.from));
      await markSent(db, row.id, opts.now, opts.clearBodies);
      report.sent++;
    } catch (error) {
      // A malformed message will never send: fail it now instead of retrying for hours.
      const final = attempt >= MAX_ATTEMPTS || error instanceof HeaderInjectionError || error instanceof InvalidMailError;
      await markAttemptFailed(db, row.id, error instanceof Error ? error.message : String(error), final);
      if (final) report.failed++;
      else report.retrying++;
    }
  }
  return report;
}
