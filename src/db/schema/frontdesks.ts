import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { regions } from "./regions";
import { FRONTDESK_KINDS, type Mode, type Topic } from "../../lib/vocabulary";

export const frontdesks = sqliteTable(
  "frontdesks",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    name: text("name").notNull(),
    kind: text("kind", { enum: FRONTDESK_KINDS }).notNull(),
    municipality: text("municipality").notNull(),
    address: text("address").notNull(),
    /** JSON array of modes, e.g. ["in_person","video"]. */
    modes: text("modes", { mode: "json" }).$type<Mode[]>().notNull(),
    /** JSON array of topics from the platform-wide list. */
    topics: text("topics", { mode: "json" }).$type<Topic[]>().notNull(),
    slotMinutes: integer("slot_minutes").notNull().default(30),
    capacityPerSlot: integer("capacity_per_slot").notNull().default(1),
    minNoticeHours: integer("min_notice_hours").notNull().default(24),
    maxAdvanceDays: integer("max_advance_days").notNull().default(60),
    cancelCutoffHours: integer("cancel_cutoff_hours").notNull().default(2),
    /** For video: a template with `{id}` replaced by the appointment id. */
    videoUrlTemplate: text("video_url_template"),
    phone: text("phone"),
    email: text("email"),
    /** Municipalities (names) the desk serves; null = every municipality of its region. Video desks serve the whole region anyway. */
    servedMunicipalities: text("served_municipalities", { mode: "json" }).$type<string[]>(),
    /** What to bring and what to expect (shown on the confirmation and in mails). */
    visitInfo: text("visit_info"),
    /** Accessibility and parking. */
    accessInfo: text("access_info"),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    archivedAt: integer("archived_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /** Raised by database triggers whenever a booking at this desk takes or frees a place (the key of its cached slot lists). */
    availabilityVersion: integer("availability_version").notNull().default(0),
  },
  (t) => [index("frontdesks_region").on(t.regionId)],
);

/** Weekly opening hours: several intervals per weekday are allowed. */
export const openingHours = sqliteTable(
  "opening_hours",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    frontdeskId: text("frontdesk_id")
      .notNull()
      .references(() => frontdesks.id),
    /** ISO weekday, 1 = Monday. */
    weekday: integer("weekday").notNull(),
    opens: text("opens").notNull(),
    closes: text("closes").notNull(),
  },
  (t) => [index("opening_hours_frontdesk").on(t.frontdeskId)],
);

/** Date ranges (inclusive, local dates) on which a desk is closed. */
export const closures = sqliteTable(
  "closures",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    frontdeskId: text("frontdesk_id")
      .notNull()
      .references(() => frontdesks.id),
    fromDate: text("from_date").notNull(),
    toDate: text("to_date").notNull(),
    reason: text("reason").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("closures_frontdesk").on(t.frontdeskId, t.toDate)],
);

/** A public holiday on which a desk opens anyway (overrides the default holiday closure). */
export const holidayOpenings = sqliteTable(
  "holiday_openings",
  {
    id: text("id").primaryKey(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    frontdeskId: text("frontdesk_id")
      .notNull()
      .references(() => frontdesks.id),
    date: text("date").notNull(),
  },
  (t) => [index("holiday_openings_frontdesk").on(t.frontdeskId, t.date)],
);
