// A small local stand-in for sqld: Hrana over HTTP (v2, JSON) on top of the
// embedded libSQL engine from the `libsql` package (protocol: the Hrana spec in the libsql repository, docs/HRANA_3_SPEC.md).

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Conn } from "./conn.js";
import { type ErrorJson, ProtoError, decodePipeline, parseJsonLenient, stringifyResponse } from "./protocol.js";
import { Stream, type StreamHost, type StreamResultJson } from "./stream.js";

export interface LibsqlServerOptions {
  /** Database file path, or ":memory:" (a throw-away file, so that every stream sees the same database). */
  path: string;
  /** 0 = random free port (default). */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** If set, requests must carry `Authorization: Bearer <token>`. */
  authToken?: string;
  /** A stream expires this long after its last request finished (default 10 000). */
  streamIdleMs?: number;
  /** A transaction holding the write lock this long while another writer waits is rolled back (default 5000). */
  writeLockTimeoutMs?: number;
  /** How long a statement keeps retrying SQLITE_BUSY (default: max(5000, writeLockTimeoutMs + 1000)). */
  busyTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface LibsqlServer {
  /** e.g. "http://127.0.0.1:PORT" */
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const TOMBSTONE_MS = 5 * 60 * 1000;
const MAX_TOMBSTONES = 10_000;
const MAX_POOLED_CONNS = 8;

const EXPIRED: ErrorJson = { message: "The stream has expired due to inactivity", code: "STREAM_EXPIRED" };

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorJson,
  ) {
    super(body.message);
  }
}

interface Waiter {
  wake: (() => void) | undefined;
}

const sleep = (ms: number, waiter: Waiter): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      waiter.wake = undefined;
      resolve();
    }
    waiter.wake = done;
  });

class ServerState implements StreamHost {
  closed = false;
  private readonly pool: Conn[] = [];
  private readonly streams = new Set<Stream>();
  private readonly byBaton = new Map<string, Stream>();
  private readonly tombstones = new Map<string, { error: ErrorJson; at: number }>();
  private readonly waiters: Waiter[] = [];
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly dbPath: string,
    private readonly streamIdleMs: number,
    private readonly writeLockTimeoutMs: number,
    private readonly busyTimeoutMs: number,
    private readonly log: (line: string) => void,
  ) {
    const first = new Conn(dbPath);
    // journal_mode is persistent in the file; set it once, before any other connection can hold a lock.
    first.db.exec("PRAGMA journal_mode = WAL");
    this.pool.push(first);
    this.sweeper = setInterval(() => this.sweepTombstones(), 30_000);
    this.sweeper.unref();
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
        stream.baton = randomBytes(24).toString("base64url");
        this.byBaton.set(stream.baton, stream);
        stream.expiryTimer = setTimeout(() => this.finishStream(stream, EXPIRED), this.streamIdleMs);
        stream.expiryTimer.unref();
      }
      // Autocommit writes release the lock without us noticing; let a waiter try.
      this.lockReleased();
      return { baton: stream.baton, base_url: null, results };
    });
  }

  /** A protocol error on a live stream ends it, as the client abandons the stream after any HTTP error. */
  abandon(baton: string | null): void {
    if (baton === null) return;
    const stream = this.byBaton.get(baton);
    if (stream !== undefined && !stream.processing) this.finishStream(stream, undefined);
  }

  private badBaton(baton: string): HttpError {
    const tomb = this.tombstones.get(baton);
    if (tomb !== undefined) return new HttpError(400, tomb.error);
    return new HttpError(400, { message: "Unknown or already used baton", code: "BATON_INVALID" });
  }

  private openStream(): Stream {
    if (this.closed) throw new HttpError(503, { message: "The server is shutting down", code: "SERVER_CLOSED" });
    const conn = this.pool.pop() ?? new Conn(this.dbPath);
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

  async waitForWriteLock(waiter: Stream, startedAt: number): Promise<boolean> {
    const elapsed = Date.now() - startedAt;
    if (elapsed >= this.busyTimeoutMs || this.closed) return false;
    this.stealStaleWriteLock(waiter);
    const entry: Waiter = { wake: undefined };
    this.waiters.push(entry);
    // The head of the queue polls fast and is woken on release; others poll slowly, which keeps the order roughly FIFO.
    const isHead = this.waiters[0] === entry;
    const delay = isHead ? 2 + Math.random() * 3 : 10 + Math.random() * 10;
    await sleep(Math.min(delay, this.busyTimeoutMs - elapsed), entry);
    const i = this.waiters.indexOf(entry);
    if (i >= 0) this.waiters.splice(i, 1);
    return true;
  }

  lockReleased(): void {
    this.waiters[0]?.wake?.();
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
      if (now - s.writeLockSince < this.writeLockTimeoutMs) continue;
      this.finishStream(s, {
        message: `The transaction was rolled back: it held the write lock for more than ${this.writeLockTimeoutMs} ms while another writer waited`,
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
    for (const w of this.waiters) w.wake?.();
    for (const s of [...this.streams]) this.finishStream(s, undefined);
    for (const c of this.pool.splice(0)) c.close();
    this.tombstones.clear();
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = stringifyResponse(body);
  // Exactly "application/json": the client ignores error bodies with a charset parameter.
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > MAX_BODY_BYTES) {
      reject(new HttpError(413, { message: "Request body too large", code: "BODY_TOO_LARGE" }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        chunks.length = 0;
        reject(new HttpError(413, { message: "Request body too large", code: "BODY_TOO_LARGE" }));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!failed) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", (e) => {
      if (!failed) reject(e);
    });
  });
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? "");
  const given = m?.[1]?.trim() ?? "";
  // Hash both sides so the comparison is constant-time regardless of length.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(token).digest();
  return timingSafeEqual(a, b) && given.length > 0;
}

export async function startLibsqlServer(opts: LibsqlServerOptions): Promise<LibsqlServer> {
  const log = opts.log ?? (() => {});
  const writeLockTimeoutMs = opts.writeLockTimeoutMs ?? 5000;
  let tempDir: string | undefined;
  let dbPath = opts.path;
  if (dbPath === ":memory:") {
    // Separate ":memory:" connections would each see their own empty database.
    tempDir = mkdtempSync(join(tmpdir(), "libsql-server-"));
    dbPath = join(tempDir, "memory.db");
  }
  const state = new ServerState(dbPath, opts.streamIdleMs ?? 10_000, writeLockTimeoutMs, opts.busyTimeoutMs ?? Math.max(5000, writeLockTimeoutMs + 1000), log);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && (path === "/v2" || path === "/health")) {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
      return;
    }
    if (!(req.method === "POST" && path === "/v2/pipeline")) {
      req.resume();
      sendJson(res, 404, { message: `Not found: ${req.method} ${path}`, code: "NOT_FOUND" });
      return;
    }
    if (opts.authToken !== undefined && !tokenMatches(req.headers.authorization, opts.authToken)) {
      req.resume();
      sendJson(res, 401, { message: "Missing or wrong auth token", code: "UNAUTHORIZED" });
      return;
    }
    let baton: string | null = null;
    try {
      const text = await readBody(req);
      let body: unknown;
      try {
        body = parseJsonLenient(text);
      } catch {
        throw new ProtoError("Request body is not valid JSON");
      }
      if (typeof body === "object" && body !== null && "baton" in body && typeof body.baton === "string") baton = body.baton;
      sendJson(res, 200, await state.pipeline(body));
    } catch (e) {
      if (e instanceof HttpError) {
        if (e.status === 413) res.setHeader("connection", "close");
        sendJson(res, e.status, e.body);
      } else if (e instanceof ProtoError) {
        state.abandon(baton);
        sendJson(res, 400, { message: e.message, code: e.code });
      } else {
        log(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        sendJson(res, 500, { message: "Internal server error", code: "INTERNAL_ERROR" });
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(`request failed: ${String(e)}`);
      if (!res.headersSent) sendJson(res, 500, { message: "Internal server error", code: "INTERNAL_ERROR" });
      else res.destroy();
    });
  });
  const host = opts.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (e) {
    state.close();
    throw e;
  }
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : (opts.port ?? 0);
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => {
        state.close();
        if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
      });
      return closing;
    },
  };
}
