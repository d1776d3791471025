/**
 * The access check for API-key calls (issue 20): `Authorization: Bearer <secret>` instead of a
 * session. The key, the `:region` and the `:org` of the path are read in one batch (as a
 * session's request reads session, region and organisation together), then the pure rule
 * `keyAccessDecision` of the policy module decides. A key call reads no cookie and needs no
 * Origin (it cannot be forged by a browser: a page cannot make one send our key).
 */
import type { ApiScope } from "../db/schema";
import { ReadPlan } from "../db/read";
import type { AppContext } from "../lib/context";
import { DomainError, notFound } from "../lib/errors";
import { type Access, keyAccessDecision, type KeyOwnerKind } from "../features/auth/policy";
import { isRegionSlug, regionLookup } from "../features/regions/regions.service";
import { organisationLookup } from "../features/organisations/organisation-access";
import { planApiKey } from "../features/api-keys/key-auth";

/**
 * Which kind of key a route is for, from its path: an organisation's routes (`:org`) or a
 * region's (`:region`); null for anything else (no key reaches it).
 * @example keyRouteOwner("/regions/:region/admin/report") // "region"
 */
export function keyRouteOwner(path: string): KeyOwnerKind | null {
  if (path.includes("/:org")) return "organisation";
  if (path.includes("/:region")) return "region";
  return null;
}

/**
 * Resolves the key and applies the policy; sets `actor`, `region` and `organisation` as the
 * session path does. Throws 401 (bad key), 403 (no such scope, or a route no key reaches),
 * 404 (another region or organisation) or 429 (the key's rate limit).
 * @example await enforceKeyAccess(c, endpoint.access, endpoint.keyScope, endpoint.path);
 */
export async function enforceKeyAccess(c: AppContext, access: Access, scope: ApiScope | undefined, path: string): Promise<void> {
  // The entrepreneur's own routes take the entrepreneur's session, never a key; routes open to
  // entrepreneurs and staff alike (the knowledge square's answers, marks and reports) take a
  // person, so a key is refused there as on a staff route without a scope.
  if (access.kind === "member") throw new DomainError("forbidden", "API keys cannot call this route.");
  if (access.kind !== "users") throw new DomainError("unauthenticated", "API keys do not open this route; sign in instead.");
  const plan = new ReadPlan(c.var.db);
  const keyOf = await planApiKey(c, plan);
  const slug = c.req.param("region");
  const region = slug !== undefined && isRegionSlug(slug) ? regionLookup(plan, slug) : null;
  const orgSlug = c.req.param("org");
  const organisation = orgSlug !== undefined ? organisationLookup(plan, orgSlug) : null;
  await plan.run();
  const { actor, owner } = keyOf();
  const regionRef = region?.() ?? null;
  if (slug !== undefined && !regionRef) throw notFound("This region");
  if (regionRef) c.set("region", regionRef);
  const org = organisation?.() ?? null;
  const route = { scope, owner: keyRouteOwner(path) };
  switch (keyAccessDecision(actor, owner, route, access, regionRef, org)) {
    case "unauthenticated":
      throw new DomainError("unauthenticated", "API keys do not open this route; sign in instead.");
    case "not_found":
      throw orgSlug !== undefined ? notFound("This organisation") : notFound("This region");
    case "forbidden":
      throw new DomainError("forbidden", "API keys cannot call this route.");
    case "forbidden_scope":
      throw new DomainError("forbidden", `This API key lacks the scope ${scope ?? ""} this route needs.`);
    case "allowed":
      break;
  }
  if (org) c.set("organisation", org);
}
