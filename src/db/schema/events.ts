import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { LOCALES, type Topic } from "../../lib/vocabulary";
import { type Audience, organisations } from "./catalogue";
import { regions } from "./regions";

/**
 * Events (issue 16): masterclasses, awareness sessions, workshops and network meetings,
 * organised by a region (its admins) or by an organisation (its partners, through review).
 * An event has one or more sessions, a capacity decided by the database at registration,
 * a wait-list in arrival order, attendance per session and a feedback request afterwards.
 * The full-text index `events_fts` is a virtual table in the hand-written migration
 * `0008_events_search.sql`.
 */

export const EVENT_TYPES = ["masterclass", "awareness_session", "workshop", "network_meeting"] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const EVENT_FORMATS = ["online", "in_person", "hybrid"] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];
/** draft → in_review → published (partners); region admins publish at once. `cancelled` ends any of them. */
export const EVENT_STATUSES = ["draft", "in_review", "published", "cancelled"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const EVENT_REVISION_STATUSES = ["in_review", "rejected"] as const;
export const REGISTRATION_STATUSES = ["confirmed", "waitlisted", "cancelled"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export interface EventContact {
  name: string;
  email: string;
  phone?: string | undefined;
}

export interface EventSessionTimes {
  /** Epoch milliseconds. */
  start: number;
  end: number;
}

/** The fields an organiser edits (also the shape of a partner's pending change of a published event). */
export interface EventContent {
  title: string;
  summary: string;
  description: string;
  type: EventType;
  format: EventFormat;
  topics: Topic[];
  audiences: Audience[];
  regions: string[];
  sessions: EventSessionTimes[];
  location: string | null;
  joinUrl: string | null;
  capacity: number;
  priceNote: string | null;
  registrationDeadline: number;
  contact: EventContact;
}

export const events = sqliteTable(
  "events",
  {
    id: text("id").primaryKey(),
    /** A stable integer per event: the rowid of its row in the full-text index `events_fts`. */
    seq: integer("seq").notNull().unique(),
    slug: text("slug").notNull().unique(),
    /** The owning region: the organising region, or the organisation's home region (whose admins review). */
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    /** Null when the region itself organises the event. */
    organisationId: text("organisation_id").references(() => organisations.id),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    description: text("description").notNull(),
    type: text("type", { enum: EVENT_TYPES }).notNull(),
    format: text("format", { enum: EVENT_FORMATS }).notNull(),
    topics: text("topics", { mode: "json" }).$type<Topic[]>().notNull(),
    audiences: text("audiences", { mode: "json" }).$type<Audience[]>().notNull(),
    /** JSON array of the region slugs the event is for (public filter and feeds). */
    regions: text("regions", { mode: "json" }).$type<string[]>().notNull(),
    location: text("location"),
    /** Online and hybrid events: only confirmed participants ever receive it. */
    joinUrl: text("join_url"),
    capacity: integer("capacity").notNull(),
    priceNote: text("price_note"),
    /** Registration closes at this instant (at the latest when the first session starts). */
    registrationDeadline: integer("registration_deadline").notNull(),
    contact: text("contact", { mode: "json" }).$type<EventContact>().notNull(),
    /** Denormalised from the sessions, for filters and cut-offs. */
    firstStartAt: integer("first_start_at").notNull(),
    lastEndAt: integer("last_end_at").notNull(),
    status: text("status", { enum: EVENT_STATUSES }).notNull(),
    reviewNote: text("review_note"),
    revision: text("revision", { mode: "json" }).$type<EventContent>(),
    revisionStatus: text("revision_status", { enum: EVENT_REVISION_STATUSES }),
    submittedAt: integer("submitted_at"),
    publishedAt: integer("published_at"),
    cancelledAt: integer("cancelled_at"),
    cancelReason: text("cancel_reason"),
    /** Raised by every change (part of the calendar files' SEQUENCE). */
    version: integer("version").notNull().default(0),
    /**
     * Replaced by every change: the update is conditional on the value the service read, and
     * every other statement of the same batch on the new value, so a change that lost a race
     * writes nothing else (no sessions, mails or audit entries).
     */
    changeRef: text("change_ref").notNull(),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("events_status_start").on(t.status, t.firstStartAt),
    index("events_region_start").on(t.regionId, t.firstStartAt),
    index("events_organisation").on(t.organisationId, t.status),
  ],
);

/** The sessions of an event, `idx` from 0 in time order. */
export const eventSessions = sqliteTable(
  "event_sessions",
  {
    eventId: text("event_id")
      .notNull()
      .references(() => events.id),
    idx: integer("idx").notNull(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    startAt: integer("start_at").notNull(),
    endAt: integer("end_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.idx] }), index("event_sessions_start").on(t.startAt)],
);

/**
 * A registration. `seq` is the arrival order within the event (taken inside the inserting
 * statement); the wait-list is the waitlisted rows in `seq` order. Personal fields are
 * nulled by the retention job or an erasure (`anonymised_at`).
 */
export const eventRegistrations = sqliteTable(
  "event_registrations",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    eventId: text("event_id")
      .notNull()
      .references(() => events.id),
    seq: integer("seq").notNull(),
    status: text("status", { enum: REGISTRATION_STATUSES }).notNull(),
    locale: text("locale", { enum: LOCALES }).notNull().default("nl"),
    name: text("name"),
    email: text("email"),
    companyName: text("company_name"),
    kvkNumber: text("kvk_number"),
    consentAt: integer("consent_at").notNull(),
    /** Agreed to be contacted about the Support Process after the event. */
    followUpConsent: integer("follow_up_consent", { mode: "boolean" }).notNull().default(false),
    /** SHA-256 (hex) of the manage token; the token itself is never stored. */
    manageTokenHash: text("manage_token_hash").notNull().unique(),
    /** A second manage link, sent with the feedback request (the first one is not stored). */
    followUpTokenHash: text("follow_up_token_hash").unique(),
    /** RFC 5545 SEQUENCE of the registration's calendar file, raised on every change. */
    sequence: integer("sequence").notNull().default(0),
    /** Set by the statement that promoted this registration from the wait-list (one id per batch). */
    promotionRef: text("promotion_ref"),
    confirmedAt: integer("confirmed_at"),
    promotedAt: integer("promoted_at"),
    cancelledAt: integer("cancelled_at"),
    feedbackRequestedAt: integer("feedback_requested_at"),
    feedbackRating: integer("feedback_rating"),
    feedbackComment: text("feedback_comment"),
    feedbackAt: integer("feedback_at"),
    candidateInvitedAt: integer("candidate_invited_at"),
    candidateInviteTokenHash: text("candidate_invite_token_hash").unique(),
    candidateRegisteredAt: integer("candidate_registered_at"),
    anonymisedAt: integer("anonymised_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("event_registrations_event_seq").on(t.eventId, t.seq),
    // One live registration per address and event; a cancelled one may register again.
    uniqueIndex("event_registrations_event_email")
      .on(t.eventId, t.email)
      .where(sql`status in ('confirmed', 'waitlisted')`),
    index("event_registrations_event_status").on(t.eventId, t.status, t.seq),
    index("event_registrations_region_email").on(t.regionId, t.email),
  ],
);

/** Attendance per registration and session, marked by the organiser. */
export const eventAttendance = sqliteTable(
  "event_attendance",
  {
    registrationId: text("registration_id")
      .notNull()
      .references(() => eventRegistrations.id),
    sessionIdx: integer("session_idx").notNull(),
    eventId: text("event_id")
      .notNull()
      .references(() => events.id),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    attended: integer("attended", { mode: "boolean" }).notNull(),
    markedBy: text("marked_by"),
    markedAt: integer("marked_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.registrationId, t.sessionIdx] }), index("event_attendance_event").on(t.eventId)],
);

/** Messages an organiser sent to the participants (the rate limit counts these). */
export const eventMessages = sqliteTable(
  "event_messages",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id")
      .notNull()
      .references(() => events.id),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    includeWaitlist: integer("include_waitlist", { mode: "boolean" }).notNull().default(false),
    sentBy: text("sent_by"),
    sentAt: integer("sent_at").notNull(),
  },
  (t) => [index("event_messages_event_sent").on(t.eventId, t.sentAt)],
);
