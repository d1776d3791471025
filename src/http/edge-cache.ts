/**
 * Public reads through the Workers Cache API (`caches.default`), keyed by the versions the
 * answer depends on. Database triggers raise those versions in the same transaction as
 * every booking, cancellation, reschedule, opening-hours, closure, desk or region change
 * (migrations/*_edge_triggers.sql), so a cached answer is never served after a change:
 *
 * 1. this isolate remembers the versions it last stored for a key, and looks in the cache
 *    for that exact (key, versions) entry before any query;
 * 2. the one read batch then always reads the current versions; the data statements carry
 *    a condition that makes them return nothing when the versions equal the cached ones;
 * 3. equal versions: the cached answer is served (the batch carried only the version
 *    read); otherwise the fresh answer, computed from the same batch, is served and stored.
 *
 * So a hit and a miss are both one round trip. Answers that depend on "now" carry the
 * minute in their key and are computed for the end of that minute, so nothing past its
 * minimum notice is ever offered; bookings always decide in the database anyway. The
 * cache is an optimisation only: on `*.workers.dev` `cache.put` does nothing, and
 * everything still works (every request is a miss).
 */
import type { AppContext } from "../lib/context";
import { afterAnswer } from "../lib/context";

/** Minute buckets for answers that depend on the clock. */
export const BUCKET_MS = 60_000;

/**
 * The clock of a cacheable answer: the last millisecond of the current minute, so an
 * answer computed once holds for every request of that minute.
 * @example listFreeSlots(rules, bookings, window, listingClock(now))
 */
export function listingClock(now: number): number {
  return Math.floor(now / BUCKET_MS) * BUCKET_MS + BUCKET_MS - 1;
}

/** The versions this isolate last stored per key (bounded: a plain map cleared when full). */
const lastStored = new Map<string, string>();
const MAX_KEYS = 5000;

function edgeCache(): Cache | null {
  try {
    return typeof caches === "undefined" ? null : (caches as unknown as { default: Cache }).default;
  } catch {
    return null;
  }
}

function cacheUrl(c: AppContext, key: string, version: string): string {
  return `${new URL(c.req.url).origin}/__edge-cache/${key}${key.includes("?") ? "&" : "?"}v=${encodeURIComponent(version)}`;
}

export interface CachedLoad<V, T> {
  /** The versions the answer was computed at (read in the same batch as the data). */
  versions: V;
  /** The answer; null only when `known` was given and is still current. */
  value: T | null;
}

/**
 * Serves a public read from the edge cache when its versions are unchanged.
 * `load(known)` runs the one read batch: with `known` versions it may skip the data and
 * return `value: null` when they are still current.
 * @example
 * const slots = await readThroughCache(c, `slots/${slug}/${id}?from=${from}`, now, async (known) => { … });
 */
export async function readThroughCache<V, T>(c: AppContext, key: string, now: number, load: (known: V | null) => Promise<CachedLoad<V, T>>): Promise<T> {
  const bucketKey = `${key}${key.includes("?") ? "&" : "?"}b=${Math.floor(now / BUCKET_MS)}`;
  const cache = c.var.config.EDGE_CACHE === "off" ? null : edgeCache();
  const remembered = cache ? lastStored.get(bucketKey) : undefined;
  let hit: Response | undefined;
  if (cache && remembered) {
    try {
      hit = await cache.match(cacheUrl(c, bucketKey, remembered));
    } catch {
      hit = undefined;
    }
  }
  const knownVersions = hit && remembered ? (JSON.parse(remembered) as V) : null;
  const result = await load(knownVersions);
  if (hit && result.value === null) {
    c.header("X-Cache", "hit");
    return (await hit.json()) as T;
  }
  if (result.value === null) throw new Error(`readThroughCache(${key}): no answer and no cached one`);
  c.header("X-Cache", "miss");
  if (cache) {
    const version = JSON.stringify(result.versions);
    const seconds = Math.max(1, Math.ceil((Math.floor(now / BUCKET_MS) * BUCKET_MS + BUCKET_MS - now) / 1000));
    const body = JSON.stringify(result.value);
    if (lastStored.size >= MAX_KEYS) lastStored.clear();
    lastStored.set(bucketKey, version);
    afterAnswer(c, () =>
      cache.put(
        cacheUrl(c, bucketKey, version),
        new Response(body, { headers: { "Content-Type": "application/json", "Cache-Control": `public, max-age=${seconds}` } }),
      ),
    );
  }
  return result.value;
}
