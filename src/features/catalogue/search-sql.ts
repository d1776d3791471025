import type { InStatement } from "@libsql/client/web";
import type { Audience, OfferCost, OfferKind, Phase } from "../../db/schema";
import type { Topic } from "../../lib/vocabulary";
import { joinSql, raw, type SqlFragment, sql, sqlList } from "../../lib/sql-template";
import { type QueryWord, trigramQuery } from "./dutch-search";

/**
 * The SQL of the public catalogue search. One search is six statements that the service
 * sends in ONE `client.batch([...], "read")`: the page of results, the total, and a facet
 * count per dimension. Each statement starts from the same two CTEs:
 *
 * - `hits`: the FTS5 match with bm25 scores (only when there are query words). The match
 *   expression is built inside SQL, word by word: a word whose stem starts an indexed word
 *   matches as a prefix (stem or word, or all of its compound parts); a word of 5+ letters
 *   that starts no indexed word is replaced by the closest indexed word sharing its first
 *   letter and most of its trigrams (typo tolerance) — decided inside the same statement,
 *   so the correction costs no round trip.
 * - `base`: published offers whose deadline has not passed (`today`, a local date).
 *
 * Facets are disjunctive: a dimension's counts apply every filter except its own, so the
 * counts show what choosing another value would give.
 */

export interface SearchFilters {
  region?: string | undefined;
  municipality?: string | undefined;
  topics?: readonly Topic[] | undefined;
  audiences?: readonly Audience[] | undefined;
  phases?: readonly Phase[] | undefined;
  kinds?: readonly OfferKind[] | undefined;
  costs?: readonly OfferCost[] | undefined;
}

export type FacetName = "topic" | "kind" | "audience" | "region";

export interface SearchPlan {
  words: readonly QueryWord[];
  filters: SearchFilters;
  /** Today as a local date (Europe/Amsterdam): offers with an earlier deadline are expired. */
  today: string;
  limit: number;
  offset: number;
}

/** bm25 column weights: title, summary, body, organisation, tags. */
const BM25 = "bm25(offers_fts, 10.0, 4.0, 1.0, 2.0, 1.0)";
/** A score multiplier for offers local to the asked municipality (bm25 is negative: more negative is better). */
export const LOCAL_BOOST = 1.5;
/** Words this long or longer get typo tolerance; shorter ones match as typed. */
export const TYPO_MIN_LENGTH = 5;

/** The columns of an offer summary (aliases read by the service's row mapper). */
export const SUMMARY_COLUMNS = `b.id, b.slug, b.title, b.summary, b.kind, b.topics, b.audiences, b.phases,
  case when b.all_limburg then (select json_group_array(slug) from (select slug from regions order by slug)) else b.regions end as regions,
  b.all_limburg, b.municipalities, b.cost, b.deadline, b.opens_at, b.updated_at, b.frontdesk_id,
  g.slug as org_slug, g.name as org_name`;

const quoted = (term: string) => `"${term}"*`;

/** The FTS5 expression for one word when it is known: its prefixes, or all its compound parts. */
function plainExpression(word: QueryWord): string {
  const alternatives = word.prefixes.map(quoted);
  if (word.parts.length >= 2) alternatives.push(`(${word.parts.map(quoted).join(" AND ")})`);
  return `(${alternatives.join(" OR ")})`;
}

/**
 * SQL that evaluates to the FTS5 expression for one word (with the typo fallback).
 * `vocab` is the fts5vocab table of the index searched (events reuse this with `events_fts_vocab`).
 */
export function wordExpression(word: QueryWord, vocab: "offers_fts_vocab" | "events_fts_vocab" | "questions_fts_vocab" = "offers_fts_vocab"): SqlFragment {
  const plain = plainExpression(word);
  if (word.word.length < TYPO_MIN_LENGTH || /\d/.test(word.word)) return sql`${plain}`;
  const first = word.word.charAt(0);
  const known = joinSql(
    word.prefixes.map((prefix) => sql`exists (select 1 from ${raw(vocab)} where term >= ${prefix} and term < ${`${prefix}{`})`),
    " or ",
  );
  return sql`(case when ${known} then ${plain}
    else coalesce((select '("' || term || '"*)' from search_terms_tri where search_terms_tri match ${trigramQuery(word.word)}
      and term >= ${first} and term < ${`${first}{`} and length(term) between ${word.word.length - 2} and ${word.word.length + 2}
      order by rank, term limit 1), ${plain}) end)`;
}

/** The CTE prefix shared by every statement of a search. */
function ctes(plan: SearchPlan): SqlFragment {
  const baseWhere = sql`o.status = 'published' and (o.deadline is null or o.deadline >= ${plan.today})`;
  if (plan.words.length === 0) {
    return sql`with base as materialized (select o.*, 0.0 as score from offers o where ${baseWhere})`;
  }
  const match = joinSql(
    plan.words.map((w) => wordExpression(w)),
    " || ' AND ' || ",
  );
  return sql`with hits as materialized (select rowid as seq, ${raw(BM25)} as score from offers_fts where offers_fts match (select ${match})),
    base as materialized (select o.*, h.score as score from offers o join hits h on h.seq = o.seq where ${baseWhere})`;
}

const inJsonArray = (column: string, values: readonly string[]) => sql`exists (select 1 from json_each(${raw(column)}) j where j.value in ${sqlList(values)})`;

/** Whether offer `b` serves the municipality (local to it, or to its region, or all of Limburg). */
function servesMunicipality(municipality: string): SqlFragment {
  return sql`exists (select 1 from municipalities mu join regions r on r.id = mu.region_id
    where mu.name = ${municipality} collate nocase and (case when json_array_length(b.municipalities) > 0
      then exists (select 1 from json_each(b.municipalities) j where j.value = mu.name collate nocase)
      else (b.all_limburg = 1 or exists (select 1 from json_each(b.regions) j where j.value = r.slug)) end))`;
}

function servesRegion(region: SqlFragment): SqlFragment {
  return sql`(b.all_limburg = 1 or exists (select 1 from json_each(b.regions) j where j.value = ${region}))`;
}

/** The filter conditions on `b`, leaving out one facet's own dimension when asked. */
function conditions(filters: SearchFilters, except?: FacetName): SqlFragment {
  const parts: SqlFragment[] = [];
  if (filters.region && except !== "region") parts.push(servesRegion(sql`${filters.region}`));
  if (filters.municipality) parts.push(servesMunicipality(filters.municipality));
  if (filters.topics?.length && except !== "topic") parts.push(inJsonArray("b.topics", filters.topics));
  if (filters.audiences?.length && except !== "audience") parts.push(inJsonArray("b.audiences", filters.audiences));
  if (filters.phases?.length) parts.push(inJsonArray("b.phases", filters.phases));
  if (filters.kinds?.length && except !== "kind") parts.push(sql`b.kind in ${sqlList(filters.kinds)}`);
  if (filters.costs?.length) parts.push(sql`b.cost in ${sqlList(filters.costs)}`);
  return joinSql(parts, " and ", "1 = 1");
}

function localExpression(filters: SearchFilters): SqlFragment {
  return filters.municipality ? sql`exists (select 1 from json_each(b.municipalities) j where j.value = ${filters.municipality} collate nocase)` : sql`0`;
}

/**
 * The statements of one search, in the order the service reads them:
 * results, total, then the facets topic, kind, audience, region.
 */
export function searchStatements(plan: SearchPlan): InStatement[] {
  const prefix = ctes(plan);
  const where = conditions(plan.filters);
  const local = localExpression(plan.filters);
  const order =
    plan.words.length > 0
      ? sql`order by b.score * (case when local then ${LOCAL_BOOST} else 1.0 end), b.id`
      : sql`order by local desc, b.updated_at desc, b.id`;
  const results = sql`${prefix}
    select * from (select ${raw(SUMMARY_COLUMNS)}, b.score, ${local} as local
      from base b join organisations g on g.id = b.organisation_id where ${where}) b
    ${order} limit ${plan.limit} offset ${plan.offset}`;
  const total = sql`${prefix} select count(*) as n from base b where ${where}`;
  const facet = (name: "topic" | "audience", column: string) =>
    sql`${prefix} select j.value as k, count(*) as n from base b, json_each(${raw(column)}) j
      where ${conditions(plan.filters, name)} group by j.value`;
  const kinds = sql`${prefix} select b.kind as k, count(*) as n from base b where ${conditions(plan.filters, "kind")} group by b.kind`;
  const regions = sql`${prefix} select r.slug as k,
      (select count(*) from base b where ${servesRegion(raw("r.slug"))} and ${conditions(plan.filters, "region")}) as n
    from regions r`;
  return [results, total, facet("topic", "b.topics"), kinds, facet("audience", "b.audiences"), regions].map((s) => s.statement());
}
