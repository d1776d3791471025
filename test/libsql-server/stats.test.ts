import { createClient } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";
import type { LibsqlServerStats } from "../../tools/libsql-server/server.js";
import { startOnTempFile } from "./helpers.js";

// Hooks for the round-trip budgets of issue 12: the server counts what reaches
// it, and can delay every answer to model the edge-to-database hop.

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(opts: Parameters<typeof startOnTempFile>[0] = {}) {
  const s = await startOnTempFile(opts);
  cleanups.push(s.stop);
  const client = createClient({ url: s.server.url });
  cleanups.push(() => client.close());
  return { ...s, client };
}

async function statsOverHttp(url: string, headers: Record<string, string> = {}): Promise<LibsqlServerStats> {
  const res = await fetch(`${url}/__stats`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/json");
  return (await res.json()) as LibsqlServerStats;
}

describe("request statistics", () => {
  it("should count HTTP requests, pipelines and statements, the same in stats() and GET /__stats, until resetStats()", async () => {
    const { server, client } = await setup();
    expect(server.stats()).toEqual({ requests: 0, pipelines: 0, statements: 0 });

    await client.execute("CREATE TABLE t (v INTEGER)");
    expect(server.stats()).toEqual({ requests: 1, pipelines: 1, statements: 1 });

    // A client batch is one round trip: BEGIN IMMEDIATE, the two statements and COMMIT run; the ROLLBACK step is skipped.
    await client.batch(["INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)"], "write");
    expect(server.stats()).toEqual({ requests: 2, pipelines: 2, statements: 5 });

    await client.executeMultiple("INSERT INTO t VALUES (3); INSERT INTO t VALUES (4); SELECT 1;");
    expect(server.stats()).toEqual({ requests: 3, pipelines: 3, statements: 8 });

    // Only POST /v2/pipeline is a pipeline; /__stats itself is never counted.
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(await statsOverHttp(server.url)).toEqual({ requests: 4, pipelines: 3, statements: 8 });
    expect(await statsOverHttp(server.url)).toEqual(server.stats());

    server.resetStats();
    expect(server.stats()).toEqual({ requests: 0, pipelines: 0, statements: 0 });
    const tx = await client.transaction("read");
    await tx.execute("SELECT count(*) FROM t");
    await tx.execute("SELECT max(v) FROM t");
    await tx.commit();
    expect(server.stats()).toMatchObject({ requests: 3, pipelines: 3 });
  });

  it("should count a pipeline that fails as a round trip too", async () => {
    const { server, client } = await setup();
    await expect(client.execute("SELEC nonsense")).rejects.toThrow(/syntax error/);
    const res = await fetch(`${server.url}/v2/pipeline`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(res.status).toBe(400);
    expect(server.stats()).toEqual({ requests: 2, pipelines: 2, statements: 1 });
  });

  it("should require the auth token for /__stats when the server has one", async () => {
    const { server } = await setup({ authToken: "tok" });
    expect((await fetch(`${server.url}/__stats`)).status).toBe(401);
    expect(await statsOverHttp(server.url, { authorization: "Bearer tok" })).toEqual({ requests: 0, pipelines: 0, statements: 0 });
  });
});

describe("modelled latency", () => {
  it("should delay every answer by latencyMs", async () => {
    const { client } = await setup({ latencyMs: 150 });
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await client.execute("SELECT 1");
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    }
    // A batch is one round trip, so one delay however many statements it holds.
    const started = performance.now();
    await client.batch(["SELECT 1", "SELECT 2", "SELECT 3"], "read");
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(145);
  });

  it("should take the delay from LIBSQL_LATENCY_MS when no option is given, and refuse a bad value", async () => {
    const before = process.env.LIBSQL_LATENCY_MS;
    try {
      process.env.LIBSQL_LATENCY_MS = "120";
      const { client } = await setup();
      const started = performance.now();
      await client.execute("SELECT 1");
      expect(performance.now() - started).toBeGreaterThanOrEqual(115);

      process.env.LIBSQL_LATENCY_MS = "fast";
      await expect(startOnTempFile()).rejects.toThrow(/LIBSQL_LATENCY_MS/);
    } finally {
      if (before === undefined) Reflect.deleteProperty(process.env, "LIBSQL_LATENCY_MS");
      else process.env.LIBSQL_LATENCY_MS = before;
    }
  });

  it("should not delay anything by default", async () => {
    const before = process.env.LIBSQL_LATENCY_MS;
    Reflect.deleteProperty(process.env, "LIBSQL_LATENCY_MS");
    try {
      const { server, client } = await setup();
      // Compared with a server that waits 800 ms per request, in the same run.
      const slow = await startOnTempFile({ latencyMs: 800 });
      cleanups.push(slow.stop);
      const slowClient = createClient({ url: slow.server.url });
      cleanups.push(() => slowClient.close());
      await client.execute("SELECT 1");
      await slowClient.execute("SELECT 1");
      const t0 = performance.now();
      await client.execute("SELECT 1");
      const fast = performance.now() - t0;
      const t1 = performance.now();
      await slowClient.execute("SELECT 1");
      const delayed = performance.now() - t1;
      expect(delayed).toBeGreaterThanOrEqual(795);
      expect(fast).toBeLessThan(delayed);
      expect(server.stats().pipelines).toBe(2);
    } finally {
      if (before !== undefined) process.env.LIBSQL_LATENCY_MS = before;
    }
  });
});
