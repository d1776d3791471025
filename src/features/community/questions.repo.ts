/**
 * The SQL of questions and answers (issue 18). The asker's account id never leaves the
 * database in a read: whether the viewer is the asker is computed in SQL (`mine`), and an
 * anonymous question has no label to read. Writes are guarded statements for one write batch.
 */
import type { InStatement, InValue } from "@libsql/client/web";
import { indexText, parseQuery } from "../catalogue/dutch-search";
import { TOPIC_WORDS } from "../catalogue/search-index";
import { wordExpression } from "../catalogue/search-sql";
import { joinSql, raw, SqlFragment, sql, sqlList } from "../../lib/sql-template";
import type { Topic } from "../../lib/vocabulary";

/** The viewer of a read: an entrepreneur session (by its id hash) or nobody. */
export type Viewer = { sessionIdHash: string } | null;

const viewerId = (viewer: Viewer): SqlFragment =>
  viewer ? sql`(select entrepreneur_id from entrepreneur_sessions where id_hash = ${viewer.sessionIdHash})` : sql`null`;

/** The columns of a question summary (`q` = questions, `r` = its region). Never the asker's id. */
export const SUMMARY = `q.id, q.title, q.topic, r.slug as region, q.published_at, q.created_at, q.answer_count,
  q.accepted_answer_id is not null as accepted, q.anonymous, q.asker_label`;

export interface QuestionFilters {
  q?: string | undefined;
  topic?: Topic | undefined;
  region?: string | undefined;
}

/** Published questions, newest first (or by relevance with `q`); `limit + 1` rows to see whether there is a next page. */
export function listQuestionsStatement(filters: QuestionFilters, limit: number, offset: number): InStatement {
  const conditions: SqlFragment[] = [sql`q.status = 'published'`];
  if (filters.topic) conditions.push(sql`q.topic = ${filters.topic}`);
  if (filters.region) conditions.push(sql`(q.region_id is null or q.region_id = (select id from regions where slug = ${filters.region}))`);
  const words = parseQuery(filters.q ?? "");
  if (words.length > 0) {
    const match = joinSql(
      words.map((w) => wordExpression(w, "questions_fts_vocab")),
      " || ' AND ' || ",
    );
    return sql`with hits as materialized (select rowid as seq, bm25(questions_fts, 10.0, 2.0, 1.0) as score from questions_fts
        where questions_fts match (select ${match}))
      select ${raw(SUMMARY)} from questions q join hits h on h.seq = q.seq left join regions r on r.id = q.region_id
      where ${joinSql(conditions, " and ")} order by h.score, q.id limit ${limit + 1} offset ${offset}`.statement();
  }
  return sql`select ${raw(SUMMARY)} from questions q left join regions r on r.id = q.region_id
    where ${joinSql(conditions, " and ")} order by q.published_at desc, q.id limit ${limit + 1} offset ${offset}`.statement();
}

/** One question: published, or pending and asked by the viewer. `mine` is computed here. */
export function questionStatement(id: string, viewer: Viewer): InStatement {
  return sql`select ${raw(SUMMARY)}, q.body, q.status, q.moderator_note, q.edited_at, q.accepted_answer_id,
      coalesce(q.asker_id = ${viewerId(viewer)}, 0) as mine
    from questions q left join regions r on r.id = q.region_id
    where q.id = ${id} and (q.status = 'published' or (q.status = 'pending' and q.asker_id = ${viewerId(viewer)}))`.statement();
}

const linkTitles = (column: string, table: "offers" | "events") =>
  `(select json_group_array(json_object('slug', x.slug, 'title', x.title)) from ${table} x
     where x.status = 'published' and x.slug in (select value from json_each(${column})))`;

/** The published answers of a question, accepted first, then by useful marks and age; with the titles of linked offers and events. */
export function answersStatement(questionId: string): InStatement {
  return sql`select a.id, a.body, a.author_kind, a.author_name, a.useful_count, a.created_at, a.moderator_note, a.edited_at,
      a.id = q.accepted_answer_id as accepted, ${raw(linkTitles("a.offer_slugs", "offers"))} as offers, ${raw(linkTitles("a.event_slugs", "events"))} as events
    from answers a join questions q on q.id = a.question_id
    where a.question_id = ${questionId} and a.status = 'published' and q.status in ('published', 'pending')
    order by accepted desc, a.useful_count desc, a.created_at, a.id limit 200`.statement();
}

/**
 * The index row of a new question (every question has one; lists and search show published
 * ones only, so publishing or hiding needs no index change). Written only when the insert
 * before it in the batch happened.
 */
export function indexQuestionStatement(questionId: string, text: { title: string; body: string; topic: Topic }): InStatement {
  return {
    sql: "insert into questions_fts (rowid, title, body, tags) select seq, ?, ?, ? from questions where id = ?",
    args: [indexText(text.title), indexText(text.body), indexText(TOPIC_WORDS[text.topic]), questionId],
  };
}

/**
 * Inserts a question: published at once when the asker has a published question already,
 * else pending. Refused (no row) when the asker is blocked, the region is unknown, or the
 * rate limit's `within` condition fails. Returns `status`.
 */
export function insertQuestionStatement(
  q: { id: string; askerId: string; anonymous: boolean; topic: Topic; title: string; body: string; region: string | null; now: number },
  within: { sql: string; args: InValue[] } | null,
): InStatement {
  const region = q.region === null ? sql`null` : sql`(select id from regions where slug = ${q.region})`;
  const published = sql`exists (select 1 from questions p where p.asker_id = ${q.askerId} and p.status = 'published')`;
  const guards: SqlFragment[] = [sql`not exists (select 1 from community_blocks where account = ${`e:${q.askerId}`})`];
  if (q.region !== null) guards.push(sql`exists (select 1 from regions where slug = ${q.region})`);
  if (within) guards.push(new SqlFragment(within.sql, within.args));
  return sql`insert into questions (id, seq, region_id, asker_id, anonymous, asker_label, topic, title, body, status, answer_count, created_at, published_at, updated_at)
    select ${q.id}, coalesce((select max(seq) from questions), 0) + 1, ${region}, ${q.askerId}, ${q.anonymous ? 1 : 0},
      ${q.anonymous ? sql`null` : sql`coalesce((select company_name from entrepreneur_profiles where entrepreneur_id = ${q.askerId}), 'Ondernemer')`},
      ${q.topic}, ${q.title}, ${q.body}, case when ${published} then 'published' else 'pending' end, 0, ${q.now},
      case when ${published} then ${q.now} else null end, ${q.now}
    where ${joinSql(guards, " and ")} returning status`.statement();
}

/** What answering needs decided in the write: the question is published, the author not blocked, the linked slugs published. */
export interface AnswerRow {
  id: string;
  questionId: string;
  kind: "entrepreneur" | "partner" | "staff";
  entrepreneurId: string | null;
  userId: string | null;
  /** SQL for the author's name (company, organisation or region), evaluated in the insert. */
  name: SqlFragment;
  body: string;
  offerSlugs: string[];
  eventSlugs: string[];
  now: number;
}

function slugsPublished(table: "offers" | "events", slugs: string[]): SqlFragment {
  if (slugs.length === 0) return sql`1 = 1`;
  const unique = [...new Set(slugs)];
  return sql`(select count(distinct slug) from ${raw(table)} where status = 'published' and slug in ${sqlList(unique)}) = ${unique.length}`;
}

export function insertAnswerStatements(a: AnswerRow, account: string, within: { sql: string; args: InValue[] } | null): InStatement[] {
  const guards: SqlFragment[] = [
    sql`exists (select 1 from questions where id = ${a.questionId} and status = 'published')`,
    sql`not exists (select 1 from community_blocks where account = ${account})`,
    slugsPublished("offers", a.offerSlugs),
    slugsPublished("events", a.eventSlugs),
  ];
  if (within) guards.push(new SqlFragment(within.sql, within.args));
  return [
    sql`insert into answers (id, question_id, author_kind, author_entrepreneur_id, author_user_id, author_name, body, offer_slugs, event_slugs, status, useful_count, created_at)
      select ${a.id}, ${a.questionId}, ${a.kind}, ${a.entrepreneurId}, ${a.userId}, ${a.name}, ${a.body}, ${JSON.stringify([...new Set(a.offerSlugs)])},
        ${JSON.stringify([...new Set(a.eventSlugs)])}, 'published', 0, ${a.now}
      where ${joinSql(guards, " and ")} returning id`.statement(),
    {
      sql: "update questions set answer_count = answer_count + 1, updated_at = ? where id = ? and exists (select 1 from answers where id = ?)",
      args: [a.now, a.questionId, a.id],
    },
  ];
}

/** Why an answer was refused (read only on that path). */
export function answerRefusalStatement(questionId: string, account: string, offerSlugs: string[], eventSlugs: string[]): InStatement {
  return sql`select exists (select 1 from questions where id = ${questionId} and status = 'published') as question,
      exists (select 1 from community_blocks where account = ${account}) as blocked,
      ${slugsPublished("offers", offerSlugs)} as offers, ${slugsPublished("events", eventSlugs)} as events`.statement();
}

/** Why a question was refused (read only on that path). */
export function askRefusalStatement(askerId: string, region: string | null): InStatement {
  return sql`select exists (select 1 from community_blocks where account = ${`e:${askerId}`}) as blocked,
      ${region === null ? sql`1` : sql`exists (select 1 from regions where slug = ${region})`} as region`.statement();
}

/** The asker accepts one of the published answers of their published question. */
export function acceptStatement(questionId: string, answerId: string, askerId: string, now: number): InStatement {
  return {
    sql: `update questions set accepted_answer_id = ?, updated_at = ? where id = ? and asker_id = ? and status = 'published'
          and exists (select 1 from answers where id = ? and question_id = ? and status = 'published') returning id`,
    args: [answerId, now, questionId, askerId, answerId, questionId],
  };
}

/** One useful mark per person (the primary key decides); the count is recounted from the marks. Returns the count, no row for an unknown answer. */
export function usefulStatements(answerId: string, marker: string, now: number): InStatement[] {
  const visible = `exists (select 1 from answers a join questions q on q.id = a.question_id where a.id = ? and a.status = 'published' and q.status = 'published')`;
  return [
    { sql: `insert or ignore into answer_marks (answer_id, marker, created_at) select ?, ?, ? where ${visible}`, args: [answerId, marker, now, answerId] },
    {
      sql: `update answers set useful_count = (select count(*) from answer_marks where answer_id = ?) where id = ? and ${visible} returning useful_count`,
      args: [answerId, answerId, answerId],
    },
  ];
}

/** A report of a visible question or answer, once per reporter (a second report by the same person changes nothing). */
export function reportStatement(
  r: { id: string; kind: "question" | "answer"; targetId: string; reporter: string; reason: string; now: number },
  within: { sql: string; args: InValue[] },
): InStatement {
  const target =
    r.kind === "question"
      ? "select q.region_id from questions q where q.id = ? and q.status = 'published'"
      : "select q.region_id from answers a join questions q on q.id = a.question_id where a.id = ? and a.status = 'published' and q.status = 'published'";
  return {
    sql: `insert into community_reports (id, region_id, kind, target_id, reporter, reason, created_at)
          select ?, t.region_id, ?, ?, ?, ?, ? from (${target}) t where ${within.sql}
          on conflict (kind, target_id, reporter) do nothing returning id`,
    args: [r.id, r.kind, r.targetId, r.reporter, r.reason, r.now, r.targetId, ...within.args],
  };
}

/** Whether a question or answer is visible (a report of an unknown one is 404). */
export function visibleTargetStatement(kind: "question" | "answer", id: string): InStatement {
  return kind === "question"
    ? { sql: "select 1 as found from questions where id = ? and status = 'published'", args: [id] }
    : {
        sql: "select 1 as found from answers a join questions q on q.id = a.question_id where a.id = ? and a.status = 'published' and q.status = 'published'",
        args: [id],
      };
}

/** Conditions for counting a post against the limit (a refused post counts nothing). */
export function regionExistsCondition(region: string | null): InStatement {
  return region === null ? { sql: "1 = 1", args: [] } : { sql: "exists (select 1 from regions where slug = ?)", args: [region] };
}

export function questionPublishedCondition(questionId: string): InStatement {
  return { sql: "exists (select 1 from questions where id = ? and status = 'published')", args: [questionId] };
}

export function visibleCondition(kind: "question" | "answer", id: string): InStatement {
  const target = visibleTargetStatement(kind, id);
  if (typeof target === "string") return target;
  return { sql: `exists (${target.sql})`, args: target.args ?? [] };
}
