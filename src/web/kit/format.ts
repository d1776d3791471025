/** Dates and times for pages: always Europe/Amsterdam, weekday written out in the page's language. */
import { formatWhen } from "../../features/notifications/messages";
import type { AppointmentStatus } from "../../db/schema";
import type { MessageKey, T } from "../i18n";
import type { Locale } from "../../lib/vocabulary";
import { TIMEZONE } from "../../lib/time";

const intlLocale = (locale: Locale) => (locale === "nl" ? "nl-NL" : "en-GB");

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

function parts(f: Intl.DateTimeFormat, instant: number): (type: Intl.DateTimeFormatPartTypes) => string {
  const list = f.formatToParts(instant);
  return (type) => list.find((p) => p.type === type)?.value ?? "";
}

/** "maandag 29 maart 2027, 10:00–10:30" */
export function when(start: number, end: number, locale: Locale): string {
  // Word joiners keep "13:30–17:00" on one line.
  return formatWhen(start, end, locale).replace(/(\d{2}:\d{2})–(\d{2}:\d{2})/, "$1\u2060–\u2060$2");
}

/** "10:00" in Amsterdam. */
export function time(instant: number): string {
  const get = parts(
    fmt("time", () => new Intl.DateTimeFormat("en-GB", { timeZone: TIMEZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })),
    instant,
  );
  return `${get("hour")}:${get("minute")}`;
}

/** A local date "2027-03-29" as "maandag 29 maart 2027" (or without the year). */
export function day(date: string, locale: Locale, opts: { year?: boolean; short?: boolean } = {}): string {
  const [y, m, d] = date.split("-").map(Number);
  const instant = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12);
  const weekday = opts.short ? "short" : "long";
  const get = parts(
    fmt(
      `day:${locale}:${weekday}`,
      () => new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "UTC", weekday, day: "numeric", month: opts.short ? "short" : "long", year: "numeric" }),
    ),
    instant,
  );
  return [get("weekday"), get("day"), get("month"), opts.year === false ? "" : get("year")].filter(Boolean).join(" ").replace(/\.$/, "");
}

/** "maart 2027" for a month key "2027-03". */
export function month(key: string, locale: Locale): string {
  const [y, m] = key.split("-").map(Number);
  const get = parts(
    fmt(`month:${locale}`, () => new Intl.DateTimeFormat(intlLocale(locale), { timeZone: "UTC", month: "short", year: "numeric" })),
    Date.UTC(y ?? 1970, (m ?? 1) - 1, 15),
  );
  return `${get("month").replace(/\.$/, "")} ${get("year")}`;
}

const STATUS_KEYS: Record<AppointmentStatus, MessageKey> = {
  confirmed: "status.confirmed",
  cancelled: "status.cancelled",
  completed: "status.completed",
  no_show: "status.no_show",
};

/** An appointment's status in words. */
export function statusLabel(status: AppointmentStatus, t: T): string {
  return t(STATUS_KEYS[status]);
}

export function weekdayLabel(weekday: number, t: T): string {
  const keys = ["weekday.1", "weekday.2", "weekday.3", "weekday.4", "weekday.5", "weekday.6", "weekday.7"] as const;
  return t(keys[weekday - 1] ?? "weekday.1");
}

export function number(value: number, locale: Locale, digits = 0): string {
  return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}
