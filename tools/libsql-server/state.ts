// The engine side of the server: streams, batons, the connection pool and the
// write-lock queue. Runs inside the engine child process (engine.ts); the HTTP
// side (server.ts) hands it raw pipeline bodies.

import { randomBytes } from "node:crypto";
import { Conn } from "./conn.js";
import { type ErrorJson, ProtoError, decodePipeline, parseJsonLenient, stringifyResponse } from "./protocol.js";
import { Stream, type StreamHost, type StreamResultJson, type WriteTicket } from "./stream.js";

export interface StateOptions {
  /** Database file path (never ":memory:": every stream must see the same database). */
  path: string;
  streamIdleMs: number;
  writeLockTimeoutMs: number;
  busyTimeoutMs: number;
  /** Counts engine restarts; batons carry it so a baton from before a restart gets a clear answer. */
  generation: number;
}

const TOMBSTONE_MS = 5 * 60 * 1000;
const MAX_TOMBSTONES = 10_000;
/** Opening a connection costs ~1 ms, a pooled one ~50 µs: keep enough for a client's 20 requests in flight and then some. */
const MAX_POOLED_CONNS = 32;
/** How often a queued writer re-checks when nobody wakes it (a lock held outside this process). */
const HEAD_POLL_MS = 25;
const QUEUE_POLL_MS = 250;

const EXPIRED: ErrorJson = { message: "The stream has expired due to inactivity", code: "STREAM_EXPIRED" };
const LOST: ErrorJson = { message: "The stream was lost because the database engine restarted; its transaction was rolled back", code: "STREAM_LOST" };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorJson,
  ) {
    super(body.message);
  }
}

export class ServerState implements StreamHost {
  closed = false;
  /** SQL statements run since the last takeStatements(). */
  private statements = 0;
  private readonly pool: Conn[] = [];
  private readonly streams = new Set<Stream>();
  private readonly byBaton = new Map<string, Stream>();
  private readonly tombstones = new Map<string, { error: ErrorJson; at: number }>();
  /** Writers that got SQLITE_BUSY, in arrival order; only the head retries. */
  private readonly writeQueue: WriteTicket[] = [];
  private readonly sweeper: NodeJS.Timeout;
  private readonly batonPrefix: string;

  constructor(
    private readonly opts: StateOptions,
    private readonly log: (line: string) => void,
  ) {
    this.batonPrefix = `${opts.generation}.`;
    const first = new Conn(opts.path);
    // journal_mode is persistent in the file; set it once, before any other connection can hold a lock.
    first.db.exec("PRAGMA journal_mode = WAL");
    this.pool.push(first);
    this.sweeper = setInterval(() => this.sweepTombstones(), 30_000);
    this.sweeper.unref();
  }

  get busyTimeoutMs(): number {
    return this.opts.busyTimeoutMs;
  }

  countStatement(): void {
    this.statements++;
  }

  takeStatements(): number {
    const n = this.statements;
    this.statements = 0;
    return n;
  }

  /** One HTTP request body in, one HTTP answer out (status and JSON text). */
  async handleBody(text: string): Promise<{ status: number; body: string }> {
    let baton: string | null = null;
    try {
      let body: unknown;
      try {
        body = parseJsonLenient(text);
      } catch {
        throw new ProtoError("Request body is not valid JSON");
      }
      if (typeof body === "object" && body !== null && "baton" in body && typeof body.baton === "string") baton = body.baton;
      return { status: 200, body: stringifyResponse(await this.pipeline(body)) };
    } catch (e) {
      if (e instanceof HttpError) return { status: e.status, body: JSON.stringify(e.body) };
      if (e instanceof ProtoError) {
        this.abandon(baton);
        return { status: 400, body: JSON.stringify({ message: e.message, code: e.code }) };
      }
      this.log(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return { status: 500, body: JSON.stringify({ message: "Internal server error", code: "INTERNAL_ERROR" }) };
    }
  }

  async pipeline(body: unknown): Promise<{ baton: string | null; base_url: null; results: StreamResultJson[] }> {
    const req = decodePipeline(body);
    let stream: Stream;
    if (req.baton === null) {
      stream = this.openStream();
    } else {
      const found = this.byBaton.get(req.baton);
      if (found === undefined) throw this.badBaton(req.baton);
      stream = found;
    }
    return stream.enqueue(async () => {
      if (stream.closed || stream.baton !== req.baton) throw this.badBaton(req.baton ?? "");
      stream.processing = true;
      clearTimeout(stream.expiryTimer);
      const results: StreamResultJson[] = [];
      try {
        for (const r of req.requests) results.push(await stream.handle(r));
      } catch (e) {
        this.finishStream(stream, undefined);
        throw e;
      } finally {
        stream.processing = false;
      }
      if (stream.baton !== null) this.byBaton.delete(stream.baton);
      if (stream.closed || this.closed) {
        this.finishStream(stream, undefined);
        stream.baton = null;
      } else {
        stream.baton = this.batonPrefix + randomBytes(24).toString("base64url");
        this.byBaton.set(stream.baton, stream);
        stream.expiryTimer = setTimeout(() => this.finishStream(stream, EXPIRED), this.opts.streamIdleMs);
        stream.expiryTimer.unref();
      }
      // Autocommit writes release the lock without us noticing; let the first queued writer try.
      this.nudgeWriteQueue();
      return { baton: stream.baton, base_url: null, results };
    });
  }

  /** A protocol error on a live stream ends it, as the client abandons the stream after any HTTP error. */
  private abandon(baton: string | null): void {
    if (baton === null) return;
    const stream = this.byBaton.get(baton);
    if (stream !== undefined && !stream.processing) this.finishStream(stream, undefined);
  }

  private badBaton(baton: string): HttpError {
    const tomb = this.tombstones.get(baton);
    if (tomb !== undefined) return new HttpError(400, tomb.error);
    if (/^\d+\./.test(baton) && !baton.startsWith(this.batonPrefix)) return new HttpError(400, LOST);
    return new HttpError(400, { message: "Unknown or already used baton", code: "BATON_INVALID" });
  }

  private openStream(): Stream {
    if (this.closed) throw new HttpError(503, { message: "The server is shutting down", code: "SERVER_CLOSED" });
    const conn = this.pool.pop() ?? new Conn(this.opts.path);
    const stream = new Stream(conn, this);
    this.streams.add(stream);
    return stream;
  }

  /** Closes a stream: rolls back, frees or pools its connection, and leaves a tombstone when it did not end on request. */
  private finishStream(stream: Stream, tombstone: ErrorJson | undefined): void {
    if (!this.streams.delete(stream)) return;
    stream.closed = true;
    clearTimeout(stream.expiryTimer);
    if (stream.baton !== null) {
      this.byBaton.delete(stream.baton);
      if (tombstone !== undefined) {
        this.tombstones.set(stream.baton, { error: tombstone, at: Date.now() });
        if (this.tombstones.size > MAX_TOMBSTONES) {
          const oldest = this.tombstones.keys().next();
          if (oldest.done !== true) this.tombstones.delete(oldest.value);
        }
      }
    }
    stream.rollback();
    const conn = stream.conn;
    if (!this.closed && conn.poolable && !conn.inTransaction && this.pool.length < MAX_POOLED_CONNS) this.pool.push(conn);
    else conn.close();
    if (tombstone !== undefined) this.log(`stream closed: ${tombstone.message}`);
  }

  // --- The write-lock queue -------------------------------------------------
  // All connections live in this one thread, so SQLITE_BUSY only comes from a
  // stream whose transaction holds the write lock between requests (or from
  // another process on the file). Writers that get BUSY wait in FIFO order and
  // are woken as soon as a transaction ends; they give up only when nothing
  // moved for busyTimeoutMs (no transaction ended and they did not advance),
  // so a long queue of busy writers is served in turn instead of failing.

  enterWriteQueue(): WriteTicket {
    const ticket: WriteTicket = { wake: undefined, since: Date.now() };
    this.writeQueue.push(ticket);
    return ticket;
  }

  leaveWriteQueue(ticket: WriteTicket): void {
    const i = this.writeQueue.indexOf(ticket);
    if (i < 0) return;
    this.writeQueue.splice(i, 1);
    const now = Date.now();
    for (let j = i; j < this.writeQueue.length; j++) (this.writeQueue[j] as WriteTicket).since = now;
    if (i === 0) this.writeQueue[0]?.wake?.();
  }

  isHead(ticket: WriteTicket): boolean {
    return this.writeQueue[0] === ticket;
  }

  /** Waits until woken (a transaction ended, or the ticket became head) or a short poll interval passed. */
  waitTurn(ticket: WriteTicket, waiter: Stream): Promise<void> {
    this.stealStaleWriteLock(waiter);
    const ms = this.isHead(ticket) ? HEAD_POLL_MS : QUEUE_POLL_MS;
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        ticket.wake = undefined;
        resolve();
      }
      ticket.wake = done;
    });
  }

  /** A transaction that held the write lock ended: progress for the queue. */
  lockReleased(): void {
    const head = this.writeQueue[0];
    if (head === undefined) return;
    head.since = Date.now();
    head.wake?.();
  }

  private nudgeWriteQueue(): void {
    this.writeQueue[0]?.wake?.();
  }

  /**
   * An idle transaction that has held the write lock for writeLockTimeoutMs
   * while someone waits is rolled back, so an abandoned client cannot block
   * all writers. Its next request gets a 400 (never runs outside the transaction).
   */
  private stealStaleWriteLock(waiter: Stream): void {
    const now = Date.now();
    for (const s of this.streams) {
      if (s === waiter || s.processing || s.writeLockSince === undefined) continue;
      if (now - s.writeLockSince < this.opts.writeLockTimeoutMs) continue;
      this.finishStream(s, {
        message: `The transaction was rolled back: it held the write lock for more than ${this.opts.writeLockTimeoutMs} ms while another writer waited`,
        code: "TRANSACTION_TIMEOUT",
      });
    }
  }

  private sweepTombstones(): void {
    const limit = Date.now() - TOMBSTONE_MS;
    for (const [baton, t] of this.tombstones) {
      if (t.at >= limit) break; // insertion order is age order
      this.tombstones.delete(baton);
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.sweeper);
    for (const w of this.writeQueue) w.wake?.();
    for (const s of [...this.streams]) this.finishStream(s, undefined);
    for (const c of this.pool.splice(0)) c.close();
    this.tombstones.clear();
  }
}
