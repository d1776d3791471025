/**
 * What the knowledge square holds about an entrepreneur, for their data export, and what their
 * account deletion does to it (AVG): questions and answers stay for the others (the question
 * is public knowledge) but lose every link to the person: the asker becomes anonymous, an
 * answer's author "Voormalig lid"; contact requests, topics and blocks are removed.
 */
import type { InStatement, ResultSet, Row } from "@libsql/client/web";
import * as v from "valibot";
import { formatOffsetIso } from "../../lib/time";

export const CommunityExportDto = v.object({
  questions: v.array(
    v.object({ id: v.string(), title: v.string(), body: v.string(), topic: v.string(), anonymous: v.boolean(), status: v.string(), askedAt: v.string() }),
  ),
  answers: v.array(v.object({ id: v.string(), questionId: v.string(), body: v.string(), status: v.string(), answeredAt: v.string() })),
  contactRequests: v.array(
    v.object({
      id: v.string(),
      direction: v.picklist(["sent", "received"]),
      message: v.string(),
      reply: v.nullable(v.string()),
      status: v.string(),
      at: v.string(),
    }),
  ),
  peerTopics: v.array(v.string()),
});
export type CommunityExport = v.InferOutput<typeof CommunityExportDto>;

/** The statements of the export's one read batch. */
export function communityExportStatements(meId: string): Record<"cQuestions" | "cAnswers" | "cContacts" | "cTopics", InStatement> {
  return {
    cQuestions: { sql: "select id, title, body, topic, anonymous, status, created_at from questions where asker_id = ? order by created_at", args: [meId] },
    cAnswers: { sql: "select id, question_id, body, status, created_at from answers where author_entrepreneur_id = ? order by created_at", args: [meId] },
    cContacts: {
      sql: "select id, case when from_id = ? then 'sent' else 'received' end as direction, message, reply, status, created_at from peer_contacts where from_id = ? or to_id = ? order by created_at",
      args: [meId, meId, meId],
    },
    cTopics: { sql: "select topic from peer_topics where entrepreneur_id = ? order by topic", args: [meId] },
  };
}

const s = (x: unknown) => (x === null || x === undefined ? "" : String(x));
const rows = (r: ResultSet | undefined): Row[] => (r ? [...r.rows] : []);

export function toCommunityExport(parts: Record<"cQuestions" | "cAnswers" | "cContacts" | "cTopics", ResultSet | undefined>): CommunityExport {
  return {
    questions: rows(parts.cQuestions).map((q) => ({
      id: s(q.id),
      title: s(q.title),
      body: s(q.body),
      topic: s(q.topic),
      anonymous: Number(q.anonymous) === 1,
      status: s(q.status),
      askedAt: formatOffsetIso(Number(q.created_at)),
    })),
    answers: rows(parts.cAnswers).map((a) => ({
      id: s(a.id),
      questionId: s(a.question_id),
      body: s(a.body),
      status: s(a.status),
      answeredAt: formatOffsetIso(Number(a.created_at)),
    })),
    contactRequests: rows(parts.cContacts).map((c) => ({
      id: s(c.id),
      direction: s(c.direction) === "sent" ? ("sent" as const) : ("received" as const),
      message: s(c.message),
      reply: c.reply === null ? null : s(c.reply),
      status: s(c.status),
      at: formatOffsetIso(Number(c.created_at)),
    })),
    peerTopics: rows(parts.cTopics).map((t) => s(t.topic)),
  };
}

/** Account deletion: questions become anonymous, answers lose their author, contacts, topics and blocks go. */
export function communityErasureStatements(meId: string): InStatement[] {
  return [
    { sql: "update questions set anonymous = 1, asker_label = null where asker_id = ?", args: [meId] },
    { sql: "update answers set author_name = 'Voormalig lid', author_entrepreneur_id = null where author_entrepreneur_id = ?", args: [meId] },
    { sql: "delete from peer_contacts where from_id = ? or to_id = ?", args: [meId, meId] },
    { sql: "delete from peer_topics where entrepreneur_id = ?", args: [meId] },
    { sql: "delete from peer_blocks where blocker_id = ? or blocked_id = ?", args: [meId, meId] },
    { sql: "delete from answer_marks where marker = ?", args: [`e:${meId}`] },
  ];
}
