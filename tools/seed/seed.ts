/**
 * Seeds the demo data (regions, municipalities, frontdesks with opening hours, demo accounts,
 * the demo catalogue of organisations and offers, demo events, and demo activity: appointments
 * past and ahead, outcomes, a failed mail, Support Process candidates)
 * into an EMPTY local database. Refuses production and non-local databases: demo accounts
 * with a published password must never reach a real deployment.
 */
import { createClient, type InArgs, type InStatement } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { sql } from "drizzle-orm";
import { fileURLToPath } from "node:url";
import {
  MEMBERSHIP_ROLES,
  type TargetIndicator,
  consultantCapacity,
  programmeTargetShares,
  programmeTargets,
  frontdesks,
  municipalities,
  openingHours,
  regions,
  userFrontdesks,
  userRegions,
  users,
} from "../../src/db/schema";
import { newId } from "../../src/lib/ids";
import { hashPassword } from "../../src/lib/password";
import { DEMO_FRONTDESKS, DEMO_PASSWORD, DEMO_REGIONS, DEMO_USERS, DEMO_VIDEO_TEMPLATE } from "./demo-data";
import { seedCatalogue, seedCatalogueIntoExisting } from "./catalogue-seed";
import { seedEvents, seedEventsIntoExisting } from "./events-seed";
import { seedActivity } from "./activity-seed";
import { seedCommunity } from "./community-seed";

export function isLocalDatabaseUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return url.startsWith("file:") || host === "127.0.0.1" || host === "localhost" || host === "[::1]";
}

/**
 * Inserts the demo data when the database has no regions yet; returns whether it seeded.
 * @example await seedDemoData("http://127.0.0.1:8080");
 */
export async function seedDemoData(url: string, authToken?: string): Promise<boolean> {
  if (!isLocalDatabaseUrl(url) || process.env.APP_ENV === "production") {
    throw new Error("Refusing to seed demo data into a non-local or production database.");
  }
  const client = createClient({ url, authToken });
  try {
    const db = drizzle(client);
    const existing = await db.select({ n: sql<number>`count(*)` }).from(regions);
    // A local database seeded before the catalogue existed gets the demo catalogue once.
    // Likewise the demo events (issue 16).
    if ((existing[0]?.n ?? 0) > 0) {
      const catalogue = await seedCatalogueIntoExisting(client, Date.now(), DEMO_PASSWORD);
      const events = await seedEventsIntoExisting(client, Date.now());
      // The knowledge square's demo questions and story (issue 18), once.
      const community = await seedCommunity(client, Date.now());
      return catalogue || events || community;
    }

    const now = Date.now();
    const statements: { toSQL(): { sql: string; params: unknown[] } }[] = [];
    const regionIds = new Map<string, string>();
    for (const r of DEMO_REGIONS) {
      const id = newId();
      regionIds.set(r.slug, id);
      statements.push(
        db.insert(regions).values({
          id,
          slug: r.slug,
          name: r.name,
          operator: r.operator,
          goodFridayClosed: r.goodFridayClosed,
          liberationDayClosed: r.liberationDayClosed,
          createdAt: now,
        }),
      );
      for (const [cbsCode, name] of r.municipalities) statements.push(db.insert(municipalities).values({ id: newId(), regionId: id, cbsCode, name }));
    }
    const frontdeskIds = new Map<string, { id: string; regionId: string }>();
    for (const f of DEMO_FRONTDESKS) {
      const id = newId();
      const regionId = regionIds.get(f.region);
      if (!regionId) throw new Error(`Demo frontdesk ${f.key} names unknown region ${f.region}`);
      frontdeskIds.set(f.key, { id, regionId });
      statements.push(
        db.insert(frontdesks).values({
          id,
          regionId,
          name: f.name,
          kind: f.kind,
          municipality: f.municipality,
          address: f.address,
          modes: f.modes,
          topics: f.topics,
          slotMinutes: f.slotMinutes,
          capacityPerSlot: f.capacityPerSlot,
          minNoticeHours: 24,
          maxAdvanceDays: 60,
          videoUrlTemplate: f.modes.includes("video") ? DEMO_VIDEO_TEMPLATE : null,
          phone: f.phone,
          email: f.email,
          servedMunicipalities: f.serves ?? null,
          visitInfo: f.visitInfo,
          accessInfo: f.accessInfo,
          isDemo: true,
          createdAt: now,
          updatedAt: now,
        }),
      );
      for (const [weekday, opens, closes] of f.hours)
        statements.push(db.insert(openingHours).values({ id: newId(), regionId, frontdeskId: id, weekday, opens, closes }));
    }
    const userIds = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const id = newId();
      userIds.set(u.email, id);
      const regionId = u.region ? (regionIds.get(u.region) ?? null) : null;
      statements.push(
        db.insert(users).values({
          id,
          email: u.email,
          name: u.name,
          role: u.role,
          regionId,
          municipality: u.municipality ?? null,
          passwordHash: await hashPassword(DEMO_PASSWORD),
          createdAt: now,
        }),
      );
      // Issue 19: the home membership comes from a trigger; further regions are rows of their own.
      for (const slug of u.alsoMemberOf ?? []) {
        const other = regionIds.get(slug);
        const role = MEMBERSHIP_ROLES.find((r) => r === u.role);
        if (other && role) statements.push(db.insert(userRegions).values({ userId: id, regionId: other, role, createdAt: now }));
      }
      if (u.fte !== undefined) statements.push(db.insert(consultantCapacity).values({ userId: id, fte: u.fte, updatedAt: now }));
      const desk = u.frontdesk ? frontdeskIds.get(u.frontdesk) : undefined;
      if (desk) statements.push(db.insert(userFrontdesks).values({ userId: id, frontdeskId: desk.id, regionId: desk.regionId }));
    }
    // Issue 19: the programme's targets of the note for the two years from this one (500 starts,
    // 75–100 plans, 3.0 FTE of consultants), with a share per region.
    const year = new Date(now).getUTCFullYear();
    const period = { periodFrom: `${year}-01-01`, periodTo: `${year + 1}-12-31` };
    const demoTargets: Array<[TargetIndicator, number, number | null]> = [
      ["starts", 500, null],
      ["plans", 75, 100],
      ["companies_reached", 300, null],
      ["appointments", 2500, null],
      ["referrals_with_feedback", 200, null],
      ["masterclass_attendance", 400, null],
      ["consultant_fte", 3, null],
    ];
    for (const [indicator, min, max] of demoTargets) statements.push(db.insert(programmeTargets).values({ ...period, indicator, min, max, updatedAt: now }));
    for (const [slug, sharePercent] of [
      ["zuid-limburg", 45],
      ["midden-limburg", 25],
      ["noord-limburg", 30],
    ] as const) {
      const regionId = regionIds.get(slug);
      if (regionId) statements.push(db.insert(programmeTargetShares).values({ ...period, regionId, sharePercent, updatedAt: now }));
    }
    await client.batch(
      statements.map((s): InStatement => {
        const q = s.toSQL();
        return { sql: q.sql, args: q.params as InArgs };
      }),
      "write",
    );
    await seedCatalogue(client, regionIds, frontdeskIds, now, DEMO_PASSWORD);
    await seedEvents(client, regionIds, now);
    await seedActivity(client, regionIds, frontdeskIds, userIds, now);
    await seedCommunity(client, now);
    return true;
  } finally {
    client.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const url = process.env.LIBSQL_URL ?? "http://127.0.0.1:8080";
  const seeded = await seedDemoData(url, process.env.LIBSQL_AUTH_TOKEN);
  console.log(seeded ? "Demo data seeded." : "The database already has regions; nothing seeded.");
}
