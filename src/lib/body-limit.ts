import type { MiddlewareHandler } from "hono";
import { DomainError } from "./errors";

/** One limit for every request body: API JSON and web forms alike. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * How much of a refused body is read (and dropped) before answering. Reading a refused body
 * to its end lets the client see the 413 instead of a reset, and keeps its keep-alive
 * connection usable: a body left half-read holds the connection under `wrangler dev` for
 * 300 s. Only a body beyond this is cut off (workerd then closes the connection).
 */
export const DRAIN_LIMIT_BYTES = 10 * 1024 * 1024;

function tooLarge(maxSize: number): DomainError {
  return new DomainError("payload_too_large", `The request body is larger than ${maxSize / 1024} KB.`);
}

/**
 * Reads a request body of at most `maxSize` bytes, counting bytes as they stream (declared
 * or chunked), and never holds more than `maxSize` in memory. Over the limit it reads on and
 * drops the rest (up to {@link DRAIN_LIMIT_BYTES}) and returns null.
 * @example const bytes = await readBodyWithin(request, 64 * 1024); if (!bytes) return tooLarge();
 */
export async function readBodyWithin(request: Request, maxSize: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const body = request.body;
  if (!body) return new Uint8Array(0);
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
    // The client went away mid-upload; judge what arrived.
  }
  if (size > maxSize) return null;
  const buffer = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    buffer.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return buffer;
}

/** True when the body is declared (Content-Length, not chunked) within `maxSize`: the runtime then never delivers more. */
export function declaredWithin(request: Request, maxSize: number): boolean {
  const declared = request.headers.get("content-length");
  return declared !== null && !request.headers.has("transfer-encoding") && Number(declared) <= maxSize;
}

/**
 * Refuses bodies over `maxSize` with 413, declared (Content-Length) or streamed (chunked),
 * after reading on ({@link readBodyWithin}). An accepted streamed body is buffered so later
 * readers see it unchanged.
 * @example api.use(limitBody(64 * 1024));
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  return async (c, next) => {
    if (!c.req.raw.body || declaredWithin(c.req.raw, maxSize)) return next();
    const bytes = await readBodyWithin(c.req.raw, maxSize);
    if (!bytes) throw tooLarge(maxSize);
    c.req.raw = new Request(c.req.raw, { body: bytes });
    return next();
  };
}
