import { defineEndpoint } from "../../http/endpoint";
import { planAccess } from "../../http/access";
import type { AppContext } from "../../lib/context";
import { regionScope } from "../../db/scope";
import { AGGREGATE_READERS, rolesAccess } from "../auth/policy";
import { RegionSlugParam } from "../regions/regions.schemas";
import { provinceSummaryCsv, regionReportCsv } from "./csv";
import { resolvePeriod, type ReportPeriod } from "./period";
import { ProvinceSummaryDto, RegionReportDto, ReportCsvQuery, ReportQuery } from "./reports.schemas";
import { buildProvinceSummary, buildRegionReport } from "./reports.service";

const PROVINCE = rolesAccess(...AGGREGATE_READERS);
const REGION_ADMIN = rolesAccess("region_admin");
const PERIOD_NOTE =
  "Dates are local (Europe/Amsterdam) and inclusive; appointments count by their start date. Default: the current calendar year to date; at most three years (400 beyond).";
const provinceErrors = {
  400: { description: "Invalid dates or a period over three years" },
  401: { description: "Not signed in" },
  403: { description: "Not a province viewer" },
};
const regionErrors = { ...provinceErrors, 403: { description: "Not a region admin" }, 404: { description: "Unknown region (also another region's)" } };

/** Reports are personal to the moment and the reader: never cached by browsers or proxies. */
function noStore(c: AppContext): void {
  c.header("Cache-Control", "no-store");
}

/** A download's file name: `…-excel.csv` for the Excel format. */
const csvName = (base: string, format: string | undefined) => `${base}${format === "excel" ? "-excel" : ""}.csv`;

function csvResponse(c: AppContext, body: string, filename: string): Response {
  noStore(c);
  c.header("Content-Type", "text/csv; charset=utf-8");
  c.header("Content-Disposition", `attachment; filename="${filename}"`);
  return c.body(body, 200);
}

/** The summary, with the session in the same read batch when the access rule was left to the handler. */
const readProvinceSummary = (c: AppContext, period: ReportPeriod) => buildProvinceSummary(c.var.db, period, c.var.now, (plan) => planAccess(c, plan));

export const reportEndpoints = [
  defineEndpoint({
    method: "get",
    path: "/province/summary",
    tag: "Province",
    summary: "Figures per region and in total: bookings by status, mode, topic and month, active frontdesks, capacity utilisation, lead time, no-show rate",
    description: `${PERIOD_NOTE} Aggregates only; small counts per topic, region and month are hidden as "<5".`,
    access: PROVINCE,
    query: ReportQuery,
    responses: { 200: { description: "The summary", schema: ProvinceSummaryDto }, ...provinceErrors },
    sessionWithData: true,
    handler: async (c, { query }) => {
      const now = c.var.now;
      const summary = await readProvinceSummary(c, resolvePeriod(query, now));
      noStore(c);
      return c.json(summary);
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/province/summary.csv",
    tag: "Province",
    summary: "The province summary as CSV (tidy long format: region,metric,dimension,value; `format=excel` for Dutch Excel)",
    description: `${PERIOD_NOTE} \`region\` is a region slug or \`total\`; empty value = not applicable (e.g. no appointments).`,
    access: PROVINCE,
    query: ReportCsvQuery,
    responses: { 200: { description: "CSV download", contentType: "text/csv; charset=utf-8" }, ...provinceErrors },
    sessionWithData: true,
    handler: async (c, { query }) => {
      const period = resolvePeriod(query, c.var.now);
      const summary = await readProvinceSummary(c, period);
      return csvResponse(c, provinceSummaryCsv(summary, query.format), csvName(`provincie-samenvatting-${period.from}-${period.to}`, query.format));
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/report",
    tag: "Region staff",
    summary: "The region's own figures, also per frontdesk and per municipality",
    description: PERIOD_NOTE,
    access: REGION_ADMIN,
    keyScope: "reports:read",
    params: RegionSlugParam,
    query: ReportQuery,
    responses: { 200: { description: "The report", schema: RegionReportDto }, ...regionErrors },
    handler: async (c, { query }) => {
      const now = c.var.now;
      const report = await buildRegionReport(regionScope(c.var.db, c.var.region), resolvePeriod(query, now), now);
      noStore(c);
      return c.json(report);
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/report.csv",
    tag: "Region staff",
    summary: "The region's report as CSV (tidy long format: region,frontdesk_id,frontdesk,municipality,metric,dimension,value; `format=excel` for Dutch Excel)",
    description: `${PERIOD_NOTE} Region rows leave frontdesk and municipality empty; municipality rows leave the frontdesk columns empty.`,
    access: REGION_ADMIN,
    keyScope: "reports:read",
    params: RegionSlugParam,
    query: ReportCsvQuery,
    responses: { 200: { description: "CSV download", contentType: "text/csv; charset=utf-8" }, ...regionErrors },
    handler: async (c, { query }) => {
      const now = c.var.now;
      const period = resolvePeriod(query, now);
      const report = await buildRegionReport(regionScope(c.var.db, c.var.region), period, now);
      return csvResponse(c, regionReportCsv(report, query.format), csvName(`regio-${c.var.region.slug}-rapportage-${period.from}-${period.to}`, query.format));
    },
  }),
];
