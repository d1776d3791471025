import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LibsqlServer } from "../../tools/libsql-server/server.js";
import { pipeline, startOnTempFile } from "./helpers.js";

let server: LibsqlServer;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ server, stop } = await startOnTempFile());
});

afterAll(async () => {
  await stop();
});

type Result = { type: "ok"; response: { type: string; result?: unknown } } | { type: "error"; error: { message: string; code: string } };

/** One pipeline on a stream; returns the next baton and the results. */
async function send(baton: string | null, requests: unknown[]): Promise<{ baton: string | null; results: Result[] }> {
  const res = await pipeline(server.url, { baton, requests });
  expect(res.status).toBe(200);
  return (await res.json()) as { baton: string | null; results: Result[] };
}

const exec = (sql: string) => ({ type: "execute", stmt: { sql } });

function expectOk(results: Result[]): void {
  for (const r of results) if (r.type === "error") expect.fail(`${r.error.code}: ${r.error.message}`);
}

describe("schema changes seen by other streams", () => {
  it("should use the new columns on another stream's connection after DROP TABLE and CREATE TABLE", async () => {
    let a = await send(null, [exec("CREATE TABLE s1 (x)")]);
    let b = await send(null, [exec("INSERT INTO s1 VALUES (1)"), exec("SELECT * FROM s1")]);
    expectOk(b.results);
    a = await send(a.baton, [exec("DROP TABLE s1"), exec("CREATE TABLE s1 (x, y)")]);
    expectOk(a.results);
    b = await send(b.baton, [exec("INSERT INTO s1 VALUES (2, 3)"), { type: "sequence", sql: "INSERT INTO s1 VALUES (4, 5);" }, exec("SELECT * FROM s1")]);
    expectOk(b.results);
    const last = b.results[2] as { response: { result: { cols: { name: string }[]; rows: unknown[] } } };
    expect(last.response.result.cols.map((c) => c.name)).toEqual(["x", "y"]);
    expect(last.response.result.rows).toHaveLength(2);
    await send(a.baton, [{ type: "close" }]);
    await send(b.baton, [{ type: "close" }]);
  });

  it("should see the new schema in a transaction that began before the change", async () => {
    let a = await send(null, [exec("CREATE TABLE s2 (x)")]);
    let b = await send(null, [exec("SELECT * FROM s2"), exec("BEGIN DEFERRED")]);
    expectOk(b.results);
    a = await send(a.baton, [exec("DROP TABLE s2"), exec("CREATE TABLE s2 (x, y)")]);
    expectOk(a.results);
    b = await send(b.baton, [exec("INSERT INTO s2 VALUES (1, 2)"), exec("COMMIT")]);
    expectOk(b.results);
    await send(a.baton, [{ type: "close" }]);
    await send(b.baton, [{ type: "close" }]);
  });

  it("should insert with the new columns through a pooled connection of @libsql/client", async () => {
    const c = createClient({ url: server.url });
    try {
      await c.execute("CREATE TABLE s3 (x)");
      // Hold one connection in a transaction so that the next execute opens (and pools) a second one.
      const tx = await c.transaction("read");
      await tx.execute("SELECT * FROM s3");
      await c.execute("SELECT * FROM s3");
      await tx.commit();
      await c.executeMultiple("DROP TABLE s3; CREATE TABLE s3 (x, y);");
      const tx2 = await c.transaction("read");
      await tx2.execute("SELECT 1");
      await c.execute("INSERT INTO s3 VALUES (1, 2)");
      await tx2.commit();
      const rs = await c.execute("SELECT x, y FROM s3");
      expect(rs.rows.map((r) => [r.x, r.y])).toEqual([[1, 2]]);
    } finally {
      c.close();
    }
  });
});

describe("describe", () => {
  it("should name numbered parameters ?NNN as SQLite does, and leave bare ? unnamed", async () => {
    const { results } = await send(null, [
      { type: "describe", sql: "SELECT ?3" },
      { type: "describe", sql: "SELECT :a, ?1, ?, @b" },
      { type: "describe", sql: "SELECT ?2, ?" },
      { type: "close" },
    ]);
    expectOk(results);
    const params = results.slice(0, 3).map((r) => (r as { response: { result: { params: { name: string | null }[] } } }).response.result.params);
    expect(params[0]).toEqual([{ name: null }, { name: null }, { name: "?3" }]);
    expect(params[1]).toEqual([{ name: ":a" }, { name: null }, { name: "@b" }]);
    expect(params[2]).toEqual([{ name: null }, { name: "?2" }, { name: null }]);
  });
});

describe("oversize bodies", () => {
  // 20 MiB: well past the 10 MiB limit, so a server that answers before reading the rest resets the upload (EPIPE).
  const big = JSON.stringify({ requests: [exec(`SELECT '${"x".repeat(20 * 1024 * 1024)}'`)] });

  it("should answer every oversize body with 413 (read to the end first), declared or chunked, on a connection that stays usable", async () => {
    for (let i = 0; i < 6; i++) {
      const chunked = i % 2 === 1;
      const bytes = new TextEncoder().encode(big);
      const body = chunked
        ? new ReadableStream<Uint8Array>({
            start(controller) {
              for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.subarray(at, at + 64 * 1024));
              controller.close();
            },
          })
        : big;
      const res = await fetch(`${server.url}/v2/pipeline`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        ...(chunked ? { duplex: "half" } : {}),
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(await res.json()).toMatchObject({ code: "BODY_TOO_LARGE" });
      const after = await pipeline(server.url, { requests: [{ type: "close" }] });
      expect(after.status).toBe(200);
    }
  });
});
