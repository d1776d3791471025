/**
 * Moderation of the knowledge square (issue 18): a region's queue (pending first questions,
 * reported and hidden posts, and questions unanswered after 3 working days), and the actions
 * publish, hide, restore, edit (with a visible note) and block the author. Every action is
 * audited in the batch of the change. Moderators never see who asked anonymously: blocking
 * acts on the post, so nobody needs to know.
 */
import type { InStatement, Row } from "@libsql/client/web";
import type { ReportKind } from "../../db/schema";
import { type ReadPlan, resultSetRead } from "../../db/read";
import type { RegionScope } from "../../db/scope";
import { writeBatch } from "../../db/write";
import type { Actor } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { formatOffsetIso } from "../../lib/time";
import { auditEntryIf } from "../audit/audit.repo";
import { dueAt } from "../referrals/referral-rules";
import { ANONYMOUS_LABEL, type ModerationInput, type ModerationItem, type QuestionSummary } from "./community.schemas";
import {
  blockAuthorStatement,
  moderationTargetStatement,
  moderationUpdateStatement,
  queueAnswersStatement,
  queueQuestionsStatement,
  recountAnswersStatement,
  resolveReportsStatement,
  unansweredStatement,
} from "./moderation.repo";
import { indexText } from "../catalogue/dutch-search";
import { authorLabel, toSummary } from "./questions.service";

/** Questions without an answer this many working days after publication are shown to the region's desks. */
export const UNANSWERED_WORKING_DAYS = 3;

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));

function reportsOf(v: unknown): { reason: string; reportedAt: string }[] {
  try {
    const parsed = JSON.parse(str(v) || "[]") as { reason?: unknown; at?: unknown }[];
    return parsed.map((r) => ({ reason: str(r.reason), reportedAt: formatOffsetIso(Number(r.at)) }));
  } catch {
    return [];
  }
}

function toItem(kind: ReportKind, row: Row): ModerationItem {
  const label =
    kind === "question"
      ? row.anonymous === 1 || row.anonymous === 1n
        ? ANONYMOUS_LABEL
        : str(row.asker_label) || "Ondernemer"
      : authorLabel(str(row.author_kind), str(row.author_name));
  return {
    kind,
    id: str(row.id),
    questionId: str(row.question_id),
    title: str(row.title),
    body: str(row.body),
    status: str(row.status),
    region: row.region === null ? null : str(row.region),
    author: { label },
    reports: reportsOf(row.reports),
    createdAt: formatOffsetIso(Number(row.created_at)),
  };
}

/**
 * Questions of the region (and of all of Limburg) published at least 3 working days ago
 * (the region's holiday calendar) without any answer.
 */
export function planUnanswered(plan: ReadPlan, scope: RegionScope, now: number): () => QuestionSummary[] {
  // Three working days are at least three calendar days: read only those, then apply the calendar.
  const rows = plan.add(resultSetRead(unansweredStatement(scope, now - 3 * 86_400_000)));
  return () => rows.value.rows.filter((row) => dueAt(Number(row.published_at), UNANSWERED_WORKING_DAYS, scope.region) <= now).map((row) => toSummary(row));
}

export interface ModerationQueue {
  items: ModerationItem[];
  unanswered: QuestionSummary[];
}

/** The region's moderation queue in a read plan (one round trip with the page's other reads). */
export function planModerationQueue(plan: ReadPlan, scope: RegionScope, now: number): () => ModerationQueue {
  const questions = plan.add(resultSetRead(queueQuestionsStatement(scope)));
  const answers = plan.add(resultSetRead(queueAnswersStatement(scope)));
  const unanswered = planUnanswered(plan, scope, now);
  return () => ({
    items: [...questions.value.rows.map((r) => toItem("question", r)), ...answers.value.rows.map((r) => toItem("answer", r))],
    unanswered: unanswered(),
  });
}

/** The statuses an action applies to, and the status it leaves. */
const TRANSITIONS: Record<"publish" | "hide" | "restore", { from: readonly string[]; to: "published" | "hidden" }> = {
  publish: { from: ["pending"], to: "published" },
  hide: { from: ["pending", "published"], to: "hidden" },
  restore: { from: ["hidden"], to: "published" },
};

/**
 * Applies a moderation action to a question or answer of the region. 404 when it is not the
 * region's (or unknown); 409 when the action does not apply to its state (publishing a
 * published question). Audited in the same batch.
 */
export async function moderate(
  scope: RegionScope,
  actor: Actor,
  kind: ReportKind,
  id: string,
  input: ModerationInput,
  now: number,
): Promise<{ kind: ReportKind; id: string; status: string }> {
  const statements: InStatement[] = [];
  let changeIndex = -1;
  if (input.action === "block") {
    statements.push(blockAuthorStatement(scope, kind, id, actor.id, now));
  } else {
    const action = input.action === "publish" && kind === "answer" ? "restore" : input.action;
    const set =
      action === "edit" ? { title: input.title, body: input.body, note: input.note, edited: true } : { status: TRANSITIONS[action].to, note: input.note };
    const from = action === "edit" ? ["pending", "published", "hidden"] : TRANSITIONS[action].from;
    changeIndex = statements.length;
    statements.push(moderationUpdateStatement(scope, { kind, id, set, from, now }));
    // Every question has an index row from the start (lists show published ones only): an edit rewrites it.
    if (kind === "question" && action === "edit") statements.push(...reindexEditStatements(id, input, now));
    if (kind === "answer") statements.push(recountAnswersStatement(id, now));
    if (action !== "edit" || input.note) statements.push(resolveReportsStatement(kind, id, now));
  }
  const happened =
    input.action === "block"
      ? { sql: "exists (select 1 from community_blocks where blocked_by = ? and created_at = ?)", args: [actor.id, now] }
      : kind === "question"
        ? { sql: "exists (select 1 from questions where id = ? and updated_at = ?)", args: [id, now] }
        : input.action === "edit"
          ? { sql: "exists (select 1 from answers where id = ? and edited_at = ?)", args: [id, now] }
          : { sql: "exists (select 1 from answers where id = ? and status = ?)", args: [id, input.action === "hide" ? "hidden" : "published"] };
  statements.push(
    auditEntryIf(scope, actor, `community.${kind}.${input.action}`, { type: kind, id }, input.note ? { note: input.note } : {}, now, {
      sql: happened.sql,
      args: happened.args,
    }),
  );
  const results = await writeBatch(scope.db, statements);
  if (changeIndex >= 0) {
    const row = results[changeIndex]?.rows[0];
    if (row) return { kind, id, status: str(row.status) };
  }
  const target = (await scope.db.client.execute(moderationTargetStatement(scope, kind, id))).rows[0];
  if (!target) throw notFound(kind === "question" ? "This question" : "This answer");
  if (input.action === "block") return { kind, id, status: str(target.status) };
  throw new DomainError("conflict", `This ${kind} is ${str(target.status)}: "${input.action}" does not apply.`);
}

/** The edited columns of the question's index row, rewritten only when the edit happened. */
function reindexEditStatements(id: string, input: ModerationInput, now: number): InStatement[] {
  const row = "(select seq from questions where id = ? and updated_at = ?)";
  return [
    ...(input.title !== undefined ? [{ sql: `update questions_fts set title = ? where rowid = ${row}`, args: [indexText(input.title), id, now] }] : []),
    ...(input.body !== undefined ? [{ sql: `update questions_fts set body = ? where rowid = ${row}`, args: [indexText(input.body), id, now] }] : []),
  ];
}
