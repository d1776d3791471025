import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { regions } from "./regions";
import { frontdesks } from "./frontdesks";
import { organisations } from "./catalogue";

export const ROLES = [
  "platform_admin",
  "province_viewer",
  "region_admin",
  "frontdesk_staff",
  "consultant",
  "partner",
  "programme_office",
  "municipality_viewer",
] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    /** Null only for the platform-wide roles (platform_admin, province_viewer). */
    regionId: text("region_id").references(() => regions.id),
    /** The organisation of a `partner` (catalogue); null for every other role. */
    organisationId: text("organisation_id").references(() => organisations.id),
    /** The municipality (official name) of a `municipality_viewer` (issue 19); null for every other role. */
    municipality: text("municipality"),
    /** PBKDF2-SHA256 in the form `pbkdf2$<iterations>$<salt b64>$<hash b64>`; null until the invitation is accepted. */
    passwordHash: text("password_hash"),
    disabledAt: integer("disabled_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("users_region").on(t.regionId)],
);

/** Which frontdesks a frontdesk_staff user works at (same region as the user). */
export const userFrontdesks = sqliteTable(
  "user_frontdesks",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    frontdeskId: text("frontdesk_id")
      .notNull()
      .references(() => frontdesks.id),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.frontdeskId] })],
);

/** Server-side sessions; only the SHA-256 of the session id is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);
