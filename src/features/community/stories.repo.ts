/** The SQL of best-practice stories (issue 18): published by a region's admins, with the entrepreneur's written consent recorded. */
import type { InStatement } from "@libsql/client/web";
import { joinSql, raw, type SqlFragment, sql, sqlList } from "../../lib/sql-template";
import type { RegionScope } from "../../db/scope";

const COLUMNS = `s.id, s.slug, s.title, s.company_name, s.summary, s.body, s.topics, s.published_at, r.slug as region,
  (select json_group_array(json_object('slug', o.slug, 'title', o.title)) from offers o
     where o.status = 'published' and o.slug in (select value from json_each(s.offer_slugs))) as offers,
  (select json_group_array(json_object('id', f.id, 'name', f.name)) from frontdesks f
     where f.region_id = s.region_id and f.id in (select value from json_each(s.frontdesk_ids))) as frontdesks`;

/** Published stories, newest first, filtered on topic and region. */
export function listStoriesStatement(filters: { topic?: string | undefined; region?: string | undefined }): InStatement {
  const conditions: SqlFragment[] = [sql`1 = 1`];
  if (filters.topic) conditions.push(sql`exists (select 1 from json_each(s.topics) j where j.value = ${filters.topic})`);
  if (filters.region) conditions.push(sql`r.slug = ${filters.region}`);
  return sql`select ${raw(COLUMNS)} from stories s join regions r on r.id = s.region_id
    where ${joinSql(conditions, " and ")} order by s.published_at desc, s.id limit 100`.statement();
}

/** One published story by its slug. */
export function storyStatement(slug: string): InStatement {
  return { sql: `select ${COLUMNS} from stories s join regions r on r.id = s.region_id where s.slug = ?`, args: [slug] };
}

/**
 * Publishes a story of the region; refused (no row) when a linked offer is not published or a
 * desk is not the region's. Returns the id.
 */
export function insertStoryStatement(
  scope: RegionScope,
  s: {
    id: string;
    slug: string;
    title: string;
    companyName: string;
    summary: string;
    body: string;
    topics: string[];
    offerSlugs: string[];
    frontdeskIds: string[];
    consentDate: string;
    recordedBy: string;
    now: number;
  },
): InStatement {
  const offers = [...new Set(s.offerSlugs)];
  const desks = [...new Set(s.frontdeskIds)];
  const guards: SqlFragment[] = [sql`1 = 1`];
  if (offers.length > 0) guards.push(sql`(select count(*) from offers where status = 'published' and slug in ${sqlList(offers)}) = ${offers.length}`);
  if (desks.length > 0) guards.push(sql`(select count(*) from frontdesks where region_id = ${scope.region.id} and id in ${sqlList(desks)}) = ${desks.length}`);
  return sql`insert into stories (id, slug, region_id, title, company_name, summary, body, topics, offer_slugs, frontdesk_ids, consent_date, consent_recorded_by, published_at, created_at)
    select ${s.id}, ${s.slug}, ${scope.region.id}, ${s.title}, ${s.companyName}, ${s.summary}, ${s.body}, ${JSON.stringify(s.topics)}, ${JSON.stringify(offers)},
      ${JSON.stringify(desks)}, ${s.consentDate}, ${s.recordedBy}, ${s.now}, ${s.now}
    where ${joinSql(guards, " and ")} returning id`.statement();
}
