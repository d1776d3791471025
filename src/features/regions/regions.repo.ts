import { and, asc, eq, type Placeholder, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { municipalities, regions } from "../../db/schema";
import type { RegionRef } from "../../lib/context";
import { regionIdOf, type AnyRegionScope, type AppointmentLinkScope, type RegionScope, type SlugScope } from "../../db/scope";

const regionColumns = {
  id: regions.id,
  slug: regions.slug,
  name: regions.name,
  operator: regions.operator,
  goodFridayClosed: regions.goodFridayClosed,
  liberationDayClosed: regions.liberationDayClosed,
  retentionMonths: regions.retentionMonths,
};

/** A region row with the versions that key cached reads (see migrations/*_edge_triggers.sql). */
export interface RegionRow extends RegionRef {
  /** Registered origins for embedding and CORS (issue 20). */
  embedOrigins: string[];
  configVersion: number;
  availabilityVersion: number;
  createdAt: number;
}

/** Regions are the tenants themselves, so listing them needs no scope. */
export function regionsQuery(db: Db) {
  return db.db.select(regionColumns).from(regions).orderBy(asc(regions.name));
}

export async function listRegions(db: Db): Promise<RegionRef[]> {
  return regionsQuery(db);
}

/** The region with this slug and its versions: the first statement of most read batches. */
export function regionBySlugQuery(db: Db, slug: string | Placeholder) {
  return db.db
    .select({
      ...regionColumns,
      embedOrigins: regions.embedOrigins,
      configVersion: regions.configVersion,
      availabilityVersion: regions.availabilityVersion,
      createdAt: regions.createdAt,
    })
    .from(regions)
    .where(eq(regions.slug, slug))
    .limit(1);
}

/** The region of a scope (slug or manage link) with its versions. */
export function scopedRegionQuery(scope: SlugScope | AppointmentLinkScope) {
  return scope.db.db
    .select({
      ...regionColumns,
      embedOrigins: regions.embedOrigins,
      configVersion: regions.configVersion,
      availabilityVersion: regions.availabilityVersion,
      createdAt: regions.createdAt,
    })
    .from(regions)
    .where(eq(regions.id, regionIdOf(scope)))
    .limit(1);
}

export type RegionWithMunicipalities = RegionRef & { municipalities: { cbsCode: string; name: string }[] };

/** Statement for a read plan: every region with its municipalities (group with `regionsWithMunicipalitiesOf`). */
export function regionsWithMunicipalitiesQuery(db: Db) {
  return db.db
    .select({ region: regionColumns, cbsCode: municipalities.cbsCode, municipality: municipalities.name })
    .from(regions)
    .leftJoin(municipalities, eq(municipalities.regionId, regions.id))
    .orderBy(asc(regions.name), asc(municipalities.name));
}

/** The rows of `regionsWithMunicipalitiesQuery`, one entry per region in order. */
export function regionsWithMunicipalitiesOf(rows: Awaited<ReturnType<typeof regionsWithMunicipalitiesQuery>>): RegionWithMunicipalities[] {
  const byId = new Map<string, RegionWithMunicipalities>();
  for (const row of rows) {
    const region = byId.get(row.region.id) ?? { ...row.region, municipalities: [] };
    byId.set(region.id, region);
    if (row.cbsCode !== null && row.municipality !== null) region.municipalities.push({ cbsCode: row.cbsCode, name: row.municipality });
  }
  return [...byId.values()];
}

/** Every region with its municipalities, in one query. */
export async function listRegionsWithMunicipalityRows(db: Db): Promise<RegionWithMunicipalities[]> {
  return regionsWithMunicipalitiesOf(await regionsWithMunicipalitiesQuery(db));
}

export async function findRegionBySlug(db: Db, slug: string): Promise<RegionRef | null> {
  const rows = await db.db.select(regionColumns).from(regions).where(eq(regions.slug, slug)).limit(1);
  return rows[0] ?? null;
}

/** The region's municipalities; `unless` is an extra condition that makes it return nothing. */
export function municipalitiesQuery(scope: AnyRegionScope | { db: Db; regionId: SQL }, unless?: SQL) {
  return scope.db.db
    .select({ cbsCode: municipalities.cbsCode, name: municipalities.name })
    .from(municipalities)
    .where(and(eq(municipalities.regionId, "regionId" in scope ? scope.regionId : regionIdOf(scope)), unless))
    .orderBy(asc(municipalities.name));
}

export async function listMunicipalities(scope: RegionScope): Promise<{ cbsCode: string; name: string }[]> {
  return municipalitiesQuery(scope);
}

export async function findRegionById(db: Db, id: string): Promise<RegionRef | null> {
  const rows = await db.db.select(regionColumns).from(regions).where(eq(regions.id, id)).limit(1);
  return rows[0] ?? null;
}

export function updateRegionSettingsStatement(
  scope: RegionScope,
  patch: Partial<Pick<RegionRef, "goodFridayClosed" | "liberationDayClosed" | "retentionMonths">>,
) {
  return scope.db.db.update(regions).set(patch).where(eq(regions.id, scope.region.id));
}
