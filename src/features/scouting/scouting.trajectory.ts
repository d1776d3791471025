/**
 * Reading a trajectory: the candidate with its commitments, sessions, experts and stage
 * history (frontdesk staff the candidate and its stage only), and the stages it may go to next.
 */
import { ReadPlan } from "../../db/read";
import type { RegionScope } from "../../db/scope";
import { FUNNEL_STAGES, type Stage } from "../../db/schema";
import type { Actor } from "../../lib/context";
import { notFound } from "../../lib/errors";
import { formatOffsetIso } from "../../lib/time";
import { isAdmin, maySee } from "./scouting.access";
import { toSummary } from "./scouting.lists";
import {
  DEFAULT_NO_SHOW_RULE,
  candidateQuery,
  intakeCommitmentCountQuery,
  listCommitments,
  listSessions,
  listStageChanges,
  noShowRuleQuery,
  regionConsultantsQuery,
  toCandidate,
  type CandidateWithNames,
} from "./scouting.repo";
import { planTransition, type TrajectoryState } from "./transitions";

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
