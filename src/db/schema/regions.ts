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
