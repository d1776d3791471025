import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { dutchPublicHolidays } from "../../src/features/availability/holidays";
import { type Booking, type OpeningInterval, type SlotRules, findSlot, gridPlacesOn, listFreeSlots } from "../../src/features/availability/slots";
import { TIMEZONE, addDays, epochDayOfDate, formatOffsetIso, isoWeekday, localDate, localDayBounds, parseInstant, todayLocal } from "../../src/lib/time";

const utc = (iso: string): number => Date.parse(iso);
const MIN = 60_000;

function weekdays(opens: string, closes: string, days = [1, 2, 3, 4, 5]): OpeningInterval[] {
  return days.map((weekday) => ({ weekday, opens, closes }));
}

function splitWeek(): OpeningInterval[] {
  return [...weekdays("09:00", "12:30"), ...weekdays("13:30", "17:00")];
}

function rules(overrides: Partial<SlotRules> = {}): SlotRules {
  return {
    slotMinutes: 30,
    capacityPerSlot: 1,
    minNoticeHours: 0,
    maxAdvanceDays: 60,
    weekly: splitWeek(),
    closures: [],
    closedDates: new Set(),
    openDates: new Set(),
    ...overrides,
  };
}

/** Local wall-clock start times ("HH:MM") of the slots, for readable assertions. */
function localTimes(slots: readonly { start: number }[]): string[] {
  return slots.map((s) => formatOffsetIso(s.start).slice(11, 16));
}

function booking(startIso: string, minutes: number): Booking {
  const start = utc(startIso);
  return { start, end: start + minutes * MIN };
}

// Monday 1 March 2027, 00:00 Amsterdam.
const EARLY_MARCH = utc("2027-02-28T23:00:00Z");

describe("listFreeSlots", () => {
  it("should list a split day from both intervals and nothing in the lunch break", () => {
    const slots = listFreeSlots(rules(), [], { from: "2027-03-30", to: "2027-03-30" }, EARLY_MARCH);
    expect(slots).toHaveLength(14);
    expect(localTimes(slots)).toEqual([
      "09:00",
      "09:30",
      "10:00",
      "10:30",
      "11:00",
      "11:30",
      "12:00",
      "13:30",
      "14:00",
      "14:30",
      "15:00",
      "15:30",
      "16:00",
      "16:30",
    ]);
    expect(slots[0]).toEqual({ start: utc("2027-03-30T07:00:00Z"), end: utc("2027-03-30T07:30:00Z"), remaining: 1 });
    expect(slots[13]?.end).toBe(utc("2027-03-30T15:00:00Z"));
  });

  it("should only emit slots that end at or before closing time", () => {
    const slots = listFreeSlots(rules({ weekly: weekdays("09:00", "10:45") }), [], { from: "2027-03-30", to: "2027-03-30" }, EARLY_MARCH);
    expect(localTimes(slots)).toEqual(["09:00", "09:30", "10:00"]);
  });

  it("should return the slots sorted by start and skip weekends", () => {
    const slots = listFreeSlots(rules(), [], { from: "2027-03-01", to: "2027-03-14" }, EARLY_MARCH);
    expect(slots).toHaveLength(10 * 14);
    for (let i = 1; i < slots.length; i++) expect(slots[i]?.start).toBeGreaterThan(slots[i - 1]?.start ?? Number.POSITIVE_INFINITY);
    const dates = new Set(slots.map((s) => localDate(s.start)));
    expect(dates.has("2027-03-06")).toBe(false);
    expect(dates.has("2027-03-07")).toBe(false);
  });

  it("should not create duplicate slots from overlapping weekly intervals", () => {
    const slots = listFreeSlots(
      rules({ weekly: [...weekdays("09:00", "11:00"), ...weekdays("10:00", "12:00"), ...weekdays("09:00", "11:00")] }),
      [],
      { from: "2027-03-30", to: "2027-03-30" },
      EARLY_MARCH,
    );
    expect(localTimes(slots)).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]);
  });

  it("should allow an interval that closes at 24:00", () => {
    const slots = listFreeSlots(rules({ weekly: weekdays("22:00", "24:00") }), [], { from: "2027-03-30", to: "2027-03-30" }, EARLY_MARCH);
    expect(localTimes(slots)).toEqual(["22:00", "22:30", "23:00", "23:30"]);
    expect(slots[3]?.end).toBe(utc("2027-03-30T22:00:00Z"));
  });

  it("should skip every day inside a closure range", () => {
    const slots = listFreeSlots(rules({ closures: [{ from: "2027-03-31", to: "2027-04-01" }] }), [], { from: "2027-03-30", to: "2027-04-02" }, EARLY_MARCH);
    expect([...new Set(slots.map((s) => localDate(s.start)))]).toEqual(["2027-03-30", "2027-04-02"]);
  });

  it("should keep public holidays closed", () => {
    const closedDates = new Set(dutchPublicHolidays(2027, { goodFridayClosed: true, liberationDayClosed: false }).keys());
    const slots = listFreeSlots(rules({ closedDates }), [], { from: "2027-03-25", to: "2027-03-30" }, EARLY_MARCH);
    // Thu 25 open, Good Friday 26 closed, weekend, Easter Monday 29 closed, Tue 30 open.
    expect([...new Set(slots.map((s) => localDate(s.start)))]).toEqual(["2027-03-25", "2027-03-30"]);
  });

  it("should open a closed date that is listed in openDates", () => {
    const closedDates = new Set(dutchPublicHolidays(2027, { goodFridayClosed: true, liberationDayClosed: false }).keys());
    const slots = listFreeSlots(rules({ closedDates, openDates: new Set(["2027-03-26"]) }), [], { from: "2027-03-26", to: "2027-03-29" }, EARLY_MARCH);
    expect([...new Set(slots.map((s) => localDate(s.start)))]).toEqual(["2027-03-26"]);
  });

  it("should not let openDates override an explicit closure", () => {
    const slots = listFreeSlots(
      rules({ closures: [{ from: "2027-03-30", to: "2027-03-30" }], openDates: new Set(["2027-03-30"]) }),
      [],
      { from: "2027-03-30", to: "2027-03-30" },
      EARLY_MARCH,
    );
    expect(slots).toEqual([]);
  });

  it("should count remaining capacity and drop full slots", () => {
    const bookings = [
      booking("2027-03-30T07:00:00Z", 30),
      booking("2027-03-30T07:00:00Z", 30),
      booking("2027-03-30T07:30:00Z", 30),
      booking("2027-03-30T07:30:00Z", 30),
      booking("2027-03-30T07:30:00Z", 30),
    ];
    const slots = listFreeSlots(rules({ capacityPerSlot: 3 }), bookings, { from: "2027-03-30", to: "2027-03-30" }, EARLY_MARCH);
    expect(slots[0]).toMatchObject({ start: utc("2027-03-30T07:00:00Z"), remaining: 1 });
    // 09:30 is full and omitted; 10:00 is untouched.
    expect(slots[1]).toMatchObject({ start: utc("2027-03-30T08:00:00Z"), remaining: 3 });
    expect(slots).toHaveLength(13);
  });

  it("should treat bookings as half-open intervals when counting overlap", () => {
    const bookings = [
      booking("2027-03-30T07:15:00Z", 30), // 09:15–09:45 touches 09:00 and 09:30
      booking("2027-03-30T08:30:00Z", 30), // 10:30–11:00 ends where 11:00 begins
      booking("2027-03-30T05:00:00Z", 120), // 07:00–09:00 ends where 09:00 begins
    ];
    const slots = listFreeSlots(rules({ capacityPerSlot: 2 }), bookings, { from: "2027-03-30", to: "2027-03-30" }, EARLY_MARCH);
    const remaining = Object.fromEntries(slots.map((s) => [formatOffsetIso(s.start).slice(11, 16), s.remaining]));
    expect(remaining["09:00"]).toBe(1);
    expect(remaining["09:30"]).toBe(1);
    expect(remaining["10:00"]).toBe(2);
    expect(remaining["10:30"]).toBe(1);
    expect(remaining["11:00"]).toBe(2);
  });

  it("should count a long booking against every slot it covers", () => {
    const slots = listFreeSlots(
      rules({ capacityPerSlot: 2 }),
      [booking("2027-03-30T07:00:00Z", 120), booking("2027-03-30T12:00:00Z", 10)],
      { from: "2027-03-30", to: "2027-03-30" },
      EARLY_MARCH,
    );
    expect(slots.slice(0, 5).map((s) => s.remaining)).toEqual([1, 1, 1, 1, 2]);
    expect(slots.find((s) => s.start === utc("2027-03-30T12:00:00Z"))?.remaining).toBe(1);
  });

  it("should ignore bookings of other days", () => {
    const slots = listFreeSlots(
      rules(),
      [booking("2027-03-31T07:00:00Z", 30), booking("2027-03-29T07:00:00Z", 30)],
      { from: "2027-03-30", to: "2027-03-30" },
      EARLY_MARCH,
    );
    expect(slots).toHaveLength(14);
  });

  it("should not offer slots before now plus the minimum notice", () => {
    const now = utc("2027-03-30T06:10:00Z"); // 08:10 local
    const slots = listFreeSlots(rules({ minNoticeHours: 2 }), [], { from: "2027-03-30", to: "2027-03-30" }, now);
    expect(localTimes(slots)[0]).toBe("10:30");
    const later = utc("2027-03-30T08:40:00Z"); // 10:40 local
    const dayAhead = listFreeSlots(rules({ minNoticeHours: 24 }), [], { from: "2027-03-30", to: "2027-03-31" }, later);
    expect(formatOffsetIso(dayAhead[0]?.start ?? Number.NaN)).toBe("2027-03-31T11:00:00+02:00");
  });

  it("should never offer past slots, also when the window starts in the past", () => {
    const now = utc("2027-03-30T08:10:00Z"); // 10:10 local
    const slots = listFreeSlots(rules(), [], { from: "2027-03-01", to: "2027-03-30" }, now);
    expect(slots.every((s) => s.start >= now)).toBe(true);
    expect(formatOffsetIso(slots[0]?.start ?? Number.NaN)).toBe("2027-03-30T10:30:00+02:00");
  });

  it("should not offer days after today plus the maximum advance days", () => {
    const now = utc("2027-03-30T06:00:00Z");
    const slots = listFreeSlots(rules({ maxAdvanceDays: 2 }), [], { from: "2027-03-30", to: "2027-04-10" }, now);
    expect([...new Set(slots.map((s) => localDate(s.start)))]).toEqual(["2027-03-30", "2027-03-31", "2027-04-01"]);
  });

  it("should return nothing for an empty or reversed window", () => {
    expect(listFreeSlots(rules(), [], { from: "2027-03-31", to: "2027-03-30" }, EARLY_MARCH)).toEqual([]);
    expect(listFreeSlots(rules({ weekly: [] }), [], { from: "2027-03-01", to: "2027-03-31" }, EARLY_MARCH)).toEqual([]);
  });

  it("should reject malformed rules and windows instead of guessing", () => {
    expect(() => listFreeSlots(rules({ slotMinutes: 0 }), [], { from: "2027-03-30", to: "2027-03-30" }, EARLY_MARCH)).toThrow(RangeError);
    expect(() => listFreeSlots(rules(), [], { from: "2027-02-30", to: "2027-03-30" }, EARLY_MARCH)).toThrow(RangeError);
    expect(() =>
      listFreeSlots(rules({ weekly: [{ weekday: 1, opens: "9:00", closes: "12:00" }] }), [], { from: "2027-03-30", to: "2027-03-30" }, EARLY_MARCH),
    ).toThrow(RangeError);
  });

  describe("when the frontdesk changes its hours after bookings exist", () => {
    const oldRules = rules({ weekly: weekdays("08:45", "12:15"), capacityPerSlot: 2 });
    const newRules = rules({ capacityPerSlot: 2 });
    const oldBooking = booking("2027-03-30T07:15:00Z", 30); // 09:15–09:45 on the old grid

    it("should have been a valid slot on the old grid", () => {
      expect(findSlot(oldRules, oldBooking.start, EARLY_MARCH)).toEqual(oldBooking);
    });

    it("should reduce remaining of both overlapping new-grid slots", () => {
      const slots = listFreeSlots(newRules, [oldBooking], { from: "2027-03-30", to: "2027-03-30" }, EARLY_MARCH);
      expect(slots.slice(0, 3).map((s) => [formatOffsetIso(s.start).slice(11, 16), s.remaining])).toEqual([
        ["09:00", 1],
        ["09:30", 1],
        ["10:00", 2],
      ]);
    });

    it("should make the overlapping new-grid slots unavailable at capacity one", () => {
      const slots = listFreeSlots({ ...newRules, capacityPerSlot: 1 }, [oldBooking], { from: "2027-03-30", to: "2027-03-30" }, EARLY_MARCH);
      expect(localTimes(slots)[0]).toBe("10:00");
    });

    it("should reject 09:15 on the new grid", () => {
      expect(findSlot(newRules, oldBooking.start, EARLY_MARCH)).toBeNull();
    });
  });

  describe("around daylight saving time", () => {
    it("should keep 09:00 at 09:00 local on the spring-forward day", () => {
      const sunday = rules({ weekly: weekdays("09:00", "10:00", [6, 7]) });
      const slots = listFreeSlots(sunday, [], { from: "2027-03-27", to: "2027-03-28" }, EARLY_MARCH);
      expect(slots.map((s) => [s.start, s.end])).toEqual([
        [utc("2027-03-27T08:00:00Z"), utc("2027-03-27T08:30:00Z")],
        [utc("2027-03-27T08:30:00Z"), utc("2027-03-27T09:00:00Z")],
        [utc("2027-03-28T07:00:00Z"), utc("2027-03-28T07:30:00Z")],
        [utc("2027-03-28T07:30:00Z"), utc("2027-03-28T08:00:00Z")],
      ]);
    });

    it("should skip wall-clock times that do not exist in the spring gap", () => {
      const night = rules({ weekly: weekdays("01:00", "04:00", [7]) });
      const slots = listFreeSlots(night, [], { from: "2027-03-28", to: "2027-03-28" }, EARLY_MARCH);
      expect(localTimes(slots)).toEqual(["01:00", "01:30", "03:00", "03:30"]);
      expect(slots.map((s) => [s.start, s.end])).toEqual([
        [utc("2027-03-28T00:00:00Z"), utc("2027-03-28T00:30:00Z")],
        // 02:00 does not exist: the slot ends when the clock jumps to 03:00.
        [utc("2027-03-28T00:30:00Z"), utc("2027-03-28T01:00:00Z")],
        [utc("2027-03-28T01:00:00Z"), utc("2027-03-28T01:30:00Z")],
        [utc("2027-03-28T01:30:00Z"), utc("2027-03-28T02:00:00Z")],
      ]);
      expect(findSlot(night, utc("2027-03-28T01:00:00Z"), EARLY_MARCH)).toEqual({
        start: utc("2027-03-28T01:00:00Z"),
        end: utc("2027-03-28T01:30:00Z"),
      });
    });

    it("should emit each instant once in the autumn fold, taking the earlier one", () => {
      const now = utc("2027-10-01T00:00:00Z");
      const night = rules({ weekly: weekdays("01:30", "03:30", [7]) });
      const slots = listFreeSlots(night, [], { from: "2027-10-31", to: "2027-10-31" }, now);
      expect(slots.map((s) => formatOffsetIso(s.start))).toEqual([
        "2027-10-31T01:30:00+02:00",
        "2027-10-31T02:00:00+02:00",
        "2027-10-31T02:30:00+02:00",
        "2027-10-31T03:00:00+01:00",
      ]);
      expect(new Set(slots.map((s) => s.start)).size).toBe(slots.length);
      // 02:30 (first pass) ends at 03:00 wall-clock, which only exists once: 02:00Z.
      expect(slots[2]).toMatchObject({ start: utc("2027-10-31T00:30:00Z"), end: utc("2027-10-31T02:00:00Z") });
      // The second 02:30 (01:30Z) is not a grid slot.
      expect(findSlot(night, utc("2027-10-31T01:30:00Z"), now)).toBeNull();
    });

    it("should put 09:00 at 08:00Z on the fall-back day", () => {
      const now = utc("2027-10-01T00:00:00Z");
      const sunday = rules({ weekly: weekdays("09:00", "09:30", [6, 7]) });
      const slots = listFreeSlots(sunday, [], { from: "2027-10-30", to: "2027-10-31" }, now);
      expect(slots.map((s) => s.start)).toEqual([utc("2027-10-30T07:00:00Z"), utc("2027-10-31T08:00:00Z")]);
    });

    it("should agree with Temporal for every hour of a year", () => {
      const allDay = rules({ slotMinutes: 60, weekly: weekdays("00:00", "24:00", [1, 2, 3, 4, 5, 6, 7]), maxAdvanceDays: 400 });
      const now = utc("2026-12-31T23:00:00Z");
      const slots = listFreeSlots(allDay, [], { from: "2027-01-01", to: "2027-12-31" }, now);
      const expected: number[] = [];
      for (let date = Temporal.PlainDate.from("2027-01-01"); date.year === 2027; date = date.add({ days: 1 })) {
        for (let hour = 0; hour < 24; hour++) {
          const wall = date.toPlainDateTime({ hour });
          const zoned = wall.toZonedDateTime(TIMEZONE, { disambiguation: "earlier" });
          if (zoned.toPlainDateTime().equals(wall)) expected.push(zoned.epochMilliseconds);
        }
      }
      expect(slots.map((s) => s.start)).toEqual(expected);
      expect(expected).toHaveLength(365 * 24 - 1);
    });
  });
});

describe("gridPlacesOn (sizing the earliest slots' read)", () => {
  it("should count a day's grid from the first start the notice allows, as the slot list does on ordinary days", () => {
    // The next Monday from the injected now, at 10:05 local (a Monday is never a DST day).
    const injected = Date.now();
    const today = todayLocal(injected);
    const monday = addDays(today, (8 - isoWeekday(epochDayOfDate(today, "today"))) % 7 || 7);
    const now = localDayBounds(monday).start + (10 * 60 + 5) * MIN;
    const r = rules({ capacityPerSlot: 3, minNoticeHours: 2 });
    for (let d = 0; d < 14; d++) {
      const day = addDays(monday, d);
      const listed = listFreeSlots(r, [], { from: day, to: day }, now).length * 3;
      expect({ day, places: gridPlacesOn(r, day, now) }).toEqual({ day, places: listed });
    }
    // The notice day itself: 12:05 onwards leaves 13:30–17:00 only (7 slots).
    expect(gridPlacesOn(r, monday, now)).toBe(7 * 3);
    const tuesday = addDays(monday, 1);
    expect(gridPlacesOn(rules({ closures: [{ from: tuesday, to: tuesday }] }), tuesday, now)).toBe(0);
    expect(gridPlacesOn(rules({ maxAdvanceDays: 3 }), addDays(monday, 4), now)).toBe(0);
    expect(gridPlacesOn(rules(), addDays(monday, 4), now)).toBe(14);
  });
});

describe("findSlot", () => {
  const closedDates = new Set(dutchPublicHolidays(2027, { goodFridayClosed: true, liberationDayClosed: false }).keys());
  const r = rules({ closedDates, minNoticeHours: 24, maxAdvanceDays: 30 });

  it("should accept a grid slot and return its end", () => {
    expect(findSlot(r, utc("2027-03-30T11:30:00Z"), EARLY_MARCH)).toEqual({
      start: utc("2027-03-30T11:30:00Z"),
      end: utc("2027-03-30T12:00:00Z"),
    });
  });

  it("should reject a start that is off the grid", () => {
    expect(findSlot(r, utc("2027-03-30T07:10:00Z"), EARLY_MARCH)).toBeNull();
    expect(findSlot(r, utc("2027-03-30T07:00:01Z"), EARLY_MARCH)).toBeNull();
    expect(findSlot(r, utc("2027-03-30T10:30:00Z"), EARLY_MARCH)).toBeNull(); // 12:30, lunch
  });

  it("should reject a start on a closed day", () => {
    expect(findSlot(r, utc("2027-03-29T07:00:00Z"), EARLY_MARCH)).toBeNull(); // Easter Monday
    expect(findSlot(r, utc("2027-03-27T08:00:00Z"), EARLY_MARCH)).toBeNull(); // Saturday
  });

  it("should reject a start in the past or within the minimum notice", () => {
    const now = utc("2027-03-30T08:00:00Z");
    expect(findSlot(r, utc("2027-03-30T07:00:00Z"), now)).toBeNull();
    expect(findSlot(r, utc("2027-03-31T07:30:00Z"), now)).toBeNull();
    expect(findSlot(r, utc("2027-03-31T08:00:00Z"), now)).not.toBeNull();
  });

  it("should reject a start beyond the maximum advance days", () => {
    expect(findSlot(r, utc("2027-03-31T07:00:00Z"), EARLY_MARCH)).not.toBeNull(); // day 30
    expect(findSlot(r, utc("2027-04-01T07:00:00Z"), EARLY_MARCH)).toBeNull(); // day 31
  });

  it("should reject non-finite input", () => {
    expect(findSlot(r, Number.NaN, EARLY_MARCH)).toBeNull();
  });

  it("should accept exactly the slots that listFreeSlots lists", () => {
    const listed = listFreeSlots(r, [], { from: "2027-03-01", to: "2027-04-30" }, EARLY_MARCH);
    for (const slot of listed) expect(findSlot(r, slot.start, EARLY_MARCH)).toEqual({ start: slot.start, end: slot.end });
    const listedStarts = new Set(listed.map((s) => s.start));
    for (let t = EARLY_MARCH; t < EARLY_MARCH + 40 * 86_400_000; t += 15 * MIN) {
      expect(findSlot(r, t, EARLY_MARCH) !== null).toBe(listedStarts.has(t));
    }
  });
});

describe("local dates and ISO formatting", () => {
  it("should format winter and summer instants with the Amsterdam offset", () => {
    expect(formatOffsetIso(utc("2027-01-15T09:00:00Z"))).toBe("2027-01-15T10:00:00+01:00");
    expect(formatOffsetIso(utc("2027-03-29T08:00:00Z"))).toBe("2027-03-29T10:00:00+02:00");
    expect(formatOffsetIso(utc("2027-10-31T00:30:00Z"))).toBe("2027-10-31T02:30:00+02:00");
    expect(formatOffsetIso(utc("2027-10-31T01:30:00Z"))).toBe("2027-10-31T02:30:00+01:00");
  });

  it("should always print seconds and drop fractions", () => {
    expect(formatOffsetIso(utc("2027-07-01T12:34:56.789Z"))).toBe("2027-07-01T14:34:56+02:00");
    expect(formatOffsetIso(utc("2027-12-31T23:00:00Z"))).toBe("2028-01-01T00:00:00+01:00");
  });

  it("should throw on a non-finite instant", () => {
    expect(() => formatOffsetIso(Number.NaN)).toThrow(RangeError);
    expect(() => localDate(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("should round-trip through parseInstant", () => {
    const t = utc("2027-03-28T01:00:00Z");
    expect(parseInstant(formatOffsetIso(t))).toBe(t);
  });

  it("should give the Amsterdam date around midnight", () => {
    expect(localDate(utc("2027-01-10T22:59:59Z"))).toBe("2027-01-10");
    expect(localDate(utc("2027-01-10T23:00:00Z"))).toBe("2027-01-11");
    expect(localDate(utc("2027-06-10T21:59:59Z"))).toBe("2027-06-10");
    expect(localDate(utc("2027-06-10T22:00:00Z"))).toBe("2027-06-11");
    expect(todayLocal(utc("2027-12-31T23:30:00Z"))).toBe("2028-01-01");
  });

  it("should add calendar days across months, leap days and DST", () => {
    expect(addDays("2027-03-27", 1)).toBe("2027-03-28");
    expect(addDays("2027-03-28", 1)).toBe("2027-03-29");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(addDays("2027-01-01", 365)).toBe("2028-01-01");
  });

  it("should reject malformed dates in addDays", () => {
    expect(() => addDays("2027-2-28", 1)).toThrow(RangeError);
    expect(() => addDays("2027-02-29", 1)).toThrow(RangeError);
    expect(() => addDays("2027-02-28", 0.5)).toThrow(RangeError);
  });
});

describe("parseInstant", () => {
  it.each([
    ["2027-03-29T10:00:00+02:00", "2027-03-29T08:00:00Z"],
    ["2027-03-29T08:00:00Z", "2027-03-29T08:00:00Z"],
    ["2027-03-29T08:00:00z", "2027-03-29T08:00:00Z"],
    ["2027-03-29T08:00Z", "2027-03-29T08:00:00Z"],
    ["2027-03-29T09:00:00.250+01:00", "2027-03-29T08:00:00.250Z"],
    ["2027-03-29T03:00:00-05:00", "2027-03-29T08:00:00Z"],
    ["2027-03-29T10:00:00+02:00[Europe/Amsterdam]", "2027-03-29T08:00:00Z"],
  ])("should parse %s", (input, expected) => {
    expect(parseInstant(input)).toBe(utc(expected));
  });

  it.each([
    ["a local time without offset", "2027-03-29T10:00:00"],
    ["a date only", "2027-03-29"],
    ["an impossible date", "2027-02-30T10:00:00Z"],
    ["an impossible time", "2027-03-29T25:00:00Z"],
    ["free text", "tomorrow at ten"],
    ["an empty string", ""],
    ["an epoch number as text", "1806307200000"],
  ])("should return null for %s", (_label, input) => {
    expect(parseInstant(input)).toBeNull();
  });
});
