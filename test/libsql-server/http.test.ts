import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LibsqlServer } from "../../tools/libsql-server/server.js";
import { pipeline, startOnTempFile } from "./helpers.js";

let server: LibsqlServer;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ server, stop } = await startOnTempFile({ authToken: "tok" }));
});

afterAll(async () => {
  await stop();
});

const auth = { authorization: "Bearer tok" };

describe("raw HTTP", () => {
  it("should answer 200 on GET /v2 and /health and 404 on /v3, /v3-protobuf and unknown paths", async () => {
    expect((await fetch(`${server.url}/v2`)).status).toBe(200);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    for (const p of ["/v3", "/v3-protobuf", "/v3/pipeline", "/nope"]) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/json");
    }
  });

  it("should answer 401 with a JSON error without a valid token", async () => {
    const variants: Record<string, string>[] = [{}, { authorization: "Bearer nope" }, { authorization: "Basic tok" }];
    for (const headers of variants) {
      const res = await pipeline(server.url, { requests: [] }, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(await res.json()).toMatchObject({ code: "UNAUTHORIZED" });
    }
  });

  it("should answer 400 with an exact application/json error for bad JSON and bad shapes", async () => {
    for (const body of ["{not json", JSON.stringify({ requests: "x" }), JSON.stringify({ requests: [{ type: "frobnicate" }] })]) {
      const res = await pipeline(server.url, body, auth);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/json");
      const json = (await res.json()) as { message: unknown; code: unknown };
      expect(typeof json.message).toBe("string");
      expect(typeof json.code).toBe("string");
    }
  });

  it("should answer 400 for an unknown baton and for a baton used twice", async () => {
    const unknown = await pipeline(server.url, { baton: "made-up", requests: [] }, auth);
    expect(unknown.status).toBe(400);
    const open = await pipeline(server.url, { requests: [{ type: "execute", stmt: { sql: "SELECT 1" } }] }, auth);
    const { baton } = (await open.json()) as { baton: string };
    expect(typeof baton).toBe("string");
    const next = await pipeline(server.url, { baton, requests: [{ type: "get_autocommit" }] }, auth);
    expect(next.status).toBe(200);
    const nextBody = (await next.json()) as { baton: string; results: unknown[] };
    expect(nextBody.baton).not.toBe(baton);
    expect(nextBody.results).toEqual([{ type: "ok", response: { type: "get_autocommit", is_autocommit: true } }]);
    const reused = await pipeline(server.url, { baton, requests: [] }, auth);
    expect(reused.status).toBe(400);
    const closed = await pipeline(server.url, { baton: nextBody.baton, requests: [{ type: "close" }] }, auth);
    expect(((await closed.json()) as { baton: unknown }).baton).toBeNull();
  });

  it("should run every request of a pipeline in order and report each result", async () => {
    const res = await pipeline(
      server.url,
      {
        requests: [
          { type: "store_sql", sql_id: 0, sql: "SELECT ? + 1" },
          { type: "execute", stmt: { sql: "SELEC nonsense" } },
          { type: "execute", stmt: { sql_id: 0, args: [{ type: "integer", value: "41" }] } },
          { type: "execute", stmt: { sql: "SELECT ?", args: [{ type: "integer", value: "1" }], named_args: [{ name: "a", value: { type: "null" } }] } },
          { type: "batch", batch: { steps: [{ stmt: { sql: "SELECT 1" } }, { condition: { type: "error", step: 0 }, stmt: { sql: "SELECT 2" } }] } },
          { type: "describe", sql: "SELECT :a, ? AS b" },
          { type: "close_sql", sql_id: 0 },
          { type: "execute", stmt: { sql_id: 0 } },
          { type: "close" },
        ],
      },
      auth,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { baton: unknown; results: { type: string; response?: { result?: unknown }; error?: { code: string } }[] };
    expect(body.baton).toBeNull();
    expect(body.results.map((r) => r.type)).toEqual(["ok", "error", "ok", "error", "ok", "ok", "ok", "error", "ok"]);
    expect(body.results[1]?.error?.code).toBe("SQLITE_ERROR");
    expect(body.results[2]?.response?.result).toMatchObject({ rows: [[{ type: "integer", value: "42" }]], affected_row_count: 0, last_insert_rowid: null });
    expect(body.results[3]?.error?.code).toBe("ARGS_BOTH_POSITIONAL_AND_NAMED");
    expect(body.results[4]?.response?.result).toMatchObject({ step_results: [{ rows: [[{ type: "integer", value: "1" }]] }, null], step_errors: [null, null] });
    expect(body.results[5]?.response?.result).toMatchObject({ params: [{ name: ":a" }, { name: null }], is_readonly: true, is_explain: false });
  });

  it("should reject an oversized body with 413", async () => {
    const big = JSON.stringify({ requests: [{ type: "execute", stmt: { sql: `SELECT '${"x".repeat(11 * 1024 * 1024)}'` } }] });
    // The server reads the rest of the body before refusing it, so the client gets the 413 (not a reset).
    const res = await pipeline(server.url, big, auth);
    expect(res.status).toBe(413);
    const after = await pipeline(server.url, { requests: [{ type: "close" }] }, auth);
    expect(after.status).toBe(200);
  });
});
