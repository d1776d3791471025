import { ReadPlan } from "../../db/read";
import type { RegionScope, SlugScope } from "../../db/scope";
import { notFound } from "../../lib/errors";
import { localDayBounds, addDays, todayLocal, HOUR_MS } from "../../lib/time";
import { BOOKING_TEMPLATES, earliestOverlappingStart, occupyingBookingsQuery } from "../appointments/appointments.repo";
import { peekRegionConfig, planRegionConfig, type DeskConfig, type RegionConfig } from "../frontdesks/desk-config";
import type { FrontdeskRow } from "../frontdesks/frontdesks.repo";
import { selectDesks, type FrontdeskFilter } from "../frontdesks/frontdesks.service";
import type { RegionRow } from "../regions/regions.repo";
import { dutchPublicHolidays, type HolidayKey } from "./holidays";
import { gridPlacesOn, listFreeSlots, type Booking, type Slot } from "./slots";
import { describeDays, type CalendarDay, type CalendarRules } from "./calendar";
import type { Mode, Topic } from "../../lib/vocabulary";

interface Holidays {
  /** The closed dates, as slot computation wants them. */
  dates: Set<string>;
  /** Each date's holiday, for the month calendar's reasons. */
  names: Map<string, HolidayKey>;
}

const holidayMemo = new Map<string, Holidays>();

/** Public holidays of the region between two local dates (memoised: a handful of keys). */
function holidaysOf(region: Pick<RegionRow, "goodFridayClosed" | "liberationDayClosed">, fromDate: string, toDate: string): Holidays {
  const key = `${region.goodFridayClosed}|${region.liberationDayClosed}|${fromDate.slice(0, 4)}|${toDate.slice(0, 4)}`;
  const memo = holidayMemo.get(key);
  if (memo) return memo;
  const names = new Map<string, HolidayKey>();
  const settings = { goodFridayClosed: region.goodFridayClosed, liberationDayClosed: region.liberationDayClosed };
  for (let year = Number(fromDate.slice(0, 4)); year <= Number(toDate.slice(0, 4)); year++) {
    for (const [date, holiday] of dutchPublicHolidays(year, settings)) names.set(date, holiday);
  }
  const holidays = { dates: new Set(names.keys()), names };
  if (holidayMemo.size > 64) holidayMemo.clear();
  holidayMemo.set(key, holidays);
  return holidays;
}

/**
 * The slot rules of one desk from its region's configuration (no query); the closures keep
 * their reasons, so the same rules describe the month calendar.
 * @example const rules = slotRulesOf(region, config, desk, "2027-03-29", "2027-04-11");
 */
export function slotRulesOf(
  region: Pick<RegionRow, "goodFridayClosed" | "liberationDayClosed">,
  config: DeskConfig,
  desk: FrontdeskRow,
  fromDate: string,
  toDate: string,
): CalendarRules {
  // The same rules object for the same desk and dates while the configuration holds, so the
  // slot engine's preparation is reused across requests (a 200-desk region makes 400 a request).
  const key = `${desk.id}|${fromDate}|${toDate}|${region.goodFridayClosed}|${region.liberationDayClosed}`;
  let made = rulesMade.get(config);
  if (!made || made.size > 5000) {
    made = new Map();
    rulesMade.set(config, made);
  }
  const known = made.get(key);
  if (known) return known;
  const own = deskPartsOf(config).get(desk.id);
  const rules: CalendarRules = {
    slotMinutes: desk.slotMinutes,
    capacityPerSlot: desk.capacityPerSlot,
    minNoticeHours: desk.minNoticeHours,
    maxAdvanceDays: desk.maxAdvanceDays,
    weekly: own?.weekly ?? [],
    closures: own?.closures ?? [],
    closedDates: holidaysOf(region, fromDate, toDate < fromDate ? fromDate : toDate).dates,
    openDates: own?.openDates ?? new Set(),
  };
  made.set(key, rules);
  return rules;
}

const rulesMade = new WeakMap<DeskConfig, Map<string, CalendarRules>>();

interface DeskParts {
  weekly: CalendarRules["weekly"];
  closures: CalendarRules["closures"];
  openDates: Set<string>;
}

/**
 * A configuration's hours, closures and holiday openings grouped by desk, once per
 * configuration (it is held in isolate memory between requests): a region of 200 desks
 * otherwise filters every list once per desk and request. The same arrays every time, so
 * the slot engine's prepared rules are reused too.
 */
const deskParts = new WeakMap<DeskConfig, Map<string, DeskParts>>();

function deskPartsOf(config: DeskConfig): Map<string, DeskParts> {
  const known = deskParts.get(config);
  if (known) return known;
  const byDesk = new Map<string, DeskParts>();
  const of = (id: string): DeskParts => {
    const known = byDesk.get(id);
    if (known) return known;
    const parts: DeskParts = { weekly: [], closures: [], openDates: new Set() };
    byDesk.set(id, parts);
    return parts;
  };
  for (const h of config.hours) of(h.frontdeskId).weekly.push(h);
  for (const c of config.closures) of(c.frontdeskId).closures.push(c);
  for (const o of config.openings) of(o.frontdeskId).openDates.add(o.date);
  deskParts.set(config, byDesk);
  return byDesk;
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

/**
 * Every day of a desk read's window with its free slots or why it has none (closed, full, a
 * public holiday, a closure with its reason, too short notice, beyond the horizon), from
 * what the read already holds (no query).
 * @example const days = deskCalendarOf(read, { from: "2027-03-01", to: "2027-03-31" }, now);
 */
export function deskCalendarOf(
  read: RegionConfig & { desk: FrontdeskRow; slots: readonly Slot[] },
  window: { from: string; to: string },
  now: number,
): CalendarDay[] {
  const rules = slotRulesOf(read.region, read.config, read.desk, window.from, window.to);
  const holidays = holidaysOf(read.region, window.from, window.to < window.from ? window.from : window.to);
  return describeDays(rules, read.slots, holidays.names, window, now);
}

/**
 * The month calendar of one active desk for callers that hold a resolved region (the manage
 * link's rescheduling). One round trip.
 * @example await listDeskCalendar(scope, id, { from: "2027-03-01", to: "2027-03-31" }, now)
 */
export async function listDeskCalendar(
  scope: RegionScope,
  frontdeskId: string,
  window: { from: string; to: string; mode?: Mode },
  now: number,
): Promise<CalendarDay[]> {
  const plan = new ReadPlan(scope.db);
  const read = planDeskSlots(plan, scope.region.slug, frontdeskId, window, now);
  await plan.run();
  const loaded = read();
  return deskCalendarOf({ ...loaded, slots: loaded.slots ?? [] }, window, now);
}

export interface EarliestSlot extends Slot {
  frontdeskId: string;
  frontdeskName: string;
  municipality: string;
}

export interface EarliestRead extends RegionConfig {
  versions: SlotVersions;
  /** The matching active desks: by municipality and name, or (a municipality asked) those that serve it, nearest first. */
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
    for (const r of rules) places += gridPlacesOn(r, day, now);
    if (places >= wanted) return day;
  }
  return last;
}

/** A free slot found at one of the matching desks (`desk`: its index among them, the order of equal times). */
interface Found {
  slot: Slot;
  desk: number;
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
): Found[] {
  const bookings = groupBookings(rows);
  const perDesk = desks.map((desk) => ({
    rules: slotRulesOf(loaded.region, loaded.config, desk, window.from, window.to),
    booked: bookings.get(desk.id) ?? [],
  }));
  const found: Found[] = [];
  for (let day = window.from; day <= window.to && found.length < enough; day = addDays(day, 1)) {
    perDesk.forEach(({ rules, booked }, desk) => {
      for (const slot of listFreeSlots(rules, booked, { from: day, to: day }, now)) found.push({ slot, desk });
    });
  }
  return found;
}

/** The earliest start any of the desks offers at `now` (their shortest minimum notice). */
function noticeFloor(desks: readonly FrontdeskRow[], now: number): number {
  return now + Math.min(...desks.map((d) => d.minNoticeHours)) * HOUR_MS;
}

/**
 * The active desks of a configuration that match a filter; with a municipality, the desks
 * that serve it, nearest first (the same rule as the desk search, `selectDesks`).
 */
export function matchingDesks(config: DeskConfig, filter: FrontdeskFilter): FrontdeskRow[] {
  return selectDesks(
    config.desks.filter((d) => d.archivedAt === null),
    filter,
    config.municipalities.map((m) => m.name),
  );
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
  // Bookings that end before the first start any desk offers (its minimum notice from now)
  // cannot touch a free slot: late in the day, that leaves out today's and tomorrow's.
  const dayStart = localDayBounds(today).start;
  const from = warmDesks && warmDesks.length > 0 ? Math.max(dayStart, noticeFloor(warmDesks, now)) : dayStart;
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
    let window = { from: today, to: firstTo < last ? firstTo : last };
    let firstRows: readonly { frontdeskId: string; start: number; end: number }[] = bookings.value.filter((b) => ids.has(b.frontdeskId));
    const needed = Math.max(dayStart, noticeFloor(desks, now));
    if (needed < from) {
      // A desk's notice was shortened since this isolate's configuration: read from earlier.
      const again = new ReadPlan(plan.db);
      const rows = again.add(occupyingBookingsQuery(scope, [...ids], needed, localDayBounds(window.to).end));
      await again.run();
      firstRows = rows.value;
    }
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
    // Equal times: the desk nearest to the asked municipality first (the desks' order).
    found.sort((a, b) => a.slot.start - b.slot.start || a.desk - b.desk);
    const slots = found.slice(0, limit).map(({ slot, desk }): EarliestSlot => {
      const d = desks[desk] as FrontdeskRow;
      return { ...slot, frontdeskId: d.id, frontdeskName: d.name, municipality: d.municipality };
    });
    return { ...loaded, versions, desks, slots };
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
