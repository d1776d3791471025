/**
 * Normalisers for Dutch registration data (KvK number, postcode, phone number) and dates as
 * Dutch people type them. Each returns the canonical form to store, or null when the input is
 * not valid.
 */
import { isCalendarDate } from "./time";

/**
 * KvK (Chamber of Commerce) number: exactly 8 digits once spaces and dots are removed.
 * There is no check digit, so nothing more can be verified offline.
 *
 * @example
 * normaliseKvk("1234.5678"); // "12345678"
 */
export function normaliseKvk(input: string): string | null {
  const digits = input.replace(/[\s.]/g, "");
  return /^\d{8}$/.test(digits) ? digits : null;
}

/** PostNL never issues these letter pairs (historical connotations). */
const FORBIDDEN_POSTCODE_LETTERS = new Set(["SA", "SD", "SS"]);

/**
 * Dutch postcode, stored as `1234 AB`.
 *
 * @example
 * normalisePostcode("6211ab"); // "6211 AB"
 */
export function normalisePostcode(input: string): string | null {
  const m = /^([1-9][0-9]{3}) ?([A-Za-z]{2})$/.exec(input.trim());
  if (!m) return null;
  const letters = (m[2] ?? "").toUpperCase();
  if (FORBIDDEN_POSTCODE_LETTERS.has(letters)) return null;
  return `${m[1]} ${letters}`;
}

/**
 * Phone number in E.164. Accepts Dutch numbers (`+31…`, `0031…`, national `06…`/`0xx…`)
 * and the neighbouring countries Belgium (`+32`) and Germany (`+49`).
 *
 * @example
 * normalisePhone("06-12 34 56 78"); // "+31612345678"
 * normalisePhone("+31 (0)43 123 4567"); // "+31431234567"
 */
export function normalisePhone(input: string): string | null {
  // "(0)" marks the trunk prefix that is dropped when dialling internationally:
  // "+31 (0)6 …" is common Dutch notation and must not leave a stray 0.
  const compact = input
    .trim()
    .replace(/\(\s*0\s*\)/g, "")
    .replace(/[\s\-.()]/g, "");
  let international: string;
  if (compact.startsWith("+")) international = compact.slice(1);
  else if (compact.startsWith("00")) international = compact.slice(2);
  else if (/^0[1-9]\d{8}$/.test(compact)) international = `31${compact.slice(1)}`;
  else return null;
  if (!/^\d+$/.test(international)) return null;

  const country = international.slice(0, 2);
  const national = international.slice(2);
  // A national number never starts with 0 after the country code; that 0 is the trunk prefix.
  if (national.startsWith("0")) return null;
  const ok =
    (country === "31" && /^\d{9}$/.test(national)) || (country === "32" && /^\d{8,9}$/.test(national)) || (country === "49" && /^\d{6,13}$/.test(national));
  return ok ? `+${international}` : null;
}

/** Dutch area codes of two digits after the 0 (the big cities); every other area code has three. */
const SHORT_AREA_CODES = new Set([
  "10",
  "13",
  "15",
  "20",
  "23",
  "24",
  "26",
  "30",
  "33",
  "35",
  "36",
  "38",
  "40",
  "43",
  "45",
  "46",
  "50",
  "53",
  "55",
  "58",
  "70",
  "71",
  "72",
  "73",
  "74",
  "75",
  "76",
  "77",
  "78",
  "79",
]);

/**
 * A stored phone number (E.164) written as people read and dial it: Dutch numbers in the
 * national notation with the area code apart (`043 350 50 50`, `0475 35 99 99`,
 * `06 12345678`, `0800 1234567`); other countries grouped after the country code.
 * Anything that is not E.164 comes back unchanged.
 * @example formatPhone("+31433505050") // "043 350 50 50"
 * @example formatPhone("+31475359999") // "0475 35 99 99"
 */
export function formatPhone(e164: string): string {
  const m = /^\+(\d{2})(\d+)$/.exec(e164);
  if (!m) return e164;
  const [, country = "", national = ""] = m;
  if (country !== "31" || national.length !== 9) return `+${country} ${national}`;
  if (national.startsWith("6")) return `06 ${national.slice(1)}`;
  if (/^(800|900|90[69])/.test(national)) return `0${national.slice(0, 3)} ${national.slice(3)}`;
  const area = SHORT_AREA_CODES.has(national.slice(0, 2)) ? national.slice(0, 2) : national.slice(0, 3);
  const rest = national.slice(area.length);
  const groups = rest.length === 7 ? [rest.slice(0, 3), rest.slice(3, 5), rest.slice(5)] : [rest.slice(0, 2), rest.slice(2, 4), rest.slice(4)];
  return `0${area} ${groups.join(" ")}`;
}

/** What a typed date is: the local date (YYYY-MM-DD), or why it is none. */
export type TypedDate = { date: string } | { problem: "empty" | "shape" | "no_such_day" };

/**
 * A date as people in the Netherlands type it: day, month, year (`dd-mm-jjjj`), with one or
 * two digits for day and month and `-`, `/`, `.` or a space between them, or eight digits in
 * a row (`15032027`); the ISO form (`2027-03-15`) of links and date pickers also passes.
 * Years outside 2000–2100 and days that do not exist (31-02-2027) are refused, so a form can
 * say which is wrong.
 * @example readDutchDate("5-3-2027") // { date: "2027-03-05" }
 * @example readDutchDate("31-02-2027") // { problem: "no_such_day" }
 */
export function readDutchDate(input: string): TypedDate {
  const text = input.trim();
  if (text === "") return { problem: "empty" };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const dutch = /^(\d{1,2})[-/. ]+(\d{1,2})[-/. ]+(\d{4})$/.exec(text) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  const parts = iso ? [iso[3], iso[2], iso[1]] : dutch ? [dutch[1], dutch[2], dutch[3]] : null;
  if (!parts) return { problem: "shape" };
  const [d = "", m = "", y = ""] = parts;
  const date = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  return isCalendarDate(date) ? { date } : { problem: "no_such_day" };
}

/**
 * A local date (YYYY-MM-DD) as a Dutch date field shows it: `dd-mm-jjjj`.
 * @example formatDutchDate("2027-03-05") // "05-03-2027"
 */
export function formatDutchDate(date: string): string {
  return `${date.slice(8, 10)}-${date.slice(5, 7)}-${date.slice(0, 4)}`;
}
