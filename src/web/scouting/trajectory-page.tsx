/**
 * One candidate's trajectory: details, assignment (admin), stage changes, commitments,
 * sessions and history. Every form posts to the scouting services and, when refused, comes
 * back here with its values and errors (validated with the API's own schemas).
 */
import { CommitmentBody, SessionBody, StageBody, AssignBody } from "../../features/scouting/scouting.schemas";
import { isAdmin as managesCandidates, recordPersonalDataAccess } from "../../features/scouting/scouting.access";
import { assignConsultant } from "../../features/scouting/scouting.assignment";
import { recordCommitment } from "../../features/scouting/scouting.commitments";
import { logSession } from "../../features/scouting/scouting.sessions";
import { changeStage } from "../../features/scouting/scouting.stages";
import { readTrajectoryPage } from "../../features/scouting/scouting.trajectory";
import { STAGES } from "../../db/schema";
import { DomainError } from "../../lib/errors";
import { topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { ErrorSummary } from "../kit/fields";
import { field, fields, optional, parseForm, readForm, serviceErrors, wholeNumber, type FieldMap, type FormValues } from "../kit/form";
import { day } from "../kit/format";
import { actorOf, render, seeOther, scopeOf, pageRoute, type PageRoute } from "../kit/page";
import { Breadcrumbs, Details, Notice } from "../kit/ui";
import { assignPage } from "./assignment-page";
import { ADMIN, READERS, StageBadge, WORKERS, base, isoDay, referralLabel, stageLabel, stopLabel } from "./shared";
import { AssignPanel, CommitmentSection, HistorySection, SessionSection, StageSection } from "./trajectory-sections";
import type { FailedForm, FormName, TrajectoryView } from "./trajectory-state";
import { ReferLink } from "../referrals/refer-form";
import { linksFor } from "../../lib/links";
import { deliverSoon } from "../../features/notifications/notify";

export async function trajectoryPage(w: Web, failed: FailedForm | null = null, status = 200) {
  const { t, locale } = w;
  const scope = scopeOf(w);
  const actor = actorOf(w);
  // One read batch: the trajectory and (for admins) the consultants to assign it to.
  const { trajectory: c, consultants } = await readTrajectoryPage(scope, actor, w.c.req.param("id") ?? "");
  await recordPersonalDataAccess(scope, actor, { candidateIds: [c.id], task: "trajectory" }, w.now);
  const isAdmin = managesCandidates(actor);
  const v: TrajectoryView = {
    w,
    c,
    actor,
    url: `${base(w)}/kandidaten/${c.id}`,
    isAdmin,
    // The programme office assigns; the trajectory's work stays with its consultant and the region admin.
    mayAct: (isAdmin && actor.role !== "programme_office") || (actor.role === "consultant" && c.consultant?.id === actor.id),
    failed,
  };
  const list: [string, string] = actor.role === "consultant" ? [t("nav.caseload"), `${base(w)}/trajecten`] : [t("nav.candidates"), `${base(w)}/kandidaten`];
  return render(w, {
    title: c.company.name,
    status,
    body: (
      <>
        <Breadcrumbs t={t} items={[list, [c.company.name, null]]} />
        <h1>
          {c.company.name} <span class="subtitle">{stageLabel(c.stage, t)}</span>
        </h1>
        {w.c.req.query("klaar") ? <Notice kind="success" title={t("sc.traj.saved")} /> : null}
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
        {c.contact.email ? (
          <p>
            <ReferLink w={w} query={{ kandidaat: c.id }} row={c.company.name} />
          </p>
        ) : null}
        {isAdmin && c.active ? <AssignPanel v={v} consultants={consultants} /> : null}
        {actor.role !== "frontdesk_staff" ? <StageSection v={v} /> : null}
        {"commitments" in c && c.commitments ? <CommitmentSection v={v} commitments={c.commitments} /> : null}
        {"sessions" in c && c.sessions ? <SessionSection v={v} sessions={c.sessions} /> : null}
        {"history" in c && c.history ? <HistorySection v={v} history={c.history} /> : null}
      </>
    ),
  });
}

// ---------------------------------------------------------------------------
// The trajectory's forms

const STAGE_FIELDS: Record<"stage" | "go" | "stop", FieldMap> = {
  stage: [["note", "f-stage-note", "sc.err.note"]],
  go: [
    ["commitment.entrepreneurCommitment", "f-go-ec", "sc.err.commitment"],
    ["commitment.consultantCommitment", "f-go-cc", "sc.err.commitment"],
    ["commitment.entrepreneurName", "f-go-name", "sc.err.entrepreneurName"],
    ["note", "f-go-note", "sc.err.note"],
  ],
  stop: [
    ["stopReason", "f-stop-reason", "sc.err.stopReason"],
    ["referral.kind", "f-stop-kind", "sc.err.referralKind"],
    ["referral.name", "f-stop-name", "sc.err.referralName"],
    ["referral.organisation", "f-stop-name", "sc.err.referralName"],
    ["note", "f-stop-note", "sc.err.note"],
  ],
};

const COMMIT_FIELDS: FieldMap = [
  ["entrepreneurCommitment", "f-commit-ec", "sc.err.commitment"],
  ["consultantCommitment", "f-commit-cc", "sc.err.commitment"],
  ["entrepreneurName", "f-commit-name", "sc.err.entrepreneurName"],
];

const SESSION_FIELDS: FieldMap = [
  ["date", "f-session-date", "sc.err.date"],
  ["durationMinutes", "f-session-duration", "sc.err.duration"],
  ["attendance", "f-session-attendance", "sc.err.attendance"],
  ["note", "f-session-note", "sc.err.note"],
  ["experts", "f-session-experts", "sc.err.experts"],
];

const commitmentOf = (form: FormValues) => ({
  entrepreneurCommitment: field(form, "entrepreneurCommitment"),
  consultantCommitment: field(form, "consultantCommitment"),
  entrepreneurName: field(form, "entrepreneurName"),
});

/** The stage form as the API's stage body: a stop with its referral, a go with its commitment, or the next stage. */
function stageBody(form: FormValues): { name: "stage" | "go" | "stop"; body: unknown } {
  const to = field(form, "to");
  const note = optional(form, "note");
  if (to === "stopped") {
    return {
      name: "stop",
      body: {
        to,
        stopReason: field(form, "stopReason"),
        referral: { kind: field(form, "referralKind"), name: field(form, "referralName"), consentToShare: field(form, "consentToShare") === "ja" },
        note,
      },
    };
  }
  if (field(form, "decision") === "go") return { name: "go", body: { to, decision: "go", commitment: commitmentOf(form), note } };
  return { name: "stage", body: { to, note } };
}

/** Runs a trajectory form's service call; a refusal comes back on the page with the form's values. */
async function submitted(w: Web, name: FormName, form: FormValues, map: FieldMap, call: () => Promise<unknown>) {
  try {
    await call();
  } catch (error) {
    const refused = serviceErrors(w.t, error, map, { conflict: "sc.err.state" });
    if (refused) return trajectoryPage(w, { name, values: form, errors: refused.errors }, refused.status);
    throw error;
  }
  return seeOther(w, `${base(w)}/kandidaten/${w.c.req.param("id") ?? ""}?klaar=1`);
}

export async function stageSubmit(w: Web) {
  const scope = scopeOf(w);
  const form = await readForm(w);
  if (!(STAGES as readonly string[]).includes(field(form, "to"))) throw new DomainError("validation_failed", "to");
  const { name, body } = stageBody(form);
  const parsed = parseForm(w.t, StageBody, body, STAGE_FIELDS[name]);
  if (!parsed.ok) return trajectoryPage(w, { name, values: form, errors: parsed.errors }, 400);
  return submitted(w, name, form, STAGE_FIELDS[name], async () => {
    await changeStage(scope, actorOf(w), w.c.req.param("id") ?? "", parsed.value, w.now, linksFor(w.c).origin);
    deliverSoon(w.c);
  });
}

export async function commitmentSubmit(w: Web) {
  const scope = scopeOf(w);
  const form = await readForm(w);
  const parsed = parseForm(w.t, CommitmentBody, commitmentOf(form), COMMIT_FIELDS);
  if (!parsed.ok) return trajectoryPage(w, { name: "commit", values: form, errors: parsed.errors }, 400);
  return submitted(w, "commit", form, COMMIT_FIELDS, () => recordCommitment(scope, actorOf(w), w.c.req.param("id") ?? "", parsed.value, w.now));
}

export async function sessionSubmit(w: Web) {
  const scope = scopeOf(w);
  const form = await readForm(w);
  const body = {
    date: field(form, "date").trim(),
    durationMinutes: wholeNumber(form, "durationMinutes"),
    attendance: field(form, "attendance"),
    note: optional(form, "note"),
    experts: field(form, "experts")
      .split(/\r?\n|,/)
      .map((s) => s.trim())
      .filter(Boolean),
    voucherApplied: fields(form, "voucherApplied").includes("yes"),
  };
  const parsed = parseForm(w.t, SessionBody, body, SESSION_FIELDS);
  if (!parsed.ok) return trajectoryPage(w, { name: "session", values: form, errors: parsed.errors }, 400);
  return submitted(w, "session", form, SESSION_FIELDS, () => logSession(scope, actorOf(w), w.c.req.param("id") ?? "", parsed.value, w.now));
}

/** Assigning a consultant, from the trajectory page or from the assignment page (`back=toewijzen`). */
export async function assignSubmit(w: Web) {
  const scope = scopeOf(w);
  const id = w.c.req.param("id") ?? "";
  const form = await readForm(w);
  const fromList = field(form, "back") === "toewijzen";
  const map: FieldMap = [["consultantId", fromList ? `f-assign-${id}` : "f-assign", "sc.err.consultant"]];
  const parsed = parseForm(w.t, AssignBody, { consultantId: field(form, "consultantId") }, map);
  let errors = parsed.ok ? null : parsed.errors;
  if (parsed.ok) {
    try {
      await assignConsultant(scope, actorOf(w), id, parsed.value.consultantId, w.now, linksFor(w.c).origin);
      deliverSoon(w.c);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "validation_failed") throw error;
      errors = [{ id: map[0]?.[1] ?? "", message: w.t("sc.err.consultant") }];
    }
  }
  if (errors) return fromList ? assignPage(w, errors, 400) : trajectoryPage(w, { name: "assign", values: form, errors }, 400);
  return seeOther(w, fromList ? `${base(w)}/toewijzen?klaar=1` : `${base(w)}/kandidaten/${id}?klaar=1`);
}

export const trajectoryPages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/kandidaten/:id", READERS, (w) => trajectoryPage(w)),
  pageRoute("post", "/beheer/:region/kandidaten/:id/fase", WORKERS, stageSubmit),
  pageRoute("post", "/beheer/:region/kandidaten/:id/toezegging", WORKERS, commitmentSubmit),
  pageRoute("post", "/beheer/:region/kandidaten/:id/sessie", WORKERS, sessionSubmit),
  pageRoute("post", "/beheer/:region/kandidaten/:id/adviseur", ADMIN, assignSubmit),
];
