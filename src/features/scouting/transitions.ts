/**
 * The rules of the Support Process as pure functions: which stage change is allowed, what it
 * records, and when the no-show rule demands a decision. No I/O: the service reads the
 * trajectory, asks these functions, and writes what they decided.
 */
import type { HolidaySettings } from "../availability/holidays";
import { dueAt } from "../referrals/referral-rules";
import { ACTIVE_STAGES, FUNNEL_STAGES, type Decision, type FunnelStage, type ReferralKind, type Stage, type StopReason } from "../../db/schema/scouting";

/** What the rules need to know about a trajectory. */
export interface TrajectoryState {
  stage: Stage;
  decisionRequired: boolean;
  hasConsultant: boolean;
  /** Whether an effort commitment was agreed at intake. */
  hasIntakeCommitment: boolean;
  /** Whether the outcome "financing arranged" is recorded already. */
  financingArranged?: boolean;
}

export interface Referral {
  kind: ReferralKind;
  name: string;
}

/** A requested change. `to` equal to the current stage with a go decision means "continue" after the no-show rule fired. */
export interface TransitionRequest {
  to: Stage;
  decision?: Decision | undefined;
  referral?: Referral | undefined;
  stopReason?: StopReason | undefined;
  /** A reconfirmed effort commitment; required with every go decision. */
  hasCommitment: boolean;
}

/** What a permitted change does. */
export interface TransitionPlan {
  from: Stage;
  to: Stage;
  /** The go/no-go decision recorded with this change, if it was taken at a decision point. */
  decision: Decision | null;
  /** The go decision at the assessment: the candidate (and its scouting frontdesk) qualifies. */
  qualifies: boolean;
  /** A go decision resets the no-show count and lifts a required decision. */
  resetsNoShows: boolean;
  stop: { reason: StopReason; referral: Referral } | null;
  /** An outcome recorded after the delivered plan (the stage stays `business_plan_delivered`). */
  outcome?: "financing_arranged";
}

/** Why a change is refused: `conflict` (409) for the trajectory's state, `validation_failed` (400) for missing input. */
export interface TransitionRefusal {
  code: "conflict" | "validation_failed";
  message: string;
  path?: string;
}

export type TransitionResult = { ok: true; plan: TransitionPlan } | { ok: false; refusal: TransitionRefusal };

/**
 * Whether a stage is still in progress (support ends with the delivered plan, or a stop).
 * @example isActiveStage("intake") // true
 */
export function isActiveStage(stage: Stage): boolean {
  return (ACTIVE_STAGES as readonly Stage[]).includes(stage);
}

/**
 * The stage after this one in the funnel, or null at the end (or when stopped).
 * @example nextStage("intake") // "ambition_assessed"
 */
export function nextStage(stage: Stage): FunnelStage | null {
  const index = (FUNNEL_STAGES as readonly Stage[]).indexOf(stage);
  return index < 0 ? null : (FUNNEL_STAGES[index + 1] ?? null);
}

/**
 * Whether the trajectory stands at a go/no-go point: the assessment of the ambition, or a
 * decision the no-show rule demanded.
 * @example atDecisionPoint({ stage: "ambition_assessed", decisionRequired: false }) // true
 */
export function atDecisionPoint(state: Pick<TrajectoryState, "stage" | "decisionRequired">): boolean {
  return state.stage === "ambition_assessed" || (state.decisionRequired && isActiveStage(state.stage));
}

/** A trajectory waiting longer than this many working days for its go/no-go decision is flagged. */
export const DECISION_WAIT_WORKING_DAYS = 10;

/**
 * Since when the trajectory waits for a go/no-go decision, or null when none is due: since it
 * reached the assessment, or since the no-show rule fired (the last session logged: none is
 * logged while a decision is due).
 * @example decisionWaitingSince({ stage: "ambition_assessed", decisionRequired: false, assessedAt: t, lastSessionAt: null }) // t
 */
export function decisionWaitingSince(c: { stage: Stage; decisionRequired: boolean; assessedAt: number | null; lastSessionAt: number | null }): number | null {
  if (c.stage === "ambition_assessed") return c.assessedAt ?? c.lastSessionAt;
  if (c.decisionRequired && isActiveStage(c.stage)) return c.lastSessionAt;
  return null;
}

/**
 * Whether a decision waiting since `since` is overdue at `now`: more than
 * {@link DECISION_WAIT_WORKING_DAYS} working days (no weekends, no public holidays of the
 * region's calendar), i.e. past the end of the 10th working day after the day it became due.
 * @example decisionOverdue(since, now, { goodFridayClosed: true, liberationDayClosed: false })
 */
export function decisionOverdue(since: number | null, now: number, holidays: HolidaySettings): boolean {
  return since !== null && now >= dueAt(since, DECISION_WAIT_WORKING_DAYS, holidays);
}

const refuse = (code: TransitionRefusal["code"], message: string, path?: string): TransitionResult => ({
  ok: false,
  refusal: { code, message, ...(path ? { path } : {}) },
});

/**
 * Decides a stage change. Only one step forward at a time, or to `stopped` from any active
 * stage (always with a referral and a stop reason). At a go/no-go point a forward move needs
 * the go decision and a reconfirmed effort commitment; a no-go is a stop. Leaving the intake
 * needs the effort commitment agreed at intake; starting it needs a consultant.
 *
 * @example
 * planTransition({ stage: "ambition_assessed", decisionRequired: false, hasConsultant: true, hasIntakeCommitment: true },
 *   { to: "plan_in_development", decision: "go", hasCommitment: true });
 * // { ok: true, plan: { from: "ambition_assessed", to: "plan_in_development", decision: "go", qualifies: true, resetsNoShows: true, stop: null } }
 */
export function planTransition(state: TrajectoryState, request: TransitionRequest): TransitionResult {
  const from = state.stage;
  // Issue 19: financing is an outcome after the delivered plan, not a support stage.
  if (request.to === "financing_arranged") {
    if (from !== "business_plan_delivered") return refuse("conflict", "Financing arranged is an outcome recorded after the business plan was delivered.");
    if (state.financingArranged) return refuse("conflict", "Financing arranged is already recorded for this trajectory.");
    if (request.decision !== undefined) return refuse("validation_failed", "No go/no-go decision is due at this stage.", "decision");
    return { ok: true, plan: { from, to: from, decision: null, qualifies: false, resetsNoShows: false, stop: null, outcome: "financing_arranged" } };
  }
  if (!isActiveStage(from)) return refuse("conflict", `This trajectory has ended (${from}); its stage can no longer change.`);
  const decisionPoint = atDecisionPoint(state);

  if (request.to === "stopped") {
    if (request.decision === "go") return refuse("validation_failed", "A go decision cannot stop a trajectory.", "decision");
    if (!request.stopReason) return refuse("validation_failed", "Give the reason the trajectory stops.", "stopReason");
    if (!request.referral) return refuse("validation_failed", "Record where the entrepreneur is referred to: nobody is just dropped.", "referral");
    return {
      ok: true,
      plan: {
        from,
        to: "stopped",
        decision: decisionPoint ? "no_go" : null,
        qualifies: false,
        resetsNoShows: false,
        stop: { reason: request.stopReason, referral: request.referral },
      },
    };
  }

  if (request.decision === "no_go")
    return refuse("validation_failed", "A no-go decision stops the trajectory: send to: stopped with a referral and a stop reason.", "to");

  if (request.to === from) {
    if (!state.decisionRequired || from === "ambition_assessed") return refuse("conflict", `This trajectory is already in ${from}.`);
    if (request.decision !== "go") return refuse("validation_failed", "To continue after the no-show rule, record the go decision.", "decision");
    if (!request.hasCommitment) return refuse("validation_failed", "A go decision reconfirms the effort commitment: include it.", "commitment");
    return { ok: true, plan: { from, to: from, decision: "go", qualifies: false, resetsNoShows: true, stop: null } };
  }

  const next = nextStage(from);
  if (request.to !== next) return refuse("conflict", `From ${from} the trajectory can only move to ${next ?? "nothing"} or be stopped.`);
  if (from === "registered" && !state.hasConsultant) return refuse("conflict", "Assign a consultant before the intake starts.");
  if (from === "intake" && !state.hasIntakeCommitment) return refuse("conflict", "Agree the effort commitment at intake before assessing the ambition.");
  if (decisionPoint) {
    if (request.decision !== "go")
      return refuse("validation_failed", "This is a go/no-go point: record the go decision to move on (a no-go is a stop).", "decision");
    if (!request.hasCommitment) return refuse("validation_failed", "A go decision reconfirms the effort commitment: include it.", "commitment");
    return { ok: true, plan: { from, to: request.to, decision: "go", qualifies: from === "ambition_assessed", resetsNoShows: true, stop: null } };
  }
  if (request.decision !== undefined) return refuse("validation_failed", "No go/no-go decision is due at this stage.", "decision");
  return { ok: true, plan: { from, to: request.to, decision: null, qualifies: false, resetsNoShows: false, stop: null } };
}

/**
 * Where a session leaves the no-show count, and whether the rule now demands a decision.
 * A rule of 0 switches the rule off.
 *
 * @example
 * applyNoShowRule({ noShowsSinceDecision: 1 }, "no_show", 2); // { noShowsSinceDecision: 2, decisionRequired: true }
 */
export function applyNoShowRule(
  state: { noShowsSinceDecision: number },
  attendance: "attended" | "no_show",
  rule: number,
): { noShowsSinceDecision: number; decisionRequired: boolean } {
  const count = state.noShowsSinceDecision + (attendance === "no_show" ? 1 : 0);
  return { noShowsSinceDecision: count, decisionRequired: rule > 0 && count >= rule };
}

/**
 * Whether a session may be logged now: only while the trajectory is under way (from the
 * intake until the plan is delivered) and no decision is pending.
 * @example sessionRefusal({ stage: "intake", decisionRequired: true }) // "A go/no-go decision is required ..."
 */
export function sessionRefusal(state: Pick<TrajectoryState, "stage" | "decisionRequired">): string | null {
  if (!isActiveStage(state.stage)) return `This trajectory has ended (${state.stage}); no more sessions can be logged.`;
  if (state.stage === "registered") return "Start the intake before logging sessions.";
  if (state.decisionRequired) return "A go/no-go decision is required (no-show rule) before more sessions can be logged.";
  return null;
}

/**
 * The median of some numbers (mean of the middle two for an even count), or null for none.
 * @example median([3, 1, 2, 10]) // 2.5
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}
