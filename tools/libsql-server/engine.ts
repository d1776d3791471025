// The engine child process: runs the libSQL engine (ServerState) for the HTTP
// process in server.ts, which starts it and restarts it when it dies. Frames
// (frames.ts) travel over fd 3; stderr carries whatever the native module
// prints when it panics. Started as:
//   node --import tsx tools/libsql-server/engine.ts '<StateOptions as JSON>'

import { Socket } from "node:net";
import { CLOSE, FATAL, type Frame, FrameReader, LOG, PIPELINE, PING, PONG, READY, REPLY, encodeFrame } from "./frames.js";
import { ServerState, type StateOptions } from "./state.js";

const channel = new Socket({ fd: 3, readable: true, writable: true });

function send(kind: number, id: number, payload: Buffer | string = "", status = 0, count = 0): void {
  const [head, body] = encodeFrame(kind, id, payload, status, count);
  channel.cork();
  channel.write(head as Buffer);
  if ((body as Buffer).length > 0) channel.write(body as Buffer);
  channel.uncork();
}

let state: ServerState | undefined;

function shutdown(code: number): void {
  state?.close();
  state = undefined;
  process.exit(code);
}

// The HTTP process went away (or asked us to stop): close the database cleanly and leave.
channel.on("end", () => shutdown(0));
channel.on("close", () => shutdown(0));
channel.on("error", () => shutdown(0));

try {
  const opts = JSON.parse(process.argv[2] ?? "") as StateOptions;
  state = new ServerState(opts, (line) => send(LOG, 0, line));
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  const [head, body] = encodeFrame(FATAL, 0, message);
  channel.write(Buffer.concat([head as Buffer, body as Buffer]), () => process.exit(1));
}

if (state !== undefined) {
  const running = state;
  const reader = new FrameReader((f: Frame) => {
    switch (f.kind) {
      case PIPELINE:
        running.handleBody(f.payload.toString("utf8")).then(
          (answer) => send(REPLY, f.id, answer.body, answer.status, running.takeStatements()),
          (e: unknown) => send(REPLY, f.id, JSON.stringify({ message: String(e), code: "INTERNAL_ERROR" }), 500, running.takeStatements()),
        );
        break;
      case PING:
        send(PONG, f.id);
        break;
      case CLOSE:
        shutdown(0);
        break;
    }
  });
  channel.on("data", (chunk: Buffer) => reader.push(chunk));
  send(READY, 0);
}
