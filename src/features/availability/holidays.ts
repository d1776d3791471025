/**
 * Dutch public holidays and the Limburg carnival preset.
 *
 * Pure date arithmetic on calendar dates (no time zones involved): every result is a
 * local date string `YYYY-MM-DD`. `Date.UTC` is only used as a day counter, so DST never
 * plays a role here.
 */

export type HolidayKey =
  | "new_year"
  | "good_friday"
  | "easter_sunday"
  | "easter_monday"
  | "kings_day"
  | "liberation_day"
  | "ascension_day"
  | "whit_sunday"
  | "whit_monday"
  | "christmas_day"
  | "boxing_day";

/** Holidays on which closing is a per-region choice rather than the rule. */
export interface HolidaySettings {
  goodFridayClosed: boolean;
  liberationDayClosed: boolean;
}

const DAY_MS = 86_400_000;

/** The Gregorian Easter algorithm is only meaningful from the 1583 reform onwards. */
function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Unsupported year: ${year}`);
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function formatUtcDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** Easter Sunday as a UTC-midnight timestamp, used as the anchor for the movable feasts. */
function easterMs(year: number): number {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

/**
 * Date of Gregorian (Western) Easter Sunday.
 *
 * @example
 * easterSunday(2027); // "2027-03-28"
 */
export function easterSunday(year: number): string {
  assertYear(year);
  return formatUtcDate(easterMs(year));
}

/**
 * Dutch public holidays of a year, keyed by local date.
 *
 * Good Friday and Liberation Day are only included when the region closes on them; Easter
 * and Whit Sunday are included although they always fall on a Sunday (harmless for desks
 * that open on Sundays, and makes the list complete for display).
 *
 * @example
 * dutchPublicHolidays(2027, { goodFridayClosed: true, liberationDayClosed: false })
 *   .get("2027-03-26"); // "good_friday"
 */
export function dutchPublicHolidays(year: number, settings: HolidaySettings): Map<string, HolidayKey> {
  assertYear(year);
  const easter = easterMs(year);
  const relative = (days: number): string => formatUtcDate(easter + days * DAY_MS);

  // King's Day moves back to Saturday the 26th when the 27th is a Sunday (getUTCDay 0).
  const april27 = Date.UTC(year, 3, 27);
  const kingsDay = new Date(april27).getUTCDay() === 0 ? april27 - DAY_MS : april27;

  const entries: Array<[string, HolidayKey]> = [
    [`${pad(year, 4)}-01-01`, "new_year"],
    ...(settings.goodFridayClosed ? [[relative(-2), "good_friday"] as [string, HolidayKey]] : []),
    [relative(0), "easter_sunday"],
    [relative(1), "easter_monday"],
    [formatUtcDate(kingsDay), "kings_day"],
    ...(settings.liberationDayClosed ? [[`${pad(year, 4)}-05-05`, "liberation_day"] as [string, HolidayKey]] : []),
    [relative(39), "ascension_day"],
    [relative(49), "whit_sunday"],
    [relative(50), "whit_monday"],
    [`${pad(year, 4)}-12-25`, "christmas_day"],
    [`${pad(year, 4)}-12-26`, "boxing_day"],
  ];
  // Sorted by date so iteration order is chronological (Liberation Day can precede or follow
  // Ascension Day depending on the Easter date).
  entries.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return new Map(entries);
}

/**
 * Carnival Monday and Tuesday (the two days before Ash Wednesday), a common closure preset
 * for Limburg municipal offices.
 *
 * @example
 * carnivalDays(2027); // ["2027-02-08", "2027-02-09"]
 */
export function carnivalDays(year: number): [string, string] {
  assertYear(year);
  const easter = easterMs(year);
  return [formatUtcDate(easter - 48 * DAY_MS), formatUtcDate(easter - 47 * DAY_MS)];
}
