import { and, asc, eq, gte, inArray, lt, ne, sql, type SQL } from "drizzle-orm";
import type { InStatement } from "@libsql/client/web";
import type { Db } from "../../db/client";
import { appointments, frontdesks, idempotencyKeys } from "../../db/schema";
import { regionIdOf, type AnyRegionScope, type AppointmentLinkScope, type RegionScope } from "../../db/scope";
import { statementTemplate } from "../../db/read";

export type AppointmentRow = typeof appointments.$inferSelect;

/** Slots are at most 1440 minutes (frontdesk settings), so a booking starts at most this long before it ends. */
const MAX_SLOT_MS = 86_400_000;

/** Statuses that hold a place (a past confirmed/completed/no-show appointment still "used" it). */
const HOLDS_PLACE = sql`${appointments.status} <> 'cancelled'`;

/**
 * Statement for a read plan: bookings that occupy capacity at the given desks between two
 * instants; `unless` is an extra condition that makes it return nothing (a cached answer
 * is still current).
 */
export function occupyingBookingsQuery(scope: AnyRegionScope, frontdeskIds: readonly string[], from: number, to: number, unless?: SQL) {
  return scope.db.db
    .select({ frontdeskId: appointments.frontdeskId, start: appointments.startAt, end: appointments.endAt })
    .from(appointments)
    .where(
      and(
        eq(appointments.regionId, regionIdOf(scope)),
        inArray(appointments.frontdeskId, frontdeskIds.length ? [...frontdeskIds] : [""]),
        HOLDS_PLACE,
        // A slot is at most a day long: the lower bound keeps this an index range, flat in history.
        gte(appointments.startAt, from - MAX_SLOT_MS),
        lt(appointments.startAt, to),
        gte(appointments.endAt, from),
        unless,
      ),
    );
}

/**
 * The public slot reads as templates (built once per isolate, see `statementTemplate`):
 * bookings that hold a place at one desk (`deskId`) or at a list of desks (`deskIds`, a
 * JSON array; `"*"` for every desk of the region) of the region `slug`, starting in
 * [`lowest`, `to`) and ending after `from`; nothing when the versions named `known*` are
 * still current (pass impossible ones, e.g. an empty id, to always read).
 */
export const BOOKING_TEMPLATES = (() => {
  const p = (name: string) => sql.placeholder(name);
  const inRegion = eq(appointments.regionId, sql`(select id from regions where slug = ${p("slug")})`);
  const window = and(HOLDS_PLACE, gte(appointments.startAt, p("lowest")), lt(appointments.startAt, p("to")), gte(appointments.endAt, p("from")));
  const columns = { frontdeskId: appointments.frontdeskId, start: appointments.startAt, end: appointments.endAt };
  const regionCurrent = sql`exists (select 1 from regions r where r.slug = ${p("slug")} and r.id = ${p("knownRegionId")} and r.created_at = ${p("knownCreated")}
    and r.config_version = ${p("knownConfig")} and r.availability_version = ${p("knownAvailability")})`;
  const deskCurrent = sql`exists (select 1 from frontdesks f join regions r on r.id = f.region_id where r.slug = ${p("slug")} and f.id = ${p("deskId")}
    and r.id = ${p("knownRegionId")} and r.created_at = ${p("knownCreated")} and r.config_version = ${p("knownConfig")} and f.availability_version = ${p("knownAvailability")})`;
  return {
    desk: statementTemplate((db: Db) =>
      db.db
        .select(columns)
        .from(appointments)
        .where(and(inRegion, eq(appointments.frontdeskId, p("deskId")), window, sql`not ${deskCurrent}`)),
    ),
    desks: statementTemplate((db: Db) =>
      db.db
        .select(columns)
        .from(appointments)
        .where(
          and(
            inRegion,
            sql`(${p("deskIds")} = '"*"' or ${appointments.frontdeskId} in (select value from json_each(${p("deskIds")})))`,
            window,
            sql`not ${regionCurrent}`,
          ),
        ),
    ),
  };
})();

/** Lower bound of `start_at` for bookings that can still overlap `from` (see MAX_SLOT_MS). */
export function earliestOverlappingStart(from: number): number {
  return from - MAX_SLOT_MS;
}

export function appointmentQuery(scope: RegionScope, id: string) {
  return scope.db.db
    .select()
    .from(appointments)
    .where(and(eq(appointments.regionId, scope.region.id), eq(appointments.id, id)))
    .limit(1);
}

export async function findAppointment(scope: RegionScope, id: string): Promise<AppointmentRow | null> {
  const rows = await appointmentQuery(scope, id);
  return rows[0] ?? null;
}

/**
 * Statements for a read plan: the agenda (appointments of the region, or of some of its
 * desks, between two instants, oldest first) and, for the e-mail addresses in it, the
 * earlier no-shows in the region since `since` — read in the same batch through a subquery.
 */
export function agendaQueries(scope: RegionScope, frontdeskIds: readonly string[] | null, from: number, to: number, since: number) {
  const db = scope.db.db;
  const inAgenda = and(
    eq(appointments.regionId, scope.region.id),
    frontdeskIds ? inArray(appointments.frontdeskId, frontdeskIds.length ? [...frontdeskIds] : [""]) : undefined,
    gte(appointments.startAt, from),
    lt(appointments.startAt, to),
  );
  const agendaEmails = db.select({ email: appointments.email }).from(appointments).where(inAgenda);
  return {
    /** The day's addresses, trimmed and lower-cased (as entrepreneur accounts keep them), as a subquery. */
    emails: db
      .select({ email: sql<string>`lower(trim(${appointments.email}))` })
      .from(appointments)
      .where(inAgenda),
    rows: db
      .select({ appointment: appointments, frontdeskName: frontdesks.name })
      .from(appointments)
      .innerJoin(frontdesks, eq(frontdesks.id, appointments.frontdeskId))
      .where(inAgenda)
      .orderBy(asc(appointments.startAt), asc(appointments.createdAt)),
    noShows: db
      .select({ email: appointments.email, n: sql<number>`count(*)` })
      .from(appointments)
      .where(
        and(
          eq(appointments.regionId, scope.region.id),
          inArray(appointments.email, agendaEmails),
          eq(appointments.status, "no_show"),
          gte(appointments.startAt, since),
          lt(appointments.startAt, to),
        ),
      )
      .groupBy(appointments.email),
  };
}

export async function listFutureConfirmed(scope: RegionScope, frontdeskId: string, now: number): Promise<AppointmentRow[]> {
  return futureConfirmedQuery(scope, frontdeskId, now);
}

/** A desk's confirmed appointments from `now` on (optionally up to `until`), soonest first, as a query for a read batch. */
export function futureConfirmedQuery(scope: RegionScope, frontdeskId: string, now: number, until?: number) {
  return scope.db.db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.regionId, scope.region.id),
        eq(appointments.frontdeskId, frontdeskId),
        eq(appointments.status, "confirmed"),
        gte(appointments.startAt, now),
        until === undefined ? undefined : lt(appointments.startAt, until),
      ),
    )
    .orderBy(asc(appointments.startAt));
}

/**
 * Inserts the appointment only while fewer than `capacity` bookings overlap its time at
 * that desk. One statement decides, so the database serializes concurrent bookings:
 * two isolates can never both take the last place. Inserts nothing when full.
 */
export function insertAppointmentIfFree(
  scope: RegionScope,
  row: typeof appointments.$inferInsert,
  capacity: number,
  also?: { sql: string; args: (string | number)[] },
): InStatement {
  const columns = [
    "id",
    "region_id",
    "frontdesk_id",
    "start_at",
    "end_at",
    "mode",
    "topic",
    "municipality",
    "entrepreneur_municipality",
    "status",
    "locale",
    "question",
    "name",
    "email",
    "phone",
    "company_name",
    "kvk_number",
    "manage_token_hash",
    "sequence",
    "created_at",
    "updated_at",
  ];
  const values = [
    row.id,
    scope.region.id,
    row.frontdeskId,
    row.startAt,
    row.endAt,
    row.mode,
    row.topic,
    row.municipality,
    row.entrepreneurMunicipality ?? null,
    "confirmed",
    row.locale ?? "nl",
    row.question ?? null,
    row.name ?? null,
    row.email ?? null,
    row.phone ?? null,
    row.companyName ?? null,
    row.kvkNumber ?? null,
    row.manageTokenHash,
    0,
    row.createdAt,
    row.updatedAt,
  ];
  return {
    sql: `insert into appointments (${columns.join(", ")})
          select ${columns.map(() => "?").join(", ")}
          where exists (select 1 from frontdesks where region_id = ? and id = ? and archived_at is null)
            and (select count(*) from appointments
                 where region_id = ? and frontdesk_id = ? and status <> 'cancelled' and start_at < ? and end_at > ?) < ?
            ${also ? `and ${also.sql}` : ""}`,
    args: [...values, scope.region.id, row.frontdeskId, scope.region.id, row.frontdeskId, row.endAt, row.startAt, capacity, ...(also?.args ?? [])],
  };
}

/** Moves a confirmed appointment only when the new time still has a free place (excluding itself). */
export function rescheduleIfFree(
  scope: RegionScope,
  input: { id: string; frontdeskId: string; start: number; end: number; now: number; capacity: number; expectedSequence: number },
): InStatement {
  return {
    sql: `update appointments set start_at = ?, end_at = ?, sequence = sequence + 1, updated_at = ?
          where region_id = ? and id = ? and status = 'confirmed' and sequence = ?
            and (select count(*) from appointments
                 where region_id = ? and frontdesk_id = ? and id <> ? and status <> 'cancelled' and start_at < ? and end_at > ?) < ?`,
    args: [
      input.start,
      input.end,
      input.now,
      scope.region.id,
      input.id,
      input.expectedSequence,
      scope.region.id,
      input.frontdeskId,
      input.id,
      input.end,
      input.start,
      input.capacity,
    ],
  };
}

export function cancelStatement(scope: RegionScope, input: { id: string; now: number; expectedSequence: number }) {
  return scope.db.db
    .update(appointments)
    .set({ status: "cancelled", cancelledAt: input.now, updatedAt: input.now, sequence: sql`${appointments.sequence} + 1` })
    .where(
      and(
        eq(appointments.regionId, scope.region.id),
        eq(appointments.id, input.id),
        eq(appointments.status, "confirmed"),
        eq(appointments.sequence, input.expectedSequence),
      ),
    );
}

export function setOutcomeStatement(scope: RegionScope, input: { id: string; outcome: "completed" | "no_show"; note: string | null; now: number }) {
  return scope.db.db
    .update(appointments)
    .set({ status: input.outcome, outcomeNote: input.note, outcomeAt: input.now, updatedAt: input.now })
    .where(and(eq(appointments.regionId, scope.region.id), eq(appointments.id, input.id), ne(appointments.status, "cancelled")));
}

export function idempotencyRecordQuery(scope: AnyRegionScope, keyHash: string) {
  return scope.db.db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.regionId, regionIdOf(scope)), eq(idempotencyKeys.key, keyHash)))
    .limit(1);
}

export async function findIdempotencyRecord(scope: RegionScope, keyHash: string) {
  const rows = await idempotencyRecordQuery(scope, keyHash);
  return rows[0] ?? null;
}

/**
 * The appointment a manage link (or its owner's session and its id) names, and its desk (same
 * region), for a read plan. Owned by someone else: no region, so neither row is found.
 */
export function appointmentLinkQueries(scope: AppointmentLinkScope) {
  const db = scope.db.db;
  const regionId = regionIdOf(scope);
  const which = "manageTokenHash" in scope ? sql`manage_token_hash = ${scope.manageTokenHash}` : sql`id = ${scope.appointmentId} and region_id = ${regionId}`;
  return {
    appointment: db
      .select()
      .from(appointments)
      .where(
        "manageTokenHash" in scope
          ? eq(appointments.manageTokenHash, scope.manageTokenHash)
          : and(eq(appointments.id, scope.appointmentId), eq(appointments.regionId, regionId)),
      )
      .limit(1),
    desk: db
      .select()
      .from(frontdesks)
      .where(and(eq(frontdesks.regionId, regionId), sql`${frontdesks.id} = (select frontdesk_id from appointments where ${which})`))
      .limit(1),
  };
}

/** Stores the answer only if the appointment it belongs to was really inserted in this batch. */
export function insertIdempotencyIfBooked(
  scope: RegionScope,
  input: { keyHash: string; bodyHash: string; status: number; response: string; now: number; appointmentId: string },
): InStatement {
  return {
    sql: `insert into idempotency_keys (region_id, key, body_hash, status, response, created_at)
          select ?, ?, ?, ?, ?, ? where exists (select 1 from appointments where id = ?)`,
    args: [scope.region.id, input.keyHash, input.bodyHash, input.status, input.response, input.now, input.appointmentId],
  };
}

/** Keys are kept at least 24 h; older ones are removed by the scheduled job. */
export function deleteExpiredIdempotencyKeys(db: Db, before: number) {
  return db.db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before));
}
