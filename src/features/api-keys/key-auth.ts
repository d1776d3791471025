/**
 * Resolving an API key on a request (issue 20): `Authorization: Bearer mkbl_live_…`. The key,
 * its owner and its rate-limit window are one statement that joins the request's first read
 * batch (with the region and the organisation of the path), so a key costs no round trip of
 * its own; counting the request and refreshing "last used" (at most once a minute) happen
 * after the answer.
 */
import { rawRead, type ReadPlan } from "../../db/read";
import { API_SCOPES, type ApiScope } from "../../db/schema";
import { writeBatch, type WriteStatement } from "../../db/write";
import { afterAnswer, type Actor, type AppContext } from "../../lib/context";
import { DomainError } from "../../lib/errors";
import { sha256Hex } from "../../lib/ids";
import { batchedLimit, rateLimits } from "../../lib/rate-limit";
import { KEY_ROLE, type KeyOwnerKind } from "../auth/policy";

/** A secret: the recognisable prefix, then 43 base64url characters (256 bits). */
export const SECRET_PATTERN = /^mkbl_(live|test)_[A-Za-z0-9_-]{43}$/;
/** "Last used" is refreshed at most this often. */
const TOUCH_INTERVAL_MS = 60_000;

/** The bearer token of a request, or null when it sends no `Authorization: Bearer`. */
export function bearerToken(c: AppContext): string | null {
  const header = c.req.header("authorization");
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  return match?.[1] ?? "";
}

/** Whether the request is an API-key call (any Authorization header: a key call never falls back to cookies). */
export function isKeyRequest(c: AppContext): boolean {
  return c.req.header("authorization") !== undefined;
}

interface KeyRecord {
  id: string;
  owner: KeyOwnerKind;
  regionId: string | null;
  organisationId: string | null;
  name: string;
  scopes: ApiScope[];
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  secretValidUntil: number | null;
  regionSlug: string | null;
  organisationSlug: string | null;
  creatorEmail: string | null;
  used: number;
}

function keyRead(secretHash: string, windowStart: number) {
  return rawRead(
    `select k.id, k.region_id, k.organisation_id, k.name, k.scopes, k.expires_at, k.revoked_at, k.last_used_at, s.valid_until,
       r.slug as region_slug, o.slug as organisation_slug, u.email as creator_email,
       coalesce((select l.count from rate_limits l where l.key = 'apiKey:' || k.id and l.window_start = ?), 0) as used
     from api_key_secrets s join api_keys k on k.id = s.key_id
       left join regions r on r.id = k.region_id left join organisations o on o.id = k.organisation_id
       left join users u on u.id = k.created_by_user_id
     where s.secret_hash = ? limit 1`,
    [windowStart, secretHash],
    (r): KeyRecord => ({
      id: String(r.id),
      owner: r.organisation_id === null ? "region" : "organisation",
      regionId: r.region_id === null ? null : String(r.region_id),
      organisationId: r.organisation_id === null ? null : String(r.organisation_id),
      name: String(r.name),
      scopes: (JSON.parse(String(r.scopes)) as string[]).filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)),
      expiresAt: r.expires_at === null ? null : Number(r.expires_at),
      revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
      lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
      secretValidUntil: r.valid_until === null ? null : Number(r.valid_until),
      regionSlug: r.region_slug === null ? null : String(r.region_slug),
      organisationSlug: r.organisation_slug === null ? null : String(r.organisation_slug),
      creatorEmail: r.creator_email === null ? null : String(r.creator_email),
      used: Number(r.used ?? 0),
    }),
  );
}

function refused(message: string): DomainError {
  return new DomainError("unauthenticated", message);
}

/** The statements written after the answer: the rate-limit count, and "last used" when it is a minute old. */
function afterUse(key: KeyRecord, count: WriteStatement, now: number): WriteStatement[] {
  const touch = key.lastUsedAt === null || now - key.lastUsedAt >= TOUCH_INTERVAL_MS;
  return touch
    ? [count, { sql: "update api_keys set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)", args: [now, key.id, now] }]
    : [count];
}

/**
 * Adds the key lookup of a request with `Authorization` to a read plan; call the returned
 * function after the plan ran: it sets the key's actor on the context and returns it with its
 * owner's kind, or throws 401 (no or a malformed key, unknown, revoked, expired, a rotated-out
 * secret past its overlap) or 429 (the key's own rate limit, `apiKey` in `RATE_LIMITS`).
 * @example const keyOf = await planApiKey(c, plan); await plan.run(); const { actor, owner } = keyOf();
 */
export async function planApiKey(c: AppContext, plan: ReadPlan): Promise<() => { actor: Actor; owner: KeyOwnerKind }> {
  const token = bearerToken(c);
  if (!token || !SECRET_PATTERN.test(token)) {
    return () => {
      throw refused("Send an API key as `Authorization: Bearer mkbl_live_…`.");
    };
  }
  const now = c.var.now;
  const rule = rateLimits(c.var.config.RATE_LIMITS).apiKey;
  const windowStart = Math.floor(now / (rule.windowSeconds * 1000)) * rule.windowSeconds * 1000;
  const found = plan.add(keyRead(await sha256Hex(token), windowStart));
  return () => {
    const key = found.value[0];
    if (!key) throw refused("This API key is not known.");
    if (key.revokedAt !== null && key.revokedAt <= now) throw refused("This API key was revoked.");
    if (key.expiresAt !== null && key.expiresAt <= now) throw refused("This API key has expired.");
    if (key.secretValidUntil !== null && key.secretValidUntil <= now) throw refused("This secret was replaced when the key was rotated; use the new one.");
    const limit = batchedLimit(rule, `apiKey:${key.id}`, now);
    // Counted after the answer (no round trip before it); the window's count was read with the key.
    limit.check({ rows: [{ count: key.used + 1 }] });
    afterAnswer(c, () => writeBatch(c.var.db, afterUse(key, limit.count, now)));
    const actor: Actor = {
      id: key.id,
      email: key.creatorEmail ?? "",
      name: `API key ${key.name}`,
      role: KEY_ROLE[key.owner],
      regionId: key.regionId,
      regionSlug: key.regionSlug,
      frontdeskIds: [],
      organisationId: key.organisationId,
      organisationSlug: key.organisationSlug,
      // A key acts in its own region only (its home region, see `membershipIn`), never as a programme or municipality user.
      memberships: [],
      municipality: null,
      sessionIdHash: "",
      apiKey: { id: key.id, scopes: key.scopes },
    };
    c.set("actor", actor);
    c.set("actorLoaded", true);
    return { actor, owner: key.owner };
  };
}
