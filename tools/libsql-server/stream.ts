import { type Conn, noStatement } from "./conn.js";
import {
  type BatchStep,
  type BindValue,
  type Cond,
  type ErrorJson,
  type StmtResultJson,
  type StreamRequest,
  type Stmt,
  StmtError,
  encodeValue,
  rawCodeOf,
  toErrorJson,
} from "./protocol.js";
import { analyzeSql, splitStatements } from "./sql.js";

/** A writer's place in the server's write-lock queue. */
export interface WriteTicket {
  /** Set while waiting: wakes the waiter early. */
  wake: (() => void) | undefined;
  /** Last time this writer made progress (entered, advanced, or saw a transaction end). */
  since: number;
}

/** What a stream needs from the server: lock arbitration between streams, and statistics. */
export interface StreamHost {
  readonly closed: boolean;
  /** Give up waiting for the write lock after this long without progress. */
  readonly busyTimeoutMs: number;
  enterWriteQueue(): WriteTicket;
  leaveWriteQueue(ticket: WriteTicket): void;
  isHead(ticket: WriteTicket): boolean;
  /** Waits until woken or a poll interval passed (and rolls back stale lock holders). */
  waitTurn(ticket: WriteTicket, waiter: Stream): Promise<void>;
  /** A stream's transaction released the write lock: wake the next writer. */
  lockReleased(): void;
  /** Counts one SQL statement run (for the server's statistics). */
  countStatement(): void;
}

export type StreamResultJson = { type: "ok"; response: Record<string, unknown> & { type: string } } | { type: "error"; error: ErrorJson };

const MAX_STORED_SQL = 1000;

const SQLITE_BUSY = 5;
const SQLITE_BUSY_SNAPSHOT = 517;

function isRetryableBusy(e: unknown): boolean {
  const raw = rawCodeOf(e);
  // BUSY_SNAPSHOT means our read snapshot is stale: waiting cannot fix it.
  return raw !== undefined && (raw & 0xff) === SQLITE_BUSY && raw !== SQLITE_BUSY_SNAPSHOT;
}

function emptyResult(): StmtResultJson {
  return {
    cols: [],
    rows: [],
    affected_row_count: 0,
    last_insert_rowid: null,
    replication_index: null,
    rows_read: 0,
    rows_written: 0,
    query_duration_ms: 0,
  };
}

/**
 * A Hrana stream: one connection, the SQL texts stored on it, and the
 * transaction state. Requests on a stream run strictly one after another.
 */
export class Stream {
  /** Latest baton handed out; null before the first reply. */
  baton: string | null = null;
  closed = false;
  /** A pipeline is being processed (possibly waiting on SQLITE_BUSY). */
  processing = false;
  /** When this stream's open transaction took the write lock. */
  writeLockSince: number | undefined;
  expiryTimer: NodeJS.Timeout | undefined;
  private tail: Promise<void> = Promise.resolve();
  private readonly sqls = new Map<number, string>();

  constructor(
    readonly conn: Conn,
    private readonly host: StreamHost,
  ) {}

  /** Queues work so that requests of this stream never interleave. */
  enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async handle(req: StreamRequest): Promise<StreamResultJson> {
    if (this.closed) return { type: "error", error: { message: "The stream is closed", code: "STREAM_CLOSED" } };
    try {
      switch (req.type) {
        case "close":
          this.closed = true;
          return ok({ type: "close" });
        case "execute":
          return ok({ type: "execute", result: await this.execute(req.stmt) });
        case "batch":
          return ok({ type: "batch", result: await this.batch(req.steps) });
        case "sequence":
          await this.sequence(this.sqlText(req.sql, req.sqlId));
          return ok({ type: "sequence" });
        case "describe":
          return ok({ type: "describe", result: this.describe(this.sqlText(req.sql, req.sqlId)) });
        case "store_sql":
          if (this.sqls.has(req.sqlId)) throw new StmtError(`SQL text with id ${req.sqlId} is already stored`, "SQL_STORE_EXISTS");
          if (this.sqls.size >= MAX_STORED_SQL) throw new StmtError("Too many SQL texts stored on this stream", "SQL_STORE_FULL");
          this.sqls.set(req.sqlId, req.sql);
          return ok({ type: "store_sql" });
        case "close_sql":
          this.sqls.delete(req.sqlId);
          return ok({ type: "close_sql" });
        case "get_autocommit":
          return ok({ type: "get_autocommit", is_autocommit: !this.conn.inTransaction });
      }
    } catch (e) {
      return { type: "error", error: toErrorJson(e) };
    }
  }

  private sqlText(sql: string | undefined, sqlId: number | undefined): string {
    if (sql !== undefined) return sql;
    const stored = sqlId === undefined ? undefined : this.sqls.get(sqlId);
    if (stored === undefined) throw new StmtError(`No SQL text stored with id ${sqlId}`, "SQL_NOT_FOUND");
    return stored;
  }

  /**
   * Runs `fn`, retrying asynchronously while SQLite answers SQLITE_BUSY.
   * A statement that fails with BUSY has been rolled back by SQLite, so it is
   * safe to run it again. Busy writers queue in FIFO order (see ServerState).
   */
  private async withBusyRetry<T>(fn: () => T): Promise<T> {
    let busy: unknown;
    try {
      return fn();
    } catch (e) {
      if (!isRetryableBusy(e)) throw e;
      busy = e;
    }
    const host = this.host;
    const ticket = host.enterWriteQueue();
    try {
      for (;;) {
        if (Date.now() - ticket.since >= host.busyTimeoutMs) throw busy;
        await host.waitTurn(ticket, this);
        if (host.closed) throw new StmtError("The server is shutting down", "SERVER_CLOSED");
        if (!host.isHead(ticket)) continue;
        try {
          return fn();
        } catch (e) {
          if (!isRetryableBusy(e)) throw e;
          busy = e;
        }
      }
    } finally {
      host.leaveWriteQueue(ticket);
    }
  }

  private async execute(stmt: Stmt): Promise<StmtResultJson> {
    const sql = this.sqlText(stmt.sql, stmt.sqlId);
    const info = analyzeSql(sql);
    if (info.statements.length === 0) throw noStatement();
    if (info.statements.length > 1) throw new StmtError("SQL string contains more than one statement", "SQL_MANY_STATEMENTS");
    if (stmt.args.length > 0 && stmt.namedArgs.length > 0) {
      throw new StmtError("Specifying both positional and named arguments is not supported", "ARGS_BOTH_POSITIONAL_AND_NAMED");
    }
    const conn = this.conn;
    this.host.countStatement();
    if (info.changesConnState) conn.poolable = false;
    if (info.beginReadonly) {
      // The engine parses BEGIN READONLY but does not enforce it; query_only does.
      await this.withBusyRetry(() => conn.db.exec("BEGIN DEFERRED"));
      conn.db.exec("PRAGMA query_only = 1");
      conn.queryOnly = true;
      return emptyResult();
    }
    let ok = false;
    try {
      const params: BindValue[] = stmt.namedArgs.length > 0 ? conn.bindNamed(sql, stmt.namedArgs) : stmt.args;
      const prepared = conn.prepare(sql);
      const rows = await this.withBusyRetry(() => conn.run(prepared, params));
      const result = emptyResult();
      if (prepared.reader) {
        result.cols = prepared.stmt.columns().map((c) => ({ name: c.name, decltype: c.type }));
        if (stmt.wantRows) result.rows = rows.map((row) => row.map(encodeValue));
      }
      if (info.kind !== "other") {
        const { changes, rowid } = conn.lastChanges();
        result.affected_row_count = changes;
        if (info.kind === "insert") result.last_insert_rowid = rowid.toString();
      }
      ok = true;
      return result;
    } finally {
      this.afterStatement(ok, info.mayWrite);
    }
  }

  /** Tracks who holds the write lock, and undoes query_only when a read-only transaction ends. */
  private afterStatement(succeeded: boolean, mayWrite: boolean): void {
    const conn = this.conn;
    if (!conn.inTransaction) {
      if (conn.queryOnly) {
        conn.db.exec("PRAGMA query_only = 0");
        conn.queryOnly = false;
      }
      if (this.writeLockSince !== undefined) {
        this.writeLockSince = undefined;
        this.host.lockReleased();
      }
    } else if (succeeded && this.writeLockSince === undefined && !conn.queryOnly && mayWrite) {
      this.writeLockSince = Date.now();
    }
  }

  private async batch(steps: BatchStep[]): Promise<{ step_results: (StmtResultJson | null)[]; step_errors: (ErrorJson | null)[] }> {
    const results: (StmtResultJson | null)[] = [];
    const errors: (ErrorJson | null)[] = [];
    const evalCond = (c: Cond): boolean => {
      switch (c.type) {
        case "ok":
          return results[c.step] != null;
        case "error":
          return errors[c.step] != null;
        case "not":
          return !evalCond(c.cond);
        case "and":
          return c.conds.every(evalCond);
        case "or":
          return c.conds.some(evalCond);
        case "is_autocommit":
          return !this.conn.inTransaction;
      }
    };
    for (const step of steps) {
      if (step.condition !== undefined && !evalCond(step.condition)) {
        results.push(null);
        errors.push(null);
        continue;
      }
      try {
        results.push(await this.execute(step.stmt));
        errors.push(null);
      } catch (e) {
        results.push(null);
        errors.push(toErrorJson(e));
      }
    }
    return { step_results: results, step_errors: errors };
  }

  private async sequence(sql: string): Promise<void> {
    const statements = splitStatements(sql);
    for (const text of statements) {
      const info = analyzeSql(text);
      if (info.changesConnState) this.conn.poolable = false;
      let ok = false;
      this.host.countStatement();
      try {
        await this.withBusyRetry(() => this.conn.exec(text));
        ok = true;
      } finally {
        this.afterStatement(ok, info.mayWrite);
      }
    }
  }

  private describe(sql: string): Record<string, unknown> {
    const info = analyzeSql(sql);
    if (info.statements.length === 0) throw noStatement();
    if (info.statements.length > 1) throw new StmtError("SQL string contains more than one statement", "SQL_MANY_STATEMENTS");
    const prepared = this.conn.prepare(sql);
    const cols = prepared.reader ? prepared.stmt.columns().map((c) => ({ name: c.name, decltype: c.type })) : [];
    return {
      params: Array.from({ length: info.paramCount }, (_, i) => ({ name: paramName(info.paramsByName, i + 1) })),
      cols,
      is_explain: info.firstWord === "EXPLAIN",
      is_readonly: !info.mayWrite,
    };
  }

  /** Rolls back whatever is open; used on close, expiry and lock stealing. */
  rollback(): void {
    const conn = this.conn;
    if (conn.inTransaction) {
      try {
        conn.db.exec("ROLLBACK");
      } catch {
        // The connection is discarded below if it is still in a transaction.
      }
    }
    if (conn.queryOnly) {
      try {
        conn.db.exec("PRAGMA query_only = 0");
        conn.queryOnly = false;
      } catch {
        conn.poolable = false;
      }
    }
    if (conn.inTransaction) conn.poolable = false;
    if (this.writeLockSince !== undefined) {
      this.writeLockSince = undefined;
      this.host.lockReleased();
    }
  }
}

function ok(response: Record<string, unknown> & { type: string }): StreamResultJson {
  return { type: "ok", response };
}

/** As sqlite3_bind_parameter_name: the first name written for the index (":a", "@a", "$a" or "?3"); null for a bare "?". */
function paramName(byName: Map<string, number>, index: number): string | null {
  for (const [name, i] of byName) if (i === index) return name;
  return null;
}
