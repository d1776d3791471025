import { and, asc, desc, eq, inArray, or, sql as dsql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { municipalities, offers, organisations, regions, type OfferStatus } from "../../db/schema";
import type { OrganisationScope, RegionScope } from "../../db/scope";

/** Offers belong to an organisation: every read and write here filters on it (or on the home region for reviewers). */
export type OfferRow = typeof offers.$inferSelect;

export async function findOrganisationOffer(scope: OrganisationScope, id: string): Promise<OfferRow | null> {
  const rows = await scope.db.db
    .select()
    .from(offers)
    .where(and(eq(offers.id, id), eq(offers.organisationId, scope.organisation.id)))
    .limit(1);
  return rows[0] ?? null;
}

/** The organisation's offers in every state (or one), newest change first; `limit + 1` rows. */
export async function listOrganisationOffers(scope: OrganisationScope, status: OfferStatus | undefined, limit: number, offset: number): Promise<OfferRow[]> {
  return scope.db.db
    .select()
    .from(offers)
    .where(and(eq(offers.organisationId, scope.organisation.id), ...(status ? [eq(offers.status, status)] : [])))
    .orderBy(desc(offers.updatedAt), asc(offers.id))
    .limit(limit + 1)
    .offset(offset);
}

export interface ReviewableOffer {
  offer: OfferRow;
  organisation: { id: string; slug: string; name: string; kind: (typeof organisations.$inferSelect)["kind"]; homeRegionId: string };
}

/** An offer of an organisation whose home region is the scope's region, or null (also for other regions' offers). */
export async function findRegionOffer(scope: RegionScope, id: string): Promise<ReviewableOffer | null> {
  const rows = await scope.db.db
    .select({
      offer: offers,
      organisation: {
        id: organisations.id,
        slug: organisations.slug,
        name: organisations.name,
        kind: organisations.kind,
        homeRegionId: organisations.homeRegionId,
      },
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .where(and(eq(offers.id, id), eq(organisations.homeRegionId, scope.region.id)))
    .limit(1);
  return rows[0] ?? null;
}

/** Offers of the region's organisations; `status: "in_review"` also lists published offers with an edit waiting. */
export async function listRegionOffers(scope: RegionScope, status: OfferStatus | undefined, limit: number, offset: number) {
  const statusCondition =
    status === "in_review" ? or(eq(offers.status, "in_review"), eq(offers.revisionStatus, "in_review")) : status ? eq(offers.status, status) : undefined;
  return scope.db.db
    .select({ offer: offers, organisation: { slug: organisations.slug, name: organisations.name } })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .where(and(eq(organisations.homeRegionId, scope.region.id), ...(statusCondition ? [statusCondition] : [])))
    .orderBy(desc(offers.updatedAt), asc(offers.id))
    .limit(limit + 1)
    .offset(offset);
}

/** The regions (slug → name) and, for the given names, the municipalities with their region slug: one round trip. */
export async function placeDirectory(db: Db, municipalityNames: string[]) {
  const lower = municipalityNames.map((m) => m.toLowerCase());
  const [regionRows, municipalityRows] = await db.db.batch([
    db.db.select({ slug: regions.slug, name: regions.name }).from(regions).orderBy(asc(regions.slug)),
    db.db
      .select({ name: municipalities.name, region: regions.slug })
      .from(municipalities)
      .innerJoin(regions, eq(regions.id, municipalities.regionId))
      .where(lower.length ? inArray(dsql`lower(${municipalities.name})`, lower) : dsql`0`),
  ]);
  return { regions: new Map(regionRows.map((r) => [r.slug, r.name])), municipalities: municipalityRows };
}

/** Slugs already taken by this base (the base itself or base-N). */
export async function takenSlugs(db: Db, base: string): Promise<Set<string>> {
  const rows = await db.db
    .select({ slug: offers.slug })
    .from(offers)
    .where(or(eq(offers.slug, base), dsql`${offers.slug} like ${`${base}-%`}`));
  return new Set(rows.map((r) => r.slug));
}

/** A new offer; `seq` (its row in the full-text index) is the next integer, taken inside the write transaction. */
export function insertOfferStatement(db: Db, row: Omit<typeof offers.$inferInsert, "seq">) {
  return db.db.insert(offers).values({ ...row, seq: dsql`(select coalesce(max(seq), 0) + 1 from offers)` });
}

/**
 * Changes an offer only while it is still the version the service read, so two reviewers,
 * or a reviewer and an editor, cannot both win: 0 rows = lost a race (409).
 */
export function updateOfferStatement(db: Db, id: string, organisationId: string, expectedVersion: number, patch: Partial<typeof offers.$inferInsert>) {
  const { id: _id, seq: _seq, organisationId: _org, version: _version, ...safe } = patch;
  return db.db
    .update(offers)
    .set({ ...safe, version: expectedVersion + 1 })
    .where(and(eq(offers.id, id), eq(offers.organisationId, organisationId), eq(offers.version, expectedVersion)));
}
