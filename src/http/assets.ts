/**
 * Static assets with content-hashed names. tools/build-assets.ts writes a hashed copy of
 * each stylesheet and script and `asset-manifest.json`; the Worker reads the manifest once
 * per isolate through the ASSETS binding (no database, no network), pages link the hashed
 * names, and those are answered as immutable for a year: a new deployment changes the
 * name, so no browser ever holds an old file under a current name. Plain names
 * (`/assets/site.css`, e.g. from the API reference page or an old bookmark) still work,
 * with a short cache.
 */
import type { Bindings } from "../env";

let manifest: Record<string, string> | null = null;
let loading: Promise<void> | null = null;

/** A hashed file name as the build writes it: `name.<10 hex>.ext`. */
const HASHED = /\.[0-9a-f]{10}\.[a-z0-9]+$/;

export const IMMUTABLE = "public, max-age=31536000, immutable";
export const SHORT = "public, max-age=300";

/**
 * Reads the manifest once per isolate (later calls return at once); without one (a
 * build without tools/build-assets.ts) pages link the plain names.
 * @example await loadAssetManifest(c.env);
 */
export function loadAssetManifest(env: Bindings): Promise<void> {
  if (manifest) return Promise.resolve();
  loading ??= (async () => {
    try {
      const response = env.ASSETS ? await env.ASSETS.fetch("https://assets.invalid/asset-manifest.json") : null;
      manifest = response?.ok ? ((await response.json()) as Record<string, string>) : {};
    } catch {
      manifest = {};
    } finally {
      loading = null;
    }
  })();
  return loading;
}

/**
 * The URL to link for an asset: its hashed name when the manifest has one.
 * @example assetUrl("site.css") // "/assets/site.41e713abdc.css"
 */
export function assetUrl(name: string): string {
  return `/assets/${manifest?.[name] ?? name}`;
}

/** The Cache-Control for an asset path: immutable for hashed names, short otherwise. */
export function assetCacheControl(path: string): string {
  return HASHED.test(path) ? IMMUTABLE : SHORT;
}
