/**
 * Desk staff acting for an entrepreneur (issue 13): book for a caller or walk-in, cancel or
 * move an appointment they phoned about. The same appointment service as the entrepreneur's
 * own changes (capacity decided in SQL, the usual e-mails), but without the online cut-off and
 * minimum notice, and audited with the staff member as actor. Frontdesk staff act only for
 * their own desks (another desk's appointment is a 404).
 */
import { ReadPlan } from "../../db/read";
import type { RegionScope } from "../../db/scope";
import type { Actor } from "../../lib/context";
import { notFound } from "../../lib/errors";
import { localDate, todayLocal } from "../../lib/time";
import { auditEntryIf } from "../audit/audit.repo";
import { planStaffDaySlots } from "../availability/availability.service";
import type { Slot } from "../availability/slots";
import { planRegionConfig } from "../frontdesks/desk-config";
import type { FrontdeskRow } from "../frontdesks/frontdesks.repo";
import { appointmentQuery } from "./appointments.repo";
import { bookAppointment, type BookingInput } from "./appointments.booking";
import { cancelResolved } from "./appointments.cancel";
import type { Links } from "./appointments.dto";
import type { ResolvedAppointment } from "./appointments.manage-link";
import { rescheduleResolved } from "./appointments.reschedule";
import type { StaffChange } from "./appointments.rules";
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

/** The desks whose day the actor reads (frontdesk staff: their own; admins: the region's). */
const ownDesks = (actor: Actor) => (actor.role === "frontdesk_staff" ? actor.frontdeskIds : null);

/**
 * Plans the read of an appointment of the actor's desks with its desk and the region's
 * configuration (which a move needs for its slot rules); optionally one day's free slots
 * (staff: no minimum notice). After `plan.run()` the returned function gives them, or 404.
 */
function planStaffAppointment(plan: ReadPlan, scope: RegionScope, actor: Actor, id: string, date: string | null, now: number) {
  const appointment = plan.add(appointmentQuery(scope, id));
  const day = date ? planStaffDaySlots(plan, scope.region.slug, ownDesks(actor), date, now) : null;
  const config = day ? null : planRegionConfig(plan, scope.region.slug, todayLocal(now));
  return () => {
    const onDay = day ? day() : null;
    const loaded = onDay ?? config?.();
    const row = appointment.value[0];
    if (!loaded || !row || !mayServe(actor, row.frontdeskId)) throw notFound("This appointment");
    const desk = loaded.config.desks.find((d) => d.id === row.frontdeskId);
    if (!desk) throw notFound("This appointment");
    const found: ResolvedAppointment = { scope, row, desk, config: loaded.config };
    return { found, slots: onDay ? onDay.slotsOf(desk) : null };
  };
}

/**
 * An appointment of the actor's desks, with its desk and the region's configuration (one round trip).
 * @example const { row, desk } = await staffAppointment(scope, actor, id, now);
 */
export async function staffAppointment(scope: RegionScope, actor: Actor, id: string, now: number): Promise<ResolvedAppointment> {
  const plan = new ReadPlan(scope.db);
  const read = planStaffAppointment(plan, scope, actor, id, null, now);
  await plan.run();
  return read().found;
}

/**
 * An appointment to move, with the free times of one day at its desk (staff: no minimum
 * notice): `date`, or when none is asked the appointment's own day (or today, once it is
 * past). One round trip with a date; the default day costs a second.
 * @example const { found, slots } = await staffMoveChoices(scope, actor, id, "2027-03-29", now);
 */
export async function staffMoveChoices(
  scope: RegionScope,
  actor: Actor,
  id: string,
  date: string | null,
  now: number,
): Promise<{ found: ResolvedAppointment; date: string; slots: Slot[] }> {
  const plan = new ReadPlan(scope.db);
  const read = planStaffAppointment(plan, scope, actor, id, date, now);
  await plan.run();
  const { found, slots } = read();
  if (date && slots) return { found, date, slots };
  const day = localDate(Math.max(found.row.startAt, now));
  const more = new ReadPlan(scope.db);
  const again = planStaffDaySlots(more, scope.region.slug, [found.desk.id], day, now);
  await more.run();
  return { found, date: day, slots: again().slotsOf(found.desk) };
}

/**
 * The actor's active desks and one day's free times at one of them (the asked desk, or the
 * first), for booking on an entrepreneur's behalf. One round trip.
 * @example const { desks, desk, slots } = await staffBookingChoices(scope, actor, deskId, "2027-03-29", now);
 */
export async function staffBookingChoices(
  scope: RegionScope,
  actor: Actor,
  deskId: string | undefined,
  date: string,
  now: number,
): Promise<{ desks: FrontdeskRow[]; desk: FrontdeskRow | undefined; slots: Slot[] }> {
  const plan = new ReadPlan(scope.db);
  const read = planStaffDaySlots(plan, scope.region.slug, ownDesks(actor), date, now);
  await plan.run();
  const day = read();
  const desks = day.config.desks.filter((d) => d.archivedAt === null && mayServe(actor, d.id));
  const desk = desks.find((d) => d.id === deskId) ?? desks[0];
  return { desks, desk, slots: desk ? day.slotsOf(desk) : [] };
}

/**
 * Books for a caller or walk-in; the entrepreneur gets the confirmation with a manage link.
 * @example await bookForEntrepreneur(scope, actor, input, { now, links, limits });
 */
export async function bookForEntrepreneur(scope: RegionScope, actor: Actor, input: BookingInput, opts: { now: number; links: Links; limits: Limits }) {
  if (!mayServe(actor, input.frontdeskId)) throw notFound("This frontdesk");
  const { result } = await bookAppointment(scope.db, scope.region.slug, input, {
    ...opts,
    byStaff: staffChange(scope, actor, "appointment.booked_by_staff", opts.now),
  });
  return result.body.appointment;
}

/**
 * Cancels on the entrepreneur's behalf until the start; they get the cancellation mail.
 * @example await cancelForEntrepreneur(scope, actor, id, { now, links });
 */
export async function cancelForEntrepreneur(scope: RegionScope, actor: Actor, id: string, opts: { now: number; links: Links; deskMessage?: string | null }) {
  const found = await staffAppointment(scope, actor, id, opts.now);
  return cancelResolved(found, { staff: true }, { ...opts, byStaff: staffChange(scope, actor, "appointment.cancelled_by_staff", opts.now) });
}

/**
 * Moves an appointment to another free time of its desk on the entrepreneur's behalf; they get the change mail.
 * @example await rescheduleForEntrepreneur(scope, actor, id, start, { now, links });
 */
export async function rescheduleForEntrepreneur(scope: RegionScope, actor: Actor, id: string, start: number, opts: { now: number; links: Links }) {
  const found = await staffAppointment(scope, actor, id, opts.now);
  return rescheduleResolved(found, { staff: true }, start, {
    ...opts,
    byStaff: staffChange(scope, actor, "appointment.rescheduled_by_staff", opts.now, { from: found.row.startAt, to: start }),
  });
}
