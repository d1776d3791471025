/**
 * Database-backed fixed-window rate limiting. One atomic upsert per counted event
 * (`insert … on conflict do update set count = count + 1 returning count`), so the limit
 * holds the same in Miniflare, workerd and production and across isolates.
 *
 * Default limits (override with the `RATE_LIMITS` variable, JSON such as
 * `{"loginPerEmail":{"limit":3,"windowSeconds":60}}`):
 * - failed sign-ins: 10 per e-mail address per 15 minutes, 30 per client address per 15 minutes;
 * - bookings: 20 per client address per hour;
 * - password-reset requests: 5 per client address per hour;
 * - entrepreneur sign-in links: 5 per e-mail address (silently) and 20 per client address per
 *   hour; entrepreneur sign-ins: 30 per client address per 15 minutes.
 * - event registrations: 20 per client address per hour.
 * - API keys: 600 requests per key per minute (checked with the key's lookup, counted after the answer).
 * - knowledge square: 10 questions and answers and 20 reports per account per hour; 5 peer
 *   contact requests per account per day.
 * The client address is `CF-Connecting-IP` (set by Cloudflare; per-address limits are skipped
 * when it is absent or a loopback address, i.e. local development and tests); IPv6 counts per
 * /64 (`address-key.ts`). E-mail addresses are hashed before they become a key.
 */
import type { InStatement, InValue, ResultSet } from "@libsql/client/web";
import type { Db } from "../db/client";
import type { AppContext } from "./context";
import { DomainError } from "./errors";
import { sha256Hex } from "./ids";
import { addressKey } from "./address-key";

export interface LimitRule {
  limit: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMITS = {
  loginPerEmail: { limit: 10, windowSeconds: 15 * 60 },
  loginPerIp: { limit: 30, windowSeconds: 15 * 60 },
  bookingPerIp: { limit: 20, windowSeconds: 60 * 60 },
  resetPerIp: { limit: 5, windowSeconds: 60 * 60 },
  resetPerEmail: { limit: 3, windowSeconds: 60 * 60 },
  selfRegistrationPerIp: { limit: 10, windowSeconds: 60 * 60 },
  // Entrepreneur sign-in links (issue 17): per address the answer stays the same (no mail past the limit).
  loginLinkPerEmail: { limit: 5, windowSeconds: 60 * 60 },
  loginLinkPerIp: { limit: 20, windowSeconds: 60 * 60 },
  meLoginPerIp: { limit: 30, windowSeconds: 15 * 60 },
  eventRegistrationPerIp: { limit: 20, windowSeconds: 60 * 60 },
  // KvK lookups (issue 20): each costs a call to the KVK API.
  kvkLookupPerIp: { limit: 30, windowSeconds: 60 * 60 },
  // API keys (issue 20): requests per key per minute.
  apiKey: { limit: 600, windowSeconds: 60 },
  // Knowledge square and community (issue 18): per account, so they hold behind a shared address too.
  communityPostPerAccount: { limit: 10, windowSeconds: 60 * 60 },
  communityReportPerAccount: { limit: 20, windowSeconds: 60 * 60 },
  peerContactPerAccount: { limit: 5, windowSeconds: 24 * 60 * 60 },
} satisfies Record<string, LimitRule>;

export type LimitName = keyof typeof DEFAULT_RATE_LIMITS;

const parsedCache = new Map<string, Record<LimitName, LimitRule>>();

/** The effective limits: defaults, with what `RATE_LIMITS` (JSON) overrides. Bad JSON is ignored. */
export function rateLimits(raw: string | undefined): Record<LimitName, LimitRule> {
  const key = raw ?? "";
  const hit = parsedCache.get(key);
  if (hit) return hit;
  const result: Record<LimitName, LimitRule> = { ...DEFAULT_RATE_LIMITS };
  if (raw) {
    try {
      const overrides = JSON.parse(raw) as Record<string, Partial<LimitRule>>;
      for (const name of Object.keys(DEFAULT_RATE_LIMITS) as LimitName[]) {
        const o = overrides[name];
        if (!o || typeof o !== "object") continue;
        result[name] = {
          limit: typeof o.limit === "number" && o.limit > 0 ? Math.floor(o.limit) : result[name].limit,
          windowSeconds: typeof o.windowSeconds === "number" && o.windowSeconds > 0 ? Math.floor(o.windowSeconds) : result[name].windowSeconds,
        };
      }
    } catch {
      // keep the defaults
    }
  }
  parsedCache.set(key, result);
  return result;
}

/**
 * The client address as Cloudflare reports it, as a rate-limit key. Cloudflare always sets
 * `CF-Connecting-IP` in production to the real client. `wrangler dev` and Miniflare default it
 * to the loopback address: in local development and tests, loopback means "this machine",
 * which every local client shares, so there it gives null and the per-address limits are
 * skipped (a test can send another `CF-Connecting-IP` to exercise them; the per-e-mail limit
 * always applies). In production a missing or loopback address is still limited, as one
 * shared "unknown" key. IPv6 addresses count per /64 (see {@link addressKey}).
 */
export function clientAddress(c: AppContext): string | null {
  const raw = c.req.header("cf-connecting-ip")?.trim() ?? "";
  const key = raw ? addressKey(raw) : null;
  if (!key || key.startsWith("127.") || key === "::1/128") return c.var.config.isLocal ? null : "unknown";
  return key;
}

function windowOf(rule: LimitRule, now: number): { start: number; retryAfter: number } {
  const ms = rule.windowSeconds * 1000;
  const start = Math.floor(now / ms) * ms;
  return { start, retryAfter: Math.max(1, Math.ceil((start + ms - now) / 1000)) };
}

function limited(retryAfter: number): DomainError {
  return new DomainError("rate_limited", "Too many attempts. Please wait a moment and try again.", undefined, retryAfter);
}

/** Counts one event and returns the count in the current window (one atomic statement). */
export async function countHit(db: Db, key: string, rule: LimitRule, now: number): Promise<number> {
  const { start } = windowOf(rule, now);
  const result = await db.client.execute({
    sql: "insert into rate_limits (key, window_start, count) values (?, ?, 1) on conflict (key, window_start) do update set count = count + 1 returning count",
    args: [key, start],
  });
  return Number(result.rows[0]?.count ?? 1);
}

/**
 * Counts an event and refuses it (429 with Retry-After) once the window's limit is passed.
 * @example await consumeLimit(c, "bookingPerIp", `booking:ip:${clientAddress(c)}`);
 */
export async function consumeLimit(c: AppContext, name: LimitName, key: string | null, now = c.var.now): Promise<void> {
  if (key === null) return;
  const rule = rateLimits(c.var.config.RATE_LIMITS)[name];
  const count = await countHit(c.var.db, `${name}:${key}`, rule, now);
  if (count > rule.limit) throw limited(windowOf(rule, now).retryAfter);
}

/**
 * Counts an event and tells whether it is still within the limit, without refusing: for
 * answers that must not change (a password-reset request looks the same either way).
 * @example if (await countWithinLimit(c, "resetPerEmail", await emailKey(email))) sendMail();
 */
export async function countWithinLimit(c: AppContext, name: LimitName, key: string, now = c.var.now): Promise<boolean> {
  const rule = rateLimits(c.var.config.RATE_LIMITS)[name];
  return (await countHit(c.var.db, `${name}:${key}`, rule, now)) <= rule.limit;
}

/**
 * The rate limits as a service sees them: bound to one request's client, decided in the
 * database. Services take this (not the request), so the API and the web pages that call
 * the same service count the same events.
 */
export interface Limits {
  /** Counts one event of this request's client and refuses it (429 with Retry-After) past the limit. */
  perClient(name: LimitName): Promise<void>;
  /**
   * The same count as statements for the caller's own write batch (no round trip of its
   * own), or null when this client is not limited here (local development).
   */
  perClientInBatch(name: LimitName): BatchedLimit | null;
  /** Counts one event for `key` and tells whether it is still within the limit, without refusing. */
  within(name: LimitName, key: string): Promise<boolean>;
}

/**
 * The limits of this request's client.
 * @example await bookAppointment(scope, input, { now, links, limits: requestLimits(c) });
 */
export function requestLimits(c: AppContext): Limits {
  const address = clientAddress(c);
  return {
    perClient: (name) => consumeLimit(c, name, address),
    perClientInBatch: (name) => (address === null ? null : batchedLimit(rateLimits(c.var.config.RATE_LIMITS)[name], `${name}:${address}`, c.var.now)),
    within: (name, key) => countWithinLimit(c, name, key),
  };
}

/**
 * One counted event inside a write batch: `count` raises the window's counter (put it
 * before the guarded change), `within` is a SQL condition that holds while the counter is
 * at most the limit (add it to the change's WHERE, so a refused event changes nothing),
 * and `check` turns the counter's answer into the 429.
 */
export interface BatchedLimit {
  count: { sql: string; args: (string | number)[] };
  within: { sql: string; args: (string | number)[] };
  check(result: { rows: ArrayLike<Record<string, unknown>> }): void;
}

/**
 * @example const limit = batchedLimit(rule, `bookingPerIp:${ip}`, now); // then writeBatch([limit.count, guarded(limit.within)])
 */
export function batchedLimit(rule: LimitRule, key: string, now: number): BatchedLimit {
  const { start, retryAfter } = windowOf(rule, now);
  return {
    count: {
      sql: "insert into rate_limits (key, window_start, count) values (?, ?, 1) on conflict (key, window_start) do update set count = count + 1 returning count",
      args: [key, start],
    },
    within: { sql: "(select count from rate_limits where key = ? and window_start = ?) <= ?", args: [key, start, rule.limit] },
    check(result) {
      if (Number(result.rows[0]?.count ?? 1) > rule.limit) throw limited(retryAfter);
    },
  };
}

/** Takes back one counted event (a sign-in that turned out to be correct). */
export async function refundHit(c: AppContext, name: LimitName, key: string | null, now = c.var.now): Promise<void> {
  if (key === null) return;
  const rule = rateLimits(c.var.config.RATE_LIMITS)[name];
  await c.var.db.client.execute({
    sql: "update rate_limits set count = max(count - 1, 0) where key = ? and window_start = ?",
    args: [`${name}:${key}`, windowOf(rule, now).start],
  });
}

/** A stable, non-reversible key part for an e-mail address. */
export async function emailKey(email: string): Promise<string> {
  return (await sha256Hex(email.trim().toLowerCase())).slice(0, 32);
}

/** Removes windows that ended long ago (scheduled job). */
export function deleteOldRateLimitsStatement(before: number) {
  return { sql: "delete from rate_limits where window_start < ?", args: [before] };
}

/** A counted event inside a write batch (see {@link limitInBatch}). */
export interface BatchLimit {
  /** Counts the event; returns the window's count (put it in the batch). */
  count: InStatement;
  /** SQL that is true while the window's count is within the limit (to guard the other statements). */
  within: { sql: string; args: InValue[] };
  /** Whether the count the batch returned is past the limit. */
  exceeded(result: ResultSet | undefined): boolean;
  /** The 429 to throw when it is. */
  error(): DomainError;
}

/**
 * Counts an event in the same write batch as the change it limits, so the change and its
 * count cost one round trip and a refused event writes nothing else: guard the change's
 * statements with `within`, then check `exceeded` on the count's result.
 * @example const limit = limitInBatch(config.RATE_LIMITS, "loginLinkPerIp", ip, now);
 */
export function limitInBatch(raw: string | undefined, name: LimitName, key: string, now: number): BatchLimit {
  const rule = rateLimits(raw)[name];
  const { start, retryAfter } = windowOf(rule, now);
  const fullKey = `${name}:${key}`;
  return {
    count: {
      sql: "insert into rate_limits (key, window_start, count) values (?, ?, 1) on conflict (key, window_start) do update set count = count + 1 returning count",
      args: [fullKey, start],
    },
    within: { sql: "(select count from rate_limits where key = ? and window_start = ?) <= ?", args: [fullKey, start, rule.limit] },
    exceeded: (result) => Number(result?.rows[0]?.count ?? 0) > rule.limit,
    error: () => limited(retryAfter),
  };
}
