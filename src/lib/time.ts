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

/** True for a real calendar date written as YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
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
