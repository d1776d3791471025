/**
 * Registering a candidate: by staff (also straight from an agenda appointment) and by the
 * entrepreneur themselves. Validated with the API's `CandidateBody` / `SelfRegistrationBody`;
 * registered by the same services as the API (`selfRegister` holds the rate limit).
 */
import { supportConditions } from "../../features/notifications/candidate-messages";
import { deliverSoon } from "../../features/notifications/notify";
import { linksFor } from "../../lib/links";
import * as v from "valibot";
import { readCandidateForm } from "../../features/scouting/scouting.reads";
import { CandidateBody, SelfRegistrationBody } from "../../features/scouting/scouting.schemas";
import { Id } from "../../features/frontdesks/frontdesks.schemas";
import { PUBLIC } from "../../features/auth/policy";
import { regionScope, type RegionScope } from "../../db/scope";
import { assertSameOrigin } from "../../http/access";
import { DomainError } from "../../lib/errors";
import { requestLimits } from "../../lib/rate-limit";
import { TOPICS, topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { KvkPrefill } from "../kit/kvk-prefill";
import { field, optional, parseForm, readForm, serviceErrors, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { when } from "../kit/format";
import { actorOf, errorText, seeOther, scopeOf, pageRoute, type PageRoute } from "../kit/page";
import { formPage, messagePage } from "../kit/scaffolds";
import { Notice } from "../kit/ui";
import { SCOUTS, base, candidateCrumbs } from "./shared";
import { registerCandidate, selfRegister } from "../../features/scouting/registration.service";

const CANDIDATE_FIELDS: FieldMap = [
  ["company.name", "f-company", "sc.err.company"],
  ["company.kvkNumber", "f-kvk", "sc.err.kvk"],
  ["contact.name", "f-contact", "sc.err.contact"],
  ["contact.email", "f-email", "sc.err.email"],
  ["contact.phone", "f-phone", "sc.err.phone"],
  ["municipality", "f-municipality", "sc.err.municipality"],
  ["ambition", "f-ambition", "sc.err.ambition"],
  ["topic", "f-topic", "sc.err.topic"],
  ["frontdeskId", "f-desk", "sc.err.desk"],
  ["appointmentId", "f-desk", "sc.err.desk"],
  ["consent", "f-consent", "sc.err.consent"],
];

/** Staff register for a desk: the form asks for one unless the appointment names it. */
const StaffCandidateWithDesk = v.object({ ...CandidateBody.entries, frontdeskId: Id });

type Mode = "staff" | "self";

/** The form as the API's candidate body. */
function candidateBody(form: FormValues, mode: Mode) {
  const appointmentId = optional(form, "appointmentId");
  const frontdeskId = optional(form, "frontdeskId");
  const invitation = optional(form, "invitation");
  return {
    company: { name: field(form, "company"), kvkNumber: field(form, "kvkNumber") },
    contact: { name: field(form, "contactName"), email: field(form, "email"), ...(optional(form, "phone") ? { phone: field(form, "phone") } : {}) },
    municipality: field(form, "municipality"),
    ambition: field(form, "ambition"),
    topic: field(form, "topic"),
    consent: field(form, "consent") === "yes",
    ...(mode === "staff" && appointmentId ? { appointmentId } : {}),
    ...(mode === "staff" && !appointmentId ? { frontdeskId: frontdeskId ?? "" } : {}),
    ...(mode === "self" && invitation ? { invitation } : {}),
  };
}

function parseCandidate(w: Web, form: FormValues, mode: Mode) {
  const body = candidateBody(form, mode);
  const schema = mode === "self" ? SelfRegistrationBody : "appointmentId" in body ? CandidateBody : StaffCandidateWithDesk;
  return parseForm(w.t, schema, body, CANDIDATE_FIELDS);
}

type Loaded = Awaited<ReturnType<typeof readCandidateForm>>;

async function candidateForm(w: Web, scope: RegionScope, mode: Mode, form: FormValues, errors: FieldErrors, status = 200, loaded?: Loaded) {
  const { t, locale } = w;
  const staff = mode === "staff";
  // One read for the whole form: municipalities, the desks the actor may scout for, the appointment (or the caller's read).
  const { municipalities, desks, appointment } =
    loaded ?? (await readCandidateForm(scope, staff ? actorOf(w) : w.actor, mode, (staff && optional(form, "appointmentId")) || null, w.now));
  const apptDesk = appointment ? desks.find((d) => d.id === appointment.frontdeskId) : undefined;
  // Staff and entrepreneurs read their own wording of the same fields.
  const say = (key: "title" | "lead" | "submit" | "company" | "contact" | "email" | "phone" | "ambition" | "consent") =>
    t(staff ? `sc.form.${key}` : `sc.self.${key}`);
  // Personal fields: the entrepreneur's own details get autocomplete; staff type someone else's.
  const ac = (token: string) => (staff ? "off" : token);
  const f = formFields(w, form, errors);
  const texts = { title: say("title"), lead: say("lead"), submit: say("submit") };
  const breadcrumbs: Array<[string, string | null]> = staff
    ? candidateCrumbs(w, texts.title)
    : [
        [t("nav.home"), "/"],
        [scope.region.name, `/boeken/${scope.region.slug}`],
        [texts.title, null],
      ];
  const fromAppointment =
    appointment && apptDesk ? (
      <Notice kind="info">
        <p>{t("sc.form.fromAppointment", { when: when(appointment.startAt, appointment.endAt, locale), desk: apptDesk.name })}</p>
      </Notice>
    ) : null;
  const action = staff ? `${base(w)}/kandidaten/nieuw` : `/boeken/${scope.region.slug}/begeleidingstraject`;
  const options = {
    municipalities: municipalities.map((m) => ({ value: m.name, label: m.name })),
    topics: TOPICS.map((tp) => ({ value: tp, label: topicLabel(tp, locale) })),
    desks: desks.map((d) => ({ value: d.id, label: d.name })),
    consent: [{ value: "yes", label: say("consent") }],
  };
  return formPage(
    w,
    { texts, action, errors, status, breadcrumbs, before: staff ? fromAppointment : <SelfConditions w={w} /> },
    <>
      {appointment && apptDesk ? <input type="hidden" name="appointmentId" value={appointment.id} /> : null}
      {/* An event's invitation link (…/begeleidingstraject?uitnodiging=…): the candidate then comes from that event. */}
      {!staff && optional(form, "invitation") ? <input type="hidden" name="invitation" value={field(form, "invitation")} /> : null}
      <f.Text id="f-company" name="company" label={say("company")} required autocomplete={ac("organization")} />
      <f.Text id="f-kvk" name="kvkNumber" label={t("sc.form.kvk")} hint={t("sc.form.kvkHint")} required width="m" inputmode="numeric" autocomplete="off" />
      <KvkPrefill w={w} />
      <f.Text id="f-contact" name="contactName" label={say("contact")} required autocomplete={ac("name")} />
      <f.Text id="f-email" name="email" type="email" label={say("email")} required autocomplete={ac("email")} inputmode="email" />
      <f.Text id="f-phone" name="phone" type="tel" label={say("phone")} width="m" autocomplete={ac("tel")} />
      <f.Select id="f-municipality" name="municipality" label={t("sc.form.municipality")} options={options.municipalities} empty={t("adm.choose")} required />
      <f.Area
        id="f-ambition"
        name="ambition"
        label={say("ambition")}
        hint={t(staff ? "sc.form.ambitionHint" : "sc.self.ambitionHint")}
        required
        maxlength={600}
      />
      <f.Select id="f-topic" name="topic" label={t("sc.form.topic")} options={options.topics} empty={t("adm.choose")} required />
      {staff && !(appointment && apptDesk) ? (
        <f.Select
          id="f-desk"
          name="frontdeskId"
          label={t("sc.form.desk")}
          value={field(form, "frontdeskId") || (desks.length === 1 ? desks[0]?.id : "")}
          options={options.desks}
          empty={t("adm.choose")}
          required
        />
      ) : null}
      <f.Choices
        id="f-consent"
        name="consent"
        type="checkbox"
        legend={t("sc.form.consentLegend")}
        hint={staff ? undefined : t("sc.self.consentHint")}
        options={options.consent}
        required
      />
      {staff ? null : (
        <p>
          <a href="/privacy">{t("booking.privacyLink")}</a>
        </p>
      )}
    </>,
  );
}

/** What the Support Process asks of the entrepreneur, in plain words, before they register. */
function SelfConditions({ w }: { w: Web }) {
  return (
    <section class="panel" aria-labelledby="conditions-title">
      <h2 id="conditions-title" class="heading-3">
        {w.t("sc.self.conditionsTitle")}
      </h2>
      <ul>
        {supportConditions(w.locale).map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <p>{w.t("sc.self.mailNote")}</p>
    </section>
  );
}

export async function newCandidatePage(w: Web) {
  const scope = scopeOf(w);
  const appointmentId = w.c.req.query("afspraak");
  const loaded = await readCandidateForm(scope, actorOf(w), "staff", appointmentId ?? null, w.now);
  if (!appointmentId) return candidateForm(w, scope, "staff", {}, [], 200, loaded);
  const a = loaded.appointment;
  if (!a) throw new DomainError("not_found", "This appointment");
  const form: FormValues = {
    appointmentId: a.id,
    company: a.companyName ?? "",
    kvkNumber: a.kvkNumber ?? "",
    contactName: a.name ?? "",
    email: a.email ?? "",
    phone: a.phone ?? "",
    municipality: a.municipality,
    topic: a.topic,
    frontdeskId: a.frontdeskId,
  };
  return candidateForm(w, scope, "staff", form, [], 200, loaded);
}

export async function newCandidateSubmit(w: Web) {
  const scope = scopeOf(w);
  const form = await readForm(w);
  const parsed = parseCandidate(w, form, "staff");
  if (!parsed.ok) return candidateForm(w, scope, "staff", form, parsed.errors, 400);
  try {
    await registerCandidate(scope, actorOf(w), parsed.value, w.now, undefined, undefined, linksFor(w.c).origin);
    deliverSoon(w.c);
  } catch (error) {
    const refused = serviceErrors(w.t, error, CANDIDATE_FIELDS);
    if (refused) return candidateForm(w, scope, "staff", form, refused.errors, refused.status);
    throw error;
  }
  return seeOther(w, `${base(w)}/kandidaten?klaar=1`);
}

export async function selfPage(w: Web) {
  const { t } = w;
  // One read: the region (404 when unknown) with what the form shows.
  const loaded = await readCandidateForm({ db: w.c.var.db, slug: w.c.req.param("region") ?? "" }, w.actor, "self", null, w.now);
  const scope = regionScope(w.c.var.db, loaded.region);
  w.region = scope.region;
  const invitation = w.c.req.query("uitnodiging");
  if (!w.c.req.query("klaar")) return candidateForm(w, scope, "self", invitation ? { invitation: invitation.slice(0, 100) } : {}, [], 200, loaded);
  const link = { href: `/boeken/${scope.region.slug}`, label: t("region.title", { region: scope.region.name }) };
  return messagePage(w, { title: t("sc.self.doneTitle"), text: t("sc.self.done"), link });
}

export async function selfSubmit(w: Web) {
  assertSameOrigin(w.c);
  const scope = scopeOf(w);
  const form = await readForm(w);
  const parsed = parseCandidate(w, form, "self");
  if (!parsed.ok) return candidateForm(w, scope, "self", form, parsed.errors, 400);
  try {
    await selfRegister(scope, parsed.value, { now: w.now, limits: requestLimits(w.c), locale: w.locale, origin: linksFor(w.c).origin });
    deliverSoon(w.c);
  } catch (error) {
    if (error instanceof DomainError && error.code === "rate_limited")
      return candidateForm(w, scope, "self", form, [{ id: "f-company", message: errorText(w, "rate_limited") }], 429);
    const refused = serviceErrors(w.t, error, CANDIDATE_FIELDS);
    if (refused) return candidateForm(w, scope, "self", form, refused.errors, refused.status);
    throw error;
  }
  return seeOther(w, `/boeken/${scope.region.slug}/begeleidingstraject?klaar=1`);
}

export const candidateFormPages: PageRoute[] = [
  pageRoute("get", "/boeken/:region/begeleidingstraject", PUBLIC, selfPage, { regionInBatch: true }),
  pageRoute("post", "/boeken/:region/begeleidingstraject", PUBLIC, selfSubmit),
  pageRoute("get", "/beheer/:region/kandidaten/nieuw", SCOUTS, newCandidatePage),
  pageRoute("post", "/beheer/:region/kandidaten/nieuw", SCOUTS, newCandidateSubmit),
];
