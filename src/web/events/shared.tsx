/** What the event pages share: labels of the vocabularies, sessions in Amsterdam time, the event card, Amsterdam date + time to an instant. */
import type { Audience, EventFormat, EventStatus, EventType, RegistrationStatus } from "../../db/schema";
import type { EventSummary } from "../../features/events/events.dto";
import { epochDayOfDate, formatOffsetIso, isCalendarDate, MINUTE_MS, resolveWallClock } from "../../lib/time";
import { topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { when } from "../kit/format";

export const typeLabel = (w: Web, type: EventType) => w.t(`evtype.${type}`);
export const formatLabel = (w: Web, format: EventFormat) => w.t(`evformat.${format}`);
export const audienceLabel = (w: Web, audience: Audience) => w.t(`audience.${audience}`);
export const eventStatusLabel = (w: Web, status: EventStatus) => w.t(`evstatus.${status}`);
export const registrationStatusLabel = (w: Web, status: RegistrationStatus) => w.t(`regstatus.${status}`);
export const topicsText = (w: Web, topics: readonly string[]) => topics.map((tp) => topicLabel(tp, w.locale)).join(", ");

type SessionLike = { start: string; end: string };

/** One session in words, in Amsterdam time: "dinsdag 8 april 2027, 19:00–21:30". */
export const sessionWhen = (w: Web, s: SessionLike) => when(Date.parse(s.start), Date.parse(s.end), w.locale);

/** The sessions as a list (one line for a single session). */
export function Sessions({ w, sessions }: { w: Web; sessions: readonly SessionLike[] }) {
  if (sessions.length === 1 && sessions[0]) return <>{sessionWhen(w, sessions[0])}</>;
  return (
    <ol class="sessions">
      {sessions.map((s) => (
        <li>{sessionWhen(w, s)}</li>
      ))}
    </ol>
  );
}

/** Places left, the wait-list, closed or cancelled, in words. */
export function availability(w: Web, e: Pick<EventSummary, "status" | "registrationOpen" | "remaining">): string {
  if (e.status === "cancelled") return w.t("ev.cancelled");
  if (!e.registrationOpen) return w.t("ev.closed");
  return e.remaining > 0 ? w.t("ev.placesLeft", { n: e.remaining }) : w.t("ev.full");
}

/** One event in a list: title (a link to its page), kind and form, when, where, places. */
export function EventCard({ w, event }: { w: Web; event: EventSummary }) {
  const first = event.sessions[0];
  return (
    <li class="card">
      <h3 class="card__title">
        <a href={`/evenementen/${event.slug}`}>{event.title}</a>
      </h3>
      <p class="card__meta">
        {typeLabel(w, event.type)} · {formatLabel(w, event.format)} · {event.organiser.name}
      </p>
      <p>
        {first ? sessionWhen(w, first) : null}
        {event.sessions.length > 1 ? ` (${w.t("ev.sessions", { n: event.sessions.length })})` : null}
      </p>
      {event.location ? <p>{event.location}</p> : null}
      <p>{event.summary}</p>
      <p class="tags">
        <span class={`status status--${event.status === "cancelled" || !event.registrationOpen ? "cancelled" : "confirmed"}`}>{availability(w, event)}</span>
      </p>
    </li>
  );
}

/**
 * An Amsterdam date ("2027-04-08") and wall-clock time ("19:00") as an ISO instant with its
 * offset, for the API schemas; "" (which the schema refuses) when either is not valid or the
 * time does not exist that day (the DST gap).
 */
export function amsterdamIso(date: string, hhmm: string, forEnd = false): string {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm.trim());
  if (!match || !isCalendarDate(date.trim())) return "";
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes >= 24 * 60) return "";
  const instant = resolveWallClock(epochDayOfDate(date.trim(), "date") * 86_400_000 + minutes * MINUTE_MS, forEnd);
  return instant === null ? "" : formatOffsetIso(instant);
}
