import { LibsqlError, createClient } from "@libsql/client";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startLibsqlServer } from "../../tools/libsql-server/server.js";
import { startOnTempFile, tempDir } from "./helpers.js";

const cleanups: (() => Promise<void> | void)[] = [];

// 1000 writes through HTTP take a few seconds on an idle machine and far longer when the
// machine is shared; what these tests check does not depend on how long it takes.
const HEAVY_MS = 180_000;

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(opts: Parameters<typeof startOnTempFile>[0] = {}) {
  const s = await startOnTempFile(opts);
  cleanups.push(s.stop);
  const admin = createClient({ url: s.server.url });
  cleanups.push(() => admin.close());
  await admin.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, client INTEGER, n INTEGER)");
  return { ...s, admin };
}

function clients(url: string, n: number) {
  const list = Array.from({ length: n }, () => createClient({ url }));
  cleanups.push(() => {
    for (const c of list) c.close();
  });
  return list;
}

async function total(admin: ReturnType<typeof createClient>): Promise<number> {
  const rs = await admin.execute("SELECT count(*) AS n, count(DISTINCT client || '-' || n) AS d FROM t");
  expect(rs.rows[0]?.n).toBe(rs.rows[0]?.d);
  return Number(rs.rows[0]?.n);
}

describe("concurrent writers", { timeout: HEAVY_MS }, () => {
  it("should keep all 1000 rows when 20 clients each execute 50 inserts", async () => {
    const { server, admin } = await setup();
    await Promise.all(
      clients(server.url, 20).map(async (c, ci) => {
        for (let i = 0; i < 50; i++) await c.execute({ sql: "INSERT INTO t (client, n) VALUES (?, ?)", args: [ci, i] });
      }),
    );
    expect(await total(admin)).toBe(1000);
  });

  it("should keep all 1000 rows when 20 clients each run 50 write batches", async () => {
    const { server, admin } = await setup();
    await Promise.all(
      clients(server.url, 20).map(async (c, ci) => {
        for (let i = 0; i < 50; i++) {
          await c.batch([{ sql: "INSERT INTO t (client, n) VALUES (?, ?)", args: [ci, i] }, "SELECT count(*) FROM t"], "write");
        }
      }),
    );
    expect(await total(admin)).toBe(1000);
  });

  it("should keep all 1000 rows when 20 clients each run 50 interactive write transactions", async () => {
    const { server, admin } = await setup();
    await Promise.all(
      clients(server.url, 20).map(async (c, ci) => {
        for (let i = 0; i < 50; i++) {
          const tx = await c.transaction("write");
          const rs = await tx.execute("SELECT count(*) AS n FROM t");
          await tx.execute({ sql: "INSERT INTO t (client, n) VALUES (?, ?)", args: [ci, Number(rs.rows[0]?.n) * 0 + i] });
          await tx.commit();
        }
      }),
    );
    expect(await total(admin)).toBe(1000);
  });

  it("should queue writers for as long as the transactions ahead of them make progress, longer than busyTimeoutMs in all", async () => {
    // Ten write transactions that each hold the lock for 150 ms: the last one waits ~1.4 s in all, far past
    // busyTimeoutMs (300 ms), yet it never waits 300 ms without the queue moving, so nobody gets SQLITE_BUSY.
    // (A machine under load stretches every transaction the same way; this is that case, made deterministic.)
    const { server, admin } = await setup({ busyTimeoutMs: 300, writeLockTimeoutMs: 60_000 });
    const started = Date.now();
    await Promise.all(
      clients(server.url, 10).map(async (c, ci) => {
        const tx = await c.transaction("write");
        await tx.execute({ sql: "INSERT INTO t (client, n) VALUES (?, 1)", args: [ci] });
        await new Promise((r) => setTimeout(r, 150));
        await tx.commit();
      }),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    expect(await total(admin)).toBe(10);
  });

  it("should give up with SQLITE_BUSY when the lock holder makes no progress for busyTimeoutMs", async () => {
    const { server, admin } = await setup({ busyTimeoutMs: 300, writeLockTimeoutMs: 60_000 });
    const [a, b] = clients(server.url, 2);
    if (a === undefined || b === undefined) throw new Error("unreachable");
    const tx = await a.transaction("write");
    await tx.execute("INSERT INTO t (client, n) VALUES (1, 1)");
    const e = await b.execute("INSERT INTO t (client, n) VALUES (2, 2)").then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(LibsqlError);
    expect((e as LibsqlError).code).toBe("SQLITE_BUSY");
    await tx.commit();
    expect(await total(admin)).toBe(1);
  });

  it("should queue deferred transactions that write behind an open write transaction", async () => {
    const { server, admin } = await setup();
    const [a, b] = clients(server.url, 2);
    if (a === undefined || b === undefined) throw new Error("unreachable");
    const tx = await a.transaction("write");
    await tx.execute("INSERT INTO t (client, n) VALUES (1, 1)");
    const waiting = b.batch(["INSERT INTO t (client, n) VALUES (2, 2)"], "deferred");
    await new Promise((r) => setTimeout(r, 100));
    await tx.commit();
    await waiting;
    expect(await total(admin)).toBe(2);
  });
});

describe("locks and expiry", () => {
  it("should roll back an abandoned write transaction after writeLockTimeoutMs so another writer proceeds", async () => {
    const { server, admin } = await setup({ writeLockTimeoutMs: 300, streamIdleMs: 60_000 });
    const [a, b] = clients(server.url, 2);
    if (a === undefined || b === undefined) throw new Error("unreachable");
    // Timed from before the lock is taken, so the bound holds however slowly the answers travel.
    const started = Date.now();
    const tx = await a.transaction("write");
    await tx.execute("INSERT INTO t (client, n) VALUES (1, 1)");
    // Without the roll-back this would fail with SQLITE_BUSY after busyTimeoutMs (5 s).
    await b.execute("INSERT INTO t (client, n) VALUES (2, 2)");
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    // The abandoned transaction was rolled back and its stream cannot be used any more.
    const e = await tx.execute("INSERT INTO t (client, n) VALUES (1, 2)").then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(LibsqlError);
    expect((e as LibsqlError).code).toBe("TRANSACTION_TIMEOUT");
    const rs = await admin.execute("SELECT client FROM t");
    expect(rs.rows.map((r) => r.client)).toEqual([2]);
  });

  it("should not roll back a write transaction nobody is waiting for", async () => {
    const { server, admin } = await setup({ writeLockTimeoutMs: 100, streamIdleMs: 60_000 });
    const [a] = clients(server.url, 1);
    if (a === undefined) throw new Error("unreachable");
    const tx = await a.transaction("write");
    await tx.execute("INSERT INTO t (client, n) VALUES (1, 1)");
    await new Promise((r) => setTimeout(r, 300));
    await tx.execute("INSERT INTO t (client, n) VALUES (1, 2)");
    await tx.commit();
    expect(await total(admin)).toBe(2);
  });

  it("should expire an idle stream, roll back its transaction and refuse its baton afterwards", async () => {
    // No lock stealing and no giving up within the test: only the expiry can release the lock.
    const { server, admin } = await setup({ streamIdleMs: 200, writeLockTimeoutMs: 60_000, busyTimeoutMs: 60_000 });
    const [a] = clients(server.url, 1);
    if (a === undefined) throw new Error("unreachable");
    const tx = await a.transaction("write");
    await tx.execute("INSERT INTO t (client, n) VALUES (1, 1)");
    await new Promise((r) => setTimeout(r, 1000));
    // The lock was released: another writer does not wait (had it to wait, it would wait for a minute).
    const started = Date.now();
    await admin.execute("INSERT INTO t (client, n) VALUES (2, 2)");
    expect(Date.now() - started).toBeLessThan(10_000);
    const e = await tx.commit().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(LibsqlError);
    expect((e as LibsqlError).code).toBe("STREAM_EXPIRED");
    const rs = await admin.execute("SELECT client FROM t");
    expect(rs.rows.map((r) => r.client)).toEqual([2]);
  });
});

describe("persistence and auth", () => {
  it("should keep committed data across a server restart on the same file", async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const path = join(dir, "restart.db");
    const first = await startLibsqlServer({ path, port: 0 });
    const c1 = createClient({ url: first.url });
    await c1.execute("CREATE TABLE k (v TEXT)");
    await c1.batch(["INSERT INTO k VALUES ('one')", "INSERT INTO k VALUES ('two')"], "write");
    c1.close();
    await first.close();
    const second = await startLibsqlServer({ path, port: 0 });
    cleanups.push(() => second.close());
    const c2 = createClient({ url: second.url });
    cleanups.push(() => c2.close());
    const rs = await c2.execute("SELECT v FROM k ORDER BY rowid");
    expect(rs.rows.map((r) => r.v)).toEqual(["one", "two"]);
  });

  it("should require, accept and reject the auth token", async () => {
    const s = await startOnTempFile({ authToken: "s3cret" });
    cleanups.push(s.stop);
    const good = createClient({ url: s.server.url, authToken: "s3cret" });
    const bad = createClient({ url: s.server.url, authToken: "wrong" });
    const none = createClient({ url: s.server.url });
    cleanups.push(() => {
      good.close();
      bad.close();
      none.close();
    });
    const rs = await good.execute("SELECT 1 AS one");
    expect(rs.rows[0]?.one).toBe(1);
    for (const c of [bad, none]) {
      const e = await c.execute("SELECT 1").then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(LibsqlError);
      expect((e as LibsqlError).code).toBe("UNAUTHORIZED");
    }
  });
});
