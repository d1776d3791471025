import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { periodMonths, resolvePeriod } from "../../src/features/reports/period";
import type { DomainError } from "../../src/lib/errors";
import { FIRST_YEAR, LAST_YEAR, addDays, daysBetween, isCalendarDate, localDayBounds, todayLocal } from "../../src/lib/time";

// The integer date arithmetic of src/lib/time.ts against Temporal (the reference it replaced
// on the hot paths), day by day over whole decades, DST changes and leap days included. Every
// date is derived from the injected "now".
describe("local dates against Temporal", () => {
  const now = Date.now();
  const today = todayLocal(now);
  const year = Number(today.slice(0, 4));
  const days = (from: string, count: number) => Array.from({ length: count }, (_, i) => addDays(from, i));
  /** The first 29 February from `from`'s year on. */
  const leapDayFrom = (from: number) => {
    for (let y = from; ; y++) if (isCalendarDate(`${y}-02-29`)) return `${y}-02-29`;
  };

  it("localDayBounds: every day of the 20 years either side of today starts and ends where Temporal says (23- and 25-hour days too)", () => {
    let irregular = 0;
    for (const date of days(addDays(today, -20 * 366), 41 * 366)) {
      const day = Temporal.PlainDate.from(date);
      const expected = {
        start: day.toZonedDateTime("Europe/Amsterdam").epochMilliseconds,
        end: day.add({ days: 1 }).toZonedDateTime("Europe/Amsterdam").epochMilliseconds,
      };
      const actual = localDayBounds(date);
      if (actual.start !== expected.start || actual.end !== expected.end) expect({ date, ...actual }).toEqual({ date, ...expected });
      if (actual.end - actual.start !== 86_400_000) irregular++;
    }
    // Two DST changes a year: the comparison above really crossed them.
    expect(irregular).toBeGreaterThanOrEqual(2 * 40);
  });

  it("daysBetween and isCalendarDate agree with Temporal", () => {
    const leapDay = leapDayFrom(year);
    const leapYear = Number(leapDay.slice(0, 4));
    for (const date of days(addDays(leapDay, -71), 500)) {
      expect(daysBetween(leapDay, date)).toBe(Temporal.PlainDate.from(leapDay).until(date, { largestUnit: "days" }).days);
    }
    const bad = [`${leapYear + 1}-02-29`, `${year}-13-01`, `${year}-04-31`, `${year}-4-01`, `${FIRST_YEAR - 1}-12-31`, `${LAST_YEAR + 1}-01-01`, ""];
    for (const date of bad) expect(isCalendarDate(date)).toBe(false);
    for (const date of [leapDay, `${FIRST_YEAR}-01-01`, `${LAST_YEAR}-12-31`]) expect(isCalendarDate(date)).toBe(true);
  });

  it("periodMonths cuts at local midnights over years, and resolvePeriod keeps three years from a leap day", () => {
    const last = `${year + 2}-12-03`;
    const months = periodMonths({ from: `${year}-01-15`, to: last });
    expect(months).toHaveLength(36);
    for (const [i, m] of months.entries()) {
      const first = Temporal.PlainYearMonth.from(`${year}-01`).add({ months: i });
      expect(m.month).toBe(first.toString());
      if (i > 0) expect(m.start).toBe(localDayBounds(`${first.toString()}-01`).start);
      expect(m.end).toBe(i === months.length - 1 ? localDayBounds(last).end : localDayBounds(`${first.add({ months: 1 }).toString()}-01`).start);
    }
    const leapDay = leapDayFrom(year);
    const leapYear = Number(leapDay.slice(0, 4));
    const threeYearsOn = (day: string) => `${leapYear + 3}-02-${day}`;
    expect(resolvePeriod({ from: leapDay, to: threeYearsOn("27") }, now)).toEqual({ from: leapDay, to: threeYearsOn("27") });
    const latestOffered = (from: string, to: string) => {
      try {
        resolvePeriod({ from, to }, now);
      } catch (error) {
        return (error as DomainError).issues?.[0]?.message;
      }
      return "accepted";
    };
    expect(latestOffered(leapDay, threeYearsOn("28"))).toBe(`A report covers at most 3 years; choose an end date on or before ${threeYearsOn("27")}.`);
    expect(latestOffered(`${year}-03-10`, `${year + 3}-03-10`)).toBe(`A report covers at most 3 years; choose an end date on or before ${year + 3}-03-09.`);
  });
});
