import type { Context } from "hono";
import type { Config, Bindings } from "../env";
import type { Db } from "../db/client";
import type { ApiScope, Role } from "../db/schema";

/** A user's membership of one region (issue 19): the role they hold there. */
export interface Membership {
  regionId: string;
  regionSlug: string;
  /** The region's name, for display (the region switcher); read with the session. */
  regionName?: string;
  role: Role;
}

/** The signed-in user as the policy sees it. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  regionId: string | null;
  regionSlug: string | null;
  frontdeskIds: string[];
  /** The organisation of a `partner` (catalogue); null for every other role. */
  organisationId: string | null;
  organisationSlug: string | null;
  /**
   * Every region the user is a member of, with the role held there (issue 19); empty for
   * platform-wide roles. On a regional route `role`, `regionId` and `regionSlug` are those of
   * the route's region (`actorInRegion`); elsewhere those of the home region.
   */
  memberships: Membership[];
  /** The municipality (official name) of a `municipality_viewer`; null for every other role. */
  municipality: string | null;
  sessionIdHash: string;
  /**
   * Set when the request came with an API key (`Authorization: Bearer …`, issue 20) instead of a
   * session: the key acts as a partner of its organisation or a region admin of its region,
   * limited to its scopes. `id` is then the key's id (`ak_…`), `sessionIdHash` empty.
   */
  apiKey?: { id: string; scopes: readonly ApiScope[] };
}

/**
 * A signed-in entrepreneur (issue 17). Never a staff {@link Actor}: it lives in its own
 * variable, set only by the `entrepreneur` access rule from the entrepreneur session cookie.
 */
export interface EntrepreneurActor {
  id: string;
  /** The verified address (trimmed, lowercased): the only link to appointments and trajectories. */
  email: string;
  sessionIdHash: string;
}

/** The organisation a request is about, resolved from the `:org` path segment (catalogue). */
export interface OrganisationRef {
  id: string;
  slug: string;
  name: string;
  kind: string;
  homeRegionId: string;
  regions: string[];
}

/** The region a request is about, resolved from the `:region` path segment. */
export interface RegionRef {
  id: string;
  slug: string;
  name: string;
  operator: string;
  goodFridayClosed: boolean;
  liberationDayClosed: boolean;
  retentionMonths: number;
}

export interface AppVariables {
  requestId: string;
  config: Config;
  db: Db;
  actor: Actor | null;
  /** True once the session cookie (if any) was looked up; `actor` is then final. */
  actorLoaded: boolean;
  /** The access rule left for the handler to apply after its read batch read the session (see `AccessOptions.sessionWithData` in src/http/access.ts). */
  deferredAccess: (() => void) | undefined;
  region: RegionRef;
  organisation: OrganisationRef;
  /** The `:org` segment's organisation as read with the session (before its access check); undefined when not read yet. */
  organisationRead: OrganisationRef | null | undefined;
  /** The instant of this request (epoch ms), from the one clock (src/lib/clock.ts). */
  now: number;
  /** The signed-in entrepreneur on `/me` routes (undefined until the entrepreneur access rule ran). */
  entrepreneur: EntrepreneurActor | null;
  /** An embed answer (issue 20): the CSP `frame-ancestors` sources of the region's registered origins. */
  frameAncestors?: string;
}

export type AppEnv = { Bindings: Bindings; Variables: AppVariables };
export type AppContext = Context<AppEnv>;

/**
 * The actor of a route whose access rule already demanded a session.
 * @example const actor = requireActor(c);
 */
export function requireActor(c: AppContext): Actor {
  const actor = c.var.actor;
  if (!actor) throw new Error("requireActor called on a route without a users access rule");
  return actor;
}

/**
 * Runs book-keeping after the answer is sent (`waitUntil`): it never delays the response
 * and never counts against its round-trip budget. Failures are logged, never thrown.
 * @example afterAnswer(c, () => touchSession(db, idHash, now));
 */
export function afterAnswer(c: AppContext, work: () => Promise<unknown>): void {
  const promise = Promise.resolve()
    .then(work)
    .catch((error: unknown) => {
      console.error(JSON.stringify({ level: "error", msg: "after-answer work failed", requestId: c.var.requestId, error: String(error) }));
    });
  try {
    c.executionCtx.waitUntil(promise);
  } catch {
    // No execution context (in-process app.request): the promise still runs.
  }
}
