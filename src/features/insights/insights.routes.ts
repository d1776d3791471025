import * as v from "valibot";
import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import type { AppContext } from "../../lib/context";
import { TOPICS } from "../../lib/vocabulary";
import { rolesAccess } from "../auth/policy";
import { RegionSlugParam } from "../regions/regions.schemas";
import { resolvePeriod } from "../reports/period";
import { ReportQuery } from "../reports/reports.schemas";
import { buildInsights } from "./insights.service";

const CountDto = v.pipe(v.union([v.number(), v.literal("<5")]), v.description('A count; 1–4 is shown as "<5".'));
const TermDto = v.object({ term: v.string(), count: CountDto });
const ViewDto = v.object({ slug: v.string(), title: v.string(), count: CountDto });
const InsightsDto = v.object({
  period: v.object({ from: v.string(), to: v.string() }),
  topSearches: v.pipe(v.array(TermDto), v.description("Normalised search terms, most searched first; terms seen fewer than 3 times are left out.")),
  zeroResultSearches: v.pipe(v.array(TermDto), v.description("Terms that found nothing (what is missing); fewer than 3 times left out.")),
  offerViews: v.pipe(v.array(ViewDto), v.description("Most viewed offers (views of offers serving the region).")),
  leastViewedOffers: v.pipe(v.array(ViewDto), v.description("Least viewed offers that were viewed at all.")),
  unviewedOffers: v.pipe(v.array(v.object({ slug: v.string(), title: v.string() })), v.description("Published offers nobody opened in the period.")),
  demandSupply: v.array(
    v.object({
      topic: v.picklist(TOPICS),
      bookings: v.pipe(CountDto, v.description("Appointments starting in the period.")),
      searches: v.pipe(CountDto, v.description("Searches about the topic (its filter, else the top result's topic).")),
      deskClicks: v.pipe(CountDto, v.description('"Talk to a desk about this" clicks.')),
      offers: v.pipe(v.number(), v.description("Published offers (not expired, contact points excluded) with the topic, now.")),
      desks: v.pipe(v.number(), v.description("Active frontdesks with the topic, now.")),
    }),
  ),
});

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
      const now = Date.now();
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
    access: rolesAccess("province_viewer"),
    query: ReportQuery,
    responses: { 200: { description: "Insights", schema: InsightsDto }, ...errors },
    handler: async (c, { query }) => {
      const now = Date.now();
      const insights = await buildInsights(c.var.db, null, resolvePeriod(query, now), now);
      noStore(c);
      return c.json(insights);
    },
  }),
];
