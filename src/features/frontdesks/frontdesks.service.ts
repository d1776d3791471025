import type { Db } from "../../db/client";
import { ReadPlan } from "../../db/read";
import { notFound } from "../../lib/errors";
import type { RegionScope } from "../../db/scope";
import { listFrontdesks, type FrontdeskRow } from "./frontdesks.repo";
import { planRegionConfig, type DeskConfig, type RegionConfig } from "./desk-config";
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

/** The public detail of a desk from its region's configuration (no query). */
export function frontdeskDetailOf(config: DeskConfig, row: FrontdeskRow, today: string) {
  return {
    ...toFrontdeskSummary(row),
    capacityPerSlot: row.capacityPerSlot,
    minNoticeHours: row.minNoticeHours,
    maxAdvanceDays: row.maxAdvanceDays,
    cancelCutoffHours: row.cancelCutoffHours,
    phone: row.phone,
    email: row.email,
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
 * The region's active frontdesks that match the filter, in one round trip.
 * @example await readFrontdesks(db, "zuid-limburg", { topic: "financiering" }, now)
 */
export async function readFrontdesks(db: Db, slug: string, filter: FrontdeskFilter, now: number): Promise<FrontdeskRow[]> {
  const { config } = await readRegionConfig(db, slug, now);
  return config.desks.filter((row) => row.archivedAt === null && matchesFilter(row, filter));
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
