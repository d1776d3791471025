/**
 * Typing a date beside the month calendar (booking and rescheduling): the field takes the date
 * as people in the Netherlands write it (`dd-mm-jjjj`, also `5-3-2027` or `05032027`) and
 * shows the chosen day that way; links keep sending `YYYY-MM-DD`. A date that cannot be read,
 * has passed or lies beyond a year gets a message at the field and a summary where the times
 * would be (`#tijden`); a date without free times says why (closed, full, a holiday…).
 * A plain GET form: no script needed.
 */
import type { CalendarDay } from "../../features/availability/calendar";
import { formatDutchDate, readDutchDate } from "../../lib/dutch";
import { addDays, todayLocal } from "../../lib/time";
import type { MessageKey, T } from "../i18n";
import type { Web } from "../kit/context";
import { ErrorSummary, TextField } from "../kit/fields";
import { day } from "../kit/format";
import { FormActions } from "../kit/scaffolds";
import { Notice } from "../kit/ui";
import { chosenDay, reasonText } from "./month-calendar";

/** How far ahead a typed date may lie (the calendar shows no month beyond). */
const HORIZON_DAYS = 365;

/** What the page was asked: a month (`maand`), a day (`date`, from a link or typed) and what was typed when it was wrong. */
export interface AskedDay {
  month: string | undefined;
  /** The asked day as YYYY-MM-DD, when it could be read and lies in the bookable range. */
  date: string | undefined;
  /** True when the day came from the date field (typed), not from a link. */
  typed: boolean;
  /** What was typed, shown back as it was when it is wrong. */
  raw: string | undefined;
  /** Why the typed date is not taken. */
  error: string | undefined;
}

const PROBLEM: Record<"empty" | "shape" | "no_such_day", MessageKey> = {
  empty: "cal.jump.empty",
  shape: "cal.jump.shape",
  no_such_day: "cal.jump.noSuchDay",
};

/** The example in the hint and messages: a date two weeks from today, as it should be typed. */
const exampleOf = (now: number) => formatDutchDate(addDays(todayLocal(now), 14));

/** The hint of a typed date field: "Als dag-maand-jaar, bijvoorbeeld 15-03-2027". */
export const dateFieldHint = (w: Web) => w.t("cal.jump.hint", { example: exampleOf(w.now) });

/**
 * A typed date field's value (`dd-mm-jjjj`, anything `readDutchDate` reads, or YYYY-MM-DD)
 * between today and a year ahead: the date, or the message to show at the field.
 * @example readDateField(w, "5-3-2027") // { date: "2027-03-05", error: undefined }
 */
export function readDateField(w: Web, raw: string): { date: string; error: undefined } | { date: undefined; error: string } {
  const read = readDutchDate(raw);
  if ("problem" in read) return { date: undefined, error: w.t(PROBLEM[read.problem], { example: exampleOf(w.now) }) };
  const today = todayLocal(w.now);
  const last = addDays(today, HORIZON_DAYS);
  if (read.date < today) return { date: undefined, error: w.t("cal.jump.past") };
  if (read.date > last) return { date: undefined, error: w.t("cal.jump.tooFar", { day: day(last, w.locale) }) };
  return { date: read.date, error: undefined };
}

/**
 * Reads `maand` and `date` from the query. `date` from a link is YYYY-MM-DD (a wrong one is
 * ignored, as before); from the field (`getypt=1`) see {@link readDateField}.
 */
export function askedDay(w: Web): AskedDay {
  const month = w.c.req.query("maand");
  const raw = w.c.req.query("date");
  const typed = w.c.req.query("getypt") === "1";
  if (raw === undefined || (!typed && raw === "")) return { month, date: undefined, typed: false, raw: undefined, error: undefined };
  const read = readDateField(w, raw);
  if (read.error !== undefined) return { month, date: undefined, typed, raw, error: typed ? read.error : undefined };
  return { month: undefined, date: read.date, typed, raw, error: undefined };
}

/**
 * The day whose times the page shows: the asked one when it has times; none for a typed date
 * that is wrong or has no times (the page says why); otherwise the month's first day with times.
 */
export function dayToShow(days: CalendarDay[], month: string, asked: AskedDay): CalendarDay | null {
  if (asked.error) return null;
  if (asked.typed && asked.date && !days.some((d) => d.date === asked.date && d.slots.length > 0)) return null;
  return chosenDay(days, month, asked.date);
}

/**
 * Where the times would be when there are none to show: the typed date's error (linking to
 * the field), why a typed day has no times, or that the month has none.
 */
export function NoTimes({ t, locale, days, asked }: { t: T; locale: Web["locale"]; days: CalendarDay[]; asked: AskedDay }) {
  if (asked.error) {
    return (
      <div id="tijden">
        <ErrorSummary t={t} errors={[{ id: "f-date", message: asked.error }]} title={t("cal.jump.errorTitle")} />
      </div>
    );
  }
  const typedDay = asked.typed && asked.date ? days.find((d) => d.date === asked.date) : undefined;
  if (typedDay) {
    const reason = reasonText(t, typedDay) || t("cal.full");
    // Holiday names and closure reasons keep their capitals; "Gesloten" reads "gesloten" after the colon.
    const why = typedDay.reason === "holiday" || typedDay.reason === "closure" ? reason : reason.charAt(0).toLowerCase() + reason.slice(1);
    return (
      <div id="tijden">
        <Notice kind="info" title={t("cal.jump.none", { day: day(typedDay.date, locale), why })}>
          <p>{t("cal.jump.chooseOther")}</p>
        </Notice>
      </div>
    );
  }
  return (
    <div id="tijden">
      <Notice kind="info" title={t("slots.noneTitle")}>
        <p>{t("slots.noneInMonth")}</p>
      </Notice>
    </div>
  );
}

/**
 * The date field under the calendar: a GET form to the same page (keeping `hidden` filters)
 * that lands on `#tijden`. Shows the chosen day as `dd-mm-jjjj`, or what was typed when wrong.
 */
export function DateJump(p: { w: Web; action: string; hidden?: Record<string, string | undefined>; asked: AskedDay; selected: string | null }) {
  const { t } = p.w;
  const value = p.asked.error ? p.asked.raw : p.asked.date ? formatDutchDate(p.selected ?? p.asked.date) : "";
  return (
    <form method="get" action={`${p.action}#tijden`} class="form form--inline date-jump" novalidate>
      {Object.entries(p.hidden ?? {}).map(([name, v]) => (v ? <input type="hidden" name={name} value={v} /> : null))}
      <input type="hidden" name="getypt" value="1" />
      <TextField
        t={t}
        id="f-date"
        name="date"
        label={t("cal.jump.label")}
        hint={dateFieldHint(p.w)}
        errors={p.asked.error ? [{ id: "f-date", message: p.asked.error }] : []}
        value={value}
        autocomplete="off"
        width="m"
      />
      <FormActions submit={t("cal.jump.submit")} kind="secondary" />
    </form>
  );
}
