import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { periodMonths, resolvePeriod } from "../../src/features/reports/period";
import type { DomainError } from "../../src/lib/errors";
import { addDays, daysBetween, isCalendarDate, localDayBounds } from "../../src/lib/time";

// The integer date arithmetic of src/lib/time.ts against Temporal (the reference it replaced
// on the hot paths), day by day over whole decades, DST changes and leap days included.
describe("local dates against Temporal", () => {
  const days = (from: string, count: number) => Array.from({ length: count }, (_, i) => addDays(from, i));

  it("localDayBounds: every day of 2000–2040 starts and ends where Temporal says (23- and 25-hour days too)", () => {
    let irregular = 0;
    for (const date of days("2000-01-01", 41 * 366)) {
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
    expect(irregular).toBeGreaterThanOrEqual(2 * 41);
  });

  it("daysBetween and isCalendarDate agree with Temporal", () => {
    const sample = days("2019-12-20", 500);
    for (const date of sample) expect(daysBetween("2020-02-29", date)).toBe(Temporal.PlainDate.from("2020-02-29").until(date, { largestUnit: "days" }).days);
    for (const bad of ["2019-02-29", "2019-13-01", "2019-04-31", "2019-4-01", "1999-12-31", "2101-01-01", ""]) expect(isCalendarDate(bad)).toBe(false);
    for (const good of ["2020-02-29", "2000-01-01", "2100-12-31"]) expect(isCalendarDate(good)).toBe(true);
  });

  it("periodMonths cuts at local midnights over years, and resolvePeriod keeps three years from a leap day", () => {
    const months = periodMonths({ from: "2017-01-15", to: "2019-12-03" });
    expect(months).toHaveLength(36);
    for (const [i, m] of months.entries()) {
      const first = Temporal.PlainYearMonth.from("2017-01").add({ months: i });
      expect(m.month).toBe(first.toString());
      if (i > 0) expect(m.start).toBe(localDayBounds(`${first.toString()}-01`).start);
      expect(m.end).toBe(i === months.length - 1 ? localDayBounds("2019-12-03").end : localDayBounds(`${first.add({ months: 1 }).toString()}-01`).start);
    }
    const now = Date.parse("2020-03-01T12:00:00Z");
    expect(resolvePeriod({ from: "2020-02-29", to: "2023-02-27" }, now)).toEqual({ from: "2020-02-29", to: "2023-02-27" });
    const latestOffered = (from: string, to: string) => {
      try {
        resolvePeriod({ from, to }, now);
      } catch (error) {
        return (error as DomainError).issues?.[0]?.message;
      }
      return "accepted";
    };
    expect(latestOffered("2020-02-29", "2023-02-28")).toMatch(/on or before 2023-02-27\.$/);
    expect(latestOffered("2019-03-10", "2022-03-10")).toMatch(/on or before 2022-03-09\.$/);
  });
});
