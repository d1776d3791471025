/**
 * The public catalogue search over the demo catalogue, through the real Worker: relevance
 * on fixed queries, facets recomputed independently from the rows, deadline expiry
 * relative to `now`, cursor pagination, and the round-trip budget (one database request
 * per search), counted by a proxy in front of the libSQL server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Temporal } from "temporal-polyfill";
import { openDb, type Db } from "../../src/db/client";
import { searchOffers } from "../../src/features/catalogue/search.service";
import { todayLocal } from "../../src/lib/time";
import { seedDemoData } from "../../tools/seed/seed";
import { RELEVANCE_QUERIES, startCountingProxy, type CountingProxy } from "../support/catalogue";
import { startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;
let proxy: CountingProxy;
let db: Db;

interface Summary {
  id: string;
  slug: string;
  title: string;
  kind: string;
  topics: string[];
  audiences: string[];
  regions: string[];
  municipalities: string[];
  deadline: string | null;
  local?: boolean;
}
interface SearchAnswer {
  offers: Summary[];
  facets: { topic: Record<string, number>; kind: Record<string, number>; audience: Record<string, number>; region: Record<string, number> };
  total: number;
  nextCursor: string | null;
}

beforeAll(async () => {
  proxy = await startCountingProxy();
  platform = await startTestPlatform({ vars: { LIBSQL_URL: proxy.url } });
  proxy.setUpstream(platform.dbUrl);
  await seedDemoData(platform.dbUrl);
  db = openDb({ LIBSQL_URL: platform.dbUrl, LIBSQL_AUTH_TOKEN: undefined } as Parameters<typeof openDb>[0]);
}, 120_000);
afterAll(async () => {
  db?.client.close();
  await platform?.close();
  await proxy?.close();
});

async function search(query: string): Promise<SearchAnswer> {
  const response = await platform.fetch(`/api/v1/offers${query ? `?${query}` : ""}`);
  expect(response.status).toBe(200);
  return (await response.json()) as SearchAnswer;
}

const localDate = (days: number) => Temporal.PlainDate.from(todayLocal(Date.now())).add({ days }).toString();

describe("relevance on the fixed queries over the demo catalogue", () => {
  for (const { q, what, expected } of RELEVANCE_QUERIES) {
    it(`should rank "${expected}" in the top three for "${q}" (${what})`, async () => {
      const answer = await search(`q=${encodeURIComponent(q)}&limit=3`);
      expect(answer.offers.map((o) => o.title)).toContain(expected);
    });
  }

  it("should answer a typo with the results of the word it corrects", async () => {
    const typo = await search("q=finaciering");
    const right = await search("q=financiering");
    expect(typo.offers.map((o) => o.id)).toEqual(right.offers.map((o) => o.id));
    expect(typo.total).toBeGreaterThan(0);
  });

  it("should find nothing for words the catalogue does not know, and not crash on search syntax", async () => {
    expect((await search("q=xqzvw")).total).toBe(0);
    for (const q of ['"', "subsidie AND OR NOT", "*", "NEAR(a b)", "title:x", "^-()", "\u0000", "😀🇳🇱", "'; drop table offers; --", "Ĳsselmeer Ærø"]) {
      const response = await platform.fetch(`/api/v1/offers?q=${encodeURIComponent(q)}`);
      expect(response.status, q).toBe(200);
    }
    expect((await platform.fetch(`/api/v1/offers?q=${"a".repeat(201)}`)).status).toBe(400);
    expect((await platform.fetch(`/api/v1/offers?municipality=${encodeURIComponent("Maas\ntricht")}`)).status).toBe(400);
  });

  it("should rank offers local to the entrepreneur's municipality first and mark them", async () => {
    const answer = await search("q=lening&municipality=Maastricht");
    expect(answer.offers[0]).toMatchObject({ title: "Starterslening Maastricht", local: true });
    expect(answer.offers.slice(1).every((o) => o.local === false)).toBe(true);
    const elsewhere = await search("q=lening&municipality=Venlo");
    expect(elsewhere.offers.map((o) => o.title)).not.toContain("Starterslening Maastricht");
  });
});

describe("facets", () => {
  async function rows() {
    const result = await platform.client.execute(
      "select o.id, o.kind, o.topics, o.audiences, o.regions, o.all_limburg, o.deadline from offers o where o.status = 'published'",
    );
    const today = todayLocal(Date.now());
    return result.rows
      .filter((r) => r.deadline === null || String(r.deadline) >= today)
      .map((r) => ({
        kind: String(r.kind),
        topics: JSON.parse(String(r.topics)) as string[],
        audiences: JSON.parse(String(r.audiences)) as string[],
        regions: Number(r.all_limburg) === 1 ? ["zuid-limburg", "midden-limburg", "noord-limburg"] : (JSON.parse(String(r.regions)) as string[]),
      }));
  }
  const tally = (values: string[]) => {
    const counts: Record<string, number> = {};
    for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
    return counts;
  };
  const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

  it("should count every published, current offer per topic, kind, audience and region", async () => {
    const all = await rows();
    const answer = await search("limit=1");
    expect(answer.total).toBe(all.length);
    expect(nonZero(answer.facets.topic)).toEqual(tally(all.flatMap((r) => r.topics)));
    expect(nonZero(answer.facets.kind)).toEqual(tally(all.map((r) => r.kind)));
    expect(nonZero(answer.facets.audience)).toEqual(tally(all.flatMap((r) => r.audiences)));
    expect(nonZero(answer.facets.region)).toEqual(tally(all.flatMap((r) => r.regions)));
  });

  it("should apply every filter to a facet except its own dimension", async () => {
    const all = await rows();
    const answer = await search("region=noord-limburg&topic=personeel,subsidies");
    const inRegion = all.filter((r) => r.regions.includes("noord-limburg"));
    const matching = inRegion.filter((r) => r.topics.some((t) => t === "personeel" || t === "subsidies"));
    expect(answer.total).toBe(matching.length);
    expect(nonZero(answer.facets.topic)).toEqual(tally(inRegion.flatMap((r) => r.topics)));
    expect(nonZero(answer.facets.kind)).toEqual(tally(matching.map((r) => r.kind)));
    const anyRegion = all.filter((r) => r.topics.some((t) => t === "personeel" || t === "subsidies"));
    expect(nonZero(answer.facets.region)).toEqual(tally(anyRegion.flatMap((r) => r.regions)));
  });

  it("should refuse an unknown filter value with a clear message", async () => {
    const response = await platform.fetch("/api/v1/offers?kind=subsidy,lottery");
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { issues: { path: string; message: string }[] } };
    expect(body.error.issues[0]?.message).toContain("Unknown kind");
  });
});

describe("deadlines", () => {
  it("should drop an offer from search once its deadline has passed, relative to the given now", async () => {
    const row = await platform.client.execute("select id, slug from offers where status = 'published' and kind = 'subsidy' and deadline is not null limit 1");
    const id = String(row.rows[0]?.id);
    const slug = String(row.rows[0]?.slug);
    await platform.client.execute({ sql: "update offers set deadline = ? where id = ?", args: [localDate(3), id] });
    const ids = async (now: number) => (await searchOffers(db, { q: "subsidie", filters: {}, limit: 100, offset: 0 }, now)).offers.map((o) => o.id);
    const now = Date.now();
    expect(await ids(now)).toContain(id);
    expect(await ids(now + 2 * 86_400_000)).toContain(id);
    expect(await ids(now + 5 * 86_400_000)).not.toContain(id);

    // Through the API (the Worker's clock): a deadline two days ago is expired.
    await platform.client.execute({ sql: "update offers set deadline = ? where id = ?", args: [localDate(-2), id] });
    const answer = await search("q=subsidie&limit=100");
    expect(answer.offers.map((o) => o.id)).not.toContain(id);
    const page = (await (await platform.fetch(`/api/v1/offers/${slug}`)).json()) as { offer: { expired: boolean } };
    expect(page.offer.expired).toBe(true);
  });
});

describe("pagination", () => {
  it("should walk every result exactly once with the opaque cursor", async () => {
    const first = await search("topic=financiering&limit=4");
    const seen = first.offers.map((o) => o.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await search(`topic=financiering&limit=4&cursor=${encodeURIComponent(cursor)}`);
      seen.push(...page.offers.map((o) => o.id));
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen).size).toBe(first.total);
    expect(first.total).toBeGreaterThan(8);
  });

  it("should refuse a cursor it did not make", async () => {
    expect((await platform.fetch("/api/v1/offers?cursor=bm90LWEtY3Vyc29y")).status).toBe(400);
    expect((await platform.fetch("/api/v1/offers?cursor=%%%")).status).toBe(400);
  });
});

describe("the round-trip budget", () => {
  /** The SQL texts of one Hrana pipeline request (the client stores repeated SQL once with `store_sql`). */
  const statementsOf = (body: string): string[] => {
    type Step = { stmt: { sql?: string } };
    const parsed = JSON.parse(body) as { requests: { type: string; sql?: string; stmt?: { sql?: string }; batch?: { steps: Step[] } }[] };
    return parsed.requests.flatMap((r) => [
      ...(r.type === "store_sql" && r.sql ? [r.sql] : []),
      ...(r.stmt?.sql ? [r.stmt.sql] : []),
      ...(r.batch ? r.batch.steps.flatMap((s) => (s.stmt.sql ? [s.stmt.sql] : [])) : []),
    ]);
  };
  const isRead = (sql: string) => /^\s*(with|select|begin|commit|rollback)\b/i.test(sql) && !/\binsert\b|\bupdate\b|\bdelete\b/i.test(sql);

  async function untilCounted(table: string, before: number): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const rs = await platform.client.execute(`select coalesce(sum(${table === "insight_searches" ? "searches" : "views"}), 0) as n from ${table}`);
      if (Number(rs.rows[0]?.n) > before) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no count landed in ${table}`);
  }
  const countOf = async (table: string) =>
    Number((await platform.client.execute(`select coalesce(sum(${table === "insight_searches" ? "searches" : "views"}), 0) as n from ${table}`)).rows[0]?.n);

  it("should read a search (results, total and facets) in one database request and count it in one write after", async () => {
    await search("q=subsidie"); // warm-up
    const before = await countOf("insight_searches");
    proxy.reset();
    const answer = await search("q=subsidie%20innovatie&region=zuid-limburg&audience=innovator");
    expect(answer.total).toBeGreaterThan(0);
    await untilCounted("insight_searches", before);
    const requests = proxy.requests.filter((r) => r.path.includes("pipeline"));
    const reads = requests.filter((r) => statementsOf(r.body).every(isRead));
    const writes = requests.filter((r) => !statementsOf(r.body).every(isRead));
    expect(reads).toHaveLength(1);
    expect(statementsOf(reads[0]?.body ?? "{}").filter((s) => /^\s*with/i.test(s))).toHaveLength(6);
    expect(writes).toHaveLength(1);
    expect(statementsOf(writes[0]?.body ?? "{}").join(" ")).toContain("insight_searches");
  });

  it("should read a next page in exactly one database request (pages are not counted)", async () => {
    const first = await search("topic=financiering&limit=3");
    proxy.reset();
    await search(`topic=financiering&limit=3&cursor=${encodeURIComponent(first.nextCursor ?? "")}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(proxy.requests.filter((r) => r.path.includes("pipeline"))).toHaveLength(1);
  });

  it("should read an offer with its related offers in one database request", async () => {
    const slug = (await search("q=personeel")).offers[0]?.slug ?? "";
    const before = await countOf("insight_offer_views");
    proxy.reset();
    const response = await platform.fetch(`/api/v1/offers/${slug}`);
    const { offer } = (await response.json()) as { offer: { related: Summary[]; topics: string[] } };
    expect(offer.related.length).toBeGreaterThan(0);
    expect(offer.related.every((r) => r.topics.some((t) => offer.topics.includes(t)))).toBe(true);
    await untilCounted("insight_offer_views", before);
    const requests = proxy.requests.filter((r) => r.path.includes("pipeline"));
    expect(requests.filter((r) => statementsOf(r.body).every(isRead))).toHaveLength(1);
    expect(requests).toHaveLength(2);
  });
});

describe("talk to a desk", () => {
  it("should forward to the booking page of the asked region with the offer's topic", async () => {
    const offer = (await search("q=exportspreekuur")).offers[0];
    const response = await platform.fetch(`/api/v1/offers/${offer?.slug}/talk-to-a-desk?region=noord-limburg&topic=internationaal`, { redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/boeken/noord-limburg?topic=internationaal");
  });

  it("should fall back to the organisation's home region when the offer does not serve the asked one", async () => {
    const offer = (await search("q=starterslening")).offers[0];
    const response = await platform.fetch(`/api/v1/offers/${offer?.slug}/talk-to-a-desk?region=noord-limburg&topic=personeel`, { redirect: "manual" });
    expect(response.headers.get("location")).toBe("/boeken/zuid-limburg?topic=financiering");
  });
});
