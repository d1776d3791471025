/**
 * The Support Process trajectory: who sees which candidates, a trajectory's stage changes,
 * effort commitments, sessions and the no-show rule, and assignment. Registering candidates
 * is `registration.service.ts`; caseloads and settings `caseload.service.ts`. Domain rules
 * live here and in `transitions.ts`; SQL lives in the repo.
 *
 * Who sees what: frontdesk staff only the candidates scouted at one of their desks (and not
 * the trajectory's working notes); consultants every trajectory of their region but act only
 * on those assigned to them; the region admin (and the platform admin) everything.
 */
import { ReadPlan } from "../../db/read";
import type { RegionScope } from "../../db/scope";
import { writeBatch, type WriteStatement } from "../../db/write";
import { FUNNEL_STAGES, type Stage } from "../../db/schema";
import type { Actor } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { auditEntry } from "../audit/audit.repo";
import { auditsPersonalDataAccess, managesSupportProcess } from "../auth/policy";
import { prepareStopReferral } from "../referrals/referrals.service";
import { renderAssignmentNotice } from "../notifications/candidate-messages";
import type { CommitmentInput, SessionInput, StageInput } from "./scouting.schemas";
import {
  DEFAULT_NO_SHOW_RULE,
  candidateQuery,
  regionConsultantsQuery,
  intakeCommitmentCountQuery,
  noShowRuleQuery,
  toCandidate,
  countIntakeCommitments,
  findCandidate,
  findNoShowRule,
  findRegionConsultant,
  insertAssignmentMailStatement,
  insertCommitmentStatement,
  insertSessionStatement,
  insertStageChangeStatement,
  listCandidateRows,
  listCommitments,
  listSessions,
  listStageChanges,
  onlyIfChanged,
  candidateChanged,
  updateCandidateStatement,
  type CandidateWithNames,
} from "./scouting.repo";
import type { HolidaySettings } from "../availability/holidays";
import { applyNoShowRule, decisionOverdue, decisionWaitingSince, isActiveStage, planTransition, sessionRefusal, type TrajectoryState } from "./transitions";
import { formatOffsetIso, todayLocal } from "../../lib/time";

export const isAdmin = (actor: Actor) => managesSupportProcess(actor.role);
export const target = (id: string) => ({ type: "scouting_candidate", id });
const conflictNow = () => new DomainError("conflict", "This trajectory changed at the same moment; reload and try again.");

function maySee(actor: Actor, candidate: CandidateWithNames["candidate"]): boolean {
  if (actor.role === "frontdesk_staff") return candidate.frontdeskId !== null && actor.frontdeskIds.includes(candidate.frontdeskId);
  return isAdmin(actor) || actor.role === "consultant";
}

/** Whether the actor may work on the trajectory: its consultant, or an admin. */
export function assertMayAct(actor: Actor, candidate: CandidateWithNames["candidate"]): void {
  if (isAdmin(actor)) return;
  if (actor.role === "consultant" && candidate.consultantUserId === actor.id) return;
  throw new DomainError("forbidden", "Only the trajectory's consultant or the region admin may do this.");
}

/** The candidate if the actor may see it, else 404 (as if it did not exist). */
export async function loadVisible(scope: RegionScope, actor: Actor, id: string): Promise<CandidateWithNames> {
  const found = await findCandidate(scope, id);
  if (!found || !maySee(actor, found.candidate)) throw notFound("This candidate");
  return found;
}

/** The clock of a candidate list: now and the region's holiday calendar (for the overdue decision flag). */
export interface ListClock {
  now: number;
  holidays: HolidaySettings;
}

/** The list clock of a region at `now`. */
export function listClock(scope: RegionScope, now: number): ListClock {
  return { now, holidays: { goodFridayClosed: scope.region.goodFridayClosed, liberationDayClosed: scope.region.liberationDayClosed } };
}

/** A candidate as lists show it; with a clock also since when a go/no-go decision waits and whether that is overdue. */
export function toSummary(found: CandidateWithNames, clock?: ListClock) {
  const { candidate: c, frontdeskName, consultantName, sessionCount } = found;
  const waitingSince = clock ? decisionWaitingSince({ ...c, assessedAt: found.assessedAt, lastSessionAt: found.lastSessionAt }) : null;
  return {
    id: c.id,
    source: c.source,
    frontdesk: c.frontdeskId ? { id: c.frontdeskId, name: frontdeskName ?? "" } : null,
    company: { name: c.companyName, kvkNumber: c.kvkNumber },
    municipality: c.municipality,
    topic: c.topic,
    stage: c.stage,
    active: isActiveStage(c.stage),
    qualified: c.qualifiedAt !== null,
    decisionRequired: c.decisionRequired && isActiveStage(c.stage),
    consultant: c.consultantUserId ? { id: c.consultantUserId, name: consultantName ?? "" } : null,
    sessionCount,
    registeredAt: formatOffsetIso(c.createdAt),
    updatedAt: formatOffsetIso(c.updatedAt),
    ...(clock
      ? {
          decisionWaitingSince: waitingSince === null ? null : formatOffsetIso(waitingSince),
          decisionOverdue: decisionOverdue(waitingSince, clock.now, clock.holidays),
        }
      : {}),
  };
}
export type CandidateSummary = ReturnType<typeof toSummary>;

/**
 * The candidates the actor may see, newest first: frontdesk staff only those of their own
 * desks; consultants and admins the whole region.
 * With `now`, each carries the overdue go/no-go flag (the region's working days).
 * @example await listCandidates(scope, actor, { stage: "intake" }, c.var.now)
 */
export async function listCandidates(
  scope: RegionScope,
  actor: Actor,
  filter: { stage?: Stage | undefined; frontdeskId?: string | undefined; consultantId?: string | undefined } = {},
  now?: number,
): Promise<CandidateSummary[]> {
  const frontdeskIds = actor.role === "frontdesk_staff" ? actor.frontdeskIds : null;
  const rows = await listCandidateRows(scope, { frontdeskIds, ...filter });
  const clock = now === undefined ? undefined : listClock(scope, now);
  return rows.map((row) => toSummary(row, clock));
}

/**
 * Records that the actor read candidates' personal data, when their role is audited for it
 * (the programme office: personal data only for a Support Process task, every access in the
 * region's audit log). Nothing for anyone else.
 * @example await recordPersonalDataAccess(scope, actor, { candidateIds: [id] }, now);
 */
export async function recordPersonalDataAccess(
  scope: RegionScope,
  actor: Actor,
  read: { candidateIds: string[]; task: "candidate_list" | "trajectory" },
  now: number,
): Promise<void> {
  if (!auditsPersonalDataAccess(actor.role) || read.candidateIds.length === 0) return;
  const single = read.candidateIds.length === 1 ? read.candidateIds[0] : undefined;
  await writeBatch(scope.db, [
    auditEntry(scope, actor, "scouting.personal_data_read", single ? target(single) : null, { task: read.task, candidates: read.candidateIds.length }, now),
  ]);
}

/** The state the transition rules look at. */
async function trajectoryState(scope: RegionScope, found: CandidateWithNames): Promise<TrajectoryState> {
  const c = found.candidate;
  return {
    stage: c.stage,
    decisionRequired: c.decisionRequired,
    hasConsultant: c.consultantUserId !== null,
    hasIntakeCommitment: (await countIntakeCommitments(scope, c.id)) > 0,
    financingArranged: c.financingArrangedAt !== null,
  };
}

/** Stages the rules would allow next (ignoring who asks and which input is still missing). */
function nextStages(state: TrajectoryState): Stage[] {
  const options: Stage[] = [];
  for (const to of [...FUNNEL_STAGES, "stopped"] as const) {
    const result = planTransition(state, { to, decision: "go", hasCommitment: true, referral: { kind: "initiative", name: "-" }, stopReason: "other" });
    if (result.ok || result.refusal.code === "validation_failed") options.push(to);
  }
  return options;
}

/**
 * One candidate with the trajectory: commitments, sessions, experts and the stage history.
 * Frontdesk staff get the candidate and its stage only.
 * @example const trajectory = await getTrajectory(scope, actor, id);
 */
export async function getTrajectory(scope: RegionScope, actor: Actor, id: string) {
  const plan = new ReadPlan(scope.db);
  const trajectory = planTrajectory(plan, scope, actor, id);
  await plan.run();
  return trajectory();
}

/**
 * The trajectory page in one read batch: the trajectory (as `getTrajectory`) and, for
 * admins, the region's enabled consultants to assign.
 * @example const { trajectory, consultants } = await readTrajectoryPage(scope, actor, id);
 */
export async function readTrajectoryPage(scope: RegionScope, actor: Actor, id: string) {
  const plan = new ReadPlan(scope.db);
  const trajectory = planTrajectory(plan, scope, actor, id);
  const consultants = isAdmin(actor) ? plan.add(regionConsultantsQuery(scope)) : null;
  await plan.run();
  return { trajectory: trajectory(), consultants: consultants?.value ?? [] };
}

/**
 * Adds a trajectory's reads to a plan (another page's batch, e.g. the referral form's); the
 * returned function gives it as `getTrajectory` does (404 when unknown or not the actor's).
 * @example const trajectory = planTrajectory(plan, scope, actor, id); await plan.run(); trajectory();
 */
export function planTrajectory(plan: ReadPlan, scope: RegionScope, actor: Actor, id: string) {
  // The candidate, what the rules look at, and (not for frontdesk staff) the trajectory.
  const candidate = plan.add(candidateQuery(scope, id));
  const intake = plan.add(intakeCommitmentCountQuery(scope, id));
  const rule = plan.add(noShowRuleQuery(scope));
  const detail =
    actor.role === "frontdesk_staff"
      ? null
      : { commitments: plan.add(listCommitments(scope, id)), sessions: plan.add(listSessions(scope, id)), history: plan.add(listStageChanges(scope, id)) };
  return () =>
    trajectoryOf(
      actor,
      toCandidate(candidate.value),
      Number(intake.value[0]?.n ?? 0),
      rule.value[0]?.noShowRule ?? DEFAULT_NO_SHOW_RULE,
      detail && {
        commitments: detail.commitments.value,
        sessions: detail.sessions.value,
        history: detail.history.value,
      },
    );
}

function trajectoryOf(
  actor: Actor,
  found: CandidateWithNames | null,
  intakeCommitments: number,
  noShowRule: number,
  detail: {
    commitments: Awaited<ReturnType<typeof listCommitments>>;
    sessions: Awaited<ReturnType<typeof listSessions>>;
    history: Awaited<ReturnType<typeof listStageChanges>>;
  } | null,
) {
  if (!found || !maySee(actor, found.candidate)) throw notFound("This candidate");
  const c = found.candidate;
  const state: TrajectoryState = {
    stage: c.stage,
    decisionRequired: c.decisionRequired,
    hasConsultant: c.consultantUserId !== null,
    hasIntakeCommitment: intakeCommitments > 0,
    financingArranged: c.financingArrangedAt !== null,
  };
  const base = {
    ...toSummary(found),
    appointmentId: c.appointmentId,
    contact: { name: c.contactName, email: c.email, phone: c.phone },
    ambition: c.ambition,
    consentAt: formatOffsetIso(c.consentAt),
    noShowsSinceDecision: c.noShowsSinceDecision,
    noShowRule,
    stop:
      c.stopReason && c.referralKind && c.stoppedAt !== null
        ? { reason: c.stopReason, referral: { kind: c.referralKind, name: c.referralName ?? "" }, at: formatOffsetIso(c.stoppedAt) }
        : null,
    nextStages: nextStages(state),
  };
  if (!detail) return base;
  const { commitments, sessions, history } = detail;
  const expertNames = [...new Set(sessions.flatMap((s) => s.experts))].sort((a, b) => a.localeCompare(b, "nl"));
  return {
    ...base,
    commitments: commitments.map(({ commitment: m, consultantName }) => ({
      id: m.id,
      point: m.point,
      stage: m.stage,
      entrepreneurCommitment: m.entrepreneurCommitment,
      consultantCommitment: m.consultantCommitment,
      entrepreneurName: m.entrepreneurName,
      consultant: { id: m.consultantUserId, name: consultantName ?? "" },
      agreedAt: formatOffsetIso(m.agreedAt),
    })),
    sessions: sessions.map((s) => ({
      id: s.id,
      date: s.date,
      durationMinutes: s.durationMinutes,
      attendance: s.attendance,
      note: s.note,
      experts: s.experts,
      voucherApplied: s.voucherApplied,
      loggedAt: formatOffsetIso(s.createdAt),
    })),
    experts: { names: expertNames, voucherApplied: sessions.some((s) => s.voucherApplied) },
    history: history.map(({ change: h, actorName }) => ({
      from: h.fromStage,
      to: h.toStage,
      decision: h.decision,
      stopReason: h.stopReason,
      referral: h.referralKind ? { kind: h.referralKind, name: h.referralName ?? "" } : null,
      note: h.note,
      actor: h.actorUserId ? { id: h.actorUserId, name: actorName ?? "" } : null,
      at: formatOffsetIso(h.changedAt),
    })),
  };
}

/**
 * Moves a trajectory to another stage by the rules of `planTransition`, or records a go
 * decision without a move (`to` = the current stage) after the no-show rule fired. A go
 * decision stores the reconfirmed effort commitment; a stop stores the referral, and a stop to
 * an organisation of the catalogue also makes a real referral (the organisation's inbox, the
 * mails; `origin` for their links). The change, its history entry, the commitment, the audit
 * entry and the referral are written in one batch.
 *
 * @example
 * await changeStage(scope, actor, id, { to: "plan_in_development", decision: "go", commitment: { entrepreneurCommitment: "4 uur per week", consultantCommitment: "elke week een sessie", entrepreneurName: "An" } }, Date.now());
 */
export async function changeStage(scope: RegionScope, actor: Actor, id: string, input: StageInput, now: number, origin = "") {
  const found = await loadVisible(scope, actor, id);
  assertMayAct(actor, found.candidate);
  const state = await trajectoryState(scope, found);
  const result = planTransition(state, {
    to: input.to,
    decision: input.decision,
    referral: input.referral,
    stopReason: input.stopReason,
    hasCommitment: input.commitment !== undefined,
  });
  if (!result.ok) {
    const { code, message, path } = result.refusal;
    throw new DomainError(code, message, code === "validation_failed" && path ? [{ path, message }] : undefined);
  }
  const plan = result.plan;
  const changeId = newId();
  // A stop to an organisation of the catalogue is also a real referral, written only with the stop (issue 15).
  const referral =
    plan.stop && input.referral
      ? await prepareStopReferral(
          scope,
          actor,
          id,
          { ...input.referral, note: input.referral.note || undefined },
          origin,
          now,
          candidateChanged(scope, id, changeId),
        )
      : null;
  const statements: WriteStatement[] = [
    updateCandidateStatement(scope, id, found.candidate.changeId, {
      stage: plan.to,
      changeId,
      updatedAt: now,
      ...(plan.qualifies ? { qualifiedAt: now } : {}),
      ...(plan.outcome === "financing_arranged" ? { financingArrangedAt: now } : {}),
      ...(plan.resetsNoShows ? { noShowsSinceDecision: 0, decisionRequired: false } : {}),
      ...(plan.stop
        ? {
            stopReason: plan.stop.reason,
            referralKind: plan.stop.referral.kind,
            referralName: plan.stop.referral.name,
            stoppedAt: now,
            decisionRequired: false,
          }
        : {}),
    }),
    onlyIfChanged(
      scope,
      insertStageChangeStatement(scope, {
        id: newId(),
        candidateId: id,
        fromStage: plan.from,
        toStage: plan.outcome ?? plan.to,
        decision: plan.decision,
        stopReason: plan.stop?.reason ?? null,
        referralKind: plan.stop?.referral.kind ?? null,
        referralName: plan.stop?.referral.name ?? null,
        note: input.note || null,
        actorUserId: actor.id,
        changedAt: now,
      }),
      id,
      changeId,
    ),
  ];
  if (plan.decision === "go" && input.commitment) {
    statements.push(
      onlyIfChanged(scope, insertCommitmentStatement(scope, commitmentRow(id, "go_decision", plan.from, input.commitment, actor, now)), id, changeId),
    );
  }
  statements.push(
    onlyIfChanged(
      scope,
      auditEntry(
        scope,
        actor,
        "scouting.stage_changed",
        target(id),
        {
          from: plan.from,
          to: plan.outcome ?? plan.to,
          decision: plan.decision,
          stopReason: plan.stop?.reason ?? null,
          referralKind: plan.stop?.referral.kind ?? null,
        },
        now,
      ),
      id,
      changeId,
    ),
  );
  if (referral) statements.push(...referral.statements);
  const [update] = await writeBatch(scope.db, statements);
  if ((update?.rowsAffected ?? 0) !== 1) throw conflictNow();
  return getTrajectory(scope, actor, id);
}

function commitmentRow(
  candidateId: string,
  point: "intake" | "go_decision" | "reconfirmation",
  stage: Stage,
  input: CommitmentInput,
  actor: Actor,
  now: number,
) {
  return {
    id: newId(),
    candidateId,
    point,
    stage,
    entrepreneurCommitment: input.entrepreneurCommitment,
    consultantCommitment: input.consultantCommitment,
    entrepreneurName: input.entrepreneurName,
    consultantUserId: actor.id,
    agreedAt: now,
  };
}

/**
 * Records an effort commitment: agreed at intake (point `intake` while the trajectory is in
 * the intake stage), or reconfirmed later (`reconfirmation`). Go decisions carry their own
 * reconfirmation through `changeStage`. Audited.
 * @example await recordCommitment(scope, actor, id, { entrepreneurCommitment: "4 uur per week", consultantCommitment: "wekelijkse sessie", entrepreneurName: "An" }, Date.now())
 */
export async function recordCommitment(scope: RegionScope, actor: Actor, id: string, input: CommitmentInput, now: number) {
  const found = await loadVisible(scope, actor, id);
  const c = found.candidate;
  assertMayAct(actor, c);
  if (!isActiveStage(c.stage)) throw new DomainError("conflict", `This trajectory has ended (${c.stage}).`);
  if (c.stage === "registered") throw new DomainError("conflict", "The effort commitment is agreed at intake: start the intake first.");
  const point = c.stage === "intake" ? "intake" : "reconfirmation";
  const changeId = newId();
  const row = commitmentRow(id, point, c.stage, input, actor, now);
  const [update] = await writeBatch(scope.db, [
    updateCandidateStatement(scope, id, c.changeId, { changeId, updatedAt: now }),
    onlyIfChanged(scope, insertCommitmentStatement(scope, row), id, changeId),
    onlyIfChanged(
      scope,
      auditEntry(scope, actor, "scouting.commitment_recorded", target(id), { point, stage: c.stage, commitmentId: row.id }, now),
      id,
      changeId,
    ),
  ]);
  if ((update?.rowsAffected ?? 0) !== 1) throw conflictNow();
  return { id: row.id, point, stage: c.stage, agreedAt: formatOffsetIso(now) };
}

/**
 * Logs a session. A no-show counts towards the region's no-show rule; when the count reaches
 * it, the trajectory needs a go/no-go decision and further sessions are refused (409) until
 * one is recorded through `changeStage`.
 * @example await logSession(scope, actor, id, { date: "2027-03-29", durationMinutes: 60, attendance: "attended" }, Date.now())
 */
export async function logSession(scope: RegionScope, actor: Actor, id: string, input: SessionInput, now: number) {
  const found = await loadVisible(scope, actor, id);
  const c = found.candidate;
  assertMayAct(actor, c);
  const refusal = sessionRefusal(c);
  if (refusal) throw new DomainError("conflict", refusal);
  if (input.date > todayLocal(now))
    throw new DomainError("validation_failed", "A session is logged after it took place.", [{ path: "date", message: "Use today or an earlier date." }]);
  const rule = await findNoShowRule(scope);
  const next = applyNoShowRule(c, input.attendance, rule);
  const changeId = newId();
  const sessionId = newId();
  const [update] = await writeBatch(scope.db, [
    updateCandidateStatement(scope, id, c.changeId, {
      changeId,
      updatedAt: now,
      noShowsSinceDecision: next.noShowsSinceDecision,
      decisionRequired: next.decisionRequired,
    }),
    onlyIfChanged(
      scope,
      insertSessionStatement(scope, {
        id: sessionId,
        candidateId: id,
        consultantUserId: c.consultantUserId,
        loggedByUserId: actor.id,
        date: input.date,
        durationMinutes: input.durationMinutes,
        attendance: input.attendance,
        note: input.note || null,
        experts: input.experts ?? [],
        voucherApplied: input.voucherApplied ?? false,
        createdAt: now,
      }),
      id,
      changeId,
    ),
    onlyIfChanged(
      scope,
      auditEntry(
        scope,
        actor,
        "scouting.session_logged",
        target(id),
        { sessionId, attendance: input.attendance, decisionRequired: next.decisionRequired },
        now,
      ),
      id,
      changeId,
    ),
  ]);
  if ((update?.rowsAffected ?? 0) !== 1) throw conflictNow();
  return {
    session: { id: sessionId, date: input.date, attendance: input.attendance },
    noShowsSinceDecision: next.noShowsSinceDecision,
    decisionRequired: next.decisionRequired,
  };
}

/**
 * Assigns (or reassigns) an active trajectory to a consultant of the same region. Audited; the
 * consultant gets a mail (once per trajectory and consultant; `origin` for its link), written
 * with the assignment.
 * @example await assignConsultant(scope, actor, id, consultantId, Date.now(), origin)
 */
export async function assignConsultant(scope: RegionScope, actor: Actor, id: string, consultantId: string, now: number, origin = "") {
  const found = await loadVisible(scope, actor, id);
  const c = found.candidate;
  if (!isAdmin(actor)) throw new DomainError("forbidden", "Only the region admin assigns consultants.");
  const consultant = await findRegionConsultant(scope, consultantId);
  if (!consultant)
    throw new DomainError("validation_failed", "Choose a consultant of this region.", [
      { path: "consultantId", message: "This is not an active consultant of this region." },
    ]);
  if (!isActiveStage(c.stage)) throw new DomainError("conflict", `This trajectory has ended (${c.stage}).`);
  const changeId = newId();
  const mail = renderAssignmentNotice({
    consultantName: consultant.name,
    municipality: c.municipality,
    regionName: scope.region.name,
    ...(origin ? { staffUrl: `${origin}/beheer/${scope.region.slug}/kandidaten/${id}` } : {}),
  });
  const [update] = await writeBatch(scope.db, [
    updateCandidateStatement(scope, id, c.changeId, { changeId, updatedAt: now, consultantUserId: consultant.id, assignedAt: now }),
    onlyIfChanged(
      scope,
      auditEntry(scope, actor, "scouting.consultant_assigned", target(id), { consultantId: consultant.id, previous: c.consultantUserId }, now),
      id,
      changeId,
    ),
    insertAssignmentMailStatement(scope, {
      candidateId: id,
      changeId,
      consultantId: consultant.id,
      recipient: consultant.email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      now,
    }),
  ]);
  if ((update?.rowsAffected ?? 0) !== 1) throw conflictNow();
  return getTrajectory(scope, actor, id);
}
