import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import { requireActor } from "../../lib/context";
import { regionScope } from "../../db/scope";
import { rolesAccess } from "../auth/policy";
import { RegionSlugParam } from "../regions/regions.schemas";
import { EmbedOriginsAnswer, EmbedOriginsBody } from "./embed-origins.schemas";
import { listEmbedOrigins, replaceEmbedOrigins } from "./embed-origins.service";

const errors = {
  401: { description: "Not signed in" },
  403: { description: "Role not allowed, or the Origin check failed" },
  404: { description: "Unknown region" },
};
const NOTE =
  "Registered origins may frame `/embed/{region}` and `/embed/{region}/{frontdeskId}` (CSP `frame-ancestors`) and read the region's public GET routes from a browser (CORS, without credentials).";

export const embedOriginEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/embed-origins",
    tag: "Open platform",
    summary: "The region's registered origins (embedding and CORS)",
    description: NOTE,
    access: rolesAccess("region_admin"),
    params: RegionSlugParam,
    responses: { 200: { description: "The origins", schema: EmbedOriginsAnswer }, ...errors },
    handler: async (c) => c.json({ origins: await listEmbedOrigins(regionScope(c.var.db, c.var.region)) }),
  }),
  defineEndpoint({
    method: "put",
    path: "/regions/:region/admin/embed-origins",
    tag: "Open platform",
    summary: "Replace the region's registered origins",
    description: NOTE,
    access: rolesAccess("region_admin"),
    params: RegionSlugParam,
    body: EmbedOriginsBody,
    responses: {
      200: { description: "The origins as stored (canonical, without duplicates)", schema: EmbedOriginsAnswer },
      400: { description: "Not an https origin" },
      ...errors,
    },
    handler: async (c, { body }) =>
      c.json({
        origins: await replaceEmbedOrigins(regionScope(c.var.db, c.var.region), requireActor(c), body.origins, { local: c.var.config.isLocal, now: c.var.now }),
      }),
  }),
];
