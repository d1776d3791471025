/**
 * The booking form (also without JavaScript): the chosen time, the question and the
 * entrepreneur's details. Validated with the API's `BookingBody`; booked by the same
 * `bookAppointment` as the API (limits, idempotency, outbox).
 */
import { BookingBody } from "../../features/appointments/appointments.schemas";
import { bookAppointment } from "../../features/appointments/appointments.booking";
import { readDeskSlots } from "../../features/availability/availability.reads";
import { PUBLIC } from "../../features/auth/policy";
import { loadEntrepreneur } from "../../features/entrepreneurs/entrepreneur-session";
import { bookingPrefill } from "../../features/entrepreneurs/prefill.service";
import { frontdeskDetailOf, readRegionConfig } from "../../features/frontdesks/frontdesks.service";
import { deliverSoon } from "../../features/notifications/notify";
import { assertSameOrigin } from "../../http/access";
import { DomainError } from "../../lib/errors";
import { linksFor } from "../../lib/links";
import { requestLimits } from "../../lib/rate-limit";
import { localDate, parseInstant } from "../../lib/time";
import { TOPICS, modeLabel, topicLabel, type Mode } from "../../lib/vocabulary";
import { LIMBURG_MUNICIPALITIES } from "../../lib/dutch-municipalities";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { KvkPrefill } from "../kit/kvk-prefill";
import { field, optional, parseForm, readForm, serviceErrors, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { when } from "../kit/format";
import { errorText, seeOther, withQuery, pageRoute, type PageRoute } from "../kit/page";
import { formPage } from "../kit/scaffolds";
import { Details, Notice, Panel } from "../kit/ui";
import { modeOptions, searchFilters } from "./search";
import { Where, type DeskContact } from "./visit";

const BOOKING_FIELDS: FieldMap = [
  ["mode", "f-mode", "err.mode"],
  ["topic", "f-topic", "err.topic"],
  ["question", "f-question", "err.question"],
  ["entrepreneur.name", "f-name", "err.name"],
  ["entrepreneur.email", "f-email", "err.email"],
  ["entrepreneur.phone", "f-phone", "err.phone"],
  ["entrepreneur.companyName", "f-company", "err.company"],
  ["entrepreneur.kvkNumber", "f-kvk", "err.kvk"],
  ["entrepreneur.municipality", "f-municipality", "err.municipality"],
  ["consent", "f-consent", "err.consent"],
  ["start", "", "err.start"],
  ["frontdeskId", "", "err.start"],
];

/** The form as the API's booking body. */
function bookingBody(w: Web, form: FormValues) {
  return {
    frontdeskId: w.c.req.param("id") ?? "",
    start: field(form, "start"),
    mode: optional(form, "mode"),
    topic: optional(form, "topic"),
    question: optional(form, "question"),
    entrepreneur: {
      name: field(form, "name"),
      email: field(form, "email"),
      phone: optional(form, "phone"),
      companyName: optional(form, "companyName"),
      kvkNumber: optional(form, "kvkNumber"),
      municipality: optional(form, "municipality"),
    },
    consent: field(form, "consent") === "yes",
    locale: w.locale,
  };
}

/** The warning right at the question: no sensitive personal data. */
function PrivacyWarning({ w }: { w: Web }) {
  return (
    <div class="privacy-warning" id="f-question-warning">
      <p>
        <strong>{w.t("booking.privacyWarningTitle")}</strong> {w.t("booking.privacyWarning")}
      </p>
    </div>
  );
}

/** The chosen time and place, with a way back to choose another (and a warning when it is gone). */
function ChosenTime(p: { w: Web; when: string; desk: DeskContact; mode: Mode | undefined; deskHref: string; gone: boolean; conflict: boolean }) {
  const { t } = p.w;
  const other = <a href={p.deskHref}>{t("booking.chooseOther")}</a>;
  return (
    <>
      {p.gone ? (
        <Notice kind="warning" title={t("booking.goneTitle")}>
          <p>
            {t("booking.gone")} {other}
          </p>
        </Notice>
      ) : null}
      {p.conflict ? <p>{other}</p> : null}
      <Panel id="chosen" title={t("booking.chosen")} class="panel--accent">
        <Details
          rows={[
            [t("booking.when"), p.when],
            [t("booking.where"), <Where w={p.w} desk={p.desk} mode={p.mode} />],
          ]}
        />
        <p>
          <a href={p.deskHref}>{t("booking.changeTime")}</a>
        </p>
      </Panel>
    </>
  );
}

async function bookingForm(w: Web, form: FormValues, errors: FieldErrors, status = 200, conflict = false) {
  const { t, locale } = w;
  const slug = w.c.req.param("region") ?? "";
  const id = w.c.req.param("id") ?? "";
  const start = parseInstant(field(form, "start"));
  const keep = { topic: optional(form, "topic"), mode: optional(form, "mode"), municipality: optional(form, "municipality") };
  if (start === null) {
    // No time chosen: back to the desk (after the same 404 checks as with one).
    const { config } = await readRegionConfig(w.c.var.db, slug, w.now);
    const known = config.desks.find((d) => d.id === id && d.archivedAt === null);
    if (!known) throw new DomainError("not_found", "This frontdesk does not exist.");
    return seeOther(w, withQuery(`/boeken/${slug}/loket/${id}`, keep));
  }
  // Is the time (still) free? Check against the desk's real slots of that day (the desk page's read: one round trip).
  const date = localDate(start);
  const read = await readDeskSlots(w.c, slug, id, { from: date, to: date }, w.now);
  const region = read.region;
  w.region = region;
  const desk = frontdeskDetailOf(read.config, read.desk, date);
  const deskHref = withQuery(`/boeken/${region.slug}/loket/${desk.id}`, { ...keep, date });
  const free = read.slots.find((s) => s.start === start);
  const end = free?.end ?? start + desk.slotMinutes * 60_000;
  const mode = optional(form, "mode") ?? (desk.modes.length === 1 ? desk.modes[0] : undefined);
  const f = formFields(w, form, errors);
  const texts = { title: t("booking.title"), submit: t("booking.submit") };
  const breadcrumbs: Array<[string, string | null]> = [
    [t("nav.home"), "/"],
    [region.name, `/boeken/${region.slug}`],
    [desk.name, deskHref],
    [texts.title, null],
  ];
  const chosen = (
    <ChosenTime
      w={w}
      when={when(start, end, locale)}
      desk={desk}
      mode={mode as Mode | undefined}
      deskHref={deskHref}
      gone={!free && !conflict}
      conflict={conflict}
    />
  );
  const spec = { texts, action: `/boeken/${region.slug}/loket/${desk.id}/afspraak`, errors, status, breadcrumbs, between: chosen };
  // Any topic is bookable (decision 0008): a topic brought along (e.g. from "talk to a desk about this") stays chosen even when the desk does not list it.
  const asked = field(form, "topic");
  const deskTopics: readonly string[] = desk.topics;
  const brought = asked && !deskTopics.includes(asked) && (TOPICS as readonly string[]).includes(asked) ? [asked] : [];
  const topics = [...brought, ...desk.topics].map((tp) => ({ value: tp, label: topicLabel(tp, locale) }));
  const consent = [{ value: "yes", label: t("booking.consent") }];
  return formPage(
    w,
    { ...spec, errorTitle: conflict ? t("booking.conflictTitle") : undefined },
    <>
      <input type="hidden" name="start" value={field(form, "start")} />
      <input type="hidden" name="idempotencyKey" value={field(form, "idempotencyKey")} />
      <h2>{t("booking.aboutQuestion")}</h2>
      {desk.modes.length > 1 ? (
        <f.Choices
          id="f-mode"
          name="mode"
          type="radio"
          legend={t("booking.mode")}
          options={modeOptions(w, desk.modes)}
          selected={mode ? [mode] : []}
          required
        />
      ) : (
        <>
          <input type="hidden" name="mode" value={desk.modes[0] ?? "in_person"} />
          <p>
            <strong>{t("booking.mode")}:</strong> {modeLabel(desk.modes[0] ?? "in_person", locale)}
          </p>
        </>
      )}
      <f.Select id="f-topic" name="topic" label={t("booking.topic")} options={topics} empty={t("booking.chooseTopic")} required />
      <f.Area
        id="f-question"
        name="question"
        label={t("booking.question")}
        hint={t("booking.questionHint")}
        maxlength={2000}
        warning={<PrivacyWarning w={w} />}
      />
      <h2>{t("booking.aboutYou")}</h2>
      <p>{t("booking.aboutYouIntro")}</p>
      <f.Text id="f-name" name="name" label={t("booking.name")} autocomplete="name" required />
      <f.Text id="f-email" name="email" type="email" label={t("booking.email")} hint={t("booking.emailHint")} autocomplete="email" inputmode="email" required />
      <f.Text id="f-phone" name="phone" type="tel" label={t("booking.phone")} hint={t("booking.phoneHint")} autocomplete="tel" width="m" />
      <f.Text id="f-company" name="companyName" label={t("booking.company")} autocomplete="organization" />
      <f.Text id="f-kvk" name="kvkNumber" label={t("booking.kvk")} hint={t("booking.kvkHint")} inputmode="numeric" width="s" autocomplete="off" />
      <KvkPrefill w={w} />
      <f.Text
        id="f-municipality"
        name="municipality"
        label={t("booking.municipality")}
        hint={t("booking.municipalityHint")}
        list="limburg-municipalities"
        width="m"
        autocomplete="off"
      />
      <datalist id="limburg-municipalities">
        {LIMBURG_MUNICIPALITIES.map((m) => (
          <option value={m} />
        ))}
      </datalist>
      <f.Choices id="f-consent" name="consent" type="checkbox" legend={t("booking.consentLegend")} hint={t("booking.consentHint")} options={consent} required />
      <p>
        <a href="/privacy">{t("booking.privacyLink")}</a>
      </p>
    </>,
  );
}

/** A signed-in entrepreneur's details for the form (their session cookie; nothing read without one). */
async function prefilled(w: Web): Promise<FormValues> {
  const me = await loadEntrepreneur(w.c);
  if (!me) return {};
  const known = await bookingPrefill(w.c.var.db, me);
  const values: FormValues = { email: known.email };
  for (const [name, value] of [
    ["name", known.name],
    ["phone", known.phone],
    ["companyName", known.companyName],
    ["kvkNumber", known.kvkNumber],
  ] as const)
    if (value) values[name] = value;
  return values;
}

export async function bookingFormPage(w: Web) {
  const { topic, mode, municipality } = searchFilters(w);
  const form = {
    ...(await prefilled(w)),
    start: w.c.req.query("start") ?? "",
    topic: topic ?? "",
    mode: mode ?? "",
    municipality: municipality ?? "",
    idempotencyKey: crypto.randomUUID(),
  };
  return bookingForm(w, form, []);
}

export async function bookingSubmit(w: Web) {
  assertSameOrigin(w.c);
  const form = await readForm(w);
  // One key per form: a resubmitted form is the same booking (answered again, not booked twice).
  if (!/^[0-9a-f-]{36}$/.test(field(form, "idempotencyKey"))) form.idempotencyKey = crypto.randomUUID();
  const body = bookingBody(w, form);
  const parsed = parseForm(w.t, BookingBody, body, BOOKING_FIELDS);
  if (!parsed.ok) return bookingForm(w, form, parsed.errors, 400);
  const { locale, ...input } = parsed.value;
  try {
    const { result, replayed } = await bookAppointment(
      w.c.var.db,
      w.c.req.param("region") ?? "",
      { ...input, locale: locale ?? w.locale },
      { now: w.now, links: linksFor(w.c), limits: requestLimits(w.c), idempotency: { key: `web-${field(form, "idempotencyKey")}`, body } },
    );
    if (!replayed) deliverSoon(w.c);
    return seeOther(w, `/afspraak/${result.body.manageToken}/bevestigd`);
  } catch (error) {
    const refused = serviceErrors(w.t, error, BOOKING_FIELDS);
    if (refused) return bookingForm(w, form, refused.errors, refused.status);
    if (error instanceof DomainError && (error.code === "slot_unavailable" || error.code === "idempotency_key_reused")) {
      return bookingForm(w, { ...form, idempotencyKey: crypto.randomUUID() }, [{ id: "", message: errorText(w, "slot_unavailable") }], 409, true);
    }
    throw error;
  }
}

export const bookingPages: PageRoute[] = [
  pageRoute("get", "/boeken/:region/loket/:id/afspraak", PUBLIC, bookingFormPage, { regionInBatch: true }),
  pageRoute("post", "/boeken/:region/loket/:id/afspraak", PUBLIC, bookingSubmit, { regionInBatch: true }),
];
