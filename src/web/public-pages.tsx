/** The entrepreneur's pages: start, region search, frontdesk with free times, booking form, confirmation, and the static pages. */
import type { Hono } from "hono";
import * as v from "valibot";
import type { AppEnv } from "../lib/context";
import { DomainError } from "../lib/errors";
import { linksFor } from "../lib/links";
import { requestLimits } from "../lib/rate-limit";
import { PUBLIC } from "../features/auth/policy";
import { listRegionsWithMunicipalities } from "../features/regions/regions.service";
import { frontdeskDetailOf, readRegionConfig } from "../features/frontdesks/frontdesks.service";
import { readDeskSlots, readEarliest } from "../features/availability/availability.reads";
import { BookingBody } from "../features/appointments/appointments.schemas";
import { bookAppointment, resolveManageToken, toOwnAppointmentDto } from "../features/appointments/appointments.service";
import { deliverSoon } from "../features/notifications/notify";
import { field, page, readForm, render, seeOther, withQuery, type FieldErrors, type Web } from "./web";
import { Breadcrumbs, ChoiceGroup, Details, ErrorSummary, Notice, SelectField, TextArea, TextField } from "./layout";
import { day, when } from "./format";
import { kindLabel, modeLabel, topicLabel } from "../lib/vocabulary";
import { DayPicker, SlotLinks, groupByDay, selectedDay, slotWindow } from "./slots-view";
import type { MessageKey } from "./i18n";
import { appointmentRows } from "./manage-pages";
import { formatOffsetIso, localDate, parseInstant } from "../lib/time";
import { enforceAccess, assertSameOrigin } from "../http/access";
import { MODES, TOPICS, type Mode, type Topic } from "../lib/vocabulary";

const asTopic = (s: string | undefined): Topic | undefined => ((TOPICS as readonly string[]).includes(s ?? "") ? (s as Topic) : undefined);
const asMode = (s: string | undefined): Mode | undefined => ((MODES as readonly string[]).includes(s ?? "") ? (s as Mode) : undefined);
const cleanText = (s: string | undefined, max = 100): string | undefined => {
  const trimmed = (s ?? "").trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
};

function topicOptions(w: Web) {
  return TOPICS.map((topic) => ({ value: topic, label: topicLabel(topic, w.locale) }));
}
function modeOptions(w: Web, modes: readonly Mode[] = MODES) {
  return modes.map((mode) => ({ value: mode, label: modeLabel(mode, w.locale) }));
}

/** The `:region` path segment; the page reads its region with its data, in one batch (404 page when unknown). */
async function regionSlugOf(w: Web): Promise<string> {
  await enforceAccess(w.c, PUBLIC, { regionInBatch: true });
  return w.c.req.param("region") ?? "";
}

function bookHref(regionSlug: string, deskId: string, start: number | string, extra: { topic?: string | undefined; mode?: string | undefined }) {
  return withQuery(`/boeken/${regionSlug}/loket/${deskId}/afspraak`, {
    start: typeof start === "number" ? formatOffsetIso(start) : start,
    topic: extra.topic,
    mode: extra.mode,
  });
}

// ---------------------------------------------------------------------------
// Start page and search

async function homePage(w: Web) {
  const { t } = w;
  const regions = await listRegionsWithMunicipalities(w.c.var.db);
  const municipalities = regions.flatMap((r) => r.municipalities.map((m) => ({ value: m.name, label: m.name, group: r.name })));
  return render(w, {
    title: t("home.title"),
    body: (
      <>
        <div class="hero">
          <h1>{t("home.title")}</h1>
          <p class="lead">{t("home.lead")}</p>
        </div>
        <section aria-labelledby="regions-title" class="section">
          <h2 id="regions-title">{t("home.chooseRegion")}</h2>
          <ul class="cards cards--3">
            {regions.map((r) => (
              <li class="card card--link">
                <h3 class="card__title">
                  <a href={`/boeken/${r.slug}`}>{r.name}</a>
                </h3>
                <p class="card__meta">{t("home.operatedBy", { operator: r.operator })}</p>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="search-title" class="section panel">
          <h2 id="search-title">{t("home.searchTitle")}</h2>
          <p>{t("home.searchIntro")}</p>
          <form method="get" action="/zoeken" class="form form--inline" novalidate>
            <SelectField t={t} id="f-municipality" name="municipality" label={t("filter.municipality")} errors={[]} options={municipalities} required />
            <SelectField t={t} id="f-topic" name="topic" label={t("filter.topic")} errors={[]} options={topicOptions(w)} empty={t("filter.anyTopic")} />
            <SelectField t={t} id="f-mode" name="mode" label={t("filter.mode")} errors={[]} options={modeOptions(w)} empty={t("filter.anyMode")} />
            <div class="form__actions">
              <button type="submit" class="button button--primary">
                {t("filter.search")}
              </button>
            </div>
          </form>
        </section>
        <section class="section" aria-labelledby="how-title">
          <h2 id="how-title">{t("home.howTitle")}</h2>
          <ol class="steps">
            <li>{t("home.how1")}</li>
            <li>{t("home.how2")}</li>
            <li>{t("home.how3")}</li>
          </ol>
        </section>
      </>
    ),
  });
}

/** The start page's search: finds the region that serves the municipality, then shows its desks. */
async function searchRedirect(w: Web) {
  const municipality = cleanText(w.c.req.query("municipality"));
  const topic = asTopic(w.c.req.query("topic"));
  const mode = asMode(w.c.req.query("mode"));
  if (municipality) {
    for (const region of await listRegionsWithMunicipalities(w.c.var.db)) {
      const match = region.municipalities.find((m) => m.name.toLocaleLowerCase("nl") === municipality.toLocaleLowerCase("nl"));
      if (match) return seeOther(w, withQuery(`/boeken/${region.slug}`, { municipality: match.name, topic, mode }));
    }
  }
  return seeOther(w, "/");
}

async function regionPage(w: Web) {
  const { t, locale } = w;
  const slug = await regionSlugOf(w);
  const municipality = cleanText(w.c.req.query("municipality"));
  const topic = asTopic(w.c.req.query("topic"));
  const mode = asMode(w.c.req.query("mode"));
  const filter = { ...(municipality ? { municipality } : {}), ...(topic ? { topic } : {}), ...(mode ? { mode } : {}) };
  const { region, config, desks, slots: earliest } = await readEarliest(w.c, slug, filter, 6, w.now);
  w.region = region;
  const municipalities = config.municipalities;
  const first = earliest[0];
  const keep = { topic, mode };
  return render(w, {
    title: t("region.title", { region: region.name }),
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("nav.home"), "/"],
            [region.name, null],
          ]}
        />
        <h1>{t("region.title", { region: region.name })}</h1>
        <p class="lead">{t("region.lead", { operator: region.operator })}</p>
        <p class="link-next">
          {t("sc.self.linkText")} <a href={`/boeken/${region.slug}/begeleidingstraject`}>{t("sc.self.link")}</a>
        </p>
        <div class="layout-split">
          <section class="panel filter" aria-labelledby="filter-title">
            <h2 id="filter-title" class="heading-3">
              {t("filter.title")}
            </h2>
            <form method="get" action={`/boeken/${region.slug}`} class="form" novalidate>
              <SelectField
                t={t}
                id="f-municipality"
                name="municipality"
                label={t("filter.municipality")}
                errors={[]}
                value={municipality}
                options={municipalities.map((m) => ({ value: m.name, label: m.name }))}
                empty={t("filter.anyMunicipality")}
              />
              <SelectField
                t={t}
                id="f-topic"
                name="topic"
                label={t("filter.topic")}
                errors={[]}
                value={topic}
                options={topicOptions(w)}
                empty={t("filter.anyTopic")}
              />
              <SelectField
                t={t}
                id="f-mode"
                name="mode"
                label={t("filter.mode")}
                errors={[]}
                value={mode}
                options={modeOptions(w)}
                empty={t("filter.anyMode")}
              />
              <div class="form__actions">
                <button type="submit" class="button button--primary">
                  {t("filter.apply")}
                </button>
                {municipality || topic || mode ? <a href={`/boeken/${region.slug}`}>{t("filter.reset")}</a> : null}
              </div>
            </form>
          </section>
          <div>
            <section class="earliest" aria-labelledby="earliest-title">
              <h2 id="earliest-title" class="earliest__title">
                {topic ? t("earliest.titleTopic", { topic: topicLabel(topic, locale) }) : t("earliest.title")}
              </h2>
              {first ? (
                <>
                  <p class="earliest__when">{when(first.start, first.end, locale)}</p>
                  <p class="earliest__where">{t("earliest.at", { desk: first.frontdeskName, municipality: first.municipality })}</p>
                  <p>
                    <a class="button button--primary" href={bookHref(region.slug, first.frontdeskId, first.start, keep)}>
                      {t("earliest.book")}
                      <span class="visually-hidden">
                        : {when(first.start, first.end, locale)}, {first.frontdeskName}
                      </span>
                    </a>
                  </p>
                  <p class="earliest__note">{t("earliest.note")}</p>
                  {earliest.length > 1 ? (
                    <details class="earliest__more">
                      <summary>{t("earliest.more")}</summary>
                      <ul>
                        {earliest.slice(1).map((s) => (
                          <li>
                            <a href={bookHref(region.slug, s.frontdeskId, s.start, keep)}>
                              {when(s.start, s.end, locale)} — {s.frontdeskName}
                            </a>
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </>
              ) : (
                <p>{t("earliest.none")}</p>
              )}
            </section>
            <section class="section" aria-labelledby="desks-title">
              <h2 id="desks-title">{t("region.desks", { n: desks.length })}</h2>
              {desks.length === 0 ? (
                <p>{t("region.noDesks")}</p>
              ) : (
                <ul class="cards">
                  {desks.map((d) => (
                    <li class="card">
                      <h3 class="card__title">
                        <a href={withQuery(`/boeken/${region.slug}/loket/${d.id}`, keep)}>{d.name}</a>
                      </h3>
                      <p class="card__meta">
                        {kindLabel(d.kind, w.locale)} · {d.municipality}
                      </p>
                      <p>{d.address}</p>
                      <p class="tags">
                        {d.modes.map((m) => (
                          <span class="tag">{modeLabel(m, w.locale)}</span>
                        ))}
                      </p>
                      <p class="card__topics">
                        <span class="visually-hidden">{t("desk.topics")}: </span>
                        {d.topics.map((tp) => topicLabel(tp, locale)).join(", ")}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        </div>
      </>
    ),
  });
}

// ---------------------------------------------------------------------------
// One frontdesk: opening hours and free times

async function deskPage(w: Web) {
  const { t, locale } = w;
  const slug = await regionSlugOf(w);
  const id = w.c.req.param("id") ?? "";
  const topic = asTopic(w.c.req.query("topic"));
  const askedMode = asMode(w.c.req.query("mode"));
  const win = slotWindow(w.c.req.query("from"), w.now);
  // A mode the desk offers does not change its free times, so one read serves every mode.
  const read = await readDeskSlots(w.c, slug, id, { from: win.from, to: win.to }, w.now);
  const { region, slots } = read;
  w.region = region;
  const desk = frontdeskDetailOf(read.config, read.desk, win.today);
  const mode = askedMode && desk.modes.includes(askedMode) ? askedMode : undefined;
  const days = groupByDay(slots, win.from, win.to);
  const selected = selectedDay(days, w.c.req.query("date"));
  const base = `/boeken/${region.slug}/loket/${desk.id}`;
  const byDay = new Map<number, string[]>();
  for (const h of desk.openingHours.weekly) byDay.set(h.weekday, [...(byDay.get(h.weekday) ?? []), `${h.opens}–${h.closes}`]);
  return render(w, {
    title: desk.name,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("nav.home"), "/"],
            [region.name, withQuery(`/boeken/${region.slug}`, { topic, mode })],
            [desk.name, null],
          ]}
        />
        <h1>{desk.name}</h1>
        <p class="lead">
          {kindLabel(desk.kind, w.locale)} · {desk.municipality}
        </p>
        <div class="layout-split layout-split--reverse">
          <aside class="panel" aria-labelledby="desk-info-title">
            <h2 id="desk-info-title" class="heading-3">
              {t("desk.info")}
            </h2>
            <Details
              rows={
                [
                  [t("desk.address"), desk.address],
                  [t("desk.modes"), desk.modes.map((m) => modeLabel(m, w.locale)).join(", ")],
                  [t("desk.topics"), desk.topics.map((tp) => topicLabel(tp, locale)).join(", ")],
                  [t("desk.duration"), t("desk.minutes", { n: desk.slotMinutes })],
                  ...(desk.phone ? ([[t("desk.phone"), <a href={`tel:${desk.phone}`}>{desk.phone}</a>]] as Array<[string, unknown]>) : []),
                ] as Array<[string, string]>
              }
            />
            <h3 class="heading-4">{t("desk.hours")}</h3>
            <table class="table table--compact">
              <caption class="visually-hidden">{t("desk.hours")}</caption>
              <tbody>
                {[1, 2, 3, 4, 5, 6, 7].map((wd) => (
                  <tr>
                    <th scope="row">{t(`weekday.${wd}` as MessageKey)}</th>
                    <td>{byDay.get(wd)?.join(", ") ?? t("desk.closed")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {desk.closures.length > 0 ? (
              <>
                <h3 class="heading-4">{t("desk.closures")}</h3>
                <ul>
                  {desk.closures.map((cl) => (
                    <li>
                      {cl.from === cl.to ? day(cl.from, locale) : `${day(cl.from, locale)} – ${day(cl.to, locale)}`}: {cl.reason}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </aside>
          <div>
            {desk.modes.length > 1 ? (
              <form method="get" action={base} class="form form--inline" novalidate>
                {topic ? <input type="hidden" name="topic" value={topic} /> : null}
                <SelectField
                  t={t}
                  id="f-mode"
                  name="mode"
                  label={t("filter.mode")}
                  errors={[]}
                  value={mode}
                  options={modeOptions(w, desk.modes)}
                  empty={t("filter.anyMode")}
                />
                <div class="form__actions">
                  <button type="submit" class="button button--secondary">
                    {t("filter.apply")}
                  </button>
                </div>
              </form>
            ) : null}
            <DayPicker t={t} locale={locale} days={days} selected={selected?.date ?? null} window={win} href={(p) => withQuery(base, { topic, mode, ...p })} />
            {selected ? (
              <SlotLinks t={t} locale={locale} group={selected} href={(start) => bookHref(region.slug, desk.id, start, { topic, mode })} />
            ) : (
              <Notice kind="info" title={t("slots.noneTitle")}>
                <p>{t("slots.noneInWindow")}</p>
              </Notice>
            )}
          </div>
        </div>
      </>
    ),
  });
}

// ---------------------------------------------------------------------------
// The booking form

interface BookingFormValues {
  start: string;
  mode?: string | undefined;
  topic?: string | undefined;
  question?: string;
  name?: string;
  email?: string;
  phone?: string;
  companyName?: string;
  kvkNumber?: string;
  consent?: boolean;
  idempotencyKey: string;
}

const ISSUE_FIELDS: Array<[path: string, id: string, key: MessageKey]> = [
  ["mode", "f-mode", "err.mode"],
  ["topic", "f-topic", "err.topic"],
  ["question", "f-question", "err.question"],
  ["entrepreneur.name", "f-name", "err.name"],
  ["entrepreneur.email", "f-email", "err.email"],
  ["entrepreneur.phone", "f-phone", "err.phone"],
  ["entrepreneur.companyName", "f-company", "err.company"],
  ["entrepreneur.kvkNumber", "f-kvk", "err.kvk"],
  ["consent", "f-consent", "err.consent"],
];

/** Maps validation issue paths to field ids and translated messages, in form order. */
export function bookingErrors(w: Web, paths: string[]): FieldErrors {
  const errors: FieldErrors = [];
  for (const [path, id, key] of ISSUE_FIELDS) if (paths.some((p) => p === path || p.startsWith(`${path}.`))) errors.push({ id, message: w.t(key) });
  if (paths.some((p) => p === "start" || p === "frontdeskId")) errors.push({ id: "", message: w.t("err.start") });
  return errors;
}

async function bookingForm(w: Web, values: BookingFormValues, errors: FieldErrors, status = 200, conflict = false) {
  const { t, locale } = w;
  const slug = await regionSlugOf(w);
  const id = w.c.req.param("id") ?? "";
  const start = parseInstant(values.start);
  if (start === null) {
    // No time chosen: back to the desk (after the same 404 checks as with one).
    const { config } = await readRegionConfig(w.c.var.db, slug, w.now);
    const known = config.desks.find((d) => d.id === id && d.archivedAt === null);
    if (!known) throw new DomainError("not_found", "This frontdesk does not exist.");
    return seeOther(w, withQuery(`/boeken/${slug}/loket/${id}`, { topic: values.topic, mode: values.mode }));
  }
  // Is the time (still) free? Check against the desk's real slots of that day (same read as the desk page).
  const date = localDate(start);
  const read = await readDeskSlots(w.c, slug, id, { from: date, to: date }, w.now);
  const region = read.region;
  w.region = region;
  const desk = frontdeskDetailOf(read.config, read.desk, date);
  const deskHref = withQuery(`/boeken/${region.slug}/loket/${desk.id}`, { topic: values.topic, mode: values.mode, date });
  const free = read.slots.find((s) => s.start === start);
  const end = free?.end ?? start + desk.slotMinutes * 60_000;
  const mode = values.mode ?? (desk.modes.length === 1 ? desk.modes[0] : undefined);
  return render(w, {
    title: t("booking.title"),
    status,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("nav.home"), "/"],
            [region.name, `/boeken/${region.slug}`],
            [desk.name, deskHref],
            [t("booking.title"), null],
          ]}
        />
        <h1>{t("booking.title")}</h1>
        <ErrorSummary t={t} errors={errors} title={conflict ? t("booking.conflictTitle") : undefined} />
        {!free && !conflict ? (
          <Notice kind="warning" title={t("booking.goneTitle")}>
            <p>
              {t("booking.gone")} <a href={deskHref}>{t("booking.chooseOther")}</a>
            </p>
          </Notice>
        ) : null}
        {conflict ? (
          <p>
            <a href={deskHref}>{t("booking.chooseOther")}</a>
          </p>
        ) : null}
        <section class="panel panel--accent" aria-labelledby="chosen-title">
          <h2 id="chosen-title" class="heading-3">
            {t("booking.chosen")}
          </h2>
          <Details
            rows={[
              [t("booking.when"), when(start, end, locale)],
              [t("booking.where"), `${desk.name}, ${desk.address}`],
            ]}
          />
          <p>
            <a href={deskHref}>{t("booking.changeTime")}</a>
          </p>
        </section>
        <form method="post" action={`/boeken/${region.slug}/loket/${desk.id}/afspraak`} class="form" novalidate>
          <input type="hidden" name="start" value={values.start} />
          <input type="hidden" name="idempotencyKey" value={values.idempotencyKey} />
          <h2>{t("booking.aboutQuestion")}</h2>
          {desk.modes.length > 1 ? (
            <ChoiceGroup
              t={t}
              id="f-mode"
              name="mode"
              type="radio"
              legend={t("booking.mode")}
              options={modeOptions(w, desk.modes)}
              selected={mode ? [mode] : []}
              errors={errors}
              required
            />
          ) : (
            <>
              <input type="hidden" name="mode" value={desk.modes[0] ?? "in_person"} />
              <p>
                <strong>{t("booking.mode")}:</strong> {modeLabel(desk.modes[0] ?? "in_person", w.locale)}
              </p>
            </>
          )}
          <SelectField
            t={t}
            id="f-topic"
            name="topic"
            label={t("booking.topic")}
            errors={errors}
            value={values.topic}
            options={desk.topics.map((tp) => ({ value: tp, label: topicLabel(tp, locale) }))}
            empty={t("booking.chooseTopic")}
            required
          />
          <TextArea
            t={t}
            id="f-question"
            name="question"
            label={t("booking.question")}
            hint={t("booking.questionHint")}
            errors={errors}
            value={values.question}
            maxlength={2000}
            warning={
              <div class="privacy-warning" id="f-question-warning">
                <p>
                  <strong>{t("booking.privacyWarningTitle")}</strong> {t("booking.privacyWarning")}
                </p>
              </div>
            }
          />
          <h2>{t("booking.aboutYou")}</h2>
          <p>{t("booking.aboutYouIntro")}</p>
          <TextField t={t} id="f-name" name="name" label={t("booking.name")} errors={errors} value={values.name} autocomplete="name" required />
          <TextField
            t={t}
            id="f-email"
            name="email"
            type="email"
            label={t("booking.email")}
            hint={t("booking.emailHint")}
            errors={errors}
            value={values.email}
            autocomplete="email"
            inputmode="email"
            required
          />
          <TextField
            t={t}
            id="f-phone"
            name="phone"
            type="tel"
            label={t("booking.phone")}
            hint={t("booking.phoneHint")}
            errors={errors}
            value={values.phone}
            autocomplete="tel"
            width="m"
          />
          <TextField
            t={t}
            id="f-company"
            name="companyName"
            label={t("booking.company")}
            errors={errors}
            value={values.companyName}
            autocomplete="organization"
          />
          <TextField
            t={t}
            id="f-kvk"
            name="kvkNumber"
            label={t("booking.kvk")}
            hint={t("booking.kvkHint")}
            errors={errors}
            value={values.kvkNumber}
            inputmode="numeric"
            width="s"
            autocomplete="off"
          />
          <ChoiceGroup
            t={t}
            id="f-consent"
            name="consent"
            type="checkbox"
            legend={t("booking.consentLegend")}
            hint={t("booking.consentHint")}
            options={[{ value: "yes", label: t("booking.consent") }]}
            selected={values.consent ? ["yes"] : []}
            errors={errors}
            required
          />
          <p>
            <a href="/privacy">{t("booking.privacyLink")}</a>
          </p>
          <div class="form__actions">
            <button type="submit" class="button button--primary">
              {t("booking.submit")}
            </button>
          </div>
        </form>
      </>
    ),
  });
}

async function bookingFormPage(w: Web) {
  return bookingForm(
    w,
    { start: w.c.req.query("start") ?? "", topic: asTopic(w.c.req.query("topic")), mode: asMode(w.c.req.query("mode")), idempotencyKey: crypto.randomUUID() },
    [],
  );
}

async function bookingSubmit(w: Web) {
  assertSameOrigin(w.c);
  const slug = await regionSlugOf(w);
  const form = await readForm(w);
  const optional = (name: string) => {
    const value = field(form, name).trim();
    return value === "" ? undefined : value;
  };
  const values: BookingFormValues = {
    start: field(form, "start"),
    mode: optional("mode"),
    topic: optional("topic"),
    question: field(form, "question"),
    name: field(form, "name"),
    email: field(form, "email"),
    phone: field(form, "phone"),
    companyName: field(form, "companyName"),
    kvkNumber: field(form, "kvkNumber"),
    consent: field(form, "consent") === "yes",
    idempotencyKey: /^[0-9a-f-]{36}$/.test(field(form, "idempotencyKey")) ? field(form, "idempotencyKey") : crypto.randomUUID(),
  };
  const body = {
    frontdeskId: w.c.req.param("id") ?? "",
    start: values.start,
    mode: values.mode,
    topic: values.topic,
    question: optional("question"),
    entrepreneur: { name: values.name, email: values.email, phone: optional("phone"), companyName: optional("companyName"), kvkNumber: optional("kvkNumber") },
    consent: values.consent,
    locale: w.locale,
  };
  const parsed = v.safeParse(BookingBody, body);
  if (!parsed.success) {
    const paths = parsed.issues.map((i) => v.getDotPath(i) ?? "");
    return bookingForm(w, values, bookingErrors(w, paths), 400);
  }
  const { locale, ...input } = parsed.output;
  try {
    const { result, replayed } = await bookAppointment(
      w.c.var.db,
      slug,
      { ...input, locale: locale ?? w.locale },
      { now: Date.now(), links: linksFor(w.c), limits: requestLimits(w.c), idempotency: { key: `web-${values.idempotencyKey}`, body } },
    );
    if (!replayed) deliverSoon(w.c);
    return seeOther(w, `/afspraak/${result.body.manageToken}/bevestigd`);
  } catch (error) {
    if (error instanceof DomainError && error.code === "validation_failed") {
      return bookingForm(
        w,
        values,
        bookingErrors(
          w,
          (error.issues ?? []).map((i) => i.path),
        ),
        400,
      );
    }
    if (error instanceof DomainError && (error.code === "slot_unavailable" || error.code === "idempotency_key_reused")) {
      return bookingForm(w, { ...values, idempotencyKey: crypto.randomUUID() }, [{ id: "", message: w.t("error.slotUnavailable") }], 409, true);
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Confirmation

async function confirmationPage(w: Web) {
  const { t } = w;
  const token = w.c.req.param("token") ?? "";
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new DomainError("not_found", "Unknown link");
  const { scope, row, desk } = await resolveManageToken(w.c.var.db, token);
  w.region = scope.region;
  const dto = toOwnAppointmentDto(row, desk, scope.region, w.now);
  const origin = linksFor(w.c).origin;
  const manage = `${origin}/afspraak/${token}`;
  return render(w, {
    title: t("confirm.title"),
    body: (
      <>
        <div class="confirmation">
          <h1>{t("confirm.title")}</h1>
          <p class="lead">{t("confirm.lead", { email: row.email ?? "" })}</p>
        </div>
        <section class="panel panel--accent" aria-labelledby="appt-title">
          <h2 id="appt-title" class="heading-3">
            {t("confirm.yourAppointment")}
          </h2>
          <Details rows={appointmentRows(w, row, desk, dto.videoUrl)} />
          <p class="actions">
            <a class="button button--secondary" href={`/api/v1/appointments/${token}/ics`} download>
              {t("confirm.addToCalendar")}
            </a>
          </p>
        </section>
        <section class="section" aria-labelledby="manage-title">
          <h2 id="manage-title">{t("confirm.manageTitle")}</h2>
          <p>{t("confirm.manageText")}</p>
          <p class="manage-link">
            <a href={`/afspraak/${token}`}>{manage}</a>
          </p>
          <p class="small">{t("confirm.manageKeep")}</p>
        </section>
      </>
    ),
  });
}

// ---------------------------------------------------------------------------
// Static pages

function staticPage(keys: { title: MessageKey; paragraphs: MessageKey[] }) {
  return page((w) =>
    render(w, {
      title: w.t(keys.title),
      body: (
        <article class="prose">
          <h1>{w.t(keys.title)}</h1>
          {keys.paragraphs.map((k) => (k.endsWith("H") ? <h2>{w.t(k)}</h2> : <p>{w.t(k)}</p>))}
        </article>
      ),
    }),
  );
}

export function registerPublicPages(app: Hono<AppEnv>): void {
  app.get("/", page(homePage));
  app.get("/zoeken", page(searchRedirect));
  app.get("/boeken/:region", page(regionPage));
  app.get("/boeken/:region/loket/:id", page(deskPage));
  app.get("/boeken/:region/loket/:id/afspraak", page(bookingFormPage));
  app.post("/boeken/:region/loket/:id/afspraak", page(bookingSubmit));
  app.get("/afspraak/:token/bevestigd", page(confirmationPage));
  app.get(
    "/toegankelijkheid",
    staticPage({ title: "a11y.title", paragraphs: ["a11y.p1", "a11y.p2", "a11y.statusH", "a11y.p3", "a11y.p4", "a11y.feedbackH", "a11y.p5"] }),
  );
  app.get(
    "/privacy",
    staticPage({
      title: "privacy.title",
      paragraphs: [
        "privacy.p1",
        "privacy.whatH",
        "privacy.p2",
        "privacy.p3",
        "privacy.whyH",
        "privacy.p4",
        "privacy.keepH",
        "privacy.p5",
        "privacy.rightsH",
        "privacy.p6",
      ],
    }),
  );
}
