// Runs the engine (engine.ts) in a supervised child process and restarts it
// when it dies.
//
// Why a child process: the `libsql` package (0.5.29, and 0.6.0-pre.41, the
// newest release) panics on a text value that is not valid UTF-8, e.g. the
// result of `SELECT CAST(x'ff' AS TEXT)` or `SELECT char(55296)`, and a Rust
// panic there aborts the whole process (SIGABRT): nothing in JavaScript can
// catch it, and a worker thread dies with its process. The package has no
// user-defined functions and no way to read a text column as bytes, so SQL
// cannot be rewritten to dodge it in general (a stored value in any column,
// RETURNING, PRAGMA output, a trigger's error message...). A child process
// contains any such crash: the requests it was running get an error
// (ENGINE_CRASHED), the HTTP process stays up, and a new engine serves the
// next request. The same watchdog kills an engine that stops answering
// (a runaway statement blocks its thread) after engineTimeoutMs.
// Cost: one local socket hop per pipeline (35–50 µs measured on the 2-core dev
// machine, against ~1 ms for the HTTP round trip itself) and ~0.3 s to start an
// engine (Node plus the tsx loader).

import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import type { Socket } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import { CLOSE, FATAL, type Frame, FrameReader, LOG, PIPELINE, PING, PONG, READY, REPLY, encodeFrame } from "./frames.js";
import type { StateOptions } from "./state.js";

export interface EngineReply {
  status: number;
  body: Buffer | string;
}

export interface EngineHostOptions extends Omit<StateOptions, "generation"> {
  /** Kill and restart an engine that has not answered for this long while requests wait (0 = never). */
  engineTimeoutMs: number;
  log: (line: string) => void;
  onStatements: (n: number) => void;
}

const ENGINE = fileURLToPath(new URL("./engine.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const MAX_RESTART_DELAY_MS = 5000;

/** The message of a Rust panic in the native module, from what it printed on stderr. */
function panicOf(stderr: string): string | undefined {
  const lines = stderr.split("\n");
  const at = lines.findIndex((l) => l.includes("panicked at"));
  if (at < 0) return undefined;
  const message = lines[at + 1]?.trim() || lines[at]?.trim() || "";
  const hint = message.includes("Utf8Error") ? "; a text value is not valid UTF-8: read it as hex(…) or CAST(… AS BLOB)" : "";
  return `the libsql engine panicked: ${message}${hint}`;
}

function errorReply(status: number, message: string, code: string): EngineReply {
  return { status, body: JSON.stringify({ message, code }) };
}

interface Queued {
  id: number;
  body: Buffer;
  resolve: (r: EngineReply) => void;
}

export class EngineHost {
  private child: ChildProcess | undefined;
  private channel: Socket | undefined;
  private ready = false;
  private closed = false;
  private generation = 0;
  private nextId = 1;
  /** Waiting for an engine to be ready. */
  private queue: Queued[] = [];
  /** Sent to the current engine, not yet answered. */
  private inflight = new Map<number, (r: EngineReply) => void>();
  private lastHeard = Date.now();
  private killReason: string | undefined;
  private failures = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly watchdog: NodeJS.Timeout;
  private firstStart: { resolve: () => void; reject: (e: Error) => void } | undefined;
  private exited: (() => void) | undefined;

  constructor(private readonly opts: EngineHostOptions) {
    const tick = opts.engineTimeoutMs > 0 ? Math.max(50, Math.min(1000, opts.engineTimeoutMs / 4)) : 1000;
    this.watchdog = setInterval(() => this.checkAlive(), tick);
    this.watchdog.unref();
  }

  /** Starts the first engine; rejects when it cannot open the database. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.firstStart = { resolve, reject };
      this.spawn();
    });
  }

  request(body: Buffer): Promise<EngineReply> {
    if (this.closed) return Promise.resolve(errorReply(503, "The server is shutting down", "SERVER_CLOSED"));
    const id = this.nextId;
    this.nextId = (this.nextId + 1) >>> 0 || 1;
    return new Promise((resolve) => {
      if (this.ready) this.send({ id, body, resolve });
      else this.queue.push({ id, body, resolve });
    });
  }

  close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    clearTimeout(this.restartTimer);
    const closing = errorReply(503, "The server is shutting down", "SERVER_CLOSED");
    for (const q of this.queue.splice(0)) q.resolve(closing);
    for (const resolve of this.inflight.values()) resolve(closing);
    this.inflight.clear();
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      this.exited = () => {
        clearTimeout(timer);
        resolve();
      };
      this.write(CLOSE, 0);
    });
  }

  private send(q: Queued): void {
    if (this.inflight.size === 0) this.lastHeard = Date.now();
    this.inflight.set(q.id, q.resolve);
    this.write(PIPELINE, q.id, q.body);
  }

  private write(kind: number, id: number, payload: Buffer | string = ""): void {
    const channel = this.channel;
    if (channel === undefined || channel.destroyed) return;
    const [head, body] = encodeFrame(kind, id, payload);
    channel.cork();
    channel.write(head as Buffer);
    if ((body as Buffer).length > 0) channel.write(body as Buffer);
    channel.uncork();
  }

  private spawn(): void {
    this.restartTimer = undefined;
    if (this.closed) return;
    const generation = ++this.generation;
    const state: StateOptions = {
      path: this.opts.path,
      streamIdleMs: this.opts.streamIdleMs,
      writeLockTimeoutMs: this.opts.writeLockTimeoutMs,
      busyTimeoutMs: this.opts.busyTimeoutMs,
      generation,
    };
    const child = spawn(process.execPath, ["--import", TSX, ENGINE, JSON.stringify(state)], {
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    });
    const channel = child.stdio[3] as Socket;
    this.child = child;
    this.channel = channel;
    this.ready = false;
    this.killReason = undefined;
    let fatal: string | undefined;
    let stderrTail = "";
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (text: string) => {
      stderrTail = (stderrTail + text).slice(-2000);
      for (const line of text.split("\n")) if (line.trim() !== "") this.opts.log(`engine: ${line}`);
    });
    const reader = new FrameReader((f: Frame) => {
      if (this.child !== child) return;
      this.lastHeard = Date.now();
      switch (f.kind) {
        case READY:
          this.onReady();
          break;
        case REPLY: {
          this.opts.onStatements(f.count);
          const resolve = this.inflight.get(f.id);
          this.inflight.delete(f.id);
          resolve?.({ status: f.status, body: f.payload });
          break;
        }
        case FATAL:
          fatal = f.payload.toString("utf8");
          break;
        case LOG:
          this.opts.log(f.payload.toString("utf8"));
          break;
        case PONG:
          break;
      }
    });
    channel.on("data", (chunk: Buffer) => reader.push(chunk));
    channel.on("error", () => {
      // The child died; "exit" below handles it.
    });
    child.on("error", (e) => {
      fatal ??= `cannot start the database engine: ${e.message}`;
    });
    child.on("close", (code, signal) => {
      if (this.child !== child) return;
      const how = signal !== null ? `signal ${signal}` : `exit code ${code}`;
      const reason = fatal ?? this.killReason ?? panicOf(stderrTail) ?? how;
      this.onExit(reason, how);
    });
  }

  private onReady(): void {
    this.ready = true;
    this.failures = 0;
    this.firstStart?.resolve();
    this.firstStart = undefined;
    for (const q of this.queue.splice(0)) this.send(q);
  }

  private onExit(reason: string, how: string): void {
    const wasReady = this.ready;
    this.child = undefined;
    this.channel = undefined;
    this.ready = false;
    if (this.closed) {
      this.exited?.();
      return;
    }
    const lost = errorReply(
      500,
      `The database engine stopped while running this request (${reason}) and was restarted; the request may not have completed, and open transactions were rolled back`,
      "ENGINE_CRASHED",
    );
    for (const resolve of this.inflight.values()) resolve(lost);
    this.inflight.clear();
    if (this.firstStart !== undefined) {
      this.firstStart.reject(new Error(`The database engine could not start: ${reason}`));
      this.firstStart = undefined;
      return;
    }
    if (wasReady) {
      this.opts.log(`database engine stopped (${how}: ${reason}); restarting`);
      this.spawn();
      return;
    }
    // It died while starting: answer what waits, and try again a little later each time.
    this.failures++;
    const down = errorReply(503, `The database engine cannot start: ${reason}`, "ENGINE_UNAVAILABLE");
    for (const q of this.queue.splice(0)) q.resolve(down);
    const delay = Math.min(MAX_RESTART_DELAY_MS, 100 * 2 ** this.failures);
    this.opts.log(`database engine failed to start (${reason}); retrying in ${delay} ms`);
    this.restartTimer = setTimeout(() => this.spawn(), delay);
    this.restartTimer.unref();
  }

  /** Kills an engine that has requests waiting but has not said anything for engineTimeoutMs. */
  private checkAlive(): void {
    const child = this.child;
    if (child === undefined || !this.ready || this.inflight.size === 0 || this.opts.engineTimeoutMs <= 0) return;
    const silent = Date.now() - this.lastHeard;
    if (silent >= this.opts.engineTimeoutMs) {
      this.killReason = `it did not answer for ${Math.round(silent / 1000)} s`;
      child.kill("SIGKILL");
      return;
    }
    this.write(PING, 0);
  }
}
