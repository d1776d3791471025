import { and, asc, eq, gte, isNull, type Placeholder, type SQL } from "drizzle-orm";
import type { InStatement } from "@libsql/client/web";
import type { Db } from "../../db/client";
import { closures, frontdesks, holidayOpenings, openingHours } from "../../db/schema";
import { regionIdOf, type AnyRegionScope, type RegionScope } from "../../db/scope";

export type FrontdeskRow = typeof frontdesks.$inferSelect;

/** Active (not archived) frontdesks of the region, or all of them for admins. */
/**
 * Statements for a read plan: a region's whole desk configuration (archived desks
 * included; closures and holiday openings from `fromDate` on). `unless` is an extra
 * condition that makes them return nothing, e.g. when this isolate's copy is current.
 */
export function deskConfigQueries(scope: AnyRegionScope | { db: Db; regionId: SQL }, fromDate: string | Placeholder, unless?: SQL) {
  const db = scope.db.db;
  const regionId = "regionId" in scope ? scope.regionId : regionIdOf(scope);
  return {
    desks: db
      .select()
      .from(frontdesks)
      .where(and(eq(frontdesks.regionId, regionId), unless))
      .orderBy(asc(frontdesks.municipality), asc(frontdesks.name)),
    hours: db
      .select({ frontdeskId: openingHours.frontdeskId, weekday: openingHours.weekday, opens: openingHours.opens, closes: openingHours.closes })
      .from(openingHours)
      .where(and(eq(openingHours.regionId, regionId), unless))
      .orderBy(asc(openingHours.weekday), asc(openingHours.opens)),
    closures: db
      .select({ id: closures.id, frontdeskId: closures.frontdeskId, from: closures.fromDate, to: closures.toDate, reason: closures.reason })
      .from(closures)
      .where(and(eq(closures.regionId, regionId), gte(closures.toDate, fromDate), unless))
      .orderBy(asc(closures.fromDate)),
    openings: db
      .select({ frontdeskId: holidayOpenings.frontdeskId, date: holidayOpenings.date })
      .from(holidayOpenings)
      .where(and(eq(holidayOpenings.regionId, regionId), gte(holidayOpenings.date, fromDate), unless)),
  };
}

export async function listFrontdesks(scope: RegionScope, opts: { includeArchived?: boolean } = {}): Promise<FrontdeskRow[]> {
  const inRegion = eq(frontdesks.regionId, scope.region.id);
  return scope.db.db
    .select()
    .from(frontdesks)
    .where(opts.includeArchived ? inRegion : and(inRegion, isNull(frontdesks.archivedAt)))
    .orderBy(asc(frontdesks.municipality), asc(frontdesks.name));
}

export async function findFrontdesk(scope: RegionScope, id: string): Promise<FrontdeskRow | null> {
  const rows = await scope.db.db
    .select()
    .from(frontdesks)
    .where(and(eq(frontdesks.regionId, scope.region.id), eq(frontdesks.id, id)))
    .limit(1);
  return rows[0] ?? null;
}

export function insertFrontdeskStatement(scope: RegionScope, row: Omit<typeof frontdesks.$inferInsert, "regionId">) {
  return scope.db.db.insert(frontdesks).values({ ...row, regionId: scope.region.id });
}

export function updateFrontdeskStatement(scope: RegionScope, id: string, patch: Partial<typeof frontdesks.$inferInsert>) {
  const { regionId: _ignored, id: _id, ...safe } = patch;
  return scope.db.db
    .update(frontdesks)
    .set(safe)
    .where(and(eq(frontdesks.regionId, scope.region.id), eq(frontdesks.id, id)));
}

export function replaceOpeningHoursStatements(
  scope: RegionScope,
  frontdeskId: string,
  weekly: { weekday: number; opens: string; closes: string }[],
  newId: () => string,
) {
  return [
    scope.db.db.delete(openingHours).where(and(eq(openingHours.regionId, scope.region.id), eq(openingHours.frontdeskId, frontdeskId))),
    ...weekly.map((i) =>
      scope.db.db.insert(openingHours).values({ id: newId(), regionId: scope.region.id, frontdeskId, weekday: i.weekday, opens: i.opens, closes: i.closes }),
    ),
  ];
}

export function insertClosureStatement(
  scope: RegionScope,
  row: { id: string; frontdeskId: string; fromDate: string; toDate: string; reason: string; createdAt: number },
) {
  return scope.db.db.insert(closures).values({ ...row, regionId: scope.region.id });
}

/**
 * A closure inserted only when no closure of the desk already covers `fromDate`–`toDate`
 * (decided by the database, so two presses at once still make one).
 */
export function insertClosureUnlessCoveredStatement(
  scope: RegionScope,
  row: { id: string; frontdeskId: string; fromDate: string; toDate: string; reason: string; createdAt: number },
): InStatement {
  return {
    sql: `insert into closures (id, region_id, frontdesk_id, from_date, to_date, reason, created_at)
          select ?, ?, ?, ?, ?, ?, ?
          where not exists (select 1 from closures where region_id = ? and frontdesk_id = ? and from_date <= ? and to_date >= ?)`,
    args: [
      row.id,
      scope.region.id,
      row.frontdeskId,
      row.fromDate,
      row.toDate,
      row.reason,
      row.createdAt,
      scope.region.id,
      row.frontdeskId,
      row.fromDate,
      row.toDate,
    ],
  };
}

export function deleteClosureStatement(scope: RegionScope, frontdeskId: string, closureId: string) {
  return scope.db.db.delete(closures).where(and(eq(closures.regionId, scope.region.id), eq(closures.frontdeskId, frontdeskId), eq(closures.id, closureId)));
}

export function allClosuresQuery(scope: RegionScope, frontdeskId: string) {
  return scope.db.db
    .select({ id: closures.id, from: closures.fromDate, to: closures.toDate, reason: closures.reason })
    .from(closures)
    .where(and(eq(closures.regionId, scope.region.id), eq(closures.frontdeskId, frontdeskId)))
    .orderBy(asc(closures.fromDate));
}

export function replaceHolidayOpeningsStatements(scope: RegionScope, frontdeskId: string, dates: string[], newId: () => string) {
  return [
    scope.db.db.delete(holidayOpenings).where(and(eq(holidayOpenings.regionId, scope.region.id), eq(holidayOpenings.frontdeskId, frontdeskId))),
    ...dates.map((date) => scope.db.db.insert(holidayOpenings).values({ id: newId(), regionId: scope.region.id, frontdeskId, date })),
  ];
}

export function allHolidayOpeningsQuery(scope: RegionScope, frontdeskId: string) {
  return scope.db.db
    .select({ date: holidayOpenings.date })
    .from(holidayOpenings)
    .where(and(eq(holidayOpenings.regionId, scope.region.id), eq(holidayOpenings.frontdeskId, frontdeskId)))
    .orderBy(asc(holidayOpenings.date));
}
