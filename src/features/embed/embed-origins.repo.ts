import { eq } from "drizzle-orm";
import { regions } from "../../db/schema";
import type { RegionScope } from "../../db/scope";

/** The region's registered origins (one small read). */
export async function readEmbedOrigins(scope: RegionScope): Promise<string[]> {
  const [row] = await scope.db.db.select({ origins: regions.embedOrigins }).from(regions).where(eq(regions.id, scope.region.id));
  return row?.origins ?? [];
}

/** Replaces the list; the region's `config_version` trigger then moves, as for any region change. */
export function setEmbedOriginsStatement(scope: RegionScope, origins: string[]) {
  return scope.db.db.update(regions).set({ embedOrigins: origins }).where(eq(regions.id, scope.region.id));
}
