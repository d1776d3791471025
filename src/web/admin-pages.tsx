/** Region admin: frontdesks (list, create, edit), opening hours with several intervals per day, closures (+ carnival), failed notifications. */
import type { Hono } from "hono";
import * as v from "valibot";
import type { AppEnv } from "../lib/context";
import { DomainError } from "../lib/errors";
import type { RegionScope } from "../db/scope";
import { isCalendarDate, todayLocal } from "../lib/time";
import { rolesAccess } from "../features/auth/policy";
import { listMunicipalities } from "../features/regions/regions.repo";
import { CreateFrontdeskBody, ClosureBody } from "../features/frontdesks/frontdesks.admin.schemas";
import {
  addCarnivalClosure,
  addClosure,
  createFrontdesk,
  getAdminFrontdesk,
  listAdminFrontdesks,
  readAdminFrontdesk,
  removeClosure,
  replaceOpeningHours,
  updateFrontdesk,
} from "../features/frontdesks/frontdesks.admin.service";
import { carnivalDays } from "../features/availability/holidays";
import { listRegionMessages, requeueMessage } from "../features/notifications/outbox.repo";
import { actorOf, field, fields, page, readForm, regionPageScope, render, seeOther, type FieldErrors, type FormData, type Web } from "./web";
import { Breadcrumbs, ChoiceGroup, DataTable, ErrorSummary, Notice, numCol, SelectField, TextField } from "./layout";
import { day, weekdayLabel } from "./format";
import { kindLabel, modeLabel, topicLabel } from "../lib/vocabulary";
import type { MessageKey } from "./i18n";
import { FRONTDESK_KINDS, MODES, TOPICS } from "../lib/vocabulary";

const ADMIN = rolesAccess("region_admin");

const adminScope = (w: Web): Promise<RegionScope> => regionPageScope(w, ADMIN);

const base = (w: Web) => `/beheer/${w.region?.slug ?? ""}/loketten`;

const CARNIVAL_KEYS = {
  region: { title: "adm.carnival.regionTitle", text: "adm.carnival.regionText", button: "adm.carnival.regionButton" },
  desk: { title: "adm.carnival.title", text: "adm.carnival.text", button: "adm.carnival.button" },
} as const;

/** Closing on the coming carnival days (this year's, or next year's once they have passed), for the whole region or one desk. */
function CarnivalPanel({ w, of, action }: { w: Web; of: "region" | "desk"; action: string }) {
  const { t, locale } = w;
  const keys = CARNIVAL_KEYS[of];
  const today = todayLocal(w.now);
  const year = Number(today.slice(0, 4));
  const carnivalYear = carnivalDays(year)[1] >= today ? year : year + 1;
  return (
    <section class={of === "region" ? "panel section" : "panel"} aria-labelledby="carnival-title">
      <h2 id="carnival-title" class="heading-3">
        {t(keys.title)}
      </h2>
      <p>
        {t(keys.text, {
          days: carnivalDays(carnivalYear)
            .map((d) => day(d, locale))
            .join(` ${t("adm.and")} `),
        })}
      </p>
      <form method="post" action={action}>
        <input type="hidden" name="year" value={String(carnivalYear)} />
        <button type="submit" class="button button--secondary">
          {t(keys.button, { year: carnivalYear })}
        </button>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------
// List

async function listPage(w: Web) {
  const { t } = w;
  const scope = await adminScope(w);
  const desks = await listAdminFrontdesks(scope);
  const done = w.c.req.query("klaar");
  return render(w, {
    title: t("adm.desks.title"),
    body: (
      <>
        <h1>{t("adm.desks.title")}</h1>
        {done === "carnaval" ? <Notice kind="success" title={t("adm.carnival.done")} /> : null}
        <p class="actions">
          <a class="button button--primary" href={`${base(w)}/nieuw`}>
            {t("adm.desks.new")}
          </a>
        </p>
        <DataTable
          t={t}
          caption={t("adm.desks.title")}
          columns={[t("adm.desk.name"), t("adm.desk.municipality"), t("adm.desk.kind"), t("adm.desk.modes"), t("adm.desks.state"), t("adm.desks.manage")]}
        >
          {desks.map((d) => (
            <tr>
              <th scope="row">
                <a href={`${base(w)}/${d.id}`}>{d.name}</a>
              </th>
              <td>{d.municipality}</td>
              <td>{kindLabel(d.kind, w.locale)}</td>
              <td>{d.modes.map((m) => modeLabel(m, w.locale)).join(", ")}</td>
              <td>{d.archived ? t("adm.desks.archived") : d.isDemo ? t("adm.desks.demo") : t("adm.desks.active")}</td>
              <td>
                <a href={`${base(w)}/${d.id}/openingstijden`}>
                  {t("adm.hours.short")}
                  <span class="visually-hidden"> {d.name}</span>
                </a>
                {" · "}
                <a href={`${base(w)}/${d.id}/sluitingen`}>
                  {t("adm.closures.short")}
                  <span class="visually-hidden"> {d.name}</span>
                </a>
              </td>
            </tr>
          ))}
        </DataTable>
        <CarnivalPanel w={w} of="region" action={`${base(w)}/carnaval`} />
      </>
    ),
  });
}

// ---------------------------------------------------------------------------
// Create and edit

interface DeskValues {
  name: string;
  kind: string;
  municipality: string;
  address: string;
  modes: string[];
  topics: string[];
  slotMinutes: string;
  capacityPerSlot: string;
  minNoticeHours: string;
  maxAdvanceDays: string;
  cancelCutoffHours: string;
  videoUrlTemplate: string;
  phone: string;
  email: string;
}

const DESK_FIELDS: Array<[path: keyof DeskValues, id: string, key: MessageKey]> = [
  ["name", "f-name", "adm.err.name"],
  ["kind", "f-kind", "adm.err.kind"],
  ["municipality", "f-municipality", "adm.err.municipality"],
  ["address", "f-address", "adm.err.address"],
  ["modes", "f-modes", "adm.err.modes"],
  ["topics", "f-topics", "adm.err.topics"],
  ["slotMinutes", "f-slot", "adm.err.slotMinutes"],
  ["capacityPerSlot", "f-capacity", "adm.err.capacity"],
  ["minNoticeHours", "f-notice", "adm.err.notice"],
  ["maxAdvanceDays", "f-advance", "adm.err.advance"],
  ["cancelCutoffHours", "f-cutoff", "adm.err.cutoff"],
  ["videoUrlTemplate", "f-video", "adm.err.video"],
  ["phone", "f-phone", "adm.err.phone"],
  ["email", "f-email", "adm.err.email"],
];

function deskValuesFrom(form: FormData): DeskValues {
  return {
    name: field(form, "name"),
    kind: field(form, "kind"),
    municipality: field(form, "municipality"),
    address: field(form, "address"),
    modes: fields(form, "modes"),
    topics: fields(form, "topics"),
    slotMinutes: field(form, "slotMinutes"),
    capacityPerSlot: field(form, "capacityPerSlot"),
    minNoticeHours: field(form, "minNoticeHours"),
    maxAdvanceDays: field(form, "maxAdvanceDays"),
    cancelCutoffHours: field(form, "cancelCutoffHours"),
    videoUrlTemplate: field(form, "videoUrlTemplate"),
    phone: field(form, "phone"),
    email: field(form, "email"),
  };
}

const int = (s: string) => (/^\s*\d{1,6}\s*$/.test(s) ? Number(s) : Number.NaN);
const orNull = (s: string) => (s.trim() === "" ? null : s);

function parseDesk(w: Web, values: DeskValues) {
  const parsed = v.safeParse(CreateFrontdeskBody, {
    name: values.name,
    kind: values.kind,
    municipality: values.municipality,
    address: values.address,
    modes: values.modes,
    topics: values.topics,
    slotMinutes: int(values.slotMinutes),
    capacityPerSlot: int(values.capacityPerSlot),
    minNoticeHours: int(values.minNoticeHours),
    maxAdvanceDays: int(values.maxAdvanceDays),
    cancelCutoffHours: int(values.cancelCutoffHours),
    videoUrlTemplate: orNull(values.videoUrlTemplate),
    phone: orNull(values.phone),
    email: orNull(values.email),
  });
  if (parsed.success) return { input: parsed.output, errors: [] as FieldErrors };
  return {
    input: null,
    errors: deskErrors(
      w,
      parsed.issues.map((i) => v.getDotPath(i) ?? ""),
    ),
  };
}

function deskErrors(w: Web, paths: string[]): FieldErrors {
  const errors: FieldErrors = [];
  for (const [path, id, key] of DESK_FIELDS) if (paths.some((p) => p === path || p.startsWith(`${path}.`))) errors.push({ id, message: w.t(key) });
  if (errors.length === 0 && paths.length > 0) errors.push({ id: "", message: w.t("error.validation") });
  return errors;
}

async function deskForm(
  w: Web,
  scope: RegionScope,
  opts: { id: string | null; values: DeskValues; errors: FieldErrors; status?: number; archived?: boolean; municipalities?: { name: string }[] },
) {
  const { t, locale } = w;
  const { values, errors } = opts;
  const municipalities = opts.municipalities ?? (await listMunicipalities(scope));
  const title = opts.id ? t("adm.desk.editTitle", { name: values.name }) : t("adm.desks.new");
  const action = opts.id ? `${base(w)}/${opts.id}` : `${base(w)}/nieuw`;
  const saved = w.c.req.query("klaar");
  return render(w, {
    title,
    status: opts.status ?? 200,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("adm.desks.title"), base(w)],
            [title, null],
          ]}
        />
        <h1>{title}</h1>
        {saved ? <Notice kind="success" title={t("adm.saved")} /> : null}
        {opts.id ? (
          <p class="actions">
            <a href={`${base(w)}/${opts.id}/openingstijden`}>{t("adm.hours.title")}</a>
            <a href={`${base(w)}/${opts.id}/sluitingen`}>{t("adm.closures.title")}</a>
          </p>
        ) : null}
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action={action} class="form" novalidate>
          <TextField t={t} id="f-name" name="name" label={t("adm.desk.name")} errors={errors} value={values.name} required autocomplete="off" />
          <SelectField
            t={t}
            id="f-kind"
            name="kind"
            label={t("adm.desk.kind")}
            errors={errors}
            value={values.kind}
            options={FRONTDESK_KINDS.map((k) => ({ value: k, label: kindLabel(k, w.locale) }))}
            empty={t("adm.choose")}
            required
          />
          <SelectField
            t={t}
            id="f-municipality"
            name="municipality"
            label={t("adm.desk.municipality")}
            errors={errors}
            value={values.municipality}
            options={municipalities.map((m) => ({ value: m.name, label: m.name }))}
            empty={t("adm.choose")}
            required
          />
          <TextField
            t={t}
            id="f-address"
            name="address"
            label={t("adm.desk.address")}
            hint={t("adm.desk.addressHint")}
            errors={errors}
            value={values.address}
            required
            autocomplete="off"
          />
          <ChoiceGroup
            t={t}
            id="f-modes"
            name="modes"
            type="checkbox"
            legend={t("adm.desk.modes")}
            options={MODES.map((m) => ({ value: m, label: modeLabel(m, w.locale) }))}
            selected={values.modes}
            errors={errors}
            required
            inline
          />
          <ChoiceGroup
            t={t}
            id="f-topics"
            name="topics"
            type="checkbox"
            legend={t("adm.desk.topics")}
            options={TOPICS.map((tp) => ({ value: tp, label: topicLabel(tp, locale) }))}
            selected={values.topics}
            errors={errors}
            required
          />
          <h2>{t("adm.desk.planning")}</h2>
          <TextField
            t={t}
            id="f-slot"
            name="slotMinutes"
            type="number"
            label={t("adm.desk.slotMinutes")}
            errors={errors}
            value={values.slotMinutes}
            width="s"
            inputmode="numeric"
            required
            min="5"
            max="480"
          />
          <TextField
            t={t}
            id="f-capacity"
            name="capacityPerSlot"
            type="number"
            label={t("adm.desk.capacity")}
            hint={t("adm.desk.capacityHint")}
            errors={errors}
            value={values.capacityPerSlot}
            width="s"
            inputmode="numeric"
            required
            min="1"
            max="50"
          />
          <TextField
            t={t}
            id="f-notice"
            name="minNoticeHours"
            type="number"
            label={t("adm.desk.notice")}
            errors={errors}
            value={values.minNoticeHours}
            width="s"
            inputmode="numeric"
            required
            min="0"
            max="720"
          />
          <TextField
            t={t}
            id="f-advance"
            name="maxAdvanceDays"
            type="number"
            label={t("adm.desk.advance")}
            errors={errors}
            value={values.maxAdvanceDays}
            width="s"
            inputmode="numeric"
            required
            min="1"
            max="365"
          />
          <TextField
            t={t}
            id="f-cutoff"
            name="cancelCutoffHours"
            type="number"
            label={t("adm.desk.cutoff")}
            errors={errors}
            value={values.cancelCutoffHours}
            width="s"
            inputmode="numeric"
            required
            min="0"
            max="168"
          />
          <h2>{t("adm.desk.contact")}</h2>
          <TextField
            t={t}
            id="f-video"
            name="videoUrlTemplate"
            type="url"
            label={t("adm.desk.video")}
            hint={t("adm.desk.videoHint")}
            errors={errors}
            value={values.videoUrlTemplate}
            autocomplete="off"
          />
          <TextField t={t} id="f-phone" name="phone" type="tel" label={t("adm.desk.phone")} errors={errors} value={values.phone} width="m" autocomplete="off" />
          <TextField t={t} id="f-email" name="email" type="email" label={t("adm.desk.email")} errors={errors} value={values.email} autocomplete="off" />
          <div class="form__actions">
            <button type="submit" class="button button--primary">
              {opts.id ? t("adm.save") : t("adm.desk.create")}
            </button>
            <a href={base(w)}>{t("adm.cancel")}</a>
          </div>
        </form>
      </>
    ),
  });
}

const EMPTY_DESK: DeskValues = {
  name: "",
  kind: "",
  municipality: "",
  address: "",
  modes: ["in_person"],
  topics: [],
  slotMinutes: "30",
  capacityPerSlot: "1",
  minNoticeHours: "24",
  maxAdvanceDays: "60",
  cancelCutoffHours: "2",
  videoUrlTemplate: "",
  phone: "",
  email: "",
};

async function newDeskPage(w: Web) {
  const scope = await adminScope(w);
  return deskForm(w, scope, { id: null, values: EMPTY_DESK, errors: [] });
}

async function createDeskSubmit(w: Web) {
  const scope = await adminScope(w);
  const values = deskValuesFrom(await readForm(w));
  const { input, errors } = parseDesk(w, values);
  if (!input) return deskForm(w, scope, { id: null, values, errors, status: 400 });
  try {
    const created = await createFrontdesk(scope, actorOf(w), input, undefined, Date.now());
    return seeOther(w, `${base(w)}/${created.id}/openingstijden?nieuw=1`);
  } catch (error) {
    if (error instanceof DomainError && error.code === "validation_failed")
      return deskForm(w, scope, {
        id: null,
        values,
        errors: deskErrors(
          w,
          (error.issues ?? []).map((i) => i.path),
        ),
        status: 400,
      });
    throw error;
  }
}

async function editDeskPage(w: Web) {
  const scope = await adminScope(w);
  const { desk: d, municipalities } = await readAdminFrontdesk(scope, w.c.req.param("id") ?? "", w.now);
  const values: DeskValues = {
    name: d.name,
    kind: d.kind,
    municipality: d.municipality,
    address: d.address,
    modes: d.modes,
    topics: d.topics,
    slotMinutes: String(d.slotMinutes),
    capacityPerSlot: String(d.capacityPerSlot),
    minNoticeHours: String(d.minNoticeHours),
    maxAdvanceDays: String(d.maxAdvanceDays),
    cancelCutoffHours: String(d.cancelCutoffHours),
    videoUrlTemplate: d.videoUrlTemplate ?? "",
    phone: d.phone ?? "",
    email: d.email ?? "",
  };
  return deskForm(w, scope, { id: d.id, values, errors: [], municipalities });
}

async function editDeskSubmit(w: Web) {
  const scope = await adminScope(w);
  const id = w.c.req.param("id") ?? "";
  await getAdminFrontdesk(scope, id, w.now);
  const values = deskValuesFrom(await readForm(w));
  const { input, errors } = parseDesk(w, values);
  if (!input) return deskForm(w, scope, { id, values, errors, status: 400 });
  try {
    await updateFrontdesk(scope, actorOf(w), id, input, Date.now());
  } catch (error) {
    if (error instanceof DomainError && error.code === "validation_failed")
      return deskForm(w, scope, {
        id,
        values,
        errors: deskErrors(
          w,
          (error.issues ?? []).map((i) => i.path),
        ),
        status: 400,
      });
    throw error;
  }
  return seeOther(w, `${base(w)}/${id}?klaar=1`);
}

// ---------------------------------------------------------------------------
// Opening hours: several intervals per day; spare empty rows make it work without JavaScript.

const ROWS_PER_DAY = 4;
type Interval = { weekday: number; opens: string; closes: string };
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

async function hoursPage(w: Web, rows?: Map<number, Array<{ opens: string; closes: string }>>, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const scope = await adminScope(w);
  const desk = await getAdminFrontdesk(scope, w.c.req.param("id") ?? "", w.now);
  const byDay = rows ?? new Map<number, Array<{ opens: string; closes: string }>>();
  if (!rows) for (const h of desk.openingHours.weekly) byDay.set(h.weekday, [...(byDay.get(h.weekday) ?? []), { opens: h.opens, closes: h.closes }]);
  const isNew = w.c.req.query("nieuw");
  const saved = w.c.req.query("klaar");
  return render(w, {
    title: t("adm.hours.titleFor", { name: desk.name }),
    status,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("adm.desks.title"), base(w)],
            [desk.name, `${base(w)}/${desk.id}`],
            [t("adm.hours.title"), null],
          ]}
        />
        <h1>{t("adm.hours.titleFor", { name: desk.name })}</h1>
        {isNew ? (
          <Notice kind="success" title={t("adm.desk.created")}>
            <p>{t("adm.hours.afterCreate")}</p>
          </Notice>
        ) : null}
        {saved ? <Notice kind="success" title={t("adm.saved")} /> : null}
        <p>{t("adm.hours.intro")}</p>
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action={`${base(w)}/${desk.id}/openingstijden`} class="form" novalidate>
          {[1, 2, 3, 4, 5, 6, 7].map((wd) => {
            const existing = byDay.get(wd) ?? [];
            const count = Math.max(ROWS_PER_DAY, existing.length);
            return (
              <fieldset class="hours-day">
                <legend>{weekdayLabel(wd, t)}</legend>
                {Array.from({ length: count }, (_, i) => {
                  const value = existing[i];
                  const id = `f-h-${wd}-${i}`;
                  const error = errors.find((e) => e.id === `${id}-opens`)?.message;
                  const spare = !value && i > 0;
                  return (
                    <div class="interval" data-interval-row={String(wd)} data-spare={spare ? "yes" : "no"}>
                      <div class={`field${error ? " field--error" : ""}`}>
                        <label class="field__label" for={`${id}-opens`}>
                          {t("adm.hours.opens")}
                          <span class="visually-hidden">
                            {" "}
                            ({weekdayLabel(wd, t)}, {t("adm.hours.interval", { n: i + 1 })})
                          </span>
                        </label>
                        {error ? (
                          <p class="field__error" id={`${id}-error`}>
                            <span class="visually-hidden">{t("form.errorPrefix")} </span>
                            {error}
                          </p>
                        ) : null}
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
                          <span class="visually-hidden">
                            {" "}
                            ({weekdayLabel(wd, t)}, {t("adm.hours.interval", { n: i + 1 })})
                          </span>
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
                })}
                <button type="button" class="button button--link" data-add-interval={String(wd)} hidden>
                  {t("adm.hours.add", { day: weekdayLabel(wd, t).toLowerCase() })}
                </button>
              </fieldset>
            );
          })}
          <p class="small">{t("adm.hours.emptyIsClosed")}</p>
          <div class="form__actions">
            <button type="submit" class="button button--primary">
              {t("adm.hours.save")}
            </button>
            <a href={`${base(w)}/${desk.id}`}>{t("adm.cancel")}</a>
          </div>
        </form>
      </>
    ),
  });
}

async function hoursSubmit(w: Web) {
  const scope = await adminScope(w);
  const id = w.c.req.param("id") ?? "";
  const form = await readForm(w);
  const rows = new Map<number, Array<{ opens: string; closes: string }>>();
  const weekly: Interval[] = [];
  const errors: FieldErrors = [];
  for (let wd = 1; wd <= 7; wd++) {
    const dayRows: Array<{ opens: string; closes: string; i: number }> = [];
    for (let i = 0; i < 20; i++) {
      const opens = field(form, `opens-${wd}-${i}`).trim();
      const closes = field(form, `closes-${wd}-${i}`).trim();
      if (!opens && !closes) continue;
      dayRows.push({ opens, closes, i: dayRows.length });
    }
    rows.set(
      wd,
      dayRows.map(({ opens, closes }) => ({ opens, closes })),
    );
    const valid = dayRows.filter((r) => {
      const errId = `f-h-${wd}-${r.i}-opens`;
      const dayName = weekdayLabel(wd, w.t);
      if (!TIME_RE.test(r.opens) || !TIME_RE.test(r.closes)) errors.push({ id: errId, message: w.t("adm.err.hoursFormat", { day: dayName }) });
      else if (r.opens >= r.closes) errors.push({ id: errId, message: w.t("adm.err.hoursOrder", { day: dayName }) });
      else return true;
      return false;
    });
    const sorted = [...valid].sort((a, b) => a.opens.localeCompare(b.opens));
    for (let k = 1; k < sorted.length; k++) {
      const cur = sorted[k];
      const prev = sorted[k - 1];
      if (cur && prev && cur.opens < prev.closes)
        errors.push({ id: `f-h-${wd}-${cur.i}-opens`, message: w.t("adm.err.hoursOverlap", { day: weekdayLabel(wd, w.t) }) });
    }
    for (const r of valid) weekly.push({ weekday: wd, opens: r.opens, closes: r.closes });
  }
  if (errors.length) return hoursPage(w, rows, errors, 400);
  await replaceOpeningHours(scope, actorOf(w), id, weekly, Date.now());
  return seeOther(w, `${base(w)}/${id}/openingstijden?klaar=1`);
}

// ---------------------------------------------------------------------------
// Closures and the carnival preset

async function closuresPage(w: Web, values = { from: "", to: "", reason: "" }, errors: FieldErrors = [], status = 200) {
  const { t, locale } = w;
  const scope = await adminScope(w);
  const { desk, closures } = await readAdminFrontdesk(scope, w.c.req.param("id") ?? "", w.now);
  const saved = w.c.req.query("klaar");
  const url = `${base(w)}/${desk.id}/sluitingen`;
  return render(w, {
    title: t("adm.closures.titleFor", { name: desk.name }),
    status,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("adm.desks.title"), base(w)],
            [desk.name, `${base(w)}/${desk.id}`],
            [t("adm.closures.title"), null],
          ]}
        />
        <h1>{t("adm.closures.titleFor", { name: desk.name })}</h1>
        {saved ? <Notice kind="success" title={t("adm.saved")} /> : null}
        <p>{t("adm.closures.intro")}</p>
        {closures.length === 0 ? (
          <p class="empty">{t("adm.closures.none")}</p>
        ) : (
          <DataTable
            t={t}
            caption={t("adm.closures.title")}
            columns={[t("adm.closures.from"), t("adm.closures.to"), t("adm.closures.reason"), t("adm.closures.action")]}
          >
            {closures.map((cl) => (
              <tr>
                <td>{day(cl.from, locale)}</td>
                <td>{day(cl.to, locale)}</td>
                <td>{cl.reason}</td>
                <td>
                  <form method="post" action={`${url}/${cl.id}/verwijderen`}>
                    <button type="submit" class="button button--link">
                      {t("adm.closures.remove")}
                      <span class="visually-hidden"> {cl.reason}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <CarnivalPanel w={w} of="desk" action={`${base(w)}/${desk.id}/carnaval`} />
        <h2>{t("adm.closures.add")}</h2>
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action={url} class="form" novalidate>
          <TextField t={t} id="f-from" name="from" type="date" label={t("adm.closures.from")} errors={errors} value={values.from} width="m" required />
          <TextField
            t={t}
            id="f-to"
            name="to"
            type="date"
            label={t("adm.closures.to")}
            hint={t("adm.closures.toHint")}
            errors={errors}
            value={values.to}
            width="m"
            required
          />
          <TextField
            t={t}
            id="f-reason"
            name="reason"
            label={t("adm.closures.reason")}
            hint={t("adm.closures.reasonHint")}
            errors={errors}
            value={values.reason}
            required
            autocomplete="off"
          />
          <div class="form__actions">
            <button type="submit" class="button button--primary">
              {t("adm.closures.submit")}
            </button>
          </div>
        </form>
      </>
    ),
  });
}

async function closureSubmit(w: Web) {
  const scope = await adminScope(w);
  const id = w.c.req.param("id") ?? "";
  const form = await readForm(w);
  const values = { from: field(form, "from").trim(), to: field(form, "to").trim() || field(form, "from").trim(), reason: field(form, "reason") };
  const errors: FieldErrors = [];
  if (!isCalendarDate(values.from)) errors.push({ id: "f-from", message: w.t("adm.err.date") });
  if (!isCalendarDate(values.to)) errors.push({ id: "f-to", message: w.t("adm.err.date") });
  else if (isCalendarDate(values.from) && values.to < values.from) errors.push({ id: "f-to", message: w.t("adm.err.dateOrder") });
  const parsed = v.safeParse(ClosureBody, values);
  if (!parsed.success && parsed.issues.some((i) => v.getDotPath(i) === "reason")) errors.push({ id: "f-reason", message: w.t("adm.err.reason") });
  if (!parsed.success && errors.length === 0) errors.push({ id: "f-from", message: w.t("adm.err.date") });
  if (errors.length || !parsed.success) return closuresPage(w, values, errors, 400);
  await addClosure(scope, actorOf(w), id, parsed.output, Date.now());
  return seeOther(w, `${base(w)}/${id}/sluitingen?klaar=1`);
}

async function closureRemove(w: Web) {
  const scope = await adminScope(w);
  const id = w.c.req.param("id") ?? "";
  await removeClosure(scope, actorOf(w), id, w.c.req.param("closureId") ?? "", Date.now());
  return seeOther(w, `${base(w)}/${id}/sluitingen?klaar=1`);
}

function carnivalYear(form: FormData): number {
  const year = Number(field(form, "year"));
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new DomainError("validation_failed", "year");
  return year;
}

async function carnivalDesk(w: Web) {
  const scope = await adminScope(w);
  const id = w.c.req.param("id") ?? "";
  await addCarnivalClosure(scope, actorOf(w), id, carnivalYear(await readForm(w)), Date.now());
  return seeOther(w, `${base(w)}/${id}/sluitingen?klaar=1`);
}

async function carnivalRegion(w: Web) {
  const scope = await adminScope(w);
  await addCarnivalClosure(scope, actorOf(w), null, carnivalYear(await readForm(w)), Date.now());
  return seeOther(w, `${base(w)}?klaar=carnaval`);
}

// ---------------------------------------------------------------------------
// Failed notifications

async function notificationsPage(w: Web) {
  const { t, locale } = w;
  const scope = await adminScope(w);
  const failed = await listRegionMessages(scope, "failed");
  const done = w.c.req.query("klaar");
  return render(w, {
    title: t("adm.notif.title"),
    body: (
      <>
        <h1>{t("adm.notif.title")}</h1>
        {done ? <Notice kind="success" title={t("adm.notif.requeued")} /> : null}
        <p>{t("adm.notif.intro")}</p>
        {failed.length === 0 ? (
          <p class="empty">{t("adm.notif.none")}</p>
        ) : (
          <DataTable
            t={t}
            caption={t("adm.notif.title")}
            columns={[
              t("adm.notif.created"),
              t("adm.notif.kind"),
              t("adm.notif.recipient"),
              t("adm.notif.error"),
              numCol(t("adm.notif.attempts")),
              t("adm.closures.action"),
            ]}
          >
            {failed.map((m) => (
              <tr>
                <td>{day(new Date(m.createdAt).toISOString().slice(0, 10), locale, { short: true })}</td>
                <td>{m.kind}</td>
                <td>{m.recipient}</td>
                <td>{m.lastError ?? "—"}</td>
                <td class="num">{m.attempts}</td>
                <td>
                  <form method="post" action={`/beheer/${scope.region.slug}/meldingen/${m.id}/opnieuw`}>
                    <button type="submit" class="button button--link">
                      {t("adm.notif.retry")}
                      <span class="visually-hidden"> {m.recipient}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </>
    ),
  });
}

async function notificationRetry(w: Web) {
  const scope = await adminScope(w);
  if (!(await requeueMessage(scope, w.c.req.param("id") ?? "", Date.now()))) throw new DomainError("not_found", "Unknown notification");
  return seeOther(w, `/beheer/${scope.region.slug}/meldingen?klaar=1`);
}

export function registerAdminPages(app: Hono<AppEnv>): void {
  app.get("/beheer/:region/loketten", page(listPage));
  app.post("/beheer/:region/loketten/carnaval", page(carnivalRegion));
  app.get("/beheer/:region/loketten/nieuw", page(newDeskPage));
  app.post("/beheer/:region/loketten/nieuw", page(createDeskSubmit));
  app.get("/beheer/:region/loketten/:id", page(editDeskPage));
  app.post("/beheer/:region/loketten/:id", page(editDeskSubmit));
  app.get(
    "/beheer/:region/loketten/:id/openingstijden",
    page((w) => hoursPage(w)),
  );
  app.post("/beheer/:region/loketten/:id/openingstijden", page(hoursSubmit));
  app.get(
    "/beheer/:region/loketten/:id/sluitingen",
    page((w) => closuresPage(w)),
  );
  app.post("/beheer/:region/loketten/:id/sluitingen", page(closureSubmit));
  app.post("/beheer/:region/loketten/:id/sluitingen/:closureId/verwijderen", page(closureRemove));
  app.post("/beheer/:region/loketten/:id/carnaval", page(carnivalDesk));
  app.get("/beheer/:region/meldingen", page(notificationsPage));
  app.post("/beheer/:region/meldingen/:id/opnieuw", page(notificationRetry));
}
