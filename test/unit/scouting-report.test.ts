import { describe, expect, it } from "vitest";
import type { Stage } from "../../src/db/schema";
import type { CohortRow } from "../../src/features/scouting/scouting.repo";
import { computeScoutingFigures, smallCount } from "../../src/features/scouting/scouting.report";

const row = (id: string, stage: Stage, overrides: Partial<CohortRow> = {}): CohortRow => ({
  id,
  frontdeskId: "desk-a",
  frontdeskName: "Loket A",
  stage,
  qualified: false,
  stopReason: null,
  referralKind: null,
  attendedSessions: 0,
  ...overrides,
});
const path = (id: string, ...stages: Stage[]) => ["registered" as Stage, ...stages].map((stage) => ({ candidateId: id, stage }));

describe("scouting figures", () => {
  it("should count a stopped candidate as having reached the stages it passed", () => {
    const figures = computeScoutingFigures(
      [
        row("a", "stopped", { stopReason: "no_go", referralKind: "partner" }),
        row("b", "intake"),
        row("c", "registered", { frontdeskId: null, frontdeskName: null }),
      ],
      [...path("a", "intake", "ambition_assessed", "stopped"), ...path("b", "intake"), ...path("c")],
    );
    expect(figures.candidates).toBe(3);
    expect(figures.byStage).toMatchObject({ stopped: 1, intake: 1, registered: 1, plan_in_development: 0 });
    expect(figures.reached).toEqual({
      registered: 3,
      intake: 2,
      ambition_assessed: 1,
      plan_in_development: 0,
      business_plan_delivered: 0,
      financing_arranged: 0,
    });
    expect(figures.conversion[0]).toEqual({ from: "registered", to: "intake", fromCount: 3, toCount: 2, rate: 0.6667 });
    expect(figures.conversion[2]).toEqual({ from: "ambition_assessed", to: "plan_in_development", fromCount: 1, toCount: 0, rate: 0 });
    expect(figures.conversion[4]).toMatchObject({ fromCount: 0, rate: null });
    expect(figures.stopReasons).toMatchObject({ no_go: 1, other: 0 });
    expect(figures.referrals).toEqual({ initiative: 0, partner: 1, frontdesk: 0 });
  });

  it("should credit qualified candidates to the scouting frontdesk and keep self-registrations apart", () => {
    const figures = computeScoutingFigures(
      [
        row("a", "plan_in_development", { qualified: true }),
        row("b", "stopped"),
        row("c", "plan_in_development", { frontdeskId: "desk-b", frontdeskName: "Loket B", qualified: true }),
        row("d", "plan_in_development", { frontdeskId: "desk-b", frontdeskName: "Loket B", qualified: true }),
        row("e", "plan_in_development", { frontdeskId: null, frontdeskName: null, qualified: true }),
      ],
      [],
    );
    expect(figures.frontdesks).toEqual([
      { frontdesk: { id: "desk-b", name: "Loket B" }, candidates: 2, qualified: 2 },
      { frontdesk: { id: "desk-a", name: "Loket A" }, candidates: 2, qualified: 1 },
    ]);
    expect(figures.selfRegistered).toEqual({ candidates: 1, qualified: 1 });
  });

  it("should report delivered plans against the programme target with the median sessions per plan", () => {
    const figures = computeScoutingFigures(
      [
        row("a", "business_plan_delivered", { attendedSessions: 27 }),
        row("b", "financing_arranged", { attendedSessions: 33 }),
        row("c", "plan_in_development", { attendedSessions: 12 }),
      ],
      [
        ...path("a", "intake", "ambition_assessed", "plan_in_development", "business_plan_delivered"),
        ...path("b", "intake", "ambition_assessed", "plan_in_development", "business_plan_delivered", "financing_arranged"),
      ],
    );
    expect(figures.businessPlans).toEqual({
      delivered: 2,
      starts: 3,
      target: { plansMin: 75, plansMax: 100, starts: 500, years: 2 },
      progress: { plansOfMin: 0.0267, plansOfMax: 0.02, startsOfTarget: 0.006 },
    });
    expect(figures.medianSessionsPerDeliveredPlan).toBe(30);
  });

  it("should show counts from 1 to 4 as <5 and keep zero and larger counts", () => {
    expect([0, 1, 4, 5, 12].map(smallCount)).toEqual([0, "<5", "<5", 5, 12]);
  });
});
