import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { TOPICS } from "../../lib/vocabulary";
import { regions } from "./regions";

/**
 * The knowledge square and the community (issue 18). Questions belong to a region, or to all
 * of Limburg (`region_id` null): the region's admins moderate them (all-Limburg questions any
 * region admin; the programme office later). The asker is linked by account id only; an
 * anonymous question never shows who asked (`asker_label` stays null), to anyone.
 */
export const QUESTION_STATUSES = ["pending", "published", "hidden"] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
export const ANSWER_STATUSES = ["published", "hidden"] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];
export const AUTHOR_KINDS = ["entrepreneur", "partner", "staff"] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];
export const REPORT_KINDS = ["question", "answer"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const questions = sqliteTable(
  "questions",
  {
    id: text("id").primaryKey(),
    /** The full-text index row (`questions_fts.rowid`). */
    seq: integer("seq").notNull().unique(),
    /** Null: all of Limburg. */
    regionId: text("region_id").references(() => regions.id),
    askerId: text("asker_id").notNull(),
    anonymous: integer("anonymous", { mode: "boolean" }).notNull(),
    /** The company name at the time of asking; null for an anonymous question. */
    askerLabel: text("asker_label"),
    topic: text("topic", { enum: TOPICS }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: QUESTION_STATUSES }).notNull(),
    acceptedAnswerId: text("accepted_answer_id"),
    answerCount: integer("answer_count").notNull().default(0),
    /** A moderator's visible note (an edit, a restore). */
    moderatorNote: text("moderator_note"),
    editedAt: integer("edited_at"),
    /** The asker's last digest of new answers (at most one an hour). */
    digestAt: integer("digest_at"),
    createdAt: integer("created_at").notNull(),
    publishedAt: integer("published_at"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("questions_status").on(t.status, t.publishedAt), index("questions_region").on(t.regionId, t.status), index("questions_asker").on(t.askerId)],
);

export const answers = sqliteTable(
  "answers",
  {
    id: text("id").primaryKey(),
    questionId: text("question_id")
      .notNull()
      .references(() => questions.id),
    authorKind: text("author_kind", { enum: AUTHOR_KINDS }).notNull(),
    /** One of the two: an entrepreneur account or a staff/partner user. */
    authorEntrepreneurId: text("author_entrepreneur_id"),
    authorUserId: text("author_user_id"),
    /** Company name, organisation name or region name at the time of answering. */
    authorName: text("author_name").notNull(),
    body: text("body").notNull(),
    /** Linked published catalogue offers and events (slugs, checked when answering). */
    offerSlugs: text("offer_slugs", { mode: "json" }).$type<string[]>().notNull(),
    eventSlugs: text("event_slugs", { mode: "json" }).$type<string[]>().notNull(),
    status: text("status", { enum: ANSWER_STATUSES }).notNull().default("published"),
    usefulCount: integer("useful_count").notNull().default(0),
    moderatorNote: text("moderator_note"),
    editedAt: integer("edited_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("answers_question").on(t.questionId, t.createdAt)],
);

/** One useful mark per person and answer (`marker`: `e:<entrepreneur id>` or `u:<user id>`). */
export const answerMarks = sqliteTable(
  "answer_marks",
  {
    answerId: text("answer_id")
      .notNull()
      .references(() => answers.id),
    marker: text("marker").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.marker] })],
);

/** Reports of a question or answer; `region_id` is the question's (null: all of Limburg). */
export const communityReports = sqliteTable(
  "community_reports",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id").references(() => regions.id),
    kind: text("kind", { enum: REPORT_KINDS }).notNull(),
    targetId: text("target_id").notNull(),
    reporter: text("reporter").notNull(),
    reason: text("reason").notNull(),
    resolvedAt: integer("resolved_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("community_reports_once").on(t.kind, t.targetId, t.reporter), index("community_reports_region").on(t.regionId, t.resolvedAt)],
);

/** Accounts a moderator blocked from posting (`account`: `e:<id>` or `u:<id>`). */
export const communityBlocks = sqliteTable("community_blocks", {
  account: text("account").primaryKey(),
  regionId: text("region_id").references(() => regions.id),
  blockedBy: text("blocked_by").notNull(),
  createdAt: integer("created_at").notNull(),
});

/** Best-practice stories: published by region admins, with the entrepreneur's written consent recorded. */
export const stories = sqliteTable(
  "stories",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    title: text("title").notNull(),
    companyName: text("company_name").notNull(),
    summary: text("summary").notNull(),
    body: text("body").notNull(),
    topics: text("topics", { mode: "json" }).$type<string[]>().notNull(),
    offerSlugs: text("offer_slugs", { mode: "json" }).$type<string[]>().notNull(),
    frontdeskIds: text("frontdesk_ids", { mode: "json" }).$type<string[]>().notNull(),
    /** The date (YYYY-MM-DD) of the entrepreneur's written consent, and who recorded it (user id). */
    consentDate: text("consent_date").notNull(),
    consentRecordedBy: text("consent_recorded_by").notNull(),
    publishedAt: integer("published_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("stories_region").on(t.regionId, t.publishedAt)],
);

/** What a peer-visible entrepreneur offers to talk about (beside the profile's sector, municipality and description). */
export const peerTopics = sqliteTable(
  "peer_topics",
  {
    entrepreneurId: text("entrepreneur_id").notNull(),
    topic: text("topic", { enum: TOPICS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.entrepreneurId, t.topic] })],
);

export const PEER_CONTACT_STATUSES = ["sent", "replied", "declined"] as const;

/** Contact requests between entrepreneurs; no address is shown to the sender until the receiver replies. */
export const peerContacts = sqliteTable(
  "peer_contacts",
  {
    id: text("id").primaryKey(),
    fromId: text("from_id").notNull(),
    toId: text("to_id").notNull(),
    message: text("message").notNull(),
    status: text("status", { enum: PEER_CONTACT_STATUSES }).notNull().default("sent"),
    reply: text("reply"),
    reported: integer("reported", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
    answeredAt: integer("answered_at"),
  },
  (t) => [index("peer_contacts_to").on(t.toId, t.createdAt), index("peer_contacts_from").on(t.fromId, t.createdAt)],
);

/** An entrepreneur blocked another: no more contact requests from them. */
export const peerBlocks = sqliteTable(
  "peer_blocks",
  {
    blockerId: text("blocker_id").notNull(),
    blockedId: text("blocked_id").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] })],
);
