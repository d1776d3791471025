import { and, asc, desc, eq, lte, sql } from "drizzle-orm";
import type { InStatement } from "@libsql/client/web";
import type { Db } from "../../db/client";
import { outbox } from "../../db/schema";
import type { RegionScope } from "../../db/scope";

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxInsert = Omit<typeof outbox.$inferInsert, "regionId">;

/**
 * Writes a notification only when its appointment is in the state the message announces
 * (same sequence and status), so it lands in the same batch as that change or not at all.
 */
export function insertOutboxIfAppointment(scope: RegionScope, row: OutboxInsert, appointment: { id: string; sequence: number; status: string }): InStatement {
  const columns = [
    "id",
    "region_id",
    "appointment_id",
    "kind",
    "dedupe_key",
    "recipient",
    "subject",
    "text_body",
    "html_body",
    "ics_body",
    "status",
    "attempts",
    "next_attempt_at",
    "created_at",
  ];
  return {
    sql: `insert or ignore into outbox (${columns.join(", ")})
          select ${columns.map(() => "?").join(", ")}
          where exists (select 1 from appointments where region_id = ? and id = ? and sequence = ? and status = ?)`,
    args: [
      row.id,
      scope.region.id,
      row.appointmentId ?? null,
      row.kind,
      row.dedupeKey,
      row.recipient,
      row.subject,
      row.textBody,
      row.htmlBody,
      row.icsBody ?? null,
      "pending",
      0,
      row.nextAttemptAt,
      row.createdAt,
      scope.region.id,
      appointment.id,
      appointment.sequence,
      appointment.status,
    ],
  };
}

/**
 * Withdraws pending reminders (after a reschedule or a cancellation). With `ifSequence`
 * it acts only when the appointment reached that sequence, i.e. when the change in the
 * same batch really happened.
 */
export function withdrawPendingReminders(scope: RegionScope, appointmentId: string, ifSequence?: number) {
  const conditions = [eq(outbox.regionId, scope.region.id), eq(outbox.appointmentId, appointmentId), eq(outbox.kind, "reminder"), eq(outbox.status, "pending")];
  if (ifSequence !== undefined) {
    conditions.push(sql`exists (select 1 from appointments where region_id = ${scope.region.id} and id = ${appointmentId} and sequence = ${ifSequence})`);
  }
  return scope.db.db
    .update(outbox)
    .set({ status: "cancelled", textBody: "", htmlBody: "", icsBody: null })
    .where(and(...conditions));
}

/** Due messages of every region: the delivery job is platform-level. */
export async function listDueMessages(db: Db, now: number, limit: number): Promise<OutboxRow[]> {
  return db.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit);
}

/**
 * Claims a message for one delivery attempt by pushing its next attempt into the future;
 * a concurrent runner then no longer sees it as due. Returns whether this runner won.
 */
export async function claimMessage(db: Db, row: OutboxRow, now: number, retryAt: number): Promise<boolean> {
  const result = await db.db
    .update(outbox)
    .set({ attempts: row.attempts + 1, nextAttemptAt: retryAt })
    .where(and(eq(outbox.id, row.id), eq(outbox.status, "pending"), eq(outbox.attempts, row.attempts), lte(outbox.nextAttemptAt, now)));
  return result.rowsAffected === 1;
}

export async function markSent(db: Db, id: string, now: number, clearBodies: boolean): Promise<void> {
  await db.db
    .update(outbox)
    .set({ status: "sent", sentAt: now, lastError: null, ...(clearBodies ? { textBody: "", htmlBody: "", icsBody: null } : {}) })
    .where(eq(outbox.id, id));
}

export async function markAttemptFailed(db: Db, id: string, error: string, final: boolean): Promise<void> {
  await db.db
    .update(outbox)
    .set({ lastError: error.slice(0, 500), ...(final ? { status: "failed" as const } : {}) })
    .where(eq(outbox.id, id));
}

/** The region's messages by status (admin view of failed notifications). */
export async function listRegionMessages(scope: RegionScope, status: "pending" | "sent" | "failed", limit = 100) {
  return scope.db.db
    .select({
      id: outbox.id,
      appointmentId: outbox.appointmentId,
      kind: outbox.kind,
      recipient: outbox.recipient,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      nextAttemptAt: outbox.nextAttemptAt,
    })
    .from(outbox)
    .where(and(eq(outbox.regionId, scope.region.id), eq(outbox.status, status)))
    .orderBy(desc(outbox.createdAt))
    .limit(limit);
}

/** Puts a failed message back in the queue (admin "retry"). */
export async function requeueMessage(scope: RegionScope, id: string, now: number): Promise<boolean> {
  const result = await scope.db.db
    .update(outbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: now })
    .where(and(eq(outbox.regionId, scope.region.id), eq(outbox.id, id), eq(outbox.status, "failed")));
  return result.rowsAffected === 1;
}

/** Local development: the newest messages of all regions, to read what entrepreneurs receive. */
export async function listRecentMessages(db: Db, limit: number): Promise<OutboxRow[]> {
  return db.db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(limit);
}
