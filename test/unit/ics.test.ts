import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { type CalendarEvent, buildIcs } from "../../src/features/appointments/ics";

const utc = (iso: string): number => Date.parse(iso);

function event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    uid: "apt_01HZX3@mkb-limburg",
    sequence: 0,
    status: "CONFIRMED",
    start: utc("2027-03-30T08:00:00Z"),
    end: utc("2027-03-30T08:30:00Z"),
    created: utc("2027-03-01T09:15:00Z"),
    stamp: utc("2027-03-01T09:15:30Z"),
    summary: "Afspraak Ondernemersloket Maastricht",
    description: "Onderwerp: financiering",
    location: "Mosae Forum 10, 6211 DW Maastricht",
    url: "https://mkb-limburg.example/afspraak/abc?x=1,2;3",
    organizerName: "Ondernemersloket Maastricht",
    organizerEmail: "loket@maastricht.example",
    ...overrides,
  };
}

function parse(ics: string): { calendar: ICAL.Component; vevent: ICAL.Component; ev: ICAL.Event } {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no VEVENT");
  return { calendar, vevent, ev: new ICAL.Event(vevent) };
}

function physicalLines(ics: string): string[] {
  return ics.split("\r\n").slice(0, -1);
}

describe("buildIcs", () => {
  it("should use CRLF line endings only and end with CRLF", () => {
    const ics = buildIcs(event());
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("should write the calendar header", () => {
    const ics = buildIcs(event());
    const lines = physicalLines(ics);
    expect(lines.slice(0, 5)).toEqual(["BEGIN:VCALENDAR", "VERSION:2.0", expect.stringMatching(/^PRODID:-\/\/.+/), "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]);
  });

  it("should write start, end and stamp in UTC", () => {
    const ics = buildIcs(event());
    expect(ics).toContain("\r\nDTSTART:20270330T080000Z\r\n");
    expect(ics).toContain("\r\nDTEND:20270330T083000Z\r\n");
    expect(ics).toContain("\r\nDTSTAMP:20270301T091530Z\r\n");
    const { ev, vevent } = parse(ics);
    expect(ev.startDate.toJSDate().getTime()).toBe(utc("2027-03-30T08:00:00Z"));
    expect(ev.endDate.toJSDate().getTime()).toBe(utc("2027-03-30T08:30:00Z"));
    expect(ev.startDate.zone?.tzid).toBe("UTC");
    const stamp = vevent.getFirstPropertyValue("dtstamp");
    expect(stamp instanceof ICAL.Time ? stamp.toJSDate().getTime() : null).toBe(utc("2027-03-01T09:15:30Z"));
  });

  it("should carry UID, SEQUENCE, STATUS, LOCATION, URL and ORGANIZER", () => {
    const { ev, vevent } = parse(buildIcs(event({ sequence: 2 })));
    expect(ev.uid).toBe("apt_01HZX3@mkb-limburg");
    expect(ev.sequence).toBe(2);
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(ev.location).toBe("Mosae Forum 10, 6211 DW Maastricht");
    expect(vevent.getFirstPropertyValue("url")).toBe("https://mkb-limburg.example/afspraak/abc?x=1,2;3");
    const organizer = vevent.getFirstProperty("organizer");
    expect(organizer?.getFirstValue()).toBe("mailto:loket@maastricht.example");
    expect(organizer?.getParameter("cn")).toBe("Ondernemersloket Maastricht");
  });

  it("should add a display alarm one day before when confirmed", () => {
    const { vevent, calendar } = parse(buildIcs(event()));
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    const alarm = vevent.getFirstSubcomponent("valarm");
    expect(alarm?.getFirstPropertyValue("action")).toBe("DISPLAY");
    const trigger = alarm?.getFirstPropertyValue("trigger");
    expect(trigger instanceof ICAL.Duration ? trigger.toSeconds() : null).toBe(-86_400);
  });

  it("should send METHOD:CANCEL without an alarm when cancelled", () => {
    const { vevent, calendar, ev } = parse(buildIcs(event({ status: "CANCELLED", sequence: 3 })));
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(ev.sequence).toBe(3);
    expect(vevent.getFirstSubcomponent("valarm")).toBeNull();
  });

  it("should leave out optional properties that are not given", () => {
    const ics = buildIcs(event({ location: undefined, url: undefined, organizerEmail: undefined, organizerName: undefined }));
    expect(ics).not.toMatch(/^(LOCATION|URL|ORGANIZER)/m);
  });

  it("should escape commas, semicolons, backslashes and newlines in TEXT and keep emoji", () => {
    const summary = "Afspraak: groei, innovatie; financiering \\ subsidie\nTweede regel\r\nDerde 🚀🇳🇱";
    const ics = buildIcs(event({ summary }));
    expect(ics.replace(/\r\n /g, "")).toContain("SUMMARY:Afspraak: groei\\, innovatie\\; financiering \\\\ subsidie\\nTweede regel\\nDerde 🚀🇳🇱\r\n");
    const { ev } = parse(ics);
    expect(ev.summary).toBe("Afspraak: groei, innovatie; financiering \\ subsidie\nTweede regel\nDerde 🚀🇳🇱");
  });

  it("should fold long lines at 75 octets without splitting multi-byte characters", () => {
    const description = `${"Vraag over de overname van een bakkerij in Sittard-Geleen, met € en é. ".repeat(8)}🚀 ${"ü".repeat(80)} 🇳🇱🇧🇪🇩🇪`;
    const ics = buildIcs(event({ description }));
    const encoder = new TextEncoder();
    for (const line of physicalLines(ics)) {
      expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
      // A lone surrogate would mean a code point was cut in two.
      expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    expect(physicalLines(ics).some((l) => l.startsWith(" "))).toBe(true);
    const { ev } = parse(ics);
    expect(ev.description).toBe(description);
  });

  it("should keep a line of exactly 75 octets unfolded", () => {
    const summary = "x".repeat(75 - "SUMMARY:".length);
    const ics = buildIcs(event({ summary }));
    expect(physicalLines(ics)).toContain(`SUMMARY:${summary}`);
  });

  it("should drop control characters that iCalendar forbids", () => {
    const { ev } = parse(buildIcs(event({ summary: "Afspraak\u0007 loket\u0000" })));
    expect(ev.summary).toBe("Afspraak loket");
  });
});
