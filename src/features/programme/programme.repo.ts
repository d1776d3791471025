/**
 * SQL of programme steering (issue 19): targets and shares, the indicators' actual figures per
 * region, the Support Process funnel, companies reached (distinct KvK numbers) and consultant
 * capacity, each one statement for a read plan; targets and FTE as write statements.
 * Platform-level: every figure is an aggregate grouped by region, no personal data leaves here.
 */
import { and, eq, lte, gte, desc } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rawRead } from "../../db/read";
import type { WriteStatement } from "../../db/write";
import { consultantCapacity, programmeTargetShares, programmeTargets, type TargetIndicator } from "../../db/schema";

/** Instants `[start, end)` of a period. */
export interface Bounds {
  start: number;
  end: number;
}

/** Targets of the periods overlapping `[from, to]` (local dates), latest period first. */
export function targetsQuery(db: Db, from: string, to: string) {
  return db.db
    .select()
    .from(programmeTargets)
    .where(and(lte(programmeTargets.periodFrom, to), gte(programmeTargets.periodTo, from)))
    .orderBy(desc(programmeTargets.periodFrom), desc(programmeTargets.periodTo));
}

/** Regional shares of the periods overlapping `[from, to]`. */
export function sharesQuery(db: Db, from: string, to: string) {
  return db.db
    .select()
    .from(programmeTargetShares)
    .where(and(lte(programmeTargetShares.periodFrom, to), gte(programmeTargetShares.periodTo, from)));
}

/** Replaces a period's targets and shares (the statements of one write batch). */
export function replaceTargetsStatements(
  db: Db,
  period: { from: string; to: string },
  targets: { indicator: TargetIndicator; min: number; max: number | null }[],
  shares: { regionId: string; percent: number }[],
  actorId: string,
  now: number,
): WriteStatement[] {
  const key = (t: typeof programmeTargets | typeof programmeTargetShares) => and(eq(t.periodFrom, period.from), eq(t.periodTo, period.to));
  return [
    db.db.delete(programmeTargets).where(key(programmeTargets)),
    db.db.delete(programmeTargetShares).where(key(programmeTargetShares)),
    ...targets.map((t) =>
      db.db
        .insert(programmeTargets)
        .values({ periodFrom: period.from, periodTo: period.to, indicator: t.indicator, min: t.min, max: t.max, updatedByUserId: actorId, updatedAt: now }),
    ),
    ...shares.map((s) =>
      db.db
        .insert(programmeTargetShares)
        .values({ periodFrom: period.from, periodTo: period.to, regionId: s.regionId, sharePercent: s.percent, updatedAt: now }),
    ),
  ];
}

/** Sets (or with null removes) a consultant's FTE. */
export function setCapacityStatement(db: Db, userId: string, fte: number | null, now: number): WriteStatement {
  if (fte === null) return db.db.delete(consultantCapacity).where(eq(consultantCapacity.userId, userId));
  return db.db
    .insert(consultantCapacity)
    .values({ userId, fte, updatedAt: now })
    .onConflictDoUpdate({ target: consultantCapacity.userId, set: { fte, updatedAt: now } });
}

export interface IndicatorRow {
  indicator: string;
  regionId: string | null;
  n: number;
}

/**
 * The counted indicators per region over `[start, end)`: appointments booked (not cancelled,
 * by start), Support Process starts (registrations), business plans delivered, referrals made
 * that the organisation answered (contacted, helped, not suitable, no contact), masterclass
 * participants who attended a session in the period, and companies reached: distinct KvK
 * numbers (digits only, 8 long) over appointments, event registrations, referrals and
 * trajectories, per region and (region null) over all regions, so a company reached in two
 * regions or four ways counts once in the total.
 */
export function indicatorsRead(bounds: Bounds) {
  const { start: s, end: e } = bounds;
  const kvk = (col: string) => `replace(replace(replace(trim(${col}), ' ', ''), '.', ''), '-', '')`;
  return rawRead<IndicatorRow>(
    `with reached(region_id, kvk) as (
        select region_id, ${kvk("kvk_number")} from appointments where kvk_number is not null and status <> 'cancelled' and start_at >= ? and start_at < ?
        union select region_id, ${kvk("kvk_number")} from event_registrations where kvk_number is not null and status <> 'cancelled' and created_at >= ? and created_at < ?
        union select region_id, ${kvk("kvk_number")} from referrals where kvk_number is not null and created_at >= ? and created_at < ?
        union select region_id, ${kvk("kvk_number")} from scouting_candidates where kvk_number <> '' and created_at >= ? and created_at < ?
      ), valid as (select region_id, kvk from reached where length(kvk) = 8 and kvk not glob '*[^0-9]*')
      select 'appointments' as indicator, region_id, count(*) as n from appointments where status <> 'cancelled' and start_at >= ? and start_at < ? group by region_id
      union all select 'starts', region_id, count(*) from scouting_candidates where created_at >= ? and created_at < ? group by region_id
      union all select 'plans', region_id, count(distinct candidate_id) from scouting_stage_changes where to_stage = 'business_plan_delivered' and changed_at >= ? and changed_at < ? group by region_id
      union all select 'referrals_with_feedback', region_id, count(*) from referrals
        where status in ('contacted', 'helped', 'not_suitable', 'no_contact') and created_at >= ? and created_at < ? group by region_id
      union all select 'masterclass_attendance', a.region_id, count(distinct a.registration_id) from event_attendance a
        join events ev on ev.id = a.event_id join event_sessions es on es.event_id = a.event_id and es.idx = a.session_idx
        where ev.type = 'masterclass' and a.attended = 1 and es.start_at >= ? and es.start_at < ? group by a.region_id
      union all select 'companies_reached', region_id, count(distinct kvk) from valid group by region_id
      union all select 'companies_reached', null, count(distinct kvk) from valid`,
    [s, e, s, e, s, e, s, e, s, e, s, e, s, e, s, e, s, e],
    (r) => ({ indicator: String(r.indicator), regionId: r.region_id === null ? null : String(r.region_id), n: Number(r.n) }),
  );
}

export interface FunnelRow {
  regionId: string;
  starts: number;
  intake: number;
  go: number;
  plan: number;
  financing: number;
}

/**
 * The Support Process funnel of the candidates registered in `[start, end)`, per region: how
 * many reached the intake, the go decision, the delivered business plan, and then the outcome
 * "financing arranged" (recorded after the plan; not a support stage).
 */
export function funnelRead(bounds: Bounds) {
  const reached = (stage: string) => `sum(exists (select 1 from scouting_stage_changes h where h.candidate_id = c.id and h.to_stage = '${stage}'))`;
  return rawRead<FunnelRow>(
    `select c.region_id, count(*) as starts, ${reached("intake")} as intake, sum(c.qualified_at is not null) as go,
        ${reached("business_plan_delivered")} as plan, ${reached("financing_arranged")} as financing
      from scouting_candidates c where c.created_at >= ? and c.created_at < ? group by c.region_id`,
    [bounds.start, bounds.end],
    (r) => ({
      regionId: String(r.region_id),
      starts: Number(r.starts),
      intake: Number(r.intake ?? 0),
      go: Number(r.go ?? 0),
      plan: Number(r.plan ?? 0),
      financing: Number(r.financing ?? 0),
    }),
  );
}

export interface CapacityRow {
  regionId: string;
  consultants: number;
  fte: number;
  caseload: number;
}

/**
 * Consultant capacity per region (now): enabled consultants who are members of it, their FTE
 * (a consultant of several regions counts in each with an equal part), and the active
 * trajectories assigned to them there.
 */
export function capacityRead() {
  return rawRead<CapacityRow>(
    `select m.region_id, count(*) as consultants,
        coalesce(sum(cc.fte * 1.0 / (select count(*) from user_regions m2 where m2.user_id = m.user_id and m2.role = 'consultant')), 0) as fte,
        sum((select count(*) from scouting_candidates c where c.consultant_user_id = m.user_id and c.region_id = m.region_id
          and c.stage in ('registered', 'intake', 'ambition_assessed', 'plan_in_development'))) as caseload
      from user_regions m join users u on u.id = m.user_id left join consultant_capacity cc on cc.user_id = m.user_id
      where m.role = 'consultant' and u.disabled_at is null group by m.region_id`,
    [],
    (r) => ({ regionId: String(r.region_id), consultants: Number(r.consultants), fte: Number(r.fte ?? 0), caseload: Number(r.caseload ?? 0) }),
  );
}
