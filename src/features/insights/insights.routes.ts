import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import type { AppContext } from "../../lib/context";
import { AGGREGATE_READERS, rolesAccess } from "../auth/policy";
import { RegionSlugParam } from "../regions/regions.schemas";
import { resolvePeriod } from "../reports/period";
import { ReportQuery } from "../reports/reports.schemas";
import { InsightsDto } from "./insights.schemas";
import { buildInsights } from "./insights.service";

const PERIOD_NOTE =
  "Dates are local (Europe/Amsterdam) and inclusive (default: this calendar year). Anonymous per-day counters only: no IP addresses, users or cookies are recorded.";
const errors = { 400: { description: "Invalid dates" }, 401: { description: "Not signed in" }, 403: { description: "Not allowed for this role" } };

function noStore(c: AppContext): void {
  c.header("Cache-Control", "no-store");
}

export const insightEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/insights",
    tag: "Insights",
    summary: "What entrepreneurs look for in the region's catalogue, what they miss, and demand against supply per topic",
    description: PERIOD_NOTE,
    access: rolesAccess("region_admin"),
    params: RegionSlugParam,
    query: ReportQuery,
    responses: { 200: { description: "Insights", schema: InsightsDto }, ...errors, 404: { description: "Unknown region (also another region's)" } },
    handler: async (c, { query }) => {
      const now = c.var.now;
      const insights = await buildInsights(c.var.db, { id: c.var.region.id, slug: c.var.region.slug }, resolvePeriod(query, now), now);
      noStore(c);
      return c.json(insights);
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/province/insights",
    tag: "Insights",
    summary: "The same insights over all regions",
    description: PERIOD_NOTE,
    access: rolesAccess(...AGGREGATE_READERS),
    query: ReportQuery,
    responses: { 200: { description: "Insights", schema: InsightsDto }, ...errors },
    handler: async (c, { query }) => {
      const now = c.var.now;
      const insights = await buildInsights(c.var.db, null, resolvePeriod(query, now), now);
      noStore(c);
      return c.json(insights);
    },
  }),
];
