import { describe, expect, it } from "vitest";
import { ACTIVE_STAGES, type Stage } from "../../src/db/schema";
import {
  applyNoShowRule,
  atDecisionPoint,
  median,
  nextStage,
  planTransition,
  sessionRefusal,
  type TrajectoryState,
} from "../../src/features/scouting/transitions";

const ready = (stage: Stage, overrides: Partial<TrajectoryState> = {}): TrajectoryState => ({
  stage,
  decisionRequired: false,
  hasConsultant: true,
  hasIntakeCommitment: true,
  ...overrides,
});
const referral = { kind: "initiative" as const, name: "Ondernemersklankbord" };

describe("stage transitions", () => {
  it("should end support with the delivered plan and record financing arranged as an outcome after it, once", () => {
    expect(planTransition(ready("plan_in_development"), { to: "business_plan_delivered", hasCommitment: false })).toMatchObject({ ok: true });
    expect(planTransition(ready("business_plan_delivered"), { to: "financing_arranged", hasCommitment: false })).toEqual({
      ok: true,
      plan: {
        from: "business_plan_delivered",
        to: "business_plan_delivered",
        decision: null,
        qualifies: false,
        resetsNoShows: false,
        stop: null,
        outcome: "financing_arranged",
      },
    });
    expect(planTransition(ready("business_plan_delivered", { financingArranged: true }), { to: "financing_arranged", hasCommitment: false })).toMatchObject({
      ok: false,
      refusal: { code: "conflict" },
    });
    expect(planTransition(ready("plan_in_development"), { to: "financing_arranged", hasCommitment: false })).toMatchObject({
      ok: false,
      refusal: { code: "conflict" },
    });
    // The delivered plan ends the trajectory: no stop, no more sessions.
    expect(planTransition(ready("business_plan_delivered"), { to: "stopped", stopReason: "other", referral, hasCommitment: false })).toMatchObject({
      ok: false,
    });
    expect(sessionRefusal({ stage: "business_plan_delivered", decisionRequired: false })).not.toBeNull();
  });

  it("should walk the whole funnel one step at a time, with the go decision at the assessment", () => {
    expect(planTransition(ready("registered"), { to: "intake", hasCommitment: false })).toMatchObject({
      ok: true,
      plan: { from: "registered", to: "intake", decision: null },
    });
    expect(planTransition(ready("intake"), { to: "ambition_assessed", hasCommitment: false })).toMatchObject({
      ok: true,
      plan: { decision: null, qualifies: false },
    });
    expect(planTransition(ready("ambition_assessed"), { to: "plan_in_development", decision: "go", hasCommitment: true })).toEqual({
      ok: true,
      plan: { from: "ambition_assessed", to: "plan_in_development", decision: "go", qualifies: true, resetsNoShows: true, stop: null },
    });
    expect(planTransition(ready("plan_in_development"), { to: "business_plan_delivered", hasCommitment: false })).toMatchObject({ ok: true });
    expect(planTransition(ready("business_plan_delivered"), { to: "financing_arranged", hasCommitment: false })).toMatchObject({
      ok: true,
      plan: { qualifies: false },
    });
  });

  it("should refuse skipping a stage and going backwards as a conflict", () => {
    expect(planTransition(ready("registered"), { to: "ambition_assessed", hasCommitment: false })).toMatchObject({ ok: false, refusal: { code: "conflict" } });
    expect(planTransition(ready("plan_in_development"), { to: "intake", hasCommitment: false })).toMatchObject({ ok: false, refusal: { code: "conflict" } });
    expect(planTransition(ready("intake"), { to: "intake", hasCommitment: false })).toMatchObject({ ok: false, refusal: { code: "conflict" } });
  });

  it("should refuse any change once a trajectory has ended", () => {
    for (const stage of ["stopped", "financing_arranged"] as const) {
      expect(planTransition(ready(stage), { to: "stopped", referral, stopReason: "other", hasCommitment: false })).toMatchObject({
        ok: false,
        refusal: { code: "conflict" },
      });
    }
  });

  it("should allow stopping from every active stage, always with a referral and a stop reason", () => {
    for (const stage of ACTIVE_STAGES) {
      const result = planTransition(ready(stage), { to: "stopped", referral, stopReason: "entrepreneur_withdrew", hasCommitment: false });
      expect(result).toMatchObject({ ok: true, plan: { to: "stopped", stop: { reason: "entrepreneur_withdrew", referral } } });
      expect(planTransition(ready(stage), { to: "stopped", stopReason: "other", hasCommitment: false })).toMatchObject({
        ok: false,
        refusal: { code: "validation_failed", path: "referral" },
      });
      expect(planTransition(ready(stage), { to: "stopped", referral, hasCommitment: false })).toMatchObject({
        ok: false,
        refusal: { code: "validation_failed", path: "stopReason" },
      });
    }
  });

  it("should treat a no-go at the assessment as a stop with a referral and record the decision", () => {
    expect(planTransition(ready("ambition_assessed"), { to: "stopped", decision: "no_go", referral, stopReason: "no_go", hasCommitment: false })).toMatchObject(
      {
        ok: true,
        plan: { decision: "no_go", stop: { reason: "no_go" } },
      },
    );
    expect(planTransition(ready("ambition_assessed"), { to: "plan_in_development", decision: "no_go", hasCommitment: false })).toMatchObject({
      ok: false,
      refusal: { path: "to" },
    });
    expect(planTransition(ready("ambition_assessed"), { to: "stopped", decision: "go", referral, stopReason: "other", hasCommitment: false })).toMatchObject({
      ok: false,
      refusal: { path: "decision" },
    });
  });

  it("should demand the go decision and a reconfirmed commitment to leave the assessment", () => {
    expect(planTransition(ready("ambition_assessed"), { to: "plan_in_development", hasCommitment: true })).toMatchObject({
      ok: false,
      refusal: { code: "validation_failed", path: "decision" },
    });
    expect(planTransition(ready("ambition_assessed"), { to: "plan_in_development", decision: "go", hasCommitment: false })).toMatchObject({
      ok: false,
      refusal: { code: "validation_failed", path: "commitment" },
    });
  });

  it("should refuse a decision where none is due", () => {
    expect(planTransition(ready("intake"), { to: "ambition_assessed", decision: "go", hasCommitment: true })).toMatchObject({
      ok: false,
      refusal: { code: "validation_failed", path: "decision" },
    });
  });

  it("should need a consultant to start the intake and the intake commitment to leave it", () => {
    expect(planTransition(ready("registered", { hasConsultant: false }), { to: "intake", hasCommitment: false })).toMatchObject({
      ok: false,
      refusal: { code: "conflict" },
    });
    expect(planTransition(ready("intake", { hasIntakeCommitment: false }), { to: "ambition_assessed", hasCommitment: false })).toMatchObject({
      ok: false,
      refusal: { code: "conflict" },
    });
  });

  it("should let a go decision with a commitment continue a trajectory after the no-show rule fired, without moving it", () => {
    const waiting = ready("plan_in_development", { decisionRequired: true });
    expect(atDecisionPoint(waiting)).toBe(true);
    expect(planTransition(waiting, { to: "plan_in_development", decision: "go", hasCommitment: true })).toEqual({
      ok: true,
      plan: { from: "plan_in_development", to: "plan_in_development", decision: "go", qualifies: false, resetsNoShows: true, stop: null },
    });
    expect(planTransition(waiting, { to: "plan_in_development", decision: "go", hasCommitment: false })).toMatchObject({
      ok: false,
      refusal: { path: "commitment" },
    });
    expect(planTransition(waiting, { to: "business_plan_delivered", hasCommitment: false })).toMatchObject({ ok: false, refusal: { path: "decision" } });
    expect(planTransition(waiting, { to: "stopped", referral, stopReason: "no_show_rule", hasCommitment: false })).toMatchObject({
      ok: true,
      plan: { decision: "no_go" },
    });
  });

  it("should name the next funnel stage and none after the end", () => {
    expect(nextStage("registered")).toBe("intake");
    expect(nextStage("business_plan_delivered")).toBe("financing_arranged");
    expect(nextStage("financing_arranged")).toBeNull();
    expect(nextStage("stopped")).toBeNull();
  });
});

describe("the no-show rule and sessions", () => {
  it("should require a decision once the no-shows since the last decision reach the rule", () => {
    expect(applyNoShowRule({ noShowsSinceDecision: 0 }, "no_show", 2)).toEqual({ noShowsSinceDecision: 1, decisionRequired: false });
    expect(applyNoShowRule({ noShowsSinceDecision: 1 }, "attended", 2)).toEqual({ noShowsSinceDecision: 1, decisionRequired: false });
    expect(applyNoShowRule({ noShowsSinceDecision: 1 }, "no_show", 2)).toEqual({ noShowsSinceDecision: 2, decisionRequired: true });
    expect(applyNoShowRule({ noShowsSinceDecision: 0 }, "no_show", 1)).toEqual({ noShowsSinceDecision: 1, decisionRequired: true });
  });

  it("should never require a decision when the rule is switched off", () => {
    expect(applyNoShowRule({ noShowsSinceDecision: 9 }, "no_show", 0)).toEqual({ noShowsSinceDecision: 10, decisionRequired: false });
  });

  it("should refuse sessions before the intake, after the end and while a decision is pending", () => {
    expect(sessionRefusal({ stage: "registered", decisionRequired: false })).not.toBeNull();
    expect(sessionRefusal({ stage: "stopped", decisionRequired: false })).not.toBeNull();
    expect(sessionRefusal({ stage: "financing_arranged", decisionRequired: false })).not.toBeNull();
    expect(sessionRefusal({ stage: "intake", decisionRequired: true })).toMatch(/decision/);
    expect(sessionRefusal({ stage: "plan_in_development", decisionRequired: false })).toBeNull();
  });

  it("should take the median of odd and even counts and give null for none", () => {
    expect(median([])).toBeNull();
    expect(median([30])).toBe(30);
    expect(median([35, 25, 28])).toBe(28);
    expect(median([25, 35, 27, 31])).toBe(29);
  });
});
