/**
 * The scale model: the same platform of 40 regions and 2,000 frontdesks (one region of 200
 * desks, `groot`, and one of 5, `klein`) with 100,000 appointments and with 10,000,000,
 * both bundles (before and after issue 12) against each, no injected latency. Shows that
 * slots, earliest slots, booking and the province summary stay flat in data size after
 * the change, and the earliest slots of a 200-desk region against a 5-desk one.
 *
 * The 10M file takes long to generate on a busy machine: generate it once with
 *   npx tsx tools/generate-platform.ts --out /tmp/platform-10m.db
 * and pass BENCH_LARGE_DB=/tmp/platform-10m.db (its .meta.json records how long it took);
 * without it the bench generates one (BENCH_LARGE_APPOINTMENTS, default 10,000,000).
 * Reads are timed as cache misses (every request asks a question not asked before), so
 * they show the database work, not the edge cache.
 *
 * No side effects at import; bench/run.ts calls `runScaleBench()`.
 */
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { median, prepareSides, signIn, startBundle, type BundleWorker } from "./harness";

const RUNS = Number(process.env.BENCH_SCALE_RUNS ?? 15);
const SUMMARY_RUNS = 5;

interface Dataset {
  label: string;
  path: string;
  appointments: number;
  note: string;
}

type Measure = "slots" | "earliestBig" | "earliestSmall" | "booking" | "summary" | "summaryCold";
const MEASURES: Record<Measure, string> = {
  slots: "GET …/frontdesks/{id}/slots (14 days, desk in `groot`)",
  earliestBig: "GET …/slots/earliest (`groot`, 200 desks)",
  earliestSmall: "GET …/slots/earliest (`klein`, 5 desks)",
  booking: "POST …/appointments (`groot`)",
  summary: "GET /api/v1/province/summary (this year)",
  summaryCold: "GET /api/v1/province/summary (this year), counts changed before each call",
};

function addDaysIso(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function measure(
  worker: BundleWorker,
  cookie: string,
  side: "before" | "after",
  changeCounts: (i: number) => Promise<void>,
): Promise<Record<Measure, number[]>> {
  const out: Record<Measure, number[]> = { slots: [], earliestBig: [], earliestSmall: [], booking: [], summary: [], summaryCold: [] };
  const time = async (path: string, init?: RequestInit, expected = 200): Promise<{ ms: number; body: string }> => {
    const t0 = performance.now();
    const response = await worker.fetch(path, init);
    const body = await response.text();
    if (response.status !== expected) throw new Error(`${side} ${path}: ${response.status} ${body.slice(0, 200)}`);
    return { ms: performance.now() - t0, body };
  };
  // Free places to book at the big region's desks, two to three weeks ahead.
  const places: { desk: string; start: string }[] = [];
  for (let d = 10; places.length < RUNS + 3 && d < 60; d++) {
    const desk = `region-0-desk-${d}`;
    const { body } = await time(`/api/v1/regions/groot/frontdesks/${desk}/slots?from=${addDaysIso(15)}&to=${addDaysIso(25)}`);
    for (const slot of (JSON.parse(body) as { slots: { start: string }[] }).slots.slice(0, 2)) places.push({ desk, start: slot.start });
  }
  // Warm-up: isolate, configuration in memory, connections.
  await time("/api/v1/regions/groot/frontdesks/region-0-desk-1/slots");
  await time("/api/v1/regions/groot/slots/earliest?limit=100");
  await time("/api/v1/regions/klein/slots/earliest?limit=100");
  for (let i = 0; i < RUNS; i++) {
    // Each question is new (another window or limit), so it is a cache miss.
    out.slots.push(
      (await time(`/api/v1/regions/groot/frontdesks/region-0-desk-${i % 150}/slots?from=${addDaysIso(1 + (i % 20))}&to=${addDaysIso(14 + (i % 20))}`)).ms,
    );
    out.earliestBig.push((await time(`/api/v1/regions/groot/slots/earliest?limit=${10 + i}`)).ms);
    out.earliestSmall.push((await time(`/api/v1/regions/klein/slots/earliest?limit=${10 + i}`)).ms);
    const place = places[i];
    if (place) {
      const body = JSON.stringify({
        frontdeskId: place.desk,
        start: place.start,
        mode: "in_person",
        topic: "financiering",
        entrepreneur: { name: "Bench", email: "bench@voorbeeld.test" },
        consent: true,
      });
      out.booking.push((await time("/api/v1/regions/groot/appointments", { method: "POST", headers: { "content-type": "application/json" }, body }, 201)).ms);
    }
  }
  await time("/api/v1/province/summary", { headers: { cookie } });
  for (let i = 0; i < SUMMARY_RUNS; i++) out.summary.push((await time("/api/v1/province/summary", { headers: { cookie } })).ms);
  // Cold: one rollup count changes before each call, so nothing remembered in the isolate applies.
  for (let i = 0; i < SUMMARY_RUNS; i++) {
    await changeCounts(i);
    out.summaryCold.push((await time("/api/v1/province/summary", { headers: { cookie } })).ms);
  }
  await changeCounts(SUMMARY_RUNS);
  return out;
}

/** Runs the scale benchmark and returns a markdown section for bench/RESULTS.md. */
export async function runScaleBench(): Promise<{ title: string; markdown: string }> {
  const { generatePlatform, FULL_SCALE } = await import("../tools/generate-platform");
  const { startLibsqlServer } = await import("../tools/libsql-server/server");
  const { applyMigrations } = await import("../tools/migrate");
  const dir = mkdtempSync(join(tmpdir(), "scale-bench-"));
  try {
    const now = Date.now();
    const smallPath = join(dir, "small.db");
    const small = await generatePlatform(smallPath, { ...FULL_SCALE, appointments: 100_000 }, now);
    const datasets: Dataset[] = [{ label: "100k", path: smallPath, appointments: small.appointments, note: `generated in ${small.loadSeconds.toFixed(0)} s` }];
    const largePath = process.env.BENCH_LARGE_DB;
    if (largePath && existsSync(largePath)) {
      // Bring a file generated earlier up to the current migrations (no-op when current).
      await applyMigrations(`file:${largePath}`);
      const meta = existsSync(`${largePath}.meta.json`)
        ? (JSON.parse(readFileSync(`${largePath}.meta.json`, "utf8")) as {
            appointments: number;
            loadSeconds: number;
            rollupSeconds: number;
            generatedAt: string;
          })
        : null;
      datasets.push({
        label: meta ? `${(meta.appointments / 1e6).toFixed(1)}M` : "large",
        path: largePath,
        appointments: meta?.appointments ?? 0,
        note: meta
          ? `generated ${meta.generatedAt.slice(0, 10)} with tools/generate-platform.ts in ${(meta.loadSeconds / 60).toFixed(0)} min, of which ${meta.rollupSeconds.toFixed(0)} s rebuilding the rollups (the migration's backfill)`
          : "pre-generated",
      });
    } else {
      const path = join(dir, "large.db");
      const large = await generatePlatform(path, { ...FULL_SCALE, appointments: Number(process.env.BENCH_LARGE_APPOINTMENTS ?? FULL_SCALE.appointments) }, now);
      datasets.push({
        label: `${(large.appointments / 1e6).toFixed(1)}M`,
        path,
        appointments: large.appointments,
        note: `generated in ${(large.loadSeconds / 60).toFixed(0)} min, of which ${large.rollupSeconds.toFixed(0)} s rebuilding the rollups`,
      });
    }

    const { before, after } = prepareSides();
    const results = new Map<string, Record<"before" | "after", Record<Measure, number[]>>>();
    for (const dataset of datasets) {
      // Read the file once so both sides start from the same page cache (the first side would
      // otherwise pay for the disk and the second, after it, not).
      await pipeline(createReadStream(dataset.path), new Writable({ write: (_chunk, _encoding, done) => done() }));
      const server = await startLibsqlServer({ path: dataset.path, port: 0 });
      const client = createClient({ url: server.url });
      // One rollup cell of this year up by one, and back down on the next call (even calls up).
      const cell = Number(
        (await client.execute("SELECT rowid FROM report_month_counts WHERE month = strftime('%Y-%m', 'now') AND n > 0 LIMIT 1")).rows[0]?.rowid,
      );
      if (!Number.isFinite(cell)) throw new Error(`${dataset.label}: no rollup count for this month to change`);
      let raised = false;
      const changeCounts = async (i: number) => {
        if (i % 2 === 0 && raised) return;
        raised = !raised;
        await client.execute({ sql: "UPDATE report_month_counts SET n = n + ? WHERE rowid = ?", args: [raised ? 1 : -1, cell] });
      };
      try {
        const sides = {} as Record<"before" | "after", Record<Measure, number[]>>;
        for (const side of [after, before]) {
          const worker = await startBundle(side, server.url);
          try {
            const cookie = await signIn(worker.fetch, "bench@provincie.test", "Bench-wachtwoord-2027!");
            sides[side.name] = await measure(worker, cookie, side.name, changeCounts);
          } finally {
            await worker.dispose();
          }
        }
        results.set(dataset.label, sides);
      } finally {
        if (raised) await changeCounts(1);
        client.close();
        await server.close();
      }
    }

    const labels = datasets.map((d) => d.label);
    const cell = (label: string, side: "before" | "after", m: Measure) => median(results.get(label)?.[side][m] ?? []).toFixed(1);
    const rows = (Object.keys(MEASURES) as Measure[]).map(
      (m) => `| ${MEASURES[m]} | ${labels.map((l) => cell(l, "before", m)).join(" | ")} | ${labels.map((l) => cell(l, "after", m)).join(" | ")} |`,
    );
    const big = labels[labels.length - 1] ?? "";
    const ratio = Number(cell(big, "after", "earliestBig")) / Number(cell(big, "after", "earliestSmall"));
    const summaryLarge = Math.max(Number(cell(big, "after", "summary")), Number(cell(big, "after", "summaryCold")));
    const markdown = [
      `40 regions, 2,000 frontdesks (\`groot\` 200, \`klein\` 5, the others about 47 each), opening hours Monday–Friday, two years of history and bookings for the next 60 days. Datasets: ${datasets.map((d) => `**${d.label}** = ${d.appointments.toLocaleString("en-US")} appointments (${d.note})`).join("; ")}. ` +
        `Each bundle in workerd (Miniflare) against the local libSQL server on the file (read once before, so both sides start from the same page cache), no injected latency; ${RUNS} requests per read and ${SUMMARY_RUNS} summaries per side and dataset, reads as cache misses. Median ms.`,
      "",
      `| request | ${labels.map((l) => `before, ${l}`).join(" | ")} | ${labels.map((l) => `after, ${l}`).join(" | ")} |`,
      `| --- | ${labels.map(() => "---:").join(" | ")} | ${labels.map(() => "---:").join(" | ")} |`,
      ...rows,
      "",
      `After, at ${big}: earliest slots of the 200-desk region take ${ratio.toFixed(2)}× those of the 5-desk region (target ≤ 2× ${ratio <= 2 ? "✓" : "✗"}); the province summary takes at most ${summaryLarge.toFixed(0)} ms, asked again or with changed counts (target < 300 ms at 10M ${summaryLarge < 300 ? "✓" : "✗"}).`,
    ].join("\n");
    return { title: "Scale model: 40 regions, 2,000 desks, 100k and 10M appointments", markdown };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
