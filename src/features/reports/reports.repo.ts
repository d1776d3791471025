/**
 * Report queries. They read only non-personal columns (region, desk, status, mode, topic,
 * start and creation instants), so the figures stay the same after the retention job has
 * anonymised old appointments, and every query is limited to the scopes' region ids.
 *
 * Speed: SQLite has no hash aggregation, so a plain GROUP BY over a year of appointments
 * sorts every row (≈0.7 s for 500,000). Instead:
 * - counts: every (desk, month, status, mode, topic) combination is a tiny correlated
 *   COUNT that seeks straight into the covering index `appointments_report_mix`
 *   (region_id, frontdesk_id, status, mode, topic, start_at) and only steps over the
 *   matching entries: no sort, no table access;
 * - lead times: `appointments_report_lead` (region_id, frontdesk_id, lead hours, start_at,
 *   status, created_at) is already in (desk, lead hour) order, so the histogram needs no
 *   sort of appointments either; the province level then re-groups a few thousand
 *   (desk, hour) rows. The period filter is applied per entry, so this query reads the
 *   desks' whole history: linear in history, not in the period.
 * See migrations/0001_reports.sql and bench/reports.bench.ts for the plans and timings.
 */
import { and, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { APPOINTMENT_STATUSES, closures, frontdesks, holidayOpenings, openingHours, regions, type AppointmentStatus } from "../../db/schema";
import type { Db } from "../../db/client";
import type { RawRead } from "../../db/read";
import type { ReportMonth, ReportPeriod } from "./period";
import { MODES, TOPICS, type Mode, type Topic } from "../../lib/vocabulary";

export interface ReportDesk {
  id: string;
  regionId: string;
  name: string;
  municipality: string;
  slotMinutes: number;
  capacityPerSlot: number;
  archivedAt: number | null;
  createdAt: number;
}

/**
 * Statements for a read plan: every desk of the regions (archived ones included, their
 * past appointments still count), and the opening hours, closures touching the period and
 * holiday openings in it. `regionIds` null means every region (the province).
 */
export function reportInputQueries(db: Db, regionIds: readonly string[] | null, period: ReportPeriod, unless?: SQL) {
  const d = db.db;
  const within = (column: SQLiteColumn) => and(regionIds ? inArray(column, [...regionIds]) : undefined, unless);
  return {
    desks: d
      .select({
        id: frontdesks.id,
        regionId: frontdesks.regionId,
        name: frontdesks.name,
        municipality: frontdesks.municipality,
        slotMinutes: frontdesks.slotMinutes,
        capacityPerSlot: frontdesks.capacityPerSlot,
        archivedAt: frontdesks.archivedAt,
        createdAt: frontdesks.createdAt,
      })
      .from(frontdesks)
      .where(within(frontdesks.regionId)),
    hours: d
      .select({ frontdeskId: openingHours.frontdeskId, weekday: openingHours.weekday, opens: openingHours.opens, closes: openingHours.closes })
      .from(openingHours)
      .where(within(openingHours.regionId)),
    closures: d
      .select({ frontdeskId: closures.frontdeskId, from: closures.fromDate, to: closures.toDate })
      .from(closures)
      .where(and(within(closures.regionId), gte(closures.toDate, period.from), lte(closures.fromDate, period.to))),
    openings: d
      .select({ frontdeskId: holidayOpenings.frontdeskId, date: holidayOpenings.date })
      .from(holidayOpenings)
      .where(and(within(holidayOpenings.regionId), gte(holidayOpenings.date, period.from), lte(holidayOpenings.date, period.to))),
  };
}

/**
 * The configuration versions of the regions (or all) as one string, e.g. `r1:4,r2:7`:
 * equal strings mean equal desks, hours, closures and holiday settings (triggers raise a
 * region's version with each change), so the capacity computed from them still holds.
 */
export function configVersionsSql(regionIds: readonly string[] | null): SQL<string> {
  const where = regionIds ? sql`where ${inArray(regions.id, regionIds.length ? [...regionIds] : [""])}` : sql``;
  return sql<string>`(select group_concat(v, ',') from (select ${regions.id} || ':' || ${regions.configVersion} as v from ${regions} ${where} order by ${regions.id}))`;
}

export function configVersionsQuery(db: Db, regionIds: readonly string[] | null) {
  return db.db.select({ versions: configVersionsSql(regionIds) }).from(sql`(select 1)`);
}

export interface CapacityInputs {
  hours: { frontdeskId: string; weekday: number; opens: string; closes: string }[];
  closures: { frontdeskId: string; from: string; to: string }[];
  openings: { frontdeskId: string; date: string }[];
}

/** The desks of some regions (or all), read inside the query instead of listed in it. */
export type DeskSource = { allRegions: true } | { regionIds: readonly string[] };

function deskSourceSql(source: DeskSource): { sql: string; args: string[] } {
  if ("allRegions" in source) return { sql: "SELECT region_id, id FROM frontdesks", args: [] };
  return { sql: `SELECT region_id, id FROM frontdesks WHERE region_id IN (${source.regionIds.map(() => "?").join(", ")})`, args: [...source.regionIds] };
}

const placeholders = (count: number, width: number): string =>
  Array.from({ length: count }, () => `(${Array.from({ length: width }, () => "?").join(", ")})`).join(", ");

/**
 * The counting query: one correlated COUNT per (desk, month, status, mode, topic), each an
 * index range seek. `perDesk: false` adds up the desks of a region inside the database, so
 * the province summary gets a few thousand rows back instead of tens of thousands.
 */
export function countQuery(
  desks: readonly Pick<ReportDesk, "id" | "regionId">[] | DeskSource,
  months: readonly ReportMonth[],
  perDesk: boolean,
): { sql: string; args: (string | number)[] } {
  const { sql: deskSource, args: deskArgs } = Array.isArray(desks)
    ? { sql: `VALUES ${placeholders(desks.length, 2)}`, args: desks.flatMap((d) => [d.regionId, d.id]) }
    : deskSourceSql(desks as DeskSource);
  const sql = `WITH
  d(region_id, frontdesk_id) AS (${deskSource}),
  m(month, lo, hi) AS (VALUES ${placeholders(months.length, 3)}),
  s(status) AS (VALUES ${placeholders(APPOINTMENT_STATUSES.length, 1)}),
  md(mode) AS (VALUES ${placeholders(MODES.length, 1)}),
  t(topic) AS (VALUES ${placeholders(TOPICS.length, 1)}),
  c AS MATERIALIZED (
    SELECT d.region_id, d.frontdesk_id, m.month, s.status, md.mode, t.topic,
      (SELECT count(*) FROM appointments a
        WHERE a.region_id = d.region_id AND a.frontdesk_id = d.frontdesk_id AND a.status = s.status
          AND a.mode = md.mode AND a.topic = t.topic AND a.start_at >= m.lo AND a.start_at < m.hi) AS n
    FROM d, m, s, md, t)
${
  perDesk
    ? "SELECT region_id, frontdesk_id, month, status, mode, topic, n FROM c WHERE n > 0"
    : "SELECT region_id, NULL AS frontdesk_id, month, status, mode, topic, sum(n) AS n FROM c WHERE n > 0 GROUP BY region_id, month, status, mode, topic"
}`;
  const args = [...deskArgs, ...months.flatMap((m) => [m.month, m.start, m.end]), ...APPOINTMENT_STATUSES, ...MODES, ...TOPICS];
  return { sql, args };
}

/**
 * The lead-time histogram query: non-cancelled appointments per whole hour between booking
 * and start (integer division truncates; the figures clamp negatives to 0). The inner
 * GROUP BY follows `appointments_report_lead` and needs no sort; the expression must stay
 * textually identical to the index's for SQLite to use it.
 */
export function leadQuery(
  ids: readonly string[],
  desks: readonly Pick<ReportDesk, "id">[] | null,
  period: { start: number; end: number },
  perDesk: boolean,
): { sql: string; args: (string | number)[] } {
  // null: every desk of the regions, read inside the query (one batch with the desk list).
  const deskFilter = desks ? desks.map(() => "?").join(", ") : `SELECT id FROM frontdesks WHERE region_id IN (${ids.map(() => "?").join(", ")})`;
  const inner = `SELECT a.region_id, a.frontdesk_id, (a.start_at - a.created_at) / 3600000 AS hours, count(*) AS n
    FROM appointments a
    WHERE a.region_id IN (${ids.map(() => "?").join(", ")}) AND a.frontdesk_id IN (${deskFilter})
      AND a.status <> 'cancelled' AND a.start_at >= ? AND a.start_at < ?
    GROUP BY a.region_id, a.frontdesk_id, (a.start_at - a.created_at) / 3600000`;
  const sql = perDesk ? inner : `SELECT region_id, NULL AS frontdesk_id, hours, sum(n) AS n FROM (${inner}) GROUP BY region_id, hours`;
  return { sql, args: [...ids, ...(desks ? desks.map((d) => d.id) : ids), period.start, period.end] };
}

export interface CountResult {
  regionId: string;
  frontdeskId: string | null;
  month: string;
  status: AppointmentStatus;
  mode: Mode;
  topic: Topic;
  n: number;
}

export interface LeadResult {
  regionId: string;
  frontdeskId: string | null;
  hours: number;
  n: number;
}

function countRows(result: { rows: ArrayLike<Record<string, unknown>> }): CountResult[] {
  return Array.from(result.rows, (r) => ({
    regionId: String(r.region_id),
    frontdeskId: r.frontdesk_id === null ? null : String(r.frontdesk_id),
    month: String(r.month),
    status: String(r.status) as AppointmentStatus,
    mode: String(r.mode) as Mode,
    topic: String(r.topic) as Topic,
    n: Number(r.n),
  }));
}

function leadRows(result: { rows: ArrayLike<Record<string, unknown>> }): LeadResult[] {
  return Array.from(result.rows, (r) => ({
    regionId: String(r.region_id),
    frontdeskId: r.frontdesk_id === null ? null : String(r.frontdesk_id),
    hours: Number(r.hours),
    n: Number(r.n),
  }));
}

/**
 * Statements for a read plan: both aggregate queries over the raw appointments of the
 * regions' desks (read inside the queries), per desk. The region report uses these; the
 * province summary uses the rollups (summary.repo.ts).
 * @example plan.add(aggregateReads([region.id], months, bounds).counts)
 */
export function aggregateReads(
  regionIds: readonly string[],
  months: readonly ReportMonth[],
  bounds: { start: number; end: number },
): { counts: RawRead<CountResult[]>; leads: RawRead<LeadResult[]> } {
  const count = countQuery({ regionIds }, months, true);
  const lead = leadQuery(regionIds, null, bounds, true);
  return { counts: { ...count, map: countRows }, leads: { ...lead, map: leadRows } };
}
