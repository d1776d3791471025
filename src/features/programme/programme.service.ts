/**
 * Programme steering (issue 19): the programme office's targets per period, progress against
 * them for Limburg and per region (a region sees its share, not the whole target), the
 * Support Process funnel with conversion, companies reached and consultant capacity. The
 * figures are aggregates with the small-count rule: 1–4 shows as "<5", and no rate is given
 * over a hidden count.
 */
import type { Db } from "../../db/client";
import { ReadPlan } from "../../db/read";
import { writeBatch } from "../../db/write";
import { TARGET_INDICATORS, type TargetIndicator } from "../../db/schema";
import type { Actor, RegionRef } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import type { RegionScope } from "../../db/scope";
import { findRegionConsultant } from "../scouting/scouting.repo";
import { localDayBounds } from "../../lib/time";
import { auditEntry, auditStatement } from "../audit/audit.repo";
import { regionsQuery } from "../regions/regions.repo";
import type { ReportPeriod } from "../reports/period";
import {
  capacityRead,
  funnelRead,
  indicatorsRead,
  replaceTargetsStatements,
  setCapacityStatement,
  sharesQuery,
  targetsQuery,
  type CapacityRow,
  type FunnelRow,
  type IndicatorRow,
} from "./programme.repo";

const SMALL = 5;
export type Small = number | "<5";
/** 1–4 as "<5"; 0 and 5+ exact. */
export const small = (n: number): Small => (n > 0 && n < SMALL ? "<5" : n);
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
/** A ratio, or null when the denominator is 0 or either count is hidden. */
const rate = (n: number, d: number): number | null => (d === 0 || (n > 0 && n < SMALL) || d < SMALL ? null : round4(n / d));

export interface Target {
  indicator: TargetIndicator;
  min: number;
  max: number | null;
}
export interface TargetSet {
  period: ReportPeriod;
  targets: Target[];
  shares: { region: string; percent: number }[];
}

export interface IndicatorProgress {
  indicator: TargetIndicator;
  actual: Small;
  target: { min: number; max: number | null } | null;
  /** actual ÷ target min (and ÷ max for a band); null without a target or over a hidden count. */
  progress: { ofMin: number | null; ofMax: number | null };
}

export interface FunnelFigures {
  starts: Small;
  intake: Small;
  go: Small;
  plan: Small;
  /** The outcome after the plan (not a support stage). */
  financingArranged: Small;
  conversion: {
    startsToIntake: number | null;
    intakeToGo: number | null;
    goToPlan: number | null;
    planToFinancing: number | null;
    startsToPlan: number | null;
  };
}

export interface CapacityFigures {
  consultants: number;
  fte: number;
  activeTrajectories: Small;
  /** Active trajectories per FTE; null without FTE or over a hidden count. */
  caseloadPerFte: number | null;
  /** The programme's planned FTE for the period (target `consultant_fte`), this level's part. */
  plannedFte: number | null;
}

export interface ProgressLevel {
  indicators: IndicatorProgress[];
  funnel: FunnelFigures;
  capacity: CapacityFigures;
}

export interface ProgrammeProgress {
  period: ReportPeriod;
  /** The target period the progress compares with (the latest overlapping the report period), or null. */
  targetPeriod: ReportPeriod | null;
  smallCountThreshold: number;
  total: ProgressLevel;
  regions: Array<{ region: { slug: string; name: string }; sharePercent: number | null } & ProgressLevel>;
}

/** The counted indicators (all but consultant_fte, which is the capacity plan). */
export const COUNTED: readonly TargetIndicator[] = TARGET_INDICATORS.filter((i) => i !== "consultant_fte");

function funnelOf(rows: readonly FunnelRow[]): FunnelFigures {
  const sum = (k: keyof Omit<FunnelRow, "regionId">) => rows.reduce((a, r) => a + r[k], 0);
  const [starts, intake, go, plan, financing] = [sum("starts"), sum("intake"), sum("go"), sum("plan"), sum("financing")];
  return {
    starts: small(starts),
    intake: small(intake),
    go: small(go),
    plan: small(plan),
    financingArranged: small(financing),
    conversion: {
      startsToIntake: rate(intake, starts),
      intakeToGo: rate(go, intake),
      goToPlan: rate(plan, go),
      planToFinancing: rate(financing, plan),
      startsToPlan: rate(plan, starts),
    },
  };
}

function capacityOf(rows: readonly CapacityRow[], plannedFte: number | null): CapacityFigures {
  const consultants = rows.reduce((a, r) => a + r.consultants, 0);
  const fte = Math.round(rows.reduce((a, r) => a + r.fte, 0) * 100) / 100;
  const caseload = rows.reduce((a, r) => a + r.caseload, 0);
  return {
    consultants,
    fte,
    activeTrajectories: small(caseload),
    caseloadPerFte: fte === 0 || (caseload > 0 && caseload < SMALL) ? null : Math.round((caseload / fte) * 100) / 100,
    plannedFte,
  };
}

function indicatorOf(indicator: TargetIndicator, actual: number, target: { min: number; max: number | null } | null): IndicatorProgress {
  const hidden = actual > 0 && actual < SMALL;
  const of = (t: number | null) => (t === null || t <= 0 || hidden ? null : round4(actual / t));
  return { indicator, actual: small(actual), target, progress: { ofMin: of(target?.min ?? null), ofMax: of(target?.max ?? null) } };
}

/** A target scaled to a share (percent); whole numbers except FTE. */
function scaled(t: Target, percent: number): { min: number; max: number | null } {
  const scale = (x: number) => (t.indicator === "consultant_fte" ? Math.round(x * percent) / 100 : Math.round((x * percent) / 100));
  return { min: scale(t.min), max: t.max === null ? null : scale(t.max) };
}

/** Picks the latest target period overlapping the report period (rows come latest first). */
export function currentTargetSet(
  targets: readonly { periodFrom: string; periodTo: string; indicator: TargetIndicator; min: number; max: number | null }[],
  shares: readonly { periodFrom: string; periodTo: string; regionId: string; sharePercent: number }[],
): { period: ReportPeriod; targets: Target[]; shares: Map<string, number> } | null {
  const first = targets[0];
  if (!first) return null;
  const same = (r: { periodFrom: string; periodTo: string }) => r.periodFrom === first.periodFrom && r.periodTo === first.periodTo;
  return {
    period: { from: first.periodFrom, to: first.periodTo },
    targets: targets.filter(same).map((t) => ({ indicator: t.indicator, min: t.min, max: t.max })),
    shares: new Map(shares.filter(same).map((s) => [s.regionId, s.sharePercent])),
  };
}

/**
 * Computes the progress from the rows read (pure): Limburg against the whole target, each
 * region against its share of it (no share: no regional target).
 */
export function computeProgress(
  period: ReportPeriod,
  regions: readonly RegionRef[],
  set: ReturnType<typeof currentTargetSet>,
  indicators: readonly IndicatorRow[],
  funnel: readonly FunnelRow[],
  capacity: readonly CapacityRow[],
): ProgrammeProgress {
  const targetOf = (i: TargetIndicator) => set?.targets.find((t) => t.indicator === i) ?? null;
  const count = (i: TargetIndicator, regionId: string | null | "all") =>
    indicators.filter((r) => r.indicator === i && (regionId === "all" ? r.regionId !== null : r.regionId === regionId)).reduce((a, r) => a + r.n, 0);
  const fteTarget = targetOf("consultant_fte");
  const total: ProgressLevel = {
    indicators: COUNTED.map((i) => {
      const t = targetOf(i);
      // Companies reached over all regions: de-duplicated across regions (the row without a region).
      return indicatorOf(i, i === "companies_reached" ? count(i, null) : count(i, "all"), t && { min: t.min, max: t.max });
    }),
    funnel: funnelOf(funnel),
    capacity: capacityOf(capacity, fteTarget?.min ?? null),
  };
  const perRegion = regions.map((region) => {
    const share = set?.shares.get(region.id) ?? null;
    const regional = (i: TargetIndicator) => {
      const t = targetOf(i);
      return t && share !== null ? scaled(t, share) : null;
    };
    return {
      region: { slug: region.slug, name: region.name },
      sharePercent: share,
      indicators: COUNTED.map((i) => indicatorOf(i, count(i, region.id), regional(i))),
      funnel: funnelOf(funnel.filter((f) => f.regionId === region.id)),
      capacity: capacityOf(
        capacity.filter((c) => c.regionId === region.id),
        regional("consultant_fte")?.min ?? null,
      ),
    };
  });
  return { period, targetPeriod: set?.period ?? null, smallCountThreshold: SMALL, total, regions: perRegion };
}

/** Instants of a period. */
const boundsOf = (period: ReportPeriod) => ({ start: localDayBounds(period.from).start, end: localDayBounds(period.to).end });

/**
 * Adds the programme progress's statements to a read plan (so the province dashboard reads it
 * in its one batch); the returned function computes it once the plan ran.
 * @example const progress = planProgrammeProgress(plan, period); await plan.run(); progress();
 */
export function planProgrammeProgress(plan: ReadPlan, period: ReportPeriod): () => ProgrammeProgress {
  const db = plan.db;
  const bounds = boundsOf(period);
  const regions = plan.add(regionsQuery(db));
  const targets = plan.add(targetsQuery(db, period.from, period.to));
  const shares = plan.add(sharesQuery(db, period.from, period.to));
  const indicators = plan.add(indicatorsRead(bounds));
  const funnel = plan.add(funnelRead(bounds));
  const capacity = plan.add(capacityRead());
  return () => computeProgress(period, regions.value, currentTargetSet(targets.value, shares.value), indicators.value, funnel.value, capacity.value);
}

/**
 * The programme's progress over a period, in one round trip.
 * @example await programmeProgress(db, { from: "2027-01-01", to: "2028-12-31" })
 */
export async function programmeProgress(db: Db, period: ReportPeriod): Promise<ProgrammeProgress> {
  const plan = new ReadPlan(db);
  const progress = planProgrammeProgress(plan, period);
  await plan.run();
  return progress();
}

/**
 * One region's progress: its own figures against its share of the targets (never the whole
 * Limburg target), read in one round trip.
 * @example await regionProgress(db, region, period)
 */
export async function regionProgress(db: Db, region: RegionRef, period: ReportPeriod) {
  const all = await programmeProgress(db, period);
  const own = all.regions.find((r) => r.region.slug === region.slug);
  if (!own) throw new DomainError("not_found", "This region does not exist.");
  return { period: all.period, targetPeriod: all.targetPeriod, smallCountThreshold: all.smallCountThreshold, ...own };
}

/**
 * The targets of a period (exactly these dates), or empty lists.
 * @example await readTargets(db, { from: "2027-01-01", to: "2028-12-31" })
 */
export async function readTargets(db: Db, period: ReportPeriod): Promise<TargetSet> {
  const plan = new ReadPlan(db);
  const regions = plan.add(regionsQuery(db));
  const targets = plan.add(targetsQuery(db, period.from, period.to));
  const shares = plan.add(sharesQuery(db, period.from, period.to));
  await plan.run();
  const exact = (r: { periodFrom: string; periodTo: string }) => r.periodFrom === period.from && r.periodTo === period.to;
  const slugOf = new Map(regions.value.map((r) => [r.id, r.slug]));
  return {
    period,
    targets: targets.value.filter(exact).map((t) => ({ indicator: t.indicator, min: t.min, max: t.max })),
    shares: shares.value.filter(exact).map((s) => ({ region: slugOf.get(s.regionId) ?? s.regionId, percent: s.sharePercent })),
  };
}

/**
 * Replaces the targets of a period (programme office), audited. Rules: `max` ≥ `min`; each
 * indicator once; shares per known region, together at most 100%.
 * @example await setTargets(db, actor, { period, targets: [{ indicator: "plans", min: 75, max: 100 }], shares: [] }, now)
 */
export async function setTargets(db: Db, actor: Actor, input: TargetSet, now: number): Promise<TargetSet> {
  const issues: { path: string; message: string }[] = [];
  if (input.period.from > input.period.to) issues.push({ path: "to", message: "The end date must be on or after the start date." });
  const seen = new Set<string>();
  input.targets.forEach((t, i) => {
    if (seen.has(t.indicator)) issues.push({ path: `targets.${i}.indicator`, message: "Give each indicator once." });
    seen.add(t.indicator);
    if (t.max !== null && t.max < t.min) issues.push({ path: `targets.${i}.max`, message: "The maximum must be at least the minimum." });
  });
  const plan = new ReadPlan(db);
  const regions = plan.add(regionsQuery(db));
  await plan.run();
  const idOf = new Map(regions.value.map((r) => [r.slug, r.id]));
  const shares: { regionId: string; percent: number }[] = [];
  const seenRegions = new Set<string>();
  input.shares.forEach((s, i) => {
    const id = idOf.get(s.region);
    if (!id) issues.push({ path: `shares.${i}.region`, message: "Unknown region." });
    else if (seenRegions.has(id)) issues.push({ path: `shares.${i}.region`, message: "Give each region once." });
    else {
      seenRegions.add(id);
      shares.push({ regionId: id, percent: s.percent });
    }
  });
  if (input.shares.reduce((a, s) => a + s.percent, 0) > 100.0001) issues.push({ path: "shares", message: "The regions' shares add up to more than 100%." });
  if (issues.length > 0) throw new DomainError("validation_failed", "The targets are not valid.", issues);
  await writeBatch(db, [
    ...replaceTargetsStatements(db, input.period, input.targets, shares, actor.id, now),
    auditStatement(db, null, actor, "programme.targets_set", null, { period: input.period, indicators: input.targets.length, shares: shares.length }, now),
  ]);
  return readTargets(db, input.period);
}

/**
 * Sets a consultant's capacity for the Support Process in FTE (null removes it), for a
 * consultant who is a member of the scope's region; audited in that region.
 * @example await setConsultantCapacity(scope, actor, consultantId, 0.8, now)
 */
export async function setConsultantCapacity(scope: RegionScope, actor: Actor, consultantId: string, fte: number | null, now: number) {
  const consultant = await findRegionConsultant(scope, consultantId);
  if (!consultant) throw notFound("This consultant");
  await writeBatch(scope.db, [
    setCapacityStatement(scope.db, consultant.id, fte, now),
    auditEntry(scope, actor, "programme.capacity_set", { type: "user", id: consultant.id }, { fte }, now),
  ]);
  return { consultant: { id: consultant.id, name: consultant.name, fte } };
}
