/**
 * Applies the SQL migrations in ./migrations to a libSQL database (local server or Turso).
 * Usage: LIBSQL_URL=… [LIBSQL_AUTH_TOKEN=…] npm run db:migrate
 */
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { fileURLToPath } from "node:url";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../migrations", import.meta.url));

/**
 * Brings the database at `url` up to the newest migration; safe to run again.
 * @example await applyMigrations("http://127.0.0.1:8080");
 */
export async function applyMigrations(url: string, authToken?: string): Promise<void> {
  const client = createClient({ url, authToken });
  try {
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    client.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const url = process.env.LIBSQL_URL;
  if (!url) {
    console.error("Set LIBSQL_URL (and LIBSQL_AUTH_TOKEN for Turso), e.g. LIBSQL_URL=libsql://mkb-limburg-you.turso.io npm run db:migrate");
    process.exit(2);
  }
  await applyMigrations(url, process.env.LIBSQL_AUTH_TOKEN);
  console.log(`Migrations applied to ${new URL(url).host}`);
}
