import { and, desc, eq, lte, sql } from "drizzle-orm";
import type { InStatement, InValue } from "@libsql/client/web";
import type { Db } from "../../db/client";
import { webhookDeliveries, webhooks } from "../../db/schema";
import type { OrganisationScope, RegionScope } from "../../db/scope";
import type { WriteStatement } from "../../db/write";

/** Webhooks belong to a region (its admins) or to an organisation (its partners): every query filters on the owner. */
export type WebhookScope = RegionScope | OrganisationScope;
export type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

function ownedBy(scope: WebhookScope) {
  return "region" in scope ? eq(webhooks.regionId, scope.region.id) : eq(webhooks.organisationId, scope.organisation.id);
}

/** The owner's webhooks, newest first. */
export function listWebhooks(scope: WebhookScope) {
  return scope.db.db.select().from(webhooks).where(ownedBy(scope)).orderBy(desc(webhooks.createdAt));
}

/** One of the owner's webhooks (a query, for a read plan). */
export function webhookQuery(scope: WebhookScope, id: string) {
  return scope.db.db
    .select()
    .from(webhooks)
    .where(and(ownedBy(scope), eq(webhooks.id, id)));
}

export function insertWebhook(scope: WebhookScope, row: Omit<typeof webhooks.$inferInsert, "regionId" | "organisationId">) {
  const owner = "region" in scope ? { regionId: scope.region.id, organisationId: null } : { regionId: null, organisationId: scope.organisation.id };
  return scope.db.db.insert(webhooks).values({ ...row, ...owner });
}

/** Makes the owner's webhook active again with a fresh failure count. */
export function enableWebhookStatement(scope: WebhookScope, id: string) {
  return scope.db.db
    .update(webhooks)
    .set({ status: "active", consecutiveFailures: 0, disabledAt: null })
    .where(and(ownedBy(scope), eq(webhooks.id, id)));
}

/** Deletes a webhook of the owner with its delivery log; the first statement's rowsAffected says whether it existed. */
export function deleteWebhookStatements(scope: WebhookScope, id: string): WriteStatement[] {
  return [
    scope.db.db.delete(webhooks).where(and(ownedBy(scope), eq(webhooks.id, id))),
    scope.db.db.delete(webhookDeliveries).where(and(eq(webhookDeliveries.webhookId, id), sql`not exists (select 1 from webhooks where id = ${id})`)),
  ];
}

/** The delivery log of one of the owner's webhooks, newest first. */
export function deliveriesQuery(scope: WebhookScope, webhookId: string, limit: number) {
  return scope.db.db
    .select({ d: webhookDeliveries })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(and(ownedBy(scope), eq(webhooks.id, webhookId)))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
}

export async function findDelivery(scope: WebhookScope, webhookId: string, deliveryId: string): Promise<{ delivery: DeliveryRow; webhook: WebhookRow } | null> {
  const [row] = await scope.db.db
    .select({ delivery: webhookDeliveries, webhook: webhooks })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(and(ownedBy(scope), eq(webhooks.id, webhookId), eq(webhookDeliveries.id, deliveryId)));
  return row ?? null;
}

export function insertDelivery(db: Db, row: typeof webhookDeliveries.$inferInsert) {
  return db.db.insert(webhookDeliveries).values(row);
}

/**
 * The outbox step of an event: one delivery row for every active webhook of the targets that
 * subscribed to the event, decided inside the database (`INSERT … SELECT`), so it joins the
 * write batch of the change and costs no round trip. `guard` (SQL with its args) makes it
 * conditional on the change having happened in the same batch.
 */
export function enqueueStatement(
  event: { messageId: string; type: string; payload: string; now: number },
  targets: { regionIds: string[]; organisationIds: string[] },
  guard?: { sql: string; args: InValue[] },
): InStatement | null {
  const owners: string[] = [];
  const args: InValue[] = [event.messageId, event.type, event.payload, event.now, event.now, event.type];
  if (targets.regionIds.length > 0) {
    owners.push(`w.region_id in (${targets.regionIds.map(() => "?").join(", ")})`);
    args.push(...targets.regionIds);
  }
  if (targets.organisationIds.length > 0) {
    owners.push(`w.organisation_id in (${targets.organisationIds.map(() => "?").join(", ")})`);
    args.push(...targets.organisationIds);
  }
  if (owners.length === 0) return null;
  if (guard) args.push(...guard.args);
  return {
    sql: `insert into webhook_deliveries (id, webhook_id, message_id, event_type, payload, status, attempts, next_attempt_at, created_at)
          select 'whd_' || lower(hex(randomblob(12))), w.id, ?, ?, ?, 'pending', 0, ?, ?
          from webhooks w
          where w.status = 'active' and exists (select 1 from json_each(w.events) e where e.value = ?)
            and (${owners.join(" or ")})${guard ? ` and ${guard.sql}` : ""}`,
    args,
  };
}

// --- Delivery (platform-level, like the mail outbox) ---

export interface DueDelivery {
  delivery: DeliveryRow;
  webhook: WebhookRow;
}

/** Due deliveries of active webhooks, oldest first. */
export async function listDueDeliveries(db: Db, now: number, limit: number, webhookIds?: string[]): Promise<DueDelivery[]> {
  const conditions = [eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now), eq(webhooks.status, "active")];
  if (webhookIds) conditions.push(sql`${webhooks.id} in ${webhookIds}`);
  return db.db
    .select({ delivery: webhookDeliveries, webhook: webhooks })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(and(...conditions))
    .orderBy(webhookDeliveries.nextAttemptAt, webhookDeliveries.createdAt)
    .limit(limit);
}

/** Claims a delivery for one attempt by moving its next attempt to `retryAt`; false when another runner was first. */
export async function claimDelivery(db: Db, row: DeliveryRow, now: number, retryAt: number): Promise<boolean> {
  const result = await db.db
    .update(webhookDeliveries)
    .set({ attempts: row.attempts + 1, nextAttemptAt: retryAt })
    .where(
      and(
        eq(webhookDeliveries.id, row.id),
        eq(webhookDeliveries.status, "pending"),
        eq(webhookDeliveries.attempts, row.attempts),
        lte(webhookDeliveries.nextAttemptAt, now),
      ),
    );
  return result.rowsAffected === 1;
}

export function markDeliveredStatements(db: Db, delivery: DeliveryRow, statusCode: number, now: number): WriteStatement[] {
  return [
    db.db
      .update(webhookDeliveries)
      .set({ status: "delivered", deliveredAt: now, lastStatusCode: statusCode, lastError: null })
      .where(eq(webhookDeliveries.id, delivery.id)),
    db.db.update(webhooks).set({ consecutiveFailures: 0 }).where(eq(webhooks.id, delivery.webhookId)),
  ];
}

/**
 * A failed attempt: the delivery keeps waiting for its next attempt, or (final) is failed; a final
 * failure counts against the webhook, which is disabled once `disableAfter` deliveries in a row failed.
 */
export function markAttemptFailedStatements(
  db: Db,
  delivery: DeliveryRow,
  outcome: { statusCode: number | null; error: string; final: boolean; disableAfter: number; now: number },
): WriteStatement[] {
  const statements: WriteStatement[] = [
    db.db
      .update(webhookDeliveries)
      .set({ lastStatusCode: outcome.statusCode, lastError: outcome.error.slice(0, 500), ...(outcome.final ? { status: "failed" as const } : {}) })
      .where(eq(webhookDeliveries.id, delivery.id)),
  ];
  if (outcome.final) {
    const failures = sql`${webhooks.consecutiveFailures} + 1`;
    statements.push(
      db.db
        .update(webhooks)
        .set({
          consecutiveFailures: failures,
          status: sql`case when ${failures} >= ${outcome.disableAfter} then 'disabled' else ${webhooks.status} end`,
          disabledAt: sql`case when ${failures} >= ${outcome.disableAfter} and ${webhooks.status} = 'active' then ${outcome.now} else ${webhooks.disabledAt} end`,
        })
        .where(eq(webhooks.id, delivery.webhookId)),
    );
  }
  return statements;
}

/** The mail to the owner, written only when the webhook was disabled in this same batch (at `now`). */
export function disabledMailStatement(
  webhook: WebhookRow,
  mail: { id: string; regionId: string | null; subject: string; text: string; html: string; now: number },
): InStatement {
  const columns = [
    "id",
    "region_id",
    "kind",
    "dedupe_key",
    "recipient",
    "subject",
    "text_body",
    "html_body",
    "status",
    "attempts",
    "next_attempt_at",
    "created_at",
  ];
  return {
    sql: `insert or ignore into outbox (${columns.join(", ")})
          select ?, ?, 'webhook_disabled', ?, ?, ?, ?, ?, 'pending', 0, ?, ?
          where exists (select 1 from webhooks where id = ? and status = 'disabled' and disabled_at = ?)`,
    args: [
      mail.id,
      mail.regionId,
      `${webhook.id}:${mail.now}`,
      webhook.ownerEmail,
      mail.subject,
      mail.text,
      mail.html,
      mail.now,
      mail.now,
      webhook.id,
      mail.now,
    ],
  };
}
