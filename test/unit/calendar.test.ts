import { describe, expect, it } from "vitest";
import { describeDays, type CalendarRules } from "../../src/features/availability/calendar";
import { dutchPublicHolidays } from "../../src/features/availability/holidays";
import { listFreeSlots } from "../../src/features/availability/slots";

// A fixed moment passed in as "now": a Monday morning in Amsterdam (the function reads no clock).
const now = Date.parse("2027-04-19T07:30:00Z");
const holidays = dutchPublicHolidays(2027, { goodFridayClosed: true, liberationDayClosed: false });

function rules(overrides: Partial<CalendarRules> = {}): CalendarRules {
  return {
    slotMinutes: 60,
    capacityPerSlot: 1,
    minNoticeHours: 0,
    maxAdvanceDays: 20,
    weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: "09:00", closes: "12:00" })),
    closures: [],
    closedDates: new Set(holidays.keys()),
    openDates: new Set(),
    ...overrides,
  };
}

function reasons(r: CalendarRules, bookings: { start: number; end: number }[] = []) {
  const window = { from: "2027-04-17", to: "2027-05-14" };
  const free = listFreeSlots(r, bookings, window, now);
  return Object.fromEntries(describeDays(r, free, holidays, window, now).map((d) => [d.date, d.closureReason ?? d.holiday ?? d.reason]));
}

describe("describeDays", () => {
  it("should say why each day has no times: past, weekend, King's Day, a closure with its reason, beyond the horizon", () => {
    const days = reasons(rules({ closures: [{ from: "2027-04-22", to: "2027-04-23", reason: "Verbouwing" }] }));
    expect(days["2027-04-17"]).toBe("past");
    expect(days["2027-04-19"]).toBeNull(); // today, times left after 09:30
    expect(days["2027-04-24"]).toBe("closed"); // Saturday
    expect(days["2027-04-27"]).toBe("kings_day");
    expect(days["2027-04-22"]).toBe("Verbouwing");
    expect(days["2027-05-10"]).toBe("too_far");
  });

  it("should tell too short notice from a full day", () => {
    const notice = reasons(rules({ minNoticeHours: 30 }));
    expect(notice["2027-04-19"]).toBe("too_soon");
    expect(notice["2027-04-20"]).toBe("too_soon"); // opens 09:00, notice reaches 15:30 local
    expect(notice["2027-04-21"]).toBeNull();
    const start = Date.parse("2027-04-21T07:00:00Z");
    const full = reasons(
      rules(),
      [0, 1, 2].map((h) => ({ start: start + h * 3_600_000, end: start + (h + 1) * 3_600_000 })),
    );
    expect(full["2027-04-21"]).toBe("full");
  });

  it("should open a holiday the desk chose to open", () => {
    expect(reasons(rules({ openDates: new Set(["2027-04-27"]) }))["2027-04-27"]).toBeNull();
  });
});
