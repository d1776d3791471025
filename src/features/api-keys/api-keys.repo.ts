/**
 * API keys of one region or one organisation: every read and write here filters on the owner
 * (a `RegionScope` or an `OrganisationScope`), so one owner never sees another's keys.
 */
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { apiKeys, apiKeySecrets, type ApiScope } from "../../db/schema";
import type { OrganisationScope, RegionScope } from "../../db/scope";

export type KeyOwnerScope = { kind: "region"; scope: RegionScope } | { kind: "organisation"; scope: OrganisationScope };

export type ApiKeyRow = typeof apiKeys.$inferSelect & { previousValidUntil: number | null };

function ownerCondition(owner: KeyOwnerScope) {
  return owner.kind === "region" ? eq(apiKeys.regionId, owner.scope.region.id) : eq(apiKeys.organisationId, owner.scope.organisation.id);
}

function selectKeys(owner: KeyOwnerScope, now: number) {
  return owner.scope.db.db
    .select({
      key: apiKeys,
      previousValidUntil: sql<number | null>`(select max(s.valid_until) from api_key_secrets s where s.key_id = ${apiKeys.id} and s.valid_until > ${now})`,
    })
    .from(apiKeys);
}

/** The owner's keys, newest first. */
export async function listKeys(owner: KeyOwnerScope, now: number): Promise<ApiKeyRow[]> {
  const rows = await selectKeys(owner, now).where(ownerCondition(owner)).orderBy(sql`${apiKeys.createdAt} desc`, asc(apiKeys.id));
  return rows.map((r) => ({ ...r.key, previousValidUntil: r.previousValidUntil === null ? null : Number(r.previousValidUntil) }));
}

/** One of the owner's keys, or null (also another owner's). */
export async function findKey(owner: KeyOwnerScope, id: string, now: number): Promise<ApiKeyRow | null> {
  const rows = await selectKeys(owner, now)
    .where(and(eq(apiKeys.id, id), ownerCondition(owner)))
    .limit(1);
  const r = rows[0];
  return r ? { ...r.key, previousValidUntil: r.previousValidUntil === null ? null : Number(r.previousValidUntil) } : null;
}

/** The statements that create a key with its first secret. */
export function insertKeyStatements(
  owner: KeyOwnerScope,
  row: { id: string; name: string; scopes: ApiScope[]; prefix: string; createdByUserId: string | null; createdAt: number; expiresAt: number | null },
  secretHash: string,
) {
  const db = owner.scope.db.db;
  return [
    db.insert(apiKeys).values({
      ...row,
      regionId: owner.kind === "region" ? owner.scope.region.id : null,
      organisationId: owner.kind === "organisation" ? owner.scope.organisation.id : null,
    }),
    db.insert(apiKeySecrets).values({ secretHash, keyId: row.id, createdAt: row.createdAt, validUntil: null }),
  ];
}

/** Revokes the key (when it is the owner's and not revoked yet); returns the row count through the batch result. */
export function revokeKeyStatement(owner: KeyOwnerScope, id: string, now: number) {
  return owner.scope.db.db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), ownerCondition(owner), isNull(apiKeys.revokedAt)));
}

/**
 * A rotation: the current secret (and any older one that would outlive it) now works until
 * `validUntil`; the new secret becomes current and the shown prefix changes with it.
 */
export function rotateKeyStatements(owner: KeyOwnerScope, id: string, newSecretHash: string, prefix: string, validUntil: number, now: number) {
  const db = owner.scope.db.db;
  return [
    db
      .update(apiKeySecrets)
      .set({ validUntil })
      .where(and(eq(apiKeySecrets.keyId, id), or(isNull(apiKeySecrets.validUntil), gt(apiKeySecrets.validUntil, validUntil)))),
    db.insert(apiKeySecrets).values({ secretHash: newSecretHash, keyId: id, createdAt: now, validUntil: null }),
    db
      .update(apiKeys)
      .set({ prefix })
      .where(and(eq(apiKeys.id, id), ownerCondition(owner))),
  ];
}
