/**
 * Programme steering (issue 19): region memberships with a role per region, the programme
 * office's targets per period (Limburg-wide, with an optional share per region) and the
 * consultants' capacity in FTE.
 */
import { index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { regions } from "./regions";
import { users } from "./users";

/** The roles a user holds in one region (a user may be a member of several regions). */
export const MEMBERSHIP_ROLES = ["region_admin", "frontdesk_staff", "consultant"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/**
 * A user's membership of a region, with the role they hold there. Every regional user has at
 * least the row of their home region (`users.region_id`, backfilled by the migration); the
 * access policy decides a regional route by the membership of the route's region only.
 */
export const userRegions = sqliteTable(
  "user_regions",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    role: text("role", { enum: MEMBERSHIP_ROLES }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.regionId] }), index("user_regions_region").on(t.regionId, t.role)],
);

/** What the programme office sets targets for. */
export const TARGET_INDICATORS = [
  "starts",
  "plans",
  "companies_reached",
  "appointments",
  "referrals_with_feedback",
  "masterclass_attendance",
  "consultant_fte",
] as const;
export type TargetIndicator = (typeof TARGET_INDICATORS)[number];

/**
 * A Limburg-wide target for one indicator over one period (dates in Europe/Amsterdam,
 * inclusive). `max` is set for a band (plans: 75–100); otherwise null.
 */
export const programmeTargets = sqliteTable(
  "programme_targets",
  {
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    indicator: text("indicator", { enum: TARGET_INDICATORS }).notNull(),
    min: real("min").notNull(),
    max: real("max"),
    updatedByUserId: text("updated_by_user_id"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.periodFrom, t.periodTo, t.indicator] })],
);

/** A region's share (percent) of every Limburg target of a period; a region without one has no regional target. */
export const programmeTargetShares = sqliteTable(
  "programme_target_shares",
  {
    periodFrom: text("period_from").notNull(),
    periodTo: text("period_to").notNull(),
    regionId: text("region_id")
      .notNull()
      .references(() => regions.id),
    sharePercent: real("share_percent").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.periodFrom, t.periodTo, t.regionId] })],
);

/** A consultant's capacity for the Support Process in FTE (one row per consultant; none = not planned). */
export const consultantCapacity = sqliteTable("consultant_capacity", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id),
  fte: real("fte").notNull(),
  updatedAt: integer("updated_at").notNull(),
});
