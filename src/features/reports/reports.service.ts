/**
 * Province summary and region report: loads the aggregates, adds bookable capacity, and
 * assembles the figures per region, in total, and (for a region's own report) per desk
 * and per municipality. Aggregates only: no entrepreneur data, no appointment ids.
 */
import type { Db } from "../../db/client";
import { regionScope, type RegionScope } from "../../db/scope";
import type { RegionRef } from "../../lib/context";
import { localDayBounds, addDays, formatOffsetIso, localDate, TIMEZONE } from "../../lib/time";
import { dutchPublicHolidays } from "../availability/holidays";
import { listRegions } from "../regions/regions.repo";
import { provinceScoutingSummary } from "../scouting/scouting.report";
import { type EventFigures, provinceEventFigures, regionEventFigures } from "../events/events.report";
import { provinceReferralFigures, regionReferralFigures } from "../referrals/referrals.report";
import { buildCalendar, countBookablePlaces, type CapacityRules } from "./capacity";
import { Tally, type Figures } from "./figures";
import { periodMonths, type ReportPeriod } from "./period";
import { listCapacityInputs, listReportDesks, loadAggregates, type ReportDesk, type ReportScopes } from "./reports.repo";
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
  supportProcess: Pick<Awaited<ReturnType<typeof provinceScoutingSummary>>, "regions" | "total">;
  /** Events (masterclasses, awareness sessions, …) starting in the period, aggregates only. */
  events: Awaited<ReturnType<typeof provinceEventFigures>>;
  /** Referrals made in the period: per region, in total, and the flows region × region. */
  referrals: Awaited<ReturnType<typeof provinceReferralFigures>>;
}

export interface RegionReport extends ReportHeader {
  region: RegionFigures;
  frontdesks: Array<{ frontdesk: { id: string; name: string; municipality: string; archived: boolean } } & Figures>;
  municipalities: Array<{ municipality: string } & Figures>;
  events: EventFigures;
  referrals: Awaited<ReturnType<typeof regionReferralFigures>>;
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
async function bookablePlacesPerDesk(scopes: ReportScopes, desks: readonly ReportDesk[], period: ReportPeriod): Promise<Map<string, number>> {
  const inputs = await listCapacityInputs(scopes, period);
  const calendar = buildCalendar(period.from, period.to);
  const holidaysByRegion = new Map<string, Set<string>>();
  for (const { region } of scopes.scopes) {
    const dates = new Set<string>();
    const settings = { goodFridayClosed: region.goodFridayClosed, liberationDayClosed: region.liberationDayClosed };
    for (let year = Number(period.from.slice(0, 4)); year <= Number(period.to.slice(0, 4)); year++) {
      for (const date of dutchPublicHolidays(year, settings).keys()) dates.add(date);
    }
    holidaysByRegion.set(region.id, dates);
  }
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
      weekly: inputs.hours.filter((h) => h.frontdeskId === desk.id),
      closures: inputs.closures.filter((c) => c.frontdeskId === desk.id),
      closedDates: holidaysByRegion.get(desk.regionId) ?? new Set(),
      openDates: new Set(inputs.openings.filter((o) => o.frontdeskId === desk.id).map((o) => o.date)),
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

async function load(scopes: ReportScopes, period: ReportPeriod, perDesk: boolean): Promise<Loaded> {
  const months = periodMonths(period);
  const monthKeys = months.map((m) => m.month);
  const bounds = { start: localDayBounds(period.from).start, end: localDayBounds(period.to).end };
  const desks = await listReportDesks(scopes);
  const [{ counts, leads }, places] = await Promise.all([loadAggregates(scopes, desks, months, bounds, perDesk), bookablePlacesPerDesk(scopes, desks, period)]);

  const total = new Tally(monthKeys);
  const regionTallies = new Map(scopes.scopes.map((s) => [s.region.id, new Tally(monthKeys)]));
  const deskTallies = new Map(desks.map((d) => [d.id, new Tally(monthKeys)]));
  for (const desk of desks) {
    const bookable = places.get(desk.id) ?? 0;
    const active = desk.archivedAt === null ? 1 : 0;
    for (const tally of [total, regionTallies.get(desk.regionId), deskTallies.get(desk.id)]) {
      if (!tally) continue;
      tally.bookablePlaces += bookable;
      tally.activeFrontdesks += active;
    }
  }
  for (const row of counts) {
    for (const tally of [total, regionTallies.get(row.regionId), row.frontdeskId ? deskTallies.get(row.frontdeskId) : undefined]) tally?.addCounts(row);
  }
  for (const row of leads) {
    for (const tally of [total, regionTallies.get(row.regionId), row.frontdeskId ? deskTallies.get(row.frontdeskId) : undefined]) tally?.addLead(row);
  }
  return { desks, months: monthKeys, regionTallies, deskTallies, total };
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
 * The province summary: every region and the total over a period.
 * @example const summary = await buildProvinceSummary(c.var.db, { from: "2027-01-01", to: "2027-12-31" }, Date.now());
 */
export async function buildProvinceSummary(db: Db, period: ReportPeriod, now: number): Promise<ProvinceSummary> {
  const regions = await listRegions(db);
  const scopes: ReportScopes = { db, scopes: regions.map((region) => regionScope(db, region)) };
  const [loaded, scouting, events, referrals] = await Promise.all([
    load(scopes, period, false),
    provinceScoutingSummary(db, regions, period),
    provinceEventFigures(db, regions, period, now),
    provinceReferralFigures(db, regions, period, now),
  ]);
  const topics = topicFigures(regions, loaded.regionTallies, loaded.months, true);
  return {
    ...header(period, now),
    regions: topics.regions,
    total: loaded.total.figures(topics.totalByTopic ?? undefined),
    supportProcess: { regions: scouting.regions, total: scouting.total },
    events,
    referrals,
  };
}

/**
 * One region's report: its figures, and the same per frontdesk and per municipality.
 * Desks and municipalities are not personal data; nothing of other regions is read.
 * @example const report = await buildRegionReport(regionScope(db, region), period, Date.now());
 */
export async function buildRegionReport(scope: RegionScope, period: ReportPeriod, now: number): Promise<RegionReport> {
  const [loaded, events, referrals] = await Promise.all([
    load({ db: scope.db, scopes: [scope] }, period, true),
    regionEventFigures(scope.db, scope.region, period, now),
    regionReferralFigures(scope.db, scope.region, period, now),
  ]);
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
