/**
 * RFC 5545 calendar file for one appointment.
 *
 * Times are written in UTC (`…Z`) so no VTIMEZONE block is needed and every client agrees
 * on the instant, whatever its own time-zone database says.
 */
import { removeControlCharacters } from "../../lib/text";

export interface CalendarEvent {
  /** Stable across updates, e.g. `${appointmentId}@mkb-limburg`, so clients replace the event. */
  uid: string;
  /** Increment on every change (reschedule, cancel) so clients accept the update. */
  sequence: number;
  status: "CONFIRMED" | "CANCELLED";
  start: number;
  end: number;
  created: number;
  stamp: number;
  summary: string;
  description: string;
  location?: string;
  url?: string;
  organizerName?: string;
  organizerEmail?: string;
}

const PRODID = "-//MKB Limburg//Frontdesk afspraken//NL";
const MAX_LINE_OCTETS = 75;
const encoder = new TextEncoder();

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** DATE-TIME in UTC form, e.g. 20270329T080000Z (fractions of a second are dropped). */
export function formatUtc(instant: number): string {
  if (!Number.isFinite(instant)) throw new RangeError(`Invalid instant: ${instant}`);
  const d = new Date(instant);
  return (
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
  );
}

/** Control characters other than HTAB are not allowed in any content value (RFC 5545 §3.3.11). */
export function stripControls(value: string): string {
  return removeControlCharacters(value);
}

/** TEXT value escaping: backslash first, so the escapes added afterwards are not doubled. */
export function escapeText(value: string): string {
  return stripControls(
    value
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n"),
  );
}

/** Parameter values cannot contain DQUOTE at all; quoting protects `:`, `;` and `,`. */
function quoteParam(value: string): string {
  return `"${stripControls(value).replace(/"/g, "'")}"`;
}

/**
 * Folds a content line at 75 octets. Splits only between code points, so a multi-byte
 * UTF-8 sequence (or a surrogate pair) is never cut; each continuation line starts with a
 * space, which counts towards its 75 octets.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_LINE_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const size = utf8Length(char);
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function utf8Length(char: string): number {
  const cp = char.codePointAt(0) ?? 0;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/**
 * Builds an iCalendar file (CRLF line endings, folded lines) for an appointment.
 * A confirmed event is published with a reminder one day before; a cancelled one is sent
 * with `METHOD:CANCEL` and the same UID (with a higher SEQUENCE) so clients remove it.
 *
 * @example
 * buildIcs({
 *   uid: "apt_123@mkb-limburg", sequence: 0, status: "CONFIRMED",
 *   start: Date.parse("2027-03-29T08:00:00Z"), end: Date.parse("2027-03-29T08:30:00Z"),
 *   created: Date.now(), stamp: Date.now(),
 *   summary: "Afspraak ondernemersloket Maastricht", description: "Onderwerp: financiering",
 * }); // "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…"
 */
export function buildIcs(event: CalendarEvent): string {
  const confirmed = event.status === "CONFIRMED";
  const lines: string[] = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODID}`,
    "CALSCALE:GREGORIAN",
    `METHOD:${confirmed ? "PUBLISH" : "CANCEL"}`,
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `SEQUENCE:${Math.max(0, Math.trunc(event.sequence))}`,
    `DTSTAMP:${formatUtc(event.stamp)}`,
    `CREATED:${formatUtc(event.created)}`,
    `DTSTART:${formatUtc(event.start)}`,
    `DTEND:${formatUtc(event.end)}`,
    `STATUS:${event.status}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
  ];
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  // URI values are not TEXT: escaping would corrupt them; only line breaks must go.
  if (event.url) lines.push(`URL:${stripControls(event.url)}`);
  if (event.organizerEmail) {
    const cn = event.organizerName ? `;CN=${quoteParam(event.organizerName)}` : "";
    lines.push(`ORGANIZER${cn}:mailto:${stripControls(event.organizerEmail)}`);
  }
  lines.push("TRANSP:OPAQUE");
  if (confirmed) {
    lines.push("BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:${escapeText(event.summary)}`, "TRIGGER:-P1D", "END:VALARM");
  }
  lines.push("END:VEVENT", "END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
