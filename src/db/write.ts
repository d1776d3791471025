import type { InArgs, InStatement, ResultSet } from "@libsql/client/web";
import type { Db } from "./client";

/** A drizzle query (anything with toSQL) or a raw libSQL statement. */
export type WriteStatement = { toSQL(): { sql: string; params: unknown[] } } | InStatement;

function toStatement(q: WriteStatement): InStatement {
  if (typeof q === "object" && q !== null && "toSQL" in q) {
    const { sql, params } = q.toSQL();
    return { sql, args: params as InArgs };
  }
  return q;
}

/**
 * Runs statements atomically in one round trip as a `write` batch (BEGIN IMMEDIATE).
 * drizzle's own `db.batch()` uses libSQL's `deferred` mode, where a concurrent writer
 * fails at once with SQLITE_BUSY instead of queueing; `write` mode queues.
 * @example await writeBatch(db, [db.insert(appointments).values(row), db.insert(outbox).values(mail)]);
 */
export async function writeBatch(db: Db, statements: WriteStatement[]): Promise<ResultSet[]> {
  return db.client.batch(statements.map(toStatement), "write");
}
