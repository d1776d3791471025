/**
 * Slot computation for frontdesk appointments.
 *
 * Opening hours are wall-clock times in Europe/Amsterdam; instants are epoch milliseconds.
 * The wall-clock ↔ instant conversions come from `lib/time.ts` (a per-year table of the
 * tz rules, then integer math), which keeps DST handling exact and a 62-day listing well
 * under a millisecond. Local dates are "epoch days" (days since 1970-01-01), so day
 * arithmetic is DST-free.
 */
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  constantOffsetForDay,
  epochDayOfDate,
  formatEpochDay,
  isoWeekday,
  localEpochDay,
  localMinuteOfDay,
  resolveWallClock,
} from "../../lib/time";

export interface OpeningInterval {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Wall-clock "HH:MM". */
  opens: string;
  /** Wall-clock "HH:MM"; "24:00" means the end of the day. */
  closes: string;
}

/** Inclusive range of local dates `YYYY-MM-DD`. */
export interface DateRange {
  from: string;
  to: string;
}

export interface SlotRules {
  slotMinutes: number;
  capacityPerSlot: number;
  minNoticeHours: number;
  maxAdvanceDays: number;
  weekly: OpeningInterval[];
  /** Explicit closures; always win, also over `openDates`. */
  closures: DateRange[];
  /** Dates closed by default, e.g. public holidays and the carnival preset. */
  closedDates: ReadonlySet<string>;
  /** Explicit openings that override `closedDates` (not `closures`). */
  openDates: ReadonlySet<string>;
}

/** A confirmed booking occupying `[start, end)`. */
export interface Booking {
  start: number;
  end: number;
}

export interface Slot {
  start: number;
  end: number;
  remaining: number;
}

// ---------------------------------------------------------------------------
// Rules

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseTime(time: string, allowEndOfDay: boolean): number {
  if (allowEndOfDay && time === "24:00") return 1440;
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`Invalid time: ${JSON.stringify(time)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

interface PreparedRules {
  slotMinutes: number;
  /** Index 1..7: [opens, closes] minutes since local midnight. */
  byWeekday: Array<Array<[number, number]>>;
  closures: Array<[number, number]>;
  closedDates: ReadonlySet<string>;
  openDates: ReadonlySet<string>;
}

/**
 * Prepared rules by the rules object they came from: a caller walking day by day over many
 * desks (the earliest slots of a region) passes the same rules for every day, and the
 * opening hours are parsed once. Rules objects are never changed after they are made.
 */
const preparedOf = new WeakMap<SlotRules, PreparedRules>();

function prepare(rules: SlotRules): PreparedRules {
  let prepared = preparedOf.get(rules);
  if (!prepared) {
    prepared = prepareRules(rules);
    preparedOf.set(rules, prepared);
  }
  return prepared;
}

function prepareRules(rules: SlotRules): PreparedRules {
  const { slotMinutes } = rules;
  // A non-positive or fractional step would loop forever or drift off the minute grid.
  if (!Number.isInteger(slotMinutes) || slotMinutes < 1 || slotMinutes > 1440) {
    throw new RangeError(`Invalid slotMinutes: ${slotMinutes}`);
  }
  const byWeekday: Array<Array<[number, number]>> = [[], [], [], [], [], [], [], []];
  for (const interval of rules.weekly) {
    const list = Number.isInteger(interval.weekday) ? byWeekday[interval.weekday] : undefined;
    if (!list || interval.weekday < 1) throw new RangeError(`Invalid weekday: ${interval.weekday}`);
    const opens = parseTime(interval.opens, false);
    const closes = parseTime(interval.closes, true);
    if (closes > opens) list.push([opens, closes]);
  }
  const closures = rules.closures.map((c): [number, number] => [epochDayOfDate(c.from, "closure"), epochDayOfDate(c.to, "closure")]);
  return { slotMinutes, byWeekday, closures, closedDates: rules.closedDates, openDates: rules.openDates };
}

function isClosed(rules: PreparedRules, epochDay: number): boolean {
  for (const [from, to] of rules.closures) {
    if (from <= epochDay && epochDay <= to) return true;
  }
  if (rules.closedDates.size === 0) return false;
  const date = formatEpochDay(epochDay);
  return rules.closedDates.has(date) && !rules.openDates.has(date);
}

/** Appends the grid slots `[start, end)` of one local day to `out` (unsorted, may repeat). */
function collectDaySlots(rules: PreparedRules, epochDay: number, out: Array<{ start: number; end: number }>): void {
  const intervals = rules.byWeekday[isoWeekday(epochDay)];
  if (!intervals || intervals.length === 0 || isClosed(rules, epochDay)) return;
  const dayLocal = epochDay * DAY_MS;
  const slotMs = rules.slotMinutes * MINUTE_MS;
  const offset = constantOffsetForDay(epochDay);
  for (const [opens, closes] of intervals) {
    // The grid is anchored at `opens` in wall-clock minutes, so a DST day keeps the same
    // wall-clock slots as any other day (09:00, 09:30, …), not shifted by an hour.
    for (let minute = opens; minute + rules.slotMinutes <= closes; minute += rules.slotMinutes) {
      const startLocal = dayLocal + minute * MINUTE_MS;
      if (offset !== null) {
        out.push({ start: startLocal - offset, end: startLocal + slotMs - offset });
        continue;
      }
      const start = resolveWallClock(startLocal, false);
      if (start === null) continue;
      const end = resolveWallClock(startLocal + slotMs, true);
      if (end !== null && end > start) out.push({ start, end });
    }
  }
}

function noticeThreshold(rules: SlotRules, now: number): number {
  return now + Math.max(0, rules.minNoticeHours) * HOUR_MS;
}

function lastBookableDay(rules: SlotRules, today: number): number {
  return today + Math.max(0, Math.floor(rules.maxAdvanceDays));
}

/**
 * An estimate of a desk's free places on one local day, without bookings, for sizing a read:
 * the grid of the day's opening hours from the first start the notice allows (0 when closed
 * or past the advance limit) times the capacity. DST days count as ordinary ones, so it can
 * be off by an hour's slots there.
 * @example gridPlacesOn(rules, "2027-03-29", now) // 14 slots × capacity 3 = 42
 */
export function gridPlacesOn(rules: SlotRules, date: string, now: number): number {
  const prepared = prepare(rules);
  const day = epochDayOfDate(date, "day");
  const threshold = noticeThreshold(rules, now);
  const firstDay = localEpochDay(threshold);
  if (day < firstDay || day > lastBookableDay(rules, localEpochDay(now)) || isClosed(prepared, day)) return 0;
  const from = day === firstDay ? localMinuteOfDay(threshold) : 0;
  const step = rules.slotMinutes;
  let slots = 0;
  for (const [opens, closes] of prepared.byWeekday[isoWeekday(day)] ?? []) {
    const skipped = from > opens ? Math.ceil((from - opens) / step) : 0;
    slots += Math.max(0, Math.floor((closes - opens) / step) - skipped);
  }
  return slots * rules.capacityPerSlot;
}

/** First index in ascending `values` whose value is >= `target` (or > with `strict`). */
function lowerBound(values: readonly number[], target: number, strict: boolean): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = values[mid] ?? Number.POSITIVE_INFINITY;
    if (strict ? v <= target : v < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------
// Public API

/**
 * Bookable slots of one frontdesk in a window of local dates, soonest first.
 *
 * Applies opening hours, closures, holidays (`closedDates` unless in `openDates`), minimum
 * notice, maximum advance days and capacity. `remaining` counts every booking overlapping
 * the slot, so bookings made on an older grid (other slot length or opening time) still
 * take capacity from each new-grid slot they touch.
 *
 * @example
 * const slots = listFreeSlots(rules, bookings, { from: "2027-03-29", to: "2027-04-04" }, Date.now());
 * slots[0]; // { start: 1806307200000, end: 1806309000000, remaining: 2 }
 */
export function listFreeSlots(rules: SlotRules, bookings: readonly Booking[], window: { from: string; to: string }, now: number): Slot[] {
  const prepared = prepare(rules);
  const today = localEpochDay(now);
  const first = Math.max(epochDayOfDate(window.from, "window"), today);
  const last = Math.min(epochDayOfDate(window.to, "window"), lastBookableDay(rules, today));
  if (first > last) return [];

  const candidates: Array<{ start: number; end: number }> = [];
  for (let day = first; day <= last; day++) collectDaySlots(prepared, day, candidates);
  if (candidates.length === 0) return [];
  candidates.sort((a, b) => a.start - b.start);

  // Only bookings that can touch the window matter; the extra days cover any UTC offset.
  const windowLo = (first - 1) * DAY_MS;
  const windowHi = (last + 2) * DAY_MS;
  const relevant = bookings.filter((b) => b.end > b.start && b.end > windowLo && b.start < windowHi);
  relevant.sort((a, b) => a.start - b.start);
  const starts = relevant.map((b) => b.start);
  const ends = relevant.map((b) => b.end);
  let maxDuration = 0;
  for (const b of relevant) maxDuration = Math.max(maxDuration, b.end - b.start);

  const earliest = noticeThreshold(rules, now);
  const capacity = rules.capacityPerSlot;
  const result: Slot[] = [];
  let previousStart = Number.NaN;
  for (const { start, end } of candidates) {
    // Overlapping weekly intervals produce the same slot twice; keep the first.
    if (start === previousStart) continue;
    previousStart = start;
    if (start < earliest || start < now) continue;
    // A booking starting at or before start - maxDuration ends before this slot starts.
    const lo = lowerBound(starts, start - maxDuration, true);
    const hi = lowerBound(starts, end, false);
    let taken = 0;
    for (let i = lo; i < hi; i++) {
      if ((ends[i] ?? start) > start) taken++;
    }
    const remaining = capacity - taken;
    if (remaining > 0) result.push({ start, end, remaining });
  }
  return result;
}

/**
 * Whether `start` is a bookable grid slot (open day, on the grid, not past, past the minimum
 * notice, within the maximum advance days), ignoring capacity. Returns the slot or null.
 *
 * @example
 * findSlot(rules, Date.parse("2027-03-29T08:00:00Z"), now); // { start, end } or null
 */
export function findSlot(rules: SlotRules, start: number, now: number): { start: number; end: number } | null {
  if (!Number.isFinite(start)) return null;
  if (start < now || start < noticeThreshold(rules, now)) return null;
  const day = localEpochDay(start);
  const today = localEpochDay(now);
  if (day < today || day > lastBookableDay(rules, today)) return null;
  const candidates: Array<{ start: number; end: number }> = [];
  collectDaySlots(prepare(rules), day, candidates);
  let match: { start: number; end: number } | null = null;
  for (const slot of candidates) {
    // With overlapping intervals the first-generated slot wins, as in listFreeSlots.
    if (slot.start === start && match === null) match = slot;
  }
  return match ? { start: match.start, end: match.end } : null;
}
