import type { ReadPlan } from "../../db/read";
import type { Actor, OrganisationRef } from "../../lib/context";
import { notFound } from "../../lib/errors";
import { organisationBySlugQuery } from "./organisations.repo";

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
 * Adds the lookup of an `:org` segment to a read plan (the request's session batch, so the
 * organisation costs no round trip of its own); call the returned function after the plan ran.
 * @example const org = organisationLookup(plan, slug); await plan.run(); organisationFor(actor, org());
 */
export function organisationLookup(plan: ReadPlan, slug: string): () => OrganisationRef | null {
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) return () => null;
  const rows = plan.add(organisationBySlugQuery(plan.db, slug));
  return () => rows.value[0] ?? null;
}

/**
 * The policy step for routes with an `:org` segment (`src/http/access.ts` calls it after the
 * role check): the organisation this actor may act for, or 404.
 */
export function organisationFor(actor: Actor, org: OrganisationRef | null): OrganisationRef {
  if (!org || !mayActForOrganisation(actor, org)) throw notFound("This organisation");
  return org;
}
