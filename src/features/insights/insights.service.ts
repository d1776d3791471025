import type { ResultSet, Row } from "@libsql/client/web";
import type { Db } from "../../db/client";
import { ReadPlan, resultSetRead } from "../../db/read";
import { TOPICS, type Topic } from "../../lib/vocabulary";
import { raw, type SqlFragment, sql } from "../../lib/sql-template";
import { localDayBounds, todayLocal } from "../../lib/time";
import type { ReportPeriod } from "../reports/period";
import { type Count, SMALL_COUNT_THRESHOLD } from "../reports/suppression";

/**
 * What the catalogue's use shows (the "learning ecosystem"), for one region or the whole
 * province: most searched terms, searches that found nothing, most and least viewed
 * offers, offers nobody opened, and demand (bookings, searches, desk clicks) against
 * supply (offers, desks) per topic. Read in one batch.
 *
 * Privacy: the counters hold no personal data. A term seen fewer than 3 times in the period
 * is left out (a rare query can be as identifying as a name); a usage count of 1–4 is shown
 * as "<5". Supply figures (offers, desks) are not about people and stay exact.
 * Attribution: a search counts for the region it filtered on (or its municipality's region);
 * searches without either count for the province only. Views and clicks count for every
 * region the offer serves.
 */

/** Terms seen fewer times than this are left out. */
export const MIN_TERM_COUNT = 3;
const TOP = 20;

export interface DemandSupply {
  topic: Topic;
  bookings: Count;
  searches: Count;
  deskClicks: Count;
  offers: number;
  desks: number;
  /** Knowledge-square questions published in the period, and those without an answer yet. */
  questions: Count;
  unansweredQuestions: Count;
}

export interface Insights {
  period: ReportPeriod;
  topSearches: { term: string; count: Count }[];
  zeroResultSearches: { term: string; count: Count }[];
  offerViews: { slug: string; title: string; count: Count }[];
  leastViewedOffers: { slug: string; title: string; count: Count }[];
  unviewedOffers: { slug: string; title: string }[];
  demandSupply: DemandSupply[];
}

/** The small-count rule: 1–4 → "<5"; 0 and 5+ exact. */
export function smallCount(n: number): Count {
  return n > 0 && n < SMALL_COUNT_THRESHOLD ? "<5" : n;
}

function perTopic(rows: Row[]): Map<string, number> {
  return new Map(rows.map((r) => [String(r.k), Number(r.n)]));
}

/**
 * @param region the region, or null for the whole province
 * @example await buildInsights(db, { id, slug }, { from: "2027-01-01", to: "2027-03-31" }, Date.now())
 */
export async function buildInsights(db: Db, region: { id: string; slug: string } | null, period: ReportPeriod, now: number): Promise<Insights> {
  const plan = new ReadPlan(db);
  const insights = planInsights(plan, region, period, now);
  await plan.run();
  return insights();
}

/**
 * Adds the insights' statements to a plan (so a page can read them with other data in one
 * round trip); the returned function gives the insights once the plan has run.
 * @example const insights = planInsights(plan, null, period, now); await plan.run(); insights();
 */
export function planInsights(plan: ReadPlan, region: { id: string; slug: string } | null, period: ReportPeriod, now: number): () => Insights {
  const { from, to } = period;
  const start = localDayBounds(from).start;
  const end = localDayBounds(to).end;
  const searchScope = region ? sql`region_id = ${region.id}` : sql`1 = 1`;
  const serves = (alias: string): SqlFragment =>
    region ? sql`(${raw(alias)}.all_limburg = 1 or exists (select 1 from json_each(${raw(alias)}.regions) j where j.value = ${region.slug}))` : sql`1 = 1`;
  const views = sql`select o.slug, o.title, sum(v.views) as n from insight_offer_views v join offers o on o.id = v.offer_id
    where v.day between ${from} and ${to} and ${serves("o")} group by o.id`;
  const statements = [
    sql`select term, sum(searches) as n from insight_searches where ${searchScope} and day between ${from} and ${to} and term <> ''
      group by term having n >= ${MIN_TERM_COUNT} order by n desc, term limit ${TOP}`,
    sql`select term, sum(zero_results) as n from insight_searches where ${searchScope} and day between ${from} and ${to} and term <> ''
      group by term having n >= ${MIN_TERM_COUNT} order by n desc, term limit ${TOP}`,
    sql`${views} order by n desc, o.slug limit ${TOP}`,
    sql`${views} order by n asc, o.slug limit ${TOP}`,
    sql`select o.slug, o.title from offers o where o.status = 'published' and ${serves("o")}
      and not exists (select 1 from insight_offer_views v where v.offer_id = o.id and v.day between ${from} and ${to}) order by o.title, o.slug limit 100`,
    sql`select topic as k, count(*) as n from appointments where ${region ? sql`region_id = ${region.id}` : sql`1 = 1`}
      and start_at >= ${start} and start_at < ${end} group by topic`,
    sql`select topic as k, sum(searches) as n from insight_searches where ${searchScope} and day between ${from} and ${to} and topic <> '' group by topic`,
    sql`select topic as k, sum(clicks) as n from insight_desk_clicks where ${searchScope} and day between ${from} and ${to} group by topic`,
    sql`select j.value as k, count(*) as n from offers o, json_each(o.topics) j where o.status = 'published' and o.kind <> 'contact_point'
      and (o.deadline is null or o.deadline >= ${todayLocal(now)}) and ${serves("o")} group by j.value`,
    sql`select j.value as k, count(*) as n from frontdesks f, json_each(f.topics) j where f.archived_at is null
      and ${region ? sql`f.region_id = ${region.id}` : sql`1 = 1`} group by j.value`,
    // Knowledge square (issue 18): questions published in the period (a region: its own, not
    // those to all of Limburg), and how many of them have no answer yet.
    sql`select topic as k, count(*) as n, sum(answer_count = 0) as u from questions where status = 'published'
      and published_at >= ${start} and published_at < ${end} and ${region ? sql`region_id = ${region.id}` : sql`1 = 1`} group by topic`,
  ];
  const pending = statements.map((s) => plan.add(resultSetRead(s.statement())));
  return () => {
    const [top, zero, most, least, unviewed, bookings, searches, clicks, offers, desks, questions] = pending.map((p) => p.value);
    return insightsOf(period, { top, zero, most, least, unviewed, bookings, searches, clicks, offers, desks, questions });
  };
}

type InsightSets = Record<
  "top" | "zero" | "most" | "least" | "unviewed" | "bookings" | "searches" | "clicks" | "offers" | "desks" | "questions",
  ResultSet | undefined
>;

function insightsOf(period: ReportPeriod, { top, zero, most, least, unviewed, bookings, searches, clicks, offers, desks, questions }: InsightSets): Insights {
  const terms = (rows: Row[] = []) => rows.map((r) => ({ term: String(r.term), count: smallCount(Number(r.n)) }));
  const viewed = (rows: Row[] = []) => rows.map((r) => ({ slug: String(r.slug), title: String(r.title), count: smallCount(Number(r.n)) }));
  const [b, s, c, o, d, q] = [bookings, searches, clicks, offers, desks, questions].map((rs) => perTopic(rs?.rows ?? []));
  const unanswered = new Map((questions?.rows ?? []).map((r) => [String(r.k), Number(r.u)]));
  return {
    period,
    topSearches: terms(top?.rows),
    zeroResultSearches: terms(zero?.rows),
    offerViews: viewed(most?.rows),
    leastViewedOffers: viewed(least?.rows),
    unviewedOffers: (unviewed?.rows ?? []).map((r) => ({ slug: String(r.slug), title: String(r.title) })),
    demandSupply: TOPICS.map((topic) => ({
      topic,
      bookings: smallCount(b?.get(topic) ?? 0),
      searches: smallCount(s?.get(topic) ?? 0),
      deskClicks: smallCount(c?.get(topic) ?? 0),
      offers: o?.get(topic) ?? 0,
      desks: d?.get(topic) ?? 0,
      questions: smallCount(q?.get(topic) ?? 0),
      unansweredQuestions: smallCount(unanswered.get(topic) ?? 0),
    })),
  };
}
