/**
 * Desk staff acting for an entrepreneur (issue 13): book for a caller or walk-in, cancel or move
 * an appointment on their behalf. The pages call the staff appointment service (the booking
 * service's capacity check and e-mails, no online cut-off, audited) and go back to the agenda of
 * the day with a message that names the appointment.
 */
import type { Child } from "hono/jsx";
import { BookingBody, RescheduleBody } from "../../features/appointments/appointments.schemas";
import {
  bookForEntrepreneur,
  cancelForEntrepreneur,
  rescheduleForEntrepreneur,
  staffAppointment,
  staffBookingChoices,
  staffMoveChoices,
} from "../../features/appointments/staff-appointments.service";
import { rolesAccess } from "../../features/auth/policy";
import type { Slot } from "../../features/availability/slots";
import { deliverSoon } from "../../features/notifications/notify";
import { DomainError } from "../../lib/errors";
import { linksFor } from "../../lib/links";
import { requestLimits } from "../../lib/rate-limit";
import { localDate, todayLocal } from "../../lib/time";
import { TOPICS, modeLabel, topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { ErrorSummary, TextField, formFields } from "../kit/fields";
import { field, optional, parseForm, readForm, serviceErrors, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { when } from "../kit/format";
import { actorOf, errorText, pageRoute, render, scopeOf, seeOther, withQuery, type PageRoute } from "../kit/page";
import { FormActions } from "../kit/scaffolds";
import { Notice } from "../kit/ui";
import { SlotRadios } from "./slot-picker";
import { dateFieldHint, readDateField } from "./date-jump";
import { formatDutchDate } from "../../lib/dutch";

const STAFF = rolesAccess("region_admin", "frontdesk_staff");

const agendaPath = (w: Web) => `/beheer/${w.region?.slug ?? ""}/agenda`;
const idOf = (w: Web) => w.c.req.param("id") ?? "";

/** Back to the agenda of the appointment's day, with a message that names it. */
function backToAgenda(w: Web, done: "geboekt" | "geannuleerd" | "verzet", id: string, start: number): Response {
  return seeOther(w, withQuery(agendaPath(w), { date: localDate(start), klaar: done, afspraak: id }));
}

function staffPage(w: Web, p: { title: string; errors: FieldErrors; status: number; lead: string }, content: Child) {
  return render(w, {
    title: p.title,
    status: p.status,
    body: (
      <>
        <p>
          <a href={agendaPath(w)}>{w.t("sa.back")}</a>
        </p>
        <h1>{p.title}</h1>
        <ErrorSummary t={w.t} errors={p.errors} />
        <p class="lead">{p.lead}</p>
        {content}
      </>
    ),
  });
}

/** The day a staff page shows: the typed one (dd-mm-jjjj), or today with the field's message when it cannot be taken. */
function typedDay(w: Web, raw: string): { date: string; raw: string; errors: FieldErrors } {
  const read = raw === "" ? { date: todayLocal(w.now), error: undefined } : readDateField(w, raw);
  return read.error === undefined ? { date: read.date, raw, errors: [] } : { date: todayLocal(w.now), raw, errors: [{ id: "f-date", message: read.error }] };
}

/** The date field of the staff pages: shows the day as dd-mm-jjjj, or what was typed when it is wrong. */
function DateField({ w, typed }: { w: Web; typed: { date: string; raw: string; errors: FieldErrors } }) {
  return (
    <TextField
      t={w.t}
      id="f-date"
      name="date"
      label={w.t("agenda.date")}
      hint={dateFieldHint(w)}
      errors={typed.errors}
      value={typed.errors.length ? typed.raw : formatDutchDate(typed.date)}
      autocomplete="off"
      width="m"
    />
  );
}

/** The free times of one day at one desk, as radios (staff: no minimum notice). */
function freeTimes(w: Web, free: Slot[], date: string, error: string | undefined, except?: number) {
  const slots = free.filter((s) => s.start !== except);
  const onDay = slots.filter((s) => localDate(s.start) === date);
  if (onDay.length === 0) return <Notice kind="info" title={w.t("sa.noTimes")} />;
  return <SlotRadios t={w.t} locale={w.locale} group={{ date, slots: onDay }} error={error} />;
}

const refusedCodes = new Set(["too_late", "conflict", "slot_unavailable"]);
function refusal(w: Web, error: unknown): FieldErrors | null {
  if (!(error instanceof DomainError) || !refusedCodes.has(error.code)) return null;
  return [{ id: error.code === "slot_unavailable" ? "f-start" : "", message: errorText(w, error.code) }];
}

// ---------------------------------------------------------------------------
// Booking for a caller or walk-in

const BOOK_FIELDS: FieldMap = [
  ["start", "f-start", "err.slot"],
  ["mode", "f-mode", "err.mode"],
  ["topic", "f-topic", "err.topic"],
  ["entrepreneur.name", "f-name", "err.name"],
  ["entrepreneur.email", "f-email", "err.email"],
  ["entrepreneur.phone", "f-phone", "err.phone"],
  ["entrepreneur.companyName", "f-company", "err.company"],
  ["entrepreneur.kvkNumber", "f-kvk", "err.kvk"],
  ["question", "f-question", "err.question"],
  ["consent", "f-consent", "err.consent"],
  ["frontdeskId", "f-desk", "err.start"],
];

export async function bookPage(w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200) {
  const { t, locale } = w;
  const askedDesk = field(form, "frontdeskId") || w.c.req.query("frontdeskId");
  const typed = typedDay(w, field(form, "date") || w.c.req.query("date") || "");
  const date = typed.date;
  const { desks, desk, slots } = await staffBookingChoices(scopeOf(w), actorOf(w), askedDesk, date, w.now);
  const f = formFields(w, form, [...errors, ...typed.errors]);
  const action = withQuery(`/beheer/${w.region?.slug ?? ""}/afspraken/nieuw`, { frontdeskId: desk?.id, date });
  return staffPage(
    w,
    { title: t("sa.book"), errors: [...typed.errors, ...errors], status: typed.errors.length && status === 200 ? 400 : status, lead: t("sa.bookLead") },
    <>
      <form method="get" action={action.split("?")[0]} class="form form--inline panel" novalidate>
        <f.Select id="f-desk" name="frontdeskId" label={t("agenda.desk")} value={desk?.id ?? ""} options={desks.map((d) => ({ value: d.id, label: d.name }))} />
        <DateField w={w} typed={typed} />
        <FormActions submit={t("sa.showTimes")} kind="secondary" />
      </form>
      {desk ? (
        <form method="post" action={action} class="form" novalidate>
          <input type="hidden" name="frontdeskId" value={desk.id} />
          <input type="hidden" name="date" value={date} />
          {freeTimes(w, slots, date, errors.find((e) => e.id === "f-start")?.message)}
          <f.Select
            id="f-mode"
            name="mode"
            label={t("booking.mode")}
            required
            value={field(form, "mode") || desk.modes[0]}
            options={desk.modes.map((m) => ({ value: m, label: modeLabel(m, locale) }))}
          />
          <f.Select
            id="f-topic"
            name="topic"
            label={t("booking.topic")}
            required
            value={field(form, "topic") || desk.topics[0]}
            options={TOPICS.map((x) => ({ value: x, label: topicLabel(x, locale) }))}
          />
          <f.Text id="f-name" name="name" label={t("booking.name")} required autocomplete="off" />
          <f.Text id="f-email" name="email" type="email" label={t("booking.email")} required autocomplete="off" />
          <f.Text id="f-phone" name="phone" type="tel" label={t("booking.phone")} autocomplete="off" />
          <f.Text id="f-company" name="companyName" label={t("booking.company")} autocomplete="off" />
          <f.Text id="f-kvk" name="kvkNumber" label={t("booking.kvk")} inputmode="numeric" width="m" />
          <f.Area id="f-question" name="question" label={t("booking.question")} />
          <f.Choices
            id="f-consent"
            name="consent"
            legend={t("sa.consentLegend")}
            type="checkbox"
            required
            options={[{ value: "yes", label: t("sa.consent") }]}
          />
          <FormActions submit={t("sa.bookSubmit")} cancel={{ href: agendaPath(w), label: t("sa.back") }} />
        </form>
      ) : null}
    </>,
  );
}

export async function bookSubmit(w: Web) {
  const form = await readForm(w);
  const body = {
    frontdeskId: field(form, "frontdeskId"),
    start: field(form, "start"),
    mode: field(form, "mode"),
    topic: field(form, "topic"),
    question: optional(form, "question"),
    entrepreneur: {
      name: field(form, "name"),
      email: field(form, "email"),
      phone: optional(form, "phone"),
      companyName: optional(form, "companyName"),
      kvkNumber: optional(form, "kvkNumber"),
    },
    consent: field(form, "consent") === "yes",
  };
  const parsed = parseForm(w.t, BookingBody, body, BOOK_FIELDS);
  if (!parsed.ok) return bookPage(w, form, parsed.errors, 400);
  const { locale: _ignored, consent: _consent, ...input } = parsed.value;
  try {
    const booked = await bookForEntrepreneur(
      scopeOf(w),
      actorOf(w),
      { ...input, locale: w.locale },
      { now: w.now, links: linksFor(w.c), limits: requestLimits(w.c) },
    );
    deliverSoon(w.c);
    return backToAgenda(w, "geboekt", booked.id, Date.parse(booked.start));
  } catch (error) {
    const refused = refusal(w, error) ?? serviceErrors(w.t, error, BOOK_FIELDS)?.errors;
    if (refused) return bookPage(w, form, refused, 409);
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Cancelling and moving on the entrepreneur's behalf

export async function staffCancelPage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const { row, desk } = await staffAppointment(scopeOf(w), actorOf(w), idOf(w), w.now);
  const lead = t("sa.cancelLead", { name: row.name ?? t("agenda.anonymised"), when: when(row.startAt, row.endAt, w.locale), desk: desk.name });
  return staffPage(
    w,
    { title: t("sa.cancelTitle"), errors, status, lead },
    row.status === "confirmed" && row.startAt > w.now ? (
      <form method="post" action={`/beheer/${w.region?.slug ?? ""}/afspraken/${row.id}/annuleren`} class="form" novalidate>
        <FormActions
          submit={t("sa.cancelSubmit")}
          kind="warning"
          cancel={{ href: withQuery(agendaPath(w), { date: localDate(row.startAt) }), label: t("sa.keep") }}
        />
      </form>
    ) : (
      <Notice kind="info" title={errorText(w, "conflict")} />
    ),
  );
}

export async function staffCancelSubmit(w: Web) {
  try {
    const done = await cancelForEntrepreneur(scopeOf(w), actorOf(w), idOf(w), { now: w.now, links: linksFor(w.c) });
    deliverSoon(w.c);
    return backToAgenda(w, "geannuleerd", done.id, Date.parse(done.start));
  } catch (error) {
    const refused = refusal(w, error);
    if (refused) return staffCancelPage(w, refused, 409);
    throw error;
  }
}

export async function staffMovePage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const asked = w.c.req.query("date");
  const typed = asked ? typedDay(w, asked) : null;
  const { found, date, slots } = await staffMoveChoices(scopeOf(w), actorOf(w), idOf(w), typed?.errors.length ? null : (typed?.date ?? null), w.now);
  const { row, desk } = found;
  const base = `/beheer/${w.region?.slug ?? ""}/afspraken/${row.id}/verzetten`;
  const lead = t("sa.moveLead", { name: row.name ?? t("agenda.anonymised"), when: when(row.startAt, row.endAt, w.locale), desk: desk.name });
  const shown = typed ?? { date, raw: date, errors: [] };
  return staffPage(
    w,
    { title: t("sa.moveTitle"), errors: [...shown.errors, ...errors], status: shown.errors.length && status === 200 ? 400 : status, lead },
    row.status === "confirmed" && row.startAt > w.now ? (
      <>
        <form method="get" action={base} class="form form--inline panel" novalidate>
          <DateField w={w} typed={{ ...shown, date }} />
          <FormActions submit={t("sa.showTimes")} kind="secondary" />
        </form>
        <form method="post" action={withQuery(base, { date })} class="form" novalidate>
          {freeTimes(w, slots, date, errors.find((e) => e.id === "f-start")?.message, row.startAt)}
          <FormActions submit={t("sa.moveSubmit")} cancel={{ href: withQuery(agendaPath(w), { date: localDate(row.startAt) }), label: t("sa.back") }} />
        </form>
      </>
    ) : (
      <Notice kind="info" title={errorText(w, "conflict")} />
    ),
  );
}

const MOVE_FIELDS: FieldMap = [["start", "f-start", "err.slot"]];

export async function staffMoveSubmit(w: Web) {
  const parsed = parseForm(w.t, RescheduleBody, { start: field(await readForm(w), "start") }, MOVE_FIELDS);
  if (!parsed.ok) return staffMovePage(w, parsed.errors, 400);
  try {
    const done = await rescheduleForEntrepreneur(scopeOf(w), actorOf(w), idOf(w), parsed.value.start, { now: w.now, links: linksFor(w.c) });
    deliverSoon(w.c);
    return backToAgenda(w, "verzet", done.id, Date.parse(done.start));
  } catch (error) {
    const refused = refusal(w, error);
    if (refused) return staffMovePage(w, refused, 409);
    throw error;
  }
}

export const staffActionPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/afspraken/nieuw", STAFF, (w) => bookPage(w)),
  pageRoute("post", "/beheer/:region/afspraken/nieuw", STAFF, bookSubmit),
  pageRoute("get", "/beheer/:region/afspraken/:id/annuleren", STAFF, (w) => staffCancelPage(w)),
  pageRoute("post", "/beheer/:region/afspraken/:id/annuleren", STAFF, staffCancelSubmit),
  pageRoute("get", "/beheer/:region/afspraken/:id/verzetten", STAFF, (w) => staffMovePage(w)),
  pageRoute("post", "/beheer/:region/afspraken/:id/verzetten", STAFF, staffMoveSubmit),
];
