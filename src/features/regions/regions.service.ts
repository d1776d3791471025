/**
 * The tenants and the municipalities they serve. Regions are data, never code: adding one
 * is a row (`createRegion` in the accounts service), and every other feature reads them here.
 */
import type { Db } from "../../db/client";
import type { RegionScope } from "../../db/scope";
import type { RegionRef } from "../../lib/context";
import { DomainError } from "../../lib/errors";
import { findRegionBySlug, listMunicipalities, listRegions, listRegionsWithMunicipalityRows } from "./regions.repo";

export { listMunicipalities, listRegions };

/** The region with this slug, or null (also for a malformed slug). */
export async function findRegion(db: Db, slug: string): Promise<RegionRef | null> {
  return /^[a-z0-9-]{1,60}$/.test(slug) ? findRegionBySlug(db, slug) : null;
}

/** Every region with its municipalities, in one round trip (the start page's search). */
export const listRegionsWithMunicipalities = listRegionsWithMunicipalityRows;

/**
 * The region that serves a municipality (names compare case-insensitively, Dutch rules), with
 * the region's spelling of the name; null when no region serves it.
 * @example await regionServing(db, "venlo") // { region: { slug: "noord-limburg", … }, municipality: "Venlo" }
 */
export async function regionServing(db: Db, municipality: string): Promise<{ region: RegionRef; municipality: string } | null> {
  const wanted = municipality.trim().toLocaleLowerCase("nl");
  for (const region of await listRegionsWithMunicipalities(db)) {
    const match = region.municipalities.find((m) => m.name.toLocaleLowerCase("nl") === wanted);
    if (match) return { region, municipality: match.name };
  }
  return null;
}

/**
 * The region's own spelling of a municipality it serves (names compare case-insensitively,
 * Dutch rules); a name the region does not serve is a validation error on `path`.
 * @example await canonicalMunicipality(scope, "maastricht") // "Maastricht"
 */
export async function canonicalMunicipality(scope: RegionScope, name: string, path = "municipality"): Promise<string> {
  const known = await listMunicipalities(scope);
  const match = known.find((m) => m.name.toLocaleLowerCase("nl") === name.trim().toLocaleLowerCase("nl"));
  if (!match) {
    throw new DomainError("validation_failed", "This municipality is not served by the region.", [
      { path, message: `Choose one of: ${known.map((m) => m.name).join(", ")}.` },
    ]);
  }
  return match.name;
}
