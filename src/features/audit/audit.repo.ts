import type { InStatement, InValue } from "@libsql/client/web";
import { and, desc, eq, like, lt, or } from "drizzle-orm";
import { auditLog, frontdesks, users } from "../../db/schema";
import type { Db } from "../../db/client";
import type { RegionScope } from "../../db/scope";
import type { Actor } from "../../lib/context";
import { newId } from "../../lib/ids";

/**
 * An audit entry as a statement, so it joins the batch of the change it records. `regionId`
 * is null for platform-level events (creating a region or a platform account, a failed
 * sign-in for an unknown address). The one place an audit row is built.
 * Never put passwords, tokens or e-mail addresses of entrepreneurs in `detail`.
 */
export function auditStatement(
  db: Db,
  regionId: string | null,
  actor: Pick<Actor, "id"> | null,
  action: string,
  target: { type: string; id: string } | null,
  detail: Record<string, unknown>,
  now: number,
) {
  return db.db.insert(auditLog).values({
    id: newId(),
    regionId,
    actorUserId: actor?.id ?? null,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    detail,
    createdAt: now,
  });
}

/**
 * A region's audit entry (see {@link auditStatement}).
 * @example statements.push(auditEntry(scope, actor, "frontdesk.created", { type: "frontdesk", id }));
 */
export function auditEntry(
  scope: RegionScope,
  actor: Actor | null,
  action: string,
  target: { type: string; id: string } | null,
  detail: Record<string, unknown>,
  now: number,
) {
  return auditStatement(scope.db, scope.region.id, actor, action, target, detail, now);
}

/**
 * An audit entry written only when `condition` (SQL over the state after the earlier
 * statements of the same batch) holds, so a change that did not happen is never recorded.
 * @example auditEntryIf(scope, actor, "frontdesk.archived", target, {}, now, { sql: "exists (…)", args: [id] })
 */
export function auditEntryIf(
  scope: RegionScope,
  actor: Actor | null,
  action: string,
  target: { type: string; id: string } | null,
  detail: Record<string, unknown>,
  now: number,
  condition: { sql: string; args: InValue[] },
): InStatement {
  return auditStatementIf(scope.region.id, actor, action, target, detail, now, condition);
}

/** {@link auditEntryIf} for any region id (an organisation's home region, say). */
export function auditStatementIf(
  regionId: string | null,
  actor: Pick<Actor, "id"> | null,
  action: string,
  target: { type: string; id: string } | null,
  detail: Record<string, unknown>,
  now: number,
  condition: { sql: string; args: InValue[] },
): InStatement {
  return {
    sql: `insert into audit_log (id, region_id, actor_user_id, action, target_type, target_id, detail, created_at)
          select ?, ?, ?, ?, ?, ?, ?, ? where ${condition.sql}`,
    args: [newId(), regionId, actor?.id ?? null, action, target?.type ?? null, target?.id ?? null, JSON.stringify(detail), now, ...condition.args],
  };
}

export async function listAuditEntries(scope: RegionScope, limit = 200) {
  return scope.db.db
    .select({
      id: auditLog.id,
      actorUserId: auditLog.actorUserId,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      detail: auditLog.detail,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .where(and(eq(auditLog.regionId, scope.region.id)))
    .orderBy(desc(auditLog.createdAt))
    .limit(limit);
}

/**
 * One page of the region's audit log, newest first, with the names of the actor and of a
 * desk or account it is about (left joins: a deleted or platform-wide actor keeps its id).
 * `kind` is the action's first part ("frontdesk", "account", …); `before` a keyset cursor.
 */
export function auditPageQuery(scope: RegionScope, opts: { kind: string | null; before: { createdAt: number; id: string } | null; limit: number }) {
  return scope.db.db
    .select({
      id: auditLog.id,
      actorUserId: auditLog.actorUserId,
      actorName: users.name,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      targetDeskName: frontdesks.name,
      detail: auditLog.detail,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(frontdesks, and(eq(auditLog.targetType, "frontdesk"), eq(frontdesks.id, auditLog.targetId), eq(frontdesks.regionId, scope.region.id)))
    .where(
      and(
        eq(auditLog.regionId, scope.region.id),
        opts.kind ? like(auditLog.action, `${opts.kind}.%`) : undefined,
        opts.before
          ? or(lt(auditLog.createdAt, opts.before.createdAt), and(eq(auditLog.createdAt, opts.before.createdAt), lt(auditLog.id, opts.before.id)))
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(opts.limit);
}
