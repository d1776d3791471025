/**
 * Seeds the demo catalogue (organisations, offers, the demo partner account) and derives
 * the frontdesks' contact points, through the same index code the Worker uses.
 */
import type { Client, InArgs, InStatement } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { Temporal } from "temporal-polyfill";
import * as schema from "../../src/db/schema";
import type { Db } from "../../src/db/client";
import { newId } from "../../src/lib/ids";
import { hashPassword } from "../../src/lib/password";
import { todayLocal } from "../../src/lib/time";
import { syncContactPoints } from "../../src/features/catalogue/contact-points";
import { slugify } from "../../src/features/catalogue/offer-dto";
import { indexOfferStatements } from "../../src/features/catalogue/search-index";
import { DEMO_OFFERS, DEMO_ORGANISATIONS, DEMO_PARTNER } from "./catalogue-data";
import { DEMO_FRONTDESKS } from "./demo-data";

const DAY = 86_400_000;
const REGION_NAMES = new Map([
  ["zuid-limburg", "Zuid-Limburg"],
  ["midden-limburg", "Midden-Limburg"],
  ["noord-limburg", "Noord-Limburg"],
]);

function plusDays(now: number, days: number): string {
  return Temporal.PlainDate.from(todayLocal(now)).add({ days }).toString();
}

/**
 * @param regionIds region slug → id; @param frontdeskIds demo desk key → id and region id
 * @example await seedCatalogue(client, regionIds, frontdeskIds, Date.now(), "MKB-demo-2027!")
 */
export async function seedCatalogue(
  client: Client,
  regionIds: ReadonlyMap<string, string>,
  frontdeskIds: ReadonlyMap<string, { id: string; regionId: string }>,
  now: number,
  password: string,
  options: { skipMissingDesks?: boolean } = {},
): Promise<{ organisations: number; offers: number }> {
  const db = drizzle(client, { schema });
  const statements: InStatement[] = [];
  const push = (q: { toSQL(): { sql: string; params: unknown[] } }) => {
    const { sql, params } = q.toSQL();
    statements.push({ sql, args: params as InArgs });
  };
  const orgs = new Map<string, { id: string; name: string; kind: schema.OrganisationKind }>();
  for (const org of DEMO_ORGANISATIONS) {
    const id = newId();
    const homeRegionId = regionIds.get(org.home);
    if (!homeRegionId) throw new Error(`Demo organisation ${org.slug} names unknown region ${org.home}`);
    orgs.set(org.slug, { id, name: org.name, kind: org.kind });
    push(
      db.insert(schema.organisations).values({
        id,
        slug: org.slug,
        name: org.name,
        kind: org.kind,
        homeRegionId,
        regions: org.regions === "all" ? [...REGION_NAMES.keys()] : org.regions,
        website: `https://${org.slug}.example`,
        email: `info@${org.slug}.example`,
        description: org.description,
        createdAt: now,
        updatedAt: now,
      }),
    );
    for (const key of org.desks ?? []) {
      const desk = frontdeskIds.get(key);
      if (!desk && options.skipMissingDesks) continue;
      if (!desk) throw new Error(`Demo organisation ${org.slug} names unknown desk ${key}`);
      push(db.insert(schema.organisationFrontdesks).values({ frontdeskId: desk.id, organisationId: id, regionId: desk.regionId }));
    }
  }
  const partnerOrg = orgs.get(DEMO_PARTNER.organisation);
  if (!partnerOrg) throw new Error("The demo partner's organisation is missing");
  push(
    db.insert(schema.users).values({
      id: newId(),
      email: DEMO_PARTNER.email,
      name: DEMO_PARTNER.name,
      role: "partner",
      organisationId: partnerOrg.id,
      passwordHash: await hashPassword(password),
      createdAt: now,
    }),
  );

  const slugs = new Set<string>();
  DEMO_OFFERS.forEach((offer, i) => {
    const org = orgs.get(offer.org);
    if (!org) throw new Error(`Demo offer "${offer.title}" names unknown organisation ${offer.org}`);
    let slug = slugify(offer.title);
    for (let n = 2; slugs.has(slug); n++) slug = `${slugify(offer.title)}-${n}`;
    slugs.add(slug);
    const status = offer.status ?? "published";
    const content: schema.OfferContent = {
      title: offer.title,
      summary: offer.summary,
      description: offer.description,
      kind: offer.kind,
      topics: offer.topics,
      audiences: offer.audiences,
      phases: offer.phases,
      regions: offer.regions === "all" ? [] : offer.regions,
      allLimburg: offer.regions === "all",
      municipalities: offer.municipalities ?? [],
      cost: offer.cost,
      deadline: offer.deadlineInDays === undefined ? null : plusDays(now, offer.deadlineInDays),
      opensAt: offer.opensInDays === undefined ? null : plusDays(now, offer.opensInDays),
      howToApply: offer.howToApply,
      contact: offer.email ? { email: offer.email } : { email: `info@${offer.org}.example` },
      url: `https://${offer.org}.example/aanbod/${slug}`,
      uplUri: null,
    };
    const id = newId();
    // Spread the offers over the last weeks, so "most recently updated" has an order.
    const updatedAt = now - (i % 30) * DAY;
    push(
      db.insert(schema.offers).values({
        id,
        seq: i + 1,
        slug,
        organisationId: org.id,
        ...content,
        lastCheckedAt: now - (offer.checkedDaysAgo ?? 20) * DAY,
        status,
        submittedAt: status === "draft" ? null : updatedAt,
        publishedAt: status === "published" ? updatedAt : null,
        createdAt: updatedAt,
        updatedAt,
      }),
    );
    if (status === "published")
      statements.push(...indexOfferStatements({ id, content, organisation: { name: org.name, kind: org.kind }, regionNames: REGION_NAMES }));
  });
  await client.batch(statements, "write");
  const asDb: Db = { db, client } as unknown as Db; // the Node client and the web client share one interface
  await syncContactPoints(asDb, now);
  return { organisations: DEMO_ORGANISATIONS.length, offers: DEMO_OFFERS.length };
}

/**
 * For a local database seeded before the catalogue existed: when it has the demo regions but
 * no organisations (and no demo partner), seeds the catalogue, finding the demo desks by name.
 * Returns whether it seeded.
 */
export async function seedCatalogueIntoExisting(client: Client, now: number, password: string): Promise<boolean> {
  const [orgs, partner, regionRows, deskRows] = await client.batch(
    [
      "select count(*) as n from organisations",
      { sql: "select count(*) as n from users where email = ?", args: [DEMO_PARTNER.email] },
      "select id, slug from regions",
      "select id, region_id, name from frontdesks",
    ],
    "read",
  );
  if (Number(orgs?.rows[0]?.n) > 0 || Number(partner?.rows[0]?.n) > 0) return false;
  const regionIds = new Map((regionRows?.rows ?? []).map((r) => [String(r.slug), String(r.id)]));
  if ([...REGION_NAMES.keys()].some((slug) => !regionIds.has(slug))) return false;
  const byName = new Map((deskRows?.rows ?? []).map((r) => [String(r.name), { id: String(r.id), regionId: String(r.region_id) }]));
  const frontdeskIds = new Map<string, { id: string; regionId: string }>();
  for (const desk of DEMO_FRONTDESKS) {
    const found = byName.get(desk.name);
    if (found) frontdeskIds.set(desk.key, found);
  }
  // A demo desk that is no longer there is simply not linked.
  await seedCatalogue(client, regionIds, frontdeskIds, now, password, { skipMissingDesks: true });
  return true;
}
