/**
 * Questions and answers of the knowledge square (issue 18). A new poster's first question
 * waits for a moderator; later ones are published at once (decided in the insert itself).
 * Answers come from entrepreneurs, partners and staff, each labelled. Posting and reporting
 * are rate-limited per account; a blocked account posts nothing. No HTTP and no SQL here.
 */
import type { InStatement, InValue, Row } from "@libsql/client/web";
import type { Db } from "../../db/client";
import { type ReadPlan, resultSetRead } from "../../db/read";
import { writeBatch } from "../../db/write";
import type { Actor } from "../../lib/context";
import { decodeOffsetCursor, encodeOffsetCursor } from "../../lib/cursor";
import { DomainError, notFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { limitInBatch } from "../../lib/rate-limit";
import { sql } from "../../lib/sql-template";
import { formatOffsetIso } from "../../lib/time";
import type { Topic } from "../../lib/vocabulary";
import {
  ANONYMOUS_LABEL,
  type AnswerInput,
  type AnswerView,
  type AskInput,
  type QuestionDetail,
  type QuestionListInput,
  type QuestionSummary,
} from "./community.schemas";
import {
  acceptStatement,
  answerRefusalStatement,
  answersStatement,
  askRefusalStatement,
  insertAnswerStatements,
  insertQuestionStatement,
  listQuestionsStatement,
  questionStatement,
  indexQuestionStatement,
  reportStatement,
  questionPublishedCondition,
  regionExistsCondition,
  usefulStatements,
  type Viewer,
  visibleCondition,
  visibleTargetStatement,
} from "./questions.repo";

/**
 * A limit's count made conditional: a request refused as "not found" or "invalid" (the
 * condition fails) counts nothing and changes no row.
 */
function countIf(count: InStatement, condition: InStatement): InStatement {
  if (typeof count === "string" || typeof condition === "string") return count;
  const sqlText = count.sql.replace("values (?, ?, 1)", `select ?, ?, 1 where ${condition.sql}`);
  const [key, start] = count.args as InValue[];
  return { sql: sqlText, args: [key ?? null, start ?? null, ...((condition.args as InValue[]) ?? [])] };
}

/** Who writes in the square: an entrepreneur account, or a staff or partner user. */
export type Poster = { kind: "entrepreneur"; id: string } | { kind: "user"; actor: Actor };

/** The key of an account in marks, reports and blocks. */
export function accountKey(poster: Poster): string {
  return poster.kind === "entrepreneur" ? `e:${poster.id}` : `u:${poster.actor.id}`;
}

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));
const strOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));
const truthy = (v: unknown) => v === 1 || v === 1n || v === true || v === "1";

function jsonLinks(v: unknown): { slug: string; title: string }[] {
  if (typeof v !== "string") return [];
  try {
    const parsed = JSON.parse(v) as unknown;
    return Array.isArray(parsed) ? parsed.filter((x): x is { slug: string; title: string } => typeof x?.slug === "string" && typeof x?.title === "string") : [];
  } catch {
    return [];
  }
}

/** The public label of an asker: the company name, or the contract's wording for an anonymous one. */
function askerLabel(row: Row): string {
  return truthy(row.anonymous) ? ANONYMOUS_LABEL : str(row.asker_label) || "Ondernemer";
}

export function toSummary(row: Row): QuestionSummary {
  return {
    id: str(row.id),
    title: str(row.title),
    topic: str(row.topic) as Topic,
    region: strOrNull(row.region),
    askedAt: formatOffsetIso(Number(row.published_at ?? row.created_at)),
    answerCount: Number(row.answer_count ?? 0),
    accepted: truthy(row.accepted),
    asker: { label: askerLabel(row) },
  };
}

/** The label of an answer's author as shown (Dutch, the contract's language; pages translate the kind). */
export function authorLabel(kind: string, name: string): string {
  if (kind === "partner") return `Expert van ${name}`;
  if (kind === "staff") return `Loket ${name}`;
  return name;
}

function toAnswer(row: Row): AnswerView {
  const kind = str(row.author_kind) as AnswerView["author"]["kind"];
  return {
    id: str(row.id),
    body: str(row.body),
    author: { label: authorLabel(kind, str(row.author_name)), kind },
    usefulCount: Number(row.useful_count ?? 0),
    accepted: truthy(row.accepted),
    answeredAt: formatOffsetIso(Number(row.created_at)),
    offers: jsonLinks(row.offers),
    events: jsonLinks(row.events),
    moderatorNote: strOrNull(row.moderator_note),
    edited: row.edited_at !== null && row.edited_at !== undefined,
  };
}

/**
 * The public list (search with `q`, filters topic and region) in a read plan, so a page reads
 * it with its other data in one round trip.
 */
export function planQuestionList(plan: ReadPlan, input: QuestionListInput): () => { questions: QuestionSummary[]; nextCursor: string | null } {
  const limit = input.limit ?? 20;
  const offset = decodeOffsetCursor(input.cursor);
  const rows = plan.add(resultSetRead(listQuestionsStatement({ q: input.q, topic: input.topic, region: input.region }, limit, offset)));
  return () => {
    const all = rows.value.rows;
    return { questions: all.slice(0, limit).map(toSummary), nextCursor: all.length > limit ? encodeOffsetCursor(offset + limit) : null };
  };
}

export interface QuestionWithAnswers {
  question: QuestionDetail;
  answers: AnswerView[];
}

/** One question with its answers (published, or the viewer's own pending one), in a read plan. */
export function planQuestion(plan: ReadPlan, id: string, viewer: Viewer): () => QuestionWithAnswers {
  const question = plan.add(resultSetRead(questionStatement(id, viewer)));
  const answers = plan.add(resultSetRead(answersStatement(id)));
  return () => {
    const row = question.value.rows[0];
    if (!row) throw notFound("This question");
    return {
      question: {
        ...toSummary(row),
        body: str(row.body),
        status: str(row.status) as QuestionDetail["status"],
        moderatorNote: strOrNull(row.moderator_note),
        edited: row.edited_at !== null && row.edited_at !== undefined,
        mine: truthy(row.mine),
      },
      answers: answers.value.rows.map(toAnswer),
    };
  };
}

export interface WriteContext {
  now: number;
  /** The `RATE_LIMITS` override (JSON), as the configuration holds it. */
  rateLimits: string | undefined;
}

/**
 * A signed-in entrepreneur asks a question: pending when it is their first, else published
 * (and indexed for search) in the same batch. 403 when blocked, 429 past the limit.
 */
export async function askQuestion(db: Db, askerId: string, input: AskInput, ctx: WriteContext): Promise<{ id: string; status: "pending" | "published" }> {
  const id = newId();
  const limit = limitInBatch(ctx.rateLimits, "communityPostPerAccount", `e:${askerId}`, ctx.now);
  const region = input.region ?? null;
  const results = await writeBatch(db, [
    countIf(limit.count, regionExistsCondition(region)),
    insertQuestionStatement(
      { id, askerId, anonymous: input.anonymous, topic: input.topic, title: input.title, body: input.body, region, now: ctx.now },
      limit.within,
    ),
    indexQuestionStatement(id, input),
  ]);
  if (limit.exceeded(results[0])) throw limit.error();
  const status = results[1]?.rows[0]?.status;
  if (status === "pending" || status === "published") return { id, status };
  const why = (await db.client.execute(askRefusalStatement(askerId, region))).rows[0];
  if (why && truthy(why.blocked)) throw new DomainError("forbidden", "Your account may not post in the knowledge square.");
  throw new DomainError("validation_failed", "Some body fields are not valid.", [{ path: "region", message: "This region does not exist." }]);
}

/** The author's name as SQL, evaluated in the insert (company, organisation or region at the time of answering). */
function authorOf(poster: Poster): {
  kind: "entrepreneur" | "partner" | "staff";
  entrepreneurId: string | null;
  userId: string | null;
  name: ReturnType<typeof sql>;
} {
  if (poster.kind === "entrepreneur") {
    return {
      kind: "entrepreneur",
      entrepreneurId: poster.id,
      userId: null,
      name: sql`coalesce((select company_name from entrepreneur_profiles where entrepreneur_id = ${poster.id}), 'Ondernemer')`,
    };
  }
  const actor = poster.actor;
  if (actor.role === "partner") {
    return {
      kind: "partner",
      entrepreneurId: null,
      userId: actor.id,
      name: sql`coalesce((select name from organisations where id = ${actor.organisationId}), 'partner')`,
    };
  }
  return {
    kind: "staff",
    entrepreneurId: null,
    userId: actor.id,
    name: actor.regionId ? sql`coalesce((select name from regions where id = ${actor.regionId}), 'MKB Limburg')` : sql`'MKB Limburg'`,
  };
}

/**
 * Answers a published question. Linked offers and events must be published (checked in the
 * write). The asker hears of it in the hourly digest (`community.jobs.ts`).
 */
export async function answerQuestion(db: Db, poster: Poster, questionId: string, input: AnswerInput, ctx: WriteContext): Promise<{ id: string }> {
  const id = newId();
  const account = accountKey(poster);
  const limit = limitInBatch(ctx.rateLimits, "communityPostPerAccount", account, ctx.now);
  const author = authorOf(poster);
  const results = await writeBatch(db, [
    countIf(limit.count, questionPublishedCondition(questionId)),
    ...insertAnswerStatements(
      { id, questionId, ...author, body: input.body, offerSlugs: input.offerSlugs, eventSlugs: input.eventSlugs, now: ctx.now },
      account,
      limit.within,
    ),
  ]);
  if (limit.exceeded(results[0])) throw limit.error();
  if (results[1]?.rows[0]) return { id };
  const why = (await db.client.execute(answerRefusalStatement(questionId, account, input.offerSlugs, input.eventSlugs))).rows[0];
  if (!why || !truthy(why.question)) throw notFound("This question");
  if (truthy(why.blocked)) throw new DomainError("forbidden", "Your account may not post in the knowledge square.");
  const issues = [
    ...(truthy(why.offers) ? [] : [{ path: "offerSlugs", message: "Link published offers of the catalogue only." }]),
    ...(truthy(why.events) ? [] : [{ path: "eventSlugs", message: "Link published events only." }]),
  ];
  throw new DomainError("validation_failed", "Some body fields are not valid.", issues);
}

/** The asker marks the answer that helped (another choice replaces it). 404 for anyone else's question. */
export async function acceptAnswer(db: Db, askerId: string, questionId: string, answerId: string, now: number): Promise<void> {
  const [result] = await writeBatch(db, [acceptStatement(questionId, answerId, askerId, now)]);
  if (!result?.rows[0]) throw notFound("This question or answer");
}

/**
 * Marks an answer useful, once per person: a second mark by the same person changes nothing
 * and answers 200 with the same count (idempotent, documented).
 */
export async function markUseful(db: Db, poster: Poster, answerId: string, now: number): Promise<number> {
  const results = await writeBatch(db, usefulStatements(answerId, accountKey(poster), now));
  const row = results[1]?.rows[0];
  if (!row) throw notFound("This answer");
  return Number(row.useful_count);
}

/** Reports a visible question or answer to its region's moderators (once per person; again is a no-op). */
export async function reportPost(db: Db, poster: Poster, kind: "question" | "answer", id: string, reason: string, ctx: WriteContext): Promise<void> {
  const account = accountKey(poster);
  const limit = limitInBatch(ctx.rateLimits, "communityReportPerAccount", account, ctx.now);
  const results = await writeBatch(db, [
    countIf(limit.count, visibleCondition(kind, id)),
    reportStatement({ id: newId(), kind, targetId: id, reporter: account, reason, now: ctx.now }, limit.within),
  ]);
  if (limit.exceeded(results[0])) throw limit.error();
  if (results[1]?.rows[0]) return;
  const found = await db.client.execute(visibleTargetStatement(kind, id));
  if (found.rows.length === 0) throw notFound(kind === "question" ? "This question" : "This answer");
}
