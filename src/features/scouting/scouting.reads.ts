/**
 * Reads for the Support Process pages that would otherwise take several round trips:
 * each loads everything its page shows in one read batch.
 */
import { ReadPlan } from "../../db/read";
import type { RegionScope, SlugScope } from "../../db/scope";
import { notFound } from "../../lib/errors";
import type { Actor } from "../../lib/context";
import { addDays, todayLocal } from "../../lib/time";
import { appointmentQuery } from "../appointments/appointments.repo";
import { planRegionConfig } from "../frontdesks/desk-config";
import { candidateRowsQuery, consultantLoadsQuery, toCandidates, toConsultantLoads } from "./scouting.repo";
import { isAdmin } from "./scouting.access";
import { listClock, toSummary } from "./scouting.lists";

/**
 * The assignment page in one read batch: active candidates without a consultant and the
 * consultants' loads.
 * @example const { unassigned, loads } = await readAssignPage(scope, actor, now);
 */
export async function readAssignPage(scope: RegionScope, actor: Actor, now: number) {
  const plan = new ReadPlan(scope.db);
  const frontdeskIds = actor.role === "frontdesk_staff" ? actor.frontdeskIds : null;
  const candidates = plan.add(candidateRowsQuery(scope, { frontdeskIds }));
  const loads = plan.add(consultantLoadsQuery(scope, addDays(todayLocal(now), -30)));
  await plan.run();
  return {
    unassigned: toCandidates(candidates.value)
      .map((row) => toSummary(row, listClock(scope, now)))
      .filter((c) => c.active && !c.consultant),
    loads: toConsultantLoads(loads.value),
  };
}

/**
 * What the candidate form shows, in one read batch: the region's municipalities, the
 * active desks the actor may scout for (none for a self-registration) and, when the form
 * starts from an appointment, that appointment (null when unknown or not the actor's).
 * @example const form = await readCandidateForm(scope, actor, "staff", appointmentId, now);
 */
export async function readCandidateForm(
  scope: RegionScope | SlugScope,
  actor: Actor | null,
  mode: "staff" | "self",
  appointmentId: string | null,
  now: number,
) {
  const plan = new ReadPlan(scope.db);
  const regionConfig = planRegionConfig(plan, "region" in scope ? scope.region.slug : scope.slug, todayLocal(now));
  const appointment = "region" in scope && mode === "staff" && appointmentId ? plan.add(appointmentQuery(scope, appointmentId)) : null;
  await plan.run();
  const loaded = regionConfig();
  if (!loaded) throw notFound("This region");
  const config = loaded.config;
  const desks =
    mode === "staff" ? config.desks.filter((d) => d.archivedAt === null && (actor?.role !== "frontdesk_staff" || actor.frontdeskIds.includes(d.id))) : [];
  const found = appointment?.value[0] ?? null;
  // As `scoutingAppointment`: an admin any of the region's, frontdesk staff those of their own desks.
  const mayUse = found && actor && (isAdmin(actor) || actor.frontdeskIds.includes(found.frontdeskId));
  return { region: loaded.region, municipalities: config.municipalities, desks, appointment: mayUse ? found : null };
}
