import type { InStatement, Row } from "@libsql/client/web";
import type { Db } from "../../db/client";
import type { Audience, EventContact, EventContent, EventFormat, EventSessionTimes, EventStatus, EventType } from "../../db/schema";
import type { Topic } from "../../lib/vocabulary";
import type { OrganisationRef, RegionRef } from "../../lib/context";
import { newId } from "../../lib/ids";
import { joinSql, raw, type SqlFragment, sql } from "../../lib/sql-template";

/**
 * Events belong to a region (`region_id`: the organising region, or the organisation's home
 * region) and, when an organisation organises them, to that organisation. Organisers reach
 * them through an {@link OrganiserScope}: region routes filter on the region, organisation
 * routes on the organisation. Reads are raw SQL with one row decoder, so a list, one event
 * and the public search all come back in one statement (sessions and counts included).
 */

export type OrganiserScope =
  | { readonly kind: "region"; readonly db: Db; readonly region: RegionRef }
  | { readonly kind: "organisation"; readonly db: Db; readonly organisation: OrganisationRef };

export interface EventRecord {
  id: string;
  seq: number;
  slug: string;
  regionId: string;
  regionSlug: string;
  regionName: string;
  organisationId: string | null;
  title: string;
  summary: string;
  description: string;
  type: EventType;
  format: EventFormat;
  topics: Topic[];
  audiences: Audience[];
  regions: string[];
  location: string | null;
  joinUrl: string | null;
  capacity: number;
  priceNote: string | null;
  registrationDeadline: number;
  contact: EventContact;
  firstStartAt: number;
  lastEndAt: number;
  status: EventStatus;
  reviewNote: string | null;
  revision: EventContent | null;
  revisionStatus: "in_review" | "rejected" | null;
  submittedAt: number | null;
  publishedAt: number | null;
  cancelledAt: number | null;
  cancelReason: string | null;
  version: number;
  changeRef: string;
  createdAt: number;
  updatedAt: number;
  sessions: EventSessionTimes[];
  organiser: { kind: "region" | "organisation"; slug: string; name: string };
  counts: { confirmed: number; waitlisted: number; cancelled: number };
  feedback: { count: number; average: number | null };
}

/** The columns every event read selects (aliases read by {@link decodeEvent}). */
export const EVENT_COLUMNS = raw(`e.*, rg.slug as region_slug, rg.name as region_name,
  coalesce(o.slug, rg.slug) as organiser_slug, coalesce(o.name, rg.operator) as organiser_name,
  (select json_group_array(json_array(s.idx, s.start_at, s.end_at)) from event_sessions s where s.event_id = e.id) as sessions_json,
  (select count(*) from event_registrations r where r.event_id = e.id and r.status = 'confirmed') as n_confirmed,
  (select count(*) from event_registrations r where r.event_id = e.id and r.status = 'waitlisted') as n_waitlisted,
  (select count(*) from event_registrations r where r.event_id = e.id and r.status = 'cancelled') as n_cancelled,
  (select count(*) from event_registrations r where r.event_id = e.id and r.feedback_rating is not null) as n_feedback,
  (select avg(r.feedback_rating) from event_registrations r where r.event_id = e.id and r.feedback_rating is not null) as avg_feedback`);
export const EVENT_FROM = raw("events e join regions rg on rg.id = e.region_id left join organisations o on o.id = e.organisation_id");

function json<T>(value: unknown): T {
  return JSON.parse(String(value)) as T;
}
const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const strOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** One row of {@link EVENT_COLUMNS} as an {@link EventRecord}. */
export function decodeEvent(row: Row): EventRecord {
  const r = row as unknown as Record<string, unknown>;
  const sessions = json<[number, number, number][]>(r.sessions_json ?? "[]")
    .sort((a, b) => a[0] - b[0])
    .map(([, start, end]) => ({ start, end }));
  return {
    id: String(r.id),
    seq: num(r.seq),
    slug: String(r.slug),
    regionId: String(r.region_id),
    regionSlug: String(r.region_slug),
    regionName: String(r.region_name),
    organisationId: strOrNull(r.organisation_id),
    title: String(r.title),
    summary: String(r.summary),
    description: String(r.description),
    type: String(r.type) as EventType,
    format: String(r.format) as EventFormat,
    topics: json<Topic[]>(r.topics),
    audiences: json<Audience[]>(r.audiences),
    regions: json<string[]>(r.regions),
    location: strOrNull(r.location),
    joinUrl: strOrNull(r.join_url),
    capacity: num(r.capacity),
    priceNote: strOrNull(r.price_note),
    registrationDeadline: num(r.registration_deadline),
    contact: json<EventContact>(r.contact),
    firstStartAt: num(r.first_start_at),
    lastEndAt: num(r.last_end_at),
    status: String(r.status) as EventStatus,
    reviewNote: strOrNull(r.review_note),
    revision: r.revision === null || r.revision === undefined ? null : json<EventContent>(r.revision),
    revisionStatus: (strOrNull(r.revision_status) as EventRecord["revisionStatus"]) ?? null,
    submittedAt: numOrNull(r.submitted_at),
    publishedAt: numOrNull(r.published_at),
    cancelledAt: numOrNull(r.cancelled_at),
    cancelReason: strOrNull(r.cancel_reason),
    version: num(r.version),
    changeRef: String(r.change_ref),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
    sessions,
    organiser: { kind: r.organisation_id ? "organisation" : "region", slug: String(r.organiser_slug), name: String(r.organiser_name) },
    counts: { confirmed: num(r.n_confirmed), waitlisted: num(r.n_waitlisted), cancelled: num(r.n_cancelled) },
    feedback: { count: num(r.n_feedback), average: r.avg_feedback === null ? null : Math.round(Number(r.avg_feedback) * 100) / 100 },
  };
}

/** The condition that limits events to what the organiser scope owns. */
export function ownedBy(scope: OrganiserScope): SqlFragment {
  return scope.kind === "region" ? sql`e.region_id = ${scope.region.id}` : sql`e.organisation_id = ${scope.organisation.id}`;
}

/** The owning region of events created in this scope. */
export function scopeRegionId(scope: OrganiserScope): string {
  return scope.kind === "region" ? scope.region.id : scope.organisation.homeRegionId;
}

/** One event of the organiser (any state), or null (also for another region's or organisation's). */
export async function findOwnedEvent(scope: OrganiserScope, id: string): Promise<EventRecord | null> {
  const result = await scope.db.client.execute(sql`select ${EVENT_COLUMNS} from ${EVENT_FROM} where e.id = ${id} and ${ownedBy(scope)}`.statement());
  const row = result.rows[0];
  return row ? decodeEvent(row) : null;
}

/** The organiser's events, soonest first (`status=in_review` also lists published events with a change waiting); `limit + 1` rows. */
export async function listOwnedEvents(scope: OrganiserScope, status: EventStatus | undefined, limit: number, offset: number): Promise<EventRecord[]> {
  const conditions: SqlFragment[] = [ownedBy(scope)];
  if (status === "in_review") conditions.push(sql`(e.status = 'in_review' or e.revision_status = 'in_review')`);
  else if (status) conditions.push(sql`e.status = ${status}`);
  const result = await scope.db.client.execute(
    sql`select ${EVENT_COLUMNS} from ${EVENT_FROM} where ${joinSql(conditions, " and ")}
        order by e.first_start_at desc, e.id limit ${limit + 1} offset ${offset}`.statement(),
  );
  return result.rows.map(decodeEvent);
}

/** Slugs already taken by this base (the base itself or base-N). */
export async function takenEventSlugs(db: Db, base: string): Promise<Set<string>> {
  const result = await db.client.execute({ sql: "select slug from events where slug = ? or slug like ?", args: [base, `${base}-%`] });
  return new Set(result.rows.map((r) => String(r.slug)));
}

/** The columns an organiser writes, as stored. */
export interface EventWrite {
  title: string;
  summary: string;
  description: string;
  type: EventType;
  format: EventFormat;
  topics: Topic[];
  audiences: Audience[];
  regions: string[];
  location: string | null;
  joinUrl: string | null;
  capacity: number;
  priceNote: string | null;
  registrationDeadline: number;
  contact: EventContact;
  firstStartAt: number;
  lastEndAt: number;
}

function contentArgs(w: EventWrite) {
  return [
    w.title,
    w.summary,
    w.description,
    w.type,
    w.format,
    JSON.stringify(w.topics),
    JSON.stringify(w.audiences),
    JSON.stringify(w.regions),
    w.location,
    w.joinUrl,
    w.capacity,
    w.priceNote,
    w.registrationDeadline,
    JSON.stringify(w.contact),
    w.firstStartAt,
    w.lastEndAt,
  ];
}
const CONTENT_COLUMNS = [
  "title",
  "summary",
  "description",
  "type",
  "format",
  "topics",
  "audiences",
  "regions",
  "location",
  "join_url",
  "capacity",
  "price_note",
  "registration_deadline",
  "contact",
  "first_start_at",
  "last_end_at",
];

/** A new event; `seq` (its row in the full-text index) is the next integer, taken inside the write transaction. */
export function insertEventStatement(row: {
  id: string;
  slug: string;
  regionId: string;
  organisationId: string | null;
  content: EventWrite;
  status: EventStatus;
  publishedAt: number | null;
  changeRef: string;
  createdBy: string;
  now: number;
}): InStatement {
  const columns = [
    "id",
    "seq",
    "slug",
    "region_id",
    "organisation_id",
    ...CONTENT_COLUMNS,
    "status",
    "published_at",
    "version",
    "change_ref",
    "created_by",
    "created_at",
    "updated_at",
  ];
  return {
    sql: `insert into events (${columns.join(", ")}) values (?, (select coalesce(max(seq), 0) + 1 from events), ${columns
      .slice(2)
      .map(() => "?")
      .join(", ")})`,
    args: [
      row.id,
      row.slug,
      row.regionId,
      row.organisationId,
      ...contentArgs(row.content),
      row.status,
      row.publishedAt,
      0,
      row.changeRef,
      row.createdBy,
      row.now,
      row.now,
    ],
  };
}

/** Fields of an update besides the content; every one is optional. */
export interface EventStatePatch {
  status?: EventStatus;
  reviewNote?: string | null;
  revision?: EventContent | null;
  revisionStatus?: "in_review" | "rejected" | null;
  submittedAt?: number | null;
  publishedAt?: number | null;
  cancelledAt?: number | null;
  cancelReason?: string | null;
}

const STATE_COLUMNS: Record<keyof EventStatePatch, string> = {
  status: "status",
  reviewNote: "review_note",
  revision: "revision",
  revisionStatus: "revision_status",
  submittedAt: "submitted_at",
  publishedAt: "published_at",
  cancelledAt: "cancelled_at",
  cancelReason: "cancel_reason",
};

/**
 * Changes an event only while it still carries the change reference the service read; the
 * new reference then guards every other statement of the batch ({@link ifChanged}).
 */
export function updateEventStatement(
  event: Pick<EventRecord, "id" | "changeRef">,
  nextRef: string,
  now: number,
  patch: { content?: EventWrite; state?: EventStatePatch; bumpVersion?: boolean },
): InStatement {
  // A lower capacity must still hold everyone confirmed at the moment of writing.
  const capacityGuard = patch.content ? " and (select count(*) from event_registrations r where r.event_id = events.id and r.status = 'confirmed') <= ?" : "";
  const sets: string[] = [];
  const args: (string | number | null)[] = [];
  if (patch.content) {
    sets.push(...CONTENT_COLUMNS.map((c) => `${c} = ?`));
    args.push(...contentArgs(patch.content));
  }
  for (const [key, column] of Object.entries(STATE_COLUMNS) as [keyof EventStatePatch, string][]) {
    if (!patch.state || !(key in patch.state)) continue;
    const value = patch.state[key];
    sets.push(`${column} = ?`);
    args.push(value === undefined ? null : typeof value === "object" && value !== null ? JSON.stringify(value) : (value as string | number | null));
  }
  sets.push("change_ref = ?", "updated_at = ?");
  args.push(nextRef, now);
  if (patch.bumpVersion) sets.push("version = version + 1");
  return {
    sql: `update events set ${sets.join(", ")} where id = ? and change_ref = ?${capacityGuard}`,
    args: [...args, event.id, event.changeRef, ...(patch.content ? [patch.content.capacity] : [])],
  };
}

/** SQL condition: the event carries this change reference (the batch's own change happened). */
export function ifChanged(eventId: string, ref: string): { sql: string; args: string[] } {
  return { sql: "exists (select 1 from events where id = ? and change_ref = ?)", args: [eventId, ref] };
}

/** Replaces an event's sessions, only when the batch's guarded change happened. */
export function replaceSessionsStatements(eventId: string, regionId: string, sessions: readonly EventSessionTimes[], ref: string): InStatement[] {
  const guard = ifChanged(eventId, ref);
  return [
    { sql: `delete from event_sessions where event_id = ? and ${guard.sql}`, args: [eventId, ...guard.args] },
    ...sessions.map((s, idx) => ({
      sql: `insert into event_sessions (event_id, idx, region_id, start_at, end_at) select ?, ?, ?, ?, ? where ${guard.sql}`,
      args: [eventId, idx, regionId, s.start, s.end, ...guard.args],
    })),
  ];
}

/** Sessions of a new event (inserted in the same batch as the event). */
export function insertSessionsStatements(eventId: string, regionId: string, sessions: readonly EventSessionTimes[]): InStatement[] {
  return sessions.map((s, idx) => ({
    sql: "insert into event_sessions (event_id, idx, region_id, start_at, end_at) values (?, ?, ?, ?, ?)",
    args: [eventId, idx, regionId, s.start, s.end],
  }));
}

/** The comments of an event's feedback, without names, oldest first. */
export async function loadFeedbackComments(db: Db, eventId: string): Promise<string[]> {
  const result = await db.client.execute({
    sql: "select feedback_comment from event_registrations where event_id = ? and feedback_comment is not null and feedback_comment <> '' order by feedback_at",
    args: [eventId],
  });
  return result.rows.map((r) => String(r.feedback_comment));
}

/** An audit entry of the event's region, written only when `condition` holds (the batch's change happened). */
export function auditIf(
  regionId: string,
  actorId: string | null,
  action: string,
  target: { type: string; id: string },
  detail: Record<string, unknown>,
  now: number,
  condition: { sql: string; args: (string | number)[] },
): InStatement {
  return {
    sql: `insert into audit_log (id, region_id, actor_user_id, action, target_type, target_id, detail, created_at)
          select ?, ?, ?, ?, ?, ?, ?, ? where ${condition.sql}`,
    args: [newId(), regionId, actorId, action, target.type, target.id, JSON.stringify(detail), now, ...condition.args],
  };
}
