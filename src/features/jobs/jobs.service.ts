import type { Db } from "../../db/client";
import type { Bindings, Config } from "../../env";
import { writeBatch } from "../../db/write";
import { deleteExpiredIdempotencyKeys } from "../appointments/appointments.repo";
import { createTransport, deliverDueMessages, type DeliveryReport } from "../notifications/delivery.service";
import { runPrivacyJobs } from "../privacy/privacy.service";
import { syncContactPoints } from "../catalogue/contact-points";
import { runEventJobs } from "../events/events.jobs";
import { runReferralJobs } from "../referrals/referrals.jobs";
import { deliverDueWebhooks, type WebhookReport } from "../webhooks/webhooks.delivery";
import { runCommunityJobs } from "../community/community.jobs";

/** Idempotency keys are promised for at least 24 h; keep them two days. */
const IDEMPOTENCY_TTL_MS = 48 * 3_600_000;
/** Where links in scheduled mails point when PUBLIC_URL is not set (local development and tests). */
const LOCAL_ORIGIN = "http://localhost:8787";

export interface JobFailure {
  job: "delivery" | "webhooks" | "idempotency" | "privacy" | "contactPoints" | "events" | "referrals" | "community";
  error: string;
}

export interface JobsReport {
  delivery?: DeliveryReport;
  webhooks?: WebhookReport;
  privacy?: Awaited<ReturnType<typeof runPrivacyJobs>>;
  contactPoints?: Awaited<ReturnType<typeof syncContactPoints>>;
  events?: Awaited<ReturnType<typeof runEventJobs>>;
  referrals?: Awaited<ReturnType<typeof runReferralJobs>>;
  community?: Awaited<ReturnType<typeof runCommunityJobs>>;
  /** The jobs that threw; the others still ran. */
  failed: JobFailure[];
}

/**
 * What the Cron Trigger runs every minute. Each part is idempotent: reminders are outbox
 * rows written at booking time with a due date, so running this twice sends each once.
 * One failing part never stops the others; its error is in `failed`.
 * @example const report = await runScheduledJobs(openDb(config), config, env, Date.now());
 */
export async function runScheduledJobs(db: Db, config: Config, env: Bindings, now: number): Promise<JobsReport> {
  const failed: JobFailure[] = [];
  async function attempt<T>(job: JobFailure["job"], run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      failed.push({ job, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      return undefined;
    }
  }
  const delivery = await attempt("delivery", () =>
    deliverDueMessages(db, createTransport(config, env), { now, from: config.MAIL_FROM, limit: 100, clearBodies: !config.isLocal }),
  );
  // Webhook messages (issue 20): retried with back-off; a disabled webhook's mail goes out with the next run.
  const webhooks = await attempt("webhooks", () => deliverDueWebhooks(db, config, { now, limit: 100 }));
  await attempt("idempotency", () => writeBatch(db, [deleteExpiredIdempotencyKeys(db, now - IDEMPOTENCY_TTL_MS)]));
  const privacy = await attempt("privacy", () => runPrivacyJobs(db, now));
  const contactPoints = await attempt("contactPoints", () => syncContactPoints(db, now));
  // Reminders and feedback requests written here go out with the next run's delivery (a minute
  // later). Their links point at PUBLIC_URL (the local origin when unset).
  const links = { origin: config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : LOCAL_ORIGIN };
  const events = await attempt("events", () => runEventJobs(db, now, links));
  // Overdue referrals remind their organisation once; old referrals lose their personal data.
  const referrals = await attempt("referrals", () => runReferralJobs(db, now, links));
  // The asker's digest of new answers, at most one an hour per question.
  const community = await attempt("community", () => runCommunityJobs(db, now, links));
  return {
    ...(delivery ? { delivery } : {}),
    ...(webhooks ? { webhooks } : {}),
    ...(privacy ? { privacy } : {}),
    ...(contactPoints ? { contactPoints } : {}),
    ...(events ? { events } : {}),
    ...(referrals ? { referrals } : {}),
    ...(community ? { community } : {}),
    failed,
  };
}
