/**
 * The small-count rule against a reader who tries to undo it: every published topic figure
 * (cells, each region's byTopic, the province's byTopic) next to the exact monthly and grand
 * totals, and nothing hidden may be derivable, by linear algebra, by bounds, or (small
 * tables) by trying every integer solution.
 */
import { describe, expect, it } from "vitest";
import { suppressTopicFigures, type Count } from "../../src/features/reports/suppression";
import { boundDerivable, enumerateDerivable, linearlyDerivable, type Figure } from "../support/disclosure-reader";

type Table = number[][][];

/** Every figure a report publishes about topic tables, as the reader sees them. */
function published(tables: Table, out: ReturnType<typeof suppressTopicFigures>, withTotal: boolean): { cellCount: number; figures: Figure[] } {
  const R = tables.length;
  const T = tables[0]?.length ?? 0;
  const M = tables[0]?.[0]?.length ?? 0;
  const at = (r: number, t: number, m: number) => (r * T + t) * M + m;
  const truth = (cells: number[]) => cells.reduce((s, c) => s + (tables[Math.floor(c / (T * M))]?.[Math.floor(c / M) % T]?.[c % M] ?? 0), 0);
  const figures: Figure[] = [];
  const all = (f: (r: number, t: number, m: number) => boolean) => {
    const cells: number[] = [];
    for (let r = 0; r < R; r++) for (let t = 0; t < T; t++) for (let m = 0; m < M; m++) if (f(r, t, m)) cells.push(at(r, t, m));
    return cells;
  };
  for (let r = 0; r < R; r++) {
    for (let t = 0; t < T; t++) {
      for (let m = 0; m < M; m++) figures.push({ name: `cell ${r}/${t}/${m}`, cells: [at(r, t, m)], shown: out.cells[r]?.[t]?.[m] as Count });
      // byTopic over the period (within one month it is the cell itself).
      figures.push({ name: `region ${r} topic ${t}`, cells: all((a, b) => a === r && b === t), shown: out.regionByTopic[r]?.[t] as Count });
    }
    // Exact: bookings per month and in total.
    for (let m = 0; m < M; m++) {
      const cells = all((a, _b, c) => a === r && c === m);
      figures.push({ name: `region ${r} month ${m} (exact)`, cells, shown: truth(cells) });
    }
    const regionCells = all((a) => a === r);
    figures.push({ name: `region ${r} total (exact)`, cells: regionCells, shown: truth(regionCells) });
  }
  if (withTotal) {
    for (let t = 0; t < T; t++) figures.push({ name: `total topic ${t}`, cells: all((_a, b) => b === t), shown: out.totalByTopic?.[t] as Count });
    for (let m = 0; m < M; m++) {
      const cells = all((_a, _b, c) => c === m);
      figures.push({ name: `total month ${m} (exact)`, cells, shown: truth(cells) });
    }
    const everything = all(() => true);
    figures.push({ name: "grand total (exact)", cells: everything, shown: truth(everything) });
  }
  return { cellCount: R * T * M, figures: figures.map((f) => ({ ...f, truth: truth(f.cells) })) as Figure[] };
}

/** Shown figures are exact, hidden ones carry a true label, and no topic figure of 1–4 shows (the monthly and grand totals are always exact). */
function expectHonest(figures: (Figure & { truth?: number })[]) {
  for (const f of figures) {
    const truth = (f as { truth: number }).truth;
    if (typeof f.shown === "number") {
      expect(f.shown, f.name).toBe(truth);
      if (!f.name.endsWith("(exact)")) expect(truth > 0 && truth < 5, `${f.name} shows ${truth}`).toBe(false);
    } else {
      expect(f.shown, f.name).toBe(truth < 5 ? "<5" : "x");
    }
  }
}

/**
 * Nothing hidden follows from the shown figures by adding and subtracting; with `strict`, not
 * even with the ranges the labels state (bounds) nor by trying every integer solution.
 */
function expectNothingDerivable(tables: Table, withTotal: boolean, strict = false) {
  const out = suppressTopicFigures(tables, { withTotal });
  const { cellCount, figures } = published(tables, out, withTotal);
  expectHonest(figures);
  expect(linearlyDerivable(cellCount, figures), JSON.stringify(tables)).toEqual([]);
  if (strict) {
    expect(boundDerivable(cellCount, figures), JSON.stringify(tables)).toEqual([]);
    const found = enumerateDerivable(cellCount, figures);
    expect(found, JSON.stringify(tables)).not.toBeNull();
    expect(found, JSON.stringify(tables)).toEqual([]);
  }
  return out;
}

/** mulberry32: the same tables on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Mostly zeros and small counts, now and then a large one: what a short period looks like. */
function randomTable(random: () => number, R: number, T: number, M: number, large = 40): Table {
  const draw = () => {
    const x = random();
    if (x < 0.45) return 0;
    if (x < 0.8) return 1 + Math.floor(random() * 4);
    return 5 + Math.floor(random() * large);
  };
  return Array.from({ length: R }, () => Array.from({ length: T }, () => Array.from({ length: M }, draw)));
}

describe("the small-count rule against a reader who adds and subtracts", () => {
  it("should not let the province total give a region's hidden cell away (the one-day period of issue 10)", () => {
    // Zuid: financiering 0, overig 3; Midden and Noord nothing. Before, the total showed
    // financiering 0 next to overig "<5", so Zuid's hidden overig was its monthly total.
    const topics = 10;
    const zuid = Array.from({ length: topics }, (_, t) => [t === 9 ? 3 : 0]);
    const empty = Array.from({ length: topics }, () => [0]);
    const out = expectNothingDerivable([zuid, empty, empty], true, true);
    expect(out.cells[0]?.[9]?.[0]).toBe("<5");
    expect(out.totalByTopic?.[9]).toBe("<5");
  });

  it("should keep a table without small counts exact", () => {
    const tables = [
      [
        [0, 5],
        [6, 0],
      ],
      [
        [7, 8],
        [0, 12],
      ],
    ];
    const out = expectNothingDerivable(tables, true);
    expect(out.cells).toEqual(tables);
    expect(out.totalByTopic).toEqual([20, 18]);
  });

  it("should answer a repeated report from memory, frozen, and a changed one afresh", () => {
    const first = suppressTopicFigures(
      [
        [
          [3, 10],
          [12, 20],
        ],
      ],
      { withTotal: false },
    );
    expect(
      suppressTopicFigures(
        [
          [
            [3, 10],
            [12, 20],
          ],
        ],
        { withTotal: false },
      ),
    ).toBe(first);
    expect(Object.isFrozen(first.cells[0]?.[0])).toBe(true);
    // One count more and the 3 is no longer small: a fresh answer, not the remembered one.
    const changed = suppressTopicFigures(
      [
        [
          [5, 10],
          [12, 20],
        ],
      ],
      { withTotal: false },
    );
    expect(changed.cells).toEqual([
      [
        [5, 10],
        [12, 20],
      ],
    ]);
    expect(
      suppressTopicFigures(
        [
          [
            [3, 10],
            [12, 20],
          ],
        ],
        { withTotal: true },
      ),
    ).not.toBe(first);
  });

  it("should hide small margins too: a region's topic total over several months and the province's", () => {
    const out = expectNothingDerivable(
      [
        [
          [1, 2, 0],
          [10, 20, 30],
        ],
        [
          [0, 0, 0],
          [9, 9, 9],
        ],
      ],
      true,
      true,
    );
    expect(out.regionByTopic[0]?.[0]).toBe("<5");
    expect(out.totalByTopic?.[0]).toBe("<5");
  });

  it("should leave nothing derivable by adding and subtracting in 300 small random reports full of small counts", () => {
    const random = prng(20_27);
    let hidden = 0;
    for (let i = 0; i < 300; i++) {
      const R = 1 + Math.floor(random() * 3);
      const T = 2 + Math.floor(random() * 2);
      const M = 1 + Math.floor(random() * 2);
      const tables = randomTable(random, R, T, M, 6);
      const out = expectNothingDerivable(tables, R > 1 || random() < 0.5);
      hidden += out.cells.flat(2).filter((c) => typeof c === "string").length;
    }
    expect(hidden).toBeGreaterThan(300);
  });

  it("should leave nothing derivable by adding and subtracting in larger random reports (three regions, ten topics, up to a year)", () => {
    const random = prng(31_12);
    for (let i = 0; i < 40; i++) {
      const M = [1, 1, 2, 3, 12][i % 5] ?? 1;
      expectNothingDerivable(randomTable(random, 3, 10, M), true);
      expectNothingDerivable(randomTable(random, 1, 10, M), false);
    }
  });

  it("should still hide a small count whose value the labels and an exact monthly total of 1 pin down (the known limit)", () => {
    // One region, one month holds a single appointment (topic 1) and the next month 12 (8 + 4).
    // The topic-1 total of 5 ("x": 5 or more) with its cells below 5 pins them to 1 and 4,
    // whatever else is hidden: only the labels tell it, never the sums themselves.
    const tables = [
      [
        [0, 8],
        [1, 4],
      ],
    ];
    const out = expectNothingDerivable(tables, false);
    expect(out.cells[0]?.[1]).toEqual(["<5", "<5"]);
  });
});
