import type { InStatement } from "@libsql/client/web";
import type { AppContext } from "../../lib/context";
import { writeBatch } from "../../db/write";

/**
 * The anonymous usage counters of the catalogue (the "learning ecosystem"): per-day counts,
 * never an event log, and nothing about the person (no IP address, no user id, no cookie).
 * Counting happens after the answer has gone out (`waitUntil`), in one write batch per
 * request, so a public read never waits for it; a failed count is logged and dropped.
 */

export interface SearchCount {
  day: string;
  /** The region filtered on (slug), if any. */
  region?: string | undefined;
  /** Without a region: the municipality filtered on, to find the region. */
  municipality?: string | undefined;
  term: string;
  filters: string;
  topic: string;
  zeroResults: boolean;
}

export function searchCountStatement(count: SearchCount): InStatement {
  return {
    sql: `insert into insight_searches (day, region_id, term, filters, topic, searches, zero_results)
          values (?, coalesce((select id from regions where slug = ?), (select region_id from municipalities where name = ? collate nocase order by id limit 1), ''), ?, ?, ?, 1, ?)
          on conflict (day, region_id, term, filters, topic) do update set searches = searches + 1, zero_results = zero_results + excluded.zero_results`,
    args: [count.day, count.region ?? null, count.municipality ?? null, count.term, count.filters, count.topic, count.zeroResults ? 1 : 0],
  };
}

export function offerViewStatement(day: string, offerId: string): InStatement {
  return {
    sql: "insert into insight_offer_views (day, offer_id, views) values (?, ?, 1) on conflict (day, offer_id) do update set views = views + 1",
    args: [day, offerId],
  };
}

export function deskClickStatement(day: string, regionId: string, topic: string, offerId: string): InStatement {
  return {
    sql: `insert into insight_desk_clicks (day, region_id, topic, offer_id, clicks) values (?, ?, ?, ?, 1)
          on conflict (day, region_id, topic, offer_id) do update set clicks = clicks + 1`,
    args: [day, regionId, topic, offerId],
  };
}

/**
 * Writes the counters once the answer is on its way.
 * @example countAfterAnswer(c, [offerViewStatement(todayLocal(now), offer.id)]);
 */
export function countAfterAnswer(c: AppContext, statements: InStatement[]): void {
  if (statements.length === 0) return;
  const work = writeBatch(c.var.db, statements).then(
    () => undefined,
    (error: unknown) => {
      console.error(JSON.stringify({ level: "error", msg: "insight count failed", requestId: c.var.requestId, error: String(error) }));
    },
  );
  try {
    c.executionCtx.waitUntil(work);
  } catch {
    // No execution context (in-process app.request in tests): the promise still runs.
  }
}

/**
 * A canonical form of the search filters for the counters (the region is counted apart;
 * the municipality is left out).
 * @example filtersKey({ kind: ["subsidy"], topic: ["subsidies", "financiering"] }) // "kind=subsidy&topic=financiering,subsidies"
 */
export function filtersKey(filters: Record<string, readonly string[] | undefined>): string {
  return Object.entries(filters)
    .filter(([, values]) => values && values.length > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) => `${key}=${[...(values ?? [])].sort().join(",")}`)
    .join("&");
}
