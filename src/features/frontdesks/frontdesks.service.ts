import type { RegionScope } from "../../db/scope";
import { notFound } from "../../lib/errors";
import { findFrontdesk, listClosures, listFrontdesks, listOpeningHours, type FrontdeskRow } from "./frontdesks.repo";
import { todayLocal, TIMEZONE } from "../../lib/time";
import type { Mode, Topic } from "../../lib/vocabulary";
import type { Actor } from "../../lib/context";

export interface FrontdeskFilter {
  municipality?: string;
  topic?: Topic;
  mode?: Mode;
}

/** The public summary of a frontdesk (contract field names). */
export function toFrontdeskSummary(row: FrontdeskRow) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    municipality: row.municipality,
    address: row.address,
    modes: row.modes,
    topics: row.topics,
    slotMinutes: row.slotMinutes,
  };
}

/** True when a frontdesk serves the filter (municipality compared case-insensitively). */
export function matchesFilter(row: FrontdeskRow, filter: FrontdeskFilter): boolean {
  if (filter.municipality && row.municipality.toLocaleLowerCase("nl") !== filter.municipality.trim().toLocaleLowerCase("nl")) return false;
  if (filter.topic && !row.topics.includes(filter.topic)) return false;
  if (filter.mode && !row.modes.includes(filter.mode)) return false;
  return true;
}

/**
 * The region's active frontdesks that match the filter.
 * @example await findFrontdesks(scope, { topic: "financiering" })
 */
export async function findFrontdesks(scope: RegionScope, filter: FrontdeskFilter): Promise<FrontdeskRow[]> {
  const rows = await listFrontdesks(scope);
  return rows.filter((row) => matchesFilter(row, filter));
}

/**
 * One frontdesk with its weekly hours and upcoming closures; archived desks are hidden unless asked.
 * @example await getFrontdeskDetail(scope, id, Date.now())
 */
export async function getFrontdeskDetail(scope: RegionScope, id: string, now: number, opts: { includeArchived?: boolean } = {}) {
  const row = await findFrontdesk(scope, id);
  if (!row || (row.archivedAt !== null && !opts.includeArchived)) throw notFound("This frontdesk");
  const [weekly, closures] = await Promise.all([listOpeningHours(scope, [id]), listClosures(scope, todayLocal(now), id)]);
  return {
    ...toFrontdeskSummary(row),
    capacityPerSlot: row.capacityPerSlot,
    minNoticeHours: row.minNoticeHours,
    maxAdvanceDays: row.maxAdvanceDays,
    cancelCutoffHours: row.cancelCutoffHours,
    phone: row.phone,
    email: row.email,
    timezone: TIMEZONE,
    openingHours: { weekly: weekly.map(({ weekday, opens, closes }) => ({ weekday, opens, closes })) },
    closures: closures.map(({ id: closureId, from, to, reason }) => ({ id: closureId, from, to, reason })),
  };
}

/**
 * The region's desks a user works for: every desk for admins and consultants, their own for
 * frontdesk staff. Archived desks only with `includeArchived` (an agenda still shows them).
 */
export async function frontdesksFor(scope: RegionScope, actor: Pick<Actor, "role" | "frontdeskIds">, opts: { includeArchived?: boolean } = {}) {
  const desks = await listFrontdesks(scope, opts);
  return actor.role === "frontdesk_staff" ? desks.filter((d) => actor.frontdeskIds.includes(d.id)) : desks;
}
