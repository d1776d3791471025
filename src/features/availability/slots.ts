/**
 * Slot computation for frontdesk appointments.
 *
 * Opening hours are wall-clock times in Europe/Amsterdam; instants are epoch milliseconds.
 * Temporal polyfill objects are far too slow to create per slot (tens of µs each), so the
 * time-zone rules are read from Temporal once per calendar year (the UTC offset at the
 * start of the year plus its transitions) and cached. Every conversion after that is
 * integer math against that table, which keeps DST handling exact (gaps and folds come
 * from the tz database, never from hard-coded hour offsets) and a 62-day listing well
 * under a millisecond.
 *
 * Local dates are handled as "epoch days" (days since 1970-01-01) with the proleptic
 * Gregorian civil-date algorithms of Howard Hinnant, so day arithmetic is DST-free.
 */
import { Temporal } from "temporal-polyfill";

export const TIMEZONE = "Europe/Amsterdam";

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

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Wider than any real UTC offset (−12h … +14h), so a ±18h window always contains the answer. */
const OFFSET_BOUND_MS = 18 * HOUR_MS;

// ---------------------------------------------------------------------------
// Civil dates as epoch days

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function civilFromDays(epochDay: number): [number, number, number] {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Strict `YYYY-MM-DD` → epoch day, or null for malformed or impossible dates (2027-02-30). */
function parseDate(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const epochDay = daysFromCivil(year, month, day);
  const [y2, m2, d2] = civilFromDays(epochDay);
  return y2 === year && m2 === month && d2 === day ? epochDay : null;
}

function requireDate(date: string, what: string): number {
  const epochDay = parseDate(date);
  if (epochDay === null) throw new RangeError(`Invalid ${what} date: ${JSON.stringify(date)}`);
  return epochDay;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatDate(epochDay: number): string {
  const [y, m, d] = civilFromDays(epochDay);
  return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
}

/** ISO weekday 1..7; epoch day 0 (1970-01-01) was a Thursday. */
function isoWeekday(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

// ---------------------------------------------------------------------------
// Time-zone table (read from Temporal once per year, then integer math)

interface Transition {
  at: number;
  /** Offset in ms in effect from `at` on. */
  offset: number;
}

interface ZoneYear {
  /** Offset in effect at `coverFrom`. */
  initialOffset: number;
  transitions: Transition[];
}

const zoneYears = new Map<number, ZoneYear>();

function zoneYear(year: number): ZoneYear {
  const cached = zoneYears.get(year);
  if (cached) return cached;
  // Cover a little beyond the calendar year so lookups near New Year never miss a transition
  // that belongs to the neighbouring year's table.
  const coverFrom = daysFromCivil(year, 1, 1) * DAY_MS - 2 * DAY_MS;
  const coverTo = daysFromCivil(year + 1, 1, 1) * DAY_MS + 2 * DAY_MS;
  let zdt = Temporal.Instant.fromEpochMilliseconds(coverFrom).toZonedDateTimeISO(TIMEZONE);
  const info: ZoneYear = { initialOffset: zdt.offsetNanoseconds / 1e6, transitions: [] };
  for (let guard = 0; guard < 64; guard++) {
    const next = zdt.getTimeZoneTransition("next");
    if (!next || next.epochMilliseconds >= coverTo) break;
    info.transitions.push({ at: next.epochMilliseconds, offset: next.offsetNanoseconds / 1e6 });
    zdt = next;
  }
  // A handful of years is all a running isolate needs; the bound only guards odd callers.
  if (zoneYears.size > 512) zoneYears.clear();
  zoneYears.set(year, info);
  return info;
}

function utcYear(instant: number): number {
  return civilFromDays(Math.floor(instant / DAY_MS))[0];
}

/** UTC offset (ms) of Amsterdam at an instant. */
function offsetAt(instant: number): number {
  if (!Number.isFinite(instant)) throw new RangeError(`Invalid instant: ${instant}`);
  const info = zoneYear(utcYear(instant));
  let offset = info.initialOffset;
  for (const t of info.transitions) {
    if (t.at > instant) break;
    offset = t.offset;
  }
  return offset;
}

/** Transitions with `lo < at <= hi`, across year tables, in order. */
function transitionsBetween(lo: number, hi: number): Transition[] {
  const out: Transition[] = [];
  // Year tables overlap by a few days, so the same transition can appear twice.
  let lastAt = Number.NEGATIVE_INFINITY;
  const lastYear = utcYear(hi);
  for (let year = utcYear(lo); year <= lastYear; year++) {
    for (const t of zoneYear(year).transitions) {
      if (t.at > lo && t.at <= hi && t.at > lastAt) {
        out.push(t);
        lastAt = t.at;
      }
    }
  }
  return out;
}

/**
 * The single offset valid for every wall-clock time of a local day (00:00 through 24:00),
 * or null when a transition is near enough that the day needs per-slot resolution.
 */
function constantOffsetForDay(epochDay: number): number | null {
  const lo = epochDay * DAY_MS - OFFSET_BOUND_MS;
  const hi = (epochDay + 1) * DAY_MS + OFFSET_BOUND_MS;
  return transitionsBetween(lo, hi).length === 0 ? offsetAt(lo) : null;
}

/**
 * Wall-clock (local ms, i.e. the local time read as if it were UTC) → instant.
 *
 * Folds resolve to the earlier instant (the first time the clock shows that time), so a
 * wall-clock slot never yields two instants. Gaps return null for a start, because that
 * wall-clock time never happens; for an end, the instant the clock jumps, so the slot
 * ends exactly where the next existing slot begins.
 */
function resolveWallClock(local: number, forEnd: boolean): number | null {
  const lo = local - OFFSET_BOUND_MS;
  const hi = local + OFFSET_BOUND_MS;
  const transitions = transitionsBetween(lo, hi);
  const initial = offsetAt(lo);
  const candidates = [initial, ...transitions.map((t) => t.offset)];
  let best: number | null = null;
  for (const offset of candidates) {
    const instant = local - offset;
    if (offsetAt(instant) === offset && (best === null || instant < best)) best = instant;
  }
  if (best !== null || !forEnd) return best;
  let before = initial;
  for (const t of transitions) {
    // The clock jumps from t.at + before to t.at + t.offset; `local` lies in that gap.
    if (t.at + before <= local && local < t.at + t.offset) return t.at;
    before = t.offset;
  }
  return null;
}

function localEpochDay(instant: number): number {
  return Math.floor((instant + offsetAt(instant)) / DAY_MS);
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

function prepare(rules: SlotRules): PreparedRules {
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
  const closures = rules.closures.map((c): [number, number] => [requireDate(c.from, "closure"), requireDate(c.to, "closure")]);
  return { slotMinutes, byWeekday, closures, closedDates: rules.closedDates, openDates: rules.openDates };
}

function isClosed(rules: PreparedRules, epochDay: number): boolean {
  for (const [from, to] of rules.closures) {
    if (from <= epochDay && epochDay <= to) return true;
  }
  if (rules.closedDates.size === 0) return false;
  const date = formatDate(epochDay);
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
  const first = Math.max(requireDate(window.from, "window"), today);
  const last = Math.min(requireDate(window.to, "window"), lastBookableDay(rules, today));
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

/**
 * Local date in Europe/Amsterdam of an instant.
 *
 * @example
 * localDate(Date.parse("2027-03-28T23:30:00Z")); // "2027-03-29"
 */
export function localDate(instant: number): string {
  return formatDate(localEpochDay(instant));
}

/**
 * Today's local date in Europe/Amsterdam.
 *
 * @example
 * todayLocal(Date.now()); // "2027-03-29"
 */
export function todayLocal(now: number): string {
  return localDate(now);
}

/**
 * Calendar-day arithmetic on `YYYY-MM-DD` (no DST involved). Throws RangeError on a bad date.
 *
 * @example
 * addDays("2027-02-28", 1); // "2027-03-01"
 */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Invalid number of days: ${days}`);
  return formatDate(requireDate(date, "input") + days);
}

/**
 * ISO 8601 with the Amsterdam offset, whole seconds (fractions are truncated).
 *
 * @example
 * formatOffsetIso(Date.parse("2027-03-29T08:00:00Z")); // "2027-03-29T10:00:00+02:00"
 */
export function formatOffsetIso(instant: number): string {
  const offset = offsetAt(instant);
  const localSeconds = Math.floor((instant + offset) / 1000);
  const epochDay = Math.floor(localSeconds / 86_400);
  const secondOfDay = localSeconds - epochDay * 86_400;
  const hh = Math.floor(secondOfDay / 3600);
  const mm = Math.floor((secondOfDay % 3600) / 60);
  const ss = secondOfDay % 60;
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(Math.round(offset / 1000));
  // Historic local mean time (before 1937) has second-level offsets; keep them exact.
  const offSeconds = abs % 60;
  const offText = `${sign}${pad2(Math.floor(abs / 3600))}:${pad2(Math.floor((abs % 3600) / 60))}${offSeconds ? `:${pad2(offSeconds)}` : ""}`;
  return `${formatDate(epochDay)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}${offText}`;
}

/**
 * Parses an ISO 8601 instant that carries an offset or `Z`; null when invalid or when the
 * offset is missing (a bare local time is ambiguous around DST, so it is never guessed).
 *
 * @example
 * parseInstant("2027-03-29T10:00:00+02:00"); // 1806307200000
 * parseInstant("2027-03-29T10:00:00"); // null
 */
export function parseInstant(iso: string): number | null {
  if (typeof iso !== "string" || iso.length === 0 || iso.length > 100) return null;
  try {
    return Temporal.Instant.from(iso).epochMilliseconds;
  } catch {
    return null;
  }
}
