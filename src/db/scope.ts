import type { Db } from "./client";
import type { OrganisationRef, RegionRef } from "../lib/context";

/**
 * The only way into region-owned tables: every repository function takes a scope, and
 * every query it runs filters on `scope.region.id`. There is no unscoped variant.
 */
export interface RegionScope {
  readonly db: Db;
  readonly region: RegionRef;
}

/**
 * @example const scope = regionScope(c.var.db, c.var.region);
 */
export function regionScope(db: Db, region: RegionRef): RegionScope {
  return { db, region };
}

/**
 * The way into one organisation's offers (organisations themselves are platform-level rows):
 * every offer query filters on `scope.organisation.id`.
 */
export interface OrganisationScope {
  readonly db: Db;
  readonly organisation: OrganisationRef;
}

/**
 * @example const scope = organisationScope(c.var.db, c.var.organisation);
 */
export function organisationScope(db: Db, organisation: OrganisationRef): OrganisationScope {
  return { db, organisation };
}
