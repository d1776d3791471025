/**
 * A desk's weekly opening hours, several intervals per day. Spare empty rows make it work
 * without JavaScript (app.js only reveals them one by one). The rows are checked here per
 * day, so each message can name its day and point at its row; the API's `OpeningHoursBody`
 * then validates the week as a whole before the service replaces it.
 */
import { OpeningHoursBody } from "../../features/frontdesks/frontdesks.admin.schemas";
import { getAdminFrontdesk, replaceOpeningHours } from "../../features/frontdesks/frontdesks.admin.service";
import type { Web } from "../kit/context";
import { ErrorSummary, FieldError } from "../kit/fields";
import { errorFor, field, parseForm, readForm, type FieldErrors } from "../kit/form";
import { weekdayLabel } from "../kit/format";
import { actorOf, render, seeOther, scopeOf, pageRoute, type PageRoute } from "../kit/page";
import { FormActions } from "../kit/scaffolds";
import { Notice } from "../kit/ui";
import { DeskSubPage } from "./desk-page-frame";
import { ADMIN, desksBase } from "./shared";

const ROWS_PER_DAY = 4;
const MAX_ROWS_PER_DAY = 20;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
type Rows = Map<number, Array<{ opens: string; closes: string }>>;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** One interval: its opening and closing time, labelled with the day and the interval number for screen readers. */
function IntervalRow({
  w,
  wd,
  i,
  value,
  errors,
}: { w: Web; wd: number; i: number; value: { opens: string; closes: string } | undefined; errors: FieldErrors }) {
  const { t } = w;
  const id = `f-h-${wd}-${i}`;
  const error = errorFor(errors, `${id}-opens`);
  const which = (
    <span class="visually-hidden">
      {" "}
      ({weekdayLabel(wd, t)}, {t("adm.hours.interval", { n: i + 1 })})
    </span>
  );
  return (
    <div class="interval" data-interval-row={String(wd)} data-spare={!value && i > 0 ? "yes" : "no"}>
      <div class={`field${error ? " field--error" : ""}`}>
        <label class="field__label" for={`${id}-opens`}>
          {t("adm.hours.opens")}
          {which}
        </label>
        <FieldError t={t} id={id} error={error} />
        <input
          class="input"
          type="time"
          id={`${id}-opens`}
          name={`opens-${wd}-${i}`}
          value={value?.opens ?? ""}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
      <div class="field">
        <label class="field__label" for={`${id}-closes`}>
          {t("adm.hours.closes")}
          {which}
        </label>
        <input
          class="input"
          type="time"
          id={`${id}-closes`}
          name={`closes-${wd}-${i}`}
          value={value?.closes === "24:00" ? "23:59" : (value?.closes ?? "")}
          aria-invalid={error ? "true" : undefined}
        />
      </div>
    </div>
  );
}

export async function hoursPage(w: Web, rows?: Rows, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const scope = scopeOf(w);
  const desk = await getAdminFrontdesk(scope, w.c.req.param("id") ?? "", w.now);
  const byDay: Rows = rows ?? new Map();
  if (!rows) for (const h of desk.openingHours.weekly) byDay.set(h.weekday, [...(byDay.get(h.weekday) ?? []), { opens: h.opens, closes: h.closes }]);
  return render(w, {
    title: t("adm.hours.titleFor", { name: desk.name }),
    status,
    body: (
      <DeskSubPage w={w} desk={desk} section={t("adm.hours.title")} heading={t("adm.hours.titleFor", { name: desk.name })}>
        {w.c.req.query("nieuw") ? (
          <Notice kind="success" title={t("adm.desk.created")}>
            <p>{t("adm.hours.afterCreate")}</p>
          </Notice>
        ) : null}
        <p>{t("adm.hours.intro")}</p>
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action={`${desksBase(w)}/${desk.id}/openingstijden`} class="form" novalidate>
          {WEEKDAYS.map((wd) => {
            const existing = byDay.get(wd) ?? [];
            return (
              <fieldset class="hours-day">
                <legend>{weekdayLabel(wd, t)}</legend>
                {Array.from({ length: Math.max(ROWS_PER_DAY, existing.length) }, (_, i) => (
                  <IntervalRow w={w} wd={wd} i={i} value={existing[i]} errors={errors} />
                ))}
                <button type="button" class="button button--link" data-add-interval={String(wd)} hidden>
                  {t("adm.hours.add", { day: weekdayLabel(wd, t).toLowerCase() })}
                </button>
              </fieldset>
            );
          })}
          <p class="small">{t("adm.hours.emptyIsClosed")}</p>
          <FormActions submit={t("adm.hours.save")} cancel={{ href: `${desksBase(w)}/${desk.id}`, label: t("adm.cancel") }} />
        </form>
      </DeskSubPage>
    ),
  });
}

/** The posted rows of one day (empty rows dropped), each with the errors of its day. */
function readDay(w: Web, form: Record<string, string | string[]>, wd: number, errors: FieldErrors) {
  const rows: Array<{ opens: string; closes: string; i: number }> = [];
  for (let i = 0; i < MAX_ROWS_PER_DAY; i++) {
    const opens = field(form, `opens-${wd}-${i}`).trim();
    const closes = field(form, `closes-${wd}-${i}`).trim();
    if (opens || closes) rows.push({ opens, closes, i: rows.length });
  }
  const dayName = weekdayLabel(wd, w.t);
  const valid = rows.filter((r) => {
    const id = `f-h-${wd}-${r.i}-opens`;
    if (!TIME_RE.test(r.opens) || !TIME_RE.test(r.closes)) errors.push({ id, message: w.t("adm.err.hoursFormat", { day: dayName }) });
    else if (r.opens >= r.closes) errors.push({ id, message: w.t("adm.err.hoursOrder", { day: dayName }) });
    else return true;
    return false;
  });
  const sorted = [...valid].sort((a, b) => a.opens.localeCompare(b.opens));
  for (let k = 1; k < sorted.length; k++) {
    const cur = sorted[k];
    const prev = sorted[k - 1];
    if (cur && prev && cur.opens < prev.closes) errors.push({ id: `f-h-${wd}-${cur.i}-opens`, message: w.t("adm.err.hoursOverlap", { day: dayName }) });
  }
  return { rows: rows.map(({ opens, closes }) => ({ opens, closes })), valid };
}

export async function hoursSubmit(w: Web) {
  const scope = scopeOf(w);
  const id = w.c.req.param("id") ?? "";
  const form = await readForm(w);
  const rows: Rows = new Map();
  const weekly: Array<{ weekday: number; opens: string; closes: string }> = [];
  const errors: FieldErrors = [];
  for (const wd of WEEKDAYS) {
    const day = readDay(w, form, wd, errors);
    rows.set(wd, day.rows);
    for (const r of day.valid) weekly.push({ weekday: wd, opens: r.opens, closes: r.closes });
  }
  const parsed = errors.length ? null : parseForm(w.t, OpeningHoursBody, { weekly }, []);
  if (!parsed?.ok) return hoursPage(w, rows, parsed ? parsed.errors : errors, 400);
  await replaceOpeningHours(scope, actorOf(w), id, parsed.value.weekly, w.now);
  return seeOther(w, `${desksBase(w)}/${id}/openingstijden?klaar=1`);
}

export const hoursPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/loketten/:id/openingstijden", ADMIN, (w) => hoursPage(w)),
  pageRoute("post", "/beheer/:region/loketten/:id/openingstijden", ADMIN, hoursSubmit),
];
