import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { regions } from "./regions";
import { organisations } from "./catalogue";

/**
 * Webhooks (issue 20, open platform): a region or an organisation subscribes an HTTPS endpoint
 * to events. Exactly one of `region_id` and `organisation_id` is set: the owner. The signing
 * secret (Standard Webhooks `whsec_…`) is stored sealed (AES-GCM, `src/lib/crypto.ts`) under a
 * key from the environment, never in plain text.
 */
export const WEBHOOK_EVENTS = [
  "appointment.booked",
  "appointment.cancelled",
  "appointment.rescheduled",
  "referral.created",
  "referral.updated",
  "registration.created",
  "offer.published",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_STATUSES = ["active", "disabled"] as const;
export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;

export const webhooks = sqliteTable(
  "webhooks",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id").references(() => regions.id),
    organisationId: text("organisation_id").references(() => organisations.id),
    url: text("url").notNull(),
    /** JSON array of {@link WEBHOOK_EVENTS}. */
    events: text("events", { mode: "json" }).$type<WebhookEvent[]>().notNull(),
    secretSealed: text("secret_sealed").notNull(),
    status: text("status", { enum: WEBHOOK_STATUSES }).notNull().default("active"),
    /** Failed attempts in a row (any delivery); reset by a success. Disabled at the threshold. */
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** Who is told when it is disabled: the address of the user who created it. */
    ownerEmail: text("owner_email").notNull(),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    disabledAt: integer("disabled_at"),
  },
  (t) => [index("webhooks_region").on(t.regionId, t.status), index("webhooks_organisation").on(t.organisationId, t.status)],
);

/** One message to one webhook; written in the same batch as the change it announces (the outbox pattern). */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    webhookId: text("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    /** The Standard Webhooks `webhook-id`: the same for every subscriber of one event and for a replay. */
    messageId: text("message_id").notNull(),
    eventType: text("event_type").notNull(),
    /** The JSON body sent, as signed. */
    payload: text("payload").notNull(),
    status: text("status", { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    deliveredAt: integer("delivered_at"),
  },
  (t) => [index("webhook_deliveries_due").on(t.status, t.nextAttemptAt), index("webhook_deliveries_webhook").on(t.webhookId, t.createdAt)],
);
