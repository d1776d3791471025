/**
 * The SQL of moderation (issue 18). Every statement is scoped to the moderator's region: a
 * question belongs to it when `region_id` is the region's, or null (all of Limburg, which every
 * region's admins and the programme office moderate). Anything else is "not found".
 */
import type { InStatement, InValue } from "@libsql/client/web";
import type { ReportKind } from "../../db/schema";
import type { RegionScope } from "../../db/scope";

/** The condition "question `alias` belongs to this region's moderators". */
export const inRegion = (alias: string) => `(${alias}.region_id = ? or ${alias}.region_id is null)`;

const reportsOf = (kind: ReportKind, idColumn: string) =>
  `(select json_group_array(json_object('reason', reason, 'at', created_at)) from community_reports
     where kind = '${kind}' and target_id = ${idColumn} and resolved_at is null)`;
const hasReports = (kind: ReportKind, idColumn: string) =>
  `exists (select 1 from community_reports where kind = '${kind}' and target_id = ${idColumn} and resolved_at is null)`;

/** Pending, hidden and reported questions of the region (oldest first). */
export function queueQuestionsStatement(scope: RegionScope): InStatement {
  return {
    sql: `select q.id, q.id as question_id, q.title, q.body, q.status, r.slug as region, q.anonymous, q.asker_label, q.created_at,
            ${reportsOf("question", "q.id")} as reports
          from questions q left join regions r on r.id = q.region_id
          where ${inRegion("q")} and (q.status in ('pending', 'hidden') or ${hasReports("question", "q.id")})
          order by q.status = 'pending' desc, q.created_at limit 200`,
    args: [scope.region.id],
  };
}

/** Hidden and reported answers of the region's questions. */
export function queueAnswersStatement(scope: RegionScope): InStatement {
  return {
    sql: `select a.id, a.question_id, q.title, a.body, a.status, r.slug as region, a.author_kind, a.author_name, a.created_at,
            ${reportsOf("answer", "a.id")} as reports
          from answers a join questions q on q.id = a.question_id left join regions r on r.id = q.region_id
          where ${inRegion("q")} and (a.status = 'hidden' or ${hasReports("answer", "a.id")})
          order by a.created_at limit 200`,
    args: [scope.region.id],
  };
}

/** Published questions of the region without an answer, published before `before` (the working-day rule is applied after). */
export function unansweredStatement(scope: RegionScope, before: number): InStatement {
  return {
    sql: `select q.id, q.title, q.topic, r.slug as region, q.published_at, q.created_at, q.answer_count, 0 as accepted, q.anonymous, q.asker_label
          from questions q left join regions r on r.id = q.region_id
          where ${inRegion("q")} and q.status = 'published' and q.answer_count = 0 and q.published_at <= ?
          order by q.published_at limit 100`,
    args: [scope.region.id, before],
  };
}

/** What a moderation action changes, as one guarded update; `stamp` marks the row so the batch's other statements act only when it changed. */
export interface ModerationChange {
  kind: ReportKind;
  id: string;
  set: { status?: "published" | "hidden"; title?: string; body?: string; note?: string | undefined; edited?: boolean };
  /** Statuses the row must be in for the action to apply. */
  from: readonly string[];
  now: number;
}

/** The guarded update of a moderation action (`returning status`; no row: unknown, another region's, or not in a state the action applies to). */
export function moderationUpdateStatement(scope: RegionScope, change: ModerationChange): InStatement {
  const sets: string[] = [];
  const args: InValue[] = [];
  if (change.set.status) {
    sets.push("status = ?");
    args.push(change.set.status);
  }
  if (change.set.title !== undefined && change.kind === "question") {
    sets.push("title = ?");
    args.push(change.set.title);
  }
  if (change.set.body !== undefined) {
    sets.push("body = ?");
    args.push(change.set.body);
  }
  if (change.set.note !== undefined) {
    sets.push("moderator_note = ?");
    args.push(change.set.note);
  }
  if (change.set.edited) {
    sets.push("edited_at = ?");
    args.push(change.now);
  }
  const statuses = change.from.map(() => "?").join(", ");
  if (change.kind === "question") {
    if (change.set.status === "published") {
      sets.push("published_at = coalesce(published_at, ?)");
      args.push(change.now);
    }
    sets.push("updated_at = ?");
    args.push(change.now);
    return {
      sql: `update questions set ${sets.join(", ")} where id = ? and status in (${statuses}) and ${inRegion("questions")} returning status, title, body, topic`,
      args: [...args, change.id, ...change.from, scope.region.id],
    };
  }
  if (sets.length === 0) sets.push("status = status");
  return {
    sql: `update answers set ${sets.join(", ")} where id = ? and status in (${statuses})
          and exists (select 1 from questions q where q.id = answers.question_id and ${inRegion("q")}) returning status, question_id`,
    args: [...args, change.id, ...change.from, scope.region.id],
  };
}

/** Keeps a question's answer count equal to its published answers (after hiding or restoring one). */
export function recountAnswersStatement(answerId: string, now: number): InStatement {
  return {
    sql: `update questions set answer_count = (select count(*) from answers a where a.question_id = questions.id and a.status = 'published'), updated_at = ?
          where id = (select question_id from answers where id = ?)`,
    args: [now, answerId],
  };
}

/** Closes the open reports of a post (the moderator acted on it). */
export function resolveReportsStatement(kind: ReportKind, id: string, now: number): InStatement {
  return { sql: "update community_reports set resolved_at = ? where kind = ? and target_id = ? and resolved_at is null", args: [now, kind, id] };
}

/** Blocks the author of a post of this region from posting (the account key is built inside SQL: nobody reads it). */
export function blockAuthorStatement(scope: RegionScope, kind: ReportKind, id: string, actorId: string, now: number): InStatement {
  const account =
    kind === "question"
      ? `select 'e:' || q.asker_id as account from questions q where q.id = ? and ${inRegion("q")}`
      : `select case when a.author_entrepreneur_id is not null then 'e:' || a.author_entrepreneur_id else 'u:' || a.author_user_id end as account
         from answers a join questions q on q.id = a.question_id where a.id = ? and ${inRegion("q")}`;
  return {
    sql: `insert into community_blocks (account, region_id, blocked_by, created_at) select t.account, ?, ?, ? from (${account}) t where true
          on conflict (account) do nothing`,
    args: [scope.region.id, actorId, now, id, scope.region.id],
  };
}

/** Whether the post exists for this region's moderators (an action that did not apply: 404 or 409). */
export function moderationTargetStatement(scope: RegionScope, kind: ReportKind, id: string): InStatement {
  return kind === "question"
    ? { sql: `select status from questions q where q.id = ? and ${inRegion("q")}`, args: [id, scope.region.id] }
    : {
        sql: `select a.status from answers a join questions q on q.id = a.question_id where a.id = ? and ${inRegion("q")}`,
        args: [id, scope.region.id],
      };
}
