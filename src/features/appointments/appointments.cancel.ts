/**
 * Cancelling an appointment: through its manage link, its owner's account, or desk staff
 * (with a message of the desk's own, e.g. for a closure). Frees the place, withdraws the
 * reminder and queues the notice and the webhook in one batch.
 */
import type { Db } from "../../db/client";
import { writeBatch, type WriteStatement } from "../../db/write";
import { DomainError } from "../../lib/errors";
import { withdrawPendingReminders } from "../notifications/outbox.repo";
import { appointmentWebhook, noteWebhooksQueued } from "../webhooks/webhook-events";
import { cancelStatement, type AppointmentRow } from "./appointments.repo";
import { toOwnAppointmentDto, type Links } from "./appointments.dto";
import { resolveManageToken, type ManagedBy, type ResolvedAppointment } from "./appointments.manage-link";
import { outboxMessage } from "./appointments.messages";
import { assertChangeable, type StaffChange } from "./appointments.rules";

/**
 * Cancels through the manage link: frees the place, withdraws the reminder and queues the
 * cancellation notice in one batch.
 * @example await cancelAppointment(db, token, { now: Date.now(), links });
 */
export async function cancelAppointment(db: Db, token: string, opts: { now: number; links: Links }) {
  return cancelResolved(await resolveManageToken(db, token), { token }, opts);
}

/**
 * Cancels a resolved appointment, with the cut-off and the notice of {@link cancelAppointment}.
 * @example await cancelResolved(found, { accountUrl: "https://…/mijn" }, { now, links });
 */
export async function cancelResolved(
  { scope, row, desk }: ResolvedAppointment,
  by: ManagedBy,
  opts: { now: number; links: Links; byStaff?: StaffChange; deskMessage?: string | null },
) {
  const token = "token" in by ? by.token : null;
  const accountUrl = "accountUrl" in by ? by.accountUrl : null;
  assertChangeable(row, desk, opts.now, Boolean(opts.byStaff));
  const cancelled: AppointmentRow = { ...row, status: "cancelled", sequence: row.sequence + 1, cancelledAt: opts.now, updatedAt: opts.now };
  const statements: WriteStatement[] = [
    cancelStatement(scope, { id: row.id, now: opts.now, expectedSequence: row.sequence }),
    withdrawPendingReminders(scope, row.id, cancelled.sequence),
  ];
  // A desk that cancels with a message of its own (e.g. a closure) says so in the mail.
  const byDesk = opts.deskMessage ? { cancelledByDesk: true, deskMessage: opts.deskMessage } : {};
  const notice = outboxMessage(scope, "cancellation", cancelled, desk, { links: opts.links, token, now: opts.now, accountUrl, ...byDesk });
  if (notice) statements.push(notice);
  const hook = appointmentWebhook("appointment.cancelled", cancelled, scope.region.slug, opts.now);
  if (hook) statements.push(hook);
  if (opts.byStaff) statements.push(...opts.byStaff.audit(row.id, cancelled.sequence));
  const results = await writeBatch(scope.db, statements);
  noteWebhooksQueued(scope.db, statements, results);
  if ((results[0]?.rowsAffected ?? 0) !== 1) throw new DomainError("conflict", "This appointment was changed at the same moment; please reload and try again.");
  return toOwnAppointmentDto(cancelled, desk, scope.region, opts.now);
}
