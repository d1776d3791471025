/**
 * What an appointment sends: its calendar file, and the outbox statements for its e-mails
 * (confirmation, reminder, reschedule, cancellation), written in the change's own batch.
 */
import type { RegionScope } from "../../db/scope";
import type { WriteStatement } from "../../db/write";
import { formatPhone } from "../../lib/dutch";
import { newId } from "../../lib/ids";
import { HOUR_MS } from "../../lib/time";
import { topicLabel } from "../../lib/vocabulary";
import type { FrontdeskRow } from "../frontdesks/frontdesks.repo";
import { renderAppointmentMessage, type MessageKind } from "../notifications/messages";
import { insertOutboxIfAppointment } from "../notifications/outbox.repo";
import type { AppointmentRow } from "./appointments.repo";
import { appointmentReference, icsUrl, manageUrl, videoUrlFor, type Links } from "./appointments.dto";
import { buildIcs } from "./ics";

export function calendarFor(row: AppointmentRow, desk: FrontdeskRow, links: Links | null, token: string | null, now: number): string {
  const nl = row.locale === "nl";
  const videoUrl = videoUrlFor(desk, row);
  const manage = links && token ? manageUrl(links, token) : null;
  return buildIcs({
    uid: `${row.id}@mkb-limburg`,
    sequence: row.sequence,
    status: row.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    start: row.startAt,
    end: row.endAt,
    created: row.createdAt,
    stamp: now,
    summary: nl ? `Afspraak ${desk.name}` : `Appointment ${desk.name}`,
    description: [
      nl ? `Onderwerp: ${topicLabel(row.topic, row.locale)}` : `Topic: ${topicLabel(row.topic, row.locale)}`,
      nl ? `Afspraaknummer: ${appointmentReference(row.id)}` : `Appointment number: ${appointmentReference(row.id)}`,
      desk.phone ? (nl ? `Telefoon loket: ${formatPhone(desk.phone)}` : `Desk phone: ${formatPhone(desk.phone)}`) : null,
      videoUrl ? (nl ? `Videogesprek: ${videoUrl}` : `Video call: ${videoUrl}`) : null,
      manage ? (nl ? `Wijzigen of annuleren: ${manage}` : `Change or cancel: ${manage}`) : null,
    ]
      .filter(Boolean)
      .join("\n"),
    ...(row.mode === "in_person" ? { location: desk.address } : { location: videoUrl ?? "" }),
    ...(videoUrl ? { url: videoUrl } : {}),
    organizerName: desk.name,
    ...(desk.email ? { organizerEmail: desk.email } : {}),
  });
}

/** Builds the outbox statement for one message about an appointment in the state given. */
export function outboxMessage(
  scope: RegionScope,
  kind: MessageKind,
  row: AppointmentRow,
  desk: FrontdeskRow,
  opts: {
    links: Links | null;
    token: string | null;
    now: number;
    sendAt?: number;
    cancelledByDesk?: boolean;
    accountUrl?: string | null;
    /** With `cancelledByDesk`: the desk's message to the entrepreneur in the mail. */
    deskMessage?: string | null;
  },
): WriteStatement | null {
  if (!row.email) return null;
  const locale = row.locale;
  const message = renderAppointmentMessage(
    kind,
    {
      entrepreneurName: row.name ?? "",
      regionName: scope.region.name,
      frontdeskName: desk.name,
      frontdeskAddress: desk.address,
      frontdeskPhone: desk.phone,
      frontdeskEmail: desk.email,
      reference: appointmentReference(row.id),
      visitInfo: desk.visitInfo,
      accessInfo: desk.accessInfo,
      mode: row.mode,
      topic: row.topic,
      start: row.startAt,
      end: row.endAt,
      videoUrl: videoUrlFor(desk, row),
      manageUrl: row.status !== "confirmed" ? null : opts.links && opts.token ? manageUrl(opts.links, opts.token) : (opts.accountUrl ?? null),
      icsUrl: opts.links && opts.token ? icsUrl(opts.links, opts.token) : null,
      cancelledByDesk: opts.cancelledByDesk ?? false,
      deskMessage: opts.deskMessage ?? null,
      cancelCutoffHours: desk.cancelCutoffHours,
    },
    locale,
  );
  return insertOutboxIfAppointment(
    scope,
    {
      id: newId(),
      appointmentId: row.id,
      kind,
      dedupeKey: `${row.id}:${kind}:${row.sequence}`,
      recipient: row.email,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html,
      icsBody: calendarFor(row, desk, opts.links, opts.token, opts.now),
      nextAttemptAt: opts.sendAt ?? opts.now,
      createdAt: opts.now,
    },
    { id: row.id, sequence: row.sequence, status: row.status },
  );
}

/** A reminder 24 h before, written now and delivered when due; none when the appointment is too close. */
export function reminderMessage(
  scope: RegionScope,
  row: AppointmentRow,
  desk: FrontdeskRow,
  links: Links,
  token: string | null,
  now: number,
  accountUrl: string | null = null,
): WriteStatement | null {
  const sendAt = row.startAt - 24 * HOUR_MS;
  if (sendAt < now + HOUR_MS) return null;
  return outboxMessage(scope, "reminder", row, desk, { links, token, now, sendAt, accountUrl });
}
