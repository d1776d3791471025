import { and, asc, eq, sql as dsql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organisations, regions, type OrganisationKind } from "../../db/schema";
import type { OrganisationRef } from "../../lib/context";

/*
 * Organisations are platform-level rows (a provider may serve several regions); what an
 * actor may do with one follows from its home region and the actor's organisation
 * (organisation-access.ts). Offers are reached through an `OrganisationScope` (db/scope.ts).
 */

const refColumns = {
  id: organisations.id,
  slug: organisations.slug,
  name: organisations.name,
  kind: organisations.kind,
  homeRegionId: organisations.homeRegionId,
  regions: organisations.regions,
};

/** Statement for a read plan: the organisation with this slug (zero or one row). */
export function organisationBySlugQuery(db: Db, slug: string) {
  return db.db.select(refColumns).from(organisations).where(eq(organisations.slug, slug)).limit(1);
}

export async function findOrganisationBySlug(db: Db, slug: string): Promise<OrganisationRef | null> {
  const rows = await organisationBySlugQuery(db, slug);
  return rows[0] ?? null;
}

export interface OrganisationListRow {
  slug: string;
  name: string;
  kind: OrganisationKind;
  homeRegion: string;
  regions: string[];
  website: string | null;
}

/** Organisations serving a region and/or of one kind, by name; `limit + 1` rows tell whether a next page exists. */
export async function listOrganisations(
  db: Db,
  filter: { region?: string | undefined; kind?: OrganisationKind | undefined },
  limit: number,
  offset: number,
): Promise<OrganisationListRow[]> {
  const conditions = [
    ...(filter.kind ? [eq(organisations.kind, filter.kind)] : []),
    ...(filter.region ? [dsql`exists (select 1 from json_each(${organisations.regions}) j where j.value = ${filter.region})`] : []),
  ];
  return db.db
    .select({
      slug: organisations.slug,
      name: organisations.name,
      kind: organisations.kind,
      homeRegion: regions.slug,
      regions: organisations.regions,
      website: organisations.website,
    })
    .from(organisations)
    .innerJoin(regions, eq(regions.id, organisations.homeRegionId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(organisations.name), asc(organisations.slug))
    .limit(limit + 1)
    .offset(offset);
}

export function insertOrganisationStatement(db: Db, row: typeof organisations.$inferInsert) {
  return db.db.insert(organisations).values(row);
}

/** Slug → id and name of every region (a handful of rows). */
export async function regionDirectory(db: Db): Promise<{ id: string; slug: string; name: string }[]> {
  return db.db.select({ id: regions.id, slug: regions.slug, name: regions.name }).from(regions).orderBy(asc(regions.slug));
}
