/**
 * Builds the static assets the ASSETS binding serves: a copy of web/public in
 * .build/public, plus a content-hashed copy of every stylesheet and script
 * (`assets/site.<hash>.css`) and `asset-manifest.json` mapping each name to its hashed one.
 * The Worker reads the manifest once per isolate (src/http/assets.ts), the layout links
 * the hashed names, and those are served as `immutable` for a year; the plain names keep
 * working with a short cache. Runs as wrangler's custom build (`[build]` in
 * wrangler.toml), so `npm start`, the tests' bundle and `npm run deploy` all get it.
 *
 *   npx tsx tools/build-assets.ts
 */
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const SOURCE = join(root, "web/public");
export const OUT = join(root, ".build/public");
/** Files whose names get a content hash (what pages link to). */
const HASHED = new Set([".css", ".js"]);

/** `site.css` + content → `site.<first 10 hex of sha256>.css`. */
export function hashedName(name: string, content: Buffer): string {
  const ext = extname(name);
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 10);
  return `${name.slice(0, -ext.length)}.${hash}${ext}`;
}

/** Builds .build/public and returns the manifest (plain name → hashed name, both under assets/). */
export function buildAssets(): Record<string, string> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(dirname(OUT), { recursive: true });
  cpSync(SOURCE, OUT, { recursive: true });
  const manifest: Record<string, string> = {};
  const assets = join(OUT, "assets");
  for (const name of readdirSync(assets).sort()) {
    if (!HASHED.has(extname(name))) continue;
    const content = readFileSync(join(assets, name));
    const hashed = hashedName(name, content);
    writeFileSync(join(assets, hashed), content);
    manifest[name] = hashed;
  }
  writeFileSync(join(OUT, "asset-manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const manifest = buildAssets();
  console.log(
    `assets: ${Object.entries(manifest)
      .map(([from, to]) => `${from} → ${to}`)
      .join(", ")}`,
  );
}
