import type * as v from "valibot";
import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import { type AppContext, requireActor } from "../../lib/context";
import { organisationScope, regionScope } from "../../db/scope";
import { type Access, rolesAccess } from "../auth/policy";
import {
  CreatedKeyAnswer,
  KeyListAnswer,
  NewKeyBody,
  OrgKeyItemParams,
  OrgKeyParams,
  RegionKeyItemParams,
  RegionKeyParams,
  RotateBody,
} from "./api-keys.schemas";
import { createApiKey, type KeyOwnerScope, listApiKeys, revokeApiKey, rotateApiKey } from "./api-keys.service";

/**
 * The API keys of a region (its admins) and of an organisation (its partners and the admins of
 * its home region, through the organisation rule), declared once for both. No key manages
 * keys: these routes declare no `keyScope`.
 */
interface Family {
  prefix: string;
  access: Access;
  base: v.GenericSchema;
  item: v.GenericSchema;
  owner: (c: AppContext) => KeyOwnerScope;
  who: string;
  scopes: string;
}

const REGION: Family = {
  prefix: "/regions/:region/admin/api-keys",
  access: rolesAccess("region_admin"),
  base: RegionKeyParams,
  item: RegionKeyItemParams,
  owner: (c) => ({ kind: "region", scope: regionScope(c.var.db, c.var.region) }),
  who: "the region's admins",
  scopes: "`appointments:read` (the region's agenda), `reports:read` (the region report), `referrals:read` and `referrals:write` (the region's referrals)",
};
const ORGANISATION: Family = {
  prefix: "/organisations/:org/api-keys",
  access: rolesAccess("partner", "region_admin"),
  base: OrgKeyParams,
  item: OrgKeyItemParams,
  owner: (c) => ({ kind: "organisation", scope: organisationScope(c.var.db, c.var.organisation) }),
  who: "the organisation's partners and the admins of its home region",
  scopes: "`offers:write` (its offers), `events:write` (its events), `referrals:read` and `referrals:write` (its referral inbox)",
};

const errors = {
  401: { description: "Not signed in" },
  403: { description: "Role not allowed (or an API key: keys cannot manage keys), or the Origin check failed" },
  404: { description: "Unknown region, organisation or key (also one the caller may not act for)" },
};

function options(c: AppContext) {
  return { live: c.var.config.APP_ENV === "production", now: c.var.now };
}

function familyEndpoints(f: Family): Endpoint[] {
  return [
    defineEndpoint({
      method: "get",
      path: f.prefix,
      tag: "API keys",
      summary: `The API keys (${f.who}), newest first, with their status and last use; never a secret`,
      access: f.access,
      params: f.base,
      responses: { 200: { description: "Keys", schema: KeyListAnswer }, ...errors },
      handler: async (c) => {
        c.header("Cache-Control", "no-store");
        return c.json({ apiKeys: await listApiKeys(f.owner(c), c.var.now) });
      },
    }),
    defineEndpoint({
      method: "post",
      path: f.prefix,
      tag: "API keys",
      summary: "Create an API key: the secret is in this answer only",
      description: `Scopes: ${f.scopes}. Send the secret as \`Authorization: Bearer <secret>\`; it is stored only as a SHA-256 hash. Each key has its own rate limit (600 requests a minute unless configured otherwise).`,
      access: f.access,
      params: f.base,
      body: NewKeyBody,
      responses: {
        201: { description: "Created", schema: CreatedKeyAnswer },
        400: { description: "Invalid input (a scope this owner's keys cannot hold, an expiry in the past)" },
        ...errors,
      },
      handler: async (c, { body }) => {
        c.header("Cache-Control", "no-store");
        return c.json(await createApiKey(f.owner(c), requireActor(c), body, options(c)), 201);
      },
    }),
    defineEndpoint({
      method: "delete",
      path: `${f.prefix}/:id`,
      tag: "API keys",
      summary: "Revoke an API key: every secret of it stops working at once",
      access: f.access,
      params: f.item,
      responses: { 204: { description: "Revoked (also when it already was)" }, ...errors },
      handler: async (c, { params }) => {
        await revokeApiKey(f.owner(c), requireActor(c), (params as { id: string }).id, c.var.now);
        return c.body(null, 204);
      },
    }),
    defineEndpoint({
      method: "post",
      path: `${f.prefix}/:id/rotate`,
      tag: "API keys",
      summary: "Rotate an API key: a new secret now, the old one keeps working for the overlap (default 24 hours)",
      access: f.access,
      params: f.item,
      body: RotateBody,
      responses: {
        200: { description: "The new secret (shown once) and until when the old one works (`previousSecretValidUntil`)", schema: CreatedKeyAnswer },
        409: { description: "The key was revoked or has expired" },
        ...errors,
      },
      handler: async (c, { params, body }) => {
        c.header("Cache-Control", "no-store");
        return c.json(await rotateApiKey(f.owner(c), requireActor(c), (params as { id: string }).id, body, options(c)));
      },
    }),
  ];
}

export const apiKeyEndpoints: Endpoint[] = [...familyEndpoints(REGION), ...familyEndpoints(ORGANISATION)];
