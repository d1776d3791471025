/**
 * Create and change an event (`…/evenementen/nieuw`, `…/evenementen/:id/wijzigen`) in both
 * organiser areas. Sessions are rows of date + start + end in Amsterdam time (as many rows as
 * needed: "more rows" adds three without JavaScript); empty rows are left out. The form is
 * shaped like the API's `NewEventBody` and validated with it; a change sends only the fields
 * that differ (so a partner's change of a published event goes to review as the API's PATCH
 * does). The services `createEvent` and `changeEvent`.
 */
import { AUDIENCES, EVENT_FORMATS, EVENT_TYPES } from "../../db/schema";
import type { EventAdmin } from "../../features/events/events.dto";
import { type NewEventInput, NewEventBody, type EventPatchInput } from "../../features/events/events.schemas";
import { changeEvent, createEvent } from "../../features/events/events.service";
import { getOrganiserEvent } from "../../features/events/organiser.service";
import { listRegions } from "../../features/regions/regions.service";
import { deliverSoon } from "../../features/notifications/notify";
import { requireActor } from "../../lib/context";
import { DomainError } from "../../lib/errors";
import { localDate } from "../../lib/time";
import { TOPICS, topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, fields, optional, parseForm, readForm, serviceErrors, wholeNumber, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { time } from "../kit/format";
import { formPage } from "../kit/scaffolds";
import { pageRoute, seeOther, type PageRoute } from "../kit/page";
import { audienceLabel, amsterdamIso, formatLabel, typeLabel } from "./shared";
import { bothAreas, eventIdOf, ORGANISATION_ORGANISERS, organiserOf, OrganiserCrumbs, REGION_ORGANISERS } from "./organiser-shared";

const MIN_ROWS = 3;

const BASE_FIELDS: FieldMap = [
  ["title", "f-title", "err.evoTitle"],
  ["summary", "f-summary", "err.evoSummary"],
  ["description", "f-description", "err.evoDescription"],
  ["type", "f-type", "err.evoType"],
  ["format", "f-format", "err.evoFormat"],
  ["topics", "f-topics", "err.evoTopics"],
  ["regions", "f-regions", "err.evoRegions"],
];
const LATER_FIELDS: FieldMap = [
  ["location", "f-location", "err.evoLocation"],
  ["joinUrl", "f-join", "err.evoJoinUrl"],
  ["capacity", "f-capacity", "err.evoCapacity"],
  ["priceNote", "f-price", "err.evoPrice"],
  ["registrationDeadline", "f-deadline-date", "err.evoDeadline"],
  ["contact.name", "f-contact-name", "err.evoContactName"],
  ["contact.email", "f-contact-email", "err.evoContactEmail"],
  ["contact.phone", "f-contact-phone", "err.evoContactPhone"],
];

/** The field map for `rows` session rows (issues of session i show at row i). */
function fieldMap(rows: number): FieldMap {
  const sessions: Array<FieldMap[number]> = [];
  for (let i = 0; i < rows; i++) {
    sessions.push([`sessions.${i}.start`, `f-s${i}-date`, "err.evoSessionStart"], [`sessions.${i}.end`, `f-s${i}-end`, "err.evoSessionEnd"]);
  }
  // "No session" from the schema (min_length) or the whole list from the service (`sessions.all`, see `serviceRefusal`);
  // an issue of one session (`sessions.0.end`) shows at that session only.
  return [
    ...BASE_FIELDS,
    ...sessions,
    ["sessions", "f-s0-date", "err.evoSessions", "min_length"],
    ["sessions.all", "f-s0-date", "err.evoSessions"],
    ...LATER_FIELDS,
  ];
}

/** A service's refusal through the form's map; a refusal of the whole session list ("in the future") named `sessions.all`. */
function serviceRefusal(w: Web, error: unknown, map: FieldMap) {
  const renamed =
    error instanceof DomainError && error.issues
      ? new DomainError(
          error.code,
          error.message,
          error.issues.map((i) => (i.path === "sessions" ? { ...i, path: "sessions.all" } : i)),
        )
      : error;
  return serviceErrors(w.t, renamed, map, { conflict: "evo.conflict" });
}

/** The filled session rows, moved up so that row i is session i. */
function compactRows(form: FormValues): FormValues {
  const rows: Array<[string, string, string]> = [];
  for (let i = 0; i < 100 && (`s${i}-date` in form || `s${i}-start` in form); i++) {
    const row: [string, string, string] = [field(form, `s${i}-date`), field(form, `s${i}-start`), field(form, `s${i}-end`)];
    if (row.some((x) => x.trim() !== "")) rows.push(row);
  }
  const out: FormValues = Object.fromEntries(Object.entries(form).filter(([k]) => !/^s\d+-/.test(k)));
  rows.forEach(([d, s, e], i) => Object.assign(out, { [`s${i}-date`]: d, [`s${i}-start`]: s, [`s${i}-end`]: e }));
  out.rows = String(rows.length);
  return out;
}
const rowCount = (form: FormValues) => Number(field(form, "rows")) || 0;

/** The form as the API's create body. */
function eventBody(form: FormValues) {
  const sessions = Array.from({ length: rowCount(form) }, (_, i) => {
    const date = field(form, `s${i}-date`);
    return { start: amsterdamIso(date, field(form, `s${i}-start`)), end: amsterdamIso(date, field(form, `s${i}-end`), true) };
  });
  const deadlineDate = optional(form, "deadlineDate");
  const contactName = optional(form, "contactName");
  const contactEmail = optional(form, "contactEmail");
  return {
    title: field(form, "title"),
    summary: field(form, "summary"),
    description: field(form, "description"),
    type: field(form, "type"),
    format: field(form, "format"),
    topics: fields(form, "topics"),
    audiences: fields(form, "audiences"),
    regions: fields(form, "regions"),
    sessions,
    location: optional(form, "location") ?? null,
    joinUrl: optional(form, "joinUrl") ?? null,
    capacity: wholeNumber(form, "capacity"),
    priceNote: optional(form, "priceNote") ?? null,
    ...(deadlineDate ? { registrationDeadline: amsterdamIso(deadlineDate, field(form, "deadlineTime") || "00:00") } : {}),
    ...(contactName || contactEmail
      ? {
          contact: { name: contactName ?? "", email: contactEmail ?? "", ...(optional(form, "contactPhone") ? { phone: optional(form, "contactPhone") } : {}) },
        }
      : {}),
  };
}

/** An event's current content (a pending change when there is one) as form values. */
function formOf(e: EventAdmin): FormValues {
  const c = e.revision ?? e;
  const deadline = Date.parse(c.registrationDeadline);
  const values: FormValues = {
    title: c.title,
    summary: c.summary,
    description: c.description,
    type: c.type,
    format: c.format,
    topics: c.topics,
    audiences: c.audiences,
    regions: c.regions,
    location: c.location ?? "",
    joinUrl: c.joinUrl ?? "",
    capacity: String(c.capacity),
    priceNote: c.priceNote ?? "",
    deadlineDate: localDate(deadline),
    deadlineTime: time(deadline),
    contactName: c.contact.name,
    contactEmail: c.contact.email,
    contactPhone: c.contact.phone ?? "",
    rows: String(c.sessions.length),
  };
  c.sessions.forEach((s, i) => {
    const start = Date.parse(s.start);
    Object.assign(values, { [`s${i}-date`]: localDate(start), [`s${i}-start`]: time(start), [`s${i}-end`]: time(Date.parse(s.end)) });
  });
  return values;
}

/** A value as text for comparing; lists of words in any order are the same list. */
const comparable = (value: unknown) => JSON.stringify(Array.isArray(value) && value.every((x) => typeof x === "string") ? [...value].sort() : value);

/** Only what differs from the current content: the API's PATCH body. */
function changedFields(next: NewEventInput, e: EventAdmin): EventPatchInput {
  const c = e.revision ?? e;
  const current: Record<string, unknown> = {
    ...c,
    sessions: c.sessions.map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end) })),
    registrationDeadline: Date.parse(c.registrationDeadline),
  };
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    if (comparable(value) !== comparable(current[key])) patch[key] = value;
  }
  return patch as EventPatchInput;
}

async function eventForm(w: Web, p: { form: FormValues; errors: FieldErrors; status?: number; event?: EventAdmin }) {
  const { t, locale } = w;
  const o = organiserOf(w);
  const regions = await listRegions(w.c.var.db);
  const f = formFields(w, p.form, p.errors);
  const rows = Math.max(MIN_ROWS, rowCount(p.form));
  const title = p.event ? t("evo.form.editTitle") : t("evo.form.newTitle");
  const lead =
    p.event?.status === "published" && o.scope.kind === "organisation" && w.actor?.role === "partner"
      ? t("evo.form.leadRevision")
      : o.scope.kind === "region"
        ? t("evo.form.leadRegion")
        : t("evo.form.leadPartner");
  const action = p.event ? `${o.base}/${p.event.id}/wijzigen` : `${o.base}/nieuw`;
  const back = p.event ? `${o.base}/${p.event.id}` : o.base;
  const options = <V extends string>(values: readonly V[], label: (v: V) => string) => values.map((value) => ({ value, label: label(value) }));
  return formPage(
    w,
    {
      texts: { title, lead, submit: p.event ? t("evo.form.save") : t("evo.form.create") },
      action,
      errors: p.errors,
      status: p.status ?? 200,
      cancel: { href: back, label: t("evo.form.cancel") },
      before: <OrganiserCrumbs w={w} o={o} {...(p.event ? { event: p.event } : {})} page={title} />,
    },
    <>
      <input type="hidden" name="rows" value={String(rows)} />
      <h2>{t("evo.form.about")}</h2>
      <f.Text id="f-title" name="title" label={t("evo.form.title")} required />
      <f.Text id="f-summary" name="summary" label={t("evo.form.summary")} hint={t("evo.form.summaryHint")} required />
      <f.Area id="f-description" name="description" label={t("evo.form.description")} hint={t("evo.form.descriptionHint")} maxlength={8000} required />
      <f.Select
        id="f-type"
        name="type"
        label={t("evo.form.type")}
        options={options(EVENT_TYPES, (x) => typeLabel(w, x))}
        empty={t("evo.form.chooseType")}
        required
      />
      <f.Choices id="f-format" name="format" type="radio" legend={t("evo.form.format")} options={options(EVENT_FORMATS, (x) => formatLabel(w, x))} required />
      <f.Choices id="f-topics" name="topics" type="checkbox" legend={t("evo.form.topics")} options={options(TOPICS, (x) => topicLabel(x, locale))} required />
      <f.Choices id="f-audiences" name="audiences" type="checkbox" legend={t("evo.form.audiences")} options={options(AUDIENCES, (x) => audienceLabel(w, x))} />
      <f.Choices
        id="f-regions"
        name="regions"
        type="checkbox"
        legend={t("evo.form.regions")}
        hint={t("evo.form.regionsHint")}
        options={regions.map((r) => ({ value: r.slug, label: r.name }))}
        required
      />
      <h2>{t("evo.form.sessions")}</h2>
      <p class="field__hint">{t("evo.form.sessionsHint")}</p>
      {Array.from({ length: rows }, (_, i) => (
        <fieldset class="fieldset form--inline">
          <legend class="field__label">{t("evo.form.session", { n: i + 1 })}</legend>
          <f.Text id={`f-s${i}-date`} name={`s${i}-date`} type="date" label={t("evo.form.date")} width="m" required={i === 0} />
          <f.Text id={`f-s${i}-start`} name={`s${i}-start`} type="time" label={t("evo.form.start")} width="s" required={i === 0} />
          <f.Text id={`f-s${i}-end`} name={`s${i}-end`} type="time" label={t("evo.form.end")} width="s" required={i === 0} />
        </fieldset>
      ))}
      <p>
        <button type="submit" name="more" value="yes" class="button button--secondary">
          {t("evo.form.moreSessions")}
        </button>
      </p>
      <h2>{t("evo.form.practical")}</h2>
      <f.Text id="f-location" name="location" label={t("evo.form.location")} hint={t("evo.form.locationHint")} />
      <f.Text id="f-join" name="joinUrl" type="url" label={t("evo.form.joinUrl")} hint={t("evo.form.joinUrlHint")} />
      <f.Text id="f-capacity" name="capacity" type="number" label={t("evo.form.capacity")} width="s" min="1" max="5000" required />
      <f.Text id="f-price" name="priceNote" label={t("evo.form.price")} hint={t("evo.form.priceHint")} />
      <f.Text id="f-deadline-date" name="deadlineDate" type="date" label={t("evo.form.deadlineDate")} hint={t("evo.form.deadlineHint")} width="m" />
      <f.Text id="f-deadline-time" name="deadlineTime" type="time" label={t("evo.form.deadlineTime")} width="s" />
      <h2>{t("evo.form.contact")}</h2>
      <p class="field__hint">{t("evo.form.contactHint")}</p>
      <f.Text id="f-contact-name" name="contactName" label={t("evo.form.contactName")} autocomplete="off" />
      <f.Text id="f-contact-email" name="contactEmail" type="email" label={t("evo.form.contactEmail")} autocomplete="off" />
      <f.Text id="f-contact-phone" name="contactPhone" type="tel" label={t("evo.form.contactPhone")} autocomplete="off" width="m" />
    </>,
  );
}

/** The organiser's own region (the region, or the organisation's home region), checked on a new form. */
async function newEventPage(w: Web) {
  const o = organiserOf(w);
  let region = o.scope.kind === "region" ? o.scope.region.slug : "";
  if (o.scope.kind === "organisation") {
    const homeId = o.scope.organisation.homeRegionId;
    region = (await listRegions(w.c.var.db)).find((r) => r.id === homeId)?.slug ?? "";
  }
  return eventForm(w, { form: { regions: region ? [region] : [], rows: String(MIN_ROWS) }, errors: [] });
}

/** Reads the post; "more rows" shows the form again with three more rows and saves nothing. */
async function readEventForm(w: Web): Promise<{ form: FormValues; more: boolean }> {
  const posted = await readForm(w);
  const form = compactRows(posted);
  const more = field(posted, "more") === "yes";
  if (more) form.rows = String(Math.max(rowCount(form), MIN_ROWS) + 3);
  return { form, more };
}

async function createSubmit(w: Web) {
  const o = organiserOf(w);
  const { form, more } = await readEventForm(w);
  if (more) return eventForm(w, { form, errors: [] });
  const map = fieldMap(rowCount(form));
  const parsed = parseForm(w.t, NewEventBody, eventBody(form), map);
  if (!parsed.ok) return eventForm(w, { form, errors: parsed.errors, status: 400 });
  try {
    const event = await createEvent(o.scope, requireActor(w.c), parsed.value, w.now);
    return seeOther(w, `${o.base}/${event.id}?klaar=aangemaakt`);
  } catch (error) {
    const refused = serviceRefusal(w, error, map);
    if (refused) return eventForm(w, { form, errors: refused.errors, status: refused.status });
    throw error;
  }
}

async function editPage(w: Web) {
  const event = await getOrganiserEvent(organiserOf(w).scope, eventIdOf(w));
  return eventForm(w, { form: formOf(event), errors: [], event });
}

async function editSubmit(w: Web) {
  const o = organiserOf(w);
  const event = await getOrganiserEvent(o.scope, eventIdOf(w));
  const { form, more } = await readEventForm(w);
  if (more) return eventForm(w, { form, errors: [], event });
  const map = fieldMap(rowCount(form));
  const parsed = parseForm(w.t, NewEventBody, eventBody(form), map);
  if (!parsed.ok) return eventForm(w, { form, errors: parsed.errors, status: 400, event });
  const patch = changedFields(parsed.value, event);
  if (Object.keys(patch).length === 0) return seeOther(w, `${o.base}/${event.id}`);
  try {
    const changed = await changeEvent(o.scope, requireActor(w.c), event.id, patch, w.now);
    deliverSoon(w.c);
    return seeOther(w, `${o.base}/${event.id}?klaar=${changed.revisionStatus === "in_review" && changed.status === "published" ? "wijziging" : "opgeslagen"}`);
  } catch (error) {
    const refused = serviceRefusal(w, error, map);
    if (refused) return eventForm(w, { form, errors: refused.errors, status: refused.status, event });
    throw error;
  }
}

const [regionNew, partnerNew] = bothAreas("/nieuw");
const [regionEdit, partnerEdit] = bothAreas("/:id/wijzigen");

export const eventFormPages: PageRoute[] = [
  pageRoute("get", regionNew, REGION_ORGANISERS, newEventPage),
  pageRoute("post", regionNew, REGION_ORGANISERS, createSubmit),
  pageRoute("get", partnerNew, ORGANISATION_ORGANISERS, newEventPage),
  pageRoute("post", partnerNew, ORGANISATION_ORGANISERS, createSubmit),
  pageRoute("get", regionEdit, REGION_ORGANISERS, editPage),
  pageRoute("post", regionEdit, REGION_ORGANISERS, editSubmit),
  pageRoute("get", partnerEdit, ORGANISATION_ORGANISERS, editPage),
  pageRoute("post", partnerEdit, ORGANISATION_ORGANISERS, editSubmit),
];
