import { defineEndpoint } from "../../http/endpoint";
import { PUBLIC } from "../auth/policy";
import { listRegions, readRegion } from "./regions.service";
import { RegionSlugParam, RegionAnswer, RegionListAnswer } from "./regions.schemas";

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
    regionInBatch: true,
    params: RegionSlugParam,
    responses: { 200: { description: "The region", schema: RegionAnswer }, 404: { description: "Unknown region" } },
    handler: async (c, { params }) => {
      const { region, municipalities } = await readRegion(c.var.db, params.region);
      const { slug, name, operator } = region;
      return c.json({ region: { slug, name, operator, municipalities } });
    },
  }),
];
