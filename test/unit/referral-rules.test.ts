import { describe, expect, it } from "vitest";
import { checkStatusChange, dueAt, isOverdue, workingDaysBetween } from "../../src/features/referrals/referral-rules";

const settings = { goodFridayClosed: true, liberationDayClosed: false };
const at = (iso: string) => Date.parse(iso);

describe("referral rules", () => {
  it("should make a referral due at the end of the fifth working day, skipping weekends", () => {
    // Friday 5 January 2024: Monday 8 to Friday 12 are the five working days.
    expect(dueAt(at("2024-01-05T10:00:00+01:00"), 5, settings)).toBe(at("2024-01-13T00:00:00+01:00"));
  });

  it("should skip Christmas, Boxing Day and New Year's Day", () => {
    // Tuesday 24 December 2024: 27, 30, 31 December, 2 and 3 January.
    expect(dueAt(at("2024-12-24T16:00:00+01:00"), 5, settings)).toBe(at("2025-01-04T00:00:00+01:00"));
  });

  it("should count working days between two instants, none on the same day or over a weekend only", () => {
    expect(workingDaysBetween(at("2024-01-05T09:00:00+01:00"), at("2024-01-05T17:00:00+01:00"), settings)).toBe(0);
    expect(workingDaysBetween(at("2024-01-05T09:00:00+01:00"), at("2024-01-07T17:00:00+01:00"), settings)).toBe(0);
    expect(workingDaysBetween(at("2024-01-05T09:00:00+01:00"), at("2024-01-08T08:00:00+01:00"), settings)).toBe(1);
    expect(workingDaysBetween(at("2024-03-28T09:00:00+01:00"), at("2024-04-02T09:00:00+02:00"), settings)).toBe(1);
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
