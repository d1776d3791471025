import type { Row } from "@libsql/client/web";
import type { Db } from "../../db/client";
import { AUDIENCES, OFFER_KINDS } from "../../db/schema";
import { TOPICS, type Topic } from "../../lib/vocabulary";
import { encodeOffsetCursor } from "../../lib/cursor";
import { todayLocal } from "../../lib/time";
import { parseQuery } from "./dutch-search";
import { type OfferSummary, summaryFromRow } from "./offer-dto";
import { type SearchFilters, searchStatements } from "./search-sql";

export interface SearchRequest {
  q?: string | undefined;
  filters: SearchFilters;
  limit: number;
  offset: number;
}

export interface SearchAnswer {
  offers: OfferSummary[];
  facets: { topic: Record<string, number>; kind: Record<string, number>; audience: Record<string, number>; region: Record<string, number> };
  total: number;
  nextCursor: string | null;
}

function counts(rows: Row[], keys: readonly string[] | null): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries((keys ?? []).map((k) => [k, 0]));
  for (const row of rows) {
    const key = String(row.k);
    if (keys === null || key in out) out[key] = Number(row.n);
  }
  return out;
}

/**
 * The public catalogue search: published offers whose deadline has not passed (relative to
 * `now`), ranked by relevance when there are words (bm25, local offers boosted), with facet
 * counts and an opaque cursor. Results, total and facets come from ONE read batch: one
 * round trip to the database, whatever the query.
 *
 * @example await searchOffers(db, { q: "subsidie innovatie", filters: { region: "zuid-limburg" }, limit: 20, offset: 0 }, Date.now())
 */
export async function searchOffers(db: Db, request: SearchRequest, now: number): Promise<SearchAnswer> {
  const words = parseQuery(request.q ?? "");
  const statements = searchStatements({ words, filters: request.filters, today: todayLocal(now), limit: request.limit, offset: request.offset });
  const [results, total, topic, kind, audience, region] = await db.client.batch(statements, "read");
  const totalCount = Number(total?.rows[0]?.n ?? 0);
  const withLocal = request.filters.municipality !== undefined;
  const offers = (results?.rows ?? []).map((row) => summaryFromRow(row as unknown as Record<string, unknown>, withLocal));
  return {
    offers,
    facets: {
      topic: counts(topic?.rows ?? [], TOPICS),
      kind: counts(kind?.rows ?? [], OFFER_KINDS),
      audience: counts(audience?.rows ?? [], AUDIENCES),
      region: counts(region?.rows ?? [], null),
    },
    total: totalCount,
    nextCursor: request.offset + offers.length < totalCount && offers.length === request.limit ? encodeOffsetCursor(request.offset + request.limit) : null,
  };
}

/** The topic a search was about, for the insight counters: the one filtered on, else the top result's first. */
export function searchTopic(filters: SearchFilters, answer: SearchAnswer): Topic | "" {
  if (filters.topics?.length === 1) return filters.topics[0] ?? "";
  return answer.offers[0]?.topics[0] ?? "";
}
