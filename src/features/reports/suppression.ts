/**
 * Small-count rule for published topic figures.
 *
 * What is published per report: for each region, a topic × month table (appointments of one
 * topic in one calendar month of the period), the region's figures per topic over the period
 * (`byTopic`), and its exact bookings per month and in total; the province summary adds the
 * total per topic over all regions and the exact grand totals. All of these are sums of the
 * same base cells (region, topic, month), so hiding one figure is not enough: a reader can
 * add and subtract what is shown. The rule:
 * - Primary suppression: every topic figure of 1–4 (a cell, a region's topic total, the
 *   province's topic total) is hidden as "<5". Zero is shown as 0 (it identifies nobody).
 * - Complementary suppression: more figures are hidden until no hidden figure can be worked
 *   out from the shown ones: neither by linear algebra over every row, column and total
 *   (monthly totals and grand totals included), nor by bounds (counts are never negative,
 *   "<5" means 0–4, "x" means 5 or more). First, cheaply, every line (a total and the figures
 *   that add up to it) with exactly one hidden figure gets a second one, and a line whose
 *   hidden part adds up to 0 gets one above 0; then the audit of `disclosure.ts` finds what
 *   is still derivable, and a figure next to each such one is hidden too; until the audit
 *   finds nothing. A complementary figure below 5 (zeros included) is shown as "<5", which is
 *   still true; one of 5 or more as "x". The exact monthly and grand totals are never hidden.
 *
 * The period is the reader's choice, so two reports over overlapping periods can still be
 * subtracted from each other; this rule protects each report on its own.
 */
import { disclosedQuantities, type Quantity } from "./disclosure";

/** A published count: exact, "<5" (hidden, below the threshold) or "x" (hidden, 5 or more). */
export type Count = number | "<5" | "x";

export const SMALL_COUNT_THRESHOLD = 5;

/** How one figure is published: its exact value, or hidden. */
function show(value: number, hidden: boolean): Count {
  if (!hidden) return value;
  return value < SMALL_COUNT_THRESHOLD ? "<5" : "x";
}

/** The published topic figures: `cells[region][topic][month]`, `regionByTopic[region][topic]`, `totalByTopic[topic]`. */
export interface TopicFigures {
  cells: Count[][][];
  regionByTopic: Count[][];
  totalByTopic: Count[] | null;
}

interface Published extends Quantity {
  suppressible: boolean;
}

/** A total and the figures that add up to it. */
interface Line {
  total: number;
  members: number[];
}

/** The figures of a report and how they add up, with duplicates (the same sum twice) merged. */
class Model {
  readonly quantities: Published[] = [];
  readonly lines: Line[] = [];
  private readonly byKey = new Map<string, number>();

  add(cells: number[], value: number, suppressible: boolean): number {
    const key = [...cells].sort((a, b) => a - b).join(",");
    const found = this.byKey.get(key);
    if (found !== undefined) {
      const q = this.quantities[found];
      // A figure published exactly anywhere is exact everywhere.
      if (q && !suppressible) q.suppressible = false;
      return found;
    }
    this.quantities.push({ cells, value, suppressible });
    this.byKey.set(key, this.quantities.length - 1);
    return this.quantities.length - 1;
  }

  line(total: number, members: number[]): void {
    const distinct = [...new Set(members)].filter((m) => m !== total);
    if (distinct.length >= 2) this.lines.push({ total, members: distinct });
  }
}

/**
 * Applies the small-count rule to the topic figures of one report.
 * `tables[region][topic][month]` are the exact counts; `withTotal` adds the province's total
 * per topic over all regions (and its exact grand total).
 *
 * @example
 * suppressTopicFigures([[[3, 10], [12, 20]]], { withTotal: false }).cells;
 * // [[["<5", "x"], ["x", "x"]]]: the 3 is hidden; the row and column totals would give it
 * // away, so more cells are hidden until no hidden cell can be worked out.
 */
export function suppressTopicFigures(tables: readonly (readonly (readonly number[])[])[], options: { withTotal: boolean }): TopicFigures {
  // The answer depends only on the counts, and a report is asked for again and again between
  // changes: this isolate keeps the last answers (the audit costs milliseconds per report).
  const key = `${options.withTotal ? 1 : 0}:${JSON.stringify(tables)}`;
  const known = remembered.get(key);
  if (known) return known;
  const answer = computeTopicFigures(tables, options);
  if (remembered.size >= REMEMBERED_MAX) remembered.delete(remembered.keys().next().value as string);
  remembered.set(key, answer);
  return answer;
}

/** The last answers of `suppressTopicFigures` by their input, oldest first (frozen: callers share them). */
const remembered = new Map<string, TopicFigures>();
const REMEMBERED_MAX = 64;

function computeTopicFigures(tables: readonly (readonly (readonly number[])[])[], options: { withTotal: boolean }): TopicFigures {
  const R = tables.length;
  const T = tables[0]?.length ?? 0;
  const M = tables[0]?.[0]?.length ?? 0;
  const at = (r: number, t: number, m: number) => (r * T + t) * M + m;
  const value = (r: number, t: number, m: number) => tables[r]?.[t]?.[m] ?? 0;
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const model = new Model();

  // The base cells first, in order (the audit relies on it).
  for (let r = 0; r < R; r++) for (let t = 0; t < T; t++) for (let m = 0; m < M; m++) model.add([at(r, t, m)], value(r, t, m), true);
  const sum = (cells: number[]) => cells.reduce((s, c) => s + (model.quantities[c]?.value ?? 0), 0);
  const regionTopic = range(R).map((r) =>
    range(T).map((t) => {
      const cells = range(M).map((m) => at(r, t, m));
      return model.add(cells, sum(cells), true);
    }),
  );
  const regionMonth = range(R).map((r) =>
    range(M).map((m) => {
      const cells = range(T).map((t) => at(r, t, m));
      return model.add(cells, sum(cells), false);
    }),
  );
  for (let r = 0; r < R; r++) {
    for (let m = 0; m < M; m++)
      model.line(
        regionMonth[r]?.[m] ?? -1,
        range(T).map((t) => at(r, t, m)),
      );
    for (let t = 0; t < T; t++)
      model.line(
        regionTopic[r]?.[t] ?? -1,
        range(M).map((m) => at(r, t, m)),
      );
    const all = range(T).flatMap((t) => range(M).map((m) => at(r, t, m)));
    const regionTotal = model.add(all, sum(all), false);
    model.line(regionTotal, regionTopic[r] ?? []);
  }
  let totalTopic: number[] | null = null;
  if (options.withTotal) {
    totalTopic = range(T).map((t) => {
      const cells = range(R).flatMap((r) => range(M).map((m) => at(r, t, m)));
      const q = model.add(cells, sum(cells), true);
      model.line(
        q,
        range(R).map((r) => regionTopic[r]?.[t] ?? -1),
      );
      return q;
    });
    const everything = range(R * T * M);
    model.line(model.add(everything, sum(everything), false), totalTopic);
  }

  const hidden = hideUntilSafe(model, R * T * M);
  const shown = (q: number) => show(model.quantities[q]?.value ?? 0, hidden[q] === true);
  return deepFreeze({
    cells: range(R).map((r) => range(T).map((t) => range(M).map((m) => shown(at(r, t, m))))),
    regionByTopic: range(R).map((r) => range(T).map((t) => shown(regionTopic[r]?.[t] ?? -1))),
    totalByTopic: totalTopic ? totalTopic.map(shown) : null,
  });
}

function deepFreeze<T>(value: T): T {
  if (Array.isArray(value)) value.forEach(deepFreeze);
  else if (value && typeof value === "object") Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
}

/**
 * Primary, then complementary suppression until the audit finds nothing derivable. The
 * choice of covers is greedy; when it ends with a figure still derivable, the covers that
 * were themselves given away are ruled out as covers and the choice starts over (a cover
 * can hurt: an "x" of 5 in a line whose total is 5 is 5).
 */
function hideUntilSafe(model: Model, cellCount: number): boolean[] {
  const forbidden = new Set<number>();
  let best: { hidden: boolean[]; disclosed: number } | null = null;
  for (let attempt = 0; attempt < 25; attempt++) {
    const { hidden, disclosed } = chooseCovers(model, cellCount, forbidden);
    if (disclosed.length === 0) return hidden;
    if (!best || disclosed.length < best.disclosed) best = { hidden, disclosed: disclosed.length };
    const primary = (q: number) => {
      const v = model.quantities[q]?.value ?? 0;
      return v > 0 && v < SMALL_COUNT_THRESHOLD;
    };
    const culprits = disclosed.filter((q) => !primary(q) && !forbidden.has(q));
    if (culprits.length === 0) break;
    for (const q of culprits) forbidden.add(q);
  }
  return linearRepair(model, cellCount, best?.hidden ?? []);
}

/**
 * The guarantee when no choice of covers keeps every hidden figure's range open (the labels
 * "<5" and "x" and an exact monthly total of 1 can pin a value whatever is hidden): hide more
 * until no hidden figure follows from the shown ones by adding and subtracting. Hiding every
 * topic figure always achieves that (each monthly total then has at least two unknown parts).
 */
function linearRepair(model: Model, cellCount: number, hidden: boolean[]): boolean[] {
  const { quantities, lines } = model;
  const canHide = (q: number) => hidden[q] !== true && quantities[q]?.suppressible === true;
  for (let round = 0; round <= quantities.length; round++) {
    const disclosed = disclosedQuantities(quantities, lines, hidden, cellCount, { bounds: false });
    if (disclosed.length === 0) break;
    let added = false;
    for (const q of disclosed) {
      const candidates = lines.filter((l) => l.total === q || l.members.includes(q)).flatMap((l) => [l.total, ...l.members]);
      let best: number | null = null;
      for (const c of candidates) if (canHide(c) && (best === null || (quantities[c]?.value ?? 0) < (quantities[best]?.value ?? 0))) best = c;
      if (best !== null) {
        hidden[best] = true;
        added = true;
      }
    }
    if (!added) {
      quantities.forEach((_, q) => {
        if (canHide(q)) hidden[q] = true;
      });
    }
  }
  return hidden;
}

/** One greedy pass: the line rule, then the audit, hiding a cover next to each derivable figure. */
function chooseCovers(model: Model, cellCount: number, forbidden: ReadonlySet<number>): { hidden: boolean[]; disclosed: number[] } {
  const { quantities, lines } = model;
  const hidden = quantities.map((q) => q.suppressible && q.value > 0 && q.value < SMALL_COUNT_THRESHOLD);
  const isHidden = (q: number) => hidden[q] === true;
  const countOf = (q: number) => quantities[q]?.value ?? 0;
  // A figure inside a line whose exact total is 0 is 0 for everyone to see: never a useful cover.
  // Inside a line whose total of 0 is shown, it would drag that total into hiding: a last resort.
  const zeroLine = new Set<number>();
  const zeroShown = new Set<number>();
  for (const { total, members } of lines) {
    if (countOf(total) !== 0) continue;
    for (const m of members) (quantities[total]?.suppressible ? zeroShown : zeroLine).add(m);
  }
  const canHide = (q: number) => !isHidden(q) && quantities[q]?.suppressible === true && !zeroLine.has(q) && !forbidden.has(q);
  /** The cover to hide in a line: above 0 when the hidden part adds up to 0, else the smallest. */
  const pick = (candidates: number[], needPositive: boolean): number | null => {
    let best: number | null = null;
    // Last resorts: a figure in a line with a shown total of 0, and a total that is itself 0
    // (hiding it means hiding one of its zero parts next).
    const rank = (q: number) => (zeroShown.has(q) || (q >= cellCount && countOf(q) === 0) ? 1 : 0);
    for (const q of candidates) {
      if (!canHide(q) || (needPositive && countOf(q) === 0)) continue;
      if (best === null || rank(q) < rank(best) || (rank(q) === rank(best) && countOf(q) < countOf(best))) best = q;
    }
    return best;
  };
  const hide = (q: number | null): boolean => {
    if (q === null || isHidden(q)) return false;
    hidden[q] = true;
    return true;
  };

  const lineRule = () => {
    for (let changed = true; changed; ) {
      changed = false;
      for (const { total, members } of lines) {
        const hiddenMembers = members.filter(isHidden);
        if (isHidden(total)) {
          // A hidden total whose parts are all shown is their sum.
          if (hiddenMembers.length === 0) changed = hide(pick(members, false)) || changed;
          continue;
        }
        if (hiddenMembers.length === 0) continue;
        const hiddenSum = hiddenMembers.reduce((s, q) => s + countOf(q), 0);
        if (hiddenMembers.length === 1 || hiddenSum === 0) {
          // A second part, else the total itself when it may be hidden.
          const cover = pick(members, hiddenSum === 0) ?? (canHide(total) ? total : null);
          changed = hide(cover) || changed;
        }
      }
    }
  };

  let disclosed: number[] = [];
  for (let round = 0; round <= quantities.length; round++) {
    lineRule();
    disclosed = disclosedQuantities(quantities, lines, hidden, cellCount);
    if (disclosed.length === 0) break;
    let added = false;
    for (const q of disclosed) {
      // Hide a figure next to it: in one of its lines, the smallest above 0 if possible.
      // Cells first: the totals per topic are what the province steers on.
      const near = lines.filter((l) => l.total === q || l.members.includes(q));
      const candidates = near.flatMap((l) => [l.total, ...l.members]);
      const cells = candidates.filter((c) => c < cellCount);
      added = hide(pick(cells, true) ?? pick(cells, false) ?? pick(candidates, true) ?? pick(candidates, false)) || added;
    }
    if (!added) {
      // Nothing left to pick next to the disclosed figures: widen to every figure of their lines' lines.
      for (const q of disclosed) {
        for (const l of lines.filter((x) => x.total === q || x.members.includes(q))) {
          for (const p of [l.total, ...l.members]) {
            for (const l2 of lines.filter((x) => x.total === p || x.members.includes(p))) added = hide(pick([l2.total, ...l2.members], false)) || added;
          }
        }
      }
      if (!added) break;
    }
  }
  return { hidden, disclosed };
}

/**
 * The cells of `tables[region][topic][month]` with the small-count rule applied, the regions
 * linked through their totals per topic when there are several (see {@link suppressTopicFigures}).
 * @example suppressTopicMonth([[[1, 2, 3]]]); // [[["<5", "<5", "<5"]]]
 */
export function suppressTopicMonth(tables: readonly (readonly (readonly number[])[])[]): Count[][][] {
  return suppressTopicFigures(tables, { withTotal: tables.length > 1 }).cells;
}
