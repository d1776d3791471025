/**
 * The tenants and the municipalities they serve. Regions are data, never code: adding one
 * is a row (`createRegion` in the accounts service), and every other feature reads them here.
 */
import { noteRegionOrigins } from "../../lib/origins";
import type { Db } from "../../db/client";
import type { RegionScope } from "../../db/scope";
import type { RegionRef } from "../../lib/context";
import { DomainError } from "../../lib/errors";
import { ReadPlan } from "../../db/read";
import { notFound } from "../../lib/errors";
import {
  findRegionBySlug,
  listMunicipalities,
  listRegions,
  listRegionsWithMunicipalityRows,
  municipalitiesQuery,
  regionBySlugQuery,
  regionsQuery,
  regionsWithMunicipalitiesOf,
  regionsWithMunicipalitiesQuery,
  type RegionRow,
  type RegionWithMunicipalities,
} from "./regions.repo";

export { listMunicipalities, listRegions };

/** Whether a path segment can be a region slug at all (anything else is 404 without a query). */
export function isRegionSlug(slug: string): boolean {
  return /^[a-z0-9-]{1,60}$/.test(slug);
}

/** The region with this slug, or null (also for a malformed slug). */
export async function findRegion(db: Db, slug: string): Promise<RegionRef | null> {
  return isRegionSlug(slug) ? findRegionBySlug(db, slug) : null;
}

/**
 * Adds the region lookup to a read plan; the returned function gives the region (with its
 * versions) after the plan ran, or null.
 * @example const region = regionLookup(plan, slug); await plan.run(); region();
 */
export function regionLookup(plan: ReadPlan, slug: string): () => RegionRow | null {
  const rows = plan.add(regionBySlugQuery(plan.db, slug));
  return () => {
    const row = rows.value[0] ?? null;
    if (row) noteRegionOrigins(plan.db, row.slug, row.embedOrigins);
    return row;
  };
}

/**
 * One region and the municipalities it serves, in one round trip (404 when unknown).
 * @example await readRegion(db, "zuid-limburg")
 */
export async function readRegion(db: Db, slug: string): Promise<{ region: RegionRow; municipalities: { cbsCode: string; name: string }[] }> {
  if (!isRegionSlug(slug)) throw notFound("This region");
  const plan = new ReadPlan(db);
  const region = regionLookup(plan, slug);
  const municipalities = plan.add(municipalitiesQuery({ db, slug }));
  await plan.run();
  const found = region();
  if (!found) throw notFound("This region");
  return { region: found, municipalities: municipalities.value };
}

/** Every region with its municipalities, in one round trip (the start page's search). */
export const listRegionsWithMunicipalities = listRegionsWithMunicipalityRows;

/**
 * Adds the list of regions to a read plan (a page reads it with its data in one round trip).
 * @example const regions = planRegions(plan); await plan.run(); regions();
 */
export function planRegions(plan: ReadPlan): () => RegionRef[] {
  const rows = plan.add(regionsQuery(plan.db));
  return () => rows.value;
}

/**
 * Adds every region with its municipalities to a read plan.
 * @example const regions = planRegionsWithMunicipalities(plan); await plan.run(); regions();
 */
export function planRegionsWithMunicipalities(plan: ReadPlan): () => RegionWithMunicipalities[] {
  const rows = plan.add(regionsWithMunicipalitiesQuery(plan.db));
  return () => regionsWithMunicipalitiesOf(rows.value);
}

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
