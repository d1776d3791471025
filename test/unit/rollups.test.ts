import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Database from "libsql";
import { describe, expect, it } from "vitest";
import { localMonthSql } from "../../src/features/reports/rollups";
import { localDate, localDayBounds } from "../../src/lib/time";
import { edgeTriggersMigration } from "../../tools/edge-triggers";

const migrations = fileURLToPath(new URL("../../migrations", import.meta.url));

describe("the local month in SQL", () => {
  it("should give the Amsterdam month of every instant around every month boundary from 2000 to 2100", () => {
    const db = new Database(":memory:");
    const statement = db.prepare(`select ${localMonthSql("?1")} as month`);
    const offsets = [-3_600_001, -3_600_000, -1, 0, 1, 3_599_999, 3_600_000, 7_200_000];
    let checked = 0;
    for (let year = 2000; year <= 2100; year++) {
      for (let month = 1; month <= 12; month++) {
        const first = `${year}-${String(month).padStart(2, "0")}-01`;
        const boundary = localDayBounds(first).start;
        for (const offset of offsets) {
          const instant = boundary + offset;
          const row = statement.get(instant) as { month: string };
          expect(row.month, new Date(instant).toISOString()).toBe(localDate(instant).slice(0, 7));
          checked++;
        }
      }
    }
    expect(checked).toBe(101 * 12 * offsets.length);
    db.close();
  });

  it("should agree with the local date on the days of the DST switches, hour by hour", () => {
    const db = new Database(":memory:");
    const statement = db.prepare(`select ${localMonthSql("?1")} as month`);
    for (const day of ["2027-03-28", "2027-10-31", "2026-03-29", "2026-10-25", "2030-03-31"]) {
      const start = localDayBounds(day).start - 86_400_000;
      for (let t = start; t < start + 3 * 86_400_000; t += 15 * 60_000) {
        expect((statement.get(t) as { month: string }).month).toBe(localDate(t).slice(0, 7));
      }
    }
    db.close();
  });
});

describe("the edge_triggers migration", () => {
  it("should be exactly what tools/edge-triggers.ts generates from the rollup source", () => {
    const file = readdirSync(migrations).find((f) => f.endsWith("_edge_triggers.sql"));
    expect(file).toBeDefined();
    expect(readFileSync(`${migrations}/${file}`, "utf8")).toBe(edgeTriggersMigration());
  });
});

/** A fresh in-memory database with every migration applied, as the migrator would. */
function migratedDatabase(): Database.Database {
  const db = new Database(":memory:");
  for (const file of readdirSync(migrations)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    for (const statement of readFileSync(`${migrations}/${file}`, "utf8").split("--> statement-breakpoint")) {
      if (statement.trim()) db.exec(statement);
    }
  }
  return db;
}

/** Small deterministic PRNG (mulberry32), so a failure can be replayed. */
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

type Row = { region_id: string; start_at: number; created_at: number; status: string; mode: string; topic: string };
type Tally = Map<string, number>;

function add(map: Tally, key: string, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** The rollups recomputed in JavaScript from the raw rows, with lib/time's calendar. */
function recount(rows: Row[]): { counts: Tally; leads: Tally; days: Tally } {
  const counts: Tally = new Map();
  const leads: Tally = new Map();
  const days: Tally = new Map();
  for (const r of rows) {
    const month = localDate(r.start_at).slice(0, 7);
    add(counts, [r.region_id, month, r.status, r.mode, r.topic].join("|"));
    if (r.status === "cancelled") continue;
    const hours = Math.max(0, Math.trunc((r.start_at - r.created_at) / 3_600_000));
    add(leads, [r.region_id, month, hours].join("|"));
    add(days, [r.region_id, month, Math.floor(hours / 24)].join("|"));
  }
  return { counts, leads, days };
}

function stored(db: Database.Database, sql: string): Tally {
  const out: Tally = new Map();
  for (const r of db.prepare(sql).raw().all() as unknown[][]) {
    const n = Number(r[r.length - 1]);
    if (n !== 0) out.set(r.slice(0, -1).join("|"), n);
  }
  return out;
}

describe("the report rollups", () => {
  it("should equal a recount from the raw rows after every one of 600 random inserts, changes, anonymisations and deletes", () => {
    const db = migratedDatabase();
    const random = prng(12);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const regions = ["r1", "r2"];
    const desks = [
      ["d1", "r1"],
      ["d2", "r1"],
      ["d3", "r2"],
    ] as const;
    for (const region of regions) {
      db.prepare("insert into regions (id, slug, name, operator, created_at) values (?, ?, ?, ?, 0)").run(region, region, region, region);
    }
    for (const [id, region] of desks) {
      db.prepare(
        "insert into frontdesks (id, region_id, name, kind, municipality, address, modes, topics, created_at, updated_at) values (?, ?, ?, 'municipal_desk', 'M', 'A', '[]', '[]', 0, 0)",
      ).run(id, region, id);
    }
    const statuses = ["confirmed", "cancelled", "completed", "no_show"];
    const modes = ["in_person", "video"];
    const topics = ["financiering", "vergunningen", "starten"];
    // Instants around month ends and DST switches, where a wrong month would show.
    const anchors = ["2027-03-31", "2027-03-28", "2027-10-31", "2027-12-31", "2028-01-01", "2027-06-15"].map((d) => localDayBounds(d).start);
    const instant = () => pick(anchors) + Math.floor((random() - 0.5) * 6 * 3_600_000);
    const ids: string[] = [];
    const versionOf = (desk: string) => (db.prepare("select availability_version v from frontdesks where id = ?").get(desk) as { v: number }).v;
    for (let step = 0; step < 600; step++) {
      const op = random();
      const existing = ids.length ? pick(ids) : null;
      if (op < 0.4 || !existing) {
        const [desk, region] = pick(desks);
        const start = instant();
        const id = `a${step}`;
        db.prepare(
          `insert into appointments (id, region_id, frontdesk_id, start_at, end_at, mode, topic, municipality, status, manage_token_hash, created_at, updated_at)
           values (?, ?, ?, ?, ?, ?, ?, 'M', ?, ?, ?, ?)`,
        ).run(
          id,
          region,
          desk,
          start,
          start + 1_800_000,
          pick(modes),
          pick(topics),
          pick(statuses),
          `h${step}`,
          start - Math.floor(random() * 40 * 86_400_000) + 86_400_000,
          0,
        );
        ids.push(id);
      } else if (op < 0.55) {
        db.prepare("update appointments set status = ?, sequence = sequence + 1 where id = ?").run(pick(statuses), existing);
      } else if (op < 0.7) {
        const start = instant();
        db.prepare("update appointments set start_at = ?, end_at = ? where id = ?").run(start, start + 1_800_000, existing);
      } else if (op < 0.78) {
        db.prepare("update appointments set mode = ?, topic = ? where id = ?").run(pick(modes), pick(topics), existing);
      } else if (op < 0.9) {
        // Anonymisation (retention job, erasure) changes no figure and no version.
        const row = db.prepare("select frontdesk_id d from appointments where id = ?").get(existing) as { d: string };
        const before = versionOf(row.d);
        db.prepare("update appointments set name = null, email = null, question = null, anonymised_at = 1 where id = ?").run(existing);
        expect(versionOf(row.d)).toBe(before);
      } else {
        db.prepare("delete from appointments where id = ?").run(existing);
        ids.splice(ids.indexOf(existing), 1);
      }
      if (step % 20 === 19 || step === 599) {
        const rows = db.prepare("select region_id, start_at, created_at, status, mode, topic from appointments").all() as Row[];
        const expected = recount(rows);
        expect(stored(db, "select region_id, month, status, mode, topic, n from report_month_counts")).toEqual(expected.counts);
        expect(stored(db, "select region_id, month, hours, n from report_month_leads")).toEqual(expected.leads);
        expect(stored(db, "select region_id, month, days, n from report_month_lead_days")).toEqual(expected.days);
      }
    }
    db.close();
  });

  it("should be backfilled by the migration from appointments stored before it", () => {
    const db = new Database(":memory:");
    const files = readdirSync(migrations)
      .filter((f) => f.endsWith(".sql"))
      .sort();
    const run = (file: string) => {
      for (const s of readFileSync(`${migrations}/${file}`, "utf8").split("--> statement-breakpoint")) if (s.trim()) db.exec(s);
    };
    const at = files.findIndex((f) => f.endsWith("_edge_triggers.sql"));
    for (const file of files.slice(0, at)) run(file);
    db.exec("insert into regions (id, slug, name, operator, created_at) values ('r', 'r', 'r', 'r', 0)");
    db.exec(
      "insert into frontdesks (id, region_id, name, kind, municipality, address, modes, topics, created_at, updated_at) values ('d', 'r', 'd', 'municipal_desk', 'M', 'A', '[]', '[]', 0, 0)",
    );
    const start = localDayBounds("2027-11-01").start;
    const insert = db.prepare(
      `insert into appointments (id, region_id, frontdesk_id, start_at, end_at, mode, topic, municipality, status, manage_token_hash, created_at, updated_at)
       values (?, 'r', 'd', ?, ?, 'video', 'financiering', 'M', ?, ?, ?, 0)`,
    );
    const rows: Row[] = [];
    for (let i = 0; i < 40; i++) {
      const s = start + (i - 20) * 1_800_000;
      const status = i % 5 === 0 ? "cancelled" : "confirmed";
      insert.run(`a${i}`, s, s + 1_800_000, status, `h${i}`, s - i * 3_000_000);
      rows.push({ region_id: "r", start_at: s, created_at: s - i * 3_000_000, status, mode: "video", topic: "financiering" });
    }
    for (const file of files.slice(at)) run(file);
    const expected = recount(rows);
    expect(stored(db, "select region_id, month, status, mode, topic, n from report_month_counts")).toEqual(expected.counts);
    expect(stored(db, "select region_id, month, hours, n from report_month_leads")).toEqual(expected.leads);
    expect(stored(db, "select region_id, month, days, n from report_month_lead_days")).toEqual(expected.days);
    db.close();
  });
});

describe("the availability and configuration versions", () => {
  it("should rise with every change that can alter a slot list, and only then", () => {
    const db = migratedDatabase();
    const versions = () =>
      db
        .prepare("select r.config_version c, r.availability_version a, f.availability_version d from regions r join frontdesks f on f.region_id = r.id")
        .get() as { c: number; a: number; d: number };
    db.exec("insert into regions (id, slug, name, operator, created_at) values ('r', 'r', 'r', 'r', 0)");
    db.exec(
      "insert into frontdesks (id, region_id, name, kind, municipality, address, modes, topics, created_at, updated_at) values ('d', 'r', 'd', 'municipal_desk', 'M', 'A', '[]', '[]', 0, 0)",
    );
    let last = versions();
    const expectChange = (what: string, sql: string, change: { c: boolean; a: boolean; d: boolean }) => {
      db.exec(sql);
      const now = versions();
      expect({ what, c: now.c > last.c, a: now.a > last.a, d: now.d > last.d }).toEqual({ what, ...change });
      last = now;
    };
    const book = `insert into appointments (id, region_id, frontdesk_id, start_at, end_at, mode, topic, municipality, status, manage_token_hash, created_at, updated_at)
      values ('a', 'r', 'd', 1800000000000, 1800001800000, 'video', 'financiering', 'M', 'confirmed', 'h', 0, 0)`;
    expectChange("booking", book, { c: false, a: true, d: true });
    expectChange("outcome", "update appointments set status = 'completed' where id = 'a'", { c: false, a: false, d: false });
    expectChange("anonymisation", "update appointments set name = null, email = null, anonymised_at = 1 where id = 'a'", { c: false, a: false, d: false });
    expectChange("reschedule", "update appointments set start_at = start_at + 1800000, end_at = end_at + 1800000 where id = 'a'", {
      c: false,
      a: true,
      d: true,
    });
    expectChange("cancellation", "update appointments set status = 'cancelled' where id = 'a'", { c: false, a: true, d: true });
    expectChange(
      "opening hours",
      "insert into opening_hours (id, region_id, frontdesk_id, weekday, opens, closes) values ('h', 'r', 'd', 1, '09:00', '12:00')",
      { c: true, a: true, d: false },
    );
    expectChange(
      "closure",
      "insert into closures (id, region_id, frontdesk_id, from_date, to_date, reason, created_at) values ('c', 'r', 'd', '2027-01-01', '2027-01-02', 'x', 0)",
      { c: true, a: true, d: false },
    );
    expectChange("closure removed", "delete from closures where id = 'c'", { c: true, a: true, d: false });
    expectChange("holiday opening", "insert into holiday_openings (id, region_id, frontdesk_id, date) values ('o', 'r', 'd', '2027-12-26')", {
      c: true,
      a: true,
      d: false,
    });
    expectChange("desk edit", "update frontdesks set name = 'new' where id = 'd'", { c: true, a: true, d: false });
    expectChange("desk archived", "update frontdesks set archived_at = 1 where id = 'd'", { c: true, a: true, d: false });
    expectChange("region setting", "update regions set good_friday_closed = 0 where id = 'r'", { c: true, a: true, d: false });
    expectChange("municipality", "insert into municipalities (id, region_id, cbs_code, name) values ('m', 'r', '0935', 'Maastricht')", {
      c: true,
      a: true,
      d: false,
    });
    db.close();
  });
});
