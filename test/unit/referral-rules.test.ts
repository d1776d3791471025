import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { dutchPublicHolidays } from "../../src/features/availability/holidays";
import { checkStatusChange, dueAt, isOverdue, workingDaysBetween } from "../../src/features/referrals/referral-rules";

const settings = { goodFridayClosed: true, liberationDayClosed: false };
const ZONE = "Europe/Amsterdam";
/** The instant of a local date and time in Amsterdam. */
const at = (date: Temporal.PlainDate, time = "00:00") => date.toZonedDateTime({ timeZone: ZONE, plainTime: Temporal.PlainTime.from(time) }).epochMilliseconds;
const today = Temporal.Instant.fromEpochMilliseconds(Date.now()).toZonedDateTimeISO(ZONE).toPlainDate();
const holidays = (year: number) => new Set(dutchPublicHolidays(year, settings).keys());
const isHoliday = (d: Temporal.PlainDate) => holidays(d.year).has(d.toString());

/** The first Friday from today whose next week (Monday to Friday) has no public holiday. */
function plainFriday(): Temporal.PlainDate {
  let friday = today.add({ days: (5 - today.dayOfWeek + 7) % 7 });
  while ([3, 4, 5, 6, 7].some((d) => isHoliday(friday.add({ days: d })))) friday = friday.add({ days: 7 });
  return friday;
}

describe("referral rules", () => {
  it("should make a referral due at the end of the fifth working day, skipping weekends", () => {
    // A Friday: the next Monday to Friday are the five working days, due at the Saturday's start.
    const friday = plainFriday();
    expect(dueAt(at(friday, "10:00"), 5, settings)).toBe(at(friday.add({ days: 8 })));
  });

  it("should skip Christmas, Boxing Day and New Year's Day", () => {
    // 24 December of next year: the five working days after it, counted here by hand.
    const eve = Temporal.PlainDate.from({ year: today.year + 1, month: 12, day: 24 });
    let day = eve;
    for (let counted = 0; counted < 5; ) {
      day = day.add({ days: 1 });
      const closed = day.dayOfWeek > 5 || (day.month === 12 && (day.day === 25 || day.day === 26)) || (day.month === 1 && day.day === 1);
      if (!closed) counted++;
    }
    expect(dueAt(at(eve, "16:00"), 5, settings)).toBe(at(day.add({ days: 1 })));
  });

  it("should count working days between two instants, none on the same day or over a weekend only", () => {
    const friday = plainFriday();
    expect(workingDaysBetween(at(friday, "09:00"), at(friday, "17:00"), settings)).toBe(0);
    expect(workingDaysBetween(at(friday, "09:00"), at(friday.add({ days: 2 }), "17:00"), settings)).toBe(0);
    expect(workingDaysBetween(at(friday, "09:00"), at(friday.add({ days: 3 }), "08:00"), settings)).toBe(1);
    // Maundy Thursday to the Tuesday after Easter (Good Friday closed, Easter Monday a holiday), next year.
    const goodFriday = [...holidays(today.year + 1).keys()]
      .map((d) => Temporal.PlainDate.from(d))
      .find((d) => d.dayOfWeek === 5 && (d.month === 3 || d.month === 4));
    if (!goodFriday) throw new Error("no Good Friday in the holiday calendar");
    expect(workingDaysBetween(at(goodFriday.subtract({ days: 1 }), "09:00"), at(goodFriday.add({ days: 4 }), "09:00"), settings)).toBe(1);
  });

  it("should allow only forward steps and a reason with not_suitable", () => {
    expect(checkStatusChange("sent", "received", undefined)).toBeNull();
    expect(checkStatusChange("sent", "helped", undefined)).toBeNull();
    expect(checkStatusChange("contacted", "received", undefined)?.code).toBe("conflict");
    expect(checkStatusChange("received", "not_suitable", undefined)?.path).toBe("note");
    expect(checkStatusChange("helped", "no_contact", undefined)?.code).toBe("conflict");
    expect(checkStatusChange("withdrawn", "contacted", undefined)?.code).toBe("conflict");
  });

  it("should call a referral overdue when it was not picked up by its due time", () => {
    expect(isOverdue({ status: "sent", dueAt: 100, receivedAt: null }, 99)).toBe(false);
    expect(isOverdue({ status: "sent", dueAt: 100, receivedAt: null }, 100)).toBe(true);
    expect(isOverdue({ status: "helped", dueAt: 100, receivedAt: 50 }, 500)).toBe(false);
    expect(isOverdue({ status: "helped", dueAt: 100, receivedAt: 150 }, 500)).toBe(true);
  });
});
