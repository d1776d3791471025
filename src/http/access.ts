/**
 * Applies an access rule to a request: resolves the `:region` segment and the signed-in
 * user, then asks the pure policy (`features/auth/policy.ts`) whether they may pass. API
 * endpoints (through the registry) and web pages (through `regionPage`/`signedInPage`)
 * both go through here, so the rule is decided in one place.
 */
import type { AppContext, RegionRef } from "../lib/context";
import { DomainError, notFound } from "../lib/errors";
import { loadActor } from "../features/auth/auth.service";
import { accessDecision, type Access } from "../features/auth/policy";
import { findRegion } from "../features/regions/regions.service";
import { organisationFor } from "../features/organisations/organisation-access";
import { loadEntrepreneur } from "../features/entrepreneurs/entrepreneur-session";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Resolves the region and the actor of a request and applies the access rule, then (for a
 * route with `:org`) the organisation rule; an entrepreneur route needs the entrepreneur session
 * instead. Sets `region`, `actor`, `organisation` or `entrepreneur` on the context. Throws 401, 403 or 404 as a DomainError.
 * @example await enforceAccess(c, rolesAccess("region_admin"))
 */
export async function enforceAccess(c: AppContext, access: Access): Promise<void> {
  const slug = c.req.param("region");
  let region: RegionRef | null = null;
  if (slug !== undefined) {
    region = await findRegion(c.var.db, slug);
    if (!region) throw notFound("This region");
    c.set("region", region);
  }
  if (access.kind === "public") return;
  // Entrepreneurs (issue 17): their own session and cookie; the staff session is never read here.
  if (access.kind === "entrepreneur") {
    if (!(await loadEntrepreneur(c))) throw new DomainError("unauthenticated", "Sign in to continue.");
    if (UNSAFE_METHODS.has(c.req.method)) assertSameOrigin(c);
    return;
  }

  const actor = await loadActor(c);
  if (actor && UNSAFE_METHODS.has(c.req.method)) assertSameOrigin(c);
  switch (accessDecision(actor, access, region)) {
    case "unauthenticated":
      throw new DomainError("unauthenticated", "Sign in to continue.");
    case "not_found":
      throw notFound("This region");
    case "forbidden":
      throw new DomainError("forbidden", "Your account may not do this.");
    case "allowed":
      break;
  }
  // Catalogue: an `:org` segment scopes the route to one organisation (404 for others).
  const org = c.req.param("org");
  if (org !== undefined && actor) c.set("organisation", await organisationFor(c.var.db, actor, org));
}

/**
 * CSRF defence for cookie-authenticated unsafe requests: the Origin must be our own.
 * SameSite=Lax already blocks most cross-site posts; this closes the rest (and old browsers).
 */
export function assertSameOrigin(c: AppContext): void {
  const origin = c.req.header("origin");
  const own = new URL(c.req.url).origin;
  const allowed = new Set([own, c.var.config.PUBLIC_URL ? new URL(c.var.config.PUBLIC_URL).origin : own]);
  if (!origin || !allowed.has(origin)) {
    throw new DomainError("forbidden", "This request must come from the platform's own pages (Origin check failed).");
  }
}

/** Public posts: a browser always sends Origin on a cross-site POST, so a foreign one is refused (login CSRF and friends). */
export function assertSameOriginIfPresent(c: AppContext): void {
  if (c.req.header("origin")) assertSameOrigin(c);
}
