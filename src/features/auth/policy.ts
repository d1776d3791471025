/** Who may do what: roles, regions and the accounts a role may manage. Pure rules, no HTTP and no SQL (`src/http/access.ts` applies them to a request). */
import type { Actor, Membership, RegionRef } from "../../lib/context";
import { DomainError } from "../../lib/errors";
import { ROLES, type ApiScope, type Role } from "../../db/schema";

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
  // Issue 19: a regional user reaches a region only through a membership of it, and there
  // holds the role of that membership (a member of Zuid and Noord reaches nothing of Midden).
  let role = actor.role;
  if (region && isRegionBound(actor)) {
    const membership = membershipIn(actor, region.id);
    if (!membership) return "not_found";
    role = membership.role;
  }
  if (role !== "platform_admin" && !access.roles.includes(role)) return "forbidden";
  return "allowed";
}

/** Whether the actor's reach is limited to the regions they are a member of (a regional role, or any membership). */
function isRegionBound(actor: Actor): boolean {
  return actor.memberships.length > 0 || actor.regionId !== null;
}

/**
 * The actor's membership of a region, or null. A regional user without membership rows
 * (none after migration 0012) counts as a member of their home region with their role.
 */
export function membershipIn(actor: Actor, regionId: string): Membership | null {
  const found = actor.memberships.find((m) => m.regionId === regionId);
  if (found) return found;
  if (actor.memberships.length === 0 && actor.regionId === regionId && actor.regionSlug) return { regionId, regionSlug: actor.regionSlug, role: actor.role };
  return null;
}

/**
 * The actor as seen on a route about one region: a member of several regions acts with the
 * role of that region's membership, and `regionId`/`regionSlug` name that region. Anyone
 * else is returned unchanged. Apply only after `accessDecision` allowed the route.
 * @example c.set("actor", actorInRegion(actor, region))
 */
export function actorInRegion(actor: Actor, region: RegionRef): Actor {
  const membership = isRegionBound(actor) ? membershipIn(actor, region.id) : null;
  if (!membership) return actor;
  return { ...actor, role: membership.role, regionId: region.id, regionSlug: region.slug };
}

/**
 * Who manages the Support Process of a region (assignment, settings, figures, every
 * candidate): its region admin, the programme office (every region) and the platform admin.
 * @example managesSupportProcess("programme_office") // true
 */
export function managesSupportProcess(role: Role): boolean {
  return role === "region_admin" || role === "programme_office" || role === "platform_admin";
}

/**
 * Whether reading this candidate's personal data must be audited: the programme office
 * sees personal data only for a Support Process task, and every such access is recorded.
 * @example auditsPersonalDataAccess("programme_office") // true
 */
export function auditsPersonalDataAccess(role: Role): boolean {
  return role === "programme_office";
}

// --- Catalogue (issue 14) ---
/** Every role: routes any signed-in user may call about themselves (sign-out, own password). */
export const ANY_ROLE: readonly Role[] = ROLES;
// --- end catalogue ---

/** Cross-region aggregates (issue 19): the province, the programme office and the platform admin. */
export const AGGREGATE_READERS: readonly Role[] = ["province_viewer", "programme_office"];

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

// --- API keys (issue 20) ---
/** Who owns an API key, and so which routes it can be meant for: the `:org` or the `:region` ones. */
export type KeyOwnerKind = "region" | "organisation";

/**
 * The scopes a key of each owner may hold. Region keys: the region's own agenda, report and
 * referrals; organisation keys: the organisation's offers, events and referral inbox.
 */
export const KEY_SCOPES: Record<KeyOwnerKind, readonly ApiScope[]> = {
  region: ["appointments:read", "reports:read", "referrals:read", "referrals:write"],
  organisation: ["offers:write", "events:write", "referrals:read", "referrals:write"],
};

/** The role a key acts with: the same role a person managing that owner's data has. */
export const KEY_ROLE: Record<KeyOwnerKind, Role> = { region: "region_admin", organisation: "partner" };

/**
 * The route as a key sees it: the scope its declaration names (`keyScope` on `defineEndpoint`)
 * and whether it is an organisation's (`:org`) or a region's (`:region`) route.
 */
export interface KeyRoute {
  scope: ApiScope | undefined;
  owner: KeyOwnerKind | null;
}

/**
 * The access rule for a request with an API key. Another tenant first (404, as sessions get:
 * a region key about another region, an organisation key about another organisation), then the
 * kind of route (403: a key reaches only routes that declare a scope, of its own owner's kind),
 * then the scope (403), then the role rule every session passes through ({@link accessDecision}).
 * @example keyAccessDecision(actor, "region", { scope: "reports:read", owner: "region" }, access, region, null)
 */
export function keyAccessDecision(
  actor: Actor,
  keyOwner: KeyOwnerKind,
  route: KeyRoute,
  access: Access,
  region: RegionRef | null,
  organisation: { id: string } | null,
): "allowed" | "not_found" | "forbidden" | "forbidden_scope" | "unauthenticated" {
  if (access.kind !== "users" || !actor.apiKey) return "unauthenticated";
  if (route.owner === "region" && keyOwner === "region" && region && region.id !== actor.regionId) return "not_found";
  if (route.owner === "organisation" && keyOwner === "organisation" && organisation?.id !== actor.organisationId) return "not_found";
  if (route.owner !== keyOwner || route.scope === undefined) return "forbidden";
  if (!actor.apiKey.scopes.includes(route.scope)) return "forbidden_scope";
  return accessDecision(actor, access, region);
}
