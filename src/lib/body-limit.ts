import type { MiddlewareHandler } from "hono";
import { DomainError } from "./errors";

/** Read at most this much of a refused body before answering. */
const DRAIN_LIMIT_BYTES = 1024 * 1024;

function tooLarge(maxSize: number): DomainError {
  return new DomainError("payload_too_large", `The request body is larger than ${maxSize / 1024} KB.`);
}

/**
 * Refuses bodies over `maxSize` with 413, declared (Content-Length) or streamed (chunked).
 * Unlike a plain limit it reads on (and drops, up to 1 MB) what the client is still sending
 * before answering: answering mid-upload makes many clients see a reset connection instead
 * of the 413. An accepted streamed body is buffered so later readers see it unchanged.
 * @example api.use(limitBody(64 * 1024));
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const declared = c.req.header("content-length");
    const chunked = c.req.raw.headers.has("transfer-encoding");
    if (declared !== undefined && !chunked && Number(declared) <= maxSize) return next();
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size <= maxSize) chunks.push(value);
        if (size > DRAIN_LIMIT_BYTES) {
          await reader.cancel();
          break;
        }
      }
    } catch {
      // The client went away mid-upload; fall through with what arrived.
    }
    if (size > maxSize) throw tooLarge(maxSize);
    const buffer = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      buffer.set(chunk, offset);
      offset += chunk.byteLength;
    }
    c.req.raw = new Request(c.req.raw, { body: buffer });
    return next();
  };
}
