/**
 * Small-count rule for published topic figures.
 *
 * What we chose (and why):
 * - Primary suppression: a count of 1–4 appointments of one topic in one region and one
 *   calendar month is shown as "<5". Zero is shown as 0 (it identifies nobody).
 * - Complementary suppression: each region's topic × month table is published next to
 *   exact margins (byTopic per region over the period, byMonth per region). A single
 *   hidden cell in a row or column could be recovered by subtracting the visible cells
 *   from the margin, so whenever a row (one topic, all months) or a column (one month,
 *   all topics) holds exactly one hidden cell, the smallest other cell of that line is
 *   hidden too; repeated until stable. A complementary cell below 5 (zeros included) is
 *   shown as "<5", which is still true; one of 5 or more is shown as "x".
 * - When the period lies within one calendar month, a region's byTopic IS its
 *   topic × month column, so byTopic shows the same hidden cells, and the province
 *   total's byTopic becomes a margin over regions: a topic hidden in exactly one region
 *   is then hidden in a second region as well (the cross-region line).
 * Margins themselves (byTopic over several months, byMonth, totals) stay exact: they
 * count at least a whole month or a whole period and are what the province steers on.
 */

/** A published count: exact, "<5" (hidden, below the threshold) or "x" (hidden, 5 or more). */
export type Count = number | "<5" | "x";

export const SMALL_COUNT_THRESHOLD = 5;

/** How one cell is published: its exact value, or hidden. */
function show(value: number, hidden: boolean): Count {
  if (!hidden) return value;
  return value < SMALL_COUNT_THRESHOLD ? "<5" : "x";
}

/**
 * Applies the small-count rule to topic × month tables, one per region:
 * `tables[region][topic][month]` → the same shape with hidden cells.
 *
 * @example
 * suppressTopicMonth([[[3, 10], [12, 20]]]);
 * // [[["<5", "x"], ["x", "x"]]]: the 3 is hidden; the row and column totals would give it
 * // away, so a second cell in each of its lines is hidden, and so on until every line is safe.
 */
export function suppressTopicMonth(tables: readonly (readonly (readonly number[])[])[]): Count[][][] {
  const hidden = tables.map((topics) => topics.map((months) => months.map((n) => n > 0 && n < SMALL_COUNT_THRESHOLD)));
  const value = (r: number, t: number, m: number): number => tables[r]?.[t]?.[m] ?? 0;
  type Cell = [number, number, number];
  const lines: Cell[][] = [];
  const monthCount = tables[0]?.[0]?.length ?? 0;
  tables.forEach((topics, r) => {
    const topicCount = topics.length;
    // Rows (one topic over the months): only a margin of its own when there are several months.
    if (monthCount > 1) for (let t = 0; t < topicCount; t++) lines.push(Array.from({ length: monthCount }, (_, m): Cell => [r, t, m]));
    for (let m = 0; m < monthCount; m++) lines.push(Array.from({ length: topicCount }, (_, t): Cell => [r, t, m]));
  });
  if (monthCount === 1 && tables.length > 1) {
    const topicCount = tables[0]?.length ?? 0;
    for (let t = 0; t < topicCount; t++) lines.push(tables.map((_, r): Cell => [r, t, 0]));
  }

  const isHidden = ([r, t, m]: Cell): boolean => hidden[r]?.[t]?.[m] === true;
  // Every pass hides at least one more cell or stops, so this ends within the table size.
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.length < 2 || line.filter(isHidden).length !== 1) continue;
      let pick: Cell | null = null;
      for (const cell of line) {
        if (isHidden(cell)) continue;
        if (pick === null || value(...cell) < value(...pick)) pick = cell;
      }
      if (pick) {
        const row = hidden[pick[0]]?.[pick[1]];
        if (row) row[pick[2]] = true;
        changed = true;
      }
    }
  }
  return tables.map((topics, r) => topics.map((months, t) => months.map((n, m) => show(n, isHidden([r, t, m])))));
}
