import { describe, expect, it } from "vitest";
import { dutchPublicHolidays } from "../../src/features/availability/holidays";
import { listFreeSlots, type OpeningInterval } from "../../src/features/availability/slots";
import { buildCalendar, countBookablePlaces, listGridSlots, type CapacityRules } from "../../src/features/reports/capacity";
import { csvField, spreadsheetText } from "../../src/features/reports/csv";
import { percentileOfHistogram, roundRatio } from "../../src/features/reports/figures";
import { periodMonths, resolvePeriod } from "../../src/features/reports/period";
import { suppressTopicMonth, type Count } from "../../src/features/reports/suppression";
import { DomainError } from "../../src/lib/errors";

function rules(weekly: OpeningInterval[], overrides: Partial<CapacityRules> = {}): CapacityRules {
  return { slotMinutes: 30, capacityPerSlot: 1, weekly, closures: [], closedDates: new Set(), openDates: new Set(), ...overrides };
}

const weekdays = (opens: string, closes: string, days = [1, 2, 3, 4, 5]): OpeningInterval[] => days.map((weekday) => ({ weekday, opens, closes }));

describe("bookable capacity", () => {
  it("lists past grid slots too, because a report looks back at what was offered", () => {
    const slots = listGridSlots(rules(weekdays("09:00", "10:00")), { from: "2020-03-02", to: "2020-03-02" });
    expect(slots.map((s) => new Date(s.start).toISOString())).toEqual(["2020-03-02T08:00:00.000Z", "2020-03-02T08:30:00.000Z"]);
  });

  it("agrees with the slot engine on every day of two years, DST nights, holidays, closures and overlaps included", () => {
    const holidays = new Set([
      ...dutchPublicHolidays(2027, { goodFridayClosed: true, liberationDayClosed: false }).keys(),
      ...dutchPublicHolidays(2028, { goodFridayClosed: true, liberationDayClosed: false }).keys(),
    ]);
    const variants: CapacityRules[] = [
      rules([...weekdays("09:00", "12:30"), ...weekdays("13:30", "17:00")], { closedDates: holidays, openDates: new Set(["2027-04-27"]) }),
      // A night desk open through the DST gap (02:00–03:00 in March) and fold (October).
      rules(weekdays("00:00", "24:00", [1, 2, 3, 4, 5, 6, 7]), { slotMinutes: 45, capacityPerSlot: 3 }),
      rules([...weekdays("01:30", "03:30", [7]), ...weekdays("02:00", "04:00", [7])], { slotMinutes: 20 }),
      rules([...weekdays("09:00", "12:00"), ...weekdays("09:00", "11:00"), ...weekdays("09:15", "10:00")], {
        closures: [{ from: "2027-07-12", to: "2027-08-06" }],
        capacityPerSlot: 2,
      }),
    ];
    const calendar = buildCalendar("2027-01-01", "2028-12-31");
    for (const r of variants) {
      const exact = listGridSlots(r, { from: "2027-01-01", to: "2028-12-31" }).length * r.capacityPerSlot;
      expect(countBookablePlaces(r, calendar, { from: "2027-01-01", to: "2028-12-31" })).toBe(exact);
      expect(countBookablePlaces(r, calendar, { from: "2027-03-20", to: "2027-04-10" })).toBe(
        listGridSlots(r, { from: "2027-03-20", to: "2027-04-10" }).length * r.capacityPerSlot,
      );
    }
  });

  it("gives a spring-forward Sunday two fewer half-hour slots for a desk open at night, as the slot engine does", () => {
    const r = rules(weekdays("00:00", "06:00", [7]));
    const calendar = buildCalendar("2027-03-21", "2027-03-28");
    expect(countBookablePlaces(r, calendar, { from: "2027-03-21", to: "2027-03-21" })).toBe(12);
    expect(countBookablePlaces(r, calendar, { from: "2027-03-28", to: "2027-03-28" })).toBe(10);
    const engine = listFreeSlots(
      { ...r, minNoticeHours: 0, maxAdvanceDays: 30 },
      [],
      { from: "2027-03-28", to: "2027-03-28" },
      Date.parse("2027-03-27T00:00:00Z"),
    );
    expect(engine).toHaveLength(10);
  });

  it("flags the days around each DST change as irregular and counts weekdays from the first date", () => {
    const calendar = buildCalendar("2027-03-27", "2027-03-30");
    expect(calendar.map((d) => [d.date, d.weekday, d.irregular])).toEqual([
      ["2027-03-27", 6, true],
      ["2027-03-28", 7, true],
      ["2027-03-29", 1, true],
      ["2027-03-30", 2, false],
    ]);
  });
});

describe("the small-count rule", () => {
  const visibleSmall = (table: Count[][][]) => table.flat(2).filter((c) => typeof c === "number" && c > 0 && c < 5);

  it('hides 1 to 4 as "<5" and never shows a count of 1 to 4', () => {
    const out = suppressTopicMonth([
      [
        [1, 2, 3],
        [4, 0, 9],
        [50, 60, 70],
      ],
    ]);
    expect(visibleSmall(out)).toEqual([]);
    expect(out[0]?.[0]).toEqual(["<5", "<5", "<5"]);
  });

  it("hides a second cell in every row and column with a hidden cell, so totals cannot give it away", () => {
    const tables = [
      [
        [3, 10, 20],
        [12, 30, 40],
        [15, 25, 35],
      ],
      [
        [0, 0, 7],
        [8, 9, 2],
        [0, 6, 6],
      ],
    ];
    const out = suppressTopicMonth(tables);
    for (const region of out) {
      const rows = region;
      const columns = region[0]?.map((_, m) => region.map((row) => row[m])) ?? [];
      for (const line of [...rows, ...columns]) {
        const hidden = line.filter((c) => typeof c === "string").length;
        expect(hidden === 0 || hidden >= 2).toBe(true);
      }
    }
    expect(out[0]?.[0]?.[0]).toBe("<5");
    // Complementary cells of 5 or more are marked "x", never "<5" (which would be untrue).
    expect(out[0]?.flat().filter((c) => c === "x").length).toBeGreaterThan(0);
  });

  it("links the regions when the period is one month, since byTopic then equals the cell", () => {
    const out = suppressTopicMonth([
      [[2], [30]],
      [[40], [50]],
      [[60], [70]],
    ]);
    // Topic 0 across regions: 2 is hidden, so the smallest other region (40) is hidden too.
    expect(out.map((r) => r[0]?.[0])).toEqual(["<5", "x", 60]);
    // Each region's column then needs its second hidden cell: 30 and 50 (topic 1), which
    // leaves topic 1 across regions with two hidden cells as well.
    expect(out.map((r) => r[1]?.[0])).toEqual(["x", "x", 70]);
  });

  it("leaves a table without small counts exact", () => {
    expect(
      suppressTopicMonth([
        [
          [0, 5],
          [6, 0],
        ],
      ]),
    ).toEqual([
      [
        [0, 5],
        [6, 0],
      ],
    ]);
  });
});

describe("figures arithmetic", () => {
  it("takes nearest-rank percentiles over whole hours, treating negative lead times as 0", () => {
    const histogram = new Map([
      [-3, 1],
      [2, 1],
      [5, 2],
      [9, 1],
    ]);
    expect(percentileOfHistogram(histogram, 0.5)).toBe(5);
    expect(percentileOfHistogram(histogram, 0.9)).toBe(9);
    expect(
      percentileOfHistogram(
        new Map([
          [-3, 4],
          [7, 1],
        ]),
        0.5,
      ),
    ).toBe(0);
    expect(percentileOfHistogram(new Map(), 0.5)).toBeNull();
  });

  it("rounds ratios to four decimals and answers null for an empty denominator", () => {
    expect(roundRatio(1, 3)).toBe(0.3333);
    expect(roundRatio(2, 0)).toBeNull();
  });
});

describe("the report period", () => {
  const now = Date.parse("2027-05-10T22:30:00Z"); // already 11 May in Amsterdam

  it("defaults to the current calendar year in Amsterdam, upcoming bookings included", () => {
    expect(resolvePeriod({}, now)).toEqual({ from: "2027-01-01", to: "2027-12-31" });
    // Late in the year the booking horizon reaches into the next one.
    expect(resolvePeriod({}, Date.parse("2026-11-27T10:00:00Z"))).toEqual({ from: "2026-01-01", to: "2027-12-31" });
    expect(resolvePeriod({ to: "2026-03-01" }, now)).toEqual({ from: "2026-01-01", to: "2026-03-01" });
  });

  it("refuses an end before the start and a span over three years with 400 validation issues", () => {
    expect(() => resolvePeriod({ from: "2027-02-01", to: "2027-01-31" }, now)).toThrow(DomainError);
    expect(resolvePeriod({ from: "2025-01-01", to: "2027-12-31" }, now)).toEqual({ from: "2025-01-01", to: "2027-12-31" });
    try {
      resolvePeriod({ from: "2025-01-01", to: "2028-01-01" }, now);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("validation_failed");
      expect((error as DomainError).issues?.[0]?.path).toBe("query.to");
    }
  });

  it("cuts months at local midnight, also across the DST change", () => {
    const months = periodMonths({ from: "2027-03-15", to: "2027-04-02" });
    expect(months.map((m) => [m.month, new Date(m.start).toISOString(), new Date(m.end).toISOString()])).toEqual([
      ["2027-03", "2027-03-14T23:00:00.000Z", "2027-03-31T22:00:00.000Z"],
      ["2027-04", "2027-03-31T22:00:00.000Z", "2027-04-02T22:00:00.000Z"],
    ]);
  });
});

describe("CSV fields", () => {
  it("quotes commas, quotes and line breaks per RFC 4180 and defuses spreadsheet formulas", () => {
    expect(csvField('Loket "Noord", Venlo')).toBe('"Loket ""Noord"", Venlo"');
    expect(csvField("a\nb")).toBe('"a\nb"');
    expect(csvField("-KN0j1Ib3DkqyXpsQ6nhKw")).toBe("-KN0j1Ib3DkqyXpsQ6nhKw");
    expect(spreadsheetText("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(spreadsheetText("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(spreadsheetText("Loket Venlo")).toBe("Loket Venlo");
    expect(csvField(-1)).toBe("-1");
    expect(csvField(null)).toBe("");
    expect(csvField("<5")).toBe("<5");
  });
});
