/**
 * Insights: searches, views and desk clicks are counted through the public routes, then the
 * region and province figures are compared with figures computed here from the list of
 * actions, under the rules: terms seen fewer than 3 times left out, counts 1–4 as "<5".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Temporal } from "temporal-polyfill";
import { todayLocal } from "../../src/lib/time";
import type { Topic } from "../../src/lib/vocabulary";
import { createFrontdesk, createRegion, createUser, insertAppointment, signInAs, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { createOrganisation, createPartner, offerBody } from "../support/catalogue";
import { startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;
let regionA: RegionFixture;
let regionB: RegionFixture;
let adminA: Record<string, string>;
let provinceViewer: Record<string, string>;
const offers: Record<"X" | "Y" | "W" | "Z", { slug: string; title: string; region: "A" | "B"; topic: string }> = {} as never;

type Count = number | "<5";
const shown = (n: number): Count => (n > 0 && n < 5 ? "<5" : n);
const today = () => todayLocal(Date.now());
const day = (offset: number) => Temporal.PlainDate.from(today()).add({ days: offset }).toString();

/** What the test does, with what each search finds (known from the offers' texts). */
const SEARCHES: { term: string; region: "A" | "B" | null; times: number; found: boolean; topic: string }[] = [
  { term: "subsidie", region: "A", times: 6, found: true, topic: "subsidies" },
  { term: "vergunning", region: "A", times: 3, found: true, topic: "vergunningen" },
  { term: "croissant", region: "A", times: 2, found: false, topic: "" },
  { term: "xyzonbekend", region: "A", times: 4, found: false, topic: "" },
  { term: "subsidie", region: "B", times: 5, found: false, topic: "" },
  { term: "personeel", region: null, times: 3, found: true, topic: "personeel" },
];
const VIEWS: Record<"X" | "Y" | "Z", number> = { X: 7, Y: 2, Z: 5 };
const DESK_CLICKS = { offer: "Y" as const, region: "A" as const, times: 2 };
const BOOKINGS: { region: "A" | "B"; topic: Topic; times: number }[] = [
  { region: "A", topic: "personeel", times: 6 },
  { region: "A", topic: "subsidies", times: 1 },
  { region: "B", topic: "personeel", times: 2 },
];

beforeAll(async () => {
  platform = await startTestPlatform();
  const c = platform.client;
  regionA = await createRegion(c);
  regionB = await createRegion(c);
  const desks: Record<"A" | "B", FrontdeskFixture> = { A: await createFrontdesk(c, regionA), B: await createFrontdesk(c, regionB) };
  adminA = await signInAs(platform, await createUser(c, "region_admin", regionA));
  const adminB = await signInAs(platform, await createUser(c, "region_admin", regionB));
  provinceViewer = await signInAs(platform, await createUser(c, "province_viewer", null));
  const orgA = await createOrganisation(c, regionA);
  const orgB = await createOrganisation(c, regionB);
  const partner = { A: await signInAs(platform, await createPartner(c, orgA)), B: await signInAs(platform, await createPartner(c, orgB)) };
  const publish = async (key: keyof typeof offers, region: "A" | "B", title: string, topic: string) => {
    const [org, fixture, admin] = region === "A" ? [orgA, regionA, adminA] : [orgB, regionB, adminB];
    const created = await platform.fetch(`/api/v1/organisations/${org.slug}/offers`, {
      method: "POST",
      headers: partner[region],
      json: offerBody(fixture, { title, topics: [topic], kind: "advice" }),
    });
    const { offer } = (await created.json()) as { offer: { id: string; slug: string } };
    await platform.fetch(`/api/v1/organisations/${org.slug}/offers/${offer.id}/submit`, { method: "POST", headers: partner[region] });
    const reviewed = await platform.fetch(`/api/v1/regions/${fixture.slug}/admin/offers/${offer.id}/review`, {
      method: "POST",
      headers: admin,
      json: { decision: "approve" },
    });
    expect(reviewed.status).toBe(200);
    offers[key] = { slug: offer.slug, title, region, topic };
  };
  await publish("X", "A", "Subsidie voor ambachtelijke bakkers", "subsidies");
  await publish("Y", "A", "Personeel zoeken voor bakkerijen", "personeel");
  await publish("W", "A", "Vergunning voor een bakkerij", "vergunningen");
  await publish("Z", "B", "Personeel in de zorg", "personeel");

  const slugOf = (r: "A" | "B" | null) => (r === "A" ? regionA.slug : r === "B" ? regionB.slug : null);
  for (const s of SEARCHES) {
    for (let i = 0; i < s.times; i++) {
      const region = slugOf(s.region);
      const answer = await platform.fetch(`/api/v1/offers?q=${encodeURIComponent(s.term)}${region ? `&region=${region}` : ""}`);
      const { total } = (await answer.json()) as { total: number };
      expect(total > 0, `${s.term} in ${s.region}`).toBe(s.found);
    }
  }
  for (const [key, times] of Object.entries(VIEWS)) {
    for (let i = 0; i < times; i++) await platform.fetch(`/api/v1/offers/${offers[key as "X"].slug}`);
  }
  for (let i = 0; i < DESK_CLICKS.times; i++) {
    await platform.fetch(`/api/v1/offers/${offers[DESK_CLICKS.offer].slug}/talk-to-a-desk?region=${regionA.slug}`, { redirect: "manual" });
  }
  const start = Date.now() + 2 * 86_400_000;
  for (const b of BOOKINGS) {
    for (let i = 0; i < b.times; i++) {
      await insertAppointment(c, desks[b.region], { startAt: start, topic: b.topic, name: null, email: null, createdAt: Date.now() });
    }
  }
  // The counters are written after each answer (waitUntil): wait until all have landed.
  const expected = SEARCHES.reduce((n, s) => n + s.times, 0);
  for (let i = 0; i < 200; i++) {
    const rs = await c.execute(
      "select (select coalesce(sum(searches), 0) from insight_searches) as s, (select coalesce(sum(views), 0) from insight_offer_views) as v",
    );
    if (Number(rs.rows[0]?.s) === expected && Number(rs.rows[0]?.v) === VIEWS.X + VIEWS.Y + VIEWS.Z) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}, 120_000);
afterAll(async () => {
  await platform?.close();
});

/** The figures the rules give for one region (or all, with null), computed from the action lists above. */
function expectedInsights(region: "A" | "B" | null) {
  const inScope = (r: "A" | "B" | null) => region === null || r === region;
  const sumBy = (rows: { key: string; n: number }[]) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(r.key, (m.get(r.key) ?? 0) + r.n);
    return m;
  };
  const searches = SEARCHES.filter((s) => inScope(s.region));
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .filter(([, n]) => n >= 3)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([term, n]) => ({ term, count: shown(n) }));
  const views = Object.entries(VIEWS)
    .filter(([key]) => region === null || offers[key as "X"].region === region)
    .map(([key, n]) => ({ slug: offers[key as "X"].slug, title: offers[key as "X"].title, n }));
  const bookings = sumBy(BOOKINGS.filter((b) => inScope(b.region)).map((b) => ({ key: b.topic, n: b.times })));
  const topicSearches = sumBy(searches.filter((s) => s.topic).map((s) => ({ key: s.topic, n: s.times })));
  const clicks = sumBy(inScope(DESK_CLICKS.region) ? [{ key: offers[DESK_CLICKS.offer].topic, n: DESK_CLICKS.times }] : []);
  const supply = sumBy(
    Object.values(offers)
      .filter((o) => region === null || o.region === region)
      .map((o) => ({ key: o.topic, n: 1 })),
  );
  const desks = sumBy((region === null ? ["A", "B"] : [region]).flatMap(() => ["financiering", "vergunningen"].map((t) => ({ key: t, n: 1 }))));
  return {
    topSearches: rank(sumBy(searches.map((s) => ({ key: s.term, n: s.times })))),
    zeroResultSearches: rank(sumBy(searches.filter((s) => !s.found).map((s) => ({ key: s.term, n: s.times })))),
    offerViews: [...views].sort((a, b) => b.n - a.n).map((v) => ({ slug: v.slug, title: v.title, count: shown(v.n) })),
    unviewedOffers: Object.entries(offers)
      .filter(([key, o]) => (region === null || o.region === region) && !(key in VIEWS))
      .map(([, o]) => ({ slug: o.slug, title: o.title })),
    demand: (topic: string) => ({
      bookings: shown(bookings.get(topic) ?? 0),
      searches: shown(topicSearches.get(topic) ?? 0),
      deskClicks: shown(clicks.get(topic) ?? 0),
      offers: supply.get(topic) ?? 0,
      desks: desks.get(topic) ?? 0,
    }),
  };
}

interface InsightsAnswer {
  topSearches: { term: string; count: Count }[];
  zeroResultSearches: { term: string; count: Count }[];
  offerViews: { slug: string; title: string; count: Count }[];
  unviewedOffers: { slug: string; title: string }[];
  demandSupply: {
    topic: string;
    bookings: Count;
    searches: Count;
    deskClicks: Count;
    offers: number;
    desks: number;
    questions: Count;
    unansweredQuestions: Count;
  }[];
}

async function insights(path: string, headers: Record<string, string>): Promise<InsightsAnswer> {
  const response = await platform.fetch(`/api/v1${path}?from=${day(-1)}&to=${day(10)}`, { headers });
  expect(response.status).toBe(200);
  return (await response.json()) as InsightsAnswer;
}

describe("insights", () => {
  it("should give a region admin the region's figures, computed as the rules say", async () => {
    const answer = await insights(`/regions/${regionA.slug}/admin/insights`, adminA);
    const expected = expectedInsights("A");
    expect(answer.topSearches).toEqual(expected.topSearches);
    expect(answer.zeroResultSearches).toEqual(expected.zeroResultSearches);
    expect(answer.offerViews).toEqual(expected.offerViews);
    expect(answer.unviewedOffers).toEqual(expected.unviewedOffers);
    for (const row of answer.demandSupply) expect(row, row.topic).toMatchObject(expected.demand(row.topic));
    // The rules at work: a term seen twice is left out; 3 and 4 show as "<5"; 6 is exact.
    expect(answer.topSearches.map((t) => t.term)).not.toContain("croissant");
    expect(answer.topSearches).toContainEqual({ term: "vergunning", count: "<5" });
    expect(answer.topSearches).toContainEqual({ term: "subsidie", count: 6 });
  });

  it("should give the province the same figures over all regions", async () => {
    const answer = await insights("/province/insights", provinceViewer);
    const expected = expectedInsights(null);
    expect(answer.topSearches).toEqual(expected.topSearches);
    expect(answer.zeroResultSearches).toEqual(expected.zeroResultSearches);
    expect(answer.offerViews).toEqual(expected.offerViews);
    for (const row of answer.demandSupply) expect(row, row.topic).toMatchObject(expected.demand(row.topic));
  });

  it("should count the knowledge square's published questions per topic, and those still unanswered", async () => {
    // Region A: 7 published financing questions (2 answered), 1 pending, 1 hidden; 3 published
    // subsidy questions in region B; 2 to all of Limburg (province only).
    const now = Date.now();
    let seq = 9_000_000;
    const rows: [string | null, string, string, number][] = [
      ...Array.from({ length: 7 }, (_, i): [string, string, string, number] => [regionA.id, "financiering", "published", i < 2 ? 1 : 0]),
      [regionA.id, "financiering", "pending", 0],
      [regionA.id, "financiering", "hidden", 0],
      ...Array.from({ length: 3 }, (): [string, string, string, number] => [regionB.id, "subsidies", "published", 0]),
      [null, "subsidies", "published", 2],
      [null, "subsidies", "published", 0],
    ];
    await platform.client.batch(
      rows.map(([region, topic, status, answers]) => ({
        sql: `insert into questions (id, seq, region_id, asker_id, anonymous, asker_label, topic, title, body, status, answer_count, created_at, published_at, updated_at)
              values (?, ?, ?, 'insights-test', 0, 'Bedrijf', ?, 'Vraag', 'Tekst', ?, ?, ?, ?, ?)`,
        args: [`q-insights-${seq}`, seq++, region, topic, status, answers, now - 3_600_000, status === "pending" ? null : now - 3_600_000, now - 3_600_000],
      })),
      "write",
    );
    const row = (answer: InsightsAnswer, topic: string) => answer.demandSupply.find((d) => d.topic === topic);
    const a = await insights(`/regions/${regionA.slug}/admin/insights`, adminA);
    expect(row(a, "financiering")).toMatchObject({ questions: 7, unansweredQuestions: 5 });
    expect(row(a, "subsidies")).toMatchObject({ questions: 0, unansweredQuestions: 0 });
    const province = await insights("/province/insights", provinceViewer);
    expect(row(province, "financiering")).toMatchObject({ questions: 7, unansweredQuestions: 5 });
    // 3 in region B and 2 to all of Limburg: 5 asked, 4 unanswered (shown as "<5").
    expect(row(province, "subsidies")).toMatchObject({ questions: 5, unansweredQuestions: "<5" });
  });

  it("should keep one region's figures from another region's admin and from region admins at province level", async () => {
    expect((await platform.fetch(`/api/v1/regions/${regionB.slug}/admin/insights`, { headers: adminA })).status).toBe(404);
    expect((await platform.fetch("/api/v1/province/insights", { headers: adminA })).status).toBe(403);
  });

  it("should store counters only: a day, the normalised term, filters and topic, no person", async () => {
    const columns = async (table: string) =>
      (await platform.client.execute(`select name from pragma_table_info('${table}')`)).rows.map((r) => String(r.name)).sort();
    expect(await columns("insight_searches")).toEqual(["day", "filters", "region_id", "searches", "term", "topic", "zero_results"]);
    expect(await columns("insight_offer_views")).toEqual(["day", "offer_id", "views"]);
    expect(await columns("insight_desk_clicks")).toEqual(["clicks", "day", "offer_id", "region_id", "topic"]);
    const rows = await platform.client.execute("select count(*) as n, sum(searches) as s from insight_searches");
    // One row per day, region, term, filters and topic: six kinds of search, not one row per search.
    expect(Number(rows.rows[0]?.n)).toBe(SEARCHES.length);
  });
});
