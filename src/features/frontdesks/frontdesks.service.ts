import type { Db } from "../../db/client";
import { ReadPlan } from "../../db/read";
import { notFound } from "../../lib/errors";
import type { RegionScope } from "../../db/scope";
import { listFrontdesks, type FrontdeskRow } from "./frontdesks.repo";
import { planRegionConfig, type DeskConfig, type RegionConfig } from "./desk-config";
import { todayLocal, TIMEZONE } from "../../lib/time";
import type { Mode, Topic } from "../../lib/vocabulary";
import type { Actor } from "../../lib/context";
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

/** The public detail of a desk from its region's configuration (no query). */
export function frontdeskDetailOf(config: DeskConfig, row: FrontdeskRow, today: string) {
  return {
    ...toFrontdeskSummary(row),
    capacityPerSlot: row.capacityPerSlot,
    minNoticeHours: row.minNoticeHours,
    maxAdvanceDays: row.maxAdvanceDays,
    cancelCutoffHours: row.cancelCutoffHours,
    servedMunicipalities: servedMunicipalities(
      row,
      config.municipalities.map((m) => m.name),
    ),
    visitInfo: row.visitInfo,
    accessInfo: row.accessInfo,
    timezone: TIMEZONE,
    openingHours: {
      weekly: config.hours.filter((h) => h.frontdeskId === row.id).map(({ weekday, opens, closes }) => ({ weekday, opens, closes })),
    },
    closures: config.closures.filter((c) => c.frontdeskId === row.id && c.to >= today).map(({ id, from, to, reason }) => ({ id, from, to, reason })),
  };
}

export type FrontdeskDetail = ReturnType<typeof frontdeskDetailOf>;

/** What a desk's public detail depends on: the region (id, creation) and its configuration version. */
export interface ConfigVersions {
  regionId: string;
  created: number;
  config: number;
}

/** Reads a region's configuration in one round trip (404 for an unknown region). */
export async function readRegionConfig(db: Db, slug: string, now: number): Promise<RegionConfig> {
  const plan = new ReadPlan(db);
  const read = planRegionConfig(plan, slug, todayLocal(now));
  await plan.run();
  const loaded = read();
  if (!loaded) throw notFound("This region");
  return loaded;
}

/**
 * The region's active frontdesks that match the filter (with a municipality: the desks that
 * serve it, nearest first), in one round trip.
 * @example await readFrontdesks(db, "zuid-limburg", { municipality: "Vaals", topic: "financiering" }, now)
 */
export async function readFrontdesks(db: Db, slug: string, filter: FrontdeskFilter, now: number): Promise<FrontdeskRow[]> {
  const { config } = await readRegionConfig(db, slug, now);
  return selectDesks(
    config.desks.filter((row) => row.archivedAt === null),
    filter,
    config.municipalities.map((m) => m.name),
  );
}

/**
 * One active frontdesk with its weekly hours and upcoming closures, in one round trip; with
 * `known` configuration version still current, `detail` is null (the caller holds it).
 * @example await readFrontdeskDetail(db, "zuid-limburg", id, now)
 */
export async function readFrontdeskDetail(db: Db, slug: string, id: string, now: number, known: ConfigVersions | null = null) {
  const { region, config } = await readRegionConfig(db, slug, now);
  const row = config.desks.find((d) => d.id === id);
  if (!row || row.archivedAt !== null) throw notFound("This frontdesk");
  const versions: ConfigVersions = { regionId: region.id, created: region.createdAt, config: region.configVersion };
  const current = known !== null && known.regionId === versions.regionId && known.created === versions.created && known.config === versions.config;
  return { versions, detail: current ? null : frontdeskDetailOf(config, row, todayLocal(now)) };
}

/**
 * The region's desks a user works for: every desk for admins and consultants, their own for
 * frontdesk staff. Archived desks only with `includeArchived` (an agenda still shows them).
 */
export async function frontdesksFor(scope: RegionScope, actor: Pick<Actor, "role" | "frontdeskIds">, opts: { includeArchived?: boolean } = {}) {
  const desks = await listFrontdesks(scope, opts);
  return actor.role === "frontdesk_staff" ? desks.filter((d) => actor.frontdeskIds.includes(d.id)) : desks;
}
