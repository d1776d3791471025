import { defineEndpoint } from "../../http/endpoint";
import { PUBLIC } from "../auth/policy";
import { regionScope } from "../../db/scope";
import { FrontdeskAnswer, FrontdeskListAnswer, FrontdeskListQuery, FrontdeskParams } from "./frontdesks.schemas";
import { findFrontdesks, getFrontdeskDetail, toFrontdeskSummary } from "./frontdesks.service";
import { RegionSlugParam } from "../regions/regions.schemas";

export const publicFrontdeskEndpoints = [
  defineEndpoint({
    method: "get",
    path: "/regions/:region/frontdesks",
    tag: "Public",
    summary: "The region's frontdesks, optionally filtered by municipality, topic and mode",
    access: PUBLIC,
    params: RegionSlugParam,
    query: FrontdeskListQuery,
    responses: {
      200: { description: "Matching frontdesks", schema: FrontdeskListAnswer },
      400: { description: "Invalid filter" },
      404: { description: "Unknown region" },
    },
    handler: async (c, { query }) => {
      const rows = await findFrontdesks(regionScope(c.var.db, c.var.region), query);
      return c.json({ frontdesks: rows.map(toFrontdeskSummary) });
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/frontdesks/:id",
    tag: "Public",
    summary: "One frontdesk with its weekly opening hours and upcoming closures",
    access: PUBLIC,
    params: FrontdeskParams,
    responses: {
      200: { description: "The frontdesk", schema: FrontdeskAnswer },
      404: { description: "Unknown region or frontdesk (also a frontdesk of another region)" },
    },
    handler: async (c, { params }) => {
      const frontdesk = await getFrontdeskDetail(regionScope(c.var.db, c.var.region), params.id, c.var.now);
      return c.json({ frontdesk });
    },
  }),
];
