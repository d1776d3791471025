import { sql, type SQL } from "drizzle-orm";
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
 * A region named by its slug and resolved by the database inside the same read batch:
 * its queries filter on `region_id = (select id from regions where slug = ?)`, so a public
 * page can look up its region and read its data in one round trip. Still one region only.
 */
export interface SlugScope {
  readonly db: Db;
  readonly slug: string;
}

/**
 * The region of the appointment a manage link names (the link is the capability), resolved
 * inside the same read batch: `region_id = (select region_id from appointments where manage_token_hash = ?)`.
 */
export interface TokenScope {
  readonly db: Db;
  readonly manageTokenHash: string;
}

/**
 * The region of an appointment named by its id, owned by the entrepreneur signed in with this
 * session (its address is the account's verified one), resolved inside the same read batch:
 * `region_id = (select region_id from appointments where id = ? and email = <the session's address>)`.
 * Anyone else's appointment has no region here, so nothing of it is read.
 */
export interface OwnedAppointmentScope {
  readonly db: Db;
  readonly appointmentId: string;
  /** `entrepreneur_sessions.id_hash` of the request's session. */
  readonly entrepreneurSessionHash: string;
}

/** A region resolved from an appointment: its manage link, or its owner's session. */
export type AppointmentLinkScope = TokenScope | OwnedAppointmentScope;

export type AnyRegionScope = RegionScope | SlugScope | AppointmentLinkScope;

/**
 * The region id a scoped query compares with: the id itself, or the subquery of a slug or
 * a manage link.
 * @example where(eq(frontdesks.regionId, regionIdOf(scope)))
 */
export function regionIdOf(scope: AnyRegionScope): string | SQL {
  if ("region" in scope) return scope.region.id;
  if ("slug" in scope) return sql`(select id from regions where slug = ${scope.slug})`;
  if ("appointmentId" in scope) return ownedAppointmentRegion(scope);
  return sql`(select region_id from appointments where manage_token_hash = ${scope.manageTokenHash})`;
}

function ownedAppointmentRegion(scope: OwnedAppointmentScope): SQL {
  return sql`(select region_id from appointments where id = ${scope.appointmentId} and email = (select e.email from entrepreneur_sessions s
    join entrepreneurs e on e.id = s.entrepreneur_id where s.id_hash = ${scope.entrepreneurSessionHash}))`;
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
