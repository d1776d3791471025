import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Topic } from "../../lib/vocabulary";
import { frontdesks } from "./frontdesks";
import { regions } from "./regions";

/**
 * The catalogue of support offers (issue 14): organisations (support providers), their
 * offers with a review workflow, and the anonymous per-day insight counters.
 * The full-text index (`offers_fts`, FTS5) and the typo-tolerance vocabulary index
 * (`search_terms_tri`) are virtual tables that drizzle-kit does not generate: they live in
 * the hand-written migration `0005_catalogue_search.sql`.
 */

export const ORGANISATION_KINDS = [
  "municipality",
  "development_agency",
  "chamber_of_commerce",
  "government_agency",
  "bank",
  "business_association",
  "knowledge_institution",
  "campus",
  "advisor",
  "other",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const OFFER_KINDS = ["subsidy", "financing", "advice", "training", "network", "contact_point", "regulation", "private_service"] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];
export const OFFER_COSTS = ["free", "paid", "co_funded"] as const;
export type OfferCost = (typeof OFFER_COSTS)[number];
export const AUDIENCES = ["starter", "established_sme", "growth", "innovator", "self_employed", "successor", "exporter"] as const;
export type Audience = (typeof AUDIENCES)[number];
export const PHASES = ["orientation", "plan", "financing", "execution"] as const;
export type Phase = (typeof PHASES)[number];
export const OFFER_STATUSES = ["draft", "in_review", "published", "archived"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
/** The state of a pending edit of a published offer. */
export const REVISION_STATUSES = ["in_review", "rejected"] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

export interface OfferContact {
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
}

/** A support provider. Its home region's admins approve its offers; `regions` are the regions it serves (slugs). */
export const organisations = sqliteTable(
  "organisations",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ORGANISATION_KINDS }).notNull(),
    homeRegionId: text("home_region_id")
      .notNull()
      .references(() => regions.id),
    /** JSON array of region slugs the organisation serves. */
    regions: text("regions", { mode: "json" }).$type<string[]>().notNull(),
    website: text("website"),
    email: text("email"),
    phone: text("phone"),
    description: text("description"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("organisations_home_region").on(t.homeRegionId)],
);

/** Which organisation runs a frontdesk (without a row: the region's development agency). */
export const organisationFrontdesks = sqliteTable(
  "organisation_frontdesks",
  {
    frontdeskId: text("frontdesk_id")
      .primaryKey()
      .references(() => frontdesks.id),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
  },
  (t) => [index("organisation_frontdesks_org").on(t.organisationId)],
);

/** The fields of an offer that a partner edits (also the shape of a pending revision). */
export interface OfferContent {
  title: string;
  summary: string;
  description: string;
  kind: OfferKind;
  topics: Topic[];
  audiences: Audience[];
  phases: Phase[];
  regions: string[];
  allLimburg: boolean;
  municipalities: string[];
  cost: OfferCost;
  deadline: string | null;
  opensAt: string | null;
  howToApply: string;
  contact: OfferContact | null;
  url: string | null;
  uplUri: string | null;
}

/**
 * An offer. The columns hold the current version (the published one once published); an
 * edit of a published offer waits in `revision` until a reviewer approves it.
 * `frontdeskId` marks a contact point derived from a frontdesk (kept in sync by the job).
 */
export const offers = sqliteTable(
  "offers",
  {
    id: text("id").primaryKey(),
    /** A stable integer per offer: the rowid of its row in the full-text index `offers_fts`. */
    seq: integer("seq").notNull().unique(),
    slug: text("slug").notNull().unique(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id),
    frontdeskId: text("frontdesk_id").references(() => frontdesks.id),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    description: text("description").notNull(),
    kind: text("kind", { enum: OFFER_KINDS }).notNull(),
    topics: text("topics", { mode: "json" }).$type<Topic[]>().notNull(),
    audiences: text("audiences", { mode: "json" }).$type<Audience[]>().notNull(),
    phases: text("phases", { mode: "json" }).$type<Phase[]>().notNull(),
    /** JSON array of region slugs; ignored when `allLimburg`. */
    regions: text("regions", { mode: "json" }).$type<string[]>().notNull(),
    allLimburg: integer("all_limburg", { mode: "boolean" }).notNull().default(false),
    /** Municipality names where the offer is local; empty = the whole of its regions. */
    municipalities: text("municipalities", { mode: "json" }).$type<string[]>().notNull(),
    cost: text("cost", { enum: OFFER_COSTS }).notNull(),
    /** Last local date (Europe/Amsterdam) to apply; null = ongoing. */
    deadline: text("deadline"),
    /** First local date to apply, when it opens later. */
    opensAt: text("opens_at"),
    howToApply: text("how_to_apply").notNull(),
    contact: text("contact", { mode: "json" }).$type<OfferContact>(),
    url: text("url"),
    /** Link to the national product name list (UPL), e.g. https://standaarden.overheid.nl/owms/terms/… */
    uplUri: text("upl_uri"),
    lastCheckedAt: integer("last_checked_at").notNull(),
    status: text("status", { enum: OFFER_STATUSES }).notNull(),
    reviewNote: text("review_note"),
    /** The pending edit of a published offer (the full content as it would become). */
    revision: text("revision", { mode: "json" }).$type<OfferContent>(),
    revisionStatus: text("revision_status", { enum: REVISION_STATUSES }),
    submittedAt: integer("submitted_at"),
    publishedAt: integer("published_at"),
    archivedAt: integer("archived_at"),
    /** Raised by every change: writes are conditional on the version the service read. */
    version: integer("version").notNull().default(0),
    createdBy: text("created_by"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("offers_organisation").on(t.organisationId, t.status),
    index("offers_status_deadline").on(t.status, t.deadline),
    uniqueIndex("offers_frontdesk").on(t.frontdeskId),
  ],
);

/**
 * Every word (normalised, 4+ letters) that an indexed offer ever contained: the candidates
 * for typo correction, indexed by trigrams in `search_terms_tri` (hand-written migration).
 */
export const searchTerms = sqliteTable("search_terms", {
  id: integer("id").primaryKey({ autoIncrement: false }),
  term: text("term").notNull().unique(),
});

/**
 * Anonymous per-day search counters: no IP, no user, no cookie. `regionId` is the region the
 * search was about ('' when none), `term` the normalised query ('' for filters only),
 * `filters` a canonical query string of the filters, `topic` the topic it was about.
 */
export const insightSearches = sqliteTable(
  "insight_searches",
  {
    day: text("day").notNull(),
    regionId: text("region_id").notNull().default(""),
    term: text("term").notNull(),
    filters: text("filters").notNull().default(""),
    topic: text("topic").notNull().default(""),
    searches: integer("searches").notNull().default(0),
    zeroResults: integer("zero_results").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.regionId, t.term, t.filters, t.topic] }), index("insight_searches_region_day").on(t.regionId, t.day)],
);

/** Per-day views of an offer's page. */
export const insightOfferViews = sqliteTable(
  "insight_offer_views",
  {
    day: text("day").notNull(),
    offerId: text("offer_id").notNull(),
    views: integer("views").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.offerId] })],
);

/** Per-day "talk to a desk about this" clicks, by the region and topic the booking starts with. */
export const insightDeskClicks = sqliteTable(
  "insight_desk_clicks",
  {
    day: text("day").notNull(),
    regionId: text("region_id").notNull(),
    topic: text("topic").notNull(),
    offerId: text("offer_id").notNull(),
    clicks: integer("clicks").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.regionId, t.topic, t.offerId] })],
);
