/**
 * Scenario builders: each test mints its own region, desks and users through these,
 * straight into the database, and never relies on fixed ids or on the demo seed.
 */
import type { Client } from "@libsql/client";
import { newId } from "../../src/lib/ids";
import { hashPassword } from "../../src/lib/password";
import type { Role } from "../../src/db/schema";
import { ORIGIN, type TestPlatform } from "./platform";
import type { FrontdeskKind, Mode, Topic } from "../../src/lib/vocabulary";

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export interface RegionFixture {
  id: string;
  slug: string;
  name: string;
}

export async function createRegion(
  client: Client,
  overrides: Partial<{ slug: string; name: string; goodFridayClosed: boolean; liberationDayClosed: boolean }> = {},
): Promise<RegionFixture> {
  const id = newId();
  const slug = overrides.slug ?? unique("regio");
  const name = overrides.name ?? `Regio ${slug}`;
  await client.execute({
    sql: "insert into regions (id, slug, name, operator, good_friday_closed, liberation_day_closed, retention_months, created_at) values (?, ?, ?, ?, ?, ?, 12, ?)",
    args: [id, slug, name, `Operator ${slug}`, overrides.goodFridayClosed === false ? 0 : 1, overrides.liberationDayClosed ? 1 : 0, Date.now()],
  });
  await client.execute({ sql: "insert into municipalities (id, region_id, cbs_code, name) values (?, ?, ?, ?)", args: [newId(), id, "0935", "Maastricht"] });
  return { id, slug, name };
}

export interface FrontdeskFixture {
  id: string;
  regionId: string;
  name: string;
}

export async function createFrontdesk(
  client: Client,
  region: RegionFixture,
  overrides: Partial<{
    name: string;
    kind: FrontdeskKind;
    municipality: string;
    modes: Mode[];
    topics: Topic[];
    slotMinutes: number;
    capacityPerSlot: number;
    minNoticeHours: number;
    maxAdvanceDays: number;
    cancelCutoffHours: number;
    hours: [number, string, string][];
    archived: boolean;
  }> = {},
): Promise<FrontdeskFixture> {
  const id = newId();
  const now = Date.now();
  const name = overrides.name ?? unique("Loket");
  await client.execute({
    sql: `insert into frontdesks (id, region_id, name, kind, municipality, address, modes, topics, slot_minutes, capacity_per_slot,
          min_notice_hours, max_advance_days, cancel_cutoff_hours, video_url_template, is_demo, archived_at, created_at, updated_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
    args: [
      id,
      region.id,
      name,
      overrides.kind ?? "municipal_desk",
      overrides.municipality ?? "Maastricht",
      "Markt 1, 6211 CK Maastricht",
      JSON.stringify(overrides.modes ?? ["in_person", "video"]),
      JSON.stringify(overrides.topics ?? ["financiering", "vergunningen"]),
      overrides.slotMinutes ?? 30,
      overrides.capacityPerSlot ?? 1,
      overrides.minNoticeHours ?? 0,
      overrides.maxAdvanceDays ?? 60,
      overrides.cancelCutoffHours ?? 2,
      "https://meet.example.test/{id}",
      overrides.archived ? now : null,
      now,
      now,
    ],
  });
  const hours =
    overrides.hours ??
    [1, 2, 3, 4, 5, 6, 7].flatMap((d): [number, string, string][] => [
      [d, "09:00", "12:30"],
      [d, "13:30", "17:00"],
    ]);
  for (const [weekday, opens, closes] of hours) {
    await client.execute({
      sql: "insert into opening_hours (id, region_id, frontdesk_id, weekday, opens, closes) values (?, ?, ?, ?, ?, ?)",
      args: [newId(), region.id, id, weekday, opens, closes],
    });
  }
  return { id, regionId: region.id, name };
}

export const TEST_PASSWORD = "Test-wachtwoord-2027!";
let cachedHash: string | null = null;

export interface UserFixture {
  id: string;
  email: string;
  role: Role;
}

export async function createUser(client: Client, role: Role, region: RegionFixture | null, frontdesks: FrontdeskFixture[] = []): Promise<UserFixture> {
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  const id = newId();
  const email = `${unique(role)}@example.test`;
  await client.execute({
    sql: "insert into users (id, email, name, role, region_id, password_hash, created_at) values (?, ?, ?, ?, ?, ?, ?)",
    args: [id, email, `Test ${role}`, role, region?.id ?? null, cachedHash, Date.now()],
  });
  for (const desk of frontdesks) {
    await client.execute({ sql: "insert into user_frontdesks (user_id, frontdesk_id, region_id) values (?, ?, ?)", args: [id, desk.id, desk.regionId] });
  }
  return { id, email, role };
}

/** Signs in through the API and returns the headers a browser would send afterwards. */
export async function signInAs(platform: TestPlatform, user: { email: string }, password = TEST_PASSWORD): Promise<Record<string, string>> {
  const response = await platform.fetch("/api/v1/auth/login", { method: "POST", json: { email: user.email, password }, headers: { origin: ORIGIN } });
  if (response.status !== 200) throw new Error(`sign-in failed for ${user.email}: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { cookie, origin: ORIGIN };
}
