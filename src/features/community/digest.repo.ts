/** The SQL of the answer digest (issue 18): which answers are new to an asker, and the mail whose address the database fills in. */
import type { InStatement } from "@libsql/client/web";

/** A question is due when its last digest is older than `dueBefore` (or none) and answers by others arrived since. */
const DUE = `q.status = 'published' and (q.digest_at is null or q.digest_at <= ?)
  and a.status = 'published' and a.created_at > coalesce(q.digest_at, 0) and coalesce(a.author_entrepreneur_id, '') <> q.asker_id`;

/** The new answers of every due question (the asker's own answers never count), oldest first. */
export function digestAnswersStatement(dueBefore: number, limit: number): InStatement {
  return {
    sql: `select q.id as question_id, q.title, q.digest_at, a.author_kind, a.author_name, a.body
          from questions q join answers a on a.question_id = q.id
          where q.id in (select q.id from questions q join answers a on a.question_id = q.id where ${DUE} group by q.id limit ?)
            and ${DUE}
          order by q.id, a.created_at`,
    args: [dueBefore, limit, dueBefore],
  };
}

/** Moves the question's digest time, only from the value this run read (a concurrent run then writes nothing). */
export function digestStampStatement(questionId: string, previous: number | null, now: number): InStatement {
  return {
    sql: `update questions set digest_at = ? where id = ? and ${previous === null ? "digest_at is null and ? is null" : "digest_at = ?"}`,
    args: [now, questionId, previous],
  };
}

/** The digest mail to the asker's account address, written only when this run moved the digest time. */
export function digestMailStatement(m: { id: string; questionId: string; now: number; subject: string; text: string; html: string }): InStatement {
  return {
    sql: `insert or ignore into outbox (id, region_id, kind, dedupe_key, recipient, subject, text_body, html_body, status, attempts, next_attempt_at, created_at)
          select ?, q.region_id, 'community_digest', ?, e.email, ?, ?, ?, 'pending', 0, ?, ?
          from questions q join entrepreneurs e on e.id = q.asker_id where q.id = ? and q.digest_at = ?`,
    args: [m.id, `digest:${m.questionId}:${m.now}`, m.subject, m.text, m.html, m.now, m.now, m.questionId, m.now],
  };
}
