/**
 * The SQL that keeps the report rollups and the edge-cache versions exact inside the
 * database. The migration `*_edge_triggers.sql` is generated from this module
 * (`npx tsx tools/edge-triggers.ts > migrations/0011_edge_triggers.sql`), and the tests
 * compare it with this source, the month expression with `lib/time`, and the rollups with
 * a recount from the raw rows.
 *
 * Why triggers: every writer (the Worker, the scheduled job, an erasure, the seed, a
 * migration, a test that arranges rows) changes the rollups and versions in the same
 * transaction as the appointment or desk itself; no code path can forget one, and the
 * write stays one round trip.
 */

/**
 * The local (Europe/Amsterdam) month `YYYY-MM` of an epoch-ms instant, in SQL. A month
 * starts at local midnight of its first day, which is UTC+2 from April to October and
 * UTC+1 from November to March: the EU's switches (last Sundays of March and October,
 * 01:00 UTC) never fall on a month's first day. So shift by 2 h, and if that lands in a
 * winter month shift by 1 h instead. Tested against `localDate` for every month boundary
 * 2000–2100.
 * @example localMonthSql("NEW.start_at")
 */
export function localMonthSql(instant: string): string {
  const summer = `strftime('%Y-%m', ${instant} / 1000 + 7200, 'unixepoch')`;
  const winter = `strftime('%Y-%m', ${instant} / 1000 + 3600, 'unixepoch')`;
  return `(CASE WHEN CAST(substr(${summer}, 6, 2) AS INTEGER) BETWEEN 4 AND 10 THEN ${summer} ELSE ${winter} END)`;
}

/** Whole hours from booking to start, negative (entered afterwards) as 0: the lead-time histogram's bucket. */
export function leadHoursSql(row: string): string {
  return `max(0, (${row}.start_at - ${row}.created_at) / 3600000)`;
}

/** Adds `sign` (1 or -1) of one appointment row (`NEW` or `OLD`) to the three rollups. */
function rollupStatements(row: "NEW" | "OLD", sign: 1 | -1): string[] {
  const month = localMonthSql(`${row}.start_at`);
  const hours = leadHoursSql(row);
  const notCancelled = `${row}.status <> 'cancelled'`;
  return [
    `INSERT INTO report_month_counts (region_id, month, status, mode, topic, n) VALUES (${row}.region_id, ${month}, ${row}.status, ${row}.mode, ${row}.topic, ${sign})
    ON CONFLICT (region_id, month, status, mode, topic) DO UPDATE SET n = n + excluded.n;`,
    `INSERT INTO report_month_leads (region_id, month, hours, n) SELECT ${row}.region_id, ${month}, ${hours}, ${sign} WHERE ${notCancelled}
    ON CONFLICT (region_id, hours, month) DO UPDATE SET n = n + excluded.n;`,
    `INSERT INTO report_month_lead_days (region_id, month, days, n) SELECT ${row}.region_id, ${month}, ${hours} / 24, ${sign} WHERE ${notCancelled}
    ON CONFLICT (region_id, days, month) DO UPDATE SET n = n + excluded.n;`,
  ];
}

const bumpRegionConfig = (id: string) =>
  `UPDATE regions SET config_version = config_version + 1, availability_version = availability_version + 1 WHERE id = ${id};`;

/** Columns whose change alters a report figure. */
const COUNTED = ["region_id", "start_at", "created_at", "status", "mode", "topic"];
const changed = (cols: string[]) => cols.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(" OR ");
/** A change that takes or frees a place: cancelled or not, other time, other desk. */
const OCCUPANCY = `(OLD.status = 'cancelled') IS NOT (NEW.status = 'cancelled') OR ${changed(["start_at", "end_at", "frontdesk_id"])}`;

function trigger(name: string, when: string, body: string[], condition?: string): string {
  return `CREATE TRIGGER IF NOT EXISTS \`${name}\` ${when}${condition ? ` WHEN ${condition}` : ""}\nBEGIN\n  ${body.join("\n  ")}\nEND;`;
}

/** The tables whose rows are a region's public configuration (besides `frontdesks` and `regions`). */
const CONFIG_TABLES = ["opening_hours", "closures", "holiday_openings", "municipalities"];

/**
 * Every trigger, in order: rollups and desk versions on appointments, region versions on
 * configuration changes. Each `CREATE TRIGGER` is one migration statement.
 */
export function edgeTriggerStatements(): string[] {
  const statements = [
    trigger("appointments_after_insert", "AFTER INSERT ON appointments", [
      ...rollupStatements("NEW", 1),
      `UPDATE frontdesks SET availability_version = availability_version + 1 WHERE id = NEW.frontdesk_id AND NEW.status <> 'cancelled';`,
    ]),
    trigger(
      "appointments_after_update_counted",
      `AFTER UPDATE OF ${COUNTED.join(", ")} ON appointments FOR EACH ROW`,
      [...rollupStatements("OLD", -1), ...rollupStatements("NEW", 1)],
      changed(COUNTED),
    ),
    trigger(
      "appointments_after_update_occupancy",
      "AFTER UPDATE OF status, start_at, end_at, frontdesk_id ON appointments FOR EACH ROW",
      ["UPDATE frontdesks SET availability_version = availability_version + 1 WHERE id IN (OLD.frontdesk_id, NEW.frontdesk_id);"],
      OCCUPANCY,
    ),
    trigger("appointments_after_delete", "AFTER DELETE ON appointments", [
      ...rollupStatements("OLD", -1),
      `UPDATE frontdesks SET availability_version = availability_version + 1 WHERE id = OLD.frontdesk_id AND OLD.status <> 'cancelled';`,
    ]),
    // A desk's availability moved: so did its region's (the key of region-wide cached reads).
    trigger("frontdesks_after_availability", "AFTER UPDATE OF availability_version ON frontdesks FOR EACH ROW", [
      "UPDATE regions SET availability_version = availability_version + 1 WHERE id = NEW.region_id;",
    ]),
    trigger("frontdesks_after_insert", "AFTER INSERT ON frontdesks", [bumpRegionConfig("NEW.region_id")]),
    // Any change but the version itself is configuration (name, hours grid, archiving, ...).
    trigger(
      "frontdesks_after_update",
      "AFTER UPDATE ON frontdesks FOR EACH ROW",
      [bumpRegionConfig("OLD.region_id"), bumpRegionConfig("NEW.region_id")],
      "OLD.availability_version IS NEW.availability_version",
    ),
    trigger("frontdesks_after_delete", "AFTER DELETE ON frontdesks", [bumpRegionConfig("OLD.region_id")]),
    trigger(
      "regions_after_update",
      "AFTER UPDATE ON regions FOR EACH ROW",
      [bumpRegionConfig("NEW.id")],
      "OLD.config_version IS NEW.config_version AND OLD.availability_version IS NEW.availability_version",
    ),
  ];
  for (const table of CONFIG_TABLES) {
    statements.push(
      trigger(`${table}_after_insert`, `AFTER INSERT ON ${table}`, [bumpRegionConfig("NEW.region_id")]),
      trigger(`${table}_after_update`, `AFTER UPDATE ON ${table}`, [bumpRegionConfig("OLD.region_id"), bumpRegionConfig("NEW.region_id")]),
      trigger(`${table}_after_delete`, `AFTER DELETE ON ${table}`, [bumpRegionConfig("OLD.region_id")]),
    );
  }
  return statements;
}

/**
 * Recomputes the three rollups from the raw appointments (the migration's backfill, and
 * the bulk loader of the scale benchmark after it inserted rows with the triggers off).
 */
export function rebuildRollupStatements(): string[] {
  const month = localMonthSql("start_at");
  const hours = "max(0, (start_at - created_at) / 3600000)";
  return [
    "DELETE FROM report_month_counts;",
    "DELETE FROM report_month_leads;",
    "DELETE FROM report_month_lead_days;",
    `INSERT INTO report_month_counts (region_id, month, status, mode, topic, n)
  SELECT region_id, ${month}, status, mode, topic, count(*) FROM appointments GROUP BY 1, 2, 3, 4, 5;`,
    `INSERT INTO report_month_leads (region_id, month, hours, n)
  SELECT region_id, ${month}, ${hours}, count(*) FROM appointments WHERE status <> 'cancelled' GROUP BY 1, 2, 3;`,
    `INSERT INTO report_month_lead_days (region_id, month, days, n)
  SELECT region_id, month, hours / 24, sum(n) FROM report_month_leads GROUP BY 1, 2, 3;`,
  ];
}
