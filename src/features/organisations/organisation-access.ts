import type { Db } from "../../db/client";
import type { Actor, OrganisationRef } from "../../lib/context";
import { notFound } from "../../lib/errors";
import { findOrganisationBySlug } from "./organisations.repo";

/**
 * Who may act for an organisation (its offers, invitations): the platform admin; a partner
 * of that organisation; a region admin of the organisation's home region. Everyone else
 * is told it does not exist.
 * @example mayActForOrganisation(actor, org)
 */
export function mayActForOrganisation(actor: Pick<Actor, "role" | "regionId" | "organisationId">, org: Pick<OrganisationRef, "id" | "homeRegionId">): boolean {
  if (actor.role === "platform_admin") return true;
  if (actor.role === "partner") return actor.organisationId === org.id;
  if (actor.role === "region_admin") return actor.regionId === org.homeRegionId;
  return false;
}

/**
 * The policy step for routes with an `:org` segment (`src/http/access.ts` calls it after the
 * role check): the organisation this actor may act for, or 404.
 */
export async function organisationFor(db: Db, actor: Actor, slug: string): Promise<OrganisationRef> {
  const org = /^[a-z0-9-]{1,60}$/.test(slug) ? await findOrganisationBySlug(db, slug) : null;
  if (!org || !mayActForOrganisation(actor, org)) throw notFound("This organisation");
  return org;
}
