/** The day picker and slot lists shared by booking and rescheduling; plain links and forms, no script needed. */
import type { Slot } from "../../features/availability/slots";
import { isCalendarDate, addDays, formatOffsetIso, localDate, todayLocal } from "../../lib/time";
import { FieldError } from "../kit/fields";
import { day, time } from "../kit/format";
import type { T } from "../i18n";
import type { Locale } from "../../lib/vocabulary";

const WINDOW_DAYS = 14;

/** The 14-day window to show: from `from` (not before today, not beyond a year). */
export function slotWindow(fromParam: string | undefined, now: number): { from: string; to: string; today: string } {
  const today = todayLocal(now);
  let from = fromParam && isCalendarDate(fromParam) && fromParam > today ? fromParam : today;
  if (from > addDays(today, 365)) from = today;
  return { from, to: addDays(from, WINDOW_DAYS - 1), today };
}

export interface DayGroup {
  date: string;
  slots: Slot[];
}

export function groupByDay(slots: Slot[], from: string, to: string): DayGroup[] {
  const days: DayGroup[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push({ date: d, slots: [] });
  for (const slot of slots) days.find((g) => g.date === localDate(slot.start))?.slots.push(slot);
  return days;
}

/** The selected day: the asked one when it is in the window, else the first day with free times. */
export function selectedDay(days: DayGroup[], asked: string | undefined): DayGroup | null {
  return days.find((d) => d.date === asked) ?? days.find((d) => d.slots.length > 0) ?? null;
}

export function DayPicker(p: {
  t: T;
  locale: Locale;
  days: DayGroup[];
  selected: string | null;
  href: (params: { date?: string; from?: string }) => string;
  window: { from: string; to: string; today: string };
}) {
  const { t, locale } = p;
  const earlier = p.window.from > p.window.today ? addDays(p.window.from, -WINDOW_DAYS) : null;
  return (
    <nav class="day-picker" aria-labelledby="day-picker-title">
      <h2 id="day-picker-title" class="heading-3">
        {t("slots.chooseDay")}
      </h2>
      <p class="day-picker__range">{t("slots.range", { from: day(p.window.from, locale, { year: false }), to: day(p.window.to, locale) })}</p>
      <ul class="day-picker__days">
        {p.days.map((d) => {
          const label = day(d.date, locale, { year: false, short: true });
          const count = d.slots.length;
          if (count === 0) {
            return (
              <li class="day day--full">
                <span class="day__name">{label}</span>
                <span class="day__count">{t("slots.noneThatDay")}</span>
              </li>
            );
          }
          return (
            <li class="day">
              <a href={p.href({ date: d.date, from: p.window.from })} aria-current={d.date === p.selected ? "date" : undefined}>
                <span class="day__name">{label}</span>
                <span class="day__count">{count === 1 ? t("slots.oneFree") : t("slots.nFree", { n: count })}</span>
              </a>
            </li>
          );
        })}
      </ul>
      <p class="day-picker__more">
        {earlier !== null ? (
          <a href={p.href({ from: earlier < p.window.today ? p.window.today : earlier })} class="link-prev">
            {t("slots.earlierDays")}
          </a>
        ) : null}
        <a href={p.href({ from: addDays(p.window.to, 1) })} class="link-next">
          {t("slots.laterDays")}
        </a>
      </p>
    </nav>
  );
}

/** Free times of one day as links (booking: the link opens the form). */
export function SlotLinks(p: { t: T; locale: Locale; group: DayGroup; href: (startIso: string) => string }) {
  return (
    <section class="slots" aria-labelledby="slots-title">
      <h2 id="slots-title" class="heading-3">
        {p.t("slots.timesOn", { day: day(p.group.date, p.locale) })}
      </h2>
      <ul class="slots__list">
        {p.group.slots.map((s) => (
          <li>
            <a class="slot" href={p.href(formatOffsetIso(s.start))}>
              <span class="visually-hidden">{p.t("slots.bookAt")} </span>
              {time(s.start)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Free times of one day as radios (rescheduling: one POST form). */
export function SlotRadios(p: { t: T; locale: Locale; group: DayGroup; error?: string | undefined }) {
  return (
    <fieldset class={`field fieldset slots${p.error ? " field--error" : ""}`} aria-describedby={p.error ? "slot-error" : undefined}>
      <legend class="field__label">
        {p.t("slots.timesOn", { day: day(p.group.date, p.locale) })} <span class="field__req">{p.t("form.required")}</span>
      </legend>
      <FieldError t={p.t} id="slot" error={p.error} />
      <div class="slots__list slots__list--radios">
        {p.group.slots.map((s, i) => (
          <div class="choice choice--slot">
            <input
              class="choice__input"
              type="radio"
              name="start"
              id={i === 0 ? "f-start" : `f-start-${i}`}
              value={formatOffsetIso(s.start)}
              aria-required="true"
            />
            <label class="choice__label" for={i === 0 ? "f-start" : `f-start-${i}`}>
              {time(s.start)}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
