import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { appointments } from "./appointments";
import { frontdesks } from "./frontdesks";
import { TOPICS } from "../../lib/vocabulary";
import { regions } from "./regions";
import { users } from "./users";

/**
 * The Support Process funnel, in order. Support ends with the delivered business plan (issue
 * 19, as the note has it): `business_plan_delivered` ends a trajectory that succeeded;
 * `stopped` ends one that did not (always with a referral). `financing_arranged` is an
 * outcome recorded after the plan (`financing_arranged_at`, and a history entry with that
 * name), never a trajectory's stage since migration 0015_financing_outcome; the API still accepts it as `to`
 * and records the outcome.
 */
export const ACTIVE_STAGES = ["registered", "intake", "ambition_assessed", "plan_in_development"] as const;
export const SUPPORT_STAGES = [...ACTIVE_STAGES, "business_plan_delivered"] as const;
export const FUNNEL_STAGES = [...SUPPORT_STAGES, "financing_arranged"] as const;
export const STAGES = [...FUNNEL_STAGES, "stopped"] as const;
export type Stage = (typeof STAGES)[number];
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const STOP_REASONS = ["no_go", "no_show_rule", "entrepreneur_withdrew", "not_eligible", "other"] as const;
export type StopReason = (typeof STOP_REASONS)[number];
export const REFERRAL_KINDS = ["initiative", "partner", "frontdesk"] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];
export const DECISIONS = ["go", "no_go"] as const;
export type Decision = (typeof DECISIONS)[number];
export const CANDIDATE_SOURCES = ["frontdesk", "self", "event"] as const;
export const COMMITMENT_POINTS = ["intake", "go_decision", "reconfirmation"] as const;
export type CommitmentPoint = (typeof COMMITMENT_POINTS)[number];
export const ATTENDANCE = ["attended", "no_show"] as const;
export type Attendance = (typeof ATTENDANCE)[number];

/**
 * A scouted entrepreneur and their trajectory (one row: a candidate has at most one).
 * Personal data is kept minimal: company, KvK number, one contact person, municipality and
 * a bounded ambition text; never a BSN or a date of birth. `change_id` is replaced on every
 * change, so the statements of one change can be made conditional on it (see the repo).
 */
export const scoutingCandidates = sqliteTable(
  "scouting_candidates",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    source: text("source", { enum: CANDIDATE_SOURCES }).notNull(),
    /** The scouting frontdesk (its performance indicator); null for a self-registration. */
    frontdeskId: text("frontdesk_id").references(() => frontdesks.id),
    appointmentId: text("appointment_id").references(() => appointments.id),
    registeredByUserId: text("registered_by_user_id").references(() => users.id),
    companyName: text("company_name").notNull(),
    kvkNumber: text("kvk_number").notNull(),
    /** Personal data: always given at registration; nulled by an erasure (then `anonymised_at` is set). */
    contactName: text("contact_name"),
    email: text("email"),
    phone: text("phone"),
    municipality: text("municipality").notNull(),
    ambition: text("ambition"),
    topic: text("topic", { enum: TOPICS }).notNull(),
    consentAt: integer("consent_at").notNull(),
    stage: text("stage", { enum: STAGES }).notNull().default("registered"),
    consultantUserId: text("consultant_user_id").references(() => users.id),
    assignedAt: integer("assigned_at"),
    /** Set by the no-show rule; cleared by a go decision. */
    decisionRequired: integer("decision_required", { mode: "boolean" }).notNull().default(false),
    noShowsSinceDecision: integer("no_shows_since_decision").notNull().default(0),
    /** When the go decision at the assessment was taken: the candidate qualified. */
    qualifiedAt: integer("qualified_at"),
    /** The outcome after the delivered plan (issue 19): when financing was arranged; null until then. */
    financingArrangedAt: integer("financing_arranged_at"),
    stopReason: text("stop_reason", { enum: STOP_REASONS }),
    referralKind: text("referral_kind", { enum: REFERRAL_KINDS }),
    referralName: text("referral_name"),
    stoppedAt: integer("stopped_at"),
    anonymisedAt: integer("anonymised_at"),
    changeId: text("change_id").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("scouting_candidates_region_created").on(t.regionId, t.createdAt),
    index("scouting_candidates_frontdesk").on(t.frontdeskId),
    index("scouting_candidates_consultant").on(t.consultantUserId, t.stage),
    index("scouting_candidates_region_email").on(t.regionId, t.email),
  ],
);

/** Every stage change of a trajectory (registration included, with a null `from_stage`). */
export const scoutingStageChanges = sqliteTable(
  "scouting_stage_changes",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    candidateId: text("candidate_id")
      .notNull()
      .references(() => scoutingCandidates.id),
    fromStage: text("from_stage", { enum: STAGES }),
    toStage: text("to_stage", { enum: STAGES }).notNull(),
    decision: text("decision", { enum: DECISIONS }),
    stopReason: text("stop_reason", { enum: STOP_REASONS }),
    referralKind: text("referral_kind", { enum: REFERRAL_KINDS }),
    referralName: text("referral_name"),
    note: text("note"),
    actorUserId: text("actor_user_id"),
    changedAt: integer("changed_at").notNull(),
  },
  (t) => [index("scouting_stage_changes_candidate").on(t.candidateId, t.changedAt), index("scouting_stage_changes_region").on(t.regionId)],
);

/** Effort commitments: who agreed to what, and when (at intake and at each go decision). */
export const scoutingCommitments = sqliteTable(
  "scouting_commitments",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    candidateId: text("candidate_id")
      .notNull()
      .references(() => scoutingCandidates.id),
    point: text("point", { enum: COMMITMENT_POINTS }).notNull(),
    stage: text("stage", { enum: STAGES }).notNull(),
    entrepreneurCommitment: text("entrepreneur_commitment").notNull(),
    consultantCommitment: text("consultant_commitment").notNull(),
    entrepreneurName: text("entrepreneur_name").notNull(),
    consultantUserId: text("consultant_user_id")
      .notNull()
      .references(() => users.id),
    agreedAt: integer("agreed_at").notNull(),
  },
  (t) => [index("scouting_commitments_candidate").on(t.candidateId, t.agreedAt)],
);

/** Logged sessions of a trajectory, with the external experts involved (paid by the entrepreneur). */
export const scoutingSessions = sqliteTable(
  "scouting_sessions",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    candidateId: text("candidate_id")
      .notNull()
      .references(() => scoutingCandidates.id),
    /** The trajectory's consultant when the session was logged (for the load figures). */
    consultantUserId: text("consultant_user_id"),
    loggedByUserId: text("logged_by_user_id").notNull(),
    /** Local date (Europe/Amsterdam), YYYY-MM-DD. */
    date: text("date").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    attendance: text("attendance", { enum: ATTENDANCE }).notNull(),
    note: text("note"),
    experts: text("experts", { mode: "json" }).$type<string[]>().notNull(),
    voucherApplied: integer("voucher_applied", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("scouting_sessions_candidate").on(t.candidateId, t.date), index("scouting_sessions_consultant").on(t.regionId, t.consultantUserId, t.date)],
);

/** Per-region settings of the Support Process; a region without a row uses the defaults. */
export const scoutingSettings = sqliteTable("scouting_settings", {
  regionId: text("region_id")
    .primaryKey()
    .references(() => regions.id),
  /** After this many no-shows since the last go decision, a go/no-go decision is required (0 = no rule). */
  noShowRule: integer("no_show_rule").notNull().default(2),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * Documents a consultant shares with the entrepreneur of a trajectory (issue 17): a name and
 * a date only, listed in the entrepreneur's overview ("Mijn MKB Limburg"); no file is stored.
 */
export const scoutingDocuments = sqliteTable(
  "scouting_documents",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    candidateId: text("candidate_id")
      .notNull()
      .references(() => scoutingCandidates.id),
    name: text("name").notNull(),
    /** The document's own date (local, YYYY-MM-DD), e.g. of a plan version. */
    date: text("date").notNull(),
    sharedByUserId: text("shared_by_user_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("scouting_documents_candidate").on(t.regionId, t.candidateId, t.date)],
);
