/** Effort commitments: agreed at intake, reconfirmed later, and carried by a go decision. */
import type { RegionScope } from "../../db/scope";
import type { Stage } from "../../db/schema";
import { writeBatch } from "../../db/write";
import type { Actor } from "../../lib/context";
import { DomainError } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { formatOffsetIso } from "../../lib/time";
import { auditEntry } from "../audit/audit.repo";
import { assertMayAct, conflictNow, loadVisible, target } from "./scouting.access";
import { insertCommitmentStatement, onlyIfChanged, updateCandidateStatement } from "./scouting.repo";
import type { CommitmentInput } from "./scouting.schemas";
import { isActiveStage } from "./transitions";

export function commitmentRow(
  candidateId: string,
  point: "intake" | "go_decision" | "reconfirmation",
  stage: Stage,
  input: CommitmentInput,
  actor: Actor,
  now: number,
) {
  return {
    id: newId(),
    candidateId,
    point,
    stage,
    entrepreneurCommitment: input.entrepreneurCommitment,
    consultantCommitment: input.consultantCommitment,
    entrepreneurName: input.entrepreneurName,
    consultantUserId: actor.id,
    agreedAt: now,
  };
}

/**
 * Records an effort commitment: agreed at intake (point `intake` while the trajectory is in
 * the intake stage), or reconfirmed later (`reconfirmation`). Go decisions carry their own
 * reconfirmation through `changeStage`. Audited.
 * @example await recordCommitment(scope, actor, id, { entrepreneurCommitment: "4 uur per week", consultantCommitment: "wekelijkse sessie", entrepreneurName: "An" }, Date.now())
 */
export async function recordCommitment(scope: RegionScope, actor: Actor, id: string, input: CommitmentInput, now: number) {
  const found = await loadVisible(scope, actor, id);
  const c = found.candidate;
  assertMayAct(actor, c);
  if (!isActiveStage(c.stage)) throw new DomainError("conflict", `This trajectory has ended (${c.stage}).`);
  if (c.stage === "registered") throw new DomainError("conflict", "The effort commitment is agreed at intake: start the intake first.");
  const point = c.stage === "intake" ? "intake" : "reconfirmation";
  const changeId = newId();
  const row = commitmentRow(id, point, c.stage, input, actor, now);
  const [update] = await writeBatch(scope.db, [
    updateCandidateStatement(scope, id, c.changeId, { changeId, updatedAt: now }),
    onlyIfChanged(scope, insertCommitmentStatement(scope, row), id, changeId),
    onlyIfChanged(
      scope,
      auditEntry(scope, actor, "scouting.commitment_recorded", target(id), { point, stage: c.stage, commitmentId: row.id }, now),
      id,
      changeId,
    ),
  ]);
  if ((update?.rowsAffected ?? 0) !== 1) throw conflictNow();
  return { id: row.id, point, stage: c.stage, agreedAt: formatOffsetIso(now) };
}
