import Database from "libsql";
import { type BindValue, StmtError } from "./protocol.js";
import { analyzeSql } from "./sql.js";

type Statement = Database.Statement<unknown[]>;

interface Prepared {
  stmt: Statement;
  reader: boolean;
  /**
   * EXPLAIN statements stay "in progress" after their last row in the
   * `libsql` package, which makes a later COMMIT on the connection fail;
   * `get()` resets them.
   */
  needsReset: boolean;
}

const STMT_CACHE_MAX = 100;

/** One libSQL connection with its own small prepared-statement cache. */
export class Conn {
  readonly db: Database.Database;
  private readonly stmts = new Map<string, Prepared>();
  private readonly changesStmt: Statement;
  private readonly schemaVersionStmt: Statement;
  private readonly schemaProbeStmt: Statement;
  /** `PRAGMA schema_version` when this connection last made sure its in-memory schema was current. */
  private schemaVersion: bigint | undefined;
  /** False once the connection ran something (PRAGMA, ATTACH, TEMP objects) that must not leak into another stream. */
  poolable = true;
  /** `PRAGMA query_only` is on because of a read-only transaction. */
  queryOnly = false;

  constructor(path: string) {
    this.db = new Database(path);
    // Never wait inside SQLite: calls are synchronous and would block the event loop; we retry SQLITE_BUSY asynchronously.
    this.db.exec("PRAGMA busy_timeout = 0");
    this.db.exec("PRAGMA synchronous = NORMAL");
    this.changesStmt = this.db.prepare("SELECT changes(), last_insert_rowid()").raw(true).safeIntegers(true);
    this.schemaVersionStmt = this.db.prepare("PRAGMA schema_version").raw(true).safeIntegers(true);
    this.schemaProbeStmt = this.db.prepare("SELECT 1 FROM sqlite_schema WHERE 0").raw(true);
  }

  /**
   * SQLite compiles a new statement against the schema it has in memory and
   * only notices a change by another connection when a statement runs. So
   * after a DROP TABLE t / CREATE TABLE t (x, y) elsewhere, preparing
   * `INSERT INTO t VALUES (?, ?)` here fails with "table t has 1 columns but
   * 2 values were supplied". Before compiling new SQL outside a transaction
   * (and, inside one, after a compile error), compare the schema cookie with
   * the one seen last; when it moved, run a statement that reads the schema:
   * its cookie check makes SQLite reload the schema. Statements already
   * prepared re-prepare themselves when they run. Inside a transaction the
   * check waits for an error because reading the cookie would start the read
   * snapshot of a deferred transaction early (a later write that has to wait
   * for the lock would then fail with BUSY_SNAPSHOT).
   * @returns whether the schema had changed
   */
  private refreshSchema(): boolean {
    const row = this.schemaVersionStmt.get([]) as [bigint] | undefined;
    const version = row?.[0];
    if (version === this.schemaVersion) return false;
    this.schemaProbeStmt.all([]);
    this.schemaVersion = version;
    return true;
  }

  /** Compiles (or runs, with `exec`) after making sure the schema in memory is current; see refreshSchema. */
  private withFreshSchema<T>(compile: () => T): T {
    const checked = !this.db.inTransaction;
    if (checked) this.refreshSchema();
    try {
      return compile();
    } catch (e) {
      // A failed statement had no effect, so running it again after a reload is safe.
      if (checked || !this.refreshSchema()) throw e;
      return compile();
    }
  }

  /** Runs SQL text without results (one statement, as `sequence` splits them). */
  exec(sql: string): void {
    this.withFreshSchema(() => this.db.exec(sql));
  }

  get inTransaction(): boolean {
    return this.db.inTransaction;
  }

  prepare(sql: string): Prepared {
    const hit = this.stmts.get(sql);
    if (hit !== undefined) {
      // Map order is our LRU order.
      this.stmts.delete(sql);
      this.stmts.set(sql, hit);
      return hit;
    }
    const stmt = this.withFreshSchema(() => this.db.prepare(sql));
    const reader = stmt.reader;
    stmt.safeIntegers(true);
    if (reader) stmt.raw(true);
    const prepared: Prepared = { stmt, reader, needsReset: /^\s*explain\b/i.test(sql) };
    if (this.stmts.size >= STMT_CACHE_MAX) {
      const oldest = this.stmts.keys().next();
      if (oldest.done !== true) this.stmts.delete(oldest.value);
    }
    this.stmts.set(sql, prepared);
    return prepared;
  }

  /** Runs a prepared statement; rows are arrays of bigint | number | string | Buffer | null. */
  run(p: Prepared, params: BindValue[]): unknown[][] {
    if (!p.reader) {
      p.stmt.run(params);
      return [];
    }
    const rows = p.stmt.all(params) as unknown[][];
    if (p.needsReset) p.stmt.get(params);
    return rows;
  }

  /** changes() and last_insert_rowid() as exact 64-bit values (run() gives a lossy JS number). */
  lastChanges(): { changes: number; rowid: bigint } {
    const row = this.changesStmt.get([]) as [bigint, bigint];
    return { changes: Number(row[0]), rowid: row[1] };
  }

  /** Named arguments to positions; unknown names are ignored and missing ones bind NULL, as sqld does. */
  bindNamed(sql: string, named: { name: string; value: BindValue }[]): BindValue[] {
    const info = analyzeSql(sql);
    const out: BindValue[] = new Array<BindValue>(info.paramCount).fill(null);
    for (const { name, value } of named) {
      let index: number | undefined;
      if (name.startsWith(":") || name.startsWith("@") || name.startsWith("$")) index = info.paramsByName.get(name);
      else index = info.paramsByName.get(`:${name}`) ?? info.paramsByName.get(`@${name}`) ?? info.paramsByName.get(`$${name}`);
      if (index !== undefined) out[index - 1] = value;
    }
    return out;
  }

  close(): void {
    this.stmts.clear();
    try {
      this.db.close();
    } catch {
      // Already closed, nothing to release.
    }
  }
}

export function noStatement(): StmtError {
  return new StmtError("SQL string does not contain any statement", "SQL_NO_STATEMENT");
}
