/** Who may do what: roles, regions and the accounts a role may manage. Pure rules, no HTTP and no SQL (`src/http/access.ts` applies them to a request). */
import type { Actor, RegionRef } from "../../lib/context";
import { DomainError } from "../../lib/errors";
import { ROLES, type Role } from "../../db/schema";

/**
 * Who may call an endpoint. `public` needs nothing; `users` needs a session with one of
 * the roles (platform_admin always passes). Whether the route is regional follows from a
 * `:region` path segment: a regional user of another region then gets 404, as if the
 * region's data did not exist.
 */
export type Access = { kind: "public" } | { kind: "users"; roles: readonly Role[] } | { kind: "entrepreneur" } | { kind: "member"; roles: readonly Role[] };

export const REGIONAL_ROLES: readonly Role[] = ["region_admin", "frontdesk_staff", "consultant"];

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
 * A signed-in entrepreneur OR a signed-in user with one of these roles (the knowledge square,
 * issue 18: entrepreneurs, partners and staff answer questions). An entrepreneur session is
 * tried first; without one the staff rule applies as for `users`.
 */
export function memberAccess(...roles: Role[]): Access {
  return { kind: "member", roles };
}

/**
 * The pure access rule: may this actor (null when signed out) call a route with this access
 * rule about this region (null for a route without `:region`)? A regional user who names
 * another region gets "not_found", as if the region's data did not exist.
 * @example accessDecision(actor, rolesAccess("region_admin"), region) // "allowed"
 */
export function accessDecision(actor: Actor | null, access: Access, region: RegionRef | null): "allowed" | "unauthenticated" | "not_found" | "forbidden" {
  if (access.kind === "public") return "allowed";
  // Entrepreneurs have their own session and no role (src/http/access.ts checks it before
  // asking here): a staff session never counts as one, so it is "not signed in" on /me.
  if (access.kind === "entrepreneur") return "unauthenticated";
  if (!actor) return "unauthenticated";
  if (access.kind === "member") return accessDecision(actor, { kind: "users", roles: access.roles }, region);
  if (region && actor.regionId !== null && actor.regionId !== region.id) return "not_found";
  if (actor.role !== "platform_admin" && !access.roles.includes(actor.role)) return "forbidden";
  return "allowed";
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
