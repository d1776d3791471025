import type { Actor } from "../../lib/context";
import { DomainError } from "../../lib/errors";
import { canonicalOrigin } from "../../lib/origins";
import type { RegionScope } from "../../db/scope";
import { writeBatch } from "../../db/write";
import { auditEntry } from "../audit/audit.repo";
import { readEmbedOrigins, setEmbedOriginsStatement } from "./embed-origins.repo";

export async function listEmbedOrigins(scope: RegionScope): Promise<string[]> {
  return readEmbedOrigins(scope);
}

/**
 * Replaces the region's registered origins (canonical, without duplicates), audited.
 * @example await replaceEmbedOrigins(scope, actor, ["https://www.maastricht.nl"], { local: false, now })
 */
export async function replaceEmbedOrigins(scope: RegionScope, actor: Actor, input: string[], opts: { local: boolean; now: number }): Promise<string[]> {
  const origins: string[] = [];
  for (const [i, raw] of input.entries()) {
    const origin = canonicalOrigin(raw, opts.local);
    if (!origin) {
      const message = `"${raw.slice(0, 80)}" is not an origin: give https://host (and :port), without a path.`;
      throw new DomainError("validation_failed", message, [{ path: `origins.${i}`, message }]);
    }
    if (!origins.includes(origin)) origins.push(origin);
  }
  await writeBatch(scope.db, [
    setEmbedOriginsStatement(scope, origins),
    auditEntry(scope, actor, "region.embed_origins", { type: "region", id: scope.region.id }, { origins }, opts.now),
  ]);
  return origins;
}
