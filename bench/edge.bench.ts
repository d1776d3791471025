/**
 * Issue 12 side by side, in one run, through `npm start` (tools/dev.ts: libSQL server,
 * demo seed, `wrangler dev`) of both code bases: "before" (the code before the issue) and
 * "after" (this checkout), on ports 8171–8177 (BENCH_PORTS overrides the first; each
 * `npm start` also takes its web port + 3 for the KVK stub).
 *
 * 1. Round trips per request, counted by the libSQL server (`GET /__stats`).
 * 2. Latency model: every database answer delayed by 20 ms (LIBSQL_LATENCY_MS=20), one
 *    request at a time, interleaved: p50 per route.
 * 3. Throughput: no injected delay, 10 connections, requests per second per route beside
 *    the health route's, and the edge-cache hit rate of the cached routes.
 *
 * No side effects at import; bench/run.ts calls `runEdgeBench()`.
 */
import { load, median, percentile, prepareSides, signIn, startStack, type Side, type Stack } from "./harness";

const LATENCY_MS = 20;
const LATENCY_RUNS = Number(process.env.BENCH_LATENCY_RUNS ?? 40);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 8);
const CONNECTIONS = 10;
const DEMO = { viewer: "provincie@limburg.test", password: "MKB-demo-2027!" };

interface Target {
  stack: Stack;
  deskId: string;
  cookie: string;
  /** Free places for bookings, consumed one by one. */
  starts: string[];
}

async function prepare(stack: Stack): Promise<Target> {
  const desks = (await (await fetch(`${stack.url}/api/v1/regions/zuid-limburg/frontdesks`)).json()) as { frontdesks: { id: string; name: string }[] };
  const deskId = desks.frontdesks[0]?.id;
  if (!deskId) throw new Error("no demo desk in zuid-limburg");
  const cookie = await signIn((path, init) => fetch(`${stack.url}${path}`, init), DEMO.viewer, DEMO.password, stack.url.replace("127.0.0.1", "localhost"));
  const starts: string[] = [];
  for (const id of desks.frontdesks.map((d) => d.id)) {
    const today = new Date();
    const from = new Date(today.getTime() + 8 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(today.getTime() + 50 * 86_400_000).toISOString().slice(0, 10);
    const slots = (await (await fetch(`${stack.url}/api/v1/regions/zuid-limburg/frontdesks/${id}/slots?from=${from}&to=${to}`)).json()) as {
      slots: { start: string; remaining: number }[];
    };
    for (const s of slots.slots) for (let i = 0; i < s.remaining; i++) starts.push(`${id}|${s.start}`);
  }
  return { stack, deskId, cookie, starts };
}

interface Route {
  name: string;
  request(t: Target): { url: string; init?: RequestInit };
  status: number;
}

const routes: Route[] = [
  { name: "GET /api/v1/health", request: (t) => ({ url: `${t.stack.url}/api/v1/health` }), status: 200 },
  {
    name: "GET …/frontdesks/{id}/slots (14 days)",
    request: (t) => ({ url: `${t.stack.url}/api/v1/regions/zuid-limburg/frontdesks/${t.deskId}/slots` }),
    status: 200,
  },
  { name: "GET …/slots/earliest", request: (t) => ({ url: `${t.stack.url}/api/v1/regions/zuid-limburg/slots/earliest` }), status: 200 },
  { name: "GET …/frontdesks/{id}", request: (t) => ({ url: `${t.stack.url}/api/v1/regions/zuid-limburg/frontdesks/${t.deskId}` }), status: 200 },
  { name: "GET / (home page)", request: (t) => ({ url: `${t.stack.url}/` }), status: 200 },
  { name: "GET /boeken/zuid-limburg (region page)", request: (t) => ({ url: `${t.stack.url}/boeken/zuid-limburg` }), status: 200 },
  { name: "GET /boeken/…/loket/{id} (desk page)", request: (t) => ({ url: `${t.stack.url}/boeken/zuid-limburg/loket/${t.deskId}` }), status: 200 },
  {
    name: "POST …/appointments (booking)",
    request: (t) => {
      const [deskId, start] = (t.starts.shift() ?? "|").split("|");
      return {
        url: `${t.stack.url}/api/v1/regions/zuid-limburg/appointments`,
        init: {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            frontdeskId: deskId,
            start,
            mode: "in_person",
            topic: "financiering",
            entrepreneur: { name: "Bench", email: "bench@voorbeeld.test" },
            consent: true,
          }),
        },
      };
    },
    status: 201,
  },
  {
    name: "GET /api/v1/province/summary (signed in)",
    request: (t) => ({ url: `${t.stack.url}/api/v1/province/summary`, init: { headers: { cookie: t.cookie } } }),
    status: 200,
  },
];

async function stats(stack: Stack): Promise<number> {
  return ((await (await fetch(`${stack.dbUrl}/__stats`)).json()) as { requests: number }).requests;
}

async function once(t: Target, route: Route): Promise<number> {
  const { url, init } = route.request(t);
  const t0 = performance.now();
  const response = await fetch(url, init);
  await response.arrayBuffer();
  const ms = performance.now() - t0;
  if (response.status !== route.status) throw new Error(`${route.name}: ${response.status}`);
  return ms;
}

async function withStacks<T>(latencyMs: number, fn: (targets: { before: Target; after: Target }) => Promise<T>): Promise<T> {
  const { before, after } = prepareSides();
  const base = Number(process.env.BENCH_PORTS ?? 8171);
  const start = (side: Side, offset: number) => startStack(side, { web: base + offset, db: base + offset + 1 }, latencyMs);
  const stacks = { after: await start(after, 0), before: await start(before, 5) };
  try {
    return await fn({ before: await prepare(stacks.before), after: await prepare(stacks.after) });
  } finally {
    await stacks.after.stop();
    await stacks.before.stop();
  }
}

/** Runs the edge benchmark and returns a markdown section for bench/RESULTS.md. */
export async function runEdgeBench(): Promise<{ title: string; markdown: string }> {
  const { before, after } = prepareSides();
  // 1 + 2: round trips and latency with 20 ms per database answer.
  const latency = await withStacks(LATENCY_MS, async (targets) => {
    const trips = new Map<string, { before: number; after: number }>();
    const times = new Map<string, { before: number[]; after: number[] }>();
    for (const route of routes) {
      // Warm-up (isolate, configuration in memory, connections), then the round trips of one request.
      for (const side of ["before", "after"] as const) {
        for (let i = 0; i < 3; i++) await once(targets[side], route);
      }
      const counted = { before: 0, after: 0 };
      for (const side of ["before", "after"] as const) {
        const s0 = await stats(targets[side].stack);
        await once(targets[side], route);
        await new Promise((resolve) => setTimeout(resolve, 300));
        counted[side] = (await stats(targets[side].stack)) - s0;
      }
      trips.set(route.name, counted);
      const measured = { before: [] as number[], after: [] as number[] };
      for (let i = 0; i < LATENCY_RUNS; i++) {
        for (const side of i % 2 ? (["before", "after"] as const) : (["after", "before"] as const)) measured[side].push(await once(targets[side], route));
      }
      times.set(route.name, measured);
    }
    return { trips, times };
  });

  // 3: throughput without injected delay.
  const throughput = await withStacks(0, async (targets) => {
    const loaded = routes.filter((r) => !r.name.startsWith("POST"));
    const results = new Map<string, { before: number; after: number; hits: number; misses: number }>();
    for (const route of loaded) {
      const rps = { before: [] as number[], after: [] as number[] };
      let hits = 0;
      let misses = 0;
      for (let round = 0; round < 2; round++) {
        for (const side of round % 2 ? (["before", "after"] as const) : (["after", "before"] as const)) {
          const result = await load(() => route.request(targets[side]), CONNECTIONS, LOAD_SECONDS);
          if (result.errors > 0) throw new Error(`${route.name} (${side}): ${result.errors} errors under load`);
          rps[side].push(result.rps);
          if (side === "after") {
            hits += result.hits;
            misses += result.misses;
          }
        }
      }
      results.set(route.name, { before: median(rps.before), after: median(rps.after), hits, misses });
    }
    return results;
  });

  const health = "GET /api/v1/health";
  const p50 = (name: string, side: "before" | "after") => median(latency.times.get(name)?.[side] ?? []);
  const p95 = (name: string, side: "before" | "after") => percentile(latency.times.get(name)?.[side] ?? [], 95);
  const latencyTargets: Record<string, string> = {
    "GET …/frontdesks/{id}/slots (14 days)": "p50 ≤ 35 ms and ≤ 1.5× health",
    "GET /boeken/…/loket/{id} (desk page)": "p50 ≤ 35 ms",
    "GET /boeken/zuid-limburg (region page)": "p50 ≤ 40 ms",
    "POST …/appointments (booking)": "p50 ≤ 60 ms",
    "GET /api/v1/province/summary (signed in)": "≤ 2× health (almost empty database)",
  };
  const check = (name: string): string => {
    const ms = p50(name, "after");
    const ratio = ms / p50(health, "after");
    if (name.includes("slots (14")) return ms <= 35 && ratio <= 1.5 ? "✓" : "✗";
    if (name.includes("desk page")) return ms <= 35 ? "✓" : "✗";
    if (name.includes("region page")) return ms <= 40 ? "✓" : "✗";
    if (name.includes("booking")) return ms <= 60 ? "✓" : "✗";
    if (name.includes("summary")) return ratio <= 2 ? "✓" : "✗";
    return "";
  };
  const tripRows = routes.map((r) => {
    const t = latency.trips.get(r.name) ?? { before: 0, after: 0 };
    return `| ${r.name} | ${t.before} | ${t.after} |`;
  });
  const latencyRows = routes.map(
    (r) =>
      `| ${r.name} | ${p50(r.name, "before").toFixed(1)} | ${p50(r.name, "after").toFixed(1)} | ${p95(r.name, "after").toFixed(1)} | ${(p50(r.name, "after") / p50(health, "after")).toFixed(2)}× | ${latencyTargets[r.name] ? `${latencyTargets[r.name]} ${check(r.name)}` : "–"} |`,
  );
  const h = throughput.get(health) ?? { before: 1, after: 1, hits: 0, misses: 0 };
  const throughputRows = [...throughput.entries()].map(([name, r]) => {
    const target = name.includes("slots") || name.includes("earliest") ? ` (target ≥ 70% ${r.after / h.after >= 0.7 ? "✓" : "✗"})` : "";
    const hitRate = r.hits + r.misses > 0 ? `${((100 * r.hits) / (r.hits + r.misses)).toFixed(1)}%` : "–";
    return `| ${name} | ${r.before.toFixed(0)} | ${((100 * r.before) / h.before).toFixed(0)}% | ${r.after.toFixed(0)} | ${((100 * r.after) / h.after).toFixed(0)}%${target} | ${hitRate} |`;
  });
  const markdown = [
    `Both code bases through \`npm start\` on the same machine in the same run: ${before.label} and ${after.label}, each with a fresh database and the demo data (3 regions, 13 desks). Region zuid-limburg, its first desk.`,
    "",
    "### Round trips per request (counted by the libSQL server)",
    "",
    "After a few warm-up requests; bookings counted before the answer plus what runs after it (mail delivery is off in `npm start` without a mail transport).",
    "",
    "| request | before | after |",
    "| --- | ---: | ---: |",
    ...tripRows,
    "",
    `### Latency with ${LATENCY_MS} ms per database round trip (LIBSQL_LATENCY_MS=${LATENCY_MS})`,
    "",
    `${LATENCY_RUNS} requests per route and side, one at a time, before and after interleaved. ms.`,
    "",
    "| request | before p50 | after p50 | after p95 | after ÷ health | target |",
    "| --- | ---: | ---: | ---: | ---: | --- |",
    ...latencyRows,
    "",
    `### Throughput, ${CONNECTIONS} connections, no injected delay`,
    "",
    `Requests per second over ${LOAD_SECONDS} s, twice per side (alternating order), median; share of the health route's rate; edge-cache hits among the after side's cached answers.`,
    "",
    "| request | before req/s | before ÷ health | after req/s | after ÷ health | cache hits |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...throughputRows,
  ].join("\n");
  return { title: "Edge reads: round trips, latency model and throughput (issue 12, before and after)", markdown };
}
