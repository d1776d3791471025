// A small local stand-in for sqld: Hrana over HTTP (v2, JSON) on top of the
// embedded libSQL engine from the `libsql` package (protocol: the Hrana spec in the libsql repository, docs/HRANA_3_SPEC.md).
//
// This process speaks HTTP; the engine runs in a supervised child process
// (engine-host.ts explains why), so no statement can take the server down.

import { createHash, timingSafeEqual } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EngineHost } from "./engine-host.js";

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
  /** A queued writer gives up after this long without progress (default: max(5000, writeLockTimeoutMs + 1000)). */
  busyTimeoutMs?: number;
  /**
   * Delay before answering each HTTP request, to model the edge-to-database
   * hop of production (default: LIBSQL_LATENCY_MS from the environment, else 0).
   */
  latencyMs?: number;
  /** Kill and restart an engine that has not answered for this long while requests wait (default 120 000; 0 = never). */
  engineTimeoutMs?: number;
  log?: (line: string) => void;
}

/** Counts since the start or the last resetStats(); `GET /__stats` answers the same. */
export interface LibsqlServerStats {
  /** HTTP requests received (all paths except /__stats). */
  requests: number;
  /** `POST /v2/pipeline` requests among them: the round trips a client made. */
  pipelines: number;
  /** SQL statements run (each execute, each batch step that ran, each statement of a sequence). */
  statements: number;
}

export interface LibsqlServer {
  /** e.g. "http://127.0.0.1:PORT" */
  url: string;
  port: number;
  stats(): LibsqlServerStats;
  resetStats(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** A refused body is read (and dropped) up to this size, so the client sees the 413 instead of a reset; beyond, the connection is closed. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;
const ENGINE_TIMEOUT_MS = 120_000;

class BodyTooLarge extends Error {
  constructor(readonly drained: boolean) {
    super("Request body too large");
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: Buffer | string): void {
  // Exactly "application/json": the client ignores error bodies with a charset parameter.
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Reads the body; one over MAX_BODY_BYTES is read on and dropped (up to
 * DRAIN_LIMIT_BYTES) before it is refused: answering while the client is
 * still sending makes it see EPIPE or a reset instead of the 413.
 */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > DRAIN_LIMIT_BYTES) {
      reject(new BodyTooLarge(false));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else chunks.length = 0;
      if (size > DRAIN_LIMIT_BYTES) settle(() => reject(new BodyTooLarge(false)));
    });
    req.on("end", () => settle(() => (size > MAX_BODY_BYTES ? reject(new BodyTooLarge(true)) : resolve(Buffer.concat(chunks, size)))));
    req.on("error", (e) => settle(() => reject(e)));
    req.on("close", () => settle(() => reject(new Error("The client went away before the body was read"))));
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

function latencyFromEnv(): number {
  const raw = process.env.LIBSQL_LATENCY_MS;
  if (raw === undefined || raw.trim() === "") return 0;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`LIBSQL_LATENCY_MS must be a number of milliseconds ≥ 0, not ${JSON.stringify(raw)}`);
  return ms;
}

export async function startLibsqlServer(opts: LibsqlServerOptions): Promise<LibsqlServer> {
  const log = opts.log ?? (() => {});
  const latencyMs = opts.latencyMs ?? latencyFromEnv();
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`latencyMs must be ≥ 0, not ${latencyMs}`);
  const writeLockTimeoutMs = opts.writeLockTimeoutMs ?? 5000;
  let tempDir: string | undefined;
  let dbPath = opts.path;
  if (dbPath === ":memory:") {
    // Separate ":memory:" connections would each see their own empty database.
    tempDir = mkdtempSync(join(tmpdir(), "libsql-server-"));
    dbPath = join(tempDir, "memory.db");
  }
  const removeTemp = (): void => {
    if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
  };
  const stats: LibsqlServerStats = { requests: 0, pipelines: 0, statements: 0 };
  const engine = new EngineHost({
    path: dbPath,
    streamIdleMs: opts.streamIdleMs ?? 10_000,
    writeLockTimeoutMs,
    busyTimeoutMs: opts.busyTimeoutMs ?? Math.max(5000, writeLockTimeoutMs + 1000),
    engineTimeoutMs: opts.engineTimeoutMs ?? ENGINE_TIMEOUT_MS,
    log,
    onStatements: (n) => {
      stats.statements += n;
    },
  });
  try {
    await engine.start();
  } catch (e) {
    await engine.close();
    removeTemp();
    throw e;
  }

  const authorized = (req: IncomingMessage): boolean => opts.authToken === undefined || tokenMatches(req.headers.authorization, opts.authToken);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/__stats") {
      req.resume();
      if (!authorized(req)) sendJson(res, 401, { message: "Missing or wrong auth token", code: "UNAUTHORIZED" });
      else sendJson(res, 200, stats);
      return;
    }
    stats.requests++;
    const isPipeline = req.method === "POST" && path === "/v2/pipeline";
    if (isPipeline) stats.pipelines++;
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (req.method === "GET" && (path === "/v2" || path === "/health")) {
      req.resume();
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
      return;
    }
    if (!isPipeline) {
      req.resume();
      sendJson(res, 404, { message: `Not found: ${req.method} ${path}`, code: "NOT_FOUND" });
      return;
    }
    if (!authorized(req)) {
      req.resume();
      sendJson(res, 401, { message: "Missing or wrong auth token", code: "UNAUTHORIZED" });
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (e) {
      if (!(e instanceof BodyTooLarge)) throw e;
      // Past the drain limit the rest is not read: close rather than parse it as the next request.
      if (!e.drained) res.setHeader("connection", "close");
      sendJson(res, 413, { message: `Request body too large (the limit is ${MAX_BODY_BYTES / 1024 / 1024} MiB)`, code: "BODY_TOO_LARGE" });
      return;
    }
    const answer = await engine.request(body);
    sendText(res, answer.status, answer.body);
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
    await engine.close();
    removeTemp();
    throw e;
  }
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : (opts.port ?? 0);
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    stats: () => ({ ...stats }),
    resetStats() {
      stats.requests = 0;
      stats.pipelines = 0;
      stats.statements = 0;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })
        .then(() => engine.close())
        .then(removeTemp);
      return closing;
    },
  };
}
