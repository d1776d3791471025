/**
 * Figures of the scouting funnel, for a region's admin and (aggregated, with the small-count
 * rule) for the province. Every figure counts the cohort of candidates registered in the
 * period, wherever they are now: that is what a funnel's conversion means. No personal data
 * reaches this code; the repo hands over ids, stages, desks and counts only.
 */
import { FUNNEL_STAGES, REFERRAL_KINDS, STAGES, STOP_REASONS, type FunnelStage, type ReferralKind, type Stage, type StopReason } from "../../db/schema";
import type { RegionScope } from "../../db/scope";
import type { RegionRef } from "../../lib/context";
import { localDayBounds, formatOffsetIso, TIMEZONE } from "../../lib/time";
import type { Db } from "../../db/client";
import { ReadPlan } from "../../db/read";
import { cohortQueries, cohortsByRegion, listCohort, type CohortRow } from "./scouting.repo";
import { median } from "./transitions";

/** Inclusive local dates (Europe/Amsterdam). */
export interface ScoutingPeriod {
  from: string;
  to: string;
}

/** The programme's target from the source: 75–100 business plans from at least 500 starts in about two years. */
export const PROGRAMME_TARGET = { plansMin: 75, plansMax: 100, starts: 500, years: 2 } as const;

const ratio = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);
const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The funnel figures of one cohort. */
export interface ScoutingFigures {
  candidates: number;
  byStage: Record<Stage, number>;
  reached: Record<FunnelStage, number>;
  conversion: Array<{ from: FunnelStage; to: FunnelStage; fromCount: number; toCount: number; rate: number | null }>;
  frontdesks: Array<{ frontdesk: { id: string; name: string }; candidates: number; qualified: number }>;
  selfRegistered: { candidates: number; qualified: number };
  businessPlans: {
    delivered: number;
    starts: number;
    target: typeof PROGRAMME_TARGET;
    progress: { plansOfMin: number | null; plansOfMax: number | null; startsOfTarget: number | null };
  };
  medianSessionsPerDeliveredPlan: number | null;
  stopReasons: Record<StopReason, number>;
  referrals: Record<ReferralKind, number>;
}

/**
 * Computes the funnel figures from cohort rows and the stages each candidate reached (from
 * the stage history). A stopped candidate counts as having reached every stage it passed.
 *
 * @example
 * computeScoutingFigures([{ id: "a", frontdeskId: null, frontdeskName: null, stage: "intake", qualified: false, stopReason: null, referralKind: null, attendedSessions: 1 }],
 *   [{ candidateId: "a", stage: "registered" }, { candidateId: "a", stage: "intake" }]).reached.intake; // 1
 */
export function computeScoutingFigures(candidates: readonly CohortRow[], reachedStages: readonly { candidateId: string; stage: Stage }[]): ScoutingFigures {
  const byStage = zeroes(STAGES);
  const reached = zeroes(FUNNEL_STAGES);
  const stopReasons = zeroes(STOP_REASONS);
  const referrals = zeroes(REFERRAL_KINDS);
  const reachedBy = new Map<string, Set<Stage>>();
  for (const r of reachedStages) {
    const set = reachedBy.get(r.candidateId) ?? new Set<Stage>();
    set.add(r.stage);
    reachedBy.set(r.candidateId, set);
  }
  const desks = new Map<string, { frontdesk: { id: string; name: string }; candidates: number; qualified: number }>();
  const selfRegistered = { candidates: 0, qualified: 0 };
  const deliveredSessions: number[] = [];
  for (const c of candidates) {
    byStage[c.stage] += 1;
    const stages = reachedBy.get(c.id) ?? new Set<Stage>();
    stages.add("registered");
    stages.add(c.stage);
    for (const stage of FUNNEL_STAGES) if (stages.has(stage)) reached[stage] += 1;
    if (stages.has("business_plan_delivered")) deliveredSessions.push(c.attendedSessions);
    if ((STOP_REASONS as readonly string[]).includes(c.stopReason ?? "")) stopReasons[c.stopReason as StopReason] += 1;
    if ((REFERRAL_KINDS as readonly string[]).includes(c.referralKind ?? "")) referrals[c.referralKind as ReferralKind] += 1;
    let bucket: { candidates: number; qualified: number } = selfRegistered;
    if (c.frontdeskId) {
      const desk = desks.get(c.frontdeskId) ?? { frontdesk: { id: c.frontdeskId, name: c.frontdeskName ?? "" }, candidates: 0, qualified: 0 };
      desks.set(c.frontdeskId, desk);
      bucket = desk;
    }
    bucket.candidates += 1;
    if (c.qualified) bucket.qualified += 1;
  }
  const conversion = FUNNEL_STAGES.slice(0, -1).map((from, i) => {
    const to = FUNNEL_STAGES[i + 1] ?? from;
    return { from, to, fromCount: reached[from], toCount: reached[to], rate: ratio(reached[to], reached[from]) };
  });
  const delivered = reached.business_plan_delivered;
  return {
    candidates: candidates.length,
    byStage,
    reached,
    conversion,
    frontdesks: [...desks.values()].sort(
      (a, b) => b.qualified - a.qualified || b.candidates - a.candidates || a.frontdesk.name.localeCompare(b.frontdesk.name, "nl"),
    ),
    selfRegistered,
    businessPlans: {
      delivered,
      starts: candidates.length,
      target: PROGRAMME_TARGET,
      progress: {
        plansOfMin: ratio(delivered, PROGRAMME_TARGET.plansMin),
        plansOfMax: ratio(delivered, PROGRAMME_TARGET.plansMax),
        startsOfTarget: ratio(candidates.length, PROGRAMME_TARGET.starts),
      },
    },
    medianSessionsPerDeliveredPlan: median(deliveredSessions),
    stopReasons,
    referrals,
  };
}

function periodBounds(period: ScoutingPeriod): { from: number; to: number } {
  return { from: localDayBounds(period.from).start, to: localDayBounds(period.to).end };
}

/**
 * The scouting report of one region for a period (inclusive local dates).
 * @example await scoutingReport(scope, { from: "2027-01-01", to: "2028-12-31" }, Date.now())
 */
export async function scoutingReport(scope: RegionScope, period: ScoutingPeriod, now: number) {
  const { from, to } = periodBounds(period);
  const cohort = await listCohort(scope, from, to);
  return {
    period,
    timezone: TIMEZONE,
    generatedAt: formatOffsetIso(now),
    cohort: "registered_in_period" as const,
    ...computeScoutingFigures(cohort.candidates, cohort.reachedStages),
  };
}

/** A published count: exact, or "<5" for 1–4 (zero identifies nobody and stays 0). */
export type SmallCount = number | "<5";
const SMALL = 5;

/**
 * Applies the small-count rule to one count.
 * @example smallCount(3) // "<5"
 */
export function smallCount(n: number): SmallCount {
  return n > 0 && n < SMALL ? "<5" : n;
}

/** The aggregates of one region (or the total) as the province sees them. */
export interface ScoutingSummaryFigures {
  candidates: SmallCount;
  qualified: SmallCount;
  plansDelivered: SmallCount;
  financingArranged: SmallCount;
  stopped: SmallCount;
  active: SmallCount;
  byStage: Record<Stage, SmallCount>;
}

function summarise(figures: ScoutingFigures): ScoutingSummaryFigures {
  const qualified = figures.frontdesks.reduce((sum, d) => sum + d.qualified, 0) + figures.selfRegistered.qualified;
  const active = STAGES.filter((s) => s !== "stopped" && s !== "financing_arranged" && s !== "business_plan_delivered").reduce(
    (sum, s) => sum + figures.byStage[s],
    0,
  );
  return {
    candidates: smallCount(figures.candidates),
    qualified: smallCount(qualified),
    plansDelivered: smallCount(figures.businessPlans.delivered),
    financingArranged: smallCount(figures.reached.financing_arranged),
    stopped: smallCount(figures.byStage.stopped),
    active: smallCount(active),
    byStage: Object.fromEntries(STAGES.map((s) => [s, smallCount(figures.byStage[s])])) as Record<Stage, SmallCount>,
  };
}

/**
 * The province's view of the Support Process: aggregates only, per region and in total,
 * each count below 5 (but above 0) shown as "<5". No desks, no names, no ids of candidates.
 * The total is computed from exact counts and then suppressed on its own. Pure: the cohorts
 * come from `cohortQueries` (scouting.repo), read in the summary's one batch.
 *
 * @example
 * const summary = provinceScoutingFigures(regions, period, cohortsByRegion(rows, reached));
 * summary.total.candidates; // e.g. 37 or "<5"
 */
export function provinceScoutingFigures(
  regions: readonly RegionRef[],
  period: ScoutingPeriod,
  cohorts: ReadonlyMap<string, { candidates: CohortRow[]; reachedStages: { candidateId: string; stage: Stage }[] }>,
) {
  const all: CohortRow[] = [];
  const allReached: { candidateId: string; stage: Stage }[] = [];
  const perRegion = [];
  for (const region of regions) {
    const cohort = cohorts.get(region.id) ?? { candidates: [], reachedStages: [] };
    all.push(...cohort.candidates);
    allReached.push(...cohort.reachedStages);
    perRegion.push({ region: { slug: region.slug, name: region.name }, ...summarise(computeScoutingFigures(cohort.candidates, cohort.reachedStages)) });
  }
  return { period, smallCountThreshold: SMALL, regions: perRegion, total: summarise(computeScoutingFigures(all, allReached)) };
}

/** The bounds of a scouting period as instants `[from, to)`. */
export function scoutingPeriodBounds(period: ScoutingPeriod): { from: number; to: number } {
  return periodBounds(period);
}

/**
 * The same, read in one round trip (for callers without a batch of their own).
 * @example const summary = await provinceScoutingSummary(db, await listRegions(db), { from: "2027-01-01", to: "2027-12-31" });
 */
export async function provinceScoutingSummary(db: Db, regions: readonly RegionRef[], period: ScoutingPeriod) {
  const { from, to } = periodBounds(period);
  const queries = cohortQueries(
    db,
    regions.map((r) => r.id),
    from,
    to,
  );
  const plan = new ReadPlan(db);
  const candidates = plan.add(queries.candidates);
  const reached = plan.add(queries.reached);
  await plan.run();
  return provinceScoutingFigures(regions, period, cohortsByRegion(candidates.value, reached.value));
}
