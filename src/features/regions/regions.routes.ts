import { defineEndpoint } from "../../http/endpoint";
import { PUBLIC } from "../auth/policy";
import { listMunicipalities, listRegions } from "./regions.service";
import { RegionSlugParam, RegionAnswer, RegionListAnswer } from "./regions.schemas";
import { regionScope } from "../../db/scope";

export const regionEndpoints = [
  defineEndpoint({
    method: "get",
    path: "/regions",
    tag: "Public",
    summary: "List the regions (tenants) of the platform",
    access: PUBLIC,
    responses: {
      200: { description: "The regions", schema: RegionListAnswer },
    },
    handler: async (c) => {
      const regions = await listRegions(c.var.db);
      return c.json({ regions: regions.map(({ slug, name, operator }) => ({ slug, name, operator })) });
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region",
    tag: "Public",
    summary: "One region with the municipalities it serves",
    access: PUBLIC,
    params: RegionSlugParam,
    responses: { 200: { description: "The region", schema: RegionAnswer }, 404: { description: "Unknown region" } },
    handler: async (c) => {
      const { slug, name, operator } = c.var.region;
      const municipalities = await listMunicipalities(regionScope(c.var.db, c.var.region));
      return c.json({ region: { slug, name, operator, municipalities } });
    },
  }),
];
