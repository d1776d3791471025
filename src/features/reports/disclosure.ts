/**
 * The disclosure audit of a published table: which hidden figures could a reader work out
 * from what is shown? Pure arithmetic, used by the suppression in `suppression.ts`.
 *
 * The model: base cells (the finest counts), and published quantities, each the sum of a set
 * of base cells (a cell itself, a row or column total, a total over regions). A quantity is
 * shown (its value is known), or hidden with a label: "<5" (0–4) or "x" (5 or more). A
 * hidden quantity counts as disclosed when either
 * - linear algebra gives it: its sum is a linear combination of shown sums (Gaussian
 *   elimination over the hidden cells); or
 * - bounds give it: propagating 0 ≤ cell, the labels' ranges and every shown sum narrows its
 *   range to a single value (this catches a hidden cell in a line whose hidden part sums to 0).
 */

/** A published figure: the base cells it adds up, its true value, and whether it is hidden. */
export interface Quantity {
  cells: readonly number[];
  value: number;
}

const EPS = 1e-9;
const THRESHOLD = 5;

/** Row-reduced equations over the hidden cells, for membership tests. */
class RowSpace {
  private readonly pivots: { col: number; row: number[] }[] = [];

  constructor(
    readonly width: number,
    equations: number[][],
  ) {
    const rows = equations.map((e) => Array.from(e));
    let r = 0;
    for (let col = 0; col < width && r < rows.length; col++) {
      let best = -1;
      let bestAbs = EPS;
      for (let i = r; i < rows.length; i++) {
        const a = Math.abs(rows[i]?.[col] ?? 0);
        if (a > bestAbs) {
          best = i;
          bestAbs = a;
        }
      }
      if (best < 0) continue;
      const pivot = rows[best] as number[];
      rows[best] = rows[r] as number[];
      rows[r] = pivot;
      const scale = pivot[col] ?? 1;
      for (let j = 0; j < width; j++) pivot[j] = (pivot[j] ?? 0) / scale;
      for (let i = 0; i < rows.length; i++) {
        if (i === r) continue;
        const row = rows[i] as number[];
        const f = row[col] ?? 0;
        if (Math.abs(f) <= EPS) continue;
        for (let j = 0; j < width; j++) row[j] = (row[j] ?? 0) - f * (pivot[j] ?? 0);
      }
      this.pivots.push({ col, row: pivot });
      r++;
    }
  }

  /** Whether `vector` is a linear combination of the equations. */
  contains(vector: number[]): boolean {
    const v = Array.from(vector);
    for (const { col, row } of this.pivots) {
      const f = v[col] ?? 0;
      if (Math.abs(f) <= EPS) continue;
      for (let j = 0; j < this.width; j++) v[j] = (v[j] ?? 0) - f * (row[j] ?? 0);
    }
    return v.every((x) => Math.abs(x) <= EPS);
  }
}

/** The range a label tells a reader: "<5" is 0–4, "x" is 5 or more. */
function labelRange(value: number): [number, number] {
  return value < THRESHOLD ? [0, THRESHOLD - 1] : [THRESHOLD, Number.POSITIVE_INFINITY];
}

/**
 * The hidden quantities a reader can work out exactly.
 * @param quantities every published figure (the first `cellCount` are the base cells themselves, in order)
 * @param lines totals and the figures that add up to them (indices into `quantities`)
 * @param hidden which quantities are hidden (same order)
 * @returns indices of disclosed hidden quantities
 */
export function disclosedQuantities(
  quantities: readonly Quantity[],
  lines: readonly { total: number; members: readonly number[] }[],
  hidden: readonly boolean[],
  cellCount: number,
  options: { bounds: boolean } = { bounds: true },
): number[] {
  const hiddenCells: number[] = [];
  const column = new Map<number, number>();
  for (let i = 0; i < cellCount; i++) {
    if (hidden[i]) {
      column.set(i, hiddenCells.length);
      hiddenCells.push(i);
    }
  }
  const width = hiddenCells.length;
  const vectorOf = (q: Quantity): number[] => {
    const v = new Array<number>(width).fill(0);
    for (const cell of q.cells) {
      const c = column.get(cell);
      if (c !== undefined) v[c] = 1;
    }
    return v;
  };
  const disclosed = new Set<number>();

  // Linear: the shown sums are equations over the hidden cells.
  const equations: number[][] = [];
  quantities.forEach((q, i) => {
    if (!hidden[i] && q.cells.some((c) => column.has(c))) equations.push(vectorOf(q));
  });
  const space = new RowSpace(width, equations);
  quantities.forEach((q, i) => {
    if (hidden[i] && space.contains(vectorOf(q))) disclosed.add(i);
  });

  if (!options.bounds) return [...disclosed].sort((a, b) => a - b);

  // Bounds: every figure gets a range (shown: its value; hidden: its label's range, never
  // below 0), narrowed through every "total = sum of parts" until nothing changes. Ranges of
  // sums matter, not only of cells: two hidden "<5" parts of an exact total of 8 are both 4.
  const lo = quantities.map((q, i) => (hidden[i] ? labelRange(q.value)[0] : q.value));
  const hi = quantities.map((q, i) => (hidden[i] ? labelRange(q.value)[1] : q.value));
  const sums: { total: number; parts: readonly number[] }[] = lines.map((l) => ({ total: l.total, parts: l.members }));
  quantities.forEach((q, i) => {
    if (i >= cellCount) sums.push({ total: i, parts: q.cells });
  });
  for (let round = 0, changed = true; changed && round < 200; round++) {
    changed = false;
    const narrow = (i: number, low: number, high: number) => {
      if (low > (lo[i] ?? 0) + EPS) {
        lo[i] = low;
        changed = true;
      }
      if (high < (hi[i] ?? 0) - EPS) {
        hi[i] = high;
        changed = true;
      }
    };
    for (const { total, parts } of sums) {
      let partsLo = 0;
      let finiteHi = 0;
      let infinite = 0;
      for (const k of parts) {
        partsLo += lo[k] ?? 0;
        const h = hi[k] ?? 0;
        if (Number.isFinite(h)) finiteHi += h;
        else infinite++;
      }
      narrow(total, partsLo, infinite > 0 ? Number.POSITIVE_INFINITY : finiteHi);
      for (const k of parts) {
        const own = hi[k] ?? 0;
        const othersHi = infinite - (Number.isFinite(own) ? 0 : 1) > 0 ? Number.POSITIVE_INFINITY : finiteHi - (Number.isFinite(own) ? own : 0);
        narrow(k, (lo[total] ?? 0) - othersHi, (hi[total] ?? 0) - (partsLo - (lo[k] ?? 0)));
      }
    }
  }
  quantities.forEach((_, i) => {
    if (hidden[i] && Math.abs((hi[i] ?? 0) - (lo[i] ?? 0)) <= EPS) disclosed.add(i);
  });
  return [...disclosed].sort((a, b) => a - b);
}
