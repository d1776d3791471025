/**
 * Referral figures for the region report and the province summary: referrals made (per desk,
 * per topic, per kind of organisation referred to), received by the region's organisations,
 * the share the organisation answered (its status changed by the organisation), the share
 * helped, the median working days to first contact, overdue, and the flows region × region.
 * Referrals count by the day they were made, in the period. Every count is about people: 1–4
 * shows as "<5", and the figures that add up to a shown total (desks, topics, kinds, flows) go
 * through the reports' complementary suppression (`suppressTopicFigures`), so no hidden figure
 * can be worked out from the rest; shares and the median only over 5 referrals or more.
 */
import { ORGANISATION_KINDS, type OrganisationKind } from "../../db/schema";
import type { RegionRef } from "../../lib/context";
import { localDayBounds } from "../../lib/time";
import { TOPICS, type Topic } from "../../lib/vocabulary";
import { type Count, SMALL_COUNT_THRESHOLD, suppressTopicFigures } from "../reports/suppression";
import { isOverdue, workingDaysBetween } from "./referral-rules";
import type { ReferralStatus } from "../../db/schema";
import { referralFigureRowsRead } from "./referrals.repo";
import type { ReadPlan } from "../../db/read";
import { regionsQuery } from "../regions/regions.repo";

/** One referral as the figures need it: no name, no address, no free text. */
export interface ReferralFigureRow {
  regionId: string;
  toRegionId: string;
  frontdeskId: string | null;
  frontdeskName: string | null;
  topic: Topic;
  organisationKind: OrganisationKind;
  status: ReferralStatus;
  createdAt: number;
  dueAt: number;
  receivedAt: number | null;
  contactedAt: number | null;
}

export interface ReferralFigures {
  made: Count;
  /** Made to organisations whose home is this region (by any region). */
  received: Count;
  byTopic: Record<Topic, Count>;
  byOrganisationKind: Record<OrganisationKind, Count>;
  /** Share of the referrals made whose status the organisation changed; null under 5 referrals. */
  feedbackShare: number | null;
  helpedShare: number | null;
  /** Median working days from the referral to the organisation's first contact, over referrals contacted; null under 5. */
  medianWorkingDaysToContact: number | null;
  overdue: Count;
}

export interface ReferralFlow {
  from: string;
  to: string;
  count: Count;
}

/** A count about people on its own: 1–4 as "<5". */
const alone = (n: number): Count => (n > 0 && n < SMALL_COUNT_THRESHOLD ? "<5" : n);
const share = (hits: number, base: number) => (base >= SMALL_COUNT_THRESHOLD ? Math.round((hits / base) * 10_000) / 10_000 : null);

/** Counts of `rows` per value of `keys` (in that order). */
function countBy<K extends string>(rows: readonly ReferralFigureRow[], keys: readonly K[], of: (r: ReferralFigureRow) => string): number[] {
  return keys.map((k) => rows.filter((r) => of(r) === k).length);
}

/**
 * Figures that add up to each region's total, with the small-count rule across regions and the
 * province total: `[region][category]` as published, and the total per category.
 */
function suppressed(counts: number[][], withTotal: boolean): { regions: Count[][]; total: Count[] | null } {
  const result = suppressTopicFigures(
    counts.map((row) => row.map((n) => [n])),
    { withTotal },
  );
  return { regions: result.cells.map((row) => row.map((cell) => cell[0] ?? 0)), total: result.totalByTopic };
}

const record = <K extends string>(keys: readonly K[], values: readonly Count[]) =>
  Object.fromEntries(keys.map((k, i) => [k, values[i] ?? 0])) as Record<K, Count>;

function median(values: number[]): number | null {
  if (values.length < SMALL_COUNT_THRESHOLD) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The figures that are not a breakdown: shares, median, overdue, made and received. */
function plain(made: readonly ReferralFigureRow[], received: number, region: RegionRef | null, regions: readonly RegionRef[], now: number) {
  const settingsOf = (id: string) => region ?? regions.find((r) => r.id === id) ?? regions[0];
  const days = made
    .filter((r) => r.contactedAt !== null)
    .map((r) => {
      const settings = settingsOf(r.regionId);
      return settings ? workingDaysBetween(r.createdAt, r.contactedAt ?? r.createdAt, settings) : 0;
    });
  return {
    made: alone(made.length),
    received: alone(received),
    feedbackShare: share(made.filter((r) => r.receivedAt !== null).length, made.length),
    helpedShare: share(made.filter((r) => r.status === "helped").length, made.length),
    medianWorkingDaysToContact: median(days),
    overdue: alone(made.filter((r) => isOverdue({ status: r.status, dueAt: r.dueAt, receivedAt: r.receivedAt }, now)).length),
  };
}

/**
 * The figures of several regions, their total and the flows between them (pure).
 * @example computeReferralFigures([], [region], now).total.made // 0
 */
export function computeReferralFigures(rows: readonly ReferralFigureRow[], regions: readonly RegionRef[], now: number) {
  const made = regions.map((g) => rows.filter((r) => r.regionId === g.id));
  const topics = suppressed(
    made.map((m) => countBy(m, TOPICS, (r) => r.topic)),
    true,
  );
  const kinds = suppressed(
    made.map((m) => countBy(m, ORGANISATION_KINDS, (r) => r.organisationKind)),
    true,
  );
  const flows = suppressed(
    made.map((m) =>
      countBy(
        m,
        regions.map((g) => g.id),
        (r) => r.toRegionId,
      ),
    ),
    true,
  );
  const ids = new Set(regions.map((g) => g.id));
  const inRegions = rows.filter((r) => ids.has(r.regionId));
  return {
    regions: regions.map((g, i) => ({
      region: { slug: g.slug, name: g.name },
      ...plain(made[i] ?? [], 0, g, regions, now),
      // Received = a column of the flows, published through the same suppression.
      received: flows.total?.[i] ?? 0,
      byTopic: record(TOPICS, topics.regions[i] ?? []),
      byOrganisationKind: record(ORGANISATION_KINDS, kinds.regions[i] ?? []),
    })),
    total: {
      ...plain(inRegions, rows.filter((r) => ids.has(r.toRegionId)).length, null, regions, now),
      byTopic: record(TOPICS, topics.total ?? []),
      byOrganisationKind: record(ORGANISATION_KINDS, kinds.total ?? []),
    } satisfies ReferralFigures,
    flows: regions.flatMap((from, i) => regions.map((to, j): ReferralFlow => ({ from: from.slug, to: to.slug, count: flows.regions[i]?.[j] ?? 0 }))),
  };
}

/** Referrals made per desk of one region (a desk-less referral under `null`), with the small-count rule. */
function byDesk(made: readonly ReferralFigureRow[]): Array<{ frontdesk: string | null; count: Count }> {
  const desks = [...new Map(made.map((r) => [r.frontdeskId ?? "", r.frontdeskName])).entries()].sort(([, a], [, b]) => (a ?? "").localeCompare(b ?? "", "nl"));
  const counts = suppressed(
    [
      countBy(
        made,
        desks.map(([id]) => id),
        (r) => r.frontdeskId ?? "",
      ),
    ],
    false,
  );
  return desks.map(([id, name], i) => ({ frontdesk: id ? (name ?? "") : null, count: counts.regions[0]?.[i] ?? 0 }));
}

const period = (p: { from: string; to: string }) => ({ start: localDayBounds(p.from).start, end: localDayBounds(p.to).end });

/** One region's referral figures: its own figures with the desks, and the flows from and to it. */
export type RegionReferralFigures = Omit<ReturnType<typeof computeReferralFigures>["regions"][number], "region"> & {
  byDesk: Array<{ frontdesk: string | null; count: Count }>;
  flows: ReferralFlow[];
};

/** Every region's referral figures, the total and the flows region × region. */
export type ProvinceReferralFigures = ReturnType<typeof computeReferralFigures>;

/**
 * Adds one region's referral reads to a plan (the region report's batch: the referrals made by
 * or to the region, and the regions for the flows and holiday calendars); the returned function
 * gives its figures once the plan has run.
 * @example const referrals = planRegionReferralFigures(plan, region, period, now); await plan.run(); referrals();
 */
export function planRegionReferralFigures(plan: ReadPlan, region: RegionRef, p: { from: string; to: string }, now: number): () => RegionReferralFigures {
  const rows = plan.add(referralFigureRowsRead([region.id], period(p)));
  const regions = plan.add(regionsQuery(plan.db));
  return () => {
    const all = computeReferralFigures(rows.value, regions.value, now);
    const own = all.regions.find((r) => r.region.slug === region.slug);
    if (!own) throw new Error("region figures missing");
    const { region: _, ...figures } = own;
    return {
      ...figures,
      byDesk: byDesk(rows.value.filter((r) => r.regionId === region.id)),
      flows: all.flows.filter((f) => (f.from === region.slug || f.to === region.slug) && f.count !== 0),
    };
  };
}

/**
 * Adds the referral reads of every region to a plan (the province summary's batch); the
 * returned function gives every region's figures, the total and the flows, once the regions are known.
 * @example const referrals = planProvinceReferralFigures(plan, period, now); await plan.run(); referrals(regions);
 */
export function planProvinceReferralFigures(
  plan: ReadPlan,
  p: { from: string; to: string },
  now: number,
): (regions: readonly RegionRef[]) => ProvinceReferralFigures {
  const rows = plan.add(referralFigureRowsRead(null, period(p)));
  return (regions) => computeReferralFigures(rows.value, regions, now);
}

/**
 * The CSV rows `[metric, dimension, value]` of referral figures (tidy long format, as the reports).
 * @example referralFigureRows(figures)[0] // ["referrals_made", "", 12]
 */
export function referralFigureRows(f: ReferralFigures, extra: { byDesk?: Array<{ frontdesk: string | null; count: Count }>; flows?: ReferralFlow[] } = {}) {
  const rows: (string | number | null)[][] = [
    ["referrals_made", "", f.made],
    ["referrals_received", "", f.received],
  ];
  for (const d of extra.byDesk ?? []) rows.push(["referrals_by_desk", d.frontdesk ?? "", d.count]);
  for (const [topic, n] of Object.entries(f.byTopic)) rows.push(["referrals_by_topic", topic, n]);
  for (const [kind, n] of Object.entries(f.byOrganisationKind)) rows.push(["referrals_by_organisation_kind", kind, n]);
  rows.push(
    ["referrals_feedback_share", "", f.feedbackShare],
    ["referrals_helped_share", "", f.helpedShare],
    ["referrals_median_working_days_to_contact", "", f.medianWorkingDaysToContact],
    ["referrals_overdue", "", f.overdue],
  );
  for (const flow of extra.flows ?? []) rows.push(["referral_flow", `${flow.from}>${flow.to}`, flow.count]);
  return rows;
}
