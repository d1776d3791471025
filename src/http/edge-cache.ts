/**
 * Public reads through the Workers Cache API (`caches.default`), checked against the
 * versions the answer depends on. Database triggers raise those versions in the same
 * transaction as every booking, cancellation, reschedule, opening-hours, closure, desk or
 * region change (migrations/*_edge_triggers.sql), so a cached answer is never served after
 * a change:
 *
 * 1. an entry holds the answer and the versions it was computed at, under the question and
 *    the minute; this isolate keeps the entries it wrote in memory, and otherwise looks in
 *    the Cache API (another isolate of the colo may have written it), before any query;
 * 2. the one read batch always reads the current versions; its data statements carry a
 *    condition that makes them return nothing when those equal the entry's;
 * 3. equal versions: the entry's answer is served (the batch carried only the version
 *    reads); otherwise the fresh answer, computed from the same batch, is served and stored.
 *
 * The versions are stored in the entry rather than in the key: an isolate cannot know them
 * before its round trip, so a key with the versions in it could only be found by the isolate
 * that wrote it. A hit and a miss are both one round trip. Answers that depend on "now"
 * carry the minute in their key and are computed for the end of that minute, so nothing
 * past its minimum notice is ever offered; bookings always decide in the database anyway.
 * The cache is an optimisation only: on `*.workers.dev` `cache.put` does nothing, and
 * everything still works (only this isolate's memory helps).
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

/**
 * What this isolate last answered per key: the versions, and the answer itself. A request
 * whose key is here needs neither the Cache API nor the data (when the versions still hold);
 * others look in the Cache API for the versions stored last. Bounded: cleared when full.
 */
const recent = new Map<string, Entry>();

/** A cached answer with the versions it was computed at (checked against the database before it is served). */
interface Entry {
  version: string;
  value: unknown;
}
const MAX_KEYS = 2000;

function edgeCache(): Cache | null {
  try {
    return typeof caches === "undefined" ? null : (caches as unknown as { default: Cache }).default;
  } catch {
    return null;
  }
}

function cacheUrl(c: AppContext, key: string): string {
  return `${new URL(c.req.url).origin}/__edge-cache/${key}`;
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
  let held: Entry | undefined = cache ? recent.get(bucketKey) : undefined;
  if (cache && !held) {
    try {
      const hit = await cache.match(cacheUrl(c, bucketKey));
      held = hit ? ((await hit.json()) as Entry) : undefined;
    } catch {
      held = undefined;
    }
  }
  const result = await load(held ? (JSON.parse(held.version) as V) : null);
  if (held && result.value === null) {
    c.header("X-Cache", "hit");
    return held.value as T;
  }
  if (result.value === null) throw new Error(`readThroughCache(${key}): no answer and no cached one`);
  c.header("X-Cache", "miss");
  if (cache) {
    const entry: Entry = { version: JSON.stringify(result.versions), value: result.value };
    const seconds = Math.max(1, Math.ceil((Math.floor(now / BUCKET_MS) * BUCKET_MS + BUCKET_MS - now) / 1000));
    const body = JSON.stringify(entry);
    if (recent.size >= MAX_KEYS) recent.clear();
    recent.set(bucketKey, entry);
    afterAnswer(c, () =>
      cache.put(cacheUrl(c, bucketKey), new Response(body, { headers: { "Content-Type": "application/json", "Cache-Control": `public, max-age=${seconds}` } })),
    );
  }
  return result.value;
}
