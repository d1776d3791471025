/**
 * The migrations of issue 19 on existing rows: a database migrated up to just before each one
 * gets rows written the old way, then the rest of the migrations run over them.
 * - `_programme`: every regional user becomes a member of their home region with their role,
 *   and later inserts and role changes keep that membership (triggers).
 * - `_financing_outcome`: trajectories that stood at `financing_arranged` go back to the
 *   delivered business plan, with the moment financing was recorded as the outcome.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "../../tools/migrate";

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** A copy of the migrations folder that stops before the migration whose tag ends with `suffix`. */
function migrationsBefore(suffix: string): string {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as Journal;
  const stop = journal.entries.findIndex((e) => e.tag.endsWith(suffix));
  if (stop < 0) throw new Error(`no migration ending with ${suffix}`);
  const dir = mkdtempSync(join(tmpdir(), "mkb-migrations-"));
  mkdirSync(join(dir, "meta"));
  for (const file of readdirSync(MIGRATIONS_FOLDER)) if (file.endsWith(".sql")) copyFileSync(join(MIGRATIONS_FOLDER, file), join(dir, file));
  writeFileSync(join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, stop) }));
  return dir;
}

const clients: Client[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

async function databaseBefore(suffix: string): Promise<Client> {
  const client = createClient({ url: `file:${join(mkdtempSync(join(tmpdir(), "mkb-db-")), "test.db")}` });
  clients.push(client);
  await migrate(drizzle(client), { migrationsFolder: migrationsBefore(suffix) });
  await client.execute(
    "insert into regions (id, slug, name, operator, created_at) values ('r1', 'zuid', 'Zuid', 'LED', 0), ('r2', 'noord', 'Noord', 'EDB', 0)",
  );
  return client;
}

const rows = async (client: Client, sql: string) => (await client.execute(sql)).rows.map((r) => ({ ...r }));

describe("issue 19 migrations on existing rows", () => {
  it("should make every existing regional user a member of their home region with their role, and keep it with later changes", async () => {
    const client = await databaseBefore("_programme");
    await client.execute(`insert into users (id, email, name, role, region_id, created_at) values
      ('u1', 'a@x.test', 'A', 'region_admin', 'r1', 1), ('u2', 'b@x.test', 'B', 'consultant', 'r2', 2),
      ('u3', 'c@x.test', 'C', 'province_viewer', null, 3), ('u4', 'd@x.test', 'D', 'platform_admin', null, 4)`);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    expect(await rows(client, "select user_id, region_id, role from user_regions order by user_id")).toEqual([
      { user_id: "u1", region_id: "r1", role: "region_admin" },
      { user_id: "u2", region_id: "r2", role: "consultant" },
    ]);
    // A new user and a role change: the home membership follows; a further region's membership stays.
    await client.execute("insert into users (id, email, name, role, region_id, created_at) values ('u5', 'e@x.test', 'E', 'frontdesk_staff', 'r1', 5)");
    await client.execute("insert into user_regions (user_id, region_id, role, created_at) values ('u2', 'r1', 'consultant', 6)");
    await client.execute("update users set role = 'region_admin' where id = 'u2'");
    expect(await rows(client, "select user_id, region_id, role from user_regions order by user_id, region_id")).toEqual([
      { user_id: "u1", region_id: "r1", role: "region_admin" },
      { user_id: "u2", region_id: "r1", role: "consultant" },
      { user_id: "u2", region_id: "r2", role: "region_admin" },
      { user_id: "u5", region_id: "r1", role: "frontdesk_staff" },
    ]);
  });

  it("should turn trajectories at financing_arranged into delivered plans with financing as their recorded outcome, and leave the others alone", async () => {
    const client = await databaseBefore("_financing_outcome");
    const candidate = (id: string, stage: string, updated: number) =>
      client.execute({
        sql: `insert into scouting_candidates (id, region_id, source, company_name, kvk_number, municipality, topic, consent_at, stage, change_id, created_at, updated_at)
              values (?, 'r1', 'self', 'Bedrijf', '12345678', 'Maastricht', 'financiering', 0, ?, ?, 0, ?)`,
        args: [id, stage, `c-${id}`, updated],
      });
    await candidate("financed", "financing_arranged", 900);
    await candidate("financed-no-history", "financing_arranged", 700);
    await candidate("delivered", "business_plan_delivered", 800);
    await candidate("stopped", "stopped", 600);
    await client.execute(`insert into scouting_stage_changes (id, region_id, candidate_id, from_stage, to_stage, changed_at) values
      ('h1', 'r1', 'financed', 'plan_in_development', 'business_plan_delivered', 400),
      ('h2', 'r1', 'financed', 'business_plan_delivered', 'financing_arranged', 500)`);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    expect(await rows(client, "select id, stage, financing_arranged_at from scouting_candidates order by id")).toEqual([
      { id: "delivered", stage: "business_plan_delivered", financing_arranged_at: null },
      { id: "financed", stage: "business_plan_delivered", financing_arranged_at: 500 },
      { id: "financed-no-history", stage: "business_plan_delivered", financing_arranged_at: 700 },
      { id: "stopped", stage: "stopped", financing_arranged_at: null },
    ]);
    // The history keeps the outcome's entry.
    expect(await rows(client, "select count(*) as n from scouting_stage_changes where to_stage = 'financing_arranged'")).toEqual([{ n: 1 }]);
  });
});
