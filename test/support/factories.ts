/**
 * Scenario builders: each test mints its own region, desks and users through these,
 * straight into the database, and never relies on fixed ids or on the demo seed.
 */
import type { Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "../../src/db/schema";
import type { Role } from "../../src/db/schema";
import { newId } from "../../src/lib/ids";
import { hashPassword } from "../../src/lib/password";
import { ORIGIN, type TestPlatform } from "./platform";
import type { FrontdeskKind, Mode, Topic } from "../../src/lib/vocabulary";

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export type TestDb = LibSQLDatabase<typeof schema>;
const databases = new WeakMap<Client, TestDb>();

/**
 * Typed access to the test database through drizzle and the schema of src/db/schema: every
 * row the tests arrange is checked against the schema at compile time (a renamed or new
 * required column fails `tsc`, not a test at run time).
 * @example await testDb(platform.client).insert(closures).values({ … })
 */
export function testDb(client: Client): TestDb {
  let db = databases.get(client);
  if (!db) {
    db = drizzle(client, { schema });
    databases.set(client, db);
  }
  return db;
}

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
  await testDb(client).batch([
    testDb(client)
      .insert(schema.regions)
      .values({
        id,
        slug,
        name,
        operator: `Operator ${slug}`,
        goodFridayClosed: overrides.goodFridayClosed !== false,
        liberationDayClosed: overrides.liberationDayClosed === true,
        retentionMonths: 12,
        createdAt: Date.now(),
      }),
    testDb(client).insert(schema.municipalities).values({ id: newId(), regionId: id, cbsCode: "0935", name: "Maastricht" }),
  ]);
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
    servedMunicipalities: string[] | null;
    phone: string | null;
  }> = {},
): Promise<FrontdeskFixture> {
  const db = testDb(client);
  const id = newId();
  const now = Date.now();
  const name = overrides.name ?? unique("Loket");
  const hours =
    overrides.hours ??
    [1, 2, 3, 4, 5, 6, 7].flatMap((d): [number, string, string][] => [
      [d, "09:00", "12:30"],
      [d, "13:30", "17:00"],
    ]);
  await db.batch([
    db.insert(schema.frontdesks).values({
      id,
      regionId: region.id,
      name,
      kind: overrides.kind ?? "municipal_desk",
      municipality: overrides.municipality ?? "Maastricht",
      address: "Markt 1, 6211 CK Maastricht",
      modes: overrides.modes ?? ["in_person", "video"],
      topics: overrides.topics ?? ["financiering", "vergunningen"],
      slotMinutes: overrides.slotMinutes ?? 30,
      capacityPerSlot: overrides.capacityPerSlot ?? 1,
      minNoticeHours: overrides.minNoticeHours ?? 0,
      maxAdvanceDays: overrides.maxAdvanceDays ?? 60,
      cancelCutoffHours: overrides.cancelCutoffHours ?? 2,
      videoUrlTemplate: "https://meet.example.test/{id}",
      servedMunicipalities: overrides.servedMunicipalities ?? null,
      phone: overrides.phone ?? null,
      isDemo: false,
      archivedAt: overrides.archived ? now : null,
      createdAt: now,
      updatedAt: now,
    }),
    ...hours.map(([weekday, opens, closes]) =>
      db.insert(schema.openingHours).values({ id: newId(), regionId: region.id, frontdeskId: id, weekday, opens, closes }),
    ),
  ]);
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
  const db = testDb(client);
  const id = newId();
  const email = `${unique(role)}@example.test`;
  await db.batch([
    db.insert(schema.users).values({ id, email, name: `Test ${role}`, role, regionId: region?.id ?? null, passwordHash: cachedHash, createdAt: Date.now() }),
    ...frontdesks.map((desk) => db.insert(schema.userFrontdesks).values({ userId: id, frontdeskId: desk.id, regionId: desk.regionId })),
  ]);
  return { id, email, role };
}

/**
 * An appointment row straight in the database (a past one, or one no booking flow can make),
 * with the desk's region and plausible defaults: confirmed, in person, 30 minutes, booked a
 * day ahead. Returns its id.
 * @example const id = await insertAppointment(client, desk, { startAt: Date.now() - 3_600_000, status: "completed" });
 */
export async function insertAppointment(
  client: Client,
  desk: FrontdeskFixture,
  values: { startAt: number } & Partial<typeof schema.appointments.$inferInsert>,
): Promise<string> {
  const id = values.id ?? newId();
  const createdAt = values.createdAt ?? values.startAt - 86_400_000;
  await testDb(client)
    .insert(schema.appointments)
    .values({
      regionId: desk.regionId,
      frontdeskId: desk.id,
      endAt: values.startAt + 30 * 60_000,
      mode: "in_person",
      topic: "financiering",
      municipality: "Maastricht",
      status: "confirmed",
      locale: "nl",
      name: "Piet Verleden",
      email: "piet@verleden.test",
      manageTokenHash: newId() + newId(),
      sequence: 0,
      updatedAt: createdAt,
      ...values,
      id,
      createdAt,
    });
  return id;
}

/** Signs in through the API and returns the headers a browser would send afterwards. */
export async function signInAs(platform: TestPlatform, user: { email: string }, password = TEST_PASSWORD): Promise<Record<string, string>> {
  const response = await platform.fetch("/api/v1/auth/login", { method: "POST", json: { email: user.email, password }, headers: { origin: ORIGIN } });
  if (response.status !== 200) throw new Error(`sign-in failed for ${user.email}: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { cookie, origin: ORIGIN };
}
