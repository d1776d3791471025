import { ReadPlan } from "../../db/read";
import type { RegionScope, SlugScope } from "../../db/scope";
import { notFound } from "../../lib/errors";
import { localDayBounds, addDays, todayLocal } from "../../lib/time";
import { BOOKING_TEMPLATES, earliestOverlappingStart, occupyingBookingsQuery } from "../appointments/appointments.repo";
import { peekRegionConfig, planRegionConfig, type DeskConfig, type RegionConfig } from "../frontdesks/desk-config";
import type { FrontdeskRow } from "../frontdesks/frontdesks.repo";
import { matchesFilter, type FrontdeskFilter } from "../frontdesks/frontdesks.service";
import type { RegionRow } from "../regions/regions.repo";
import { dutchPublicHolidays } from "./holidays";
import { listFreeSlots, type Booking, type Slot, type SlotRules } from "./slots";
import type { Mode, Topic } from "../../lib/vocabulary";

const holidayMemo = new Map<string, Set<string>>();

/** Public holidays of the region between two local dates, as slot computation wants them (memoised: a handful of keys). */
function closedDatesOf(region: Pick<RegionRow, "goodFridayClosed" | "liberationDayClosed">, fromDate: string, toDate: string): Set<string> {
  const key = `${region.goodFridayClosed}|${region.liberationDayClosed}|${fromDate.slice(0, 4)}|${toDate.slice(0, 4)}`;
  const memo = holidayMemo.get(key);
  if (memo) return memo;
  const dates = new Set<string>();
  const settings = { goodFridayClosed: region.goodFridayClosed, liberationDayClosed: region.liberationDayClosed };
  for (let year = Number(fromDate.slice(0, 4)); year <= Number(toDate.slice(0, 4)); year++) {
    for (const date of dutchPublicHolidays(year, settings).keys()) dates.add(date);
  }
  if (holidayMemo.size > 64) holidayMemo.clear();
  holidayMemo.set(key, dates);
  return dates;
}

/**
 * The slot rules of one desk from its region's configuration (no query).
 * @example const rules = slotRulesOf(region, config, desk, "2027-03-29", "2027-04-11");
 */
export function slotRulesOf(
  region: Pick<RegionRow, "goodFridayClosed" | "liberationDayClosed">,
  config: DeskConfig,
  desk: FrontdeskRow,
  fromDate: string,
  toDate: string,
): SlotRules {
  return {
    slotMinutes: desk.slotMinutes,
    capacityPerSlot: desk.capacityPerSlot,
    minNoticeHours: desk.minNoticeHours,
    maxAdvanceDays: desk.maxAdvanceDays,
    weekly: config.hours.filter((h) => h.frontdeskId === desk.id),
    closures: config.closures.filter((c) => c.frontdeskId === desk.id),
    closedDates: closedDatesOf(region, fromDate, toDate < fromDate ? fromDate : toDate),
    openDates: new Set(config.openings.filter((o) => o.frontdeskId === desk.id).map((o) => o.date)),
  };
}

/** An active desk of the configuration, or 404. */
export function activeDesk(config: DeskConfig, id: string): FrontdeskRow {
  const desk = config.desks.find((d) => d.id === id);
  if (!desk || desk.archivedAt !== null) throw notFound("This frontdesk");
  return desk;
}

function groupBookings(rows: readonly { frontdeskId: string; start: number; end: number }[]): Map<string, Booking[]> {
  const byDesk = new Map<string, Booking[]>();
  for (const row of rows) {
    const list = byDesk.get(row.frontdeskId) ?? [];
    list.push({ start: row.start, end: row.end });
    byDesk.set(row.frontdeskId, list);
  }
  return byDesk;
}

/**
 * The versions a slot list depends on: the region (its id and creation, so a recreated
 * database never meets an old key), its configuration and the desk's (or region's)
 * availability. Equal versions mean an equal answer for the same question and minute.
 */
export interface SlotVersions {
  regionId: string;
  created: number;
  config: number;
  availability: number;
}

export function versionKey(v: SlotVersions): string {
  return `${v.regionId}.${v.created}.${v.config}.${v.availability}`;
}

/** Everything a public page or route about one desk needs, read in one round trip. */
export interface DeskSlotsRead extends RegionConfig {
  desk: FrontdeskRow;
  versions: SlotVersions;
  /** Null when `known` was given and is still current (the caller holds that answer). */
  slots: Slot[] | null;
}

/**
 * Plans the read of one active desk's free slots: region, configuration (unless this
 * isolate's copy is current), the desk's availability version, and the bookings of the
 * window, which are skipped when `known` versions are still current.
 * After `plan.run()`, the returned function computes the slots (404 for an unknown region
 * or desk, or an archived one).
 * @example const read = planDeskSlots(plan, "zuid-limburg", id, window, now); await plan.run(); read().slots;
 */
export function planDeskSlots(
  plan: ReadPlan,
  slug: string,
  deskId: string,
  window: { from: string; to: string; mode?: Mode | undefined },
  now: number,
  known: SlotVersions | null = null,
): () => DeskSlotsRead {
  const regionConfig = planRegionConfig(plan, slug, todayLocal(now));
  const version = plan.add({
    sql: "select availability_version as v from frontdesks where id = ? and region_id = (select id from regions where slug = ?)",
    args: [deskId, slug],
    map: (result) => (result.rows[0] ? Number(result.rows[0].v) : null),
  });
  const from = localDayBounds(window.from).start;
  const bookings = plan.add(
    BOOKING_TEMPLATES.desk.with(plan.db, {
      slug,
      deskId,
      lowest: earliestOverlappingStart(from),
      from,
      to: localDayBounds(window.to).end,
      ...knownValues(known),
    }),
  );
  return () => {
    const loaded = regionConfig();
    if (!loaded) throw notFound("This region");
    const desk = activeDesk(loaded.config, deskId);
    const versions: SlotVersions = {
      regionId: loaded.region.id,
      created: loaded.region.createdAt,
      config: loaded.region.configVersion,
      availability: version.value ?? 0,
    };
    if (known && versionKey(known) === versionKey(versions)) return { ...loaded, desk, versions, slots: null };
    if (window.mode && !desk.modes.includes(window.mode)) return { ...loaded, desk, versions, slots: [] };
    const rules = slotRulesOf(loaded.region, loaded.config, desk, window.from, window.to);
    return { ...loaded, desk, versions, slots: listFreeSlots(rules, bookings.value, window, now) };
  };
}

export interface EarliestSlot extends Slot {
  frontdeskId: string;
  frontdeskName: string;
  municipality: string;
}

export interface EarliestRead extends RegionConfig {
  versions: SlotVersions;
  /** The matching active desks, by municipality and name. */
  desks: FrontdeskRow[];
  /** Null when `known` was given and is still current. */
  slots: EarliestSlot[] | null;
}

/** Grid places (slots × capacity, ignoring bookings) to look at before we expect `limit` free ones. */
const PLACES_PER_WANTED = 6;
const MIN_PLACES = 40;

/**
 * The first window to read bookings for: the fewest days from today whose grid (opening
 * hours, closures, notice; no bookings) holds enough places for `limit` free slots even
 * when most are taken. A region with 200 desks reads an hour or a day, one with 5 desks a
 * week or two, so the bookings read stay about the same size whatever the region.
 */
function firstWindow(
  region: Pick<RegionRow, "goodFridayClosed" | "liberationDayClosed">,
  config: DeskConfig,
  desks: FrontdeskRow[],
  limit: number,
  now: number,
  horizon: number,
): string {
  const today = todayLocal(now);
  const wanted = Math.max(MIN_PLACES, limit * PLACES_PER_WANTED);
  const last = addDays(today, horizon);
  const rules = desks.map((desk) => slotRulesOf(region, config, desk, today, last));
  let places = 0;
  for (let day = today; day < last; day = addDays(day, 1)) {
    for (const r of rules) places += listFreeSlots(r, [], { from: day, to: day }, now).length * r.capacityPerSlot;
    if (places >= wanted) return day;
  }
  return last;
}

/**
 * A window's free slots over several desks, day by day, stopping after the first day by
 * which `enough` were found: every slot of a later day is later than all of them, so a
 * region of 200 desks computes about one day, not the whole window of each desk.
 */
function freeSlotsOver(
  loaded: RegionConfig,
  desks: FrontdeskRow[],
  rows: readonly { frontdeskId: string; start: number; end: number }[],
  window: { from: string; to: string },
  now: number,
  enough = Number.POSITIVE_INFINITY,
): EarliestSlot[] {
  const bookings = groupBookings(rows);
  const perDesk = desks.map((desk) => ({
    desk,
    rules: slotRulesOf(loaded.region, loaded.config, desk, window.from, window.to),
    booked: bookings.get(desk.id) ?? [],
  }));
  const found: EarliestSlot[] = [];
  for (let day = window.from; day <= window.to && found.length < enough; day = addDays(day, 1)) {
    for (const { desk, rules, booked } of perDesk) {
      for (const slot of listFreeSlots(rules, booked, { from: day, to: day }, now)) {
        found.push({ ...slot, frontdeskId: desk.id, frontdeskName: desk.name, municipality: desk.municipality });
      }
    }
  }
  return found;
}

/** The desks of a configuration that match a filter (active ones only). */
export function matchingDesks(config: DeskConfig, filter: FrontdeskFilter): FrontdeskRow[] {
  return config.desks.filter((d) => d.archivedAt === null && matchesFilter(d, filter));
}

/**
 * Plans the read of the soonest bookable slots over the region's matching desks. With a
 * warm configuration the bookings of a first window sized to the region's capacity travel
 * in the same round trip; `finish` reads further windows only in the rare case the first
 * one is (almost) fully booked (one more round trip each).
 * @example const read = planEarliest(plan, slug, {}, 10, now); await plan.run(); const { slots } = await read();
 */
export function planEarliest(
  plan: ReadPlan,
  slug: string,
  filter: FrontdeskFilter & { topic?: Topic },
  limit: number,
  now: number,
  known: SlotVersions | null = null,
): () => Promise<EarliestRead> {
  const today = todayLocal(now);
  const regionConfig = planRegionConfig(plan, slug, today);
  // The first window comes from the configuration this isolate already holds (its region
  // settings are in it too); a changed configuration can only make it too short, which the
  // loop below then widens. A cold isolate reads two weeks of the whole region once.
  const warm = peekRegionConfig(slug);
  const warmDesks = warm ? matchingDesks(warm, filter) : null;
  const horizon = (desks: FrontdeskRow[]) => Math.max(0, ...desks.map((d) => d.maxAdvanceDays));
  const firstTo = warm && warmDesks ? firstWindow(warm.settings, warm, warmDesks, limit, now, horizon(warmDesks)) : addDays(today, 13);
  const scope: SlugScope = { db: plan.db, slug };
  const from = localDayBounds(today).start;
  const bookings = plan.add(
    BOOKING_TEMPLATES.desks.with(plan.db, {
      slug,
      deskIds: JSON.stringify(warmDesks ? warmDesks.map((d) => d.id) : "*"),
      lowest: earliestOverlappingStart(from),
      from,
      to: localDayBounds(firstTo).end,
      ...knownValues(known),
    }),
  );
  return async () => {
    const loaded = regionConfig();
    if (!loaded) throw notFound("This region");
    const desks = matchingDesks(loaded.config, filter);
    const versions: SlotVersions = {
      regionId: loaded.region.id,
      created: loaded.region.createdAt,
      config: loaded.region.configVersion,
      availability: loaded.region.availabilityVersion,
    };
    if (known && versionKey(known) === versionKey(versions)) return { ...loaded, versions, desks, slots: null };
    if (desks.length === 0) return { ...loaded, versions, desks, slots: [] };
    const last = addDays(today, horizon(desks));
    const ids = new Set(desks.map((d) => d.id));
    const firstRows = bookings.value.filter((b) => ids.has(b.frontdeskId));
    let window = { from: today, to: firstTo < last ? firstTo : last };
    const found = freeSlotsOver(loaded, desks, firstRows, window, now, limit);
    // Only when the first window had too few free places: read on, in growing windows.
    let span = Math.max(7, daysFrom(today, window.to) * 4);
    while (found.length < limit && window.to < last) {
      const from = addDays(window.to, 1);
      const to = addDays(today, Math.min(horizon(desks), daysFrom(today, from) + span));
      const more = new ReadPlan(plan.db);
      const rows = more.add(occupyingBookingsQuery(scope, [...ids], localDayBounds(from).start, localDayBounds(to).end));
      await more.run();
      window = { from, to };
      found.push(...freeSlotsOver(loaded, desks, rows.value, window, now, limit - found.length));
      span *= 4;
    }
    found.sort((a, b) => a.start - b.start || a.frontdeskName.localeCompare(b.frontdeskName));
    return { ...loaded, versions, desks, slots: found.slice(0, limit) };
  };
}

/** The guard values of cached versions; impossible ones (never current) when there are none. */
function knownValues(known: SlotVersions | null) {
  return {
    knownRegionId: known?.regionId ?? "",
    knownCreated: known?.created ?? -1,
    knownConfig: known?.config ?? -1,
    knownAvailability: known?.availability ?? -1,
  };
}

function daysFrom(from: string, to: string): number {
  return Math.round((localDayBounds(to).start - localDayBounds(from).start) / 86_400_000);
}

/**
 * Bookable slots of one active desk between two local dates (inclusive), for callers that
 * hold a resolved region (the manage link, staff pages). One round trip.
 * @example await listDeskSlots(scope, id, { from: "2027-03-29", to: "2027-04-11" }, Date.now())
 */
export async function listDeskSlots(scope: RegionScope, frontdeskId: string, window: { from: string; to: string; mode?: Mode }, now: number): Promise<Slot[]> {
  const plan = new ReadPlan(scope.db);
  const read = planDeskSlots(plan, scope.region.slug, frontdeskId, window, now);
  await plan.run();
  return read().slots ?? [];
}

/** One local day's free slots for desk staff, per desk (see {@link planStaffDaySlots}). */
export interface StaffDaySlots extends RegionConfig {
  /** Free slots of one desk on the day, without the desk's minimum notice. */
  slotsOf(desk: FrontdeskRow): Slot[];
}

/**
 * Plans the read of one local day's free slots at some desks of a region (null: all), for
 * desk staff booking or moving on an entrepreneur's behalf: the region, its configuration
 * (unless this isolate's copy is current) and the day's bookings, in the plan's one round
 * trip. The slots ignore the desk's minimum notice (a caller or walk-in may be helped now);
 * they are signed-in only, so never taken from nor put into the public edge cache.
 * @example const read = planStaffDaySlots(plan, slug, actor.frontdeskIds, "2027-03-29", now); await plan.run(); read().slotsOf(desk);
 */
export function planStaffDaySlots(plan: ReadPlan, slug: string, deskIds: readonly string[] | null, date: string, now: number): () => StaffDaySlots {
  const regionConfig = planRegionConfig(plan, slug, todayLocal(now));
  const { start: from, end: to } = localDayBounds(date);
  const bookings = plan.add(
    BOOKING_TEMPLATES.desks.with(plan.db, {
      slug,
      deskIds: JSON.stringify(deskIds ? [...deskIds] : "*"),
      lowest: earliestOverlappingStart(from),
      from,
      to,
      ...knownValues(null),
    }),
  );
  return () => {
    const loaded = regionConfig();
    if (!loaded) throw notFound("This region");
    const byDesk = groupBookings(bookings.value);
    return {
      ...loaded,
      slotsOf: (desk) => {
        const rules = slotRulesOf(loaded.region, loaded.config, desk, date, date);
        return listFreeSlots({ ...rules, minNoticeHours: 0 }, byDesk.get(desk.id) ?? [], { from: date, to: date }, now);
      },
    };
  };
}
