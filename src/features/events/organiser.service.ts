/**
 * What organisers do with their participants: the list (and a CSV for the day), attendance
 * per session, one message to everyone (through the outbox, at most three per event per
 * 24 hours, decided by the database), and inviting an attendee who agreed to it to register
 * for the Support Process.
 */
import type { InStatement } from "@libsql/client/web";
import type { Db } from "../../db/client";
import { writeBatch } from "../../db/write";
import type { Actor } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { newId, newToken, sha256Hex } from "../../lib/ids";
import { formatOffsetIso, localDate } from "../../lib/time";
import { csvField, spreadsheetText } from "../reports/csv";
import { type EventAdmin, type Participant, toAdminDto, toParticipantDto } from "./events.dto";
import { type Links, mailToParticipant, mailToRegistrations } from "./events.mail";
import { auditIf, type EventRecord, findOwnedEvent, loadFeedbackComments, type OrganiserScope } from "./events.repo";
import { MESSAGES_PER_DAY } from "./events.rules";
import { findEventRegistration, listEventRegistrations, upsertAttendanceStatement } from "./registrations.repo";

const DAY_MS = 86_400_000;

async function loadOwned(scope: OrganiserScope, id: string): Promise<EventRecord> {
  const event = await findOwnedEvent(scope, id);
  if (!event) throw notFound("This event");
  return event;
}

/** One event for its organiser, with the feedback comments (without names). */
export async function getOrganiserEvent(scope: OrganiserScope, id: string): Promise<EventAdmin> {
  const event = await loadOwned(scope, id);
  return toAdminDto(event, await loadFeedbackComments(scope.db, id));
}

/** The participants: confirmed first, then the wait-list in order, then cancelled; a page. */
export async function listParticipants(
  scope: OrganiserScope,
  id: string,
  page: { limit: number; offset: number },
): Promise<{ participants: Participant[]; more: boolean }> {
  const event = await loadOwned(scope, id);
  const rows = await listEventRegistrations(scope.db, event, page);
  return { participants: rows.slice(0, page.limit).map(toParticipantDto), more: rows.length > page.limit };
}

/**
 * The participant list for the day as CSV (RFC 4180, `;`-free): confirmed participants first,
 * then the wait-list, with a column per session to tick attendance on paper. Names and
 * companies a spreadsheet would run as a formula are prefixed with an apostrophe.
 */
export async function participantsCsv(scope: OrganiserScope, id: string): Promise<{ csv: string; filename: string }> {
  const event = await loadOwned(scope, id);
  const rows = (await listEventRegistrations(scope.db, event, null)).filter((r) => r.status !== "cancelled");
  const sessionHeaders = event.sessions.map((s, i) => `sessie ${i + 1} (${formatOffsetIso(s.start).slice(0, 16).replace("T", " ")})`);
  const header = ["status", "wachtlijstplaats", "naam", "bedrijf", "kvk", "e-mail", ...sessionHeaders];
  const lines = rows.map((r) => [
    r.status === "confirmed" ? "bevestigd" : "wachtlijst",
    r.position ?? "",
    spreadsheetText(r.name ?? ""),
    spreadsheetText(r.companyName ?? ""),
    r.kvkNumber ?? "",
    spreadsheetText(r.email ?? ""),
    ...r.attendance.map((a) => (a === null ? "" : a ? "aanwezig" : "afwezig")),
  ]);
  const csv = `${[header, ...lines].map((line) => line.map((v) => csvField(v)).join(",")).join("\r\n")}\r\n`;
  return { csv, filename: `deelnemers-${event.slug}-${localDate(event.firstStartAt)}.csv` };
}

/** Marks a confirmed participant as present or absent at one session (from the session's start). */
export async function markAttendance(
  scope: OrganiserScope,
  actor: Actor,
  id: string,
  input: { registrationId: string; sessionIndex: number; attended: boolean },
  now: number,
): Promise<Participant> {
  const event = await loadOwned(scope, id);
  const session = event.sessions[input.sessionIndex];
  if (!session) {
    throw new DomainError("validation_failed", "There is no such session.", [
      { path: "sessionIndex", message: `Use 0 to ${event.sessions.length - 1} (0 = the first session).` },
    ]);
  }
  if (event.status !== "published") throw new DomainError("conflict", "Attendance is kept for published events only.");
  if (now < session.start) throw new DomainError("conflict", "Attendance can be marked once the session has started.");
  const registration = await findEventRegistration(scope.db, event, input.registrationId);
  if (!registration) throw notFound("This registration");
  if (registration.status !== "confirmed") throw new DomainError("conflict", "Only confirmed participants have attendance.");
  await writeBatch(scope.db, [
    upsertAttendanceStatement({
      eventId: event.id,
      registrationId: registration.id,
      sessionIdx: input.sessionIndex,
      attended: input.attended,
      by: actor.id,
      now,
    }),
  ]);
  const updated = await findEventRegistration(scope.db, event, registration.id);
  if (!updated) throw notFound("This registration");
  return toParticipantDto(updated);
}

/**
 * One message to the participants (confirmed; with `includeWaitlist` the wait-list too),
 * through the outbox. The message row is inserted only while fewer than three were sent for
 * this event in the last 24 hours — decided by the database, so parallel sends cannot pass
 * the limit — and the mails only if it was. 429 with Retry-After beyond the limit.
 */
export async function messageParticipants(
  scope: OrganiserScope,
  actor: Actor,
  id: string,
  input: { subject: string; body: string; includeWaitlist: boolean },
  now: number,
): Promise<{ id: string; sentAt: string }> {
  const event = await loadOwned(scope, id);
  if (event.status !== "published") throw new DomainError("conflict", "Messages can be sent for published events only.");
  const messageId = newId();
  const since = now - DAY_MS;
  const sent = { sql: "exists (select 1 from event_messages where id = ?)", args: [messageId] };
  const statuses = input.includeWaitlist ? ["confirmed", "waitlisted"] : ["confirmed"];
  const results = await writeBatch(scope.db, [
    {
      sql: `insert into event_messages (id, event_id, region_id, subject, body, include_waitlist, sent_by, sent_at)
            select ?, ?, ?, ?, ?, ?, ?, ? where (select count(*) from event_messages where event_id = ? and sent_at > ?) < ?`,
      args: [messageId, event.id, event.regionId, input.subject, input.body, input.includeWaitlist ? 1 : 0, actor.id, now, event.id, since, MESSAGES_PER_DAY],
    },
    mailToRegistrations({
      kind: "event_message",
      event,
      opts: { message: { subject: input.subject, body: input.body } },
      ics: null,
      now,
      dedupeSuffix: `message:${messageId}`,
      where: { sql: `r.event_id = ? and r.status in (${statuses.map(() => "?").join(", ")}) and ${sent.sql}`, args: [event.id, ...statuses, ...sent.args] },
    }),
    auditIf(event.regionId, actor.id, "event.message_sent", { type: "event", id: event.id }, { messageId, includeWaitlist: input.includeWaitlist }, now, sent),
  ]);
  if ((results[0]?.rowsAffected ?? 0) !== 1) {
    const oldest = await scope.db.client.execute({
      sql: "select min(sent_at) as t from (select sent_at from event_messages where event_id = ? and sent_at > ? order by sent_at desc limit ?)",
      args: [event.id, since, MESSAGES_PER_DAY],
    });
    const retryAfter = Math.max(1, Math.ceil((Number(oldest.rows[0]?.t ?? now) + DAY_MS - now) / 1000));
    throw new DomainError("rate_limited", `At most ${MESSAGES_PER_DAY} messages per event per 24 hours; try again later.`, undefined, retryAfter);
  }
  return { id: messageId, sentAt: formatOffsetIso(now) };
}

/**
 * Invites an attendee who agreed to be contacted to register for the Support Process: a mail
 * with a one-time link to the region's self-registration, which then records the candidate
 * with source `event`. Once per registration.
 */
export async function inviteCandidate(
  scope: OrganiserScope,
  actor: Actor,
  id: string,
  registrationId: string,
  opts: { now: number; links: Links },
): Promise<Participant> {
  const event = await loadOwned(scope, id);
  const registration = await findEventRegistration(scope.db, event, registrationId);
  if (!registration) throw notFound("This registration");
  if (!registration.attendance.some((a) => a === true)) throw new DomainError("conflict", "Only participants who attended can be invited.");
  if (!registration.followUpConsent) throw new DomainError("conflict", "This participant did not agree to be contacted about the Support Process.");
  if (registration.candidateInvitedAt !== null) throw new DomainError("conflict", "This participant has already been invited.");
  if (!registration.email) throw new DomainError("conflict", "This participant's contact data has been erased.");
  const token = newToken(32);
  const link = `${opts.links.origin}/boeken/${event.regionSlug}/begeleidingstraject?uitnodiging=${token}`;
  const invited = {
    sql: "exists (select 1 from event_registrations where id = ? and candidate_invite_token_hash = ?)",
    args: [registration.id, await sha256Hex(token)],
  };
  const results = await writeBatch(scope.db, [
    {
      sql: "update event_registrations set candidate_invited_at = ?, candidate_invite_token_hash = ?, updated_at = ? where id = ? and candidate_invited_at is null",
      args: [opts.now, invited.args[1] ?? "", opts.now, registration.id],
    },
    mailToParticipant({
      kind: "event_candidate_invitation",
      event,
      to: { name: registration.name ?? "", email: registration.email, locale: registration.locale },
      dedupeKey: `${registration.id}:candidate`,
      opts: { actionUrl: link },
      ics: null,
      now: opts.now,
      condition: invited,
    }),
    auditIf(event.regionId, actor.id, "event.candidate_invited", { type: "event_registration", id: registration.id }, { eventId: event.id }, opts.now, invited),
  ]);
  if ((results[0]?.rowsAffected ?? 0) !== 1) throw new DomainError("conflict", "This participant has already been invited.");
  const updated = await findEventRegistration(scope.db, event, registration.id);
  if (!updated) throw notFound("This registration");
  return toParticipantDto(updated);
}

/**
 * The event registration behind a Support Process invitation link (for the region's
 * self-registration), and the statement that records the candidate against it once the
 * candidate row exists in the same batch. Null when the token is unknown, of another region,
 * or already used: the self-registration then simply counts as `self`.
 * @example const invitation = await findCandidateInvitation(db, region.id, token);
 */
export async function findCandidateInvitation(
  db: Db,
  regionId: string,
  token: string,
): Promise<{ registrationId: string; eventId: string; markStatement: (candidateId: string, now: number) => InStatement } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const result = await db.client.execute({
    sql: "select id, event_id from event_registrations where region_id = ? and candidate_invite_token_hash = ? and candidate_registered_at is null",
    args: [regionId, await sha256Hex(token)],
  });
  const row = result.rows[0];
  if (!row) return null;
  const registrationId = String(row.id);
  return {
    registrationId,
    eventId: String(row.event_id),
    markStatement: (candidateId, now) => ({
      sql: `update event_registrations set candidate_registered_at = ?, updated_at = ?
            where id = ? and candidate_registered_at is null and exists (select 1 from scouting_candidates where id = ?)`,
      args: [now, now, registrationId, candidateId],
    }),
  };
}
