/**
 * The rules of events, free of HTTP and SQL: what a valid event is, when registration is
 * open, until when a participant may cancel, when reminders and feedback requests are due.
 * Every function takes `now` (epoch ms); nothing here reads a clock.
 */
import type { EventContent, EventSessionTimes } from "../../db/schema";
import { DomainError } from "../../lib/errors";

const HOUR_MS = 3_600_000;
/** A session lasts at most this long (a working day with breaks). */
export const MAX_SESSION_HOURS = 12;
/** Reminders go out this long before each session. */
export const REMINDER_LEAD_MS = 24 * HOUR_MS;
/** Feedback is asked for after the last session, for this long (attendance marked later still gets a request). */
export const FEEDBACK_WINDOW_MS = 14 * 24 * HOUR_MS;
/** Organiser messages to the participants of one event: at most this many per 24 hours. */
export const MESSAGES_PER_DAY = 3;

function invalid(path: string, message: string): DomainError {
  return new DomainError("validation_failed", message, [{ path, message }]);
}

/**
 * Sessions in time order, each ending after it starts and within 12 hours, none overlapping.
 * @example sortedSessions([{ start: 2, end: 3 }, { start: 0, end: 1 }]) // [{ start: 0, end: 1 }, { start: 2, end: 3 }]
 */
export function sortedSessions(sessions: readonly EventSessionTimes[]): EventSessionTimes[] {
  const sorted = [...sessions].sort((a, b) => a.start - b.start);
  sorted.forEach((s, i) => {
    if (s.end <= s.start) throw invalid(`sessions.${i}.end`, "A session must end after it starts.");
    if (s.end - s.start > MAX_SESSION_HOURS * HOUR_MS)
      throw invalid(`sessions.${i}.end`, `A session lasts at most ${MAX_SESSION_HOURS} hours; a series is several sessions.`);
    const previous = sorted[i - 1];
    if (previous && s.start < previous.end) throw invalid(`sessions.${i}.start`, "Sessions may not overlap.");
  });
  return sorted;
}

/**
 * Checks an event's content as it would be stored. `changed` says which time fields the
 * caller set: only new times must lie in the future (an old event may keep its past deadline
 * while its description is corrected).
 */
export function checkEventContent(content: EventContent, now: number, changed: { sessions: boolean; deadline: boolean }): EventContent {
  const sessions = sortedSessions(content.sessions);
  const first = sessions[0];
  if (!first) throw invalid("sessions", "Give at least one session.");
  if (changed.sessions && first.start <= now) throw invalid("sessions", "The sessions must lie in the future.");
  if (content.format !== "online" && !content.location) throw invalid("location", "Give the address of an in-person or hybrid event.");
  if (content.format === "in_person" && content.joinUrl) throw invalid("joinUrl", "An in-person event has no join link; choose the format hybrid or online.");
  if (content.registrationDeadline > first.start)
    throw invalid("registrationDeadline", "Registration must close no later than the start of the first session.");
  if (changed.deadline && content.registrationDeadline <= now) throw invalid("registrationDeadline", "The registration deadline must lie in the future.");
  return {
    ...content,
    sessions,
    location: content.format === "online" ? null : content.location,
    joinUrl: content.format === "in_person" ? null : content.joinUrl,
  };
}

/** Whether a new registration is accepted now (the database checks the same in the inserting statement). */
export function registrationOpen(event: { status: string; registrationDeadline: number; firstStartAt: number }, now: number): boolean {
  return event.status === "published" && now < event.registrationDeadline && now < event.firstStartAt;
}

/** Participants cancel online until the first session starts; after that they tell the organiser. */
export function cancelDeadline(event: { firstStartAt: number }): number {
  return event.firstStartAt;
}

/** Feedback is possible once the last session has ended, for attendees, once. */
export function mayGiveFeedback(
  event: { status: string; lastEndAt: number },
  registration: { status: string; attendance: (boolean | null)[]; feedbackRating: number | null },
  now: number,
): boolean {
  return (
    event.status === "published" &&
    now >= event.lastEndAt &&
    registration.status === "confirmed" &&
    registration.attendance.some((a) => a === true) &&
    registration.feedbackRating === null
  );
}

/**
 * Which fields a change touches that participants must hear about (time, place, how to join).
 * @example logisticsChanged(old, { ...old, location: "Elders" }) // true
 */
export function logisticsChanged(before: EventContent, after: EventContent): boolean {
  const sessions = (c: EventContent) => JSON.stringify(c.sessions.map((s) => [s.start, s.end]));
  return sessions(before) !== sessions(after) || before.location !== after.location || before.joinUrl !== after.joinUrl || before.format !== after.format;
}
