import { createClient, type Client } from "@libsql/client/web";
import { drizzle } from "drizzle-orm/libsql/web";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import type { Config } from "../env";
/** Without the relational-query schema: nothing uses `db.query`, and building its config cost a share of every request. */
export type Database = LibSQLDatabase;

/** The drizzle database plus its raw client, for `client.batch(stmts, "write")`. */
export interface Db {
  db: Database;
  client: Client;
}

/**
 * Builds a libSQL client for one request (never at import time: the Worker's env is per request).
 * @example const { db } = openDb(config);
 */
export function openDb(config: Pick<Config, "LIBSQL_URL" | "LIBSQL_AUTH_TOKEN">): Db {
  const client = createClient({ url: config.LIBSQL_URL, authToken: config.LIBSQL_AUTH_TOKEN });
  return { client, db: drizzle(client) };
}
