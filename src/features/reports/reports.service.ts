/**
 * Province summary and region report: loads the aggregates, adds bookable capacity, and
 * assembles the figures per region, in total, and (for a region's own report) per desk
 * and per municipality. Aggregates only: no entrepreneur data, no appointment ids.
 */
import type { Db } from "../../db/client";
import { ReadPlan } from "../../db/read";
import { type Insights, planInsights } from "../insights/insights.service";
import type { RegionScope } from "../../db/scope";
import type { RegionRef } from "../../lib/context";
import { localDayBounds, addDays, formatOffsetIso, localDate, TIMEZONE } from "../../lib/time";
import { dutchPublicHolidays } from "../availability/holidays";
import { regionsQuery } from "../regions/regions.repo";
import { cohortQueries, cohortsByRegion } from "../scouting/scouting.repo";
import { planProgrammeProgress, type ProgrammeProgress } from "../programme/programme.service";
import { provinceScoutingFigures, scoutingPeriodBounds } from "../scouting/scouting.report";
import { type EventFigures, type ProvinceEventFigures, planProvinceEventFigures, planRegionEventFigures } from "../events/events.report";
import {
  type ProvinceReferralFigures,
  type RegionReferralFigures,
  planProvinceReferralFigures,
  planRegionReferralFigures,
} from "../referrals/referrals.report";
import { buildCalendar, countBookablePlaces, type CapacityRules } from "./capacity";
import { Tally, type Figures } from "./figures";
import { periodMonths, type ReportPeriod } from "./period";
import { sql } from "drizzle-orm";
import {
  aggregateReads,
  configVersionsQuery,
  configVersionsSql,
  reportInputQueries,
  type CapacityInputs,
  type CountResult,
  type LeadResult,
  type ReportDesk,
} from "./reports.repo";
import { leadRowsOf, provinceEdgeCountRead, provinceLeadRead, provinceMarginalRead, splitMonths, type RegionMarginal } from "./summary.repo";
import { SMALL_COUNT_THRESHOLD, suppressTopicFigures, type Count } from "./suppression";
import { TOPICS, type Topic } from "../../lib/vocabulary";

export interface RegionFigures extends Figures {
  region: { slug: string; name: string };
  /** Appointments per topic per month, with the small-count rule applied. */
  byTopicByMonth: Array<{ month: string; topics: Record<Topic, Count> }>;
}

export interface ReportHeader {
  period: ReportPeriod;
  timezone: typeof TIMEZONE;
  generatedAt: string;
  smallCountThreshold: number;
}

export interface ProvinceSummary extends ReportHeader {
  regions: RegionFigures[];
  total: Figures;
  /** Scouting and the Support Process: candidates registered in the period, aggregates only. */
  supportProcess: Pick<ReturnType<typeof provinceScoutingFigures>, "regions" | "total">;
  /** Events (masterclasses, awareness sessions, …) starting in the period, aggregates only. */
  events: ProvinceEventFigures;
  /** Referrals made in the period: per region, in total, and the flows region × region. */
  referrals: ProvinceReferralFigures;
}

export interface RegionReport extends ReportHeader {
  region: RegionFigures;
  frontdesks: Array<{ frontdesk: { id: string; name: string; municipality: string; archived: boolean } } & Figures>;
  municipalities: Array<{ municipality: string } & Figures>;
  events: EventFigures;
  referrals: RegionReferralFigures;
}

/**
 * The first and last local date on which a desk could offer places in the period: not
 * before the day it was created, not on or after the day it was archived.
 */
function deskWindow(desk: ReportDesk, period: ReportPeriod): ReportPeriod {
  const created = localDate(desk.createdAt);
  const from = created > period.from ? created : period.from;
  const lastOpen = desk.archivedAt === null ? period.to : addDays(localDate(desk.archivedAt), -1);
  return { from, to: lastOpen < period.to ? lastOpen : period.to };
}

/** Bookable places per desk over the period (opening hours, closures, holidays; no notice filter). */
function bookablePlacesPerDesk(regions: readonly RegionRef[], desks: readonly ReportDesk[], inputs: CapacityInputs, period: ReportPeriod): Map<string, number> {
  const calendar = buildCalendar(period.from, period.to);
  const holidaysByRegion = new Map<string, Set<string>>();
  for (const region of regions) {
    const dates = new Set<string>();
    const settings = { goodFridayClosed: region.goodFridayClosed, liberationDayClosed: region.liberationDayClosed };
    for (let year = Number(period.from.slice(0, 4)); year <= Number(period.to.slice(0, 4)); year++) {
      for (const date of dutchPublicHolidays(year, settings).keys()) dates.add(date);
    }
    holidaysByRegion.set(region.id, dates);
  }
  // Each desk's rows, grouped once: filtering the whole lists per desk grows with desks × rows.
  const byDesk = <T extends { frontdeskId: string }>(rows: readonly T[]) => {
    const grouped = new Map<string, T[]>();
    for (const row of rows) {
      const list = grouped.get(row.frontdeskId);
      if (list) list.push(row);
      else grouped.set(row.frontdeskId, [row]);
    }
    return grouped;
  };
  const hours = byDesk(inputs.hours);
  const closures = byDesk(inputs.closures);
  const openings = byDesk(inputs.openings);
  const places = new Map<string, number>();
  for (const desk of desks) {
    const window = deskWindow(desk, period);
    if (window.from > window.to) {
      places.set(desk.id, 0);
      continue;
    }
    const rules: CapacityRules = {
      slotMinutes: desk.slotMinutes,
      capacityPerSlot: desk.capacityPerSlot,
      weekly: hours.get(desk.id) ?? [],
      closures: closures.get(desk.id) ?? [],
      closedDates: holidaysByRegion.get(desk.regionId) ?? new Set(),
      openDates: new Set((openings.get(desk.id) ?? []).map((o) => o.date)),
    };
    places.set(desk.id, countBookablePlaces(rules, calendar, window));
  }
  return places;
}

interface Loaded {
  desks: ReportDesk[];
  months: string[];
  regionTallies: Map<string, Tally>;
  deskTallies: Map<string, Tally>;
  total: Tally;
}

/** The rows a report is assembled from, all read in one batch. */
interface ReportRows {
  desks: ReportDesk[];
  places: Map<string, number>;
  counts: CountResult[];
  /** The province summary's whole months, as marginals per region (none for a region report). */
  marginals?: RegionMarginal[];
  leads: LeadResult[];
}

/** `perDesk`: tally each desk too (the region report); the province summary needs regions only. */
function assemble(regions: readonly RegionRef[], rows: ReportRows, period: ReportPeriod, perDesk: boolean): Loaded {
  const monthKeys = periodMonths(period).map((m) => m.month);
  const allowed = new Set(regions.map((r) => r.id));
  // Only the report's regions: nothing read for another region can reach a figure.
  const desks = rows.desks.filter((d) => allowed.has(d.regionId));
  const places = rows.places;
  const total = new Tally(monthKeys);
  const regionTallies = new Map(regions.map((r) => [r.id, new Tally(monthKeys)]));
  const deskTallies = new Map(perDesk ? desks.map((d) => [d.id, new Tally(monthKeys)]) : []);
  for (const desk of desks) {
    const bookable = places.get(desk.id) ?? 0;
    const active = desk.archivedAt === null ? 1 : 0;
    for (const tally of [total, regionTallies.get(desk.regionId), deskTallies.get(desk.id)]) {
      if (!tally) continue;
      tally.bookablePlaces += bookable;
      tally.activeFrontdesks += active;
    }
  }
  for (const row of rows.counts) {
    if (!allowed.has(row.regionId)) continue;
    for (const tally of [total, regionTallies.get(row.regionId), row.frontdeskId ? deskTallies.get(row.frontdeskId) : undefined]) tally?.addCounts(row);
  }
  for (const row of rows.marginals ?? []) {
    if (!allowed.has(row.regionId)) continue;
    total.addMarginal(row);
    regionTallies.get(row.regionId)?.addMarginal(row);
  }
  for (const row of rows.leads) {
    if (!allowed.has(row.regionId)) continue;
    for (const tally of [total, regionTallies.get(row.regionId), row.frontdeskId ? deskTallies.get(row.frontdeskId) : undefined]) tally?.addLead(row);
  }
  return { desks, months: monthKeys, regionTallies, deskTallies, total };
}

/** Desks and their bookable places per report scope and period, per isolate, with the configuration versions they were computed at. */
const capacityMemo = new Map<string, { versions: string; desks: ReportDesk[]; places: Map<string, number> }>();

/**
 * Adds the desks and capacity inputs of some regions (null: all) to a plan; the returned
 * function gives the desks and their bookable places over the period. Both depend only on
 * the regions' configuration, so this isolate keeps them keyed by the configuration
 * versions read in the same batch, and the inputs travel only when those changed.
 */
function planInputs(plan: ReadPlan, regionIds: readonly string[] | null, period: ReportPeriod) {
  const key = `${regionIds?.join(",") ?? "*"}|${period.from}|${period.to}`;
  const known = capacityMemo.get(key);
  const unless = known ? sql`not exists (select 1 where ${configVersionsSql(regionIds)} = ${known.versions})` : undefined;
  const versions = plan.add(configVersionsQuery(plan.db, regionIds));
  const q = reportInputQueries(plan.db, regionIds, period, unless);
  const desks = plan.add(q.desks);
  const hours = plan.add(q.hours);
  const closures = plan.add(q.closures);
  const openings = plan.add(q.openings);
  return (regions: readonly RegionRef[]) => {
    const current = versions.value[0]?.versions ?? "";
    if (known && known.versions === current) return known;
    const inputs = { hours: hours.value, closures: closures.value, openings: openings.value };
    const computed = { versions: current, desks: desks.value, places: bookablePlacesPerDesk(regions, desks.value, inputs, period) };
    if (capacityMemo.size > 100) capacityMemo.clear();
    capacityMemo.set(key, computed);
    return computed;
  };
}

/**
 * Region figures with the small-count rule applied to every topic figure of the report at
 * once: the cells, each region's byTopic and, with `withTotal`, the province's byTopic.
 */
function topicFigures(
  regions: readonly RegionRef[],
  tallies: Map<string, Tally>,
  months: readonly string[],
  withTotal: boolean,
): { regions: RegionFigures[]; totalByTopic: Record<Topic, Count> | null } {
  const ordered = regions.map((region) => ({ region, tally: tallies.get(region.id) ?? new Tally(months) }));
  const suppressed = suppressTopicFigures(
    ordered.map(({ tally }) => tally.topicMonthTable()),
    { withTotal },
  );
  const perTopic = (counts: readonly Count[] | undefined) => Object.fromEntries(TOPICS.map((topic, t) => [topic, counts?.[t] ?? 0])) as Record<Topic, Count>;
  const figures = ordered.map(({ region, tally }, r) => {
    const table = suppressed.cells[r] ?? [];
    const byTopicByMonth = months.map((month, m) => ({ month, topics: perTopic(table.map((row) => row[m] ?? 0)) }));
    return { region: { slug: region.slug, name: region.name }, ...tally.figures(perTopic(suppressed.regionByTopic[r])), byTopicByMonth };
  });
  return { regions: figures, totalByTopic: suppressed.totalByTopic ? perTopic(suppressed.totalByTopic) : null };
}

function header(period: ReportPeriod, now: number): ReportHeader {
  return { period, timezone: TIMEZONE, generatedAt: formatOffsetIso(now), smallCountThreshold: SMALL_COUNT_THRESHOLD };
}

/**
 * The province summary: every region and the total over a period, in one round trip:
 * regions, desks and capacity inputs, the monthly rollups (whole months) and the rows of
 * partial months, the two-level lead-time histogram, the Support Process cohort and the
 * event and referral figures.
 * @example const summary = await buildProvinceSummary(c.var.db, { from: "2027-01-01", to: "2027-12-31" }, Date.now());
 */
export async function buildProvinceSummary(
  db: Db,
  period: ReportPeriod,
  now: number,
  alongside?: (plan: ReadPlan) => Promise<() => void>,
): Promise<ProvinceSummary> {
  const plan = new ReadPlan(db);
  // What must travel with the data and be settled before it is used (the session, when the access rule was left to the route).
  const settle = alongside ? await alongside(plan) : null;
  const summary = planProvinceSummary(plan, period, now);
  await plan.run();
  settle?.();
  return summary();
}

/**
 * The province dashboard's data: the summary and the province's catalogue insights over
 * one period, in one round trip (one read batch).
 * @example const { summary, insights } = await buildProvinceDashboard(c.var.db, period, Date.now());
 */
export async function buildProvinceDashboard(
  db: Db,
  period: ReportPeriod,
  now: number,
): Promise<{ summary: ProvinceSummary; insights: Insights; progress: ProgrammeProgress }> {
  const plan = new ReadPlan(db);
  const summary = planProvinceSummary(plan, period, now);
  const insights = planInsights(plan, null, period, now);
  // Issue 19: the programme's targets, funnel and capacity join the same batch.
  const progress = planProgrammeProgress(plan, period);
  await plan.run();
  return { summary: summary(), insights: insights(), progress: progress() };
}

/** Adds the province summary's statements to a plan; the returned function assembles it once the plan has run. */
function planProvinceSummary(plan: ReadPlan, period: ReportPeriod, now: number): () => ProvinceSummary {
  const db = plan.db;
  const split = splitMonths(periodMonths(period));
  const bounds = scoutingPeriodBounds(period);
  const cohort = cohortQueries(db, null, bounds.from, bounds.to);
  const regions = plan.add(regionsQuery(db));
  const inputs = planInputs(plan, null, period);
  const marginals = plan.add(provinceMarginalRead(split));
  const edgeRead = provinceEdgeCountRead(split);
  const edgeCounts = edgeRead ? plan.add(edgeRead) : null;
  const leads = plan.add(provinceLeadRead(split));
  const candidates = plan.add(cohort.candidates);
  const reached = plan.add(cohort.reached);
  const eventFigures = planProvinceEventFigures(plan, period, now);
  const referralFigures = planProvinceReferralFigures(plan, period, now);
  return () => {
    const events = eventFigures(regions.value);
    const referrals = referralFigures(regions.value);
    const loaded = assemble(
      regions.value,
      { ...inputs(regions.value), marginals: marginals.value, counts: edgeCounts?.value ?? [], leads: leadRowsOf(leads.value) },
      period,
      false,
    );
    const scouting = provinceScoutingFigures(regions.value, period, cohortsByRegion(candidates.value, reached.value));
    const topics = topicFigures(regions.value, loaded.regionTallies, loaded.months, true);
    return {
      ...header(period, now),
      regions: topics.regions,
      total: loaded.total.figures(topics.totalByTopic ?? undefined),
      supportProcess: { regions: scouting.regions, total: scouting.total },
      events,
      referrals,
    };
  };
}

/**
 * One region's report: its figures, and the same per frontdesk and per municipality, in
 * one round trip. Desks and municipalities are not personal data; nothing of other regions is read.
 * @example const report = await buildRegionReport(regionScope(db, region), period, Date.now());
 */
export async function buildRegionReport(scope: RegionScope, period: ReportPeriod, now: number): Promise<RegionReport> {
  const months = periodMonths(period);
  const bounds = { start: localDayBounds(period.from).start, end: localDayBounds(period.to).end };
  const plan = new ReadPlan(scope.db);
  const inputs = planInputs(plan, [scope.region.id], period);
  const aggregates = aggregateReads([scope.region.id], months, bounds);
  const counts = plan.add(aggregates.counts);
  const leads = plan.add(aggregates.leads);
  const eventFigures = planRegionEventFigures(plan, scope.region, period, now);
  const referralFigures = planRegionReferralFigures(plan, scope.region, period, now);
  await plan.run();
  const events = eventFigures();
  const referrals = referralFigures();
  const loaded = assemble([scope.region], { ...inputs([scope.region]), counts: counts.value, leads: leads.value }, period, true);
  const [region] = topicFigures([scope.region], loaded.regionTallies, loaded.months, false).regions;
  const desks = [...loaded.desks].sort(
    (a, b) => a.municipality.localeCompare(b.municipality, "nl") || a.name.localeCompare(b.name, "nl") || a.id.localeCompare(b.id),
  );
  const frontdesks = desks.map((desk) => ({
    frontdesk: { id: desk.id, name: desk.name, municipality: desk.municipality, archived: desk.archivedAt !== null },
    ...(loaded.deskTallies.get(desk.id) ?? new Tally(loaded.months)).figures(),
  }));
  // A municipality's figures are those of the desks located there, added up.
  const byMunicipality = new Map<string, Tally>();
  for (const desk of desks) {
    const source = loaded.deskTallies.get(desk.id);
    if (!source) continue;
    const target = byMunicipality.get(desk.municipality) ?? new Tally(loaded.months);
    target.merge(source);
    byMunicipality.set(desk.municipality, target);
  }
  const municipalities = [...byMunicipality.entries()].map(([municipality, tally]) => ({ municipality, ...tally.figures() }));
  if (!region) throw new Error("region figures missing");
  return { ...header(period, now), region, frontdesks, municipalities, events, referrals };
}
