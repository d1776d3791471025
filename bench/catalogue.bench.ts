// Catalogue search over the demo catalogue, through the real Worker in workerd (Miniflare)
// against the local libSQL server: latency per query next to the health route's floor, and
// the relevance table of the fixed queries (rank of the expected offer).
import { seedDemoData } from "../tools/seed/seed";
import { RELEVANCE_QUERIES } from "../test/support/catalogue";
import { startTestPlatform } from "../test/support/platform";

const RUNS = 200;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function runCatalogueBench(): Promise<{ title: string; markdown: string }> {
  const platform = await startTestPlatform();
  try {
    await seedDemoData(platform.dbUrl);
    const count = await platform.client.execute("select count(*) as n from offers where status = 'published'");
    const time = async (path: string): Promise<number> => {
      const t0 = performance.now();
      const response = await platform.fetch(path);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      return performance.now() - t0;
    };
    const firstSlug = ((await (await platform.fetch("/api/v1/offers?q=personeel")).json()) as { offers: { slug: string }[] }).offers[0]?.slug ?? "";
    const routes: [string, string][] = [
      ["GET /api/v1/health (one query)", "/api/v1/health"],
      ...RELEVANCE_QUERIES.slice(0, 5).map((r): [string, string] => [`GET /api/v1/offers?q=${r.q}`, `/api/v1/offers?q=${encodeURIComponent(r.q)}`]),
      ["GET /api/v1/offers (no words, all facets)", "/api/v1/offers"],
      ["GET /api/v1/offers?region=&topic=&audience= (filters only)", "/api/v1/offers?region=zuid-limburg&topic=financiering,subsidies&audience=starter"],
      ["GET /api/v1/offers?q=lening&municipality=Maastricht (local boost)", "/api/v1/offers?q=lening&municipality=Maastricht"],
      ["GET /api/v1/offers/{slug} (with related offers)", `/api/v1/offers/${firstSlug}`],
    ];
    const timings = routes.map(() => [] as number[]);
    for (let i = 0; i < 20; i++) for (const [, path] of routes) await time(path);
    for (let i = 0; i < RUNS; i++) for (const [j, [, path]] of routes.entries()) timings[j]?.push(await time(path));
    const floor = percentile(timings[0] ?? [], 50);
    const latency = routes.map(
      ([name], j) =>
        `| ${name} | ${percentile(timings[j] ?? [], 50).toFixed(2)} | ${percentile(timings[j] ?? [], 95).toFixed(2)} | ${(percentile(timings[j] ?? [], 50) / floor).toFixed(2)}× |`,
    );

    const relevance: string[] = [];
    for (const r of RELEVANCE_QUERIES) {
      const answer = (await (await platform.fetch(`/api/v1/offers?q=${encodeURIComponent(r.q)}&limit=10`)).json()) as {
        total: number;
        offers: { title: string }[];
      };
      const rank = answer.offers.findIndex((o) => o.title === r.expected) + 1;
      relevance.push(`| \`${r.q}\` | ${r.what} | ${r.expected} | ${rank || "–"} | ${answer.total} |`);
    }
    const markdown = [
      `${Number(count.rows[0]?.n)} published offers (the demo catalogue, contact points included); ${RUNS} sequential requests per route, interleaved, after 20 warm-up rounds; the Worker bundle in workerd talking to the local libSQL server over HTTP. Every search is one database round trip (results, total and four facets in one read batch).`,
      "",
      "| route | median ms | p95 ms | ÷ health median |",
      "| --- | ---: | ---: | ---: |",
      ...latency,
      "",
      "Relevance on the fixed queries (the test asserts rank ≤ 3):",
      "",
      "| query | what it tests | expected offer | rank | results |",
      "| --- | --- | --- | ---: | ---: |",
      ...relevance,
    ].join("\n");
    return { title: "Catalogue search", markdown };
  } finally {
    await platform.close();
  }
}
