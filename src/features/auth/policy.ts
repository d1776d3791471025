import type { Actor, AppContext, RegionRef } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { ROLES, type Role } from "../../db/schema";
import { loadActor } from "./auth.service";
import { findRegionBySlug } from "../regions/regions.repo";
import { enforceOrganisationAccess } from "../organisations/organisation-access";
import { loadEntrepreneur } from "../entrepreneurs/entrepreneur-session";

/**
 * Who may call an endpoint. `public` needs nothing; `users` needs a session with one of
 * the roles (platform_admin always passes). Whether the route is regional follows from a
 * `:region` path segment: a regional user of another region then gets 404, as if the
 * region's data did not exist.
 */
export type Access = { kind: "public" } | { kind: "users"; roles: readonly Role[] } | { kind: "entrepreneur" };

export const REGIONAL_ROLES: readonly Role[] = ["region_admin", "frontdesk_staff", "consultant"];
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Access for signed-in users with one of these roles. */
export function rolesAccess(...roles: Role[]): Access {
  return { kind: "users", roles };
}
export const PUBLIC: Access = { kind: "public" };
/**
 * A signed-in entrepreneur (issue 17): their own session and cookie, never a staff role, so an
 * entrepreneur reaches no staff route and staff reach no `/me` route.
 */
export const ENTREPRENEUR: Access = { kind: "entrepreneur" };

/**
 * Resolves the region and the actor of a request and applies the endpoint's access rule.
 * Sets `region` and `actor` on the context. Throws 401, 403 or 404 as a DomainError.
 * @example await enforceAccess(c, rolesAccess("region_admin"))
 */
export async function enforceAccess(c: AppContext, access: Access): Promise<void> {
  const slug = c.req.param("region");
  let region: RegionRef | null = null;
  if (slug !== undefined) {
    region = await findRegionBySlug(c.var.db, slug);
    if (!region) throw notFound("This region");
    c.set("region", region);
  }
  if (access.kind === "public") return;
  if (access.kind === "entrepreneur") {
    if (!(await loadEntrepreneur(c))) throw new DomainError("unauthenticated", "Sign in to continue.");
    if (UNSAFE_METHODS.has(c.req.method)) assertSameOrigin(c);
    return;
  }

  const actor = await loadActor(c);
  if (!actor) throw new DomainError("unauthenticated", "Sign in to continue.");
  if (UNSAFE_METHODS.has(c.req.method)) assertSameOrigin(c);
  if (region && actor.regionId !== null && actor.regionId !== region.id) throw notFound("This region");
  if (actor.role !== "platform_admin" && !access.roles.includes(actor.role)) {
    throw new DomainError("forbidden", "Your account may not do this.");
  }
  // Catalogue (issue 14): an `:org` segment scopes the route to one organisation (404 for others).
  if (c.req.param("org") !== undefined) await enforceOrganisationAccess(c, actor);
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

// --- Catalogue (issue 14) ---
/** Every role: routes any signed-in user may call about themselves (sign-out, own password). */
export const ANY_ROLE: readonly Role[] = ROLES;
// --- end catalogue ---

/** Platform-level routes (creating regions and region admins). */
export const PLATFORM_ADMIN: Access = rolesAccess("platform_admin");

/**
 * Which roles an actor may give to an account. The platform admin gives any role; a region
 * admin staffs their own region with frontdesk staff and consultants only.
 * @example assignableRoles(actor).includes("consultant")
 */
export function assignableRoles(actor: Pick<Actor, "role">): readonly Role[] {
  if (actor.role === "platform_admin") return ["platform_admin", "province_viewer", "region_admin", "frontdesk_staff", "consultant"];
  if (actor.role === "region_admin") return ["frontdesk_staff", "consultant"];
  return [];
}

/** 403 unless the actor may give this role. */
export function assertMayAssignRole(actor: Pick<Actor, "role">, role: Role): void {
  if (!assignableRoles(actor).includes(role)) throw new DomainError("forbidden", "Your account may not give this role.");
}

/**
 * 403 unless the actor may change this account: never their own (no self-lock-out or
 * self-promotion), and a region admin only accounts whose role they could have given.
 */
export function assertMayManageAccount(actor: Pick<Actor, "id" | "role">, target: { id: string; role: Role }): void {
  if (actor.id === target.id) throw new DomainError("forbidden", "You cannot change your own account here.");
  if (!assignableRoles(actor).includes(target.role)) throw new DomainError("forbidden", "Your account may not change this account.");
}

/** Whether a role is bound to one region. */
export function isRegionalRole(role: Role): boolean {
  return REGIONAL_ROLES.includes(role);
}
