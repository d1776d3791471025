import { defineEndpoint } from "../../http/endpoint";
import { PUBLIC } from "../auth/policy";
import { readThroughCache } from "../../http/edge-cache";
import { todayLocal } from "../../lib/time";
import { FrontdeskAnswer, FrontdeskListAnswer, FrontdeskListQuery, FrontdeskParams } from "./frontdesks.schemas";
import { readFrontdeskDetail, readFrontdesks, toFrontdeskSummary, type ConfigVersions, type FrontdeskDetail } from "./frontdesks.service";
import { RegionSlugParam } from "../regions/regions.schemas";

export const publicFrontdeskEndpoints = [
  defineEndpoint({
    method: "get",
    path: "/regions/:region/frontdesks",
    tag: "Public",
    summary: "The region's frontdesks, optionally filtered by municipality, topic and mode",
    access: PUBLIC,
    regionInBatch: true,
    params: RegionSlugParam,
    query: FrontdeskListQuery,
    responses: {
      200: { description: "Matching frontdesks", schema: FrontdeskListAnswer },
      400: { description: "Invalid filter" },
      404: { description: "Unknown region" },
    },
    handler: async (c, { params, query }) => {
      const rows = await readFrontdesks(c.var.db, params.region, query, c.var.now);
      return c.json({ frontdesks: rows.map(toFrontdeskSummary) });
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/frontdesks/:id",
    tag: "Public",
    summary: "One frontdesk with its weekly opening hours and upcoming closures",
    access: PUBLIC,
    regionInBatch: true,
    params: FrontdeskParams,
    responses: {
      200: { description: "The frontdesk", schema: FrontdeskAnswer },
      404: { description: "Unknown region or frontdesk (also a frontdesk of another region)" },
    },
    handler: async (c, { params }) => {
      const now = c.var.now;
      const frontdesk = await readThroughCache<ConfigVersions, FrontdeskDetail>(
        c,
        `frontdesk/${params.region}/${params.id}?day=${todayLocal(now)}`,
        now,
        async (known) => {
          const { versions, detail } = await readFrontdeskDetail(c.var.db, params.region, params.id, now, known);
          return { versions, value: detail };
        },
      );
      return c.json({ frontdesk });
    },
  }),
];
