/**
 * iCalendar (RFC 5545) for events: one VEVENT per session, for a participant's calendar file
 * and for a region's subscribable feed. Times are UTC (`…Z`), as in the appointment files,
 * so every client shows the right Amsterdam time on both sides of a DST change without a
 * VTIMEZONE block. The feed never carries a join link; a participant's file carries it only
 * for a confirmed registration.
 */
import { escapeText, foldLine, formatUtc, stripControls } from "../appointments/ics";

export interface CalendarSession {
  /** Stable across updates, e.g. `${eventId}-${index}@mkb-limburg`. */
  uid: string;
  sequence: number;
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  start: number;
  end: number;
  summary: string;
  description: string;
  location?: string | null;
  url?: string | null;
  organizer?: { name: string; email: string } | null;
  /** A reminder the day before (participants' files only). */
  alarm?: boolean;
}

const PRODID = "-//MKB Limburg//Evenementen//NL";

/**
 * A calendar with one VEVENT per session.
 * @example buildEventCalendar({ name: "Masterclass", stamp: Date.now(), sessions: [...] }) // "BEGIN:VCALENDAR\r\n…"
 */
export function buildEventCalendar(input: {
  name: string;
  stamp: number;
  method?: "PUBLISH" | "CANCEL";
  sessions: readonly CalendarSession[];
  refreshHours?: number;
}): string {
  const lines: string[] = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${PRODID}`, "CALSCALE:GREGORIAN", `METHOD:${input.method ?? "PUBLISH"}`];
  lines.push(`X-WR-CALNAME:${escapeText(input.name)}`, "X-WR-TIMEZONE:Europe/Amsterdam");
  if (input.refreshHours) lines.push(`REFRESH-INTERVAL;VALUE=DURATION:PT${input.refreshHours}H`, `X-PUBLISHED-TTL:PT${input.refreshHours}H`);
  for (const s of input.sessions) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(s.uid)}`,
      `SEQUENCE:${Math.max(0, Math.trunc(s.sequence))}`,
      `DTSTAMP:${formatUtc(input.stamp)}`,
      `DTSTART:${formatUtc(s.start)}`,
      `DTEND:${formatUtc(s.end)}`,
      `STATUS:${s.status}`,
      `SUMMARY:${escapeText(s.summary)}`,
      `DESCRIPTION:${escapeText(s.description)}`,
    );
    if (s.location) lines.push(`LOCATION:${escapeText(s.location)}`);
    if (s.url) lines.push(`URL:${stripControls(s.url)}`);
    if (s.organizer) lines.push(`ORGANIZER;CN="${stripControls(s.organizer.name).replace(/"/g, "'")}":mailto:${stripControls(s.organizer.email)}`);
    lines.push("TRANSP:OPAQUE");
    if (s.alarm && s.status !== "CANCELLED") lines.push("BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:${escapeText(s.summary)}`, "TRIGGER:-P1D", "END:VALARM");
    lines.push("END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
