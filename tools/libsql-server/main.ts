// CLI: tsx tools/libsql-server/main.ts --path .data/mkb.db --port 8080 [--auth-token X] [--host 127.0.0.1]
// The token may also come from LIBSQL_SERVER_TOKEN.

import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { startLibsqlServer } from "./server.js";

function usage(message: string): never {
  console.error(`${message}\nusage: tsx tools/libsql-server/main.ts --path <db file|:memory:> [--port 8080] [--host 127.0.0.1] [--auth-token X]`);
  process.exit(2);
}

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (m === null) usage(`unexpected argument: ${arg}`);
    const key = m[1] ?? "";
    const value = m[2] ?? argv[++i];
    if (value === undefined) usage(`missing value for --${key}`);
    out[key] = value;
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const path = args.path ?? usage("--path is required");
  const port = Number(args.port ?? "8080");
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`bad port: ${args.port}`);
  const authToken = args["auth-token"] ?? process.env.LIBSQL_SERVER_TOKEN ?? undefined;
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });

  const server = await startLibsqlServer({
    path,
    port,
    host: args.host ?? "127.0.0.1",
    authToken: authToken === "" ? undefined : authToken,
    log: (line) => console.error(line),
  });
  console.log(`libsql server listening on ${server.url} (file ${path})`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
