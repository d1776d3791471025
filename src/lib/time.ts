import { Temporal } from "temporal-polyfill";
import { TIMEZONE } from "../features/availability/slots";

/**
 * The UTC instants that bound a local date in Europe/Amsterdam: [start, end).
 * A DST day is 23 or 25 hours long, so never add 24 h by hand.
 * @example localDayBounds("2027-03-28") // 23 hours apart
 */
export function localDayBounds(date: string): { start: number; end: number } {
  const day = Temporal.PlainDate.from(date);
  return {
    start: day.toZonedDateTime(TIMEZONE).epochMilliseconds,
    end: day.add({ days: 1 }).toZonedDateTime(TIMEZONE).epochMilliseconds,
  };
}

/** The years the platform deals in; anything outside is a typo, not a plan (and holiday rules need a Gregorian year). */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** True for a real calendar date written as YYYY-MM-DD, in the years 2000 to 2100. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) return false;
  try {
    return Temporal.PlainDate.from(value, { overflow: "reject" }).toString() === value;
  } catch {
    return false;
  }
}

/** Whole days from `from` to `to` (local dates). */
export function daysBetween(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: "days" }).days;
}
