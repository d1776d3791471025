/** Candidate lists: a candidate's summary, with the overdue go/no-go flag on the region's working days. */
import type { RegionScope } from "../../db/scope";
import type { Stage } from "../../db/schema";
import type { Actor } from "../../lib/context";
import { formatOffsetIso } from "../../lib/time";
import type { HolidaySettings } from "../availability/holidays";
import { listCandidateRows, type CandidateWithNames } from "./scouting.repo";
import { decisionOverdue, decisionWaitingSince, isActiveStage } from "./transitions";

/** The clock of a candidate list: now and the region's holiday calendar (for the overdue decision flag). */
export interface ListClock {
  now: number;
  holidays: HolidaySettings;
}

/** The list clock of a region at `now`. */
export function listClock(scope: RegionScope, now: number): ListClock {
  return { now, holidays: { goodFridayClosed: scope.region.goodFridayClosed, liberationDayClosed: scope.region.liberationDayClosed } };
}

/** A candidate as lists show it; with a clock also since when a go/no-go decision waits and whether that is overdue. */
export function toSummary(found: CandidateWithNames, clock?: ListClock) {
  const { candidate: c, frontdeskName, consultantName, sessionCount } = found;
  const waitingSince = clock ? decisionWaitingSince({ ...c, assessedAt: found.assessedAt, lastSessionAt: found.lastSessionAt }) : null;
  return {
    id: c.id,
    source: c.source,
    frontdesk: c.frontdeskId ? { id: c.frontdeskId, name: frontdeskName ?? "" } : null,
    company: { name: c.companyName, kvkNumber: c.kvkNumber },
    municipality: c.municipality,
    topic: c.topic,
    stage: c.stage,
    active: isActiveStage(c.stage),
    qualified: c.qualifiedAt !== null,
    decisionRequired: c.decisionRequired && isActiveStage(c.stage),
    consultant: c.consultantUserId ? { id: c.consultantUserId, name: consultantName ?? "" } : null,
    sessionCount,
    registeredAt: formatOffsetIso(c.createdAt),
    updatedAt: formatOffsetIso(c.updatedAt),
    ...(clock
      ? {
          decisionWaitingSince: waitingSince === null ? null : formatOffsetIso(waitingSince),
          decisionOverdue: decisionOverdue(waitingSince, clock.now, clock.holidays),
        }
      : {}),
  };
}
export type CandidateSummary = ReturnType<typeof toSummary>;

/**
 * The candidates the actor may see, newest first: frontdesk staff only those of their own
 * desks; consultants and admins the whole region.
 * With `now`, each carries the overdue go/no-go flag (the region's working days).
 * @example await listCandidates(scope, actor, { stage: "intake" }, c.var.now)
 */
export async function listCandidates(
  scope: RegionScope,
  actor: Actor,
  filter: { stage?: Stage | undefined; frontdeskId?: string | undefined; consultantId?: string | undefined } = {},
  now?: number,
): Promise<CandidateSummary[]> {
  const frontdeskIds = actor.role === "frontdesk_staff" ? actor.frontdeskIds : null;
  const rows = await listCandidateRows(scope, { frontdeskIds, ...filter });
  const clock = now === undefined ? undefined : listClock(scope, now);
  return rows.map((row) => toSummary(row, clock));
}
