/**
 * Event figures for the region report and the province summary: events and sessions by type
 * and format, registrations, attendance rate, wait-list, average feedback, and Support
 * Process candidates who came from an event. Events count by the start of their first
 * session in the period. Counts about people of 1–4 are shown as "<5" (and, in the province
 * summary, a second region's count where only one region's is hidden, as "<5" or "x"); a rate
 * or an average is given only over at least 5 people (else null). The repo hands over counts
 * per event, never a name or an address.
 */
import { rawRead, type ReadPlan } from "../../db/read";
import { EVENT_FORMATS, EVENT_TYPES, type EventFormat, type EventType } from "../../db/schema";
import type { RegionRef } from "../../lib/context";
import { localDayBounds } from "../../lib/time";
import { SMALL_COUNT_THRESHOLD } from "../reports/suppression";

/** A count about people: exact, "<5" (1–4), or "x" (5 or more, hidden so that a hidden region cannot be worked out from the total). */
export type PeopleCount = number | "<5" | "x";

/** Counts per event, as the query returns them. */
export interface EventFigureRow {
  regionId: string;
  type: EventType;
  format: EventFormat;
  status: "published" | "cancelled";
  /** The last session has ended. */
  held: boolean;
  sessions: number;
  registrations: number;
  confirmed: number;
  waitlisted: number;
  /** Confirmed participants marked present at one session or more. */
  attendees: number;
  /** Attendance records of the event (0 = attendance was not taken). */
  marked: number;
  ratings: number;
  ratingSum: number;
}

export interface EventFigures {
  /** Published events starting in the period (not cancelled), by type and format. */
  events: { total: number; byType: Record<EventType, number>; byFormat: Record<EventFormat, number> };
  /** Of those, the events that are over, by type and format, and their sessions. */
  held: { total: number; sessions: number; byType: Record<EventType, number>; byFormat: Record<EventFormat, number> };
  cancelled: number;
  sessions: number;
  registrations: PeopleCount;
  participants: PeopleCount;
  waitlisted: PeopleCount;
  attendees: PeopleCount;
  /** Attendees ÷ confirmed participants, over held events whose attendance was taken; null under 5 participants. */
  attendanceRate: number | null;
  feedback: { count: PeopleCount; average: number | null };
  candidatesFromEvents: PeopleCount;
}

/** The counts about people, exact (before the small-count rule). */
const PEOPLE_METRICS = ["registrations", "participants", "waitlisted", "attendees", "ratings", "candidates"] as const;
type PeopleMetric = (typeof PEOPLE_METRICS)[number];

interface ExactFigures {
  events: EventFigures["events"];
  held: EventFigures["held"];
  cancelled: number;
  sessions: number;
  people: Record<PeopleMetric, number>;
  rateBase: number;
  rateHits: number;
  ratingSum: number;
}

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** A count about people: 1–4 shown as "<5"; a complementary hidden count as "<5" or "x". */
export function people(n: number, hidden = false): PeopleCount {
  if (n > 0 && n < SMALL_COUNT_THRESHOLD) return "<5";
  if (!hidden) return n;
  return n < SMALL_COUNT_THRESHOLD ? "<5" : "x";
}

function exactFigures(rows: readonly EventFigureRow[], candidates: number): ExactFigures {
  const f: ExactFigures = {
    events: { total: 0, byType: zeroes(EVENT_TYPES), byFormat: zeroes(EVENT_FORMATS) },
    held: { total: 0, sessions: 0, byType: zeroes(EVENT_TYPES), byFormat: zeroes(EVENT_FORMATS) },
    cancelled: 0,
    sessions: 0,
    people: { ...zeroes(PEOPLE_METRICS), candidates },
    rateBase: 0,
    rateHits: 0,
    ratingSum: 0,
  };
  for (const row of rows) {
    if (row.status === "cancelled") {
      f.cancelled++;
      continue;
    }
    f.events.total++;
    f.events.byType[row.type]++;
    f.events.byFormat[row.format]++;
    f.sessions += row.sessions;
    f.people.registrations += row.registrations;
    f.people.participants += row.confirmed;
    f.people.waitlisted += row.waitlisted;
    f.people.ratings += row.ratings;
    f.ratingSum += row.ratingSum;
    if (row.held) {
      f.held.total++;
      f.held.sessions += row.sessions;
      f.held.byType[row.type]++;
      f.held.byFormat[row.format]++;
      f.people.attendees += row.attendees;
      if (row.marked > 0) {
        f.rateBase += row.confirmed;
        f.rateHits += row.attendees;
      }
    }
  }
  return f;
}

function publish(f: ExactFigures, hidden: ReadonlySet<PeopleMetric> = new Set()): EventFigures {
  const p = (metric: PeopleMetric) => people(f.people[metric], hidden.has(metric));
  return {
    events: f.events,
    held: f.held,
    cancelled: f.cancelled,
    sessions: f.sessions,
    registrations: p("registrations"),
    participants: p("participants"),
    waitlisted: p("waitlisted"),
    attendees: p("attendees"),
    attendanceRate: f.rateBase >= SMALL_COUNT_THRESHOLD ? Math.round((f.rateHits / f.rateBase) * 10_000) / 10_000 : null,
    feedback: { count: p("ratings"), average: f.people.ratings >= SMALL_COUNT_THRESHOLD ? Math.round((f.ratingSum / f.people.ratings) * 100) / 100 : null },
    candidatesFromEvents: p("candidates"),
  };
}

/**
 * The figures of a set of events (pure), with the small-count rule.
 * @example computeEventFigures([], 0).events.total // 0
 */
export function computeEventFigures(rows: readonly EventFigureRow[], candidates: number): EventFigures {
  return publish(exactFigures(rows, candidates));
}

/**
 * The figures of several regions and their total. The total is exact where it is 5 or more;
 * so that a region's hidden count cannot be worked out from the total and the other regions,
 * a metric hidden in exactly one region is hidden in a second one too (the smallest other).
 */
export function computeProvinceEventFigures(perRegion: readonly { rows: readonly EventFigureRow[]; candidates: number }[]): {
  regions: EventFigures[];
  total: EventFigures;
} {
  const exact = perRegion.map((r) => exactFigures(r.rows, r.candidates));
  const hidden = exact.map(() => new Set<PeopleMetric>());
  for (const metric of PEOPLE_METRICS) {
    const small = exact.map((f, i) => ({ i, n: f.people[metric] })).filter(({ n }) => n > 0 && n < SMALL_COUNT_THRESHOLD);
    if (small.length !== 1 || exact.length < 2) continue;
    const others = exact.map((f, i) => ({ i, n: f.people[metric] })).filter(({ i }) => i !== small[0]?.i);
    const pick = others.reduce((a, b) => (b.n < a.n ? b : a));
    hidden[pick.i]?.add(metric);
  }
  const total = exactFigures(
    perRegion.flatMap((r) => r.rows),
    perRegion.reduce((n, r) => n + r.candidates, 0),
  );
  return { regions: exact.map((f, i) => publish(f, hidden[i])), total: publish(total) };
}

/**
 * Statements for a read plan: counts per event of the regions (null: every region), for
 * events whose first session starts in the period, and the Support Process candidates who
 * came from an event. Rows carry their region, so one batch serves every region; a report
 * adds these to its own batch.
 */
function eventFigureReads(regionIds: readonly string[] | null, period: { from: string; to: string }, now: number) {
  const start = localDayBounds(period.from).start;
  const end = localDayBounds(period.to).end;
  const ids = regionIds === null ? [] : regionIds.length ? [...regionIds] : [""];
  const inRegions = (column: string) => (regionIds === null ? "1 = 1" : `${column} in (${ids.map(() => "?").join(", ")})`);
  return {
    events: rawRead(
      `select e.region_id, e.type, e.format, e.status, e.last_end_at <= ? as held,
         (select count(*) from event_sessions s where s.event_id = e.id) as sessions,
         (select count(*) from event_registrations r where r.event_id = e.id) as registrations,
         (select count(*) from event_registrations r where r.event_id = e.id and r.status = 'confirmed') as confirmed,
         (select count(*) from event_registrations r where r.event_id = e.id and r.status = 'waitlisted') as waitlisted,
         (select count(*) from event_registrations r where r.event_id = e.id and r.status = 'confirmed'
            and exists (select 1 from event_attendance a where a.registration_id = r.id and a.attended = 1)) as attendees,
         (select count(*) from event_attendance a where a.event_id = e.id) as marked,
         (select count(*) from event_registrations r where r.event_id = e.id and r.feedback_rating is not null) as ratings,
         (select coalesce(sum(r.feedback_rating), 0) from event_registrations r where r.event_id = e.id) as rating_sum
       from events e
       where ${inRegions("e.region_id")} and e.status in ('published', 'cancelled') and e.first_start_at >= ? and e.first_start_at < ?`,
      [now, ...ids, start, end],
      (r): EventFigureRow => ({
        regionId: String(r.region_id),
        type: String(r.type) as EventType,
        format: String(r.format) as EventFormat,
        status: String(r.status) === "cancelled" ? "cancelled" : "published",
        held: Number(r.held) === 1,
        sessions: Number(r.sessions),
        registrations: Number(r.registrations),
        confirmed: Number(r.confirmed),
        waitlisted: Number(r.waitlisted),
        attendees: Number(r.attendees),
        marked: Number(r.marked),
        ratings: Number(r.ratings),
        ratingSum: Number(r.rating_sum),
      }),
    ),
    candidates: rawRead(
      `select region_id, count(*) as n from scouting_candidates
       where source = 'event' and ${inRegions("region_id")} and created_at >= ? and created_at < ? group by region_id`,
      [...ids, start, end],
      (r) => ({ regionId: String(r.region_id), n: Number(r.n) }),
    ),
  };
}

/**
 * Adds the event figure reads to a plan; the returned function gives one region's figures.
 * @example const events = planRegionEventFigures(plan, region, period, now); await plan.run(); events();
 */
export function planRegionEventFigures(plan: ReadPlan, region: RegionRef, period: { from: string; to: string }, now: number): () => EventFigures {
  const reads = eventFigureReads([region.id], period, now);
  const rows = plan.add(reads.events);
  const candidates = plan.add(reads.candidates);
  return () => computeEventFigures(rows.value, candidates.value.find((c) => c.regionId === region.id)?.n ?? 0);
}

/**
 * Adds the event figure reads of every region to a plan (the province summary's batch); the
 * returned function gives every region's figures and the total, once the regions are known.
 * @example const events = planProvinceEventFigures(plan, period, now); await plan.run(); events(regions);
 */
export function planProvinceEventFigures(plan: ReadPlan, period: { from: string; to: string }, now: number) {
  const reads = eventFigureReads(null, period, now);
  const rows = plan.add(reads.events);
  const candidates = plan.add(reads.candidates);
  return (regions: readonly RegionRef[]): ProvinceEventFigures => {
    const byRegion = new Map(candidates.value.map((c) => [c.regionId, c.n]));
    const figures = computeProvinceEventFigures(
      regions.map((region) => ({ rows: rows.value.filter((r) => r.regionId === region.id), candidates: byRegion.get(region.id) ?? 0 })),
    );
    return {
      regions: regions.map((region, i) => ({ region: { slug: region.slug, name: region.name }, ...(figures.regions[i] ?? computeEventFigures([], 0)) })),
      total: figures.total,
    };
  };
}

/** Every region's event figures and the total. */
export interface ProvinceEventFigures {
  regions: Array<{ region: { slug: string; name: string } } & EventFigures>;
  total: EventFigures;
}

/**
 * The CSV rows `[metric, dimension, value]` of event figures (tidy long format, as the reports).
 * @example eventFigureRows(figures)[0] // ["events", "", 3]
 */
export function eventFigureRows(f: EventFigures): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [["events", "", f.events.total]];
  for (const [type, n] of Object.entries(f.events.byType)) rows.push(["events_by_type", type, n]);
  for (const [format, n] of Object.entries(f.events.byFormat)) rows.push(["events_by_format", format, n]);
  rows.push(["events_held", "", f.held.total], ["event_sessions_held", "", f.held.sessions]);
  for (const [type, n] of Object.entries(f.held.byType)) rows.push(["events_held_by_type", type, n]);
  for (const [format, n] of Object.entries(f.held.byFormat)) rows.push(["events_held_by_format", format, n]);
  rows.push(
    ["events_cancelled", "", f.cancelled],
    ["event_sessions", "", f.sessions],
    ["event_registrations", "", f.registrations],
    ["event_participants", "", f.participants],
    ["event_waitlisted", "", f.waitlisted],
    ["event_attendees", "", f.attendees],
    ["event_attendance_rate", "", f.attendanceRate],
    ["event_feedback_count", "", f.feedback.count],
    ["event_feedback_average", "", f.feedback.average],
    ["support_candidates_from_events", "", f.candidatesFromEvents],
  );
  return rows;
}
