/**
 * Who sees and acts on which Support Process candidates, and the audit of reading their
 * personal data. Each service of the feature starts from these guards.
 *
 * Who sees what: frontdesk staff only the candidates scouted at one of their desks (and not
 * the trajectory's working notes); consultants every trajectory of their region but act only
 * on those assigned to them; the region admin (and the platform admin) everything.
 */
import type { RegionScope } from "../../db/scope";
import { writeBatch } from "../../db/write";
import type { Actor } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { auditEntry } from "../audit/audit.repo";
import { auditsPersonalDataAccess, managesSupportProcess } from "../auth/policy";
import { findCandidate, type CandidateWithNames } from "./scouting.repo";

export const isAdmin = (actor: Actor) => managesSupportProcess(actor.role);
export const target = (id: string) => ({ type: "scouting_candidate", id });
export const conflictNow = () => new DomainError("conflict", "This trajectory changed at the same moment; reload and try again.");

export function maySee(actor: Actor, candidate: CandidateWithNames["candidate"]): boolean {
  if (actor.role === "frontdesk_staff") return candidate.frontdeskId !== null && actor.frontdeskIds.includes(candidate.frontdeskId);
  return isAdmin(actor) || actor.role === "consultant";
}

/** Whether the actor may work on the trajectory: its consultant, or an admin. */
export function assertMayAct(actor: Actor, candidate: CandidateWithNames["candidate"]): void {
  if (isAdmin(actor)) return;
  if (actor.role === "consultant" && candidate.consultantUserId === actor.id) return;
  throw new DomainError("forbidden", "Only the trajectory's consultant or the region admin may do this.");
}

/** The candidate if the actor may see it, else 404 (as if it did not exist). */
export async function loadVisible(scope: RegionScope, actor: Actor, id: string): Promise<CandidateWithNames> {
  const found = await findCandidate(scope, id);
  if (!found || !maySee(actor, found.candidate)) throw notFound("This candidate");
  return found;
}

/**
 * Records that the actor read candidates' personal data, when their role is audited for it
 * (the programme office: personal data only for a Support Process task, every access in the
 * region's audit log). Nothing for anyone else.
 * @example await recordPersonalDataAccess(scope, actor, { candidateIds: [id] }, now);
 */
export async function recordPersonalDataAccess(
  scope: RegionScope,
  actor: Actor,
  read: { candidateIds: string[]; task: "candidate_list" | "trajectory" },
  now: number,
): Promise<void> {
  if (!auditsPersonalDataAccess(actor.role) || read.candidateIds.length === 0) return;
  const single = read.candidateIds.length === 1 ? read.candidateIds[0] : undefined;
  await writeBatch(scope.db, [
    auditEntry(scope, actor, "scouting.personal_data_read", single ? target(single) : null, { task: read.task, candidates: read.candidateIds.length }, now),
  ]);
}
