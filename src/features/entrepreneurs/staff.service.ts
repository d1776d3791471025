/**
 * What staff see of entrepreneur accounts (issue 17): on an appointment, whether the
 * entrepreneur keeps a company profile, and the profile itself within the region's rules:
 * only through an appointment of the region (for frontdesk staff: of one of their desks).
 */
import type { SQLWrapper } from "drizzle-orm";
import type { ReadPlan } from "../../db/read";
import type { RegionScope } from "../../db/scope";
import type { Actor } from "../../lib/context";
import { notFound } from "../../lib/errors";
import { emailsWithProfileQuery, findProfileForAppointment } from "./entrepreneurs.repo";
import { type Profile, toProfile } from "./overview.service";

/**
 * Adds to a read plan which appointment addresses (a subquery of lower-cased addresses)
 * belong to an entrepreneur with a company profile; the function gives them after the run.
 * @example const withProfile = planAddressesWithProfile(plan, emails); await plan.run(); withProfile().has("an@brood.nl");
 */
export function planAddressesWithProfile(plan: ReadPlan, among: SQLWrapper): () => Set<string> {
  const rows = plan.add(emailsWithProfileQuery(plan.db, among));
  return () => new Set(rows.value.map((r) => r.email));
}

/**
 * The company profile of the entrepreneur behind an appointment of the region, or 404 (also
 * when the appointment is another region's, another desk's for frontdesk staff, or the
 * entrepreneur keeps no profile).
 * @example await profileForAppointment(scope, actor, appointmentId)
 */
export async function profileForAppointment(scope: RegionScope, actor: Actor, appointmentId: string): Promise<Profile> {
  const row = await findProfileForAppointment(scope, appointmentId, actor.role === "frontdesk_staff" ? actor.frontdeskIds : null);
  const profile = toProfile(row ?? undefined);
  if (!profile) throw notFound("A company profile for this appointment");
  return profile;
}
