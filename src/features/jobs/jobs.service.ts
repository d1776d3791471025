import type { Db } from "../../db/client";
import type { Bindings, Config } from "../../env";
import { writeBatch } from "../../db/write";
import { deleteExpiredIdempotencyKeys } from "../appointments/appointments.repo";
import { createTransport, deliverDueMessages } from "../notifications/delivery.service";
import { runPrivacyJobs } from "../privacy/privacy.service";
import { syncContactPoints } from "../catalogue/contact-points";

/** Idempotency keys are promised for at least 24 h; keep them two days. */
const IDEMPOTENCY_TTL_MS = 48 * 3_600_000;

/**
 * What the Cron Trigger runs every minute. Each part is idempotent: reminders are outbox
 * rows written at booking time with a due date, so running this twice sends each once.
 * @example await runScheduledJobs(openDb(config), config, env, Date.now());
 */
export async function runScheduledJobs(db: Db, config: Config, env: Bindings, now: number) {
  const delivery = await deliverDueMessages(db, createTransport(config, env), { now, from: config.MAIL_FROM, limit: 100, clearBodies: !config.isLocal });
  await writeBatch(db, [deleteExpiredIdempotencyKeys(db, now - IDEMPOTENCY_TTL_MS)]);
  const privacy = await runPrivacyJobs(db, now);
  const contactPoints = await syncContactPoints(db, now);
  return { delivery, privacy, contactPoints };
}
