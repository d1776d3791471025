import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { offers } from "./catalogue";

/**
 * Entrepreneur accounts (issue 17): sign-in by e-mail link, a company profile, bookmarks.
 * Kept apart from the staff `users` and `sessions` on purpose: an entrepreneur session lives
 * in its own table behind its own cookie, so it can never satisfy a staff route, and a staff
 * session never reaches `/me`. Everything an entrepreneur sees about appointments, trajectories
 * (and later event registrations and referrals) is linked by the verified e-mail address only.
 */

/** Dutch legal forms (rechtsvormen), as codes. */
export const LEGAL_FORMS = [
  "sole_proprietorship",
  "general_partnership",
  "professional_partnership",
  "limited_partnership",
  "private_limited",
  "public_limited",
  "cooperative",
  "association",
  "foundation",
  "other",
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/** Broad sectors (after the SBI sections), for the profile and the peer list's filter. */
export const SECTORS = [
  "agriculture",
  "manufacturing",
  "construction",
  "wholesale",
  "retail",
  "hospitality",
  "transport_logistics",
  "ict",
  "financial_services",
  "business_services",
  "healthcare",
  "education",
  "creative",
  "leisure_tourism",
  "energy",
  "other",
] as const;
export type Sector = (typeof SECTORS)[number];

/** Company size by people working there: 1, 2–9, 10–49, 50–249, 250+. */
export const SIZE_CLASSES = ["self_employed", "micro", "small", "medium", "large"] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

/** One account per verified e-mail address (stored trimmed and lowercased); created at the first sign-in. */
export const entrepreneurs = sqliteTable("entrepreneurs", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  createdAt: integer("created_at").notNull(),
  lastLoginAt: integer("last_login_at").notNull(),
});

/**
 * The company profile: one per account (one account belongs to one company). A KvK number
 * may be claimed by several accounts: colleagues of the same company each have their own.
 */
export const entrepreneurProfiles = sqliteTable(
  "entrepreneur_profiles",
  {
    entrepreneurId: text("entrepreneur_id")
      .primaryKey()
      .references(() => entrepreneurs.id),
    companyName: text("company_name").notNull(),
    /** 8 digits, normalised; null when not given. */
    kvkNumber: text("kvk_number"),
    legalForm: text("legal_form", { enum: LEGAL_FORMS }),
    sector: text("sector", { enum: SECTORS }),
    sizeClass: text("size_class", { enum: SIZE_CLASSES }),
    /** The canonical name of a Dutch municipality (src/lib/dutch-municipalities.ts). */
    municipality: text("municipality"),
    website: text("website"),
    description: text("description"),
    ambition: text("ambition"),
    visibleToPeers: integer("visible_to_peers", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("entrepreneur_profiles_kvk").on(t.kvkNumber)],
);

/** Entrepreneur sessions: only the SHA-256 of the session id is stored (as for staff). */
export const entrepreneurSessions = sqliteTable(
  "entrepreneur_sessions",
  {
    idHash: text("id_hash").primaryKey(),
    entrepreneurId: text("entrepreneur_id")
      .notNull()
      .references(() => entrepreneurs.id),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
  },
  (t) => [index("entrepreneur_sessions_entrepreneur").on(t.entrepreneurId)],
);

/**
 * One-time sign-in links (15 minutes, one use). Only the SHA-256 of the token is stored. The
 * address is kept with the token because the account is created at the first sign-in, not
 * when the link is asked for (so asking does the same work for a known and an unknown
 * address). `session_id_hash` marks which sign-in spent the token, so the statements of that
 * sign-in's batch can require that it was theirs. Removed a day after expiry.
 */
export const entrepreneurLoginTokens = sqliteTable(
  "entrepreneur_login_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    email: text("email").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    sessionIdHash: text("session_id_hash"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("entrepreneur_login_tokens_email").on(t.email), index("entrepreneur_login_tokens_expires").on(t.expiresAt)],
);

/** Catalogue offers an entrepreneur keeps (by offer id, so a renamed slug keeps the bookmark). */
export const entrepreneurBookmarks = sqliteTable(
  "entrepreneur_bookmarks",
  {
    entrepreneurId: text("entrepreneur_id")
      .notNull()
      .references(() => entrepreneurs.id),
    offerId: text("offer_id")
      .notNull()
      .references(() => offers.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.entrepreneurId, t.offerId] })],
);
