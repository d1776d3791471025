/** Consultants and their caseloads, and the region's Support Process settings (the no-show rule). */
import type { RegionScope } from "../../db/scope";
import { writeBatch } from "../../db/write";
import type { Actor } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { addDays, todayLocal } from "../../lib/time";
import { auditEntry } from "../audit/audit.repo";
import { findNoShowRule, findRegionConsultant, listCandidateRows, listConsultantLoads, upsertSettingsStatement } from "./scouting.repo";
import { listClock, toSummary, type CandidateSummary } from "./scouting.lists";

/**
 * A consultant's caseload: their assigned trajectories, active first (those needing a
 * decision on top), then the ended ones; most recently changed first within each group.
 * @example await listCaseload(scope, actor.id, now)
 */
export async function listCaseload(scope: RegionScope, consultantId: string, now: number): Promise<CandidateSummary[]> {
  const clock = listClock(scope, now);
  const rows = (await listCandidateRows(scope, { frontdeskIds: null, consultantId })).map((row) => toSummary(row, clock));
  const rank = (c: CandidateSummary) => (c.active ? (c.decisionRequired ? 0 : 1) : 2);
  return rows.sort((a, b) => rank(a) - rank(b) || b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * Whose caseload an actor asks for: a consultant always their own; an admin names one.
 * @example const consultantId = await caseloadOwner(scope, actor, query.consultantId);
 */
export async function caseloadOwner(scope: RegionScope, actor: Actor, requested: string | undefined): Promise<string> {
  if (actor.role === "consultant") {
    if (requested && requested !== actor.id) throw new DomainError("forbidden", "A consultant sees their own caseload.");
    return actor.id;
  }
  if (!requested)
    throw new DomainError("validation_failed", "Choose whose caseload to show.", [{ path: "query.consultantId", message: "Give a consultant's id." }]);
  if (!(await findRegionConsultant(scope, requested))) throw notFound("This consultant");
  return requested;
}

/** An enabled consultant of the region, or null. */
export function findConsultant(scope: RegionScope, id: string): Promise<{ id: string; name: string } | null> {
  return findRegionConsultant(scope, id);
}

/**
 * Each consultant's load: active trajectories, decisions pending and sessions in the last 30 days.
 * @example await consultantLoads(scope, Date.now())
 */
export async function consultantLoads(scope: RegionScope, now: number) {
  return listConsultantLoads(scope, addDays(todayLocal(now), -30));
}

/**
 * The region's Support Process settings (defaults when never changed).
 * @example await getScoutingSettings(scope) // { noShowRule: 2 }
 */
export async function getScoutingSettings(scope: RegionScope): Promise<{ noShowRule: number }> {
  return { noShowRule: await findNoShowRule(scope) };
}

/**
 * Changes the region's Support Process settings; audited. Trajectories already waiting for a
 * decision keep waiting; a new rule applies from the next session on.
 * @example await updateScoutingSettings(scope, actor, { noShowRule: 3 }, Date.now())
 */
export async function updateScoutingSettings(scope: RegionScope, actor: Actor, input: { noShowRule: number }, now: number): Promise<{ noShowRule: number }> {
  const previous = await findNoShowRule(scope);
  await writeBatch(scope.db, [
    upsertSettingsStatement(scope, input, now),
    auditEntry(scope, actor, "scouting.settings_changed", null, { noShowRule: input.noShowRule, previous }, now),
  ]);
  return { noShowRule: input.noShowRule };
}
