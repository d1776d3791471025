import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { regions } from "./regions";
import { organisations } from "./catalogue";

/**
 * API keys for partner and region systems (issue 20, open platform). A key belongs to one
 * organisation (`organisation_id`) or one region (`region_id`), never both; what it may call
 * follows from its scopes (`features/auth/policy.ts`). Its secrets are kept apart so a
 * rotation can leave the old secret working for a while: only their SHA-256 is stored.
 */
export const API_SCOPES = ["offers:write", "events:write", "referrals:read", "referrals:write", "appointments:read", "reports:read"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const apiKeys = sqliteTable(
  "api_keys",
  {
    /** `ak_` and 22 random characters: recognisable where it shows up as an actor (the audit log). */
    id: text("id").primaryKey(),
    regionId: text("region_id").references(() => regions.id),
    organisationId: text("organisation_id").references(() => organisations.id),
    name: text("name").notNull(),
    /** JSON array of {@link ApiScope}. */
    scopes: text("scopes", { mode: "json" }).$type<ApiScope[]>().notNull(),
    /** The shown start of the current secret (`mkbl_live_` + 8 characters), to tell keys apart. */
    prefix: text("prefix").notNull(),
    createdByUserId: text("created_by_user_id"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at"),
    revokedAt: integer("revoked_at"),
    /** Refreshed at most once a minute, after the answer. */
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [
    index("api_keys_region").on(t.regionId),
    index("api_keys_organisation").on(t.organisationId),
    check("api_keys_one_owner", sql`(region_id is null) <> (organisation_id is null)`),
  ],
);

/** A key's secrets: the current one (`valid_until` null) and, after a rotation, the old one until its overlap ends. */
export const apiKeySecrets = sqliteTable(
  "api_key_secrets",
  {
    /** SHA-256 (hex) of the whole secret. */
    secretHash: text("secret_hash").primaryKey(),
    keyId: text("key_id")
      .notNull()
      .references(() => apiKeys.id),
    createdAt: integer("created_at").notNull(),
    /** Null for the current secret; a rotated-out secret works until then. */
    validUntil: integer("valid_until"),
  },
  (t) => [index("api_key_secrets_key").on(t.keyId)],
);
