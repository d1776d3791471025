/**
 * A trajectory's stage changes by the rules of `transitions.ts`: go/no-go decisions (with the
 * reconfirmed effort commitment), outcomes, and the stop with its referral.
 */
import type { RegionScope } from "../../db/scope";
import { writeBatch, type WriteStatement } from "../../db/write";
import type { Actor } from "../../lib/context";
import { DomainError } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { auditEntry } from "../audit/audit.repo";
import { prepareStopReferral } from "../referrals/referrals.service";
import { assertMayAct, conflictNow, loadVisible, target } from "./scouting.access";
import { commitmentRow } from "./scouting.commitments";
import {
  candidateChanged,
  countIntakeCommitments,
  insertCommitmentStatement,
  insertStageChangeStatement,
  onlyIfChanged,
  updateCandidateStatement,
  type CandidateWithNames,
} from "./scouting.repo";
import type { StageInput } from "./scouting.schemas";
import { getTrajectory } from "./scouting.trajectory";
import { planTransition, type TrajectoryState } from "./transitions";

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
