import type { InStatement, ResultSet, Row } from "@libsql/client/web";
import type * as v from "valibot";
import type { Db } from "../../db/client";
import { ReadPlan, resultSetRead } from "../../db/read";
import { AUDIENCES, OFFER_KINDS } from "../../db/schema";
import { TOPICS, type Topic } from "../../lib/vocabulary";
import { decodeOffsetCursor, encodeOffsetCursor } from "../../lib/cursor";
import { todayLocal } from "../../lib/time";
import { filtersKey, searchCountStatement } from "../insights/record";
import { normaliseSearchTerm, parseQuery } from "./dutch-search";
import type { OfferSearchQuery } from "./offers.schemas";
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
  const plan = new ReadPlan(db);
  const answer = planSearchOffers(plan, request, now);
  await plan.run();
  return answer();
}

/** Adds a search's statements to a read plan; the returned function gives the answer once the plan has run. */
function planSearchOffers(plan: ReadPlan, request: SearchRequest, now: number): () => SearchAnswer {
  const words = parseQuery(request.q ?? "");
  const statements = searchStatements({ words, filters: request.filters, today: todayLocal(now), limit: request.limit, offset: request.offset });
  const pending = statements.map((s) => plan.add(resultSetRead(s)));
  return () =>
    answerOf(
      request,
      pending.map((p) => p.value),
    );
}

function answerOf(request: SearchRequest, [results, total, topic, kind, audience, region]: ResultSet[]): SearchAnswer {
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
function searchTopic(filters: SearchFilters, answer: SearchAnswer): Topic | "" {
  if (filters.topics?.length === 1) return filters.topics[0] ?? "";
  return answer.offers[0]?.topics[0] ?? "";
}

/** A search as the API route and the search page read it (`OfferSearchQuery`). */
export type CatalogueQuery = v.InferOutput<typeof OfferSearchQuery>;

/**
 * The public search as both its clients run it: the answer, and the anonymous counter of a
 * first page (normalised term, filters, topic, zero results) for the caller to write after
 * answering (`countAfterAnswer`), so the API and the page count searches the same way.
 * @example const { answer, counts } = await catalogueSearch(db, { q: "subsidie", limit: 20 }, now);
 */
export async function catalogueSearch(db: Db, query: CatalogueQuery, now: number): Promise<{ answer: SearchAnswer; counts: InStatement[] }> {
  const plan = new ReadPlan(db);
  const found = planCatalogueSearch(plan, query, now);
  await plan.run();
  return found();
}

/**
 * {@link catalogueSearch} as part of a read plan (the search page reads its region list in
 * the same round trip). Throws at once for a cursor that is not valid.
 * @example const found = planCatalogueSearch(plan, query, now); await plan.run(); const { answer, counts } = found();
 */
export function planCatalogueSearch(plan: ReadPlan, query: CatalogueQuery, now: number): () => { answer: SearchAnswer; counts: InStatement[] } {
  const offset = decodeOffsetCursor(query.cursor);
  const filters: SearchFilters = {
    region: query.region,
    municipality: query.municipality || undefined,
    topics: query.topic,
    audiences: query.audience,
    phases: query.phase,
    kinds: query.kind,
    costs: query.cost,
  };
  const pending = planSearchOffers(plan, { q: query.q, filters, limit: query.limit, offset }, now);
  return () => {
    const answer = pending();
    if (offset > 0) return { answer, counts: [] };
    const count = searchCountStatement({
      day: todayLocal(now),
      region: query.region,
      municipality: filters.municipality,
      term: normaliseSearchTerm(query.q ?? ""),
      filters: filtersKey({ topic: query.topic, audience: query.audience, phase: query.phase, kind: query.kind, cost: query.cost }),
      topic: searchTopic(filters, answer),
      zeroResults: answer.total === 0,
    });
    return { answer, counts: [count] };
  };
}
