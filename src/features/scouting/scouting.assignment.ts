/** Assigning a trajectory to a consultant of the region, with the mail to the consultant. */
import type { RegionScope } from "../../db/scope";
import { writeBatch } from "../../db/write";
import type { Actor } from "../../lib/context";
import { DomainError } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { auditEntry } from "../audit/audit.repo";
import { renderAssignmentNotice } from "../notifications/candidate-messages";
import { conflictNow, isAdmin, loadVisible, target } from "./scouting.access";
import { findRegionConsultant, insertAssignmentMailStatement, onlyIfChanged, updateCandidateStatement } from "./scouting.repo";
import { getTrajectory } from "./scouting.trajectory";
import { isActiveStage } from "./transitions";

/**
 * Assigns (or reassigns) an active trajectory to a consultant of the same region. Audited; the
 * consultant gets a mail (once per trajectory and consultant; `origin` for its link), written
 * with the assignment.
 * @example await assignConsultant(scope, actor, id, consultantId, Date.now(), origin)
 */
export async function assignConsultant(scope: RegionScope, actor: Actor, id: string, consultantId: string, now: number, origin = "") {
  const found = await loadVisible(scope, actor, id);
  const c = found.candidate;
  if (!isAdmin(actor)) throw new DomainError("forbidden", "Only the region admin assigns consultants.");
  const consultant = await findRegionConsultant(scope, consultantId);
  if (!consultant)
    throw new DomainError("validation_failed", "Choose a consultant of this region.", [
      { path: "consultantId", message: "This is not an active consultant of this region." },
    ]);
  if (!isActiveStage(c.stage)) throw new DomainError("conflict", `This trajectory has ended (${c.stage}).`);
  const changeId = newId();
  const mail = renderAssignmentNotice({
    consultantName: consultant.name,
    municipality: c.municipality,
    regionName: scope.region.name,
    ...(origin ? { staffUrl: `${origin}/beheer/${scope.region.slug}/kandidaten/${id}` } : {}),
  });
  const [update] = await writeBatch(scope.db, [
    updateCandidateStatement(scope, id, c.changeId, { changeId, updatedAt: now, consultantUserId: consultant.id, assignedAt: now }),
    onlyIfChanged(
      scope,
      auditEntry(scope, actor, "scouting.consultant_assigned", target(id), { consultantId: consultant.id, previous: c.consultantUserId }, now),
      id,
      changeId,
    ),
    insertAssignmentMailStatement(scope, {
      candidateId: id,
      changeId,
      consultantId: consultant.id,
      recipient: consultant.email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      now,
    }),
  ]);
  if ((update?.rowsAffected ?? 0) !== 1) throw conflictNow();
  return getTrajectory(scope, actor, id);
}
