import { and, asc, eq, gte, isNull } from "drizzle-orm";
import { closures, frontdesks, holidayOpenings, openingHours } from "../../db/schema";
import type { RegionScope } from "../../db/scope";

export type FrontdeskRow = typeof frontdesks.$inferSelect;

/** Active (not archived) frontdesks of the region, or all of them for admins. */
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

export async function listOpeningHours(scope: RegionScope, frontdeskIds: string[] | null) {
  const rows = await scope.db.db
    .select({ frontdeskId: openingHours.frontdeskId, weekday: openingHours.weekday, opens: openingHours.opens, closes: openingHours.closes })
    .from(openingHours)
    .where(eq(openingHours.regionId, scope.region.id))
    .orderBy(asc(openingHours.weekday), asc(openingHours.opens));
  return frontdeskIds ? rows.filter((r) => frontdeskIds.includes(r.frontdeskId)) : rows;
}

/** Closures that end on or after `fromDate` (local date). */
export async function listClosures(scope: RegionScope, fromDate: string, frontdeskId?: string) {
  const conditions = [eq(closures.regionId, scope.region.id), gte(closures.toDate, fromDate)];
  if (frontdeskId) conditions.push(eq(closures.frontdeskId, frontdeskId));
  return scope.db.db
    .select({ id: closures.id, frontdeskId: closures.frontdeskId, from: closures.fromDate, to: closures.toDate, reason: closures.reason })
    .from(closures)
    .where(and(...conditions))
    .orderBy(asc(closures.fromDate));
}

export async function listHolidayOpenings(scope: RegionScope, fromDate: string) {
  return scope.db.db
    .select({ frontdeskId: holidayOpenings.frontdeskId, date: holidayOpenings.date })
    .from(holidayOpenings)
    .where(and(eq(holidayOpenings.regionId, scope.region.id), gte(holidayOpenings.date, fromDate)));
}
