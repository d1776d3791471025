/**
 * How an appointment is shown: its public and owner's shapes, the reference number people
 * quote on the phone, and the links (manage page, calendar file, video call) answers and
 * e-mails point to.
 */
import type { RegionRef } from "../../lib/context";
import { formatOffsetIso, HOUR_MS } from "../../lib/time";
import type { Mode } from "../../lib/vocabulary";
import type { FrontdeskRow } from "../frontdesks/frontdesks.repo";
import type { AppointmentRow } from "./appointments.repo";

/** Platform default when a region set no template: Jitsi rooms need no account; the id is unguessable. */
export const DEFAULT_VIDEO_TEMPLATE = "https://meet.jit.si/mkb-limburg-{id}";

/** Where links in answers and e-mails point (the web front's origin). */
export interface Links {
  origin: string;
}

export function manageUrl(links: Links, token: string): string {
  return `${links.origin}/afspraak/${token}`;
}
export function icsUrl(links: Links, token: string): string {
  return `${links.origin}/api/v1/appointments/${token}/ics`;
}

export function videoUrlFor(desk: FrontdeskRow, appointment: { id: string; mode: Mode }): string | null {
  if (appointment.mode !== "video") return null;
  return (desk.videoUrlTemplate ?? DEFAULT_VIDEO_TEMPLATE).replaceAll("{id}", appointment.id);
}

const REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U

/**
 * The short number people quote on the phone: 8 characters of Crockford base32 derived from
 * the appointment's id (40 of its 128 random bits), written as two groups of four.
 * @example appointmentReference(row.id) // "7KQ2-M9XD"
 */
export function appointmentReference(id: string): string {
  let bits = 0n;
  for (const ch of id.slice(0, 8)) bits = (bits << 6n) | BigInt("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(ch) & 63);
  let out = "";
  for (let i = 0; i < 8; i++) out += REFERENCE_ALPHABET[Number((bits >> BigInt(5 * (7 - i) + 8)) & 31n)];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/** The public shape of an appointment (contract fields first). */
export function toAppointmentDto(row: AppointmentRow, desk: FrontdeskRow) {
  const videoUrl = videoUrlFor(desk, row);
  return {
    id: row.id,
    status: row.status,
    frontdeskId: row.frontdeskId,
    frontdeskName: desk.name,
    start: formatOffsetIso(row.startAt),
    end: formatOffsetIso(row.endAt),
    mode: row.mode,
    topic: row.topic,
    reference: appointmentReference(row.id),
    ...(videoUrl ? { videoUrl } : {}),
    ...(row.mode === "in_person" ? { location: desk.address } : {}),
    locale: row.locale,
  };
}

/** Everything stored about the appointment, for its owner (the manage link). */
export function toOwnAppointmentDto(row: AppointmentRow, desk: FrontdeskRow, region: RegionRef, now: number) {
  const cutoff = row.startAt - desk.cancelCutoffHours * HOUR_MS;
  return {
    ...toAppointmentDto(row, desk),
    region: region.slug,
    question: row.question,
    entrepreneur: {
      name: row.name,
      email: row.email,
      phone: row.phone,
      companyName: row.companyName,
      kvkNumber: row.kvkNumber,
      municipality: row.entrepreneurMunicipality,
    },
    frontdesk: {
      id: desk.id,
      name: desk.name,
      address: desk.address,
      phone: desk.phone,
      email: desk.email,
      municipality: desk.municipality,
      visitInfo: desk.visitInfo,
      accessInfo: desk.accessInfo,
    },
    sequence: row.sequence,
    createdAt: formatOffsetIso(row.createdAt),
    canChange: row.status === "confirmed" && now < cutoff,
    changeDeadline: formatOffsetIso(cutoff),
  };
}
