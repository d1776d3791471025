import type { InValue } from "@libsql/client/web";
import type { OutboxKind } from "../../db/schema";
import type { Locale } from "../../lib/vocabulary";
import { newId } from "../../lib/ids";
import { type EventMailView, type EventMessageKind, renderEventMail } from "../notifications/event-messages";
import type { EventRecord } from "./events.repo";
import { buildEventCalendar } from "./events.ics";
import { insertMailIf, insertMailsForRegistrations, type MailTemplates } from "./registrations.repo";

/**
 * Builds the outbox statements of event mails and the calendar files that go with them.
 * Messages to one known participant are rendered here; messages whose recipients the same
 * batch decides (the promoted, everyone of a cancelled or changed event) are rendered once
 * per language with a slot for the name, which the database fills in per recipient.
 */

/** Where links in answers and e-mails point (the web front's origin). */
export interface Links {
  origin: string;
}

export const manageUrl = (links: Links, token: string) => `${links.origin}/aanmelding/${token}`;
export const registrationIcsUrl = (links: Links, token: string) => `${links.origin}/api/v1/registrations/${token}/ics`;

function view(event: EventRecord, name: string, opts: Partial<EventMailView>): EventMailView {
  return {
    name,
    title: event.title,
    organiserName: event.organiser.name,
    format: event.format,
    sessions: event.sessions,
    location: event.location,
    joinUrl: null,
    manageUrl: null,
    icsUrl: null,
    contact: event.contact,
    ...opts,
  };
}

/**
 * SEQUENCE of a participant's calendar file: the event's version in the tens (raised by every
 * organiser change) plus the registration's own changes (promotion, cancellation).
 */
export function participantSequence(eventVersion: number, registrationSequence: number): number {
  return eventVersion * 10 + Math.min(registrationSequence, 8);
}
/** SEQUENCE of a file attached to a mail to many participants: above every participant's own file of that version. */
export function bulkSequence(eventVersion: number): number {
  return eventVersion * 10 + 9;
}

/**
 * The event as a calendar, one VEVENT per session (UID per event and session, so a later file
 * replaces an earlier one). `join` puts the join link in: for confirmed participants only.
 */
export function eventCalendar(
  event: EventRecord,
  opts: { now: number; sequence: number; status: "CONFIRMED" | "TENTATIVE" | "CANCELLED"; join: boolean; manage: string | null; locale: Locale },
): string {
  const nl = opts.locale === "nl";
  const joinUrl = opts.join && event.format !== "in_person" ? event.joinUrl : null;
  const where = event.format === "online" ? (joinUrl ?? "Online") : (event.location ?? "");
  const n = event.sessions.length;
  return buildEventCalendar({
    name: event.title,
    stamp: opts.now,
    method: opts.status === "CANCELLED" ? "CANCEL" : "PUBLISH",
    sessions: event.sessions.map((s, i) => ({
      uid: `${event.id}-${i}@mkb-limburg`,
      sequence: opts.sequence,
      status: opts.status,
      start: s.start,
      end: s.end,
      summary: n > 1 ? `${event.title} (${i + 1}/${n})` : event.title,
      description: [
        event.summary,
        joinUrl ? (nl ? `Deelnemen: ${joinUrl}` : `Join: ${joinUrl}`) : null,
        opts.manage ? (nl ? `Aanmelding bekijken of annuleren: ${opts.manage}` : `View or cancel your registration: ${opts.manage}`) : null,
      ]
        .filter(Boolean)
        .join("\n"),
      location: where,
      url: joinUrl,
      organizer: { name: event.contact.name, email: event.contact.email },
      alarm: opts.status === "CONFIRMED",
    })),
  });
}

/** One mail to one participant, written when `condition` holds after the earlier statements of the batch. */
export function mailToParticipant(input: {
  kind: EventMessageKind & OutboxKind;
  event: EventRecord;
  to: { name: string; email: string; locale: Locale };
  dedupeKey: string;
  opts: Partial<EventMailView>;
  ics: string | null;
  now: number;
  sendAt?: number;
  condition: { sql: string; args: InValue[] };
}) {
  const rendered = renderEventMail(input.kind, view(input.event, input.to.name, input.opts), input.to.locale);
  return insertMailIf(
    input.event.regionId,
    {
      kind: input.kind,
      dedupeKey: input.dedupeKey,
      recipient: input.to.email,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      ics: input.ics,
      sendAt: input.sendAt ?? input.now,
      now: input.now,
    },
    input.condition,
  );
}

/** The mail rendered in both languages with a name slot (see {@link insertMailsForRegistrations}). */
export function templatesFor(kind: EventMessageKind, event: EventRecord, opts: Partial<EventMailView>): MailTemplates {
  const nameSlot = `NAAM${newId().replace(/[^A-Za-z0-9]/g, "")}`;
  return {
    nameSlot,
    nl: renderEventMail(kind, view(event, nameSlot, opts), "nl"),
    en: renderEventMail(kind, view(event, nameSlot, opts), "en"),
  };
}

/**
 * One mail per registration matching `where` (SQL over `r`), de-duplicated per registration
 * by `dedupeSuffix`, so running the same batch twice sends nothing twice.
 */
export function mailToRegistrations(input: {
  kind: EventMessageKind & OutboxKind;
  event: EventRecord;
  opts: Partial<EventMailView>;
  ics: string | null;
  now: number;
  dedupeSuffix: string;
  where: { sql: string; args: InValue[] };
}) {
  return insertMailsForRegistrations({
    regionId: input.event.regionId,
    kind: input.kind,
    templates: templatesFor(input.kind, input.event, input.opts),
    ics: input.ics,
    now: input.now,
    where: input.where,
    dedupe: { sql: "r.id || ?", args: [`:${input.dedupeSuffix}`] },
  });
}
