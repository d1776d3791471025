import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LibsqlServer, type LibsqlServerOptions, startLibsqlServer } from "../../tools/libsql-server/server.js";

/** A temp folder removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "libsql-server-test-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startOnTempFile(opts: Partial<LibsqlServerOptions> = {}): Promise<{ server: LibsqlServer; path: string; stop: () => Promise<void> }> {
  const { dir, cleanup } = tempDir();
  const path = join(dir, "test.db");
  const server = await startLibsqlServer({ path, port: 0, ...opts });
  return {
    server,
    path,
    stop: async () => {
      await server.close();
      cleanup();
    },
  };
}

export async function pipeline(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/v2/pipeline`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
