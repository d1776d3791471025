/**
 * What the Cron Trigger does for the knowledge square: the asker's digest of new answers, at
 * most once an hour per question. The run that moves `digest_at` (guarded by its old value)
 * writes the mail; the mail's address is filled in by the database from the account, so it
 * never passes through here. `now` is the scheduled handler's clock (never the wall clock).
 */
import type { InStatement } from "@libsql/client/web";
import type { Db } from "../../db/client";
import { writeBatch } from "../../db/write";
import { newId } from "../../lib/ids";
import { renderAnswerDigest } from "./community-messages";
import { digestAnswersStatement, digestMailStatement, digestStampStatement } from "./digest.repo";
import { authorLabel } from "./questions.service";

/** The asker hears of new answers at most this often. */
export const DIGEST_INTERVAL_MS = 3_600_000;
const MAX_PER_RUN = 100;

/** Writes the digests that are due; returns how many were written. */
export async function queueAnswerDigests(db: Db, now: number, links: { origin: string }): Promise<number> {
  const due = await db.client.execute(digestAnswersStatement(now - DIGEST_INTERVAL_MS, MAX_PER_RUN));
  const byQuestion = new Map<string, { title: string; digestAt: number | null; answers: { author: string; body: string }[] }>();
  for (const row of due.rows) {
    const id = String(row.question_id);
    const entry = byQuestion.get(id) ?? { title: String(row.title), digestAt: row.digest_at === null ? null : Number(row.digest_at), answers: [] };
    entry.answers.push({ author: authorLabel(String(row.author_kind), String(row.author_name)), body: String(row.body) });
    byQuestion.set(id, entry);
  }
  if (byQuestion.size === 0) return 0;
  const statements: InStatement[] = [];
  for (const [id, entry] of byQuestion) {
    const mail = renderAnswerDigest({ title: entry.title, answers: entry.answers, url: `${links.origin}/kennisplein/vragen/${id}` });
    statements.push(digestStampStatement(id, entry.digestAt, now), digestMailStatement({ id: newId(), questionId: id, now, ...mail }));
  }
  const results = await writeBatch(db, statements);
  return results.filter((_, i) => i % 2 === 1).reduce((n, r) => n + r.rowsAffected, 0);
}

/** The community part of the scheduled jobs. */
export async function runCommunityJobs(db: Db, now: number, links: { origin: string }): Promise<{ digests: number }> {
  return { digests: await queueAnswerDigests(db, now, links) };
}
