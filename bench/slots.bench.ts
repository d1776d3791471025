/**
 * Micro-benchmark of slot computation: one frontdesk, 62 days, two intervals a day,
 * 30-minute slots, capacity 3, 500 existing bookings. Budget: < 2 ms per listFreeSlots call.
 *
 * No side effects at import; the bench runner calls `runSlotsBench()`.
 */
import { carnivalDays, dutchPublicHolidays } from "../src/features/availability/holidays";
import { type Booking, type OpeningInterval, type SlotRules, findSlot, listFreeSlots } from "../src/features/availability/slots";
import { addDays, todayLocal } from "../src/lib/time";
import { prng } from "../test/support/prng";

const WARMUP = 200;
const CALLS = 2000;
const WINDOW_DAYS = 62;

interface Measurement {
  meanUs: number;
  p95Us: number;
}

function measure(fn: () => unknown): Measurement {
  for (let i = 0; i < WARMUP; i++) fn();
  const samples = new Float64Array(CALLS);
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    fn();
    samples[i] = (performance.now() - t0) * 1000;
  }
  samples.sort();
  let sum = 0;
  for (const s of samples) sum += s;
  return { meanUs: sum / CALLS, p95Us: samples[Math.floor(CALLS * 0.95)] ?? Number.NaN };
}

function scenario(): { rules: SlotRules; bookings: Booking[]; window: { from: string; to: string }; now: number } {
  // Spans the autumn DST change so the transitional-day path is part of the measurement.
  const now = Date.parse("2027-10-01T06:00:00Z");
  const from = todayLocal(now);
  const to = addDays(from, WINDOW_DAYS - 1);
  const weekly: OpeningInterval[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    weekly.push({ weekday, opens: "09:00", closes: "12:30" }, { weekday, opens: "13:30", closes: "17:00" });
  }
  const closedDates = new Set([...dutchPublicHolidays(2027, { goodFridayClosed: true, liberationDayClosed: true }).keys(), ...carnivalDays(2028)]);
  const rules: SlotRules = {
    slotMinutes: 30,
    capacityPerSlot: 3,
    minNoticeHours: 24,
    maxAdvanceDays: WINDOW_DAYS,
    weekly,
    closures: [{ from: "2027-11-15", to: "2027-11-16" }],
    closedDates,
    openDates: new Set(),
  };
  const grid = listFreeSlots({ ...rules, minNoticeHours: 0 }, [], { from, to }, now);
  const random = prng(42);
  const bookings: Booking[] = [];
  for (let i = 0; i < 500; i++) {
    const slot = grid[Math.floor(random() * grid.length)];
    if (slot) bookings.push({ start: slot.start, end: slot.end });
  }
  return { rules, bookings, window: { from, to }, now };
}

function fmt(us: number): string {
  return us.toFixed(1);
}

/**
 * Runs the slot benchmarks and returns a markdown section for the bench report.
 *
 * @example
 * const { title, markdown } = await runSlotsBench();
 */
export async function runSlotsBench(): Promise<{ title: string; markdown: string }> {
  const { rules, bookings, window, now } = scenario();
  const listed = listFreeSlots(rules, bookings, window, now);
  const probe = listed[Math.floor(listed.length / 2)]?.start ?? now;

  const list = measure(() => listFreeSlots(rules, bookings, window, now));
  const find = measure(() => findSlot(rules, probe, now));

  const rows = [
    `| listFreeSlots (${WINDOW_DAYS} days, 2 intervals/day, 30 min, capacity 3, ${bookings.length} bookings → ${listed.length} slots) | ${CALLS} | ${fmt(list.meanUs)} | ${fmt(list.p95Us)} | 2000 |`,
    `| findSlot (same frontdesk) | ${CALLS} | ${fmt(find.meanUs)} | ${fmt(find.p95Us)} | – |`,
  ];
  const markdown = [
    `${WARMUP} warm-up calls, then ${CALLS} measured calls each.`,
    "",
    "| case | calls | mean µs | p95 µs | budget µs |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...rows,
  ].join("\n");
  return { title: "Slot computation", markdown };
}
