/**
 * Province summary over 1,000,000 appointments: two years, three regions, eight desks each,
 * before and after issue 12 on the same data in the same run.
 *
 * The data is bulk-loaded with the embedded `libsql` engine straight into the database
 * file (big transactions, one prepared statement, the appointment triggers dropped) before
 * the local libSQL server opens it; the monthly rollups are then rebuilt with the
 * migration's backfill SQL (timed) and the triggers recreated. Both Worker bundles run in
 * workerd (Miniflare) against that server, and `GET /api/v1/province/summary` for a full
 * year is timed, interleaved: median of 7 runs after 2 warm-up runs. Target: < 150 ms.
 * The markdown also records the query plans of the rollup queries.
 *
 * No side effects at import; the bench runner calls `runReportsBench()`.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { prng } from "../test/support/prng";

const APPOINTMENTS = 1_000_000;
const DESKS_PER_REGION = 8;
const WARMUP = 2;
const RUNS = 7;
const YEAR = { from: "2027-01-01", to: "2027-12-31" };
const TARGET_MS = 150;
const ORIGIN = "http://localhost:8787";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Runs the reports benchmark and returns a markdown section for bench/RESULTS.md.
 *
 * @example
 * const { title, markdown } = await runReportsBench();
 */
export async function runReportsBench(): Promise<{ title: string; markdown: string }> {
  const { default: Database } = await import("libsql");
  const { createClient } = await import("@libsql/client");
  const { startLibsqlServer } = await import("../tools/libsql-server/server");
  const { applyMigrations } = await import("../tools/migrate");
  const { hashPassword } = await import("../src/lib/password");
  const { TOPICS } = await import("../src/lib/vocabulary");
  const { periodMonths } = await import("../src/features/reports/period");
  const { rebuildRollupStatements } = await import("../src/features/reports/rollups");
  const { provinceMarginalRead, provinceLeadRead, splitMonths } = await import("../src/features/reports/summary.repo");
  const { prepareSides, startBundle, median: med2 } = await import("./harness");

  const root = fileURLToPath(new URL("..", import.meta.url));
  if (!existsSync(join(root, "dist/worker.js"))) throw new Error("Build the Worker first (npm run build); bench/run.ts does this.");
  const dir = mkdtempSync(join(tmpdir(), "reports-bench-"));
  const dbPath = join(dir, "reports.db");
  try {
    // 1. Schema through the real migrations, on the file.
    await applyMigrations(`file:${dbPath}`);

    // 2. Regions, desks, opening hours, a province viewer, and the appointments: embedded, fast.
    const loadStarted = performance.now();
    const db = new Database(dbPath);
    db.exec("PRAGMA journal_mode = WAL");
    // Bulk load only: a crash would just mean rerunning the bench.
    db.exec("PRAGMA synchronous = OFF");
    db.exec("PRAGMA cache_size = -262144");
    // Bulk load without the per-row triggers; the rollups are rebuilt at the end, as the migration's backfill does.
    const triggers = db.prepare("select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'appointments'").all() as {
      name: string;
      sql: string;
    }[];
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    const now = Date.now();
    const created = Date.parse("2025-06-01T00:00:00Z");
    const regions = ["zuid-limburg", "midden-limburg", "noord-limburg"].map((slug, i) => ({ id: `region-${i}`, slug }));
    const desks: { id: string; regionId: string; municipality: string }[] = [];
    db.exec("BEGIN");
    for (const region of regions) {
      db.prepare(
        "insert into regions (id, slug, name, operator, good_friday_closed, liberation_day_closed, retention_months, created_at) values (?, ?, ?, ?, 1, 0, 12, ?)",
      ).run([region.id, region.slug, region.slug, "Operator", created]);
      for (let d = 0; d < DESKS_PER_REGION; d++) {
        const desk = { id: `${region.id}-desk-${d}`, regionId: region.id, municipality: `Gemeente ${d % 4}` };
        desks.push(desk);
        db.prepare(
          `insert into frontdesks (id, region_id, name, kind, municipality, address, modes, topics, slot_minutes, capacity_per_slot, min_notice_hours,
           max_advance_days, cancel_cutoff_hours, is_demo, archived_at, created_at, updated_at) values (?, ?, ?, 'municipal_desk', ?, 'Markt 1', '["in_person","video"]', ?, 30, 8, 24, 60, 2, 0, ?, ?, ?)`,
        ).run([
          desk.id,
          region.id,
          `Loket ${d}`,
          desk.municipality,
          JSON.stringify(TOPICS),
          d === 7 ? Date.parse("2027-09-01T08:00:00Z") : null,
          created,
          created,
        ]);
        for (let weekday = 1; weekday <= 5; weekday++) {
          for (const [opens, closes] of [
            ["09:00", "12:30"],
            ["13:30", "17:00"],
          ]) {
            db.prepare("insert into opening_hours (id, region_id, frontdesk_id, weekday, opens, closes) values (?, ?, ?, ?, ?, ?)").run([
              `${desk.id}-${weekday}-${opens}`,
              region.id,
              desk.id,
              weekday,
              opens,
              closes,
            ]);
          }
        }
      }
    }
    db.prepare("insert into users (id, email, name, role, region_id, password_hash, created_at) values (?, ?, ?, 'province_viewer', null, ?, ?)").run([
      "bench-viewer",
      "bench@provincie.test",
      "Bench",
      await hashPassword("Bench-wachtwoord-2027!"),
      now,
    ]);
    db.exec("COMMIT");

    const insert = db.prepare(
      `insert into appointments (id, region_id, frontdesk_id, start_at, end_at, mode, topic, municipality, status, locale, question, name, email, phone, company_name, kvk_number,
       manage_token_hash, sequence, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'nl', ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    );
    const rand = prng(1_000_000);
    const spanStart = Date.parse("2026-01-01T08:00:00Z");
    const step = (Date.parse("2027-12-31T16:00:00Z") - spanStart) / APPOINTMENTS;
    // Appointments in start order with ascending keys: every index grows at its end, as in real life.
    db.exec("BEGIN");
    for (let i = 0; i < APPOINTMENTS; i++) {
      if (i > 0 && i % 200_000 === 0) {
        db.exec("COMMIT");
        db.exec("BEGIN");
      }
      const desk = desks[Math.floor(rand() * desks.length)] ?? desks[0];
      if (!desk) throw new Error("no desks");
      const start = Math.floor((spanStart + i * step) / 1_800_000) * 1_800_000;
      const roll = rand();
      const status = roll < 0.12 ? "cancelled" : roll < 0.2 ? "no_show" : start < now ? "completed" : "confirmed";
      const topicRoll = rand();
      const topic = topicRoll < 0.35 ? "financiering" : (TOPICS[Math.floor(rand() * TOPICS.length)] ?? "overig");
      const key = i.toString(36).padStart(8, "0");
      const anonymised = start < Date.parse("2026-06-01T00:00:00Z");
      insert.run([
        `a${key}`,
        desk.regionId,
        desk.id,
        start,
        start + 1_800_000,
        rand() < 0.25 ? "video" : "in_person",
        topic,
        desk.municipality,
        status,
        anonymised ? null : "Vraag",
        anonymised ? null : "Naam",
        anonymised ? null : `x${key}@voorbeeld.test`,
        anonymised ? null : "+31600000000",
        anonymised ? null : "Bedrijf",
        anonymised ? null : "12345678",
        `h${key}`,
        start - Math.floor(rand() * 60 * 24) * 3_600_000 - Math.floor(rand() * 3_600_000),
        start,
      ]);
    }
    db.exec("COMMIT");
    const rollupStarted = performance.now();
    db.exec("BEGIN");
    for (const statement of rebuildRollupStatements()) db.exec(statement);
    db.exec("COMMIT");
    const rollupSeconds = (performance.now() - rollupStarted) / 1000;
    for (const t of triggers) db.exec(t.sql);
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    db.close();
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    // 3. The local libSQL server on that file, and both Worker bundles in workerd.
    const server = await startLibsqlServer({ path: dbPath, port: 0 });
    const client = createClient({ url: server.url });
    const { before, after } = prepareSides();
    const workers = { before: await startBundle(before, server.url), after: await startBundle(after, server.url) };
    try {
      const summaryPath = `/api/v1/province/summary?from=${YEAR.from}&to=${YEAR.to}`;
      const csvPath = `/api/v1/province/summary.csv?from=${YEAR.from}&to=${YEAR.to}`;
      const times = { before: { json: [] as number[], csv: [] as number[] }, after: { json: [] as number[], csv: [] as number[] } };
      const bodies: Record<string, string> = {};
      const calls = new Map<"before" | "after", (path: string) => Promise<number>>();
      for (const side of ["before", "after"] as const) {
        const worker = workers[side];
        const login = await worker.fetch("/api/v1/auth/login", {
          method: "POST",
          headers: { "content-type": "application/json", origin: ORIGIN },
          body: JSON.stringify({ email: "bench@provincie.test", password: "Bench-wachtwoord-2027!" }),
        });
        if (login.status !== 200) throw new Error(`bench sign-in failed (${side}): ${login.status} ${await login.text()}`);
        const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
        const call = async (path: string): Promise<number> => {
          const t0 = performance.now();
          const response = await worker.fetch(path, { headers: { cookie } });
          const body = await response.text();
          if (response.status !== 200) throw new Error(`${side} ${path}: ${response.status} ${body.slice(0, 300)}`);
          bodies[`${side} ${path}`] = body;
          return performance.now() - t0;
        };
        for (let i = 0; i < WARMUP; i++) {
          await call(summaryPath);
          await call(csvPath);
        }
        calls.set(side, call);
      }
      // Interleaved: machine noise hits both sides alike.
      for (let i = 0; i < RUNS; i++) {
        for (const side of i % 2 ? (["before", "after"] as const) : (["after", "before"] as const)) {
          const call = calls.get(side);
          if (!call) throw new Error(`no signed-in client for ${side}`);
          times[side].json.push(await call(summaryPath));
          times[side].csv.push(await call(csvPath));
        }
      }
      // The same figures? Compared over what both versions publish (the summary gained figures since).
      const parsed = (side: "before" | "after") => JSON.parse(bodies[`${side} ${summaryPath}`] ?? "{}") as unknown;
      const comparison = compareCommon(parsed("before"), parsed("after"));
      const summary = parsed("after") as { total: { totals: { booked: number } } };

      // Cold: the counts change before every call (one rollup cell up, then down again), so
      // nothing the isolate remembers (the suppression's answers) applies. After side only.
      const cold: number[] = [];
      const afterCall = calls.get("after");
      if (!afterCall) throw new Error("no signed-in client for after");
      const cell = (await client.execute("SELECT rowid FROM report_month_counts WHERE month >= '2027-01' AND month <= '2027-12' AND n > 0 LIMIT 1")).rows[0]
        ?.rowid;
      for (let i = 0; i < RUNS; i++) {
        await client.execute({ sql: "UPDATE report_month_counts SET n = n + ? WHERE rowid = ?", args: [i % 2 ? -1 : 1, Number(cell)] });
        cold.push(await afterCall(summaryPath));
      }
      if (RUNS % 2) await client.execute({ sql: "UPDATE report_month_counts SET n = n - 1 WHERE rowid = ?", args: [Number(cell)] });

      // 4. Query plans and raw query times of the rollup queries (through the server, without the Worker).
      const split = splitMonths(periodMonths(YEAR));
      const queries = [
        { name: "counts from the monthly rollup (three marginals per region)", ...provinceMarginalRead(split) },
        { name: "lead-time percentiles (day histogram, then the hours of the percentile days)", ...provinceLeadRead(split) },
      ];
      const planLines: string[] = [];
      const queryRows: string[] = [];
      for (const q of queries) {
        const plan = await client.execute({ sql: `EXPLAIN QUERY PLAN ${q.sql}`, args: q.args as never });
        planLines.push(`${q.name}:`, "```", ...plan.rows.map((r) => String(r.detail)), "```");
        const runs: number[] = [];
        let rows = 0;
        for (let i = 0; i < 3; i++) {
          const t0 = performance.now();
          rows = (await client.execute({ sql: q.sql, args: q.args as never })).rows.length;
          runs.push(performance.now() - t0);
        }
        queryRows.push(`| ${q.name} | ${median(runs).toFixed(1)} | ${rows} |`);
      }
      client.close();

      const row = (name: string, side: "before" | "after", values: number[], target: string) =>
        `| ${name} | ${side === "before" ? before.label : after.label} | ${med2(values).toFixed(0)} | ${Math.min(...values).toFixed(0)} | ${Math.max(...values).toFixed(0)} | ${target} |`;
      const afterMedian = med2(times.after.json);
      const markdown = [
        `${APPOINTMENTS.toLocaleString("en-US")} appointments from 2026-01-01 to 2027-12-31 in 3 regions × ${DESKS_PER_REGION} desks (bulk load with embedded libsql: ${loadSeconds.toFixed(1)} s incl. all indexes, of which ${rollupSeconds.toFixed(1)} s rebuilding the monthly rollups, the migration's backfill). ` +
          `Both Worker bundles in workerd (Miniflare) → one local libSQL server over HTTP. Period ${YEAR.from} … ${YEAR.to} (${summary.total.totals.booked.toLocaleString("en-US")} appointments counted); ${WARMUP} warm-up runs, then ${RUNS} measured per side, interleaved. ${comparison}`,
        "",
        "| request | code | median ms | min ms | max ms | target |",
        "| --- | --- | ---: | ---: | ---: | --- |",
        row("GET /api/v1/province/summary (one year)", "before", times.before.json, "–"),
        row("GET /api/v1/province/summary (one year)", "after", times.after.json, `< ${TARGET_MS} ms ${afterMedian < TARGET_MS ? "✓" : "✗"}`),
        row(
          "GET /api/v1/province/summary (one year), counts changed before each call",
          "after",
          cold,
          `< ${TARGET_MS} ms ${med2(cold) < TARGET_MS ? "✓" : "✗"}`,
        ),
        row("GET /api/v1/province/summary.csv (one year)", "before", times.before.csv, "–"),
        row("GET /api/v1/province/summary.csv (one year)", "after", times.after.csv, "–"),
        "",
        "The rollup queries on their own (through the libSQL server, without the Worker; median of 3):",
        "",
        "| query | median ms | rows returned |",
        "| --- | ---: | ---: |",
        ...queryRows,
        "",
        "Query plans (`EXPLAIN QUERY PLAN`): the counts read one index range of `report_month_counts` per region and sum it three ways; the lead-time query sums the day histogram per region in key order, finds the day of each percentile with window sums, and reads only those days' 24 hours of `report_month_leads` per region by primary key.",
        "",
        ...planLines,
      ].join("\n");
      return { title: "Province summary over 1,000,000 appointments (before and after the rollups)", markdown };
    } finally {
      await workers.before.dispose();
      await workers.after.dispose();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Compares two summaries over the fields both publish (recursively; arrays item by item):
 * a sentence saying whether those agree, which fields differ, and what only one side has.
 */
function compareCommon(before: unknown, after: unknown): string {
  const differ: string[] = [];
  const onlyBefore = new Set<string>();
  const onlyAfter = new Set<string>();
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (path.endsWith(".generatedAt")) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) differ.push(`${path} (length)`);
      for (let i = 0; i < Math.min(a.length, b.length); i++) walk(a[i], b[i], `${path}[]`);
      return;
    }
    if (a && b && typeof a === "object" && typeof b === "object") {
      const ao = a as Record<string, unknown>;
      const bo = b as Record<string, unknown>;
      for (const k of Object.keys(ao)) if (!(k in bo)) onlyBefore.add(`${path}.${k}`);
      for (const k of Object.keys(bo)) if (!(k in ao)) onlyAfter.add(`${path}.${k}`);
      for (const k of Object.keys(ao)) if (k in bo) walk(ao[k], bo[k], `${path}.${k}`);
      return;
    }
    if (a !== b) differ.push(path);
  };
  walk(before, after, "");
  const list = (items: Iterable<string>) =>
    [...new Set(items)]
      .slice(0, 8)
      .map((x) => `\`${x.slice(1)}\``)
      .join(", ");
  const agree = differ.length === 0 ? "The two answers agree on every figure both publish" : `The two answers DIFFER in ${list(differ)}`;
  const added = onlyAfter.size ? `; only the after side publishes ${list(onlyAfter)}` : "";
  const dropped = onlyBefore.size ? `; only the before side publishes ${list(onlyBefore)}` : "";
  return `${agree}${added}${dropped}.`;
}
