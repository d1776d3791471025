import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  body: string;
  path: string;
}

/** A real HTTP endpoint for webhook tests: records what arrives and answers with `status` (changeable). */
export interface WebhookReceiver {
  url(path?: string): string;
  received: ReceivedHook[];
  status: number;
  /** Waits until `count` requests arrived at `path` (any path when omitted), or fails after `timeoutMs`. */
  waitFor(count: number, path?: string, timeoutMs?: number): Promise<ReceivedHook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const receiver = { status: 204 } as WebhookReceiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), path: req.url ?? "/" });
      res.statusCode = receiver.status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const at = (path?: string) => received.filter((r) => path === undefined || r.path === path);
  return Object.assign(receiver, {
    received,
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    async waitFor(count: number, path?: string, timeoutMs = 15_000) {
      const until = Date.now() + timeoutMs;
      while (at(path).length < count) {
        if (Date.now() > until) throw new Error(`webhook receiver: ${at(path).length} of ${count} requests at ${path ?? "any path"} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return at(path);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
