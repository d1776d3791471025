import { DomainError } from "../../lib/errors";
import { localDayBounds, addDays, todayLocal } from "../../lib/time";

/** Inclusive local dates (Europe/Amsterdam) of a report. */
export interface ReportPeriod {
  from: string;
  to: string;
}

/** One calendar month of a period, clipped to the period: instants `[start, end)`. */
export interface ReportMonth {
  month: string;
  start: number;
  end: number;
}

/** A report spans at most this many years, which keeps every query bounded. */
export const MAX_PERIOD_YEARS = 3;

/** How far ahead bookings usually reach (the default maximum advance is 60 days). */
const DEFAULT_HORIZON_DAYS = 60;

/**
 * The period asked for, with defaults: `from` is January 1 of this year; `to` is December 31
 * of the year in which today + 60 days falls (or of `from`'s year when that lies later), so
 * no parameters means this calendar year including the bookings already made for it (and,
 * late in the year, for the next). Throws a 400 when `from` lies after `to` or the span
 * exceeds three years.
 *
 * @example
 * resolvePeriod({}, Date.parse("2027-05-10T10:00:00Z")); // { from: "2027-01-01", to: "2027-12-31" }
 * resolvePeriod({}, Date.parse("2026-11-27T10:00:00Z")); // { from: "2026-01-01", to: "2027-12-31" }
 */
export function resolvePeriod(query: { from?: string | undefined; to?: string | undefined }, now: number): ReportPeriod {
  const today = todayLocal(now);
  // Appointments count by their start, and bookings lie ahead: without an end, the period
  // runs to the end of the year in which the booking horizon ends, so upcoming bookings count.
  const horizonYearEnd = `${addDays(today, DEFAULT_HORIZON_DAYS).slice(0, 4)}-12-31`;
  const to = query.to ?? (query.from && query.from > horizonYearEnd ? `${query.from.slice(0, 4)}-12-31` : horizonYearEnd);
  const from = query.from ?? `${(query.to ?? today).slice(0, 4)}-01-01`;
  if (from > to) {
    throw new DomainError("validation_failed", "The period is not valid.", [{ path: "query.to", message: "The end date must be on or after the start date." }]);
  }
  // The same month and day MAX_PERIOD_YEARS later, minus one day; 29 February becomes the
  // 28th (three years on is never a leap year).
  const monthDay = from.slice(4) === "-02-29" ? "-02-28" : from.slice(4);
  const latest = addDays(`${String(Number(from.slice(0, 4)) + MAX_PERIOD_YEARS).padStart(4, "0")}${monthDay}`, -1);
  if (to > latest) {
    throw new DomainError("validation_failed", "The period is too long.", [
      { path: "query.to", message: `A report covers at most ${MAX_PERIOD_YEARS} years; choose an end date on or before ${latest}.` },
    ]);
  }
  return { from, to };
}

/**
 * The months a period touches, each clipped to the period, as epoch-ms bounds of local time.
 *
 * @example
 * periodMonths({ from: "2027-03-15", to: "2027-04-02" }).map((m) => m.month); // ["2027-03", "2027-04"]
 */
export function periodMonths(period: ReportPeriod): ReportMonth[] {
  const months: ReportMonth[] = [];
  const periodStart = localDayBounds(period.from).start;
  const periodEnd = localDayBounds(period.to).end;
  let year = Number(period.from.slice(0, 4));
  let month = Number(period.from.slice(5, 7));
  const last = period.to.slice(0, 7);
  const key = (y: number, m: number) => `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}`;
  for (;;) {
    const current = key(year, month);
    const [nextYear, nextMonth] = month === 12 ? [year + 1, 1] : [year, month + 1];
    const start = Math.max(periodStart, localDayBounds(`${current}-01`).start);
    const end = Math.min(periodEnd, localDayBounds(`${key(nextYear, nextMonth)}-01`).start);
    months.push({ month: current, start, end });
    if (current >= last) break;
    [year, month] = [nextYear, nextMonth];
  }
  return months;
}
