/**
 * Moving an appointment to another slot of the same desk: through its manage link, its
 * owner's account, or desk staff. The new place is taken and the old one freed in one
 * statement, with the notices, the new reminder and the webhook in the same batch.
 */
import type { Db } from "../../db/client";
import { ReadPlan } from "../../db/read";
import type { RegionScope } from "../../db/scope";
import { writeBatch, type WriteStatement } from "../../db/write";
import { DomainError, notFound } from "../../lib/errors";
import { localDate } from "../../lib/time";
import { slotRulesOf } from "../availability/availability.service";
import { findSlot } from "../availability/slots";
import { planRegionConfig, type DeskConfig } from "../frontdesks/desk-config";
import { withdrawPendingReminders } from "../notifications/outbox.repo";
import { appointmentWebhook, noteWebhooksQueued } from "../webhooks/webhook-events";
import { findAppointment, rescheduleIfFree, type AppointmentRow } from "./appointments.repo";
import { toOwnAppointmentDto, type Links } from "./appointments.dto";
import { resolveManageToken, type ManagedBy, type ResolvedAppointment } from "./appointments.manage-link";
import { outboxMessage, reminderMessage } from "./appointments.messages";
import { assertChangeable, slotUnavailable, staffRules, type StaffChange } from "./appointments.rules";

/** The region's desk configuration (one round trip; the isolate's copy when current). */
async function readDeskConfig(scope: RegionScope, now: number): Promise<DeskConfig> {
  const plan = new ReadPlan(scope.db);
  const read = planRegionConfig(plan, scope.region.slug, localDate(now));
  await plan.run();
  const loaded = read();
  if (!loaded) throw notFound("This appointment");
  return loaded.config;
}

/**
 * Moves an appointment to another slot of the same desk, atomically: the new place is
 * taken and the old one freed in one statement, or nothing changes (409).
 * @example await rescheduleAppointment(db, token, Date.parse("2027-03-30T09:00:00+02:00"), { now, links });
 */
export async function rescheduleAppointment(db: Db, token: string, start: number, opts: { now: number; links: Links }) {
  return rescheduleResolved(await resolveManageToken(db, token, { config: localDate(opts.now) }), { token }, start, opts);
}

/**
 * Moves a resolved appointment, with the cut-off, the capacity check and the notices of {@link rescheduleAppointment}.
 * The region's desk configuration comes with `found` (the manage link reads it in its one batch) or is read here.
 * @example await rescheduleResolved(found, { accountUrl: "https://…/mijn" }, start, { now, links });
 */
export async function rescheduleResolved(found: ResolvedAppointment, by: ManagedBy, start: number, opts: { now: number; links: Links; byStaff?: StaffChange }) {
  const { scope, row, desk } = found;
  const token = "token" in by ? by.token : null;
  const accountUrl = "accountUrl" in by ? by.accountUrl : null;
  assertChangeable(row, desk, opts.now, Boolean(opts.byStaff));
  const config = found.config ?? (await readDeskConfig(scope, opts.now));
  const rules = slotRulesOf(scope.region, config, desk, localDate(start), localDate(start));
  const slot = findSlot(opts.byStaff ? staffRules(rules) : rules, start, opts.now);
  if (!slot) throw slotUnavailable();
  if (slot.start === row.startAt) throw new DomainError("conflict", "The appointment is already at this time.");
  const moved: AppointmentRow = { ...row, startAt: slot.start, endAt: slot.end, sequence: row.sequence + 1, updatedAt: opts.now };
  // One batch: the move decides; everything after it is guarded on the new sequence,
  // so a refused move withdraws nothing and announces nothing.
  const statements: WriteStatement[] = [
    rescheduleIfFree(scope, {
      id: row.id,
      frontdeskId: desk.id,
      start: slot.start,
      end: slot.end,
      now: opts.now,
      capacity: desk.capacityPerSlot,
      expectedSequence: row.sequence,
    }),
    withdrawPendingReminders(scope, row.id, moved.sequence),
  ];
  const notice = outboxMessage(scope, "reschedule", moved, desk, { links: opts.links, token, now: opts.now, accountUrl });
  if (notice) statements.push(notice);
  const reminder = reminderMessage(scope, moved, desk, opts.links, token, opts.now, accountUrl);
  if (reminder) statements.push(reminder);
  const hook = appointmentWebhook("appointment.rescheduled", moved, scope.region.slug, opts.now, row.startAt);
  if (hook) statements.push(hook);
  if (opts.byStaff) statements.push(...opts.byStaff.audit(row.id, moved.sequence));
  const results = await writeBatch(scope.db, statements);
  noteWebhooksQueued(scope.db, statements, results);
  if ((results[0]?.rowsAffected ?? 0) !== 1) {
    // Either the new time filled up, or the appointment itself changed meanwhile (cancelled, moved).
    const now = await findAppointment(scope, row.id);
    if (now && (now.status !== "confirmed" || now.sequence !== row.sequence)) {
      throw new DomainError("conflict", "This appointment was changed at the same moment; please reload and try again.");
    }
    throw slotUnavailable();
  }
  return toOwnAppointmentDto(moved, desk, scope.region, opts.now);
}
