/**
 * The province summary's aggregate queries on the monthly rollups (kept exact by the
 * triggers in migrations/*_edge_triggers.sql), so their cost follows the number of regions
 * and months, not the number of appointments:
 *
 * - whole months of the period come from `report_month_counts` and the lead-time rollups;
 * - a period that starts or ends inside a month adds those (at most two) partial months
 *   from the appointments themselves, as before (index range seeks, see reports.repo.ts);
 * - lead-time percentiles: the day histogram (`report_month_lead_days`) finds, per region
 *   and for the total, the day that holds the median and the 90th percentile, and only
 *   those days are read hour by hour (`report_month_leads`), all inside one statement. The
 *   service then rebuilds a histogram that is exact wherever a percentile can fall.
 *
 * Every statement reads only non-personal columns and aggregates; the province sees every
 * region by definition.
 */
import type { RawRead } from "../../db/read";
import { countQuery } from "./reports.repo";
import type { ReportMonth } from "./period";
import { localDayBounds } from "../../lib/time";
import type { CountResult, LeadResult } from "./reports.repo";
import type { MarginalRow } from "./figures";
import type { AppointmentStatus } from "../../db/schema";
import type { Mode, Topic } from "../../lib/vocabulary";

/** The period's months split into whole months (a contiguous range) and partial edge months. */
export interface MonthSplit {
  whole: { first: string; last: string } | null;
  partial: ReportMonth[];
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/**
 * Splits the clipped months of a period: a month is whole when the period covers it from
 * its first local midnight to the next month's.
 * @example splitMonths(periodMonths({ from: "2027-01-15", to: "2027-12-31" })) // whole 2027-02…2027-12, partial [2027-01]
 */
export function splitMonths(months: readonly ReportMonth[]): MonthSplit {
  const whole: string[] = [];
  const partial: ReportMonth[] = [];
  for (const m of months) {
    const isWhole = m.start === localDayBounds(`${m.month}-01`).start && m.end === localDayBounds(`${nextMonth(m.month)}-01`).start;
    if (isWhole) whole.push(m.month);
    else partial.push(m);
  }
  return { whole: whole.length ? { first: whole[0] ?? "", last: whole[whole.length - 1] ?? "" } : null, partial };
}

const NO_MONTH = { first: "9999-99", last: "0000-00" };

/** A marginal of the counts of one region (see `Tally.addMarginal`). */
export type RegionMarginal = MarginalRow & { regionId: string };

/**
 * The counts of the whole months, per region, as three marginals summed inside the
 * database (month × status, mode, month × topic): a few thousand rows for 40 regions
 * instead of every (month, status, mode, topic) combination.
 */
export function provinceMarginalRead(split: MonthSplit): RawRead<RegionMarginal[]> {
  const whole = split.whole ?? NO_MONTH;
  return {
    sql: `WITH r AS MATERIALIZED (
        SELECT region_id, month, status, mode, topic, n FROM report_month_counts
        WHERE region_id IN (SELECT id FROM regions) AND month >= ? AND month <= ? AND n <> 0)
      SELECT 'status' AS kind, region_id, month, status AS k, sum(n) AS n FROM r GROUP BY region_id, month, status
      UNION ALL SELECT 'mode', region_id, NULL, mode, sum(n) FROM r GROUP BY region_id, mode
      UNION ALL SELECT 'topic', region_id, month, topic, sum(n) FROM r GROUP BY region_id, month, topic`,
    args: [whole.first, whole.last],
    map: (result) =>
      Array.from(result.rows, (r): RegionMarginal => {
        const base = { regionId: String(r.region_id), n: Number(r.n) };
        if (r.kind === "status") return { ...base, kind: "status", month: String(r.month), status: String(r.k) as AppointmentStatus };
        if (r.kind === "mode") return { ...base, kind: "mode", mode: String(r.k) as Mode };
        return { ...base, kind: "topic", month: String(r.month), topic: String(r.k) as Topic };
      }),
  };
}

/** Counts of the partial months at the period's edges, from the appointments (null: none). */
export function provinceEdgeCountRead(split: MonthSplit): RawRead<CountResult[]> | null {
  if (split.partial.length === 0) return null;
  const edge = countQuery({ allRegions: true }, split.partial, false);
  return {
    sql: edge.sql,
    args: edge.args,
    map: (result) =>
      Array.from(result.rows, (r) => ({
        regionId: String(r.region_id),
        frontdeskId: null,
        month: String(r.month),
        status: String(r.status) as AppointmentStatus,
        mode: String(r.mode) as Mode,
        topic: String(r.topic) as Topic,
        n: Number(r.n),
      })),
  };
}

export interface LeadLevels {
  /** Non-cancelled appointments per region and whole day of lead time. */
  days: { regionId: string; days: number; n: number }[];
  /** Per region and whole hour, only within the days where a percentile falls. */
  hours: LeadResult[];
}

/**
 * The two-level lead-time histogram in one statement (see the module comment). The
 * percentile ranks follow `percentileOfHistogram`: max(1, ceil(p × total)). The hours are
 * read through the primary key's index by name (`INDEXED BY`): left alone, SQLite may build
 * a temporary index over the whole table instead, which grows with the data.
 */
export function provinceLeadRead(split: MonthSplit): RawRead<LeadLevels> {
  const whole = split.whole ?? NO_MONTH;
  const edges = split.partial.length > 0;
  // ?1/?2: the whole-month range; the partial months' instants follow as ?3, ?4, …
  const ranges = split.partial.map((_, i) => `(start_at >= ?${3 + 2 * i} AND start_at < ?${4 + 2 * i})`).join(" OR ");
  const rank = "max(1, CAST(q.p * total AS INTEGER) + (q.p * total > CAST(q.p * total AS INTEGER)))";
  const sql = `WITH
  ${
    edges
      ? `edge AS MATERIALIZED (
    SELECT region_id, max(0, (start_at - created_at) / 3600000) AS hours, count(*) AS n FROM appointments
    WHERE region_id IN (SELECT id FROM regions) AND status <> 'cancelled' AND (${ranges})
    GROUP BY region_id, hours),`
      : ""
  }
  coarse AS MATERIALIZED (
    SELECT region_id, days, sum(n) AS n FROM (
      SELECT region_id, days, n FROM report_month_lead_days WHERE region_id IN (SELECT id FROM regions) AND month >= ?1 AND month <= ?2
      ${edges ? "UNION ALL SELECT region_id, hours / 24 AS days, n FROM edge" : ""})
    GROUP BY region_id, days HAVING sum(n) <> 0),
  parts AS (SELECT region_id AS part, days, n FROM coarse UNION ALL SELECT '*', days, sum(n) FROM coarse GROUP BY days),
  cum AS (SELECT part, days, n, sum(n) OVER (PARTITION BY part ORDER BY days) AS upto, sum(n) OVER (PARTITION BY part) AS total FROM parts),
  target AS (SELECT DISTINCT part, days FROM cum, (SELECT 0.5 AS p UNION ALL SELECT 0.9) q WHERE upto >= ${rank} AND upto - n < ${rank}),
  wanted AS MATERIALIZED (
    SELECT part AS region_id, days FROM target WHERE part <> '*'
    UNION SELECT r.id, t.days FROM target t, regions r WHERE t.part = '*')
SELECT 0 AS fine, region_id, days AS bucket, n FROM coarse
UNION ALL
SELECT 1, w.region_id, f.hours, sum(f.n) FROM wanted w CROSS JOIN report_month_leads f INDEXED BY sqlite_autoindex_report_month_leads_1
  WHERE f.region_id = w.region_id AND f.hours >= w.days * 24 AND f.hours < w.days * 24 + 24 AND f.month >= ?1 AND f.month <= ?2
  GROUP BY w.region_id, f.hours
${edges ? "UNION ALL SELECT 1, e.region_id, e.hours, e.n FROM wanted w CROSS JOIN edge e WHERE e.region_id = w.region_id AND e.hours / 24 = w.days" : ""}`;
  return {
    sql,
    args: [whole.first, whole.last, ...split.partial.flatMap((m) => [m.start, m.end])],
    map(result) {
      const levels: LeadLevels = { days: [], hours: [] };
      for (const r of Array.from(result.rows)) {
        const row = { regionId: String(r.region_id), n: Number(r.n) };
        if (Number(r.fine) === 0) levels.days.push({ ...row, days: Number(r.bucket) });
        else levels.hours.push({ ...row, frontdeskId: null, hours: Number(r.bucket) });
      }
      return levels;
    },
  };
}

/**
 * The lead-time rows for the tallies: per region, each day of the histogram as one entry
 * at its first hour, except the days read hour by hour, which come exactly. Every
 * percentile the figures compute then falls on an exact hour.
 * @example leadRowsOf(levels) // [{ regionId, frontdeskId: null, hours: 48, n: 3 }, …]
 */
export function leadRowsOf(levels: LeadLevels): LeadResult[] {
  const exact = new Map<string, Map<number, number>>();
  for (const row of levels.hours) {
    const perHour = exact.get(row.regionId) ?? new Map<number, number>();
    perHour.set(row.hours, (perHour.get(row.hours) ?? 0) + row.n);
    exact.set(row.regionId, perHour);
  }
  const rows: LeadResult[] = [];
  for (const day of levels.days) {
    const perHour = exact.get(day.regionId);
    const hours = perHour ? [...perHour.entries()].filter(([h]) => Math.floor(h / 24) === day.days) : [];
    if (hours.length === 0) rows.push({ regionId: day.regionId, frontdeskId: null, hours: day.days * 24, n: day.n });
    else for (const [h, n] of hours) rows.push({ regionId: day.regionId, frontdeskId: null, hours: h, n });
  }
  return rows;
}
