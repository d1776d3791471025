/**
 * Registered origins (issue 20): a region lists the sites (`https://host[:port]`) that may frame
 * its booking pages and read its public API from a browser (CORS). The list travels with the
 * region row, which every public read of a region already has in its one batch; the readers of
 * that row note it here, per request, so the CORS step adds no round trip.
 */

/** Per request (keyed by the request's `Db`, made once per request): region slug → its registered origins. */
const seen = new WeakMap<object, Map<string, readonly string[]>>();

/**
 * Notes the origins of a region read in this request.
 * @example noteRegionOrigins(plan.db, row.slug, row.embedOrigins);
 */
export function noteRegionOrigins(request: object, slug: string, origins: readonly string[]): void {
  let regions = seen.get(request);
  if (!regions) {
    regions = new Map();
    seen.set(request, regions);
  }
  regions.set(slug, origins);
}

/** The origins of a region as read in this request; null when the request did not read the region. */
export function regionOriginsSeen(request: object, slug: string): readonly string[] | null {
  return seen.get(request)?.get(slug) ?? null;
}

/**
 * The canonical origin of a registration, or null when it is not one: `https://` with a host
 * (and port) only; outside production also `http://127.0.0.1:<port>` and `http://localhost:<port>`
 * so local sites and tests can embed.
 * @example canonicalOrigin("https://www.Gemeente.nl/") // "https://www.gemeente.nl"
 */
export function canonicalOrigin(input: string, local: boolean): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.username || url.password || (url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) return null;
  // Letters, digits, dots and hyphens only (no wildcard, no odd characters the URL parser lets through).
  if (!/^[a-z0-9.-]+$/.test(url.hostname) || url.hostname.startsWith(".") || url.hostname.endsWith(".")) return null;
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost";
  if (url.protocol === "https:" && (!loopback || local) && url.hostname.includes(".")) return url.origin;
  if (local && url.protocol === "http:" && loopback) return url.origin;
  if (local && url.protocol === "https:" && loopback) return url.origin;
  return null;
}
