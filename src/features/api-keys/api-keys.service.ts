/**
 * API keys (issue 20): created by the admins of a region or the people who act for an
 * organisation (the same policy as its other routes), shown once, stored as SHA-256, revoked,
 * rotated with an overlap. Every change is audited in the same write batch (in the
 * organisation's home region for its keys); the secret never reaches the audit log or a log line.
 */
import type { ApiScope } from "../../db/schema";
import { writeBatch } from "../../db/write";
import type { Actor } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { newId, newToken, sha256Hex } from "../../lib/ids";
import { formatOffsetIso, HOUR_MS } from "../../lib/time";
import { auditStatement } from "../audit/audit.repo";
import { KEY_SCOPES } from "../auth/policy";
import { type ApiKeyRow, findKey, insertKeyStatements, type KeyOwnerScope, listKeys, revokeKeyStatement, rotateKeyStatements } from "./api-keys.repo";
import { type ApiKeyView, DEFAULT_OVERLAP_HOURS, type NewKeyInput, type RotateInput } from "./api-keys.schemas";

export type { KeyOwnerScope } from "./api-keys.repo";

/** Where a key's secret is meant to run: `mkbl_live_` in production, `mkbl_test_` elsewhere. */
export interface KeyOptions {
  live: boolean;
  now: number;
}

function toView(row: ApiKeyRow, now: number): ApiKeyView {
  const status = row.revokedAt !== null ? "revoked" : row.expiresAt !== null && row.expiresAt <= now ? "expired" : "active";
  const time = (t: number | null) => (t === null ? null : formatOffsetIso(t));
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    status,
    createdAt: formatOffsetIso(row.createdAt),
    expiresAt: time(row.expiresAt),
    revokedAt: time(row.revokedAt),
    lastUsedAt: time(row.lastUsedAt),
    previousSecretValidUntil: status === "active" ? time(row.previousValidUntil) : null,
  };
}

function auditRegion(owner: KeyOwnerScope): string {
  return owner.kind === "region" ? owner.scope.region.id : owner.scope.organisation.homeRegionId;
}

function ownerDetail(owner: KeyOwnerScope): Record<string, string> {
  return owner.kind === "region" ? { region: owner.scope.region.slug } : { organisation: owner.scope.organisation.slug };
}

/** A new secret: the recognisable prefix and 256 random bits; what is shown of it; its hash. */
async function newSecret(live: boolean): Promise<{ secret: string; prefix: string; hash: string }> {
  const secret = `mkbl_${live ? "live" : "test"}_${newToken(32)}`;
  return { secret, prefix: secret.slice(0, "mkbl_live_".length + 8), hash: await sha256Hex(secret) };
}

/**
 * The owner's keys, newest first (revoked and expired ones too, marked so).
 * @example await listApiKeys({ kind: "region", scope }, now)
 */
export async function listApiKeys(owner: KeyOwnerScope, now: number): Promise<ApiKeyView[]> {
  return (await listKeys(owner, now)).map((row) => toView(row, now));
}

/**
 * Creates a key and returns it with its secret (the only time the secret is shown).
 * 400 for a scope the owner's keys cannot hold or an expiry not in the future.
 * @example const { apiKey, secret } = await createApiKey(owner, actor, { name: "CRM", scopes: ["referrals:read"] }, { live: false, now });
 */
export async function createApiKey(owner: KeyOwnerScope, actor: Actor, input: NewKeyInput, opts: KeyOptions): Promise<{ apiKey: ApiKeyView; secret: string }> {
  const allowed = KEY_SCOPES[owner.kind];
  const refused = input.scopes.filter((s) => !allowed.includes(s));
  if (refused.length > 0) {
    throw new DomainError("validation_failed", "Some body fields are not valid.", [
      {
        path: "scopes",
        message: `A key of ${owner.kind === "region" ? "a region" : "an organisation"} can hold only ${allowed.join(", ")}; not ${refused.join(", ")}.`,
      },
    ]);
  }
  if (input.expiresAt !== undefined && input.expiresAt <= opts.now) {
    throw new DomainError("validation_failed", "Some body fields are not valid.", [{ path: "expiresAt", message: "Choose an expiry in the future." }]);
  }
  const { secret, prefix, hash } = await newSecret(opts.live);
  const id = `ak_${newId()}`;
  const scopes: ApiScope[] = [...input.scopes];
  const row = { id, name: input.name, scopes, prefix, createdByUserId: actor.id, createdAt: opts.now, expiresAt: input.expiresAt ?? null };
  await writeBatch(owner.scope.db, [
    ...insertKeyStatements(owner, row, hash),
    auditStatement(
      owner.scope.db,
      auditRegion(owner),
      actor,
      "api_key.created",
      { type: "api_key", id },
      { ...ownerDetail(owner), name: input.name, scopes, prefix },
      opts.now,
    ),
  ]);
  return { apiKey: toView({ ...row, regionId: null, organisationId: null, revokedAt: null, lastUsedAt: null, previousValidUntil: null }, opts.now), secret };
}

/**
 * Revokes a key at once (every secret of it). Revoking a revoked key changes nothing; another
 * owner's or an unknown key is 404.
 * @example await revokeApiKey(owner, actor, id, now)
 */
export async function revokeApiKey(owner: KeyOwnerScope, actor: Actor, id: string, now: number): Promise<void> {
  const key = await findKey(owner, id, now);
  if (!key) throw notFound("This API key");
  if (key.revokedAt !== null) return;
  await writeBatch(owner.scope.db, [
    revokeKeyStatement(owner, id, now),
    auditStatement(owner.scope.db, auditRegion(owner), actor, "api_key.revoked", { type: "api_key", id }, { ...ownerDetail(owner), name: key.name }, now),
  ]);
}

/**
 * Gives a key a new secret; the old one keeps working for `overlapHours` (default 24), so a
 * partner can deploy the new secret without a gap. 409 for a revoked or expired key.
 * @example const { apiKey, secret } = await rotateApiKey(owner, actor, id, { overlapHours: 24 }, { live, now });
 */
export async function rotateApiKey(
  owner: KeyOwnerScope,
  actor: Actor,
  id: string,
  input: RotateInput,
  opts: KeyOptions,
): Promise<{ apiKey: ApiKeyView; secret: string }> {
  const key = await findKey(owner, id, opts.now);
  if (!key) throw notFound("This API key");
  if (key.revokedAt !== null) throw new DomainError("conflict", "This API key was revoked; create a new one.");
  if (key.expiresAt !== null && key.expiresAt <= opts.now) throw new DomainError("conflict", "This API key has expired; create a new one.");
  const overlapHours = input.overlapHours ?? DEFAULT_OVERLAP_HOURS;
  const validUntil = opts.now + overlapHours * HOUR_MS;
  const { secret, prefix, hash } = await newSecret(opts.live);
  await writeBatch(owner.scope.db, [
    ...rotateKeyStatements(owner, id, hash, prefix, validUntil, opts.now),
    auditStatement(
      owner.scope.db,
      auditRegion(owner),
      actor,
      "api_key.rotated",
      { type: "api_key", id },
      { ...ownerDetail(owner), name: key.name, prefix, overlapHours },
      opts.now,
    ),
  ]);
  const previousValidUntil = overlapHours > 0 ? validUntil : null;
  return { apiKey: toView({ ...key, prefix, previousValidUntil }, opts.now), secret };
}
