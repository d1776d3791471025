/**
 * The public side of events: the list (and full-text search), one event, and a region's
 * subscribable calendar feed. Each is ONE database round trip (one statement with the
 * sessions and counts inside). Never the join link: it is not among the columns these
 * answers are built from (see `toSummaryDto`) and the feed leaves it out by construction.
 */
import type { InStatement, ResultSet } from "@libsql/client/web";
import { ReadPlan } from "../../db/read";
import type { RegionRef } from "../../lib/context";
import { isRegionSlug, regionLookup } from "../regions/regions.service";
import type { Db } from "../../db/client";
import type { Audience, EventFormat, EventType } from "../../db/schema";
import type { Topic } from "../../lib/vocabulary";
import { encodeOffsetCursor } from "../../lib/cursor";
import { DomainError, notFound } from "../../lib/errors";
import { localDayBounds } from "../../lib/time";
import { type EventDetail, type EventSummary, toDetailDto, toSummaryDto } from "./events.dto";
import { buildEventCalendar } from "./events.ics";
import { decodeEvent } from "./events.repo";
import { listPublicEventsStatement, regionFeedStatement } from "./events.search";
import { findPublicEventBySlug } from "./registrations.repo";

export interface PublicEventQuery {
  q?: string | undefined;
  region?: string | undefined;
  topics?: readonly Topic[] | undefined;
  audiences?: readonly Audience[] | undefined;
  types?: readonly EventType[] | undefined;
  formats?: readonly EventFormat[] | undefined;
  /** Local dates (Europe/Amsterdam), inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

async function readOne(db: Db, statement: InStatement) {
  const [result] = await db.client.batch([statement], "read");
  return result?.rows ?? [];
}

/**
 * Published events with a session in the window (default: not yet over), soonest first,
 * filtered and, with `q`, matched by the catalogue's Dutch full-text search.
 * @example await listPublicEvents(db, { region: "zuid-limburg", types: ["masterclass"], limit: 20, offset: 0 }, Date.now())
 */
export async function listPublicEvents(db: Db, query: PublicEventQuery, now: number): Promise<{ events: EventSummary[]; nextCursor: string | null }> {
  if (query.from && query.to && query.from > query.to) {
    throw new DomainError("validation_failed", "The period is not valid.", [{ path: "query.to", message: "The end date must be on or after the start date." }]);
  }
  const from = query.from ? localDayBounds(query.from).start : now;
  const to = query.to ? localDayBounds(query.to).end : null;
  const rows = await readOne(
    db,
    listPublicEventsStatement(
      { q: query.q, region: query.region, topics: query.topics, audiences: query.audiences, types: query.types, formats: query.formats, from, to },
      query.limit,
      query.offset,
    ),
  );
  const events = rows.slice(0, query.limit).map((row) => toSummaryDto(decodeEvent(row), now));
  return { events, nextCursor: rows.length > query.limit ? encodeOffsetCursor(query.offset + query.limit) : null };
}

/** One published (or cancelled) event by its slug, with the description. */
export async function getPublicEvent(db: Db, slug: string, now: number): Promise<EventDetail> {
  const event = await findPublicEventBySlug(db, slug);
  if (!event) throw notFound("This event");
  return toDetailDto(event, now);
}

const FEED_PAST_MS = 30 * 86_400_000;

/**
 * A region's public events as an iCalendar feed (one VEVENT per session; cancelled events as
 * STATUS:CANCELLED so subscribed calendars update). Never a join link.
 */
export async function regionEventFeed(db: Db, slug: string, opts: { now: number; origin: string }): Promise<{ region: RegionRef; ics: string }> {
  // One round trip: the region (404 when unknown) and its feed.
  if (!isRegionSlug(slug)) throw notFound("This region");
  const plan = new ReadPlan(db);
  const regionRow = regionLookup(plan, slug);
  const feed = regionFeedStatement(slug, opts.now - FEED_PAST_MS);
  const read = plan.add({
    sql: typeof feed === "string" ? feed : feed.sql,
    args: typeof feed === "string" ? [] : (feed.args ?? []),
    map: (result: ResultSet) => result.rows,
  });
  await plan.run();
  const region = regionRow();
  if (!region) throw notFound("This region");
  const rows = read.value;
  const sessions = rows.map(decodeEvent).flatMap((event) =>
    event.sessions.map((s, i) => ({
      uid: `${event.id}-${i}@mkb-limburg`,
      sequence: event.version * 10 + 9,
      status: event.status === "cancelled" ? ("CANCELLED" as const) : ("CONFIRMED" as const),
      start: s.start,
      end: s.end,
      summary: event.sessions.length > 1 ? `${event.title} (${i + 1}/${event.sessions.length})` : event.title,
      description: `${event.summary}\n${opts.origin}/evenementen/${event.slug}`,
      location: event.format === "online" ? "Online" : event.location,
      url: `${opts.origin}/evenementen/${event.slug}`,
      organizer: null,
    })),
  );
  return { region, ics: buildEventCalendar({ name: `Bijeenkomsten ${region.name}`, stamp: opts.now, sessions, refreshHours: 6 }) };
}
