import type * as v from "valibot";
import type { EventContent } from "../../db/schema";
import { formatOffsetIso } from "../../lib/time";
import type { EventRecord } from "./events.repo";
import { cancelDeadline, mayGiveFeedback, registrationOpen } from "./events.rules";
import type { EventAdminDto, EventDetailDto, EventSummaryDto, OwnRegistrationDto, ParticipantDto } from "./events.schemas";
import type { RegistrationRecord } from "./registrations.repo";

export type EventSummary = v.InferOutput<typeof EventSummaryDto>;
export type EventDetail = v.InferOutput<typeof EventDetailDto>;
export type EventAdmin = v.InferOutput<typeof EventAdminDto>;
export type OwnRegistration = v.InferOutput<typeof OwnRegistrationDto>;
export type Participant = v.InferOutput<typeof ParticipantDto>;

const iso = formatOffsetIso;
const isoOrNull = (instant: number | null) => (instant === null ? null : iso(instant));
const sessionsDto = (sessions: readonly { start: number; end: number }[]) => sessions.map((s, index) => ({ index, start: iso(s.start), end: iso(s.end) }));

/** The public shape of an event: never the join link. */
export function toSummaryDto(e: EventRecord, now: number): EventSummary {
  return {
    id: e.id,
    slug: e.slug,
    title: e.title,
    summary: e.summary,
    type: e.type,
    format: e.format,
    status: e.status === "cancelled" ? "cancelled" : "published",
    organiser: e.organiser,
    regions: e.regions,
    topics: e.topics,
    audiences: e.audiences,
    sessions: sessionsDto(e.sessions),
    ...(e.location && e.format !== "online" ? { location: e.location } : {}),
    capacity: e.capacity,
    remaining: Math.max(0, e.capacity - e.counts.confirmed),
    waitlist: e.counts.waitlisted,
    registrationDeadline: iso(e.registrationDeadline),
    registrationOpen: registrationOpen(e, now),
    priceNote: e.priceNote,
  };
}

export function toDetailDto(e: EventRecord, now: number): EventDetail {
  return { ...toSummaryDto(e, now), description: e.description, contact: e.contact, cancelReason: e.cancelReason };
}

/** An event's editable content as stored (the base a change is applied to). */
export function contentOf(e: EventRecord): EventContent {
  return {
    title: e.title,
    summary: e.summary,
    description: e.description,
    type: e.type,
    format: e.format,
    topics: e.topics,
    audiences: e.audiences,
    regions: e.regions,
    sessions: e.sessions,
    location: e.location,
    joinUrl: e.joinUrl,
    capacity: e.capacity,
    priceNote: e.priceNote,
    registrationDeadline: e.registrationDeadline,
    contact: e.contact,
  };
}

function contentDto(c: EventContent) {
  return { ...c, sessions: sessionsDto(c.sessions), registrationDeadline: iso(c.registrationDeadline) };
}

/** The organiser's view: everything, the join link included. */
export function toAdminDto(e: EventRecord, comments?: string[]): EventAdmin {
  return {
    ...contentDto(contentOf(e)),
    id: e.id,
    slug: e.slug,
    status: e.status,
    organiser: e.organiser,
    counts: e.counts,
    feedback: { ...e.feedback, ...(comments ? { comments } : {}) },
    reviewNote: e.reviewNote,
    revision: e.revision ? contentDto(e.revision) : null,
    revisionStatus: e.revisionStatus,
    submittedAt: isoOrNull(e.submittedAt),
    publishedAt: isoOrNull(e.publishedAt),
    cancelledAt: isoOrNull(e.cancelledAt),
    cancelReason: e.cancelReason,
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
  };
}

/** Whether a participant may see the join link: confirmed, online or hybrid, event not cancelled. */
export function joinUrlFor(e: Pick<EventRecord, "format" | "status" | "joinUrl">, r: Pick<RegistrationRecord, "status">): string | null {
  return r.status === "confirmed" && e.format !== "in_person" && e.status === "published" ? e.joinUrl : null;
}

/** What the manage link shows its owner. */
export function toOwnRegistrationDto(e: EventRecord, r: RegistrationRecord, now: number): OwnRegistration {
  const joinUrl = joinUrlFor(e, r);
  return {
    id: r.id,
    status: r.status,
    ...(r.position !== null ? { position: r.position } : {}),
    name: r.name,
    email: r.email,
    companyName: r.companyName,
    kvkNumber: r.kvkNumber,
    followUpConsent: r.followUpConsent,
    event: toDetailDto(e, now),
    ...(joinUrl ? { joinUrl } : {}),
    canCancel: r.status !== "cancelled" && e.status === "published" && now < cancelDeadline(e),
    cancelDeadline: iso(cancelDeadline(e)),
    feedback: r.feedbackRating === null ? null : { rating: r.feedbackRating, comment: r.feedbackComment },
    canGiveFeedback: mayGiveFeedback(e, r, now),
    createdAt: iso(r.createdAt),
  };
}

export function toParticipantDto(r: RegistrationRecord): Participant {
  return {
    id: r.id,
    status: r.status,
    ...(r.position !== null ? { position: r.position } : {}),
    name: r.name,
    email: r.email,
    companyName: r.companyName,
    kvkNumber: r.kvkNumber,
    followUpConsent: r.followUpConsent,
    attendance: r.attendance,
    promoted: r.promotedAt !== null,
    feedbackGiven: r.feedbackRating !== null,
    candidateInvitedAt: isoOrNull(r.candidateInvitedAt),
    candidateRegistered: r.candidateRegisteredAt !== null,
    registeredAt: iso(r.createdAt),
  };
}
