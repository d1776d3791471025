import { type Client, LibsqlError, createClient } from "@libsql/client";
import { createClient as createWebClient } from "@libsql/client/web";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { LibsqlServer } from "../../tools/libsql-server/server.js";
import { startOnTempFile } from "./helpers.js";

let server: LibsqlServer;
let stop: () => Promise<void>;
let client: Client;

beforeAll(async () => {
  ({ server, stop } = await startOnTempFile());
});

afterAll(async () => {
  await stop();
});

beforeEach(async () => {
  client = createClient({ url: server.url, intMode: "bigint" });
  await client.executeMultiple(`
    DROP TABLE IF EXISTS t;
    CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, data BLOB);
  `);
});

afterEach(() => {
  client.close();
});

async function count(): Promise<bigint> {
  const rs = await client.execute("SELECT count(*) AS n FROM t");
  return rs.rows[0]?.n as bigint;
}

async function rejection(p: Promise<unknown>): Promise<LibsqlError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(LibsqlError);
  return e as LibsqlError;
}

describe("execute", () => {
  it("should bind positional arguments", async () => {
    const rs = await client.execute({ sql: "SELECT ? AS a, ? AS b, ?3 AS c", args: [1, "two", null] });
    expect(rs.columns).toEqual(["a", "b", "c"]);
    expect(rs.rows[0]?.a).toBe(1);
    expect(rs.rows[0]?.b).toBe("two");
    expect(rs.rows[0]?.c).toBeNull();
  });

  it("should bind named arguments written with :, @ and $ and given with or without prefix", async () => {
    const rs = await client.execute({
      sql: "SELECT :a AS a, @b AS b, $c AS c, :a || '!' AS again, :missing AS missing",
      args: { a: "x", b: 2n, $c: "c" },
    });
    expect(rs.rows[0]?.a).toBe("x");
    expect(rs.rows[0]?.b).toBe(2n);
    expect(rs.rows[0]?.c).toBe("c");
    expect(rs.rows[0]?.again).toBe("x!");
    expect(rs.rows[0]?.missing).toBeNull();
  });

  it("should ignore parameter-like text inside strings and comments when binding names", async () => {
    const rs = await client.execute({ sql: "SELECT ':a' AS lit, /* @b */ :b AS b -- $c\n", args: { b: 5n } });
    expect(rs.rows[0]?.lit).toBe(":a");
    expect(rs.rows[0]?.b).toBe(5n);
  });

  it("should round-trip every value type exactly", async () => {
    const max = 9223372036854775807n;
    const min = -9223372036854775808n;
    const text = 'héllo wörld 🌍 — 漢字 \t\n"quoted" end';
    const blob = new Uint8Array([0, 1, 2, 127, 128, 254, 255]);
    await client.execute({ sql: "CREATE TABLE v (i INTEGER, f REAL, s TEXT, b BLOB, n)", args: [] });
    await client.execute({ sql: "INSERT INTO v VALUES (?, ?, ?, ?, ?)", args: [max, 3.25, text, blob, null] });
    await client.execute({ sql: "INSERT INTO v VALUES (?, ?, ?, ?, ?)", args: [min, -1e-300, "", new Uint8Array([]), null] });
    const rs = await client.execute("SELECT i, f, s, b, n, typeof(i) AS ti, typeof(f) AS tf FROM v ORDER BY rowid");
    const [a, b] = rs.rows;
    expect(a?.i).toBe(max);
    expect(a?.f).toBe(3.25);
    expect(a?.s).toBe(text);
    expect(new Uint8Array(a?.b as ArrayBuffer)).toEqual(blob);
    expect(a?.n).toBeNull();
    expect(a?.ti).toBe("integer");
    expect(a?.tf).toBe("real");
    expect(b?.i).toBe(min);
    expect(b?.f).toBe(-1e-300);
    expect(b?.s).toBe("");
    expect(new Uint8Array(b?.b as ArrayBuffer).length).toBe(0);
    expect(rs.columnTypes).toEqual(["INTEGER", "REAL", "TEXT", "BLOB", "", "", ""]);
    await client.execute("DROP TABLE v");
  });

  it("should return infinite floats as Infinity", async () => {
    const rs = await client.execute("SELECT 1e999 AS p, -1e999 AS m");
    expect(rs.rows[0]?.p).toBe(Number.POSITIVE_INFINITY);
    expect(rs.rows[0]?.m).toBe(Number.NEGATIVE_INFINITY);
  });

  it("should report affected rows and the last insert rowid only where sqld does", async () => {
    const ins = await client.execute({ sql: "INSERT INTO t (id, name) VALUES (?, ?), (?, ?)", args: [9007199254740993n, "a", 5n, "b"] });
    expect(ins.rowsAffected).toBe(2);
    expect(ins.lastInsertRowid).toBe(5n);
    const big = await client.execute({ sql: "INSERT INTO t (id, name) VALUES (?, ?)", args: [9007199254740995n, "c"] });
    expect(big.lastInsertRowid).toBe(9007199254740995n);
    const upd = await client.execute("UPDATE t SET score = 1");
    expect(upd.rowsAffected).toBe(3);
    expect(upd.lastInsertRowid).toBeUndefined();
    const sel = await client.execute("SELECT * FROM t");
    expect(sel.rowsAffected).toBe(0);
    expect(sel.rows.length).toBe(3);
    const del = await client.execute("DELETE FROM t WHERE name = 'a' RETURNING id");
    expect(del.rowsAffected).toBe(1);
    expect(del.rows[0]?.id).toBe(9007199254740993n);
  });

  it("should refuse several statements in one execute", async () => {
    const e = await rejection(client.execute("SELECT 1; SELECT 2"));
    expect(e.code).toBe("SQL_MANY_STATEMENTS");
  });

  it("should raise SQLITE_CONSTRAINT for a unique violation", async () => {
    await client.execute({ sql: "INSERT INTO t (name) VALUES (?)", args: ["dup"] });
    const e = await rejection(client.execute({ sql: "INSERT INTO t (name) VALUES (?)", args: ["dup"] }));
    expect(e.code).toBe("SQLITE_CONSTRAINT");
    expect(e.message).toContain("UNIQUE constraint failed");
  });

  it("should raise SQLITE_ERROR for a syntax error", async () => {
    const e = await rejection(client.execute("SELEC 1"));
    expect(e.code).toBe("SQLITE_ERROR");
    expect(e.message).toContain("syntax error");
  });

  it("should work through @libsql/client/web", async () => {
    const web = createWebClient({ url: server.url });
    try {
      await web.execute({ sql: "INSERT INTO t (name, score) VALUES (:name, :score)", args: { name: "web", score: 1.5 } });
      const rs = await web.execute({ sql: "SELECT name, score FROM t WHERE name = ?", args: ["web"] });
      expect(rs.rows[0]?.name).toBe("web");
      expect(rs.rows[0]?.score).toBe(1.5);
      const results = await web.batch(["SELECT 1 AS one", { sql: "SELECT ? AS two", args: [2] }], "read");
      expect(results.map((r) => r.rows[0]?.[0])).toEqual([1, 2]);
    } finally {
      web.close();
    }
  });
});

describe("batch", () => {
  it("should commit a write batch atomically", async () => {
    const results = await client.batch(
      [{ sql: "INSERT INTO t (name) VALUES (?)", args: ["a"] }, { sql: "INSERT INTO t (name) VALUES (?)", args: ["b"] }, "SELECT count(*) AS n FROM t"],
      "write",
    );
    expect(results[2]?.rows[0]?.n).toBe(2n);
    expect(await count()).toBe(2n);
  });

  it("should roll back the whole write batch when a statement fails", async () => {
    await client.execute("INSERT INTO t (name) VALUES ('taken')");
    const e = await rejection(
      client.batch(
        [
          { sql: "INSERT INTO t (name) VALUES (?)", args: ["new"] },
          { sql: "INSERT INTO t (name) VALUES (?)", args: ["taken"] },
          { sql: "INSERT INTO t (name) VALUES (?)", args: ["never"] },
        ],
        "write",
      ),
    );
    expect(e.code).toBe("SQLITE_CONSTRAINT");
    expect(await count()).toBe(1n);
  });

  it("should run a read batch and refuse a write inside it", async () => {
    await client.execute("INSERT INTO t (name) VALUES ('r')");
    const results = await client.batch(["SELECT name FROM t", "SELECT count(*) FROM t"], "read");
    expect(results[0]?.rows[0]?.name).toBe("r");
    const e = await rejection(client.batch(["SELECT 1", "INSERT INTO t (name) VALUES ('w')"], "read"));
    expect(e.code).toBe("SQLITE_READONLY");
    expect(await count()).toBe(1n);
    // The connection that ran the read batch must be writable again afterwards.
    for (let i = 0; i < 3; i++) await client.execute({ sql: "INSERT INTO t (name) VALUES (?)", args: [`after${i}`] });
    expect(await count()).toBe(4n);
  });

  it("should run a deferred batch and roll it back on failure", async () => {
    await client.batch(["INSERT INTO t (name) VALUES ('d1')", "INSERT INTO t (name) VALUES ('d2')"], "deferred");
    expect(await count()).toBe(2n);
    await rejection(client.batch(["INSERT INTO t (name) VALUES ('d3')", "INSERT INTO nope VALUES (1)"], "deferred"));
    expect(await count()).toBe(2n);
  });
});

describe("transactions", () => {
  it("should commit an interactive transaction", async () => {
    const tx = await client.transaction("write");
    await tx.execute({ sql: "INSERT INTO t (name) VALUES (?)", args: ["tx1"] });
    const inside = await tx.execute("SELECT count(*) AS n FROM t");
    expect(inside.rows[0]?.n).toBe(1n);
    // Not visible to other streams before commit.
    expect(await count()).toBe(0n);
    await tx.commit();
    expect(await count()).toBe(1n);
  });

  it("should roll back an interactive transaction", async () => {
    const tx = await client.transaction("write");
    await tx.execute({ sql: "INSERT INTO t (name) VALUES (?)", args: ["tx1"] });
    await tx.rollback();
    expect(await count()).toBe(0n);
  });

  it("should keep the transaction usable after a failing statement", async () => {
    const tx = await client.transaction("deferred");
    await tx.execute({ sql: "INSERT INTO t (name) VALUES (?)", args: ["x"] });
    const e = await rejection(tx.execute({ sql: "INSERT INTO t (name) VALUES (?)", args: ["x"] }));
    expect(e.code).toBe("SQLITE_CONSTRAINT");
    await tx.execute({ sql: "INSERT INTO t (name) VALUES (?)", args: ["y"] });
    await tx.rollback();
    expect(await count()).toBe(0n);
  });

  it("should run a batch inside a transaction", async () => {
    const tx = await client.transaction("write");
    await tx.batch(["INSERT INTO t (name) VALUES ('b1')", "INSERT INTO t (name) VALUES ('b2')"]);
    await tx.commit();
    expect(await count()).toBe(2n);
  });
});

describe("multiple statements and migrations", () => {
  it("should run executeMultiple including a trigger body with semicolons", async () => {
    await client.executeMultiple(`
      CREATE TABLE log (msg TEXT);
      CREATE TRIGGER t_ins AFTER INSERT ON t BEGIN
        INSERT INTO log VALUES ('inserted;' || NEW.name);
        INSERT INTO log VALUES (CASE WHEN NEW.score > 1 THEN 'high' ELSE 'low' END);
      END;
      INSERT INTO t (name, score) VALUES ('m', 2); -- trailing comment; with semicolon
    `);
    const rs = await client.execute("SELECT msg FROM log ORDER BY rowid");
    expect(rs.rows.map((r) => r.msg)).toEqual(["inserted;m", "high"]);
    await client.executeMultiple("DROP TRIGGER t_ins; DROP TABLE log;");
  });

  it("should stop executeMultiple at the first error", async () => {
    const e = await rejection(client.executeMultiple("INSERT INTO t (name) VALUES ('e1'); INSERT INTO nope VALUES (1); INSERT INTO t (name) VALUES ('e2');"));
    expect(e.code).toBe("SQLITE_ERROR");
    const rs = await client.execute("SELECT name FROM t");
    expect(rs.rows.map((r) => r.name)).toEqual(["e1"]);
  });

  it("should apply migrations with migrate", async () => {
    await client.migrate(["CREATE TABLE mig (a INTEGER REFERENCES t(id))", "INSERT INTO mig VALUES (42)"]);
    const rs = await client.execute("SELECT a FROM mig");
    expect(rs.rows[0]?.a).toBe(42n);
    await client.execute("DROP TABLE mig");
  });
});
