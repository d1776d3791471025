/**
 * Two requests on one keep-alive connection, the way browsers and Node's fetch reuse them:
 * a refused upload, then an ordinary GET. Proves the connection stays usable after a 413.
 */
import http from "node:http";

export interface TwoRequests {
  first: number;
  second: number;
  /** True when the second request went over the first one's connection. */
  reused: boolean;
  secondMs: number;
}

function send(
  agent: http.Agent,
  url: URL,
  init: { method: string; headers?: Record<string, string>; body?: Buffer },
  timeoutMs: number,
): Promise<{ status: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { agent, method: init.method, headers: init.headers ?? {} }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    // A server that answers before reading the whole body may reset the connection after its
    // answer; the answer is what counts here (reuse is checked by the next request).
    req.on("error", reject);
    req.end(init.body);
  });
}

/**
 * Sends `first` and then `GET secondPath` through an agent with a single keep-alive socket.
 * @example const r = await twoRequestsOnOneConnection(url, { method: "POST", path, body }, "/api/v1/health");
 */
export async function twoRequestsOnOneConnection(
  base: string,
  first: { method: string; path: string; headers?: Record<string, string>; body?: Buffer },
  secondPath: string,
  timeoutMs = 3000,
): Promise<TwoRequests> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const one = await send(agent, new URL(first.path, base), first, 30_000);
    const started = performance.now();
    const two = await send(agent, new URL(secondPath, base), { method: "GET" }, timeoutMs);
    return { first: one.status, second: two.status, reused: two.reused, secondMs: performance.now() - started };
  } finally {
    agent.destroy();
  }
}

/** The same with Node's fetch (undici keeps connections alive by default). */
export async function twoFetches(
  base: string,
  first: { method: string; path: string; headers?: Record<string, string>; body: Buffer },
  secondPath: string,
  timeoutMs = 3000,
) {
  const one = await fetch(new URL(first.path, base), { method: first.method, headers: first.headers ?? {}, body: new Uint8Array(first.body) });
  await one.arrayBuffer();
  const started = performance.now();
  const two = await fetch(new URL(secondPath, base), { signal: AbortSignal.timeout(timeoutMs) });
  await two.arrayBuffer();
  return { first: one.status, second: two.status, secondMs: performance.now() - started };
}
