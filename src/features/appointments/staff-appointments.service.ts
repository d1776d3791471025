/**
 * Desk staff acting for an entrepreneur (issue 13): book for a caller or walk-in, cancel or
 * move an appointment they phoned about. The same appointment service as the entrepreneur's
 * own changes (capacity decided in SQL, the usual e-mails), but without the online cut-off and
 * minimum notice, and audited with the staff member as actor. Frontdesk staff act only for
 * their own desks (another desk's appointment is a 404).
 */
import type { RegionScope } from "../../db/scope";
import type { Actor } from "../../lib/context";
import { notFound } from "../../lib/errors";
import { auditEntryIf } from "../audit/audit.repo";
import { findFrontdesk } from "../frontdesks/frontdesks.repo";
import { findAppointment } from "./appointments.repo";
import {
  bookAppointment,
  cancelResolved,
  rescheduleResolved,
  type BookingInput,
  type Links,
  type ResolvedAppointment,
  type StaffChange,
} from "./appointments.service";
import type { Limits } from "../../lib/rate-limit";

function mayServe(actor: Actor, frontdeskId: string): boolean {
  return actor.role !== "frontdesk_staff" || actor.frontdeskIds.includes(frontdeskId);
}

/** The audit entry of a staff change, written only when the appointment reached that sequence. */
function staffChange(scope: RegionScope, actor: Actor, action: string, now: number, detail: Record<string, unknown> = {}): StaffChange {
  return {
    audit: (id, sequence) => [
      auditEntryIf(scope, actor, action, { type: "appointment", id }, { ...detail, onBehalfOfEntrepreneur: true }, now, {
        sql: "exists (select 1 from appointments where id = ? and region_id = ? and sequence = ?)",
        args: [id, scope.region.id, sequence],
      }),
    ],
  };
}

/**
 * An appointment of the actor's desks, with its desk.
 * @example const { row, desk } = await staffAppointment(scope, actor, id);
 */
export async function staffAppointment(scope: RegionScope, actor: Actor, id: string): Promise<ResolvedAppointment> {
  const row = await findAppointment(scope, id);
  if (!row || !mayServe(actor, row.frontdeskId)) throw notFound("This appointment");
  const desk = await findFrontdesk(scope, row.frontdeskId);
  if (!desk) throw notFound("This appointment");
  return { scope, row, desk };
}

/**
 * Books for a caller or walk-in; the entrepreneur gets the confirmation with a manage link.
 * @example await bookForEntrepreneur(scope, actor, input, { now, links, limits });
 */
export async function bookForEntrepreneur(scope: RegionScope, actor: Actor, input: BookingInput, opts: { now: number; links: Links; limits: Limits }) {
  if (!mayServe(actor, input.frontdeskId)) throw notFound("This frontdesk");
  const { result } = await bookAppointment(scope, input, { ...opts, byStaff: staffChange(scope, actor, "appointment.booked_by_staff", opts.now) });
  return result.body.appointment;
}

/**
 * Cancels on the entrepreneur's behalf until the start; they get the cancellation mail.
 * @example await cancelForEntrepreneur(scope, actor, id, { now, links });
 */
export async function cancelForEntrepreneur(scope: RegionScope, actor: Actor, id: string, opts: { now: number; links: Links }) {
  const found = await staffAppointment(scope, actor, id);
  return cancelResolved(found, { staff: true }, { ...opts, byStaff: staffChange(scope, actor, "appointment.cancelled_by_staff", opts.now) });
}

/**
 * Moves an appointment to another free time of its desk on the entrepreneur's behalf; they get the change mail.
 * @example await rescheduleForEntrepreneur(scope, actor, id, start, { now, links });
 */
export async function rescheduleForEntrepreneur(scope: RegionScope, actor: Actor, id: string, start: number, opts: { now: number; links: Links }) {
  const found = await staffAppointment(scope, actor, id);
  return rescheduleResolved(found, { staff: true }, start, {
    ...opts,
    byStaff: staffChange(scope, actor, "appointment.rescheduled_by_staff", opts.now, { from: found.row.startAt, to: start }),
  });
}
