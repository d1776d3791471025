import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { APPOINTMENT_STATUSES } from "./appointments";
import { MODES, TOPICS } from "../../lib/vocabulary";

/*
 * Monthly rollups of appointments for the province summary, kept exact by database
 * triggers on `appointments` (migrations/0011_edge_triggers.sql): every insert, update of a
 * counted column and delete adjusts them in the same transaction as the change, whoever
 * writes. `month` is the local (Europe/Amsterdam) month of the start. Never written by code.
 */

/** Appointments per region, month of the start, status, mode and topic. */
export const reportMonthCounts = sqliteTable(
  "report_month_counts",
  {
    regionId: text("region_id").notNull(),
    month: text("month").notNull(),
    status: text("status", { enum: APPOINTMENT_STATUSES }).notNull(),
    mode: text("mode", { enum: MODES }).notNull(),
    topic: text("topic", { enum: TOPICS }).notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.month, t.status, t.mode, t.topic] })],
);

/**
 * Non-cancelled appointments per region, month of the start and whole hours from booking
 * to start (negative as 0). Keyed (region, hours, month): a percentile reads one day's 24
 * hours of one region over the period's months as one index range.
 */
export const reportMonthLeads = sqliteTable(
  "report_month_leads",
  {
    regionId: text("region_id").notNull(),
    month: text("month").notNull(),
    hours: integer("hours").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.hours, t.month] })],
);

/** The same lead times in whole days (hours / 24): the coarse level that finds a percentile's day first, in (region, days) order. */
export const reportMonthLeadDays = sqliteTable(
  "report_month_lead_days",
  {
    regionId: text("region_id").notNull(),
    month: text("month").notNull(),
    days: integer("days").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.days, t.month] })],
);
