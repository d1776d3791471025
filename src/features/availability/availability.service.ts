import type { RegionScope } from "../../db/scope";
import { notFound } from "../../lib/errors";
import { localDayBounds, addDays, todayLocal } from "../../lib/time";
import { listOccupyingBookings } from "../appointments/appointments.repo";
import { findFrontdesk, listClosures, listFrontdesks, listHolidayOpenings, listOpeningHours, type FrontdeskRow } from "../frontdesks/frontdesks.repo";
import { matchesFilter, type FrontdeskFilter } from "../frontdesks/frontdesks.service";
import { dutchPublicHolidays } from "./holidays";
import { listFreeSlots, type Booking, type Slot, type SlotRules } from "./slots";
import type { Mode, Topic } from "../../lib/vocabulary";

/** Everything slot computation needs for some desks of a region, loaded in three queries. */
async function loadRules(scope: RegionScope, desks: FrontdeskRow[], fromDate: string, toDate: string): Promise<Map<string, SlotRules>> {
  const ids = desks.map((d) => d.id);
  const [hours, closures, openings] = await Promise.all([listOpeningHours(scope, ids), listClosures(scope, fromDate), listHolidayOpenings(scope, fromDate)]);
  const closedDates = new Set<string>();
  const settings = { goodFridayClosed: scope.region.goodFridayClosed, liberationDayClosed: scope.region.liberationDayClosed };
  for (let year = Number(fromDate.slice(0, 4)); year <= Number(toDate.slice(0, 4)); year++) {
    for (const date of dutchPublicHolidays(year, settings).keys()) closedDates.add(date);
  }
  const rules = new Map<string, SlotRules>();
  for (const desk of desks) {
    rules.set(desk.id, {
      slotMinutes: desk.slotMinutes,
      capacityPerSlot: desk.capacityPerSlot,
      minNoticeHours: desk.minNoticeHours,
      maxAdvanceDays: desk.maxAdvanceDays,
      weekly: hours.filter((h) => h.frontdeskId === desk.id),
      closures: closures.filter((c) => c.frontdeskId === desk.id),
      closedDates,
      openDates: new Set(openings.filter((o) => o.frontdeskId === desk.id).map((o) => o.date)),
    });
  }
  return rules;
}

/**
 * The rules of one desk around one instant (for checking a requested booking time).
 * @example const rules = await loadSlotRulesFor(scope, desk, start);
 */
export async function loadSlotRulesFor(scope: RegionScope, desk: FrontdeskRow, date: string): Promise<SlotRules> {
  const rules = await loadRules(scope, [desk], date, date);
  const found = rules.get(desk.id);
  if (!found) throw notFound("This frontdesk");
  return found;
}

function groupBookings(rows: { frontdeskId: string; start: number; end: number }[]): Map<string, Booking[]> {
  const byDesk = new Map<string, Booking[]>();
  for (const row of rows) {
    const list = byDesk.get(row.frontdeskId) ?? [];
    list.push({ start: row.start, end: row.end });
    byDesk.set(row.frontdeskId, list);
  }
  return byDesk;
}

/**
 * Bookable slots of one active desk between two local dates (inclusive).
 * @example await listDeskSlots(scope, id, { from: "2027-03-29", to: "2027-04-11" }, Date.now())
 */
export async function listDeskSlots(
  scope: RegionScope,
  frontdeskId: string,
  window: { from: string; to: string; mode?: Mode },
  now: number,
  opts: { byStaff?: boolean } = {},
): Promise<Slot[]> {
  const desk = await findFrontdesk(scope, frontdeskId);
  if (!desk || desk.archivedAt !== null) throw notFound("This frontdesk");
  if (window.mode && !desk.modes.includes(window.mode)) return [];
  const loaded = (await loadRules(scope, [desk], window.from, window.to)).get(desk.id);
  if (!loaded) return [];
  // Desk staff may book a caller or walk-in without the desk's minimum notice.
  const rules = opts.byStaff ? { ...loaded, minNoticeHours: 0 } : loaded;
  const bookings = await listOccupyingBookings(scope, [desk.id], localDayBounds(window.from).start, localDayBounds(window.to).end);
  return listFreeSlots(rules, bookings, window, now);
}

export interface EarliestSlot extends Slot {
  frontdeskId: string;
  frontdeskName: string;
  municipality: string;
}

/**
 * The soonest bookable slots over all matching desks of a region, soonest first.
 * Looks ahead in growing windows so a busy region costs a few queries, not one per day.
 * @example await findEarliestSlots(scope, { topic: "financiering" }, 10, Date.now())
 */
export async function findEarliestSlots(scope: RegionScope, filter: FrontdeskFilter & { topic?: Topic }, limit: number, now: number): Promise<EarliestSlot[]> {
  const desks = (await listFrontdesks(scope)).filter((d) => matchesFilter(d, filter));
  if (desks.length === 0) return [];
  const today = todayLocal(now);
  const horizon = Math.max(...desks.map((d) => d.maxAdvanceDays));
  const found: EarliestSlot[] = [];
  let from = today;
  for (const span of [14, 31, 62, 366]) {
    const to = addDays(today, Math.min(span, horizon));
    const [rules, bookingRows] = await Promise.all([
      loadRules(scope, desks, from, to),
      listOccupyingBookings(
        scope,
        desks.map((d) => d.id),
        localDayBounds(from).start,
        localDayBounds(to).end,
      ),
    ]);
    const bookings = groupBookings(bookingRows);
    for (const desk of desks) {
      const deskRules = rules.get(desk.id);
      if (!deskRules) continue;
      for (const slot of listFreeSlots(deskRules, bookings.get(desk.id) ?? [], { from, to }, now)) {
        found.push({ ...slot, frontdeskId: desk.id, frontdeskName: desk.name, municipality: desk.municipality });
      }
    }
    if (found.length >= limit || span >= horizon) break;
    from = addDays(to, 1);
  }
  found.sort((a, b) => a.start - b.start || a.frontdeskName.localeCompare(b.frontdeskName));
  return found.slice(0, limit);
}
