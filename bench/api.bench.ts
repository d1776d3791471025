// Route latency through the real Worker in workerd (Miniflare) against the local libSQL
// server, measured in one run: the health route's single query is the floor.
import { createFrontdesk, createRegion } from "../test/support/factories";
import { startTestPlatform } from "../test/support/platform";
import { amsterdamDate, bookingBody } from "../test/support/slots";

const RUNS = 300;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function runApiBench(): Promise<{ title: string; markdown: string }> {
  const platform = await startTestPlatform();
  try {
    const region = await createRegion(platform.client);
    const desk = await createFrontdesk(platform.client, region, { capacityPerSlot: 3, maxAdvanceDays: 120 });
    const slotsPath = `/api/v1/regions/${region.slug}/frontdesks/${desk.id}/slots?from=${amsterdamDate(1)}&to=${amsterdamDate(14)}`;
    const all = (await (
      await platform.fetch(`/api/v1/regions/${region.slug}/frontdesks/${desk.id}/slots?from=${amsterdamDate(15)}&to=${amsterdamDate(76)}`)
    ).json()) as { slots: { start: string }[] };
    const starts = all.slots.flatMap((s) => [s.start, s.start, s.start]);
    if (starts.length < RUNS + 20) throw new Error(`not enough free places for the booking bench: ${starts.length}`);

    const timings = { health: [] as number[], slots: [] as number[], booking: [] as number[] };
    const time = async (fn: () => Promise<Response>, expected: number): Promise<number> => {
      const t0 = performance.now();
      const response = await fn();
      await response.arrayBuffer();
      const ms = performance.now() - t0;
      if (response.status !== expected) throw new Error(`unexpected status ${response.status}`);
      return ms;
    };
    let next = 0;
    const bookOnce = () =>
      platform.fetch(`/api/v1/regions/${region.slug}/appointments`, {
        method: "POST",
        json: bookingBody(desk, starts[next++] ?? "", { entrepreneur: { name: "Bench", email: `bench${next}@example.test` } }),
      });
    // Warm-up: JIT, isolate, connection pool.
    for (let i = 0; i < 20; i++) {
      await time(() => platform.fetch("/api/v1/health"), 200);
      await time(() => platform.fetch(slotsPath), 200);
      await time(bookOnce, 201);
    }
    // Interleaved so that machine noise hits all three alike.
    for (let i = 0; i < RUNS; i++) {
      timings.health.push(await time(() => platform.fetch("/api/v1/health"), 200));
      timings.slots.push(await time(() => platform.fetch(slotsPath), 200));
      timings.booking.push(await time(bookOnce, 201));
    }
    const floor = median(timings.health);
    const row = (name: string, values: number[], target: string) =>
      `| ${name} | ${median(values).toFixed(2)} | ${percentile(values, 95).toFixed(2)} | ${(median(values) / floor).toFixed(2)}× | ${target} |`;
    const markdown = [
      `${RUNS} sequential requests each, interleaved, after 20 warm-up rounds; the Worker bundle in workerd (Miniflare) talking to the local libSQL server over HTTP. Slots: one desk, 14 days, two intervals a day, capacity 3.`,
      "",
      "| route | median ms | p95 ms | ÷ health median | target |",
      "| --- | ---: | ---: | ---: | --- |",
      row("GET /api/v1/health (one query)", timings.health, "floor"),
      row("GET …/frontdesks/{id}/slots (14 days)", timings.slots, "≤ 2×"),
      row("POST …/appointments (booking)", timings.booking, "≤ 3×"),
    ].join("\n");
    return { title: "API latency through workerd", markdown };
  } finally {
    await platform.close();
  }
}
