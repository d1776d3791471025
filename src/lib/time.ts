/**
 * Time in the one time zone the platform lives in: Europe/Amsterdam.
 *
 * Instants are UTC epoch milliseconds; local dates are `YYYY-MM-DD`. Temporal polyfill
 * objects are far too slow to create per slot (tens of µs each), so the time-zone rules
 * are read from Temporal once per calendar year (the UTC offset at the start of the year
 * plus its transitions) and cached. Every conversion after that is integer math against
 * that table, which keeps DST handling exact (gaps and folds come from the tz database,
 * never from hard-coded hour offsets).
 *
 * Local dates are handled as "epoch days" (days since 1970-01-01) with the proleptic
 * Gregorian civil-date algorithms of Howard Hinnant, so day arithmetic is DST-free.
 */
import { Temporal } from "temporal-polyfill";

/** The platform's time zone: every local date and wall-clock time is in it. */
export const TIMEZONE = "Europe/Amsterdam" as const;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
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

/** Strict `YYYY-MM-DD` → epoch day; throws RangeError naming `what` for a bad date. */
export function epochDayOfDate(date: string, what: string): number {
  const epochDay = parseDate(date);
  if (epochDay === null) throw new RangeError(`Invalid ${what} date: ${JSON.stringify(date)}`);
  return epochDay;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Epoch day → `YYYY-MM-DD`. */
export function formatEpochDay(epochDay: number): string {
  const [y, m, d] = civilFromDays(epochDay);
  return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
}

/** ISO weekday 1..7; epoch day 0 (1970-01-01) was a Thursday. */
export function isoWeekday(epochDay: number): number {
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
export function constantOffsetForDay(epochDay: number): number | null {
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
export function resolveWallClock(local: number, forEnd: boolean): number | null {
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

/** The local (Amsterdam) minute of the day of an instant: 0 at midnight, 600 at 10:00. */
export function localMinuteOfDay(instant: number): number {
  const local = instant + offsetAt(instant);
  return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / MINUTE_MS);
}

/** The local (Amsterdam) epoch day of an instant. */
export function localEpochDay(instant: number): number {
  return Math.floor((instant + offsetAt(instant)) / DAY_MS);
}

// ---------------------------------------------------------------------------
// Local dates and ISO instants

/**
 * Local date in Europe/Amsterdam of an instant.
 *
 * @example
 * localDate(Date.parse("2027-03-28T23:30:00Z")); // "2027-03-29"
 */
export function localDate(instant: number): string {
  return formatEpochDay(localEpochDay(instant));
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
  return formatEpochDay(epochDayOfDate(date, "input") + days);
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
  return `${formatEpochDay(epochDay)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}${offText}`;
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

/**
 * The UTC instants that bound a local date in Europe/Amsterdam: [start, end).
 * A DST day is 23 or 25 hours long, so never add 24 h by hand.
 * @example localDayBounds("2027-03-28") // 23 hours apart
 */
export function localDayBounds(date: string): { start: number; end: number } {
  const day = epochDayOfDate(date, "input");
  return { start: startOfLocalDay(day), end: startOfLocalDay(day + 1) };
}

/**
 * The instant a local day begins: its midnight, or, should midnight fall in a DST gap (not
 * in Amsterdam since 1940, but the tz database decides), the wall-clock time read with the
 * offset before the jump, as Temporal's "compatible" disambiguation does.
 */
function startOfLocalDay(epochDay: number): number {
  const local = epochDay * DAY_MS;
  const exact = resolveWallClock(local, false);
  if (exact !== null) return exact;
  const jump = resolveWallClock(local, true);
  if (jump === null) throw new RangeError(`No instant for the start of epoch day ${epochDay}`);
  return local - offsetAt(jump - 1);
}

/** The years the platform deals in; anything outside is a typo, not a plan (and holiday rules need a Gregorian year). */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/** True for a real calendar date written as YYYY-MM-DD, in the years 2000 to 2100. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) return false;
  return parseDate(value) !== null;
}

/** Whole days from `from` to `to` (local dates). */
export function daysBetween(from: string, to: string): number {
  return epochDayOfDate(to, "input") - epochDayOfDate(from, "input");
}
