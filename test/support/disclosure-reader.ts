/**
 * A reader who tries to work out hidden counts from a published report, written apart from
 * the code under test. The report is modelled as figures over base cells (region × topic ×
 * month): each figure is the sum of some cells and is either shown (a number) or hidden
 * ("<5": 0–4, "x": 5 or more). Three ways to derive a hidden figure:
 * - `linearlyDerivable`: exact rational linear algebra (BigInt, fraction-free elimination)
 *   over every shown sum;
 * - `boundDerivable`: interval reasoning (counts are never negative, the labels' ranges,
 *   every sum) repeated until nothing changes;
 * - `enumerate`: for small tables, every integer solution that fits everything shown, by
 *   search; a hidden figure that takes one value in all of them is disclosed.
 */

export type Shown = number | "<5" | "x";

export interface Figure {
  /** A name for messages, e.g. "zuid/financiering/2027-03". */
  name: string;
  cells: number[];
  shown: Shown;
}

const range = (shown: Exclude<Shown, number>): [number, number] => (shown === "<5" ? [0, 4] : [5, Number.POSITIVE_INFINITY]);

/** The base cells published exactly (a one-cell figure with a number), and their values. */
function knownCells(figures: readonly Figure[]): Map<number, number> {
  const known = new Map<number, number>();
  for (const f of figures) if (f.cells.length === 1 && typeof f.shown === "number") known.set(f.cells[0] as number, f.shown);
  return known;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x;
}

function normalise(row: bigint[]): bigint[] {
  let g = 0n;
  for (const x of row) if (x !== 0n) g = gcd(g, x);
  return g > 1n ? row.map((x) => x / g) : row;
}

/** Hidden figures whose value follows from the shown sums by linear algebra. */
export function linearlyDerivable(cellCount: number, figures: readonly Figure[]): string[] {
  const known = knownCells(figures);
  const unknown = [...Array(cellCount).keys()].filter((c) => !known.has(c));
  const col = new Map(unknown.map((c, i) => [c, i]));
  const vector = (f: Figure) => {
    const v = new Array<bigint>(unknown.length).fill(0n);
    for (const c of f.cells) {
      const i = col.get(c);
      if (i !== undefined) v[i] = (v[i] ?? 0n) + 1n;
    }
    return v;
  };
  // Echelon form of the shown sums, fraction-free.
  const pivots: { col: number; row: bigint[] }[] = [];
  const reduce = (input: bigint[]): bigint[] => {
    let v = input;
    for (const { col: c, row } of pivots) {
      const f = v[c] ?? 0n;
      if (f === 0n) continue;
      const p = row[c] ?? 1n;
      v = normalise(v.map((x, j) => x * p - (row[j] ?? 0n) * f));
    }
    return v;
  };
  for (const f of figures) {
    if (typeof f.shown !== "number") continue;
    const v = reduce(vector(f));
    const c = v.findIndex((x) => x !== 0n);
    if (c >= 0) pivots.push({ col: c, row: v });
  }
  return figures.filter((f) => typeof f.shown !== "number" && reduce(vector(f)).every((x) => x === 0n)).map((f) => f.name);
}

/** Hidden figures whose range narrows to one value by interval reasoning. */
export function boundDerivable(cellCount: number, figures: readonly Figure[]): string[] {
  const known = knownCells(figures);
  const lo = new Map<number, number>();
  const hi = new Map<number, number>();
  for (let c = 0; c < cellCount; c++) {
    if (known.has(c)) continue;
    lo.set(c, 0);
    hi.set(c, Number.POSITIVE_INFINITY);
  }
  const sums = figures.map((f) => {
    const open = f.cells.filter((c) => !known.has(c));
    const fixed = f.cells.reduce((s, c) => s + (known.get(c) ?? 0), 0);
    const [a, b] = typeof f.shown === "number" ? [f.shown, f.shown] : range(f.shown);
    return { f, open, min: a - fixed, max: b - fixed };
  });
  for (let changed = true, round = 0; changed && round < 200; round++) {
    changed = false;
    for (const { open, min, max } of sums) {
      for (const c of open) {
        let othersLo = 0;
        let othersHi = 0;
        for (const d of open) {
          if (d === c) continue;
          othersLo += lo.get(d) ?? 0;
          othersHi += hi.get(d) ?? 0;
        }
        const newLo = Math.max(lo.get(c) ?? 0, min - othersHi);
        const newHi = Math.min(hi.get(c) ?? 0, max - othersLo);
        if (newLo > (lo.get(c) ?? 0) || newHi < (hi.get(c) ?? 0)) {
          lo.set(c, newLo);
          hi.set(c, newHi);
          changed = true;
        }
      }
    }
  }
  return sums
    .filter(({ f }) => typeof f.shown !== "number")
    .filter(({ f, open }) => {
      const fixed = f.cells.reduce((s, c) => s + (known.get(c) ?? 0), 0);
      const [a, b] = range(f.shown as Exclude<Shown, number>);
      const low = Math.max(a, fixed + open.reduce((s, c) => s + (lo.get(c) ?? 0), 0));
      const high = Math.min(b, fixed + open.reduce((s, c) => s + (hi.get(c) ?? 0), 0));
      return low === high;
    })
    .map(({ f }) => f.name);
}

/**
 * Every integer solution (up to `budget` search steps): the hidden figures that take one
 * value in all of them, or null when the search ran out of budget.
 */
export function enumerateDerivable(cellCount: number, figures: readonly Figure[], budget = 2_000_000): string[] | null {
  const known = knownCells(figures);
  const open = [...Array(cellCount).keys()].filter((c) => !known.has(c));
  const grand = Math.max(0, ...figures.map((f) => (typeof f.shown === "number" ? f.shown : 0)));
  const sums = figures.map((f) => {
    const fixed = f.cells.reduce((s, c) => s + (known.get(c) ?? 0), 0);
    const [a, b] = typeof f.shown === "number" ? [f.shown, f.shown] : range(f.shown);
    return { f, cells: f.cells.filter((c) => !known.has(c)), min: a - fixed, max: Math.min(b, grand) - fixed };
  });
  // Each cell's domain: its label's range, and no more than any shown sum it is part of.
  const low = new Map<number, number>();
  const high = new Map<number, number>();
  for (const s of sums) {
    for (const c of s.cells) {
      if (s.cells.length === 1 && typeof s.f.shown !== "number") low.set(c, Math.max(low.get(c) ?? 0, s.min));
      high.set(c, Math.min(high.get(c) ?? grand, s.max));
    }
  }
  const value = new Map<number, number>();
  const seen = new Map<string, Set<number>>();
  for (const s of sums) if (typeof s.f.shown !== "number") seen.set(s.f.name, new Set());
  let steps = 0;
  const feasible = (): boolean => {
    for (const s of sums) {
      let partial = 0;
      let missing = 0;
      for (const c of s.cells) {
        const v = value.get(c);
        if (v === undefined) missing++;
        else partial += v;
      }
      if (partial > s.max) return false;
      if (missing === 0 && partial < s.min) return false;
      if (missing > 0 && partial + missing * grand < s.min) return false;
    }
    return true;
  };
  const search = (i: number): boolean => {
    if (++steps > budget) return false;
    if (i === open.length) {
      for (const s of sums) {
        if (typeof s.f.shown === "number") continue;
        seen.get(s.f.name)?.add(s.f.cells.reduce((t, c) => t + (value.get(c) ?? known.get(c) ?? 0), 0));
      }
      return true;
    }
    const c = open[i] as number;
    for (let v = low.get(c) ?? 0; v <= (high.get(c) ?? grand); v++) {
      value.set(c, v);
      if (feasible() && !search(i + 1)) return false;
    }
    value.delete(c);
    return true;
  };
  if (!search(0)) return null;
  return [...seen.entries()].filter(([, values]) => values.size === 1).map(([name]) => name);
}
