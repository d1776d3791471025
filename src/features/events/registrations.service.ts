/**
 * Registering for an event without an account, and the manage link: view, calendar file,
 * cancel (until the first session starts), feedback (after the last session, once).
 *
 * Registering is one write batch: the INSERT … SELECT that decides confirmed or waitlisted,
 * a read of the decided state, the matching mail (two conditional inserts: only the one
 * whose status holds writes) and, with an Idempotency-Key, the record that makes a retry
 * return the same registration. Cancelling is one batch too: the cancel, the promotion of
 * the first on the wait-list into the freed place, their mail and the cancel notice.
 */
import type { Limits } from "../../lib/rate-limit";
import type { Db } from "../../db/client";
import type { Locale } from "../../lib/vocabulary";
import { writeBatch } from "../../db/write";
import { noteWebhooksQueued, webhookEvent } from "../webhooks/webhook-events";
import { openText, sealText, stableStringify } from "../../lib/crypto";
import { DomainError, notFound } from "../../lib/errors";
import { databaseErrorCode } from "../../lib/http-errors";
import { newId, newToken, sha256Hex } from "../../lib/ids";
import { localDate } from "../../lib/time";
import { joinUrlFor, type OwnRegistration, toOwnRegistrationDto } from "./events.dto";
import { eventCalendar, type Links, mailToParticipant, manageUrl, participantSequence, registrationIcsUrl } from "./events.mail";
import type { EventRecord } from "./events.repo";
import { cancelDeadline, mayGiveFeedback, registrationOpen } from "./events.rules";
import type { RegistrationInput } from "./events.schemas";
import { promotionStatements } from "./events.service";
import {
  cancelRegistrationStatement,
  findIdempotencyRecord,
  findPublicEventBySlug,
  findRegistrationByTokenHash,
  insertIdempotencyIfRegistered,
  insertRegistrationIfOpen,
  type RegistrationRecord,
  registrationStateStatement,
  saveFeedbackStatement,
} from "./registrations.repo";

/** Manage tokens are 32 random bytes in base64url (43 characters). */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export interface RegistrationResult {
  registration: { id: string; status: "confirmed" | "waitlisted" | "cancelled"; position?: number };
  manageToken: string;
  manageUrl: string;
  icsUrl: string;
}

function closed(): DomainError {
  return new DomainError("registration_closed", "Registration for this event is closed (the deadline has passed, the event has started or it was cancelled).");
}

function answer(registration: Pick<RegistrationRecord, "id" | "status" | "position">, token: string, links: Links): RegistrationResult {
  const status = registration.status;
  return {
    registration: { id: registration.id, status, ...(status === "waitlisted" && registration.position !== null ? { position: registration.position } : {}) },
    manageToken: token,
    manageUrl: manageUrl(links, token),
    icsUrl: registrationIcsUrl(links, token),
  };
}

/** The same key and body give the same registration back (in its current state); another body is 422. */
async function replay(db: Db, event: EventRecord, key: string, keyHash: string, bodyHash: string, links: Links): Promise<RegistrationResult | null> {
  const record = await findIdempotencyRecord(db, event.regionId, keyHash);
  if (!record) return null;
  if (record.bodyHash !== bodyHash) {
    throw new DomainError(
      "idempotency_key_reused",
      "This Idempotency-Key was already used with a different request body. Use a new key for a new registration.",
    );
  }
  const { token } = JSON.parse(await openText(`${event.id}:${key}`, record.response)) as { token: string };
  const found = await findRegistrationByTokenHash(db, await sha256Hex(token));
  if (!found) return null;
  return answer(found.registration, token, links);
}

/**
 * Registers for a published event. The database decides confirmed or waitlisted in the
 * inserting statement; 409 `registration_closed` after the deadline, once the event has
 * started, or when it was cancelled. The same Idempotency-Key with the same body returns the
 * same registration; one e-mail address has one live registration per event (409).
 * @example await registerForEvent(db, "masterclass-financiering", input, { now, links, limits: requestLimits(c) })
 */
export async function registerForEvent(
  db: Db,
  slug: string,
  input: Omit<RegistrationInput, "locale"> & { locale: Locale },
  opts: { now: number; links: Links; idempotency?: { key: string; body: unknown }; limits: Limits },
): Promise<{ result: RegistrationResult; replayed: boolean }> {
  const { now, links } = opts;
  const event = await findPublicEventBySlug(db, slug);
  if (!event) throw notFound("This event");
  const keyHash = opts.idempotency ? await sha256Hex(`event:${event.id}:${opts.idempotency.key}`) : null;
  const bodyHash = opts.idempotency ? await sha256Hex(stableStringify(opts.idempotency.body)) : null;
  const tryReplay = async () => (opts.idempotency && keyHash && bodyHash ? replay(db, event, opts.idempotency.key, keyHash, bodyHash, links) : null);
  const first = await tryReplay();
  if (first) return { result: first, replayed: true };
  if (!registrationOpen(event, now)) throw closed();
  // Only new registrations count against the limit (a replay above does not).
  await opts.limits.perClient("eventRegistrationPerIp");

  const id = newId();
  const token = newToken(32);
  const person = { name: input.name, email: input.email, locale: input.locale };
  const manage = manageUrl(links, token);
  const ics = registrationIcsUrl(links, token);
  const isStatus = (status: string) => ({ sql: "exists (select 1 from event_registrations where id = ? and status = ?)", args: [id, status] });
  const statements = [
    insertRegistrationIfOpen({
      id,
      eventId: event.id,
      locale: input.locale,
      name: input.name,
      email: input.email,
      companyName: input.companyName ?? null,
      kvkNumber: input.kvkNumber ?? null,
      followUpConsent: input.followUpConsent,
      manageTokenHash: await sha256Hex(token),
      now,
    }),
    registrationStateStatement(id),
    mailToParticipant({
      kind: "event_confirmation",
      event,
      to: person,
      dedupeKey: `${id}:confirmation`,
      opts: { manageUrl: manage, icsUrl: ics, joinUrl: event.joinUrl },
      ics: eventCalendar(event, { now, sequence: participantSequence(event.version, 0), status: "CONFIRMED", join: true, manage, locale: input.locale }),
      now,
      condition: isStatus("confirmed"),
    }),
    mailToParticipant({
      kind: "event_waitlisted",
      event,
      to: person,
      dedupeKey: `${id}:waitlisted`,
      opts: { manageUrl: manage, icsUrl: null },
      ics: null,
      now,
      condition: isStatus("waitlisted"),
    }),
  ];
  // registration.created for the event's organiser (its organisation, or its region): ids and the status the database decided.
  const organiser = event.organisationId ? { organisationIds: [event.organisationId] } : { regionIds: [event.regionId] };
  for (const status of ["confirmed", "waitlisted"] as const) {
    const hook = webhookEvent(
      "registration.created",
      { registrationId: id, eventId: event.id, eventSlug: event.slug, status },
      now,
      organiser,
      isStatus(status),
    );
    if (hook) statements.push(hook);
  }
  if (opts.idempotency && keyHash && bodyHash) {
    const sealed = await sealText(`${event.id}:${opts.idempotency.key}`, JSON.stringify({ token }));
    statements.push(insertIdempotencyIfRegistered({ regionId: event.regionId, keyHash, bodyHash, response: sealed, now, registrationId: id }));
  }
  let results: Awaited<ReturnType<typeof writeBatch>>;
  try {
    results = await writeBatch(db, statements);
    noteWebhooksQueued(db, statements, results);
  } catch (error) {
    if (databaseErrorCode(error) === "SQLITE_CONSTRAINT") {
      // The same key raced (its batch won), or this address is already registered.
      const again = await tryReplay();
      if (again) return { result: again, replayed: true };
      throw new DomainError(
        "conflict",
        "This e-mail address is already registered for this event. The e-mail you received has a link to view or cancel the registration.",
      );
    }
    throw error;
  }
  const state = results[1]?.rows[0];
  if (!state) throw closed();
  const status = String(state.status) === "confirmed" ? "confirmed" : "waitlisted";
  return { result: answer({ id, status, position: state.position === null ? null : Number(state.position) }, token, links), replayed: false };
}

/** Resolves a manage token (or the follow-up token of a feedback mail) to its registration and event; 404 for anything unknown. */
export async function resolveRegistrationToken(db: Db, token: string): Promise<{ event: EventRecord; registration: RegistrationRecord }> {
  if (!TOKEN_FORMAT.test(token)) throw notFound("This registration");
  const found = await findRegistrationByTokenHash(db, await sha256Hex(token));
  if (!found) throw notFound("This registration");
  return found;
}

export async function viewRegistration(db: Db, token: string, now: number): Promise<OwnRegistration> {
  const { event, registration } = await resolveRegistrationToken(db, token);
  return toOwnRegistrationDto(event, registration, now);
}

/** The participant's calendar file: one VEVENT per session; the join link only when confirmed. */
export async function registrationCalendar(db: Db, token: string, opts: { now: number; links: Links }): Promise<{ ics: string; filename: string }> {
  const { event, registration } = await resolveRegistrationToken(db, token);
  const confirmed = registration.status === "confirmed";
  const status = event.status === "cancelled" || registration.status === "cancelled" ? "CANCELLED" : confirmed ? "CONFIRMED" : "TENTATIVE";
  const ics = eventCalendar(event, {
    now: opts.now,
    sequence: participantSequence(event.version, registration.sequence),
    status,
    join: joinUrlFor(event, registration) !== null,
    manage: manageUrl(opts.links, token),
    locale: registration.locale,
  });
  return { ics, filename: `bijeenkomst-${localDate(event.firstStartAt)}.ics` };
}

/**
 * Cancels through the manage link until the first session starts (409 `too_late` after
 * that: tell the organiser). The freed place goes, in the same batch, to the first on the
 * wait-list, who gets a mail; the canceller gets a confirmation.
 */
export async function cancelRegistration(db: Db, token: string, opts: { now: number; links: Links }): Promise<OwnRegistration> {
  const { now } = opts;
  const { event, registration } = await resolveRegistrationToken(db, token);
  if (registration.status === "cancelled") throw new DomainError("conflict", "This registration has already been cancelled.");
  if (event.status === "cancelled") throw new DomainError("conflict", "The organiser has cancelled this event; there is nothing left to cancel.");
  if (now >= cancelDeadline(event)) {
    throw new DomainError(
      "too_late",
      `The event has started; a registration can be cancelled online until the first session starts. Please tell the organiser (${event.contact.email}).`,
    );
  }
  const nextSequence = registration.sequence + 1;
  const cancelledNow = {
    sql: "exists (select 1 from event_registrations where id = ? and status = 'cancelled' and sequence = ?)",
    args: [registration.id, nextSequence],
  };
  const statements = [
    cancelRegistrationStatement(registration, now),
    ...(registration.status === "confirmed" ? promotionStatements(event, now, cancelledNow) : []),
  ];
  if (registration.email) {
    statements.push(
      mailToParticipant({
        kind: "event_cancellation",
        event,
        to: { name: registration.name ?? "", email: registration.email, locale: registration.locale },
        dedupeKey: `${registration.id}:cancellation:${nextSequence}`,
        opts: {},
        ics: eventCalendar(event, {
          now,
          sequence: participantSequence(event.version, nextSequence),
          status: "CANCELLED",
          join: false,
          manage: null,
          locale: registration.locale,
        }),
        now,
        condition: cancelledNow,
      }),
    );
  }
  const results = await writeBatch(db, statements);
  if ((results[0]?.rowsAffected ?? 0) !== 1)
    throw new DomainError("conflict", "This registration was changed at the same moment; please reload and try again.");
  return viewRegistration(db, token, now);
}

/** Feedback after the last session, by an attendee, once: a rating of 1–5 and an optional comment. */
export async function giveFeedback(db: Db, token: string, input: { rating: number; comment?: string | undefined }, now: number): Promise<OwnRegistration> {
  const { event, registration } = await resolveRegistrationToken(db, token);
  if (registration.feedbackRating !== null) throw new DomainError("conflict", "You have already given your feedback. Thank you!");
  if (!mayGiveFeedback(event, registration, now)) {
    throw new DomainError("conflict", "Feedback can be given after the last session, by participants who attended.");
  }
  const [result] = await writeBatch(db, [saveFeedbackStatement(registration.id, input.rating, input.comment?.trim() || null, now)]);
  if ((result?.rowsAffected ?? 0) !== 1) throw new DomainError("conflict", "You have already given your feedback. Thank you!");
  return viewRegistration(db, token, now);
}
