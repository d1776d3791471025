/**
 * A region's public configuration (its settings, municipalities, desks, opening hours,
 * closures and holiday openings), kept in isolate memory and keyed by the region's
 * `config_version`, which database triggers raise with every change to any of them.
 *
 * Every request still reads the region row (with its version) in its one read batch; the
 * configuration statements travel in the same batch but carry a condition that makes them
 * return nothing while this isolate's copy is current. So a warm isolate pays for a
 * configuration only when it changed, and never with an extra round trip.
 */
import { sql } from "drizzle-orm";
import { noteRegionOrigins } from "../../lib/origins";
import type { Db } from "../../db/client";
import { statementTemplate, type ReadPlan } from "../../db/read";
import type { AppointmentLinkScope } from "../../db/scope";
import { municipalitiesQuery, regionBySlugQuery, scopedRegionQuery, type RegionRow } from "../regions/regions.repo";
import { deskConfigQueries, type FrontdeskRow } from "./frontdesks.repo";

export interface DeskConfig {
  regionId: string;
  version: number;
  /** The region's holiday settings at this version. */
  settings: { goodFridayClosed: boolean; liberationDayClosed: boolean };
  /** Closures and holiday openings are held from this local date on. */
  loadedFrom: string;
  municipalities: { cbsCode: string; name: string }[];
  /** Every desk, archived ones included, by municipality and name. */
  desks: FrontdeskRow[];
  hours: { frontdeskId: string; weekday: number; opens: string; closes: string }[];
  closures: { id: string; frontdeskId: string; from: string; to: string; reason: string }[];
  openings: { frontdeskId: string; date: string }[];
}

export interface RegionConfig {
  region: RegionRow;
  config: DeskConfig;
}

/** Regions are few (tens): a plain map per isolate, bounded only as a safeguard. */
const memory = new Map<string, DeskConfig>();
const MAX_REGIONS = 200;

/**
 * This isolate's copy of a region's configuration, unchecked: only for planning how much
 * to read (never for an answer, which always uses the copy checked by `planRegionConfig`).
 */
export function peekRegionConfig(slug: string): DeskConfig | null {
  return memory.get(slug) ?? null;
}

/**
 * Adds the region row and (unless this isolate's copy is current) its configuration to a
 * read plan. After `plan.run()` the returned function gives both, or null for an unknown region.
 * @example const regionConfig = planRegionConfig(plan, "zuid-limburg", today); await plan.run(); regionConfig();
 */
export function planRegionConfig(plan: ReadPlan, key: string | AppointmentLinkScope, today: string): () => RegionConfig | null {
  const slug = typeof key === "string" ? key : null;
  // Only a slug names the copy before the batch; an appointment's link reads the configuration whole.
  const known = slug !== null ? memory.get(slug) : undefined;
  const usable = known && known.loadedFrom <= today ? known : null;
  let region: { value: RegionRow[] };
  let pending: {
    desks: { value: FrontdeskRow[] };
    hours: { value: DeskConfig["hours"] };
    closures: { value: DeskConfig["closures"] };
    openings: { value: DeskConfig["openings"] };
    municipalities: { value: DeskConfig["municipalities"] };
  };
  if (slug !== null) {
    // The hot path of every public page: statements built once per isolate, filled here.
    const values = { slug, fromDate: today, knownId: usable?.regionId ?? "", knownVersion: usable?.version ?? -1 };
    region = plan.add(SLUG_TEMPLATES.region.with(plan.db, values));
    pending = {
      desks: plan.add(SLUG_TEMPLATES.desks.with(plan.db, values)),
      hours: plan.add(SLUG_TEMPLATES.hours.with(plan.db, values)),
      closures: plan.add(SLUG_TEMPLATES.closures.with(plan.db, values)),
      openings: plan.add(SLUG_TEMPLATES.openings.with(plan.db, values)),
      municipalities: plan.add(SLUG_TEMPLATES.municipalities.with(plan.db, values)),
    };
  } else {
    const scope = key as AppointmentLinkScope;
    region = plan.add(scopedRegionQuery(scope));
    const queries = deskConfigQueries(scope, today);
    pending = {
      desks: plan.add(queries.desks),
      hours: plan.add(queries.hours),
      closures: plan.add(queries.closures),
      openings: plan.add(queries.openings),
      municipalities: plan.add(municipalitiesQuery(scope)),
    };
  }
  return () => {
    const row = region.value[0] ?? null;
    if (!row) return null;
    noteRegionOrigins(plan.db, row.slug, row.embedOrigins);
    if (usable && usable.regionId === row.id && usable.version === row.configVersion) return { region: row, config: usable };
    const config: DeskConfig = {
      regionId: row.id,
      version: row.configVersion,
      settings: { goodFridayClosed: row.goodFridayClosed, liberationDayClosed: row.liberationDayClosed },
      loadedFrom: today,
      municipalities: pending.municipalities.value,
      desks: pending.desks.value,
      hours: pending.hours.value,
      closures: pending.closures.value,
      openings: pending.openings.value,
    };
    if (memory.size >= MAX_REGIONS) memory.clear();
    memory.set(row.slug, config);
    return { region: row, config };
  };
}

/**
 * The configuration reads by slug, as templates (see `statementTemplate`): the region row,
 * and the configuration guarded by the copy this isolate holds (`knownId`, `knownVersion`;
 * an empty id when it holds none, so the guard never matches).
 */
const SLUG_TEMPLATES = (() => {
  const slug = sql.placeholder("slug");
  const regionId = sql`(select id from regions where slug = ${slug})`;
  const unless = sql`not exists (select 1 from regions where slug = ${slug} and id = ${sql.placeholder("knownId")} and config_version = ${sql.placeholder("knownVersion")})`;
  const config = (db: Db) => deskConfigQueries({ db, regionId }, sql.placeholder("fromDate"), unless);
  return {
    region: statementTemplate((db) => regionBySlugQuery(db, slug)),
    desks: statementTemplate((db) => config(db).desks),
    hours: statementTemplate((db) => config(db).hours),
    closures: statementTemplate((db) => config(db).closures),
    openings: statementTemplate((db) => config(db).openings),
    municipalities: statementTemplate((db) => municipalitiesQuery({ db, regionId }, unless)),
  };
})();
