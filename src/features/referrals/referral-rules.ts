/**
 * The referral rules, pure (no HTTP, no SQL): when a referral is due (5 working days: no
 * weekends, no Dutch public holidays of the region's calendar), how many working days lie
 * between two instants, and which status may follow which.
 */
import { dutchPublicHolidays, type HolidaySettings } from "../availability/holidays";
import { addDays, isoWeekday, localDate, localDayBounds, epochDayOfDate } from "../../lib/time";
import type { PartnerStatus, ReferralStatus } from "../../db/schema";

/** A referral not picked up within this many working days is overdue (one reminder to the organisation). */
export const PICK_UP_WORKING_DAYS = 5;

function isWorkingDay(date: string, settings: HolidaySettings): boolean {
  const weekday = isoWeekday(epochDayOfDate(date, "date"));
  return weekday <= 5 && !dutchPublicHolidays(Number(date.slice(0, 4)), settings).has(date);
}

/**
 * The end (next local midnight) of the `n`th working day after the day of `from`.
 * @example dueAt(Date.parse("2027-04-23T10:00:00+02:00"), 5, settings) // end of Fri 30 Apr (King's Day 27 Apr skipped)
 */
export function dueAt(from: number, n: number, settings: HolidaySettings): number {
  let date = localDate(from);
  let counted = 0;
  while (counted < n) {
    date = addDays(date, 1);
    if (isWorkingDay(date, settings)) counted++;
  }
  return localDayBounds(date).end;
}

/**
 * Working days after the day of `from` up to and including the day of `to` (0 on the same day
 * or when only weekend days and holidays lie between).
 * @example workingDaysBetween(fridayMorning, mondayMorning, settings) // 1
 */
export function workingDaysBetween(from: number, to: number, settings: HolidaySettings): number {
  const end = localDate(to);
  let date = localDate(from);
  let n = 0;
  while (date < end) {
    date = addDays(date, 1);
    if (isWorkingDay(date, settings)) n++;
  }
  return n;
}

const RANK: Record<ReferralStatus, number> = { sent: 0, received: 1, contacted: 2, helped: 3, not_suitable: 3, no_contact: 3, withdrawn: 4 };

/** Whether a status ends the referral (nothing follows it). */
export function isFinal(status: ReferralStatus): boolean {
  return RANK[status] >= 3;
}

export type StatusRefusal = { code: "conflict" | "validation_failed"; message: string; path?: string };

/**
 * Whether a partner may move a referral from `from` to `to`: forward only (received →
 * contacted → helped / not_suitable / no_contact; steps may be skipped), never after an
 * end or a withdrawal, and `not_suitable` only with a reason.
 * @example checkStatusChange("received", "contacted", undefined) // null
 */
export function checkStatusChange(from: ReferralStatus, to: PartnerStatus, note: string | undefined): StatusRefusal | null {
  if (from === "withdrawn") return { code: "conflict", message: "The entrepreneur withdrew consent; this referral can no longer be changed." };
  if (isFinal(from)) return { code: "conflict", message: `This referral is closed (${from}); its status can no longer change.` };
  if (RANK[to] <= RANK[from]) return { code: "conflict", message: `This referral is already ${from}; a status only moves forward.` };
  if (to === "not_suitable" && !note) return { code: "validation_failed", message: "Say why the referral is not suitable.", path: "note" };
  return null;
}

/** Overdue: not picked up (still `sent`) once the due time has passed, or picked up only after it. */
export function isOverdue(r: { status: ReferralStatus; dueAt: number; receivedAt: number | null }, now: number): boolean {
  if (r.status === "withdrawn" && r.receivedAt === null) return false;
  return r.receivedAt === null ? now >= r.dueAt : r.receivedAt > r.dueAt;
}
