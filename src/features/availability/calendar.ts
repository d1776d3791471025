/**
 * Why a day has no free times, for the month calendar: the first reason that holds, in the
 * order an entrepreneur would want to hear it (past, closed for a closure with its reason, a
 * public holiday by name, closed on that weekday, beyond the booking horizon, too short
 * notice, full). Pure: the caller passes the rules, the free slots and the holidays.
 */
import { addDays, daysBetween, epochDayOfDate, isoWeekday, localDate, todayLocal } from "../../lib/time";
import type { HolidayKey } from "./holidays";
import { listFreeSlots, type DateRange, type Slot, type SlotRules } from "./slots";

/** The slot rules with the closures' reasons. */
export type CalendarRules = Omit<SlotRules, "closures"> & { closures: Array<DateRange & { reason: string }> };

export type DayReason = "past" | "closure" | "holiday" | "closed" | "too_far" | "too_soon" | "full";

export interface CalendarDay {
  date: string;
  slots: Slot[];
  /** Null when the day has free times. */
  reason: DayReason | null;
  holiday?: HolidayKey;
  closureReason?: string;
}

/**
 * Every day of the window with its free slots, or the reason it has none.
 * @example describeDays(rules, free, holidays, { from: "2027-03-01", to: "2027-03-31" }, now)
 */
export function describeDays(
  rules: CalendarRules,
  free: readonly Slot[],
  holidays: ReadonlyMap<string, HolidayKey>,
  window: { from: string; to: string },
  now: number,
): CalendarDay[] {
  const today = todayLocal(now);
  const byDate = new Map<string, Slot[]>();
  for (const slot of free) {
    const date = localDate(slot.start);
    byDate.set(date, [...(byDate.get(date) ?? []), slot]);
  }
  const days: CalendarDay[] = [];
  for (let date = window.from; date <= window.to; date = addDays(date, 1)) {
    const slots = byDate.get(date) ?? [];
    days.push({ date, slots, ...whyNone(rules, holidays, date, today, now, slots.length > 0) });
  }
  return days;
}

function whyNone(
  rules: CalendarRules,
  holidays: ReadonlyMap<string, HolidayKey>,
  date: string,
  today: string,
  now: number,
  hasSlots: boolean,
): Pick<CalendarDay, "reason" | "holiday" | "closureReason"> {
  if (hasSlots) return { reason: null };
  if (date < today) return { reason: "past" };
  const closure = rules.closures.find((c) => c.from <= date && date <= c.to);
  if (closure) return { reason: "closure", closureReason: closure.reason };
  const holiday = holidays.get(date);
  if (holiday && rules.closedDates.has(date) && !rules.openDates.has(date)) return { reason: "holiday", holiday };
  const weekday = isoWeekday(epochDayOfDate(date, "calendar"));
  if (!rules.weekly.some((i) => i.weekday === weekday)) return { reason: "closed" };
  if (daysBetween(today, date) > rules.maxAdvanceDays) return { reason: "too_far" };
  // Open that day: without any booking, would a time be left after the minimum notice?
  const unbooked = listFreeSlots(rules, [], { from: date, to: date }, now);
  return { reason: unbooked.length === 0 ? "too_soon" : "full" };
}
