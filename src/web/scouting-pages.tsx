/**
 * Scouting and the Support Process in the web front: registering candidates (staff, also from
 * an agenda row, and entrepreneurs themselves), the consultant's caseload and trajectory page
 * (stage, go/no-go with referral, commitments, sessions), the admin's assignment, settings and
 * figures. Every page calls the scouting services directly.
 */
import type { Hono } from "hono";
import * as v from "valibot";
import type { AppEnv } from "../lib/context";
import { DomainError } from "../lib/errors";
import { isCalendarDate, todayLocal } from "../lib/time";
import { requestLimits } from "../lib/rate-limit";
import type { RegionScope } from "../db/scope";
import { FUNNEL_STAGES, REFERRAL_KINDS, STAGES, STOP_REASONS, type Stage } from "../db/schema";
import { PUBLIC, rolesAccess } from "../features/auth/policy";
import { listRegionUsers } from "../features/accounts/accounts.repo";
import { resolvePeriod } from "../features/reports/period";
import { CandidateBody, SelfRegistrationBody, SettingsBody } from "../features/scouting/scouting.schemas";
import {
  assignConsultant,
  changeStage,
  getScoutingSettings,
  readTrajectoryPage,
  listCandidates,
  listCaseload,
  logSession,
  recordCommitment,
  registerCandidate,
  selfRegister,
  updateScoutingSettings,
  type CandidateInput,
  type CandidateSummary,
} from "../features/scouting/scouting.service";
import { scoutingReport } from "../features/scouting/scouting.report";
import { readAssignPage, readCandidateForm } from "../features/scouting/scouting.reads";
import { atDecisionPoint, isActiveStage, nextStage } from "../features/scouting/transitions";
import { actorOf, field, fields, page, readForm, regionPageScope, render, seeOther, withQuery, type FieldErrors, type FormData, type Web } from "./web";
import { Breadcrumbs, ChoiceGroup, DataTable, Details, ErrorSummary, Notice, numCol, SelectField, TextArea, TextField } from "./layout";
import { day, when } from "./format";
import { topicLabel } from "../lib/vocabulary";
import type { MessageKey, T } from "./i18n";
import { assertSameOrigin, enforceAccess } from "../http/access";
import { regionScope } from "../db/scope";
import { TOPICS } from "../lib/vocabulary";

const SCOUTS = rolesAccess("region_admin", "frontdesk_staff");
const READERS = rolesAccess("region_admin", "frontdesk_staff", "consultant");
const WORKERS = rolesAccess("region_admin", "consultant");
const ADMIN = rolesAccess("region_admin");

export const stageLabel = (stage: string, t: T) => t(`stage.${stage}` as MessageKey);
const stopLabel = (reason: string, t: T) => t(`stop.${reason}` as MessageKey);
const referralLabel = (kind: string, t: T) => t(`referral.${kind}` as MessageKey);

const base = (w: Web) => `/beheer/${w.region?.slug ?? ""}`;
const isoDay = (iso: string) => iso.slice(0, 10);

/** Maps a service's issue paths to field ids; unknown paths give one general message. */
function mapIssues(t: T, error: DomainError, table: Record<string, [string, MessageKey]>): FieldErrors {
  const errors: FieldErrors = [];
  for (const issue of error.issues ?? []) {
    const path = issue.path.replace(/^body\./, "");
    const hit = table[path] ?? table[path.split(".")[0] ?? ""];
    if (hit && !errors.some((e) => e.id === hit[0])) errors.push({ id: hit[0], message: t(hit[1]) });
  }
  return errors.length ? errors : [{ id: "", message: error.code === "conflict" ? t("sc.err.state") : t("error.validation") }];
}

function StageBadge({ c, t }: { c: Pick<CandidateSummary, "stage" | "decisionRequired">; t: T }) {
  return (
    <>
      <span class={`status status--${c.stage === "stopped" ? "cancelled" : c.stage === "financing_arranged" ? "completed" : "confirmed"}`}>
        {stageLabel(c.stage, t)}
      </span>
      {c.decisionRequired ? (
        <>
          {" "}
          <span class="badge badge--warning">{t("sc.decisionRequired")}</span>
        </>
      ) : null}
    </>
  );
}

function CandidateTable({ w, rows, caption, showDesk = true }: { w: Web; rows: CandidateSummary[]; caption: string; showDesk?: boolean }) {
  const { t, locale } = w;
  return (
    <DataTable
      t={t}
      caption={caption}
      label={caption}
      columns={[
        t("sc.col.company"),
        t("sc.col.municipality"),
        t("sc.col.topic"),
        t("sc.col.stage"),
        t("sc.col.consultant"),
        ...(showDesk ? [t("sc.col.desk")] : []),
        numCol(t("sc.col.sessions")),
        t("sc.col.registered"),
      ]}
    >
      {rows.map((c) => (
        <tr>
          <th scope="row">
            <a href={`${base(w)}/kandidaten/${c.id}`}>{c.company.name}</a>
          </th>
          <td>{c.municipality}</td>
          <td>{topicLabel(c.topic, locale)}</td>
          <td>
            <StageBadge c={c} t={t} />
          </td>
          <td>{c.consultant?.name ?? t("sc.noConsultant")}</td>
          {showDesk ? <td>{c.frontdesk?.name ?? t("sc.self")}</td> : null}
          <td class="num">{c.sessionCount}</td>
          <td>{day(isoDay(c.registeredAt), locale, { short: true })}</td>
        </tr>
      ))}
    </DataTable>
  );
}

// ---------------------------------------------------------------------------
// Candidates list (staff: their desks; consultants and admins: the region)

async function candidatesPage(w: Web) {
  const { t } = w;
  const scope = await regionPageScope(w, READERS);
  const actor = actorOf(w);
  const rows = await listCandidates(scope, actor);
  const title = actor.role === "frontdesk_staff" ? t("sc.list.titleStaff") : t("sc.list.title");
  const isScout = actor.role !== "consultant";
  const isAdmin = actor.role === "region_admin" || actor.role === "platform_admin";
  return render(w, {
    title,
    body: (
      <>
        <h1>{title}</h1>
        {w.c.req.query("klaar") ? <Notice kind="success" title={t("sc.registered.done")} /> : null}
        <p>{t("sc.list.intro")}</p>
        <p class="actions">
          {isScout ? (
            <a class="button button--primary" href={`${base(w)}/kandidaten/nieuw`}>
              {t("sc.list.new")}
            </a>
          ) : null}
          {isAdmin ? (
            <>
              <a href={`${base(w)}/toewijzen`}>{t("sc.assign.title")}</a>
              <a href={`${base(w)}/begeleiding/instellingen`}>{t("sc.settings.title")}</a>
              <a href={`${base(w)}/begeleiding/cijfers`}>{t("sc.fig.title")}</a>
            </>
          ) : null}
        </p>
        {rows.length === 0 ? <p class="empty">{t("sc.list.none")}</p> : <CandidateTable w={w} rows={rows} caption={title} />}
      </>
    ),
  });
}

// ---------------------------------------------------------------------------
// Registering a candidate (staff) and self-registration (public)

interface CandidateValues {
  company: string;
  kvk: string;
  contact: string;
  email: string;
  phone: string;
  municipality: string;
  ambition: string;
  topic: string;
  frontdeskId: string;
  appointmentId: string;
  consent: boolean;
}

const EMPTY_CANDIDATE: CandidateValues = {
  company: "",
  kvk: "",
  contact: "",
  email: "",
  phone: "",
  municipality: "",
  ambition: "",
  topic: "",
  frontdeskId: "",
  appointmentId: "",
  consent: false,
};

const CANDIDATE_FIELDS: Record<string, [string, MessageKey]> = {
  "company.name": ["f-company", "sc.err.company"],
  "company.kvkNumber": ["f-kvk", "sc.err.kvk"],
  "contact.name": ["f-contact", "sc.err.contact"],
  "contact.email": ["f-email", "sc.err.email"],
  "contact.phone": ["f-phone", "sc.err.phone"],
  municipality: ["f-municipality", "sc.err.municipality"],
  ambition: ["f-ambition", "sc.err.ambition"],
  topic: ["f-topic", "sc.err.topic"],
  frontdeskId: ["f-desk", "sc.err.desk"],
  appointmentId: ["f-desk", "sc.err.desk"],
  consent: ["f-consent", "sc.err.consent"],
};
const FIELD_ORDER = ["f-company", "f-kvk", "f-contact", "f-email", "f-phone", "f-municipality", "f-ambition", "f-topic", "f-desk", "f-consent"];

function candidateValuesFrom(form: FormData): CandidateValues {
  return {
    company: field(form, "company"),
    kvk: field(form, "kvkNumber"),
    contact: field(form, "contactName"),
    email: field(form, "email"),
    phone: field(form, "phone"),
    municipality: field(form, "municipality"),
    ambition: field(form, "ambition"),
    topic: field(form, "topic"),
    frontdeskId: field(form, "frontdeskId"),
    appointmentId: field(form, "appointmentId"),
    consent: field(form, "consent") === "yes",
  };
}

function parseCandidate(t: T, values: CandidateValues, staff: boolean): { input: CandidateInput | null; errors: FieldErrors } {
  const raw = {
    company: { name: values.company, kvkNumber: values.kvk },
    contact: { name: values.contact, email: values.email, ...(values.phone.trim() ? { phone: values.phone } : {}) },
    municipality: values.municipality,
    ambition: values.ambition,
    topic: values.topic,
    consent: values.consent,
    ...(staff && values.appointmentId ? { appointmentId: values.appointmentId } : {}),
    ...(staff && !values.appointmentId && values.frontdeskId ? { frontdeskId: values.frontdeskId } : {}),
  };
  const parsed = staff ? v.safeParse(CandidateBody, raw) : v.safeParse(SelfRegistrationBody, raw);
  const errors: FieldErrors = [];
  if (parsed.success) {
    if (staff && !values.appointmentId && !values.frontdeskId) errors.push({ id: "f-desk", message: t("sc.err.desk") });
    return { input: errors.length ? null : (parsed.output as CandidateInput), errors };
  }
  const paths = parsed.issues.map((i) => v.getDotPath(i) ?? "");
  if (staff && !values.appointmentId && !values.frontdeskId) paths.push("frontdeskId");
  for (const id of FIELD_ORDER) {
    const entry = Object.entries(CANDIDATE_FIELDS).find(([path, [fid]]) => fid === id && paths.some((p) => p === path || p.startsWith(`${path}.`)));
    if (entry) errors.push({ id, message: t(entry[1][1]) });
  }
  if (errors.length === 0) errors.push({ id: "", message: t("error.validation") });
  return { input: null, errors };
}

async function candidateForm(
  w: Web,
  scope: RegionScope,
  mode: "staff" | "self",
  values: CandidateValues,
  errors: FieldErrors,
  status = 200,
  loaded?: Awaited<ReturnType<typeof readCandidateForm>>,
) {
  const { t, locale } = w;
  const staff = mode === "staff";
  const actor = w.actor;
  // One read for the whole form (or the one the caller already made).
  const { municipalities, desks, appointment } = loaded ?? (await readCandidateForm(scope, actor, mode, values.appointmentId || null, w.now));
  const apptDesk = appointment ? desks.find((d) => d.id === appointment.frontdeskId) : undefined;
  const title = staff ? t("sc.form.title") : t("sc.self.title");
  const action = staff ? `${base(w)}/kandidaten/nieuw` : `/boeken/${scope.region.slug}/begeleidingstraject`;
  // Personal fields: the entrepreneur's own details get autocomplete; staff type someone else's.
  const ac = (token: string) => (staff ? "off" : token);
  return render(w, {
    title,
    status,
    body: (
      <>
        {staff ? (
          <Breadcrumbs
            t={t}
            items={[
              [t("nav.candidates"), `${base(w)}/kandidaten`],
              [title, null],
            ]}
          />
        ) : (
          <Breadcrumbs
            t={t}
            items={[
              [t("nav.home"), "/"],
              [scope.region.name, `/boeken/${scope.region.slug}`],
              [title, null],
            ]}
          />
        )}
        <h1>{title}</h1>
        <p class="lead">{staff ? t("sc.form.lead") : t("sc.self.lead")}</p>
        {appointment && apptDesk ? (
          <Notice kind="info">
            <p>{t("sc.form.fromAppointment", { when: when(appointment.startAt, appointment.endAt, locale), desk: apptDesk.name })}</p>
          </Notice>
        ) : null}
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action={action} class="form" novalidate>
          {appointment && apptDesk ? <input type="hidden" name="appointmentId" value={appointment.id} /> : null}
          <TextField
            t={t}
            id="f-company"
            name="company"
            label={staff ? t("sc.form.company") : t("sc.self.company")}
            errors={errors}
            value={values.company}
            required
            autocomplete={ac("organization")}
          />
          <TextField
            t={t}
            id="f-kvk"
            name="kvkNumber"
            label={t("sc.form.kvk")}
            hint={t("sc.form.kvkHint")}
            errors={errors}
            value={values.kvk}
            required
            width="m"
            inputmode="numeric"
            autocomplete="off"
          />
          <TextField
            t={t}
            id="f-contact"
            name="contactName"
            label={staff ? t("sc.form.contact") : t("sc.self.contact")}
            errors={errors}
            value={values.contact}
            required
            autocomplete={ac("name")}
          />
          <TextField
            t={t}
            id="f-email"
            name="email"
            type="email"
            label={staff ? t("sc.form.email") : t("sc.self.email")}
            errors={errors}
            value={values.email}
            required
            autocomplete={ac("email")}
            inputmode="email"
          />
          <TextField
            t={t}
            id="f-phone"
            name="phone"
            type="tel"
            label={staff ? t("sc.form.phone") : t("sc.self.phone")}
            errors={errors}
            value={values.phone}
            width="m"
            autocomplete={ac("tel")}
          />
          <SelectField
            t={t}
            id="f-municipality"
            name="municipality"
            label={t("sc.form.municipality")}
            errors={errors}
            value={values.municipality}
            options={municipalities.map((m) => ({ value: m.name, label: m.name }))}
            empty={t("adm.choose")}
            required
          />
          <TextArea
            t={t}
            id="f-ambition"
            name="ambition"
            label={staff ? t("sc.form.ambition") : t("sc.self.ambition")}
            hint={t("sc.form.ambitionHint")}
            errors={errors}
            value={values.ambition}
            required
            maxlength={600}
          />
          <SelectField
            t={t}
            id="f-topic"
            name="topic"
            label={t("sc.form.topic")}
            errors={errors}
            value={values.topic}
            options={TOPICS.map((tp) => ({ value: tp, label: topicLabel(tp, locale) }))}
            empty={t("adm.choose")}
            required
          />
          {staff && !(appointment && apptDesk) ? (
            <SelectField
              t={t}
              id="f-desk"
              name="frontdeskId"
              label={t("sc.form.desk")}
              errors={errors}
              value={values.frontdeskId || (desks.length === 1 ? desks[0]?.id : "")}
              options={desks.map((d) => ({ value: d.id, label: d.name }))}
              empty={t("adm.choose")}
              required
            />
          ) : null}
          <ChoiceGroup
            t={t}
            id="f-consent"
            name="consent"
            type="checkbox"
            legend={t("sc.form.consentLegend")}
            hint={staff ? undefined : t("sc.self.consentHint")}
            options={[{ value: "yes", label: staff ? t("sc.form.consent") : t("sc.self.consent") }]}
            selected={values.consent ? ["yes"] : []}
            errors={errors}
            required
          />
          {staff ? null : (
            <p>
              <a href="/privacy">{t("booking.privacyLink")}</a>
            </p>
          )}
          <div class="form__actions">
            <button type="submit" class="button button--primary">
              {staff ? t("sc.form.submit") : t("sc.self.submit")}
            </button>
          </div>
        </form>
      </>
    ),
  });
}

async function newCandidatePage(w: Web) {
  const scope = await regionPageScope(w, SCOUTS);
  const actor = actorOf(w);
  const values = { ...EMPTY_CANDIDATE };
  const appointmentId = w.c.req.query("afspraak");
  const loaded = await readCandidateForm(scope, actor, "staff", appointmentId ?? null, w.now);
  if (appointmentId) {
    const a = loaded.appointment;
    if (!a) throw new DomainError("not_found", "This appointment");
    Object.assign(values, {
      appointmentId: a.id,
      company: a.companyName ?? "",
      kvk: a.kvkNumber ?? "",
      contact: a.name ?? "",
      email: a.email ?? "",
      phone: a.phone ?? "",
      municipality: a.municipality,
      topic: a.topic,
      frontdeskId: a.frontdeskId,
    });
  }
  return candidateForm(w, scope, "staff", values, [], 200, loaded);
}

async function newCandidateSubmit(w: Web) {
  const scope = await regionPageScope(w, SCOUTS);
  const values = candidateValuesFrom(await readForm(w));
  const { input, errors } = parseCandidate(w.t, values, true);
  if (!input) return candidateForm(w, scope, "staff", values, errors, 400);
  try {
    await registerCandidate(scope, actorOf(w), input, Date.now());
  } catch (error) {
    if (error instanceof DomainError && error.code === "validation_failed")
      return candidateForm(w, scope, "staff", values, mapIssues(w.t, error, CANDIDATE_FIELDS), 400);
    throw error;
  }
  return seeOther(w, `${base(w)}/kandidaten?klaar=1`);
}

async function selfPage(w: Web, values = EMPTY_CANDIDATE, errors: FieldErrors = [], status = 200) {
  // One read: the region (404 when unknown) with what the form shows.
  await enforceAccess(w.c, PUBLIC, { regionInBatch: true });
  const loaded = await readCandidateForm({ db: w.c.var.db, slug: w.c.req.param("region") ?? "" }, w.actor, "self", null, w.now);
  const scope = regionScope(w.c.var.db, loaded.region);
  w.region = scope.region;
  if (w.c.req.query("klaar")) {
    const { t } = w;
    return render(w, {
      title: t("sc.self.doneTitle"),
      body: (
        <div class="narrow">
          <h1>{t("sc.self.doneTitle")}</h1>
          <Notice kind="success" title={t("sc.self.doneTitle")}>
            <p>{t("sc.self.done")}</p>
          </Notice>
          <p>
            <a href={`/boeken/${scope.region.slug}`}>{t("region.title", { region: scope.region.name })}</a>
          </p>
        </div>
      ),
    });
  }
  return candidateForm(w, scope, "self", values, errors, status, loaded);
}

async function selfSubmit(w: Web) {
  assertSameOrigin(w.c);
  const scope = await regionPageScope(w, PUBLIC);
  const values = candidateValuesFrom(await readForm(w));
  const { input, errors } = parseCandidate(w.t, values, false);
  if (!input) return candidateForm(w, scope, "self", values, errors, 400);
  try {
    await selfRegister(scope, input, { now: Date.now(), limits: requestLimits(w.c) });
  } catch (error) {
    if (error instanceof DomainError && error.code === "rate_limited")
      return candidateForm(w, scope, "self", values, [{ id: "f-company", message: w.t("error.rateLimited") }], 429);
    if (error instanceof DomainError && error.code === "validation_failed")
      return candidateForm(w, scope, "self", values, mapIssues(w.t, error, CANDIDATE_FIELDS), 400);
    throw error;
  }
  return seeOther(w, `/boeken/${scope.region.slug}/begeleidingstraject?klaar=1`);
}

// ---------------------------------------------------------------------------
// The consultant's caseload

async function caseloadPage(w: Web) {
  const { t } = w;
  const scope = await regionPageScope(w, WORKERS);
  const actor = actorOf(w);
  let consultantId = actor.id;
  let title = t("sc.caseload.title");
  if (actor.role !== "consultant") {
    const asked = w.c.req.query("adviseur") ?? "";
    const consultant = (await listRegionUsers(scope)).find((u) => u.id === asked && u.role === "consultant");
    if (!consultant) return seeOther(w, `${base(w)}/toewijzen`);
    consultantId = consultant.id;
    title = t("sc.caseload.titleOf", { name: consultant.name });
  }
  const rows = await listCaseload(scope, consultantId);
  const active = rows.filter((r) => r.active);
  const ended = rows.filter((r) => !r.active);
  return render(w, {
    title,
    body: (
      <>
        <h1>{title}</h1>
        <p>{t("sc.caseload.intro")}</p>
        {rows.length === 0 ? <p class="empty">{t("sc.caseload.none")}</p> : null}
        {active.length ? (
          <>
            <h2>{t("sc.caseload.active")}</h2>
            <CandidateTable w={w} rows={active} caption={t("sc.caseload.active")} />
          </>
        ) : null}
        {ended.length ? (
          <>
            <h2>{t("sc.caseload.ended")}</h2>
            <CandidateTable w={w} rows={ended} caption={t("sc.caseload.ended")} />
          </>
        ) : null}
      </>
    ),
  });
}

// ---------------------------------------------------------------------------
// The trajectory page

type FormName = "stage" | "go" | "stop" | "commit" | "session" | "assign";
interface TrajectoryForm {
  name: FormName;
  values: Record<string, string>;
  errors: FieldErrors;
}

/** The two commitments and the entrepreneur's name: asked at a go decision and when recording a commitment. */
function CommitmentFields(p: {
  t: T;
  form: "go" | "commit";
  errors: FieldErrors;
  val: (form: FormName, key: string, fallback?: string) => string;
  contactName: string;
}) {
  const { t, form, errors, val } = p;
  return (
    <>
      <TextArea
        t={t}
        id={`f-${form}-ec`}
        name="entrepreneurCommitment"
        label={t("sc.traj.entrepreneurCommitment")}
        hint={t("sc.traj.entrepreneurCommitmentHint")}
        errors={errors}
        value={val(form, "entrepreneurCommitment")}
        required
        maxlength={1000}
      />
      <TextArea
        t={t}
        id={`f-${form}-cc`}
        name="consultantCommitment"
        label={t("sc.traj.consultantCommitment")}
        errors={errors}
        value={val(form, "consultantCommitment")}
        required
        maxlength={1000}
      />
      <TextField
        t={t}
        id={`f-${form}-name`}
        name="entrepreneurName"
        label={t("sc.traj.entrepreneurName")}
        errors={errors}
        value={val(form, "entrepreneurName", p.contactName)}
        required
        autocomplete="off"
      />
    </>
  );
}

async function trajectoryPage(w: Web, failed: TrajectoryForm | null = null, status = 200) {
  const { t, locale } = w;
  const scope = await regionPageScope(w, READERS);
  const actor = actorOf(w);
  const id = w.c.req.param("id") ?? "";
  const { trajectory: c, consultants } = await readTrajectoryPage(scope, actor, id);
  const isAdmin = actor.role === "region_admin" || actor.role === "platform_admin";
  const mayAct = isAdmin || (actor.role === "consultant" && c.consultant?.id === actor.id);
  const active = isActiveStage(c.stage);
  const decisionPoint = atDecisionPoint({ stage: c.stage, decisionRequired: c.decisionRequired });
  const next = nextStage(c.stage);
  const url = `${base(w)}/kandidaten/${c.id}`;
  const val = (form: FormName, key: string, fallback = "") => (failed?.name === form ? (failed.values[key] ?? fallback) : fallback);
  const errs = (form: FormName) => (failed?.name === form ? failed.errors : []);
  const saved = w.c.req.query("klaar");
  const commitments = "commitments" in c ? c.commitments : undefined;
  const sessions = "sessions" in c ? c.sessions : undefined;
  const history = "history" in c ? c.history : undefined;
  const goTo: Stage | null = c.decisionRequired && c.stage !== "ambition_assessed" ? c.stage : next;

  return render(w, {
    title: c.company.name,
    status,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [
              actor.role === "consultant" ? t("nav.caseload") : t("nav.candidates"),
              actor.role === "consultant" ? `${base(w)}/trajecten` : `${base(w)}/kandidaten`,
            ],
            [c.company.name, null],
          ]}
        />
        <h1>
          {c.company.name} <span class="subtitle">{stageLabel(c.stage, t)}</span>
        </h1>
        {saved ? <Notice kind="success" title={t("sc.traj.saved")} /> : null}
        {failed ? <ErrorSummary t={t} errors={failed.errors} /> : null}
        {c.decisionRequired ? (
          <Notice kind="warning" title={t("sc.decisionRequired")}>
            <p>{t("sc.traj.decisionNeeded")}</p>
          </Notice>
        ) : null}
        {c.stop ? (
          <p class="notice notice--warning">
            {t("sc.traj.stopped", { reason: stopLabel(c.stop.reason, t), referral: `${referralLabel(c.stop.referral.kind, t)}: ${c.stop.referral.name}` })}
          </p>
        ) : null}
        <h2>{t("sc.traj.details")}</h2>
        <Details
          rows={[
            [t("sc.col.stage"), <StageBadge c={c} t={t} />],
            [t("sc.form.kvk"), c.company.kvkNumber],
            [t("sc.traj.contact"), [c.contact.name, c.contact.email, c.contact.phone].filter(Boolean).join(" · ") || "—"],
            [t("sc.col.municipality"), c.municipality],
            [t("sc.col.topic"), topicLabel(c.topic, locale)],
            [t("sc.traj.ambition"), c.ambition ?? "—"],
            [t("sc.col.desk"), c.frontdesk?.name ?? t("sc.self")],
            [t("sc.col.consultant"), c.consultant?.name ?? t("sc.noConsultant")],
            [t("sc.col.registered"), day(isoDay(c.registeredAt), locale)],
            [t("sc.traj.noShows"), t("sc.traj.noShowsValue", { n: c.noShowsSinceDecision, rule: c.noShowRule })],
          ]}
        />

        {isAdmin && active ? (
          <section class="panel section" aria-labelledby="assign-title">
            <h2 id="assign-title" class="heading-3">
              {t("sc.traj.assignTitle")}
            </h2>
            {consultants.length === 0 ? (
              <p>{t("sc.assign.noConsultants")}</p>
            ) : (
              <form method="post" action={`${url}/adviseur`} class="form form--inline" novalidate>
                <SelectField
                  t={t}
                  id="f-assign"
                  name="consultantId"
                  label={t("sc.traj.consultant")}
                  errors={errs("assign")}
                  value={val("assign", "consultantId", c.consultant?.id ?? "")}
                  options={consultants.map((u) => ({ value: u.id, label: u.name }))}
                  empty={t("adm.choose")}
                  required
                />
                <div class="form__actions">
                  <button type="submit" class="button button--secondary">
                    {t("sc.traj.assignSubmit")}
                  </button>
                </div>
              </form>
            )}
          </section>
        ) : null}

        {actor.role !== "frontdesk_staff" ? (
          <section class="section" aria-labelledby="stage-title">
            <h2 id="stage-title">{t("sc.traj.stageTitle")}</h2>
            {!active ? (
              <p>{t("sc.traj.ended")}</p>
            ) : !mayAct ? (
              <p>{t("sc.traj.notYours")}</p>
            ) : (
              <>
                {!decisionPoint && next ? (
                  <form method="post" action={`${url}/fase`} class="form panel" novalidate>
                    <input type="hidden" name="to" value={next} />
                    <TextField
                      t={t}
                      id="f-stage-note"
                      name="note"
                      label={t("sc.traj.note")}
                      errors={errs("stage")}
                      value={val("stage", "note")}
                      autocomplete="off"
                    />
                    <div class="form__actions">
                      <button type="submit" class="button button--primary">
                        {t("sc.traj.next", { stage: stageLabel(next, t) })}
                      </button>
                    </div>
                  </form>
                ) : null}
                {decisionPoint && goTo ? (
                  <form method="post" action={`${url}/fase`} class="form panel" novalidate>
                    <h3>{t("sc.traj.goTitle")}</h3>
                    <p>{t("sc.traj.goText")}</p>
                    <input type="hidden" name="to" value={goTo} />
                    <input type="hidden" name="decision" value="go" />
                    <CommitmentFields t={t} form="go" errors={errs("go")} val={val} contactName={c.contact.name ?? ""} />
                    <TextField t={t} id="f-go-note" name="note" label={t("sc.traj.note")} errors={errs("go")} value={val("go", "note")} autocomplete="off" />
                    <div class="form__actions">
                      <button type="submit" class="button button--primary">
                        {goTo === c.stage ? t("sc.traj.goContinue") : t("sc.traj.goSubmit", { stage: stageLabel(goTo, t) })}
                      </button>
                    </div>
                  </form>
                ) : null}
                <details class="panel" open={failed?.name === "stop" ? true : undefined}>
                  <summary>{t("sc.traj.stopTitle")}</summary>
                  <p>{t("sc.traj.stopText")}</p>
                  <form method="post" action={`${url}/fase`} class="form" novalidate>
                    <input type="hidden" name="to" value="stopped" />
                    <SelectField
                      t={t}
                      id="f-stop-reason"
                      name="stopReason"
                      label={t("sc.traj.stopReason")}
                      errors={errs("stop")}
                      value={val("stop", "stopReason", decisionPoint ? "no_go" : "")}
                      options={STOP_REASONS.map((r) => ({ value: r, label: stopLabel(r, t) }))}
                      empty={t("adm.choose")}
                      required
                    />
                    <ChoiceGroup
                      t={t}
                      id="f-stop-kind"
                      name="referralKind"
                      type="radio"
                      legend={t("sc.traj.referralKind")}
                      options={REFERRAL_KINDS.map((k) => ({ value: k, label: referralLabel(k, t) }))}
                      selected={[val("stop", "referralKind")]}
                      errors={errs("stop")}
                      required
                    />
                    <TextField
                      t={t}
                      id="f-stop-name"
                      name="referralName"
                      label={t("sc.traj.referralName")}
                      errors={errs("stop")}
                      value={val("stop", "referralName")}
                      required
                      autocomplete="off"
                    />
                    <TextField
                      t={t}
                      id="f-stop-note"
                      name="note"
                      label={t("sc.traj.note")}
                      errors={errs("stop")}
                      value={val("stop", "note")}
                      autocomplete="off"
                    />
                    <div class="form__actions">
                      <button type="submit" class="button button--warning">
                        {t("sc.traj.stopSubmit")}
                      </button>
                    </div>
                  </form>
                </details>
              </>
            )}
          </section>
        ) : null}

        {commitments ? (
          <section class="section" aria-labelledby="commit-title">
            <h2 id="commit-title">{t("sc.traj.commitments")}</h2>
            {commitments.length === 0 ? (
              <p class="empty">{t("sc.traj.noCommitments")}</p>
            ) : (
              <ul class="link-list">
                {commitments.map((m) => (
                  <li>
                    <p>
                      <strong>
                        {t("sc.traj.agreedBy", {
                          point: t(`point.${m.point}` as MessageKey),
                          date: day(isoDay(m.agreedAt), locale, { short: true }),
                          name: m.entrepreneurName,
                          consultant: m.consultant.name,
                        })}
                      </strong>
                    </p>
                    <p>
                      {t("sc.traj.entrepreneurCommitment")}: {m.entrepreneurCommitment}
                    </p>
                    <p>
                      {t("sc.traj.consultantCommitment")}: {m.consultantCommitment}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            {mayAct && active && c.stage !== "registered" ? (
              <form method="post" action={`${url}/toezegging`} class="form panel" novalidate>
                <h3>{t("sc.traj.commitTitle")}</h3>
                {c.stage === "intake" ? <p>{t("sc.traj.commitIntakeText")}</p> : null}
                <CommitmentFields t={t} form="commit" errors={errs("commit")} val={val} contactName={c.contact.name ?? ""} />
                <div class="form__actions">
                  <button type="submit" class="button button--secondary">
                    {t("sc.traj.commitSubmit")}
                  </button>
                </div>
              </form>
            ) : null}
          </section>
        ) : null}

        {sessions ? (
          <section class="section" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{t("sc.traj.sessions")}</h2>
            {sessions.length === 0 ? (
              <p class="empty">{t("sc.traj.noSessions")}</p>
            ) : (
              <DataTable
                t={t}
                caption={t("sc.traj.sessions")}
                columns={[t("sc.traj.date"), t("sc.traj.duration"), t("sc.traj.attendance"), t("sc.traj.experts"), t("sc.traj.note")]}
              >
                {sessions.map((s) => (
                  <tr>
                    <td>{day(s.date, locale, { short: true })}</td>
                    <td>{t("sc.traj.minutes", { n: s.durationMinutes })}</td>
                    <td>{t(`attendance.${s.attendance}` as MessageKey)}</td>
                    <td>
                      {s.experts.join(", ") || "—"}
                      {s.voucherApplied ? ` (${t("sc.traj.voucherLegend")})` : ""}
                    </td>
                    <td>{s.note ?? "—"}</td>
                  </tr>
                ))}
              </DataTable>
            )}
            {mayAct && active && !c.decisionRequired ? (
              <form method="post" action={`${url}/sessie`} class="form panel" novalidate>
                <h3>{t("sc.traj.sessionTitle")}</h3>
                <TextField
                  t={t}
                  id="f-session-date"
                  name="date"
                  type="date"
                  label={t("sc.traj.date")}
                  errors={errs("session")}
                  value={val("session", "date", todayLocal(w.now))}
                  required
                  width="m"
                  max={todayLocal(w.now)}
                />
                <TextField
                  t={t}
                  id="f-session-duration"
                  name="durationMinutes"
                  type="number"
                  label={t("sc.traj.duration")}
                  errors={errs("session")}
                  value={val("session", "durationMinutes", "60")}
                  required
                  width="s"
                  inputmode="numeric"
                  min="5"
                  max="600"
                />
                <ChoiceGroup
                  t={t}
                  id="f-session-attendance"
                  name="attendance"
                  type="radio"
                  legend={t("sc.traj.attendance")}
                  options={["attended", "no_show"].map((a) => ({ value: a, label: t(`attendance.${a}` as MessageKey) }))}
                  selected={[val("session", "attendance")]}
                  errors={errs("session")}
                  required
                  inline
                />
                <TextArea
                  t={t}
                  id="f-session-note"
                  name="note"
                  label={t("sc.traj.note")}
                  errors={errs("session")}
                  value={val("session", "note")}
                  maxlength={500}
                />
                <TextArea
                  t={t}
                  id="f-session-experts"
                  name="experts"
                  label={t("sc.traj.experts")}
                  hint={t("sc.traj.expertsHint")}
                  errors={errs("session")}
                  value={val("session", "experts")}
                />
                <ChoiceGroup
                  t={t}
                  id="f-session-voucher"
                  name="voucherApplied"
                  type="checkbox"
                  legend={t("sc.traj.voucherLegend")}
                  options={[{ value: "yes", label: t("sc.traj.voucher") }]}
                  selected={[val("session", "voucherApplied")]}
                  errors={errs("session")}
                />
                <div class="form__actions">
                  <button type="submit" class="button button--secondary">
                    {t("sc.traj.sessionSubmit")}
                  </button>
                </div>
              </form>
            ) : null}
          </section>
        ) : null}

        {history ? (
          <section class="section" aria-labelledby="history-title">
            <h2 id="history-title">{t("sc.traj.history")}</h2>
            <ol class="link-list">
              {history.map((h) => (
                <li>
                  {day(isoDay(h.at), locale, { short: true })}: {h.from ? `${stageLabel(h.from, t)} → ` : ""}
                  {stageLabel(h.to, t)}
                  {h.decision ? ` (${h.decision === "go" ? "go" : "no-go"})` : ""}
                  {h.actor ? ` · ${h.actor.name}` : ""}
                  {h.referral ? ` · ${referralLabel(h.referral.kind, t)}: ${h.referral.name}` : ""}
                  {h.note ? ` · ${h.note}` : ""}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </>
    ),
  });
}

const formValues = (form: FormData, keys: string[]): Record<string, string> => Object.fromEntries(keys.map((k) => [k, field(form, k)]));
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const LINE = /^[^\u0000-\u001f\u007f\u2028\u2029]*$/;
const text = (s: string, max: number) => s.trim().length > 0 && s.trim().length <= max && !CONTROL.test(s);
const line = (s: string, max: number) => text(s, max) && LINE.test(s.trim());

async function stageSubmit(w: Web) {
  const scope = await regionPageScope(w, WORKERS);
  const id = w.c.req.param("id") ?? "";
  const form = await readForm(w);
  const to = field(form, "to") as Stage;
  if (!(STAGES as readonly string[]).includes(to)) throw new DomainError("validation_failed", "to");
  const note = field(form, "note").trim();
  const errors: FieldErrors = [];
  let name: FormName;
  let input: Parameters<typeof changeStage>[3];
  if (to === "stopped") {
    name = "stop";
    const stopReason = field(form, "stopReason");
    const kind = field(form, "referralKind");
    const referralName = field(form, "referralName");
    if (!(STOP_REASONS as readonly string[]).includes(stopReason)) errors.push({ id: "f-stop-reason", message: w.t("sc.err.stopReason") });
    if (!(REFERRAL_KINDS as readonly string[]).includes(kind)) errors.push({ id: "f-stop-kind", message: w.t("sc.err.referralKind") });
    if (!line(referralName, 200)) errors.push({ id: "f-stop-name", message: w.t("sc.err.referralName") });
    if (note.length > 1000 || CONTROL.test(note)) errors.push({ id: "f-stop-note", message: w.t("sc.err.note") });
    input = { to, stopReason: stopReason as never, referral: { kind: kind as never, name: referralName.trim() }, ...(note ? { note } : {}) };
  } else if (field(form, "decision") === "go") {
    name = "go";
    const ec = field(form, "entrepreneurCommitment");
    const cc = field(form, "consultantCommitment");
    const en = field(form, "entrepreneurName");
    if (!text(ec, 1000)) errors.push({ id: "f-go-ec", message: w.t("sc.err.commitment") });
    if (!text(cc, 1000)) errors.push({ id: "f-go-cc", message: w.t("sc.err.commitment") });
    if (!line(en, 120)) errors.push({ id: "f-go-name", message: w.t("sc.err.entrepreneurName") });
    if (note.length > 1000 || CONTROL.test(note)) errors.push({ id: "f-go-note", message: w.t("sc.err.note") });
    input = {
      to,
      decision: "go",
      commitment: { entrepreneurCommitment: ec.trim(), consultantCommitment: cc.trim(), entrepreneurName: en.trim() },
      ...(note ? { note } : {}),
    };
  } else {
    name = "stage";
    if (note.length > 1000 || CONTROL.test(note)) errors.push({ id: "f-stage-note", message: w.t("sc.err.note") });
    input = { to, ...(note ? { note } : {}) };
  }
  const values = formValues(form, ["note", "stopReason", "referralKind", "referralName", "entrepreneurCommitment", "consultantCommitment", "entrepreneurName"]);
  if (errors.length) return trajectoryPage(w, { name, values, errors }, 400);
  try {
    await changeStage(scope, actorOf(w), id, input, Date.now());
  } catch (error) {
    if (error instanceof DomainError && (error.code === "validation_failed" || error.code === "conflict")) {
      const table: Record<string, [string, MessageKey]> = {
        stopReason: ["f-stop-reason", "sc.err.stopReason"],
        referral: ["f-stop-name", "sc.err.referralName"],
        commitment: ["f-go-ec", "sc.err.commitment"],
      };
      return trajectoryPage(w, { name, values, errors: mapIssues(w.t, error, table) }, error.code === "conflict" ? 409 : 400);
    }
    throw error;
  }
  return seeOther(w, `${base(w)}/kandidaten/${id}?klaar=1`);
}

async function commitmentSubmit(w: Web) {
  const scope = await regionPageScope(w, WORKERS);
  const id = w.c.req.param("id") ?? "";
  const form = await readForm(w);
  const values = formValues(form, ["entrepreneurCommitment", "consultantCommitment", "entrepreneurName"]);
  const errors: FieldErrors = [];
  if (!text(values.entrepreneurCommitment ?? "", 1000)) errors.push({ id: "f-commit-ec", message: w.t("sc.err.commitment") });
  if (!text(values.consultantCommitment ?? "", 1000)) errors.push({ id: "f-commit-cc", message: w.t("sc.err.commitment") });
  if (!line(values.entrepreneurName ?? "", 120)) errors.push({ id: "f-commit-name", message: w.t("sc.err.entrepreneurName") });
  if (errors.length) return trajectoryPage(w, { name: "commit", values, errors }, 400);
  try {
    await recordCommitment(
      scope,
      actorOf(w),
      id,
      {
        entrepreneurCommitment: (values.entrepreneurCommitment ?? "").trim(),
        consultantCommitment: (values.consultantCommitment ?? "").trim(),
        entrepreneurName: (values.entrepreneurName ?? "").trim(),
      },
      Date.now(),
    );
  } catch (error) {
    if (error instanceof DomainError && (error.code === "validation_failed" || error.code === "conflict"))
      return trajectoryPage(w, { name: "commit", values, errors: mapIssues(w.t, error, {}) }, 409);
    throw error;
  }
  return seeOther(w, `${base(w)}/kandidaten/${id}?klaar=1`);
}

async function sessionSubmit(w: Web) {
  const scope = await regionPageScope(w, WORKERS);
  const id = w.c.req.param("id") ?? "";
  const form = await readForm(w);
  const values: Record<string, string> = {
    ...formValues(form, ["date", "durationMinutes", "attendance", "note", "experts"]),
    voucherApplied: fields(form, "voucherApplied").includes("yes") ? "yes" : "",
  };
  const errors: FieldErrors = [];
  const date = (values.date ?? "").trim();
  const duration = /^\s*\d{1,4}\s*$/.test(values.durationMinutes ?? "") ? Number(values.durationMinutes) : Number.NaN;
  const experts = (values.experts ?? "")
    .split(/\r?\n|,/)
    .map((s) => s.trim())
    .filter(Boolean);
  const note = (values.note ?? "").trim();
  if (!isCalendarDate(date) || date > todayLocal(Date.now())) errors.push({ id: "f-session-date", message: w.t("sc.err.date") });
  if (!(duration >= 5 && duration <= 600)) errors.push({ id: "f-session-duration", message: w.t("sc.err.duration") });
  if (values.attendance !== "attended" && values.attendance !== "no_show") errors.push({ id: "f-session-attendance", message: w.t("sc.err.attendance") });
  if (note.length > 500 || CONTROL.test(note)) errors.push({ id: "f-session-note", message: w.t("sc.err.sessionNote") });
  if (experts.length > 10 || experts.some((e) => !line(e, 120))) errors.push({ id: "f-session-experts", message: w.t("sc.err.experts") });
  if (errors.length) return trajectoryPage(w, { name: "session", values, errors }, 400);
  try {
    await logSession(
      scope,
      actorOf(w),
      id,
      {
        date,
        durationMinutes: duration,
        attendance: values.attendance as "attended" | "no_show",
        ...(note ? { note } : {}),
        experts,
        voucherApplied: values.voucherApplied === "yes",
      },
      Date.now(),
    );
  } catch (error) {
    if (error instanceof DomainError && (error.code === "validation_failed" || error.code === "conflict")) {
      return trajectoryPage(
        w,
        { name: "session", values, errors: mapIssues(w.t, error, { date: ["f-session-date", "sc.err.date"] }) },
        error.code === "conflict" ? 409 : 400,
      );
    }
    throw error;
  }
  return seeOther(w, `${base(w)}/kandidaten/${id}?klaar=1`);
}

async function assignSubmit(w: Web) {
  const scope = await regionPageScope(w, ADMIN);
  const id = w.c.req.param("id") ?? "";
  const form = await readForm(w);
  const consultantId = field(form, "consultantId");
  const back = field(form, "back") === "toewijzen" ? `${base(w)}/toewijzen?klaar=1` : `${base(w)}/kandidaten/${id}?klaar=1`;
  try {
    if (!consultantId) throw new DomainError("validation_failed", "consultant", [{ path: "consultantId", message: "" }]);
    await assignConsultant(scope, actorOf(w), id, consultantId, Date.now());
  } catch (error) {
    if (error instanceof DomainError && error.code === "validation_failed") {
      if (field(form, "back") === "toewijzen") return assignPage(w, [{ id: `f-assign-${id}`, message: w.t("sc.err.consultant") }], 400);
      return trajectoryPage(w, { name: "assign", values: { consultantId }, errors: [{ id: "f-assign", message: w.t("sc.err.consultant") }] }, 400);
    }
    throw error;
  }
  return seeOther(w, back);
}

// ---------------------------------------------------------------------------
// Region admin: assignment, settings, figures

async function assignPage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t, locale } = w;
  const scope = await regionPageScope(w, ADMIN);
  const actor = actorOf(w);
  const { unassigned, loads, consultants } = await readAssignPage(scope, actor, w.now);
  return render(w, {
    title: t("sc.assign.title"),
    status,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("nav.candidates"), `${base(w)}/kandidaten`],
            [t("sc.assign.title"), null],
          ]}
        />
        <h1>{t("sc.assign.title")}</h1>
        {w.c.req.query("klaar") ? <Notice kind="success" title={t("sc.assign.done")} /> : null}
        <ErrorSummary t={t} errors={errors} />
        <p>{t("sc.assign.intro")}</p>
        {consultants.length === 0 ? <p class="notice notice--warning">{t("sc.assign.noConsultants")}</p> : null}
        {unassigned.length === 0 ? (
          <p class="empty">{t("sc.assign.none")}</p>
        ) : (
          <ul class="agenda">
            {unassigned.map((c) => (
              <li class="agenda-item">
                <div class="agenda-item__body">
                  <h2 class="agenda-item__name">
                    <a href={`${base(w)}/kandidaten/${c.id}`}>{c.company.name}</a>
                  </h2>
                  <p class="agenda-item__meta">
                    {[
                      c.municipality,
                      topicLabel(c.topic, locale),
                      c.frontdesk?.name ?? t("sc.self"),
                      day(isoDay(c.registeredAt), locale, { short: true }),
                    ].join(" · ")}
                  </p>
                </div>
                {consultants.length ? (
                  <form method="post" action={`${base(w)}/kandidaten/${c.id}/adviseur`} class="form form--inline agenda-item__actions" novalidate>
                    <input type="hidden" name="back" value="toewijzen" />
                    <SelectField
                      t={t}
                      id={`f-assign-${c.id}`}
                      name="consultantId"
                      label={t("sc.assign.for", { company: c.company.name })}
                      errors={errors}
                      options={consultants.map((u) => ({ value: u.id, label: u.name }))}
                      empty={t("adm.choose")}
                      required
                    />
                    <div class="form__actions">
                      <button type="submit" class="button button--secondary button--small">
                        {t("sc.traj.assignSubmit")}
                        <span class="visually-hidden"> {c.company.name}</span>
                      </button>
                    </div>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <h2>{t("sc.assign.loads")}</h2>
        {loads.length === 0 ? (
          <p class="empty">{t("sc.assign.noConsultants")}</p>
        ) : (
          <DataTable
            t={t}
            caption={t("sc.assign.loads")}
            label={t("sc.assign.loads")}
            columns={[t("sc.traj.consultant"), numCol(t("sc.assign.active")), numCol(t("sc.assign.decisions")), numCol(t("sc.assign.sessions30"))]}
          >
            {loads.map((l) => (
              <tr>
                <th scope="row">
                  <a href={withQuery(`${base(w)}/trajecten`, { adviseur: l.id })}>{l.name}</a>
                </th>
                <td class="num">{l.activeTrajectories}</td>
                <td class="num">{l.decisionsRequired}</td>
                <td class="num">{l.sessionsLast30Days}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </>
    ),
  });
}

async function settingsPage(w: Web, value: string | null = null, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const scope = await regionPageScope(w, ADMIN);
  const settings = await getScoutingSettings(scope);
  return render(w, {
    title: t("sc.settings.title"),
    status,
    body: (
      <div class="narrow">
        <Breadcrumbs
          t={t}
          items={[
            [t("nav.candidates"), `${base(w)}/kandidaten`],
            [t("sc.settings.title"), null],
          ]}
        />
        <h1>{t("sc.settings.title")}</h1>
        {w.c.req.query("klaar") ? <Notice kind="success" title={t("adm.saved")} /> : null}
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action={`${base(w)}/begeleiding/instellingen`} class="form" novalidate>
          <TextField
            t={t}
            id="f-noshow"
            name="noShowRule"
            type="number"
            label={t("sc.settings.noShowRule")}
            hint={t("sc.settings.noShowHint")}
            errors={errors}
            value={value ?? String(settings.noShowRule)}
            required
            width="s"
            inputmode="numeric"
            min="0"
            max="20"
          />
          <div class="form__actions">
            <button type="submit" class="button button--primary">
              {t("sc.settings.submit")}
            </button>
          </div>
        </form>
      </div>
    ),
  });
}

async function settingsSubmit(w: Web) {
  const scope = await regionPageScope(w, ADMIN);
  const raw = field(await readForm(w), "noShowRule");
  const parsed = v.safeParse(SettingsBody, { noShowRule: /^\s*\d{1,3}\s*$/.test(raw) ? Number(raw) : Number.NaN });
  if (!parsed.success) return settingsPage(w, raw, [{ id: "f-noshow", message: w.t("sc.err.noShowRule") }], 400);
  await updateScoutingSettings(scope, actorOf(w), parsed.output, Date.now());
  return seeOther(w, `${base(w)}/begeleiding/instellingen?klaar=1`);
}

async function figuresPage(w: Web) {
  const { t, locale } = w;
  const scope = await regionPageScope(w, ADMIN);
  const now = Date.now();
  const q = { from: w.c.req.query("from"), to: w.c.req.query("to") };
  let errors: FieldErrors = [];
  let period: { from: string; to: string };
  try {
    period = resolvePeriod({ from: q.from && isCalendarDate(q.from) ? q.from : undefined, to: q.to && isCalendarDate(q.to) ? q.to : undefined }, now);
  } catch {
    errors = [{ id: "f-from", message: t("prov.err.period") }];
    period = resolvePeriod({}, now);
  }
  const r = await scoutingReport(scope, period, now);
  const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);
  return render(w, {
    title: t("sc.fig.title"),
    status: errors.length ? 400 : 200,
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("nav.candidates"), `${base(w)}/kandidaten`],
            [t("sc.fig.title"), null],
          ]}
        />
        <h1>
          {t("sc.fig.title")} <span class="subtitle">{t("prov.period", { from: day(period.from, locale), to: day(period.to, locale) })}</span>
        </h1>
        <ErrorSummary t={t} errors={errors} />
        <form method="get" action={`${base(w)}/begeleiding/cijfers`} class="form form--inline panel" novalidate>
          <TextField t={t} id="f-from" name="from" type="date" label={t("prov.from")} errors={errors} value={period.from} width="m" />
          <TextField t={t} id="f-to" name="to" type="date" label={t("prov.to")} errors={[]} value={period.to} width="m" />
          <div class="form__actions">
            <button type="submit" class="button button--secondary">
              {t("prov.show")}
            </button>
          </div>
        </form>
        <p>{t("sc.fig.intro")}</p>
        <ul class="stats">
          <li class="stat">
            <span class="stat__value">{r.candidates}</span> <span class="stat__label">{t("sc.fig.candidates")}</span>
          </li>
          <li class="stat">
            <span class="stat__value">{r.businessPlans.starts}</span> <span class="stat__label">{t("sc.fig.starts")}</span>
          </li>
          <li class="stat">
            <span class="stat__value">{r.businessPlans.delivered}</span> <span class="stat__label">{t("sc.fig.plans")}</span>
          </li>
          <li class="stat">
            <span class="stat__value">{r.medianSessionsPerDeliveredPlan ?? "—"}</span> <span class="stat__label">{t("sc.fig.medianSessions")}</span>
          </li>
        </ul>
        <p class="small">
          {t("sc.fig.target", {
            min: r.businessPlans.target.plansMin,
            max: r.businessPlans.target.plansMax,
            starts: r.businessPlans.target.starts,
            years: r.businessPlans.target.years,
          })}
        </p>
        <h2>{t("sc.fig.funnel")}</h2>
        <DataTable
          t={t}
          caption={t("sc.fig.funnel")}
          label={t("sc.fig.funnel")}
          columns={[t("sc.col.stage"), numCol(t("sc.fig.reached")), numCol(t("sc.fig.now")), numCol(t("sc.fig.conversion"))]}
        >
          {FUNNEL_STAGES.map((s) => {
            const conv = r.conversion.find((x) => x.to === s);
            return (
              <tr>
                <th scope="row">{stageLabel(s, t)}</th>
                <td class="num">{r.reached[s]}</td>
                <td class="num">{r.byStage[s]}</td>
                <td class="num">{conv ? pct(conv.rate) : "—"}</td>
              </tr>
            );
          })}
          <tr>
            <th scope="row">{stageLabel("stopped", t)}</th>
            <td class="num">—</td>
            <td class="num">{r.byStage.stopped}</td>
            <td class="num">—</td>
          </tr>
        </DataTable>
        <h2>{t("sc.fig.perDesk")}</h2>
        <DataTable
          t={t}
          caption={t("sc.fig.perDesk")}
          label={t("sc.fig.perDesk")}
          columns={[t("sc.col.desk"), numCol(t("sc.fig.candidates")), numCol(t("sc.fig.qualified"))]}
        >
          {r.frontdesks.map((d) => (
            <tr>
              <th scope="row">{d.frontdesk.name}</th>
              <td class="num">{d.candidates}</td>
              <td class="num">{d.qualified}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t("sc.fig.selfRegistered")}</th>
            <td class="num">{r.selfRegistered.candidates}</td>
            <td class="num">{r.selfRegistered.qualified}</td>
          </tr>
        </DataTable>
        <div class="layout-split">
          <section aria-labelledby="stops-title">
            <h2 id="stops-title">{t("sc.fig.stopReasons")}</h2>
            <Details rows={STOP_REASONS.map((s) => [stopLabel(s, t), String(r.stopReasons[s])])} />
          </section>
          <section aria-labelledby="referrals-title">
            <h2 id="referrals-title">{t("sc.fig.referrals")}</h2>
            <Details rows={REFERRAL_KINDS.map((k) => [referralLabel(k, t), String(r.referrals[k])])} />
          </section>
        </div>
      </>
    ),
  });
}

export function registerScoutingPages(app: Hono<AppEnv>): void {
  app.get(
    "/boeken/:region/begeleidingstraject",
    page((w) => selfPage(w)),
  );
  app.post("/boeken/:region/begeleidingstraject", page(selfSubmit));
  app.get("/beheer/:region/kandidaten", page(candidatesPage));
  app.get("/beheer/:region/kandidaten/nieuw", page(newCandidatePage));
  app.post("/beheer/:region/kandidaten/nieuw", page(newCandidateSubmit));
  app.get(
    "/beheer/:region/kandidaten/:id",
    page((w) => trajectoryPage(w)),
  );
  app.post("/beheer/:region/kandidaten/:id/fase", page(stageSubmit));
  app.post("/beheer/:region/kandidaten/:id/toezegging", page(commitmentSubmit));
  app.post("/beheer/:region/kandidaten/:id/sessie", page(sessionSubmit));
  app.post("/beheer/:region/kandidaten/:id/adviseur", page(assignSubmit));
  app.get("/beheer/:region/trajecten", page(caseloadPage));
  app.get(
    "/beheer/:region/toewijzen",
    page((w) => assignPage(w)),
  );
  app.get(
    "/beheer/:region/begeleiding/instellingen",
    page((w) => settingsPage(w)),
  );
  app.post("/beheer/:region/begeleiding/instellingen", page(settingsSubmit));
  app.get("/beheer/:region/begeleiding/cijfers", page(figuresPage));
}
