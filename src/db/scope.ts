import type { Db } from "./client";
import type { RegionRef } from "../lib/context";

/**
 * The only way into region-owned tables: every repository function takes a scope, and
 * every query it runs filters on `scope.region.id`. There is no unscoped variant.
 */
export interface RegionScope {
  readonly db: Db;
  readonly region: RegionRef;
}

/**
 * @example const scope = regionScope(c.var.db, c.var.region);
 */
export function regionScope(db: Db, region: RegionRef): RegionScope {
  return { db, region };
}
