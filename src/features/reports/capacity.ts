/**
 * Bookable capacity of a frontdesk over a period: every grid slot the desk offered
 * (opening hours minus closures and holidays, exactly like the slot engine) times its
 * capacity per slot, but WITHOUT the minimum-notice, maximum-advance and "not in the past"
 * filters: a report looks back at what was on offer, not at what can still be booked.
 *
 * Counting slot by slot over years of days for every desk would be wasteful, so ordinary
 * days are counted per weekday (a handful of integers), and only the days around a DST
 * transition go through the slot engine itself, where wall-clock slots can vanish (spring)
 * or must resolve to one instant (autumn). A unit test proves both paths agree.
 */
import { Temporal } from "temporal-polyfill";
import { localDayBounds, TIMEZONE, addDays, localDate, daysBetween, isoWeekday, epochDayOfDate } from "../../lib/time";
import { listFreeSlots, type DateRange, type SlotRules } from "../availability/slots";

/** What capacity depends on: the slot rules minus the booking-window settings. */
export type CapacityRules = Pick<SlotRules, "slotMinutes" | "capacityPerSlot" | "weekly" | "closures" | "closedDates" | "openDates">;

/** One local date of a report period. */
export interface CalendarDay {
  date: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** True on and next to a DST transition: count these through the slot engine. */
  irregular: boolean;
}

const DAY_MS = 86_400_000;

/**
 * Every grid slot `[start, end)` of a desk between two local dates (inclusive), soonest
 * first, as the slot engine builds them, ignoring notice, advance limits and bookings.
 *
 * It reuses `listFreeSlots` with no bookings, no minimum notice, an advance window that
 * covers the period and a "now" just before the period starts, so nothing is filtered out.
 *
 * @example
 * listGridSlots(rules, { from: "2027-03-29", to: "2027-03-29" });
 * // [{ start: 1806303600000, end: 1806305400000 }, …] (09:00, 09:30, … local)
 */
export function listGridSlots(rules: CapacityRules, window: DateRange): Array<{ start: number; end: number }> {
  if (window.from > window.to) return [];
  const now = localDayBounds(window.from).start - 1;
  const spanDays = daysBetween(window.from, window.to);
  return listFreeSlots(unfilteredRules(rules, spanDays + 2), [], window, now).map(({ start, end }) => ({ start, end }));
}

/** The rules without notice or limits, one object per desk's rules and advance (so the slot engine prepares them once, not per DST day). */
const unfilteredOf = new WeakMap<CapacityRules, Map<number, SlotRules>>();

function unfilteredRules(rules: CapacityRules, maxAdvanceDays: number): SlotRules {
  let byAdvance = unfilteredOf.get(rules);
  if (!byAdvance) {
    byAdvance = new Map();
    unfilteredOf.set(rules, byAdvance);
  }
  let unfiltered = byAdvance.get(maxAdvanceDays);
  if (!unfiltered) {
    // capacityPerSlot 0 would make the engine drop every slot as full; count the grid itself.
    unfiltered = { ...rules, capacityPerSlot: Math.max(1, rules.capacityPerSlot), minNoticeHours: 0, maxAdvanceDays };
    byAdvance.set(maxAdvanceDays, unfiltered);
  }
  return unfiltered;
}

/**
 * The local dates of a period with their weekdays, DST-adjacent days flagged.
 * Built once per report and shared by every desk.
 *
 * @example
 * buildCalendar("2027-03-27", "2027-03-29").map((d) => d.irregular); // [true, true, true]
 */
export function buildCalendar(from: string, to: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  if (from > to) return days;
  const irregular = transitionDates(from, to);
  let weekday = isoWeekday(epochDayOfDate(from, "period start"));
  for (let date = from; date <= to; date = addDays(date, 1)) {
    days.push({ date, weekday, irregular: irregular.has(date) });
    weekday = (weekday % 7) + 1;
  }
  return days;
}

/** Local dates on which the UTC offset changes, plus the day before and after (conservative). */
function transitionDates(from: string, to: string): Set<string> {
  const out = new Set<string>();
  const end = localDayBounds(to).end + DAY_MS;
  let zdt = Temporal.Instant.fromEpochMilliseconds(localDayBounds(from).start - DAY_MS).toZonedDateTimeISO(TIMEZONE);
  for (;;) {
    const next = zdt.getTimeZoneTransition("next");
    if (!next || next.epochMilliseconds > end) break;
    const date = localDate(next.epochMilliseconds);
    out.add(addDays(date, -1)).add(date).add(addDays(date, 1));
    zdt = next;
  }
  return out;
}

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutes(time: string, allowEndOfDay: boolean): number {
  if (allowEndOfDay && time === "24:00") return 1440;
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`Invalid time: ${JSON.stringify(time)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * Slots per weekday on an ordinary day (index 1..7). Overlapping intervals that produce
 * the same start count once, as in the slot engine, which drops a repeated start.
 */
function slotsPerWeekday(rules: CapacityRules): number[] {
  const starts: Array<Set<number>> = Array.from({ length: 8 }, () => new Set<number>());
  for (const interval of rules.weekly) {
    const set = starts[interval.weekday];
    if (!set || interval.weekday < 1) throw new RangeError(`Invalid weekday: ${interval.weekday}`);
    const opens = minutes(interval.opens, false);
    const closes = minutes(interval.closes, true);
    for (let minute = opens; minute + rules.slotMinutes <= closes; minute += rules.slotMinutes) set.add(minute);
  }
  return starts.map((s) => s.size);
}

function isClosed(rules: CapacityRules, date: string): boolean {
  for (const closure of rules.closures) {
    if (closure.from <= date && date <= closure.to) return true;
  }
  return rules.closedDates.has(date) && !rules.openDates.has(date);
}

/**
 * Bookable places (grid slots × capacity per slot) of one desk on the calendar days
 * between `window.from` and `window.to` (inclusive; both inside the calendar's range).
 *
 * @example
 * // Mon–Fri 09:00–12:30 and 13:30–17:00, 30-minute slots, capacity 1, public holidays closed:
 * const calendar = buildCalendar("2027-01-01", "2027-12-31");
 * countBookablePlaces(rules, calendar, { from: "2027-01-01", to: "2027-12-31" }); // 3570 (255 days × 14)
 */
export function countBookablePlaces(rules: CapacityRules, calendar: readonly CalendarDay[], window: DateRange): number {
  if (!Number.isInteger(rules.slotMinutes) || rules.slotMinutes < 1 || rules.slotMinutes > 1440) {
    throw new RangeError(`Invalid slotMinutes: ${rules.slotMinutes}`);
  }
  const perWeekday = slotsPerWeekday(rules);
  let slots = 0;
  for (const day of calendar) {
    if (day.date < window.from || day.date > window.to) continue;
    const ordinary = perWeekday[day.weekday] ?? 0;
    if (ordinary === 0 || isClosed(rules, day.date)) continue;
    slots += day.irregular ? listGridSlots(rules, { from: day.date, to: day.date }).length : ordinary;
  }
  return slots * rules.capacityPerSlot;
}
