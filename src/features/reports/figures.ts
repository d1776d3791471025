/**
 * Pure arithmetic of the reports: counts per status, mode, topic and month, capacity,
 * lead-time percentiles and no-show rate, built from pre-aggregated rows (never from
 * single appointments, so nothing personal ever reaches this code).
 */
import type { AppointmentStatus } from "../../db/schema";
import type { Count } from "./suppression";
import { MODES, TOPICS, type Mode, type Topic } from "../../lib/vocabulary";

/** Appointments of one desk, month, status, mode and topic (what the database returns). */
export interface CountRow {
  month: string;
  status: AppointmentStatus;
  mode: Mode;
  topic: Topic;
  n: number;
}

/** One marginal of the counts (see `Tally.addMarginal`). */
export type MarginalRow =
  | { kind: "status"; month: string; status: AppointmentStatus; n: number }
  | { kind: "mode"; mode: Mode; n: number }
  | { kind: "topic"; month: string; topic: Topic; n: number };

/** Non-cancelled appointments of one lead time in whole hours (rounded down). */
export interface LeadRow {
  hours: number;
  n: number;
}

export interface StatusCounts {
  /** Every appointment starting in the period, whatever its status. */
  booked: number;
  /** Still upcoming, or past without an outcome recorded. */
  confirmed: number;
  completed: number;
  noShow: number;
  cancelled: number;
}

/** The figures every report level (region, total, desk, municipality) shows. */
export interface Figures {
  totals: StatusCounts;
  byMode: Record<Mode, number>;
  byTopic: Record<Topic, Count>;
  byMonth: Array<{ month: string } & StatusCounts>;
  activeFrontdesks: number;
  capacity: { bookedPlaces: number; bookablePlaces: number; utilisation: number | null };
  leadTimeHours: { median: number | null; p90: number | null };
  noShowRate: number | null;
}

function emptyStatus(): StatusCounts {
  return { booked: 0, confirmed: 0, completed: 0, noShow: 0, cancelled: 0 };
}

function addStatus(target: StatusCounts, status: AppointmentStatus, n: number): void {
  target.booked += n;
  if (status === "no_show") target.noShow += n;
  else target[status] += n;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** Rounds a ratio to four decimals, so JSON and CSV show the same stable figure. */
export function roundRatio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null;
}

/**
 * Nearest-rank percentile of a histogram of whole hours: the smallest value with at
 * least `p` of the observations at or below it. Negative lead times (data entered after
 * the fact) count as 0.
 *
 * @example
 * percentileOfHistogram(new Map([[2, 1], [5, 2], [9, 1]]), 0.5); // 5
 */
export function percentileOfHistogram(histogram: ReadonlyMap<number, number>, p: number): number | null {
  const entries = [...histogram.entries()].map(([hours, n]): [number, number] => [Math.max(0, hours), n]).filter(([, n]) => n > 0);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  entries.sort((a, b) => a[0] - b[0]);
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [hours, n] of entries) {
    seen += n;
    if (seen >= rank) return hours;
  }
  return entries[entries.length - 1]?.[0] ?? null;
}

/**
 * Accumulates rows for one report level (a region, a desk, a municipality or everything).
 * @example const tally = new Tally(["2027-01"]); tally.addCounts(row); tally.figures();
 */
export class Tally {
  readonly totals = emptyStatus();
  readonly byMode = zeros(MODES);
  readonly byTopic = zeros(TOPICS);
  readonly byMonth = new Map<string, StatusCounts>();
  /** topic → month → appointments (any status), for the small-count table. */
  readonly topicMonth = new Map<Topic, Map<string, number>>();
  readonly lead = new Map<number, number>();
  bookablePlaces = 0;
  activeFrontdesks = 0;

  constructor(readonly months: readonly string[]) {
    for (const month of months) this.byMonth.set(month, emptyStatus());
    for (const topic of TOPICS) this.topicMonth.set(topic, new Map(months.map((m) => [m, 0])));
  }

  addCounts(row: CountRow): void {
    addStatus(this.totals, row.status, row.n);
    this.byMode[row.mode] += row.n;
    this.byTopic[row.topic] += row.n;
    const month = this.byMonth.get(row.month);
    if (month) addStatus(month, row.status, row.n);
    const cells = this.topicMonth.get(row.topic);
    if (cells) cells.set(row.month, (cells.get(row.month) ?? 0) + row.n);
  }

  /**
   * Adds one marginal of the counts, as the province summary reads them from the monthly
   * rollups: per month and status, per mode, or per month and topic. The three together
   * give exactly what `addCounts` gives for the same appointments.
   */
  addMarginal(row: MarginalRow): void {
    if (row.kind === "status") {
      addStatus(this.totals, row.status, row.n);
      const month = this.byMonth.get(row.month);
      if (month) addStatus(month, row.status, row.n);
    } else if (row.kind === "mode") {
      this.byMode[row.mode] += row.n;
    } else {
      this.byTopic[row.topic] += row.n;
      const cells = this.topicMonth.get(row.topic);
      if (cells) cells.set(row.month, (cells.get(row.month) ?? 0) + row.n);
    }
  }

  addLead(row: LeadRow): void {
    this.lead.set(row.hours, (this.lead.get(row.hours) ?? 0) + row.n);
  }

  /** Adds another tally of the same months (e.g. desks into their municipality). */
  merge(other: Tally): void {
    for (const key of Object.keys(this.totals) as (keyof StatusCounts)[]) this.totals[key] += other.totals[key];
    for (const mode of MODES) this.byMode[mode] += other.byMode[mode];
    for (const topic of TOPICS) {
      this.byTopic[topic] += other.byTopic[topic];
      const into = this.topicMonth.get(topic);
      for (const [month, n] of other.topicMonth.get(topic) ?? []) into?.set(month, (into.get(month) ?? 0) + n);
    }
    for (const [month, counts] of other.byMonth) {
      const into = this.byMonth.get(month);
      if (into) for (const key of Object.keys(into) as (keyof StatusCounts)[]) into[key] += counts[key];
    }
    for (const [hours, n] of other.lead) this.lead.set(hours, (this.lead.get(hours) ?? 0) + n);
    this.bookablePlaces += other.bookablePlaces;
    this.activeFrontdesks += other.activeFrontdesks;
  }

  /** The topic × month table as numbers: [topic index][month index]. */
  topicMonthTable(): number[][] {
    return TOPICS.map((topic) => this.months.map((month) => this.topicMonth.get(topic)?.get(month) ?? 0));
  }

  /** The figures; `byTopic` may be replaced by a suppressed version (see suppression.ts). */
  figures(byTopic: Record<Topic, Count> = { ...this.byTopic }): Figures {
    const bookedPlaces = this.totals.booked - this.totals.cancelled;
    return {
      totals: { ...this.totals },
      byMode: { ...this.byMode },
      byTopic,
      byMonth: this.months.map((month) => ({ month, ...(this.byMonth.get(month) ?? emptyStatus()) })),
      activeFrontdesks: this.activeFrontdesks,
      capacity: { bookedPlaces, bookablePlaces: this.bookablePlaces, utilisation: roundRatio(bookedPlaces, this.bookablePlaces) },
      leadTimeHours: { median: percentileOfHistogram(this.lead, 0.5), p90: percentileOfHistogram(this.lead, 0.9) },
      noShowRate: roundRatio(this.totals.noShow, this.totals.completed + this.totals.noShow),
    };
  }
}
