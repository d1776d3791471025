/**
 * Applies an access rule to a request: resolves the `:region` segment and the signed-in
 * user, then asks the pure policy (`features/auth/policy.ts`) whether they may pass. API
 * endpoints (through the registry) and web pages (through `regionPage`/`signedInPage`)
 * both go through here, so the rule is decided in one place.
 */
import type { AppContext, OrganisationRef, RegionRef } from "../lib/context";
import { DomainError, notFound } from "../lib/errors";
import { ReadPlan } from "../db/read";
import { loadActor, planActor, sessionSeenValid } from "../features/auth/auth.service";
import { accessDecision, actorInRegion, type Access } from "../features/auth/policy";
import { isRegionSlug, regionLookup } from "../features/regions/regions.service";
import { organisationFor, organisationLookup } from "../features/organisations/organisation-access";
import { hasEntrepreneurCookie, loadEntrepreneur } from "../features/entrepreneurs/entrepreneur-session";

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface AccessOptions {
  /**
   * Public routes only: the handler resolves the region in its own read batch (one round
   * trip for region and data), so nothing is read here; an impossible slug is still 404.
   */
  regionInBatch?: boolean;
  /**
   * Entrepreneur routes only: the handler reads the session in its own read batch, with its
   * data (one round trip for both), and answers 401 itself when the session is not valid; a
   * request without the session cookie is still 401 here, and the Origin is still checked.
   */
  sessionInBatch?: boolean;
  /**
   * Staff GET routes without `:region` or `:org` (the province's aggregates): when this
   * isolate found the request's session valid within the last minutes, nothing is read here
   * and the handler reads the session in its own batch, with its data (`planAccess`); the
   * rule is applied to what that batch finds before anything is answered. Otherwise the
   * session is read here as usual. Data is thus only ever read ahead for a session that was
   * valid moments ago, never for an unknown cookie.
   */
  sessionWithData?: boolean;
}

/**
 * Looks up what the request needs before its page data, in ONE round trip: the region of
 * the `:region` segment (unless known already) and the session (when a cookie is sent and
 * it was not read yet). Sets `region` (404 if unknown) and `actor` on the context.
 * @example await resolveRequest(c, { region: true });
 */
export async function resolveRequest(c: AppContext, opts: { region: boolean; organisation?: boolean }): Promise<OrganisationRef | null> {
  const slug = c.req.param("region");
  const plan = new ReadPlan(c.var.db);
  const wantRegion = opts.region && slug !== undefined && c.var.region?.slug !== slug;
  if (wantRegion && !isRegionSlug(slug)) throw notFound("This region");
  const region = wantRegion ? regionLookup(plan, slug) : null;
  const orgSlug = c.req.param("org");
  const known = c.var.organisationRead;
  const organisation = opts.organisation && orgSlug !== undefined && known === undefined ? organisationLookup(plan, orgSlug) : null;
  const actorOf = await planActor(c, plan);
  await plan.run();
  actorOf();
  if (region) {
    const found = region();
    if (!found) throw notFound("This region");
    c.set("region", found);
  }
  return organisation ? organisation() : (known ?? null);
}

/** The region of the `:region` segment alone (404 when unknown), for routes without a staff session. */
async function resolveRegion(c: AppContext, slug: string): Promise<void> {
  if (!isRegionSlug(slug)) throw notFound("This region");
  const plan = new ReadPlan(c.var.db);
  const region = regionLookup(plan, slug);
  await plan.run();
  const found = region();
  if (!found) throw notFound("This region");
  c.set("region", found);
}

/**
 * For web pages, before the handler: reads the session when a cookie is sent, and in the
 * same round trip the region of the `:region` segment and the organisation of `:org` (so a
 * signed-in page needs no second lookup). Without a cookie it reads nothing: public pages load their region with their data.
 * An unknown region is left for the page to answer (404 page).
 */
export async function prefetchRequest(c: AppContext): Promise<void> {
  const plan = new ReadPlan(c.var.db);
  const actorOf = await planActor(c, plan);
  if (plan.size === 0) {
    actorOf();
    return;
  }
  const slug = c.req.param("region");
  const region = slug !== undefined && isRegionSlug(slug) ? regionLookup(plan, slug) : null;
  const orgSlug = c.req.param("org");
  const organisation = orgSlug !== undefined ? organisationLookup(plan, orgSlug) : null;
  await plan.run();
  actorOf();
  const found = region?.();
  if (found) c.set("region", found);
  // Checked by the access rule (`organisationFor`) before any page uses it.
  if (organisation) c.set("organisationRead", organisation());
}

/**
 * Resolves the region and the actor of a request and applies the access rule: region and
 * session travel in one read batch. Then (for a route with `:org`) the organisation rule; an
 * entrepreneur route needs the entrepreneur session instead. Sets `region`, `actor`,
 * `organisation` or `entrepreneur` on the context. Throws 401, 403 or 404 as a DomainError.
 * @example await enforceAccess(c, rolesAccess("region_admin"))
 */
export async function enforceAccess(c: AppContext, access: Access, opts: AccessOptions = {}): Promise<void> {
  const slug = c.req.param("region");
  if (access.kind === "public") {
    if (slug === undefined) return;
    if (opts.regionInBatch) {
      if (!isRegionSlug(slug)) throw notFound("This region");
      return;
    }
    await resolveRequest(c, { region: true });
    return;
  }
  // Entrepreneurs (issue 17): their own session and cookie; the staff session is never read here.
  if (access.kind === "entrepreneur") {
    if (slug !== undefined) await resolveRegion(c, slug);
    const signedIn = opts.sessionInBatch ? hasEntrepreneurCookie(c) : (await loadEntrepreneur(c)) !== null;
    if (!signedIn) throw new DomainError("unauthenticated", "Sign in to continue.");
    if (UNSAFE_METHODS.has(c.req.method)) assertSameOrigin(c);
    return;
  }
  // Knowledge square (issue 18): an entrepreneur session passes; without one, the staff rule below.
  if (access.kind === "member" && hasEntrepreneurCookie(c) && (await loadEntrepreneur(c)) !== null) {
    if (UNSAFE_METHODS.has(c.req.method)) assertSameOrigin(c);
    return;
  }
  if (opts.sessionWithData && slug === undefined && c.req.param("org") === undefined && c.req.method === "GET" && (await sessionSeenValid(c))) {
    c.set("deferredAccess", () => applyRule(c, access, null, null));
    return;
  }
  // Region, session and (for an `:org` route) the organisation: one read batch.
  const organisation = await resolveRequest(c, { region: true, organisation: true });
  const region: RegionRef | null = slug !== undefined ? c.var.region : null;
  if (c.var.actor && UNSAFE_METHODS.has(c.req.method)) assertSameOrigin(c);
  applyRule(c, access, region, organisation);
}

/**
 * For a handler of a `sessionWithData` route: adds the session read to the handler's read
 * batch when the access rule was left to it; call the returned function after `plan.run()`,
 * before using any data (it throws 401 or 403 as `enforceAccess` would).
 * @example const allowed = await planAccess(c, plan); const data = planX(plan); await plan.run(); allowed();
 */
export async function planAccess(c: AppContext, plan: ReadPlan): Promise<() => void> {
  const rule = c.var.deferredAccess;
  if (!rule) return () => undefined;
  const actorOf = await planActor(c, plan);
  return () => {
    actorOf();
    c.set("deferredAccess", undefined);
    rule();
  };
}

/**
 * Fail-safe for `sessionWithData` routes, before any answer leaves: a rule the handler did
 * not apply (it never called `planAccess`, or it failed before) is applied now, reading the
 * session on its own. A 401 or 403 then replaces whatever the handler produced.
 */
export async function settleDeferredAccess(c: AppContext): Promise<void> {
  const rule = c.var.deferredAccess;
  if (!rule) return;
  c.set("deferredAccess", undefined);
  await loadActor(c);
  rule();
}

/** The access rule on a resolved actor: throws 401, 403 or 404; sets the actor's role for the region and the organisation. */
function applyRule(c: AppContext, access: Access, region: RegionRef | null, organisation: OrganisationRef | null): void {
  const actor = c.var.actor;
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
  // Issue 19: on a route about one region, a member of several regions acts with that region's role.
  if (actor && region) c.set("actor", actorInRegion(actor, region));
  // Catalogue: an `:org` segment scopes the route to one organisation (404 for others).
  const org = c.req.param("org");
  if (org !== undefined && actor) c.set("organisation", organisationFor(actor, organisation));
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
