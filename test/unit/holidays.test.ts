import { describe, expect, it } from "vitest";
import { carnivalDays, dutchPublicHolidays, easterSunday } from "../../src/features/availability/holidays";

const allClosed = { goodFridayClosed: true, liberationDayClosed: true };
const noneOptional = { goodFridayClosed: false, liberationDayClosed: false };

describe("easterSunday", () => {
  it.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
    [2000, "2000-04-23"],
    [1943, "1943-04-25"],
  ])("should place Easter %i on %s", (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it("should reject years outside the Gregorian calendar", () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
    expect(() => easterSunday(2027.5)).toThrow(RangeError);
  });
});

describe("dutchPublicHolidays", () => {
  it("should match the 2027 reference dates", () => {
    const holidays = dutchPublicHolidays(2027, allClosed);
    expect(holidays.get("2027-03-26")).toBe("good_friday");
    expect(holidays.get("2027-03-28")).toBe("easter_sunday");
    expect(holidays.get("2027-03-29")).toBe("easter_monday");
    expect(holidays.get("2027-05-06")).toBe("ascension_day");
    expect(holidays.get("2027-05-16")).toBe("whit_sunday");
    expect(holidays.get("2027-05-17")).toBe("whit_monday");
    expect(holidays.get("2027-05-05")).toBe("liberation_day");
    expect(holidays.get("2027-01-01")).toBe("new_year");
    expect(holidays.get("2027-12-25")).toBe("christmas_day");
    expect(holidays.get("2027-12-26")).toBe("boxing_day");
    expect(holidays.size).toBe(11);
  });

  it("should move King's Day to 26 April when 27 April is a Sunday", () => {
    expect(dutchPublicHolidays(2025, noneOptional).get("2025-04-26")).toBe("kings_day");
    expect(dutchPublicHolidays(2025, noneOptional).has("2025-04-27")).toBe(false);
  });

  it("should keep King's Day on 27 April in other years", () => {
    expect(dutchPublicHolidays(2026, noneOptional).get("2026-04-27")).toBe("kings_day");
    expect(dutchPublicHolidays(2027, noneOptional).get("2027-04-27")).toBe("kings_day");
  });

  it("should leave out Good Friday and Liberation Day unless the region closes on them", () => {
    const holidays = dutchPublicHolidays(2027, noneOptional);
    expect(holidays.has("2027-03-26")).toBe(false);
    expect(holidays.has("2027-05-05")).toBe(false);
    expect([...holidays.values()]).not.toContain("good_friday");
    expect([...holidays.values()]).not.toContain("liberation_day");
    expect(holidays.size).toBe(9);
  });

  it("should list the dates in chronological order", () => {
    const dates = [...dutchPublicHolidays(2027, allClosed).keys()];
    expect(dates).toEqual([...dates].sort());
  });

  it("should hold a single entry when Liberation Day and Ascension Day coincide", () => {
    // In 2016 Ascension Day fell on 5 May: one closed date, reported as Ascension Day.
    const holidays = dutchPublicHolidays(2016, allClosed);
    expect(holidays.get("2016-05-05")).toBe("ascension_day");
    expect(holidays.size).toBe(10);
  });
});

describe("carnivalDays", () => {
  it("should return the Monday and Tuesday before Ash Wednesday in 2027", () => {
    expect(carnivalDays(2027)).toEqual(["2027-02-08", "2027-02-09"]);
  });

  it("should follow Easter across a leap day", () => {
    // Easter 2024-03-31: Ash Wednesday 2024-02-14.
    expect(carnivalDays(2024)).toEqual(["2024-02-12", "2024-02-13"]);
  });
});
