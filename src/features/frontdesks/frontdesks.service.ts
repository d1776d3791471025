import type { RegionScope } from "../../db/scope";
import { notFound } from "../../lib/errors";
import { findFrontdesk, listClosures, listFrontdesks, listOpeningHours, type FrontdeskRow } from "./frontdesks.repo";
import { todayLocal, TIMEZONE } from "../../lib/time";
import type { Mode, Topic } from "../../lib/vocabulary";
import type { Actor } from "../../lib/context";
import { listMunicipalities } from "../regions/regions.repo";
import { municipalityDistanceKm } from "../../lib/municipality-centroids";

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
    phone: row.phone,
    email: row.email,
  };
}

/** The municipalities a desk serves: its own list, or (none set) every municipality of its region. */
export function servedMunicipalities(row: Pick<FrontdeskRow, "servedMunicipalities">, regionMunicipalities: readonly string[]): string[] {
  return row.servedMunicipalities ?? [...regionMunicipalities];
}

/**
 * True when the desk serves an entrepreneur of `municipality` (a name of the region's own
 * list) for the mode asked: a desk that offers video serves the whole region by video, so it
 * serves everyone unless only in-person help is asked; otherwise its served list decides.
 */
export function servesMunicipality(row: FrontdeskRow, municipality: string, regionMunicipalities: readonly string[], mode?: Mode): boolean {
  if (!regionMunicipalities.includes(municipality)) return false;
  if (row.modes.includes("video") && mode !== "in_person") return true;
  return servedMunicipalities(row, regionMunicipalities).includes(municipality);
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase("nl") === b.trim().toLocaleLowerCase("nl");

/**
 * The desks that match the filter; with a municipality, those that serve it (see
 * `servesMunicipality`), nearest first (straight line between the municipalities' centres;
 * desks without a known distance last, then by name). The asked name compares case-insensitively.
 */
export function selectDesks(rows: FrontdeskRow[], filter: FrontdeskFilter, regionMunicipalities: readonly string[]): FrontdeskRow[] {
  const topical = rows.filter((row) => (!filter.topic || row.topics.includes(filter.topic)) && (!filter.mode || row.modes.includes(filter.mode)));
  if (!filter.municipality) return topical;
  const asked = filter.municipality;
  const municipality = regionMunicipalities.find((m) => sameName(m, asked));
  if (!municipality) return [];
  const serving = topical.filter((row) => servesMunicipality(row, municipality, regionMunicipalities, filter.mode));
  const distance = (row: FrontdeskRow) => municipalityDistanceKm(municipality, row.municipality) ?? Number.POSITIVE_INFINITY;
  return serving
    .map((row) => ({ row, km: distance(row) }))
    .sort((a, b) => a.km - b.km || a.row.name.localeCompare(b.row.name, "nl"))
    .map(({ row }) => row);
}

/**
 * The region's active frontdesks that match the filter (with a municipality: the desks that
 * serve it, nearest first).
 * @example await findFrontdesks(scope, { municipality: "Vaals", topic: "financiering" })
 */
export async function findFrontdesks(scope: RegionScope, filter: FrontdeskFilter): Promise<FrontdeskRow[]> {
  const [rows, municipalities] = await Promise.all([listFrontdesks(scope), filter.municipality ? listMunicipalities(scope) : Promise.resolve([])]);
  return selectDesks(
    rows,
    filter,
    municipalities.map((m) => m.name),
  );
}

/**
 * One frontdesk with its weekly hours and upcoming closures; archived desks are hidden unless asked.
 * @example await getFrontdeskDetail(scope, id, Date.now())
 */
export async function getFrontdeskDetail(scope: RegionScope, id: string, now: number, opts: { includeArchived?: boolean } = {}) {
  const row = await findFrontdesk(scope, id);
  if (!row || (row.archivedAt !== null && !opts.includeArchived)) throw notFound("This frontdesk");
  const [weekly, closures, municipalities] = await Promise.all([
    listOpeningHours(scope, [id]),
    listClosures(scope, todayLocal(now), id),
    listMunicipalities(scope),
  ]);
  return {
    ...toFrontdeskSummary(row),
    capacityPerSlot: row.capacityPerSlot,
    minNoticeHours: row.minNoticeHours,
    maxAdvanceDays: row.maxAdvanceDays,
    cancelCutoffHours: row.cancelCutoffHours,
    servedMunicipalities: servedMunicipalities(
      row,
      municipalities.map((m) => m.name),
    ),
    visitInfo: row.visitInfo,
    accessInfo: row.accessInfo,
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
