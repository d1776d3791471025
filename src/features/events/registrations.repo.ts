import type { InStatement, InValue, Row } from "@libsql/client/web";
import type { Db } from "../../db/client";
import type { OutboxKind, RegistrationStatus } from "../../db/schema";
import type { Locale } from "../../lib/vocabulary";
import { newId } from "../../lib/ids";
import { sql } from "../../lib/sql-template";
import { decodeEvent, EVENT_COLUMNS, EVENT_FROM, type EventRecord } from "./events.repo";

/**
 * Registrations, the wait-list and attendance. Capacity is decided inside the database: the
 * INSERT … SELECT that adds a registration sets its status (confirmed while fewer confirmed
 * registrations than places exist and nobody waits, else waitlisted) and its place in the
 * arrival order in the same statement, so concurrent registrations, in any isolate, are
 * serialized by the database and never overbook. Promotion from the wait-list is one UPDATE
 * that fills exactly the free places from the head of the wait-list.
 */

export interface RegistrationRecord {
  id: string;
  regionId: string;
  eventId: string;
  seq: number;
  status: RegistrationStatus;
  locale: Locale;
  name: string | null;
  email: string | null;
  companyName: string | null;
  kvkNumber: string | null;
  followUpConsent: boolean;
  sequence: number;
  confirmedAt: number | null;
  promotedAt: number | null;
  cancelledAt: number | null;
  feedbackRequestedAt: number | null;
  feedbackRating: number | null;
  feedbackComment: string | null;
  candidateInvitedAt: number | null;
  candidateRegisteredAt: number | null;
  createdAt: number;
  /** Place on the wait-list (1 = next), for waitlisted registrations. */
  position: number | null;
  /** Per session index: true, false, or null when not marked. */
  attendance: (boolean | null)[];
}

const REGISTRATION_COLUMNS = `r.*,
  case when r.status = 'waitlisted' then (select count(*) from event_registrations w where w.event_id = r.event_id and w.status = 'waitlisted' and w.seq <= r.seq) end as position,
  (select json_group_array(json_array(a.session_idx, a.attended)) from event_attendance a where a.registration_id = r.id) as attendance_json`;

const strOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export function decodeRegistration(row: Row, sessionCount: number): RegistrationRecord {
  const r = row as unknown as Record<string, unknown>;
  const attendance: (boolean | null)[] = Array.from({ length: sessionCount }, () => null);
  for (const [idx, attended] of JSON.parse(String(r.attendance_json ?? "[]")) as [number, number][]) {
    if (idx < sessionCount) attendance[idx] = attended === 1;
  }
  return {
    id: String(r.id),
    regionId: String(r.region_id),
    eventId: String(r.event_id),
    seq: Number(r.seq),
    status: String(r.status) as RegistrationStatus,
    locale: (String(r.locale) === "en" ? "en" : "nl") as Locale,
    name: strOrNull(r.name),
    email: strOrNull(r.email),
    companyName: strOrNull(r.company_name),
    kvkNumber: strOrNull(r.kvk_number),
    followUpConsent: Number(r.follow_up_consent) === 1,
    sequence: Number(r.sequence),
    confirmedAt: numOrNull(r.confirmed_at),
    promotedAt: numOrNull(r.promoted_at),
    cancelledAt: numOrNull(r.cancelled_at),
    feedbackRequestedAt: numOrNull(r.feedback_requested_at),
    feedbackRating: numOrNull(r.feedback_rating),
    feedbackComment: strOrNull(r.feedback_comment),
    candidateInvitedAt: numOrNull(r.candidate_invited_at),
    candidateRegisteredAt: numOrNull(r.candidate_registered_at),
    createdAt: Number(r.created_at),
    position: numOrNull(r.position),
    attendance,
  };
}

/** A published or cancelled event by its public slug (drafts and events in review are not public). */
export async function findPublicEventBySlug(db: Db, slug: string): Promise<EventRecord | null> {
  const result = await db.client.execute(
    sql`select ${EVENT_COLUMNS} from ${EVENT_FROM} where e.slug = ${slug} and e.status in ('published', 'cancelled')`.statement(),
  );
  const row = result.rows[0];
  return row ? decodeEvent(row) : null;
}

/**
 * The registration a manage token (or the follow-up token of the feedback mail) names, with
 * its event: one read batch. The token is the capability, so this lookup starts without a
 * region; everything after it is scoped to the registration's region and event.
 */
export async function findRegistrationByTokenHash(db: Db, tokenHash: string): Promise<{ registration: RegistrationRecord; event: EventRecord } | null> {
  const [registrations, eventRows] = await db.client.batch(
    [
      {
        sql: `select ${REGISTRATION_COLUMNS} from event_registrations r where r.manage_token_hash = ? or r.follow_up_token_hash = ? limit 1`,
        args: [tokenHash, tokenHash],
      },
      sql`select ${EVENT_COLUMNS} from ${EVENT_FROM}
          where e.id = (select event_id from event_registrations where manage_token_hash = ${tokenHash} or follow_up_token_hash = ${tokenHash} limit 1)`.statement(),
    ],
    "read",
  );
  const eventRow = eventRows?.rows[0];
  const registrationRow = registrations?.rows[0];
  if (!eventRow || !registrationRow) return null;
  const event = decodeEvent(eventRow);
  return { event, registration: decodeRegistration(registrationRow, event.sessions.length) };
}

/** One registration of an event, or null. */
export async function findEventRegistration(db: Db, event: Pick<EventRecord, "id" | "regionId" | "sessions">, id: string): Promise<RegistrationRecord | null> {
  const result = await db.client.execute({
    sql: `select ${REGISTRATION_COLUMNS} from event_registrations r where r.region_id = ? and r.event_id = ? and r.id = ?`,
    args: [event.regionId, event.id, id],
  });
  const row = result.rows[0];
  return row ? decodeRegistration(row, event.sessions.length) : null;
}

/** Participants of an event: confirmed first, then the wait-list in order, then cancelled; `limit + 1` rows (no limit: all). */
export async function listEventRegistrations(
  db: Db,
  event: Pick<EventRecord, "id" | "regionId" | "sessions">,
  page: { limit: number; offset: number } | null,
): Promise<RegistrationRecord[]> {
  const result = await db.client.execute({
    sql: `select ${REGISTRATION_COLUMNS} from event_registrations r where r.region_id = ? and r.event_id = ?
          order by case r.status when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end, r.seq
          ${page ? "limit ? offset ?" : ""}`,
    args: [event.regionId, event.id, ...(page ? [page.limit + 1, page.offset] : [])],
  });
  return result.rows.map((row) => decodeRegistration(row, event.sessions.length));
}

/** The condition under which a new registration is confirmed rather than waitlisted. */
const HAS_FREE_PLACE = `(select count(*) from event_registrations c where c.event_id = e.id and c.status = 'confirmed') < e.capacity
  and not exists (select 1 from event_registrations w where w.event_id = e.id and w.status = 'waitlisted')`;

/**
 * Inserts a registration while the event is published and open (before its deadline and its
 * first session); one statement decides confirmed or waitlisted and the arrival order.
 * Inserts nothing when registration is closed.
 */
export function insertRegistrationIfOpen(input: {
  id: string;
  eventId: string;
  locale: Locale;
  name: string;
  email: string;
  companyName: string | null;
  kvkNumber: string | null;
  followUpConsent: boolean;
  manageTokenHash: string;
  now: number;
}): InStatement {
  return {
    sql: `insert into event_registrations (id, region_id, event_id, seq, status, locale, name, email, company_name, kvk_number, consent_at,
            follow_up_consent, manage_token_hash, sequence, confirmed_at, created_at, updated_at)
          select ?, e.region_id, e.id, (select coalesce(max(x.seq), 0) + 1 from event_registrations x where x.event_id = e.id),
            case when ${HAS_FREE_PLACE} then 'confirmed' else 'waitlisted' end,
            ?, ?, ?, ?, ?, ?, ?, ?, 0, case when ${HAS_FREE_PLACE} then ? end, ?, ?
          from events e
          where e.id = ? and e.status = 'published' and e.registration_deadline > ? and e.first_start_at > ?`,
    args: [
      input.id,
      input.locale,
      input.name,
      input.email,
      input.companyName,
      input.kvkNumber,
      input.now,
      input.followUpConsent ? 1 : 0,
      input.manageTokenHash,
      input.now,
      input.now,
      input.now,
      input.eventId,
      input.now,
      input.now,
    ],
  };
}

/** Reads a registration's status and wait-list place (inside the write batch, after the insert). */
export function registrationStateStatement(id: string): InStatement {
  return {
    sql: `select r.status, case when r.status = 'waitlisted' then (select count(*) from event_registrations w
            where w.event_id = r.event_id and w.status = 'waitlisted' and w.seq <= r.seq) end as position
          from event_registrations r where r.id = ?`,
    args: [id],
  };
}

/**
 * Fills the event's free places from the head of the wait-list, in arrival order, and marks
 * the promoted registrations with `promotionRef` (the mails of the same batch select them by
 * it). While the event is published and its first session has not started; else it does nothing.
 */
export function promoteWaitlistStatement(eventId: string, promotionRef: string, now: number, guard?: { sql: string; args: InValue[] }): InStatement {
  return {
    sql: `update event_registrations set status = 'confirmed', confirmed_at = ?, promoted_at = ?, promotion_ref = ?, sequence = sequence + 1, updated_at = ?
          where ${guard ? `${guard.sql} and ` : ""}id in (select w.id from event_registrations w where w.event_id = ? and w.status = 'waitlisted' order by w.seq
            limit max(0, coalesce((select e.capacity from events e where e.id = ? and e.status = 'published' and e.first_start_at > ?), 0)
              - (select count(*) from event_registrations c where c.event_id = ? and c.status = 'confirmed')))`,
    args: [now, now, promotionRef, now, ...(guard?.args ?? []), eventId, eventId, now, eventId],
  };
}

/** Cancels a live registration that is still at the sequence the service read. */
export function cancelRegistrationStatement(registration: Pick<RegistrationRecord, "id" | "sequence">, now: number): InStatement {
  return {
    sql: `update event_registrations set status = 'cancelled', cancelled_at = ?, sequence = sequence + 1, updated_at = ?
          where id = ? and status in ('confirmed', 'waitlisted') and sequence = ?`,
    args: [now, now, registration.id, registration.sequence],
  };
}

/** Records (or changes) a confirmed participant's attendance of one session. */
export function upsertAttendanceStatement(input: {
  eventId: string;
  registrationId: string;
  sessionIdx: number;
  attended: boolean;
  by: string;
  now: number;
}): InStatement {
  return {
    sql: `insert into event_attendance (registration_id, session_idx, event_id, region_id, attended, marked_by, marked_at)
          select r.id, ?, r.event_id, r.region_id, ?, ?, ? from event_registrations r where r.id = ? and r.event_id = ? and r.status = 'confirmed'
          on conflict (registration_id, session_idx) do update set attended = excluded.attended, marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
    args: [input.sessionIdx, input.attended ? 1 : 0, input.by, input.now, input.registrationId, input.eventId],
  };
}

/** Stores feedback once: a second attempt changes nothing. */
export function saveFeedbackStatement(registrationId: string, rating: number, comment: string | null, now: number): InStatement {
  return {
    sql: "update event_registrations set feedback_rating = ?, feedback_comment = ?, feedback_at = ?, updated_at = ? where id = ? and feedback_at is null",
    args: [rating, comment, now, now, registrationId],
  };
}

/** The idempotency record of a registration, written only when the registration was really inserted. */
export function insertIdempotencyIfRegistered(input: {
  regionId: string;
  keyHash: string;
  bodyHash: string;
  response: string;
  now: number;
  registrationId: string;
}): InStatement {
  return {
    sql: `insert into idempotency_keys (region_id, key, body_hash, status, response, created_at)
          select ?, ?, ?, 201, ?, ? where exists (select 1 from event_registrations where id = ?)`,
    args: [input.regionId, input.keyHash, input.bodyHash, input.response, input.now, input.registrationId],
  };
}

export async function findIdempotencyRecord(db: Db, regionId: string, keyHash: string): Promise<{ bodyHash: string; response: string } | null> {
  const result = await db.client.execute({
    sql: "select body_hash, response from idempotency_keys where region_id = ? and key = ?",
    args: [regionId, keyHash],
  });
  const row = result.rows[0];
  return row ? { bodyHash: String(row.body_hash), response: String(row.response) } : null;
}

// ---- outbox ----

export interface MailRow {
  kind: OutboxKind;
  dedupeKey: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  ics: string | null;
  sendAt: number;
  now: number;
}

/** One message for the outbox, written only when `condition` holds after the earlier statements of the batch. */
export function insertMailIf(regionId: string, mail: MailRow, condition: { sql: string; args: InValue[] }): InStatement {
  return {
    sql: `insert or ignore into outbox (id, region_id, appointment_id, kind, dedupe_key, recipient, subject, text_body, html_body, ics_body, status, attempts, next_attempt_at, created_at)
          select ?, ?, null, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ? where ${condition.sql}`,
    args: [
      newId(),
      regionId,
      mail.kind,
      mail.dedupeKey,
      mail.recipient,
      mail.subject,
      mail.text,
      mail.html,
      mail.ics,
      mail.sendAt,
      mail.now,
      ...condition.args,
    ],
  };
}

/** A message rendered once per locale, with {@link NAME_SLOT} where the participant's name goes. */
export interface MailTemplates {
  nl: { subject: string; text: string; html: string };
  en: { subject: string; text: string; html: string };
  /** The placeholder the templates carry for the name (unique per rendering). */
  nameSlot: string;
}

/** The participant's name, HTML-escaped inside SQL (the HTML part). */
const HTML_ESCAPED_NAME =
  "replace(replace(replace(replace(replace(coalesce(r.name, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '\"', '&quot;'), '''', '&#39;')";

/**
 * One message to every registration matching `where` (SQL over `r`, the registrations), in
 * its own language with its name filled in by the database: for messages whose recipients are
 * decided by the same batch (the promoted, every participant of a cancelled event). Names are
 * single-line text by validation; the HTML part escapes them here. De-duplicated by
 * `dedupe` (SQL over `r`), so a repeated batch sends nothing twice.
 */
export function insertMailsForRegistrations(input: {
  regionId: string;
  kind: OutboxKind;
  templates: MailTemplates;
  ics: string | null;
  now: number;
  where: { sql: string; args: InValue[] };
  dedupe: { sql: string; args: InValue[] };
}): InStatement {
  const t = input.templates;
  return {
    sql: `insert or ignore into outbox (id, region_id, appointment_id, kind, dedupe_key, recipient, subject, text_body, html_body, ics_body, status, attempts, next_attempt_at, created_at)
          select lower(hex(randomblob(16))), ?, null, ?, ${input.dedupe.sql}, r.email,
            case when r.locale = 'en' then ? else ? end,
            replace(case when r.locale = 'en' then ? else ? end, ?, coalesce(r.name, '')),
            replace(case when r.locale = 'en' then ? else ? end, ?, ${HTML_ESCAPED_NAME}),
            ?, 'pending', 0, ?, ?
          from event_registrations r where r.email is not null and ${input.where.sql}`,
    args: [
      input.regionId,
      input.kind,
      ...input.dedupe.args,
      t.en.subject,
      t.nl.subject,
      t.en.text,
      t.nl.text,
      t.nameSlot,
      t.en.html,
      t.nl.html,
      t.nameSlot,
      input.ics,
      input.now,
      input.now,
      ...input.where.args,
    ],
  };
}
