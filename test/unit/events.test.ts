import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import type { EventContent } from "../../src/db/schema";
import { DomainError } from "../../src/lib/errors";
import { redactPath } from "../../src/app";
import { buildEventCalendar } from "../../src/features/events/events.ics";
import { computeEventFigures, computeProvinceEventFigures, type EventFigureRow } from "../../src/features/events/events.report";
import { checkEventContent, logisticsChanged, mayGiveFeedback, registrationOpen, sortedSessions } from "../../src/features/events/events.rules";
import { renderEventMail, type EventMailView } from "../../src/features/notifications/event-messages";

const HOUR = 3_600_000;
const NOW = Date.now();

function content(overrides: Partial<EventContent> = {}): EventContent {
  const start = NOW + 48 * HOUR;
  return {
    title: "Masterclass",
    summary: "Kort",
    description: "Lang",
    type: "masterclass",
    format: "hybrid",
    topics: ["financiering"],
    audiences: [],
    regions: ["zuid-limburg"],
    sessions: [{ start, end: start + 2 * HOUR }],
    location: "Markt 1, Maastricht",
    joinUrl: "https://meet.example.test/x",
    capacity: 10,
    priceNote: null,
    registrationDeadline: start,
    contact: { name: "Org", email: "org@example.test" },
    ...overrides,
  };
}

function issuePath(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.issues?.[0]?.path;
    throw error;
  }
  return undefined;
}

describe("event rules", () => {
  it("should sort sessions and refuse one that ends before it starts, lasts over 12 hours or overlaps another", () => {
    expect(
      sortedSessions([
        { start: 10, end: 20 },
        { start: 0, end: 5 },
      ]).map((s) => s.start),
    ).toEqual([0, 10]);
    expect(issuePath(() => sortedSessions([{ start: 10, end: 10 }]))).toBe("sessions.0.end");
    expect(issuePath(() => sortedSessions([{ start: 0, end: 13 * HOUR }]))).toBe("sessions.0.end");
    expect(
      issuePath(() =>
        sortedSessions([
          { start: 0, end: 10 },
          { start: 5, end: 15 },
        ]),
      ),
    ).toBe("sessions.1.start");
  });

  it("should demand an address for in-person events, refuse a join link for them, and keep the deadline before the first session", () => {
    expect(issuePath(() => checkEventContent(content({ format: "in_person", location: null, joinUrl: null }), NOW, { sessions: true, deadline: true }))).toBe(
      "location",
    );
    expect(issuePath(() => checkEventContent(content({ format: "in_person" }), NOW, { sessions: true, deadline: true }))).toBe("joinUrl");
    const c = content();
    expect(issuePath(() => checkEventContent({ ...c, registrationDeadline: (c.sessions[0]?.start ?? 0) + 1 }, NOW, { sessions: true, deadline: true }))).toBe(
      "registrationDeadline",
    );
    expect(checkEventContent(content({ format: "online" }), NOW, { sessions: true, deadline: true }).location).toBeNull();
  });

  it("should only demand future times for the fields that change", () => {
    const past = content({ sessions: [{ start: NOW - 2 * HOUR, end: NOW - HOUR }], registrationDeadline: NOW - 2 * HOUR });
    expect(issuePath(() => checkEventContent(past, NOW, { sessions: true, deadline: false }))).toBe("sessions");
    expect(checkEventContent(past, NOW, { sessions: false, deadline: false }).title).toBe("Masterclass");
  });

  it("should close registration at the deadline, at the first session and for an unpublished event", () => {
    const event = { status: "published", registrationDeadline: NOW + HOUR, firstStartAt: NOW + 2 * HOUR };
    expect(registrationOpen(event, NOW)).toBe(true);
    expect(registrationOpen(event, NOW + HOUR)).toBe(false);
    expect(registrationOpen({ ...event, registrationDeadline: NOW + 3 * HOUR }, NOW + 2 * HOUR)).toBe(false);
    expect(registrationOpen({ ...event, status: "cancelled" }, NOW)).toBe(false);
  });

  it("should allow feedback after the event, to attendees, once", () => {
    const event = { status: "published", lastEndAt: NOW };
    const attendee = { status: "confirmed", attendance: [false, true], feedbackRating: null };
    expect(mayGiveFeedback(event, attendee, NOW)).toBe(true);
    expect(mayGiveFeedback(event, attendee, NOW - 1)).toBe(false);
    expect(mayGiveFeedback(event, { ...attendee, attendance: [false, null] }, NOW)).toBe(false);
    expect(mayGiveFeedback(event, { ...attendee, feedbackRating: 3 }, NOW)).toBe(false);
  });

  it("should tell participants about new times, place or join link, not about a new description", () => {
    const c = content();
    expect(logisticsChanged(c, { ...c, description: "Anders" })).toBe(false);
    expect(logisticsChanged(c, { ...c, location: "Elders" })).toBe(true);
    expect(logisticsChanged(c, { ...c, sessions: [{ start: NOW, end: NOW + HOUR }] })).toBe(true);
  });
});

function row(overrides: Partial<EventFigureRow> = {}): EventFigureRow {
  return {
    regionId: "r1",
    type: "workshop",
    format: "online",
    status: "published",
    held: true,
    sessions: 1,
    registrations: 0,
    confirmed: 0,
    waitlisted: 0,
    attendees: 0,
    marked: 0,
    ratings: 0,
    ratingSum: 0,
    ...overrides,
  };
}

describe("event figures", () => {
  it("should hide counts of 1 to 4 people and give rates and averages only over 5 or more", () => {
    const small = computeEventFigures([row({ registrations: 3, confirmed: 3, attendees: 3, marked: 3, ratings: 3, ratingSum: 12 })], 1);
    expect(small).toMatchObject({
      registrations: "<5",
      participants: "<5",
      attendees: "<5",
      attendanceRate: null,
      feedback: { count: "<5", average: null },
      candidatesFromEvents: "<5",
    });
    const big = computeEventFigures([row({ registrations: 8, confirmed: 8, attendees: 6, marked: 8, ratings: 5, ratingSum: 21 })], 0);
    expect(big).toMatchObject({
      registrations: 8,
      participants: 8,
      attendees: 6,
      attendanceRate: 0.75,
      feedback: { count: 5, average: 4.2 },
      candidatesFromEvents: 0,
    });
  });

  it("should leave held events without taken attendance out of the attendance rate", () => {
    const figures = computeEventFigures([row({ confirmed: 10, attendees: 5, marked: 5 }), row({ confirmed: 20, attendees: 0, marked: 0 })], 0);
    expect(figures.attendanceRate).toBe(0.5);
  });

  it("should hide a second region's count when only one region's count is hidden", () => {
    const { regions, total } = computeProvinceEventFigures([
      { rows: [row({ regionId: "a", confirmed: 2 })], candidates: 0 },
      { rows: [row({ regionId: "b", confirmed: 9 })], candidates: 0 },
      { rows: [row({ regionId: "c", confirmed: 30 })], candidates: 0 },
    ]);
    expect(regions.map((r) => r.participants)).toEqual(["<5", "x", 30]);
    expect(total.participants).toBe(41);
  });
});

describe("event calendar files", () => {
  it("should write one VEVENT per session that ical.js parses, with escaped text", () => {
    const start = Date.parse("2025-03-15T17:00:00Z");
    const ics = buildEventCalendar({
      name: "Reeks; drie avonden",
      stamp: NOW,
      sessions: [0, 1, 2].map((i) => ({
        uid: `ev-${i}@mkb-limburg`,
        sequence: 3,
        status: "CONFIRMED" as const,
        start: start + i * 7 * 24 * HOUR,
        end: start + i * 7 * 24 * HOUR + 2 * HOUR,
        summary: `Reeks, avond ${i + 1}`,
        description: "Regel 1\nRegel 2",
        location: "Markt 1, Maastricht",
        alarm: true,
      })),
    });
    expect(ics.split("\r\n").every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    expect(events.map((e) => e.summary)).toEqual(["Reeks, avond 1", "Reeks, avond 2", "Reeks, avond 3"]);
    expect(events[0]?.description).toBe("Regel 1\nRegel 2");
    expect(events.map((e) => e.startDate.toJSDate().getTime() - start)).toEqual([0, 7 * 24 * HOUR, 14 * 24 * HOUR]);
  });
});

describe("event mails", () => {
  const view: EventMailView = {
    name: 'Anna <b>"de" Vries</b>',
    title: "Masterclass financiering",
    organiserName: "LED",
    format: "online",
    sessions: [{ start: Date.parse("2025-06-13T17:00:00Z"), end: Date.parse("2025-06-13T19:00:00Z") }],
    location: null,
    joinUrl: "https://meet.example.test/geheim",
    manageUrl: "https://mkb.example.test/aanmelding/abc",
    icsUrl: null,
    contact: { name: "Org", email: "org@example.test" },
  };

  it("should give the join link in a confirmation and never in a wait-list mail", () => {
    expect(renderEventMail("event_confirmation", view, "nl").text).toContain("https://meet.example.test/geheim");
    expect(renderEventMail("event_waitlisted", { ...view, joinUrl: null }, "nl").text).not.toContain("meet.example.test");
  });

  it("should escape names in the HTML part and write times in Amsterdam time in both languages", () => {
    const nl = renderEventMail("event_confirmation", view, "nl");
    expect(nl.html).toContain("Anna &lt;b&gt;&quot;de&quot; Vries&lt;/b&gt;");
    expect(nl.html).not.toContain("<b>");
    expect(nl.text).toContain("vrijdag 13 juni 2025, 19:00–21:00");
    expect(renderEventMail("event_confirmation", view, "en").text).toContain("Friday 13 June 2025, 19:00–21:00");
  });
});

describe("request logs", () => {
  it("should keep the route of a manage link in the log, never its token", () => {
    const token = "A".repeat(43);
    expect(redactPath(`/api/v1/registrations/${token}/ics`)).toBe("/api/v1/registrations/[token]/ics");
    expect(redactPath(`/aanmelding/${token}`)).toBe("/aanmelding/[token]");
    expect(redactPath("/api/v1/events/masterclass-financiering")).toBe("/api/v1/events/masterclass-financiering");
  });
});
