// Length-prefixed frames between the HTTP process and the engine child, over
// one socket pair. Bodies travel as raw UTF-8 bytes: no second JSON encoding
// (Node's IPC channel would escape every request and response again, which
// costs ~10 ms per MB).

/** Parent → child. */
export const PIPELINE = 1;
export const PING = 2;
export const CLOSE = 3;
/** Child → parent. */
export const READY = 10;
export const REPLY = 11;
export const PONG = 12;
export const FATAL = 13;
export const LOG = 14;

export interface Frame {
  kind: number;
  /** Request id (PIPELINE/REPLY), else 0. */
  id: number;
  /** HTTP status of a REPLY, else 0. */
  status: number;
  /** Statements run since the previous REPLY (REPLY only). */
  count: number;
  payload: Buffer;
}

const HEADER = 16;

export function encodeFrame(kind: number, id: number, payload: Buffer | string = "", status = 0, count = 0): Buffer[] {
  const body = typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
  const head = Buffer.allocUnsafe(HEADER);
  head.writeUInt32LE(body.length, 0);
  head.writeUInt8(kind, 4);
  head.writeUInt8(0, 5);
  head.writeUInt16LE(status, 6);
  head.writeUInt32LE(id >>> 0, 8);
  head.writeUInt32LE(Math.min(count, 0xffffffff), 12);
  return [head, body];
}

/** Reassembles frames from stream chunks. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly onFrame: (f: Frame) => void) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    for (;;) {
      if (this.size < HEADER) return;
      if ((this.chunks[0] as Buffer).length < HEADER) this.chunks = [Buffer.concat(this.chunks, this.size)];
      const len = (this.chunks[0] as Buffer).readUInt32LE(0);
      // Join the chunks only once the whole frame is there (a 10 MB body arrives in many chunks).
      if (this.size < HEADER + len) return;
      let buf = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.size);
      const frame: Frame = {
        kind: buf.readUInt8(4),
        status: buf.readUInt16LE(6),
        id: buf.readUInt32LE(8),
        count: buf.readUInt32LE(12),
        payload: buf.subarray(HEADER, HEADER + len),
      };
      buf = buf.subarray(HEADER + len);
      this.chunks = buf.length > 0 ? [buf] : [];
      this.size = buf.length;
      this.onFrame(frame);
    }
  }
}
