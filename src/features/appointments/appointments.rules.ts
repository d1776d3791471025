/**
 * The rules a booking or change is held to: which times count as unavailable, when an
 * appointment can no longer be changed online, and what desk staff acting for an
 * entrepreneur may skip.
 */
import type { WriteStatement } from "../../db/write";
import { DomainError } from "../../lib/errors";
import { HOUR_MS } from "../../lib/time";
import type { SlotRules } from "../availability/slots";
import type { FrontdeskRow } from "../frontdesks/frontdesks.repo";
import type { AppointmentRow } from "./appointments.repo";

/**
 * A change made by desk staff on the entrepreneur's behalf (issue 13): no cut-off and no
 * minimum notice (a caller or walk-in may be helped now), and an audit entry written in the
 * same batch, guarded on the change having happened (`audit(id, sequence)`).
 */
export interface StaffChange {
  audit(id: string, sequence: number): WriteStatement[];
}

export function staffRules(rules: SlotRules): SlotRules {
  return { ...rules, minNoticeHours: 0 };
}

export function slotUnavailable(): DomainError {
  return new DomainError("slot_unavailable", "This time is not available (full, closed, in the past or not a bookable time). Please choose another time.");
}

export function assertChangeable(row: AppointmentRow, desk: FrontdeskRow, now: number, byStaff = false): void {
  if (row.status !== "confirmed") {
    throw new DomainError(
      "conflict",
      row.status === "cancelled" ? "This appointment has already been cancelled." : "This appointment has already taken place.",
    );
  }
  if (byStaff && now >= row.startAt) throw new DomainError("too_late", "This appointment has already started; record its outcome instead.");
  if (!byStaff && now >= row.startAt - desk.cancelCutoffHours * HOUR_MS) {
    const call = desk.phone ? ` Please call the frontdesk at ${desk.phone}.` : " Please contact the frontdesk by phone.";
    throw new DomainError(
      "too_late",
      `It is too late to change or cancel this appointment online (less than ${desk.cancelCutoffHours} hours before the start).${call}`,
    );
  }
}
