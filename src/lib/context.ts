import type { Context } from "hono";
import type { Config, Bindings } from "../env";
import type { Db } from "../db/client";
import type { Role } from "../db/schema";

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
  sessionIdHash: string;
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
  region: RegionRef;
  organisation: OrganisationRef;
  /** The instant of this request (epoch ms), from the one clock (src/lib/clock.ts). */
  now: number;
  /** The signed-in entrepreneur on `/me` routes (undefined until the entrepreneur access rule ran). */
  entrepreneur: EntrepreneurActor | null;
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
