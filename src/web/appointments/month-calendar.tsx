/**
 * The month calendar of a desk's free times (booking and rescheduling): a table with weeks
 * from Monday, every day saying how many times are free or why there are none (closed, full,
 * a public holiday by name, a closure with its reason, too short notice). Days with times are
 * plain links (no script needed) to `#tijden`, so the page keeps its place; the month links
 * go to `#kalender`. Follows the table pattern of the GOV.UK and NL Design System date pickers:
 * a caption with the month, weekday headers with their full names, the chosen day marked
 * `aria-current="date"`.
 */
import type { CalendarDay } from "../../features/availability/calendar";
import { addDays, epochDayOfDate, isoWeekday, todayLocal } from "../../lib/time";
import type { MessageKey, T } from "../i18n";
import { day } from "../kit/format";
import type { Locale } from "../../lib/vocabulary";

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "2027-03" → its first and last date. */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split("-").map(Number);
  const next = (m ?? 1) === 12 ? `${(y ?? 1970) + 1}-01-01` : `${y}-${String((m ?? 1) + 1).padStart(2, "0")}-01`;
  return { from: `${month}-01`, to: addDays(next, -1) };
}

const nextMonth = (month: string) => addDays(monthBounds(month).to, 1).slice(0, 7);
const previousMonth = (month: string) => addDays(`${month}-01`, -1).slice(0, 7);

/**
 * The month to show and the window to load: the asked month (`maand`, or the month of the
 * asked `date`) when it is this month or within a year ahead; otherwise this month and the
 * next (the page shows the first of them with free times).
 */
export function calendarWindow(askedMonth: string | undefined, askedDate: string | undefined, now: number): { months: string[]; from: string; to: string } {
  const today = todayLocal(now);
  const thisMonth = today.slice(0, 7);
  const lastMonth = addDays(today, 366).slice(0, 7);
  const asked = askedMonth && MONTH_RE.test(askedMonth) ? askedMonth : askedDate && /^\d{4}-\d{2}-\d{2}$/.test(askedDate) ? askedDate.slice(0, 7) : undefined;
  const months = asked && asked >= thisMonth && asked <= lastMonth ? [asked] : [thisMonth, nextMonth(thisMonth)];
  return { months, from: monthBounds(months[0] ?? thisMonth).from, to: monthBounds(months[months.length - 1] ?? thisMonth).to };
}

/** The month to show of those loaded: the first with free times, else the first. */
export function shownMonth(months: string[], days: CalendarDay[]): string {
  return months.find((m) => days.some((d) => d.date.startsWith(m) && d.slots.length > 0)) ?? months[0] ?? "";
}

/** The chosen day: the asked one when it has times, else the month's first day with times. */
export function chosenDay(days: CalendarDay[], month: string, asked: string | undefined): CalendarDay | null {
  const inMonth = days.filter((d) => d.date.startsWith(month));
  return inMonth.find((d) => d.date === asked && d.slots.length > 0) ?? inMonth.find((d) => d.slots.length > 0) ?? null;
}

const REASON: Record<Exclude<CalendarDay["reason"], null | "holiday" | "closure">, MessageKey> = {
  past: "cal.past",
  closed: "cal.closed",
  too_far: "cal.tooFar",
  too_soon: "cal.tooSoon",
  full: "cal.full",
};

export function reasonText(t: T, d: CalendarDay): string {
  if (d.reason === "holiday") return t(`cal.holiday.${d.holiday ?? "new_year"}` as MessageKey);
  if (d.reason === "closure") return d.closureReason ?? t("cal.closed");
  return d.reason ? t(REASON[d.reason]) : "";
}

export function MonthCalendar(p: {
  t: T;
  locale: Locale;
  month: string;
  days: CalendarDay[];
  selected: string | null;
  now: number;
  /** Link to a day (`date`) or another month (`maand`). */
  href: (params: { date?: string; maand?: string }, anchor: "tijden" | "kalender") => string;
}) {
  const { t, locale, month } = p;
  const bounds = monthBounds(month);
  const byDate = new Map(p.days.map((d) => [d.date, d]));
  const first = epochDayOfDate(bounds.from, "calendar");
  const start = addDays(bounds.from, 1 - isoWeekday(first));
  const weeks: string[][] = [];
  for (let date = start; date <= bounds.to; date = addDays(date, 7)) weeks.push([0, 1, 2, 3, 4, 5, 6].map((i) => addDays(date, i)));
  const thisMonth = todayLocal(p.now).slice(0, 7);
  const monthName = `${t(`cal.month.${Number(month.slice(5))}` as MessageKey)} ${month.slice(0, 4)}`;
  return (
    <section class="calendar" id="kalender" aria-labelledby="calendar-title">
      <h2 id="calendar-title" class="heading-3">
        {t("slots.chooseDay")}
      </h2>
      <p class="calendar__nav">
        {month > thisMonth ? (
          <a class="link-prev" href={p.href({ maand: previousMonth(month) }, "kalender")}>
            {t("cal.previous", { month: t(`cal.month.${Number(previousMonth(month).slice(5))}` as MessageKey) })}
          </a>
        ) : (
          <span />
        )}
        <a class="link-next" href={p.href({ maand: nextMonth(month) }, "kalender")}>
          {t("cal.next", { month: t(`cal.month.${Number(nextMonth(month).slice(5))}` as MessageKey) })}
        </a>
      </p>
      <table class="calendar__grid">
        <caption class="calendar__caption">{monthName}</caption>
        <thead>
          <tr>
            {[1, 2, 3, 4, 5, 6, 7].map((wd) => (
              <th scope="col">
                <abbr title={t(`weekday.${wd}` as MessageKey)}>{t(`cal.wd.${wd}` as MessageKey)}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr>
              {week.map((date) => {
                if (!date.startsWith(month)) return <td class="day day--outside" />;
                const d = byDate.get(date);
                const n = Number(date.slice(8));
                const full = day(date, locale, { year: false });
                if (d && d.slots.length > 0) {
                  const count = d.slots.length === 1 ? t("slots.oneFree") : t("slots.nFree", { n: d.slots.length });
                  return (
                    <td class="day day--free">
                      <a href={p.href({ date }, "tijden")} aria-current={date === p.selected ? "date" : undefined}>
                        <span class="day__num" aria-hidden="true">
                          {n}
                        </span>
                        <span class="visually-hidden">{full}, </span>
                        <span class="day__count">{count}</span>
                      </a>
                    </td>
                  );
                }
                const why = d ? reasonText(t, d) : t("cal.past");
                return (
                  <td class={`day day--none day--${d?.reason ?? "past"}`}>
                    <span class="day__box">
                      <span class="day__num" aria-hidden="true">
                        {n}
                      </span>
                      <span class="visually-hidden">{full}: </span>
                      <span class="day__why">{why}</span>
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
