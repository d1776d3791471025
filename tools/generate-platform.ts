/**
 * Generates a platform of any size into a database file, for the scale benchmarks:
 * by default all twelve provinces' worth (40 regions, 2,000 frontdesks, 10,000,000
 * appointments over two years up to today, and bookings for the coming 60 days), with one
 * region of 200 desks (`groot`) and one of 5 (`klein`) to compare. Deterministic (seeded).
 *
 * Bulk load with the embedded `libsql` engine straight into the file, in big transactions
 * with the appointment triggers dropped; then the monthly rollups are rebuilt with the same
 * SQL the migration's backfill uses (timed on its own) and the triggers recreated.
 *
 *   npx tsx tools/generate-platform.ts --out /tmp/platform.db [--appointments 10000000] [--regions 40] [--desks 2000]
 */
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { hashPassword } from "../src/lib/password";
import { localDayBounds, addDays, todayLocal } from "../src/lib/time";
import { TOPICS } from "../src/lib/vocabulary";
import { rebuildRollupStatements } from "../src/features/reports/rollups";
import { applyMigrations } from "./migrate";

export interface PlatformShape {
  regions: number;
  desks: number;
  /** Total appointments, past and future (approximately: places are filled at random). */
  appointments: number;
  /** Days of history before today (default 730). */
  historyDays?: number;
}

export const FULL_SCALE: PlatformShape = { regions: 40, desks: 2000, appointments: 10_000_000 };

export interface GeneratedPlatform {
  path: string;
  appointments: number;
  regions: { id: string; slug: string; desks: string[] }[];
  /** Seconds: loading everything, and of that the rollup rebuild (what the migration's backfill costs). */
  loadSeconds: number;
  rollupSeconds: number;
  viewer: { email: string; password: string };
}

/** Small deterministic PRNG (mulberry32). */
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

const SLOTS = ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30"];
const VIEWER = { email: "bench@provincie.test", password: "Bench-wachtwoord-2027!" };

/** Desks per region: region 0 has 200 (`groot`), region 1 has 5 (`klein`), the rest share what is left. */
export function deskCounts(shape: PlatformShape): number[] {
  const big = Math.min(200, shape.desks);
  const small = Math.min(5, Math.max(0, shape.desks - big));
  const counts = [big, small];
  const rest = Math.max(0, shape.desks - big - small);
  const others = shape.regions - 2;
  for (let r = 0; r < others; r++) counts.push(Math.floor(rest / others) + (r < rest % others ? 1 : 0));
  return counts.slice(0, shape.regions);
}

/**
 * Builds the platform into `path` (replaced if it exists), through the real migrations.
 * @example const platform = await generatePlatform("/tmp/p.db", { regions: 40, desks: 2000, appointments: 100_000 }, Date.now());
 */
export async function generatePlatform(path: string, shape: PlatformShape, now: number): Promise<GeneratedPlatform> {
  const { default: Database } = await import("libsql");
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(`${path}${suffix}`)) rmSync(`${path}${suffix}`);
  await applyMigrations(`file:${path}`);
  const started = performance.now();
  const db = new Database(path);
  db.exec("PRAGMA journal_mode = WAL");
  // Bulk load only: a crash would just mean generating again.
  db.exec("PRAGMA synchronous = OFF");
  db.exec("PRAGMA cache_size = -524288");
  const triggers = db.prepare("select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'appointments'").all() as {
    name: string;
    sql: string;
  }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);

  const rand = prng(2027);
  const created = now - ((shape.historyDays ?? 730) + 30) * 86_400_000;
  const regions: GeneratedPlatform["regions"] = [];
  const desks: { id: string; regionId: string; municipality: string; capacity: number }[] = [];
  db.exec("BEGIN");
  const insertRegion = db.prepare(
    "insert into regions (id, slug, name, operator, good_friday_closed, liberation_day_closed, retention_months, created_at) values (?, ?, ?, ?, 1, 0, 12, ?)",
  );
  const insertMunicipality = db.prepare("insert into municipalities (id, region_id, cbs_code, name) values (?, ?, ?, ?)");
  const insertDesk = db.prepare(
    `insert into frontdesks (id, region_id, name, kind, municipality, address, modes, topics, slot_minutes, capacity_per_slot, min_notice_hours,
     max_advance_days, cancel_cutoff_hours, is_demo, archived_at, created_at, updated_at) values (?, ?, ?, 'municipal_desk', ?, 'Markt 1', '["in_person","video"]', ?, 30, ?, 24, 60, 2, 0, null, ?, ?)`,
  );
  const insertHours = db.prepare("insert into opening_hours (id, region_id, frontdesk_id, weekday, opens, closes) values (?, ?, ?, ?, ?, ?)");
  deskCounts(shape).forEach((count, r) => {
    const slug = r === 0 ? "groot" : r === 1 ? "klein" : `regio-${String(r).padStart(2, "0")}`;
    const region = { id: `region-${r}`, slug, desks: [] as string[] };
    regions.push(region);
    insertRegion.run([region.id, slug, `Regio ${slug}`, `Operator ${slug}`, created]);
    const municipalities = Math.max(1, Math.min(12, Math.ceil(count / 5)));
    for (let m = 0; m < municipalities; m++) insertMunicipality.run([`${region.id}-m${m}`, region.id, String(1000 + m), `Gemeente ${r}-${m}`]);
    for (let d = 0; d < count; d++) {
      const desk = { id: `${region.id}-desk-${d}`, regionId: region.id, municipality: `Gemeente ${r}-${d % municipalities}`, capacity: d % 4 === 0 ? 2 : 1 };
      desks.push(desk);
      region.desks.push(desk.id);
      const topics = TOPICS.filter((_, i) => (i + d) % 3 !== 0);
      insertDesk.run([desk.id, region.id, `Loket ${r}-${d}`, desk.municipality, JSON.stringify(topics), desk.capacity, created, created]);
      for (let weekday = 1; weekday <= 5; weekday++) {
        insertHours.run([`${desk.id}-${weekday}-a`, region.id, desk.id, weekday, "09:00", "12:30"]);
        insertHours.run([`${desk.id}-${weekday}-b`, region.id, desk.id, weekday, "13:30", "17:00"]);
      }
    }
  });
  db.prepare("insert into users (id, email, name, role, region_id, password_hash, created_at) values (?, ?, ?, 'province_viewer', null, ?, ?)").run([
    "bench-viewer",
    VIEWER.email,
    "Bench",
    await hashPassword(VIEWER.password),
    now,
  ]);
  db.exec("COMMIT");

  // Fill places day by day, desk by desk: dense in the past, thinning out towards the horizon,
  // so every desk still has free times to list and book. The fill rate is set so the total
  // lands near `shape.appointments`.
  const today = todayLocal(now);
  const firstDay = addDays(today, -(shape.historyDays ?? 730));
  const lastDay = addDays(today, 60);
  const places = desks.reduce((sum, d) => sum + d.capacity, 0) * SLOTS.length;
  let workingDays = 0;
  for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) if (isWeekday(day)) workingDays++;
  const pastRate = Math.min(0.98, shape.appointments / (places * workingDays * 0.93));
  const insert = db.prepare(
    `insert into appointments (id, region_id, frontdesk_id, start_at, end_at, mode, topic, municipality, status, locale, question, name, email, phone, company_name, kvk_number,
     manage_token_hash, sequence, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'nl', ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  );
  let count = 0;
  db.exec("BEGIN");
  for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) {
    if (!isWeekday(day)) continue;
    const ahead = Math.max(0, (localDayBounds(day).start - localDayBounds(today).start) / 86_400_000);
    const rate = ahead === 0 ? pastRate : pastRate * Math.max(0.05, 0.5 - ahead / 120);
    const dayStart = localDayBounds(day).start;
    const anonymised = day < addDays(today, -365);
    for (const desk of desks) {
      for (let s = 0; s < SLOTS.length; s++) {
        const [h, m] = (SLOTS[s] ?? "09:00").split(":").map(Number) as [number, number];
        // Wall clock from local midnight: DST switches fall on Sundays, never on a working day.
        const start = dayStart + (h * 60 + m) * 60_000;
        for (let place = 0; place < desk.capacity; place++) {
          if (rand() >= rate) continue;
          const roll = rand();
          const status = roll < 0.1 ? "cancelled" : start >= now ? "confirmed" : roll < 0.17 ? "no_show" : "completed";
          const key = (count++).toString(36).padStart(8, "0");
          insert.run([
            `a${key}`,
            desk.regionId,
            desk.id,
            start,
            start + 1_800_000,
            rand() < 0.25 ? "video" : "in_person",
            rand() < 0.35 ? "financiering" : (TOPICS[Math.floor(rand() * TOPICS.length)] ?? "overig"),
            desk.municipality,
            status,
            anonymised ? null : "Vraag",
            anonymised ? null : "Naam",
            anonymised ? null : `x${key}@voorbeeld.test`,
            anonymised ? null : "+31600000000",
            anonymised ? null : "Bedrijf",
            anonymised ? null : "12345678",
            `h${key}`,
            Math.min(now, start - Math.floor(rand() * 30 * 24 + 24) * 3_600_000 - Math.floor(rand() * 3_600_000)),
            start,
          ]);
          if (count % 250_000 === 0) {
            db.exec("COMMIT");
            db.exec("BEGIN");
          }
        }
      }
    }
  }
  db.exec("COMMIT");
  const rollupStarted = performance.now();
  db.exec("BEGIN");
  for (const statement of rebuildRollupStatements()) db.exec(statement);
  db.exec("COMMIT");
  const rollupSeconds = (performance.now() - rollupStarted) / 1000;
  for (const t of triggers) db.exec(t.sql);
  db.exec("ANALYZE");
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  db.close();
  return { path, appointments: count, regions, loadSeconds: (performance.now() - started) / 1000, rollupSeconds, viewer: VIEWER };
}

function isWeekday(date: string): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string, fallback: number) => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? Number(process.argv[at + 1]) : fallback;
  };
  const outAt = process.argv.indexOf("--out");
  const out = outAt > 0 ? process.argv[outAt + 1] : undefined;
  if (!out) {
    console.error("Usage: npx tsx tools/generate-platform.ts --out <file.db> [--appointments N] [--regions N] [--desks N]");
    process.exit(2);
  }
  const shape = {
    regions: arg("regions", FULL_SCALE.regions),
    desks: arg("desks", FULL_SCALE.desks),
    appointments: arg("appointments", FULL_SCALE.appointments),
  };
  const result = await generatePlatform(out, shape, Date.now());
  // The bench reads how the file came about from here (it may be generated once, ahead of time).
  writeFileSync(
    `${out}.meta.json`,
    `${JSON.stringify({ shape, appointments: result.appointments, loadSeconds: result.loadSeconds, rollupSeconds: result.rollupSeconds, generatedAt: new Date().toISOString() }, null, 2)}\n`,
  );
  console.log(
    `${result.appointments.toLocaleString("en-US")} appointments, ${shape.regions} regions, ${shape.desks} desks → ${out} in ${result.loadSeconds.toFixed(0)} s (rollup rebuild ${result.rollupSeconds.toFixed(1)} s)`,
  );
}
