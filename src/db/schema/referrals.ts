import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { LOCALES, TOPICS } from "../../lib/vocabulary";
import { regions } from "./regions";
import { organisations } from "./catalogue";

/**
 * The referral network (issue 15): a desk, consultant or region admin refers an entrepreneur
 * to an organisation (or one of its offers); the organisation's partners report back.
 * `region_id` is the referring region (whose staff list it), `to_region_id` the organisation's
 * home region (whose admins see it through the organisation). Nobody else sees it.
 */
export const REFERRAL_STATUSES = ["sent", "received", "contacted", "helped", "not_suitable", "no_contact", "withdrawn"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** The statuses a partner sets. */
export const PARTNER_STATUSES = ["received", "contacted", "helped", "not_suitable", "no_contact"] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const referrals = sqliteTable(
  "referrals",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    toRegionId: text("to_region_id")
      .notNull()
      .references(() => regions.id),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    offerId: text("offer_id"),
    frontdeskId: text("frontdesk_id"),
    appointmentId: text("appointment_id"),
    candidateId: text("candidate_id"),
    referredByUserId: text("referred_by_user_id"),
    topic: text("topic", { enum: TOPICS }).notNull(),
    consentToShare: integer("consent_to_share", { mode: "boolean" }).notNull(),
    status: text("status", { enum: REFERRAL_STATUSES }).notNull().default("sent"),
    locale: text("locale", { enum: LOCALES }).notNull().default("nl"),
    /** Personal data: nulled by the retention job or an erasure (then `anonymised_at` is set). */
    note: text("note"),
    question: text("question"),
    name: text("name"),
    email: text("email"),
    phone: text("phone"),
    companyName: text("company_name"),
    kvkNumber: text("kvk_number"),
    /** SHA-256 (hex) of the entrepreneur's link to withdraw consent. */
    withdrawTokenHash: text("withdraw_token_hash").unique(),
    /** End of the 5th working day after the referral: not picked up by then = overdue. */
    dueAt: integer("due_at").notNull(),
    receivedAt: integer("received_at"),
    contactedAt: integer("contacted_at"),
    closedAt: integer("closed_at"),
    withdrawnAt: integer("withdrawn_at"),
    statusNote: text("status_note"),
    remindedAt: integer("reminded_at"),
    anonymisedAt: integer("anonymised_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("referrals_region_created").on(t.regionId, t.createdAt),
    index("referrals_to_region_created").on(t.toRegionId, t.createdAt),
    index("referrals_organisation_status").on(t.organisationId, t.status),
    index("referrals_region_email").on(t.regionId, t.email),
    index("referrals_due").on(t.status, t.dueAt),
  ],
);

/** Each status change, timestamped (the referrer sees what became of the referral). */
export const referralStatusChanges = sqliteTable(
  "referral_status_changes",
  {
    id: text("id").primaryKey(),
    referralId: text("referral_id")
      .notNull()
      .references(() => referrals.id),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    status: text("status", { enum: REFERRAL_STATUSES }).notNull(),
    /** Personal data possible (free text): nulled with the referral's. */
    note: text("note"),
    actorUserId: text("actor_user_id"),
    changedAt: integer("changed_at").notNull(),
  },
  (t) => [index("referral_status_changes_referral").on(t.referralId, t.changedAt)],
);
