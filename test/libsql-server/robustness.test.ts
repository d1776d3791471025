import { type Client, LibsqlError, createClient } from "@libsql/client";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type LibsqlServerOptions, startLibsqlServer } from "../../tools/libsql-server/server.js";
import { tempDir } from "./helpers.js";

// The `libsql` package aborts its process (a Rust panic, SIGABRT) when it reads
// a text value that is not valid UTF-8. The server runs the engine in a child
// process, so such a statement gets an error and the server keeps serving.

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(path: string, opts: Partial<LibsqlServerOptions> = {}) {
  const server = await startLibsqlServer({ path, port: 0, ...opts });
  const client = createClient({ url: server.url });
  const stop = async (): Promise<void> => {
    client.close();
    await server.close();
  };
  cleanups.push(stop);
  return { server, client, stop };
}

function dbFile(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return join(dir, "robust.db");
}

async function rejection(p: Promise<unknown>): Promise<LibsqlError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(LibsqlError);
  return e as LibsqlError;
}

async function answers(client: Client): Promise<void> {
  const rs = await client.execute("SELECT 40 + 2 AS n");
  expect(rs.rows[0]?.n).toBe(42);
}

// Each crash costs an engine restart (a new Node process): slow on a shared machine.
describe("statements that crash the libsql engine", { timeout: 120_000 }, () => {
  it("should answer SELECT CAST(x'ff' AS TEXT) and SELECT char(55296) with an error and keep serving", async () => {
    const { client } = await start(dbFile());
    await answers(client);
    for (const sql of ["SELECT CAST(x'ff' AS TEXT)", "SELECT char(55296)", "SELECT 1 AS ok, CAST(x'c3' AS TEXT) AS broken"]) {
      const e = await rejection(client.execute(sql));
      expect(e.code).toBe("ENGINE_CRASHED");
      expect(e.message).toContain("not valid UTF-8");
      await answers(client);
    }
  });

  it("should keep a stored invalid UTF-8 text readable as hex and answer reads of it with an error, also after a restart", async () => {
    const path = dbFile();
    const first = await start(path);
    await first.client.execute("CREATE TABLE k (id INTEGER PRIMARY KEY, v TEXT)");
    await first.client.execute("INSERT INTO k (id, v) VALUES (1, 'fine'), (2, CAST(x'ff' AS TEXT))");
    expect((await rejection(first.client.execute("SELECT v FROM k ORDER BY id"))).code).toBe("ENGINE_CRASHED");
    const safe = await first.client.execute("SELECT id, hex(v) AS h, typeof(v) AS t FROM k ORDER BY id");
    expect(safe.rows.map((r) => [r.id, r.h, r.t])).toEqual([
      [1, "66696E65", "text"],
      [2, "FF", "text"],
    ]);
    await first.stop();

    const second = await start(path);
    await answers(second.client);
    for (let i = 0; i < 2; i++) {
      expect((await rejection(second.client.execute("SELECT * FROM k"))).code).toBe("ENGINE_CRASHED");
      await answers(second.client);
    }
    // The value can be repaired through the server.
    await second.client.execute("UPDATE k SET v = 'repaired' WHERE id = 2");
    const rs = await second.client.execute("SELECT v FROM k ORDER BY id");
    expect(rs.rows.map((r) => r.v)).toEqual(["fine", "repaired"]);
  });

  it("should roll back the open transactions of other streams when the engine crashes, and refuse their batons with STREAM_LOST", async () => {
    const { client, server } = await start(dbFile());
    await client.execute("CREATE TABLE t (v INTEGER)");
    const other = createClient({ url: server.url });
    cleanups.push(() => other.close());
    const tx = await other.transaction("write");
    await tx.execute("INSERT INTO t VALUES (1)");
    expect((await rejection(client.execute("SELECT char(55296)"))).code).toBe("ENGINE_CRASHED");
    const lost = await rejection(tx.execute("INSERT INTO t VALUES (2)"));
    expect(lost.code).toBe("STREAM_LOST");
    // The write lock went with the engine: another writer does not wait.
    await client.execute("INSERT INTO t VALUES (3)");
    const rs = await client.execute("SELECT v FROM t");
    expect(rs.rows.map((r) => r.v)).toEqual([3]);
  });

  it("should kill and restart an engine stuck in a runaway statement after engineTimeoutMs", async () => {
    const { client } = await start(dbFile(), { engineTimeoutMs: 1000 });
    const e = await rejection(client.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"));
    expect(e.code).toBe("ENGINE_CRASHED");
    expect(e.message).toContain("did not answer");
    await answers(client);
  });

  it("should not kill an engine whose requests are only waiting for the write lock", async () => {
    // The engine answers the watchdog's pings while requests wait for the lock: three timeouts pass without a kill.
    const { client, server } = await start(dbFile(), { engineTimeoutMs: 1000, writeLockTimeoutMs: 60_000, busyTimeoutMs: 60_000 });
    await client.execute("CREATE TABLE t (v INTEGER)");
    const holder = createClient({ url: server.url });
    cleanups.push(() => holder.close());
    const tx = await holder.transaction("write");
    await tx.execute("INSERT INTO t VALUES (1)");
    const waiting = client.execute("INSERT INTO t VALUES (2)");
    await new Promise((r) => setTimeout(r, 3000));
    await tx.commit();
    await waiting;
    const rs = await client.execute("SELECT v FROM t ORDER BY v");
    expect(rs.rows.map((r) => r.v)).toEqual([1, 2]);
  });

  it("should refuse to start on a file that is not a database, with the engine's reason", async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const path = join(dir, "not-a-db");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path, "this is not a database file, just text that is long enough to fill a header ".repeat(20));
    await expect(startLibsqlServer({ path, port: 0 })).rejects.toThrow(/could not start.*not a database/i);
  });
});
