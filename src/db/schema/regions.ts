import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** A tenant: one region with its operator. Adding a region is a row, never code. */
export const regions = sqliteTable("regions", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  operator: text("operator").notNull(),
  /** Region settings for the public holidays that not every office observes. */
  goodFridayClosed: integer("good_friday_closed", { mode: "boolean" }).notNull().default(true),
  liberationDayClosed: integer("liberation_day_closed", { mode: "boolean" }).notNull().default(false),
  /** Months after an appointment before its personal data is anonymised. */
  retentionMonths: integer("retention_months").notNull().default(12),
  createdAt: integer("created_at").notNull(),
  /**
   * Raised by database triggers (migrations/0011_edge_triggers.sql) on every change to the
   * region's settings, municipalities, desks, opening hours, closures or holiday openings:
   * the key of the configuration kept in isolate memory and of cached public reads.
   */
  configVersion: integer("config_version").notNull().default(0),
  /** Raised by triggers with every change to the availability of any desk of the region (bookings included). */
  availabilityVersion: integer("availability_version").notNull().default(0),
  /**
   * Origins (`https://host[:port]`) the region registered for its embeddable booking pages and
   * for CORS on its public reads (issue 20): a JSON array, read with the region row in every batch.
   */
  embedOrigins: text("embed_origins", { mode: "json" }).$type<string[]>().notNull().default([]),
});

/** Municipalities a region serves, keyed by CBS code (a region may serve one outside the province). */
export const municipalities = sqliteTable(
  "municipalities",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    cbsCode: text("cbs_code").notNull(),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("municipalities_region_name").on(t.regionId, t.name)],
);
