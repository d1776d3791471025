import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { frontdesks } from "./frontdesks";
import { LOCALES, MODES, TOPICS } from "../../lib/vocabulary";
import { regions } from "./regions";

export const APPOINTMENT_STATUSES = ["confirmed", "cancelled", "completed", "no_show"] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Instants are epoch milliseconds (UTC); shown in Europe/Amsterdam. */
export const appointments = sqliteTable(
  "appointments",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    frontdeskId: text("frontdesk_id")
      .notNull()
      .references(() => frontdesks.id),
    startAt: integer("start_at").notNull(),
    endAt: integer("end_at").notNull(),
    mode: text("mode", { enum: MODES }).notNull(),
    topic: text("topic", { enum: TOPICS }).notNull(),
    /** The desk's municipality at booking time. */
    municipality: text("municipality").notNull(),
    /** Where the entrepreneur's company is (a Dutch municipality, canonical name), when given. */
    entrepreneurMunicipality: text("entrepreneur_municipality"),
    status: text("status", { enum: APPOINTMENT_STATUSES }).notNull(),
    locale: text("locale", { enum: LOCALES }).notNull().default("nl"),
    /** Personal data: nulled / replaced by the retention job or an erasure. */
    question: text("question"),
    name: text("name"),
    email: text("email"),
    phone: text("phone"),
    companyName: text("company_name"),
    kvkNumber: text("kvk_number"),
    /** SHA-256 (hex) of the manage token; the token itself is never stored. */
    manageTokenHash: text("manage_token_hash").notNull().unique(),
    /** RFC 5545 SEQUENCE, raised on every reschedule or cancel. */
    sequence: integer("sequence").notNull().default(0),
    outcomeNote: text("outcome_note"),
    outcomeAt: integer("outcome_at"),
    cancelledAt: integer("cancelled_at"),
    anonymisedAt: integer("anonymised_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("appointments_frontdesk_start").on(t.frontdeskId, t.startAt),
    index("appointments_region_start").on(t.regionId, t.startAt),
    index("appointments_region_email").on(t.regionId, t.email),
  ],
);

/** Idempotency keys per region: the first answer is replayed for the same key and body. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    key: text("key").notNull(),
    bodyHash: text("body_hash").notNull(),
    status: integer("status").notNull(),
    response: text("response").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.key] }), index("idempotency_created").on(t.createdAt)],
);

export const OUTBOX_KINDS = [
  "confirmation",
  "reschedule",
  "cancellation",
  "reminder",
  "invitation",
  "password_reset",
  "login_link",
  // Events (issue 16)
  "event_confirmation",
  "event_waitlisted",
  "event_promoted",
  "event_cancellation",
  "event_cancelled",
  "event_changed",
  "event_reminder",
  "event_message",
  "event_feedback_request",
  "event_candidate_invitation",
  // Support Process self-registration (issue 13)
  "candidate_confirmation",
  "candidate_notice",
  // Support Process assignment (issue 19)
  "candidate_assigned",
  // Referrals (issue 15)
  "referral_received",
  "referral_entrepreneur",
  "referral_reminder",
  // Open platform (issue 20)
  "webhook_disabled",
  // Knowledge square and community (issue 18)
  "community_digest",
  "peer_contact",
  "peer_reply",
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
export const OUTBOX_STATUSES = ["pending", "sent", "failed", "cancelled"] as const;

/** Notifications written in the same transaction as the change they announce. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id").references(() => regions.id),
    appointmentId: text("appointment_id"),
    kind: text("kind", { enum: OUTBOX_KINDS }).notNull(),
    /** Uniqueness of (kind, dedupe key) makes jobs like the reminder idempotent. */
    dedupeKey: text("dedupe_key").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    icsBody: text("ics_body"),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
  },
  (t) => [
    uniqueIndex("outbox_dedupe").on(t.kind, t.dedupeKey),
    index("outbox_due").on(t.status, t.nextAttemptAt),
    index("outbox_region").on(t.regionId, t.status),
  ],
);

/** Audit log per region (null region for platform-level events). Never holds secrets. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id").references(() => regions.id),
    actorUserId: text("actor_user_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("audit_region_created").on(t.regionId, t.createdAt), index("audit_target").on(t.targetType, t.targetId)],
);
