/** Logging a trajectory's sessions, and the no-show rule that then demands a go/no-go decision. */
import type { RegionScope } from "../../db/scope";
import { writeBatch } from "../../db/write";
import type { Actor } from "../../lib/context";
import { DomainError } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { todayLocal } from "../../lib/time";
import { auditEntry } from "../audit/audit.repo";
import { assertMayAct, conflictNow, loadVisible, target } from "./scouting.access";
import { findNoShowRule, insertSessionStatement, onlyIfChanged, updateCandidateStatement } from "./scouting.repo";
import type { SessionInput } from "./scouting.schemas";
import { applyNoShowRule, sessionRefusal } from "./transitions";

/**
 * Logs a session. A no-show counts towards the region's no-show rule; when the count reaches
 * it, the trajectory needs a go/no-go decision and further sessions are refused (409) until
 * one is recorded through `changeStage`.
 * @example await logSession(scope, actor, id, { date: "2027-03-29", durationMinutes: 60, attendance: "attended" }, Date.now())
 */
export async function logSession(scope: RegionScope, actor: Actor, id: string, input: SessionInput, now: number) {
  const found = await loadVisible(scope, actor, id);
  const c = found.candidate;
  assertMayAct(actor, c);
  const refusal = sessionRefusal(c);
  if (refusal) throw new DomainError("conflict", refusal);
  if (input.date > todayLocal(now))
    throw new DomainError("validation_failed", "A session is logged after it took place.", [{ path: "date", message: "Use today or an earlier date." }]);
  const rule = await findNoShowRule(scope);
  const next = applyNoShowRule(c, input.attendance, rule);
  const changeId = newId();
  const sessionId = newId();
  const [update] = await writeBatch(scope.db, [
    updateCandidateStatement(scope, id, c.changeId, {
      changeId,
      updatedAt: now,
      noShowsSinceDecision: next.noShowsSinceDecision,
      decisionRequired: next.decisionRequired,
    }),
    onlyIfChanged(
      scope,
      insertSessionStatement(scope, {
        id: sessionId,
        candidateId: id,
        consultantUserId: c.consultantUserId,
        loggedByUserId: actor.id,
        date: input.date,
        durationMinutes: input.durationMinutes,
        attendance: input.attendance,
        note: input.note || null,
        experts: input.experts ?? [],
        voucherApplied: input.voucherApplied ?? false,
        createdAt: now,
      }),
      id,
      changeId,
    ),
    onlyIfChanged(
      scope,
      auditEntry(
        scope,
        actor,
        "scouting.session_logged",
        target(id),
        { sessionId, attendance: input.attendance, decisionRequired: next.decisionRequired },
        now,
      ),
      id,
      changeId,
    ),
  ]);
  if ((update?.rowsAffected ?? 0) !== 1) throw conflictNow();
  return {
    session: { id: sessionId, date: input.date, attendance: input.attendance },
    noShowsSinceDecision: next.noShowsSinceDecision,
    decisionRequired: next.decisionRequired,
  };
}
