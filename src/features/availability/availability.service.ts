import type { RegionScope } from "../../db/scope";
import { notFound } from "../../lib/errors";
import { localDayBounds, addDays, todayLocal } from "../../lib/time";
import { listOccupyingBookings } from "../appointments/appointments.repo";
import { findFrontdesk, listClosures, listHolidayOpenings, listOpeningHours, type FrontdeskRow } from "../frontdesks/frontdesks.repo";
import { findFrontdesks, type FrontdeskFilter } from "../frontdesks/frontdesks.service";
import { dutchPublicHolidays, type HolidayKey } from "./holidays";
import { listFreeSlots, type Booking, type Slot, type SlotRules } from "./slots";
import { describeDays, type CalendarDay, type CalendarRules } from "./calendar";
import type { Mode, Topic } from "../../lib/vocabulary";

/** Everything slot computation needs for some desks of a region, loaded in three queries. */
type DeskRules = CalendarRules & { holidays: Map<string, HolidayKey> };

async function loadRules(scope: RegionScope, desks: FrontdeskRow[], fromDate: string, toDate: string): Promise<Map<string, DeskRules>> {
  const ids = desks.map((d) => d.id);
  const [hours, closures, openings] = await Promise.all([listOpeningHours(scope, ids), listClosures(scope, fromDate), listHolidayOpenings(scope, fromDate)]);
  const closedDates = new Set<string>();
  const holidays = new Map<string, HolidayKey>();
  const settings = { goodFridayClosed: scope.region.goodFridayClosed, liberationDayClosed: scope.region.liberationDayClosed };
  for (let year = Number(fromDate.slice(0, 4)); year <= Number(toDate.slice(0, 4)); year++) {
    for (const [date, key] of dutchPublicHolidays(year, settings)) {
      closedDates.add(date);
      holidays.set(date, key);
    }
  }
  const rules = new Map<string, DeskRules>();
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
      holidays,
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
export async function listDeskSlots(scope: RegionScope, frontdeskId: string, window: { from: string; to: string; mode?: Mode }, now: number): Promise<Slot[]> {
  const desk = await findFrontdesk(scope, frontdeskId);
  if (!desk || desk.archivedAt !== null) throw notFound("This frontdesk");
  if (window.mode && !desk.modes.includes(window.mode)) return [];
  const rules = (await loadRules(scope, [desk], window.from, window.to)).get(desk.id);
  if (!rules) return [];
  const bookings = await listOccupyingBookings(scope, [desk.id], localDayBounds(window.from).start, localDayBounds(window.to).end);
  return listFreeSlots(rules, bookings, window, now);
}

/**
 * Every day of a window at one active desk with its free slots or why it has none (closed,
 * full, a public holiday, a closure with its reason, too short notice, beyond the horizon).
 * @example await listDeskCalendar(scope, id, { from: "2027-03-01", to: "2027-03-31" }, now)
 */
export async function listDeskCalendar(
  scope: RegionScope,
  frontdeskId: string,
  window: { from: string; to: string; mode?: Mode },
  now: number,
): Promise<CalendarDay[]> {
  const desk = await findFrontdesk(scope, frontdeskId);
  if (!desk || desk.archivedAt !== null) throw notFound("This frontdesk");
  const [rules, bookings] = await Promise.all([
    loadRules(scope, [desk], window.from, window.to).then((all) => all.get(desk.id)),
    listOccupyingBookings(scope, [desk.id], localDayBounds(window.from).start, localDayBounds(window.to).end),
  ]);
  if (!rules) return [];
  const free = window.mode && !desk.modes.includes(window.mode) ? [] : listFreeSlots(rules, bookings, window, now);
  return describeDays(rules, free, rules.holidays, window, now);
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
  // The same rule as the desk search: with a municipality, the desks that serve it, nearest first.
  const desks = await findFrontdesks(scope, filter);
  const rank = new Map(desks.map((d, i) => [d.id, i]));
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
  found.sort((a, b) => a.start - b.start || (rank.get(a.frontdeskId) ?? 0) - (rank.get(b.frontdeskId) ?? 0));
  return found.slice(0, limit);
}
