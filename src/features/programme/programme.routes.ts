/** Programme steering routes (issue 19): targets, progress (Limburg and a region's share) and the municipality view. */
import { requireActor } from "../../lib/context";
import { defineEndpoint } from "../../http/endpoint";
import { AGGREGATE_READERS, rolesAccess } from "../auth/policy";
import { RegionSlugParam } from "../regions/regions.schemas";
import { resolvePeriod } from "../reports/period";
import { ReportQuery } from "../reports/reports.schemas";
import { municipalityFor, municipalitySummary } from "./municipality.service";
import {
  CapacityAnswer,
  CapacityBody,
  CapacityParams,
  MunicipalityQuery,
  MunicipalitySummaryDto,
  ProgressDto,
  RegionProgressDto,
  TargetSetDto,
  TargetsBody,
  TargetsQuery,
} from "./programme.schemas";
import { programmeProgress, readTargets, regionProgress, setConsultantCapacity, setTargets } from "./programme.service";
import { regionScope } from "../../db/scope";

const TAG = "Programme";
const PROGRAMME_OFFICE = rolesAccess("programme_office");
const errors = { 400: { description: "Invalid input" }, 401: { description: "Not signed in" }, 403: { description: "Role not allowed" } };

export const programmeEndpoints = [
  defineEndpoint({
    method: "get",
    path: "/programme/targets",
    tag: TAG,
    summary: "The targets of one period (Limburg-wide, with the regions' shares)",
    access: rolesAccess(...AGGREGATE_READERS),
    query: TargetsQuery,
    responses: { 200: { description: "The targets", schema: TargetSetDto }, ...errors },
    handler: async (c, { query }) => c.json(await readTargets(c.var.db, { from: query.from, to: query.to })),
  }),
  defineEndpoint({
    method: "put",
    path: "/programme/targets",
    tag: TAG,
    summary:
      "Set the targets of a period (programme office): starts, plans (min/max), companies reached, appointments, referrals with feedback, masterclass attendance, consultant FTE; optionally a share per region",
    description:
      "Replaces every target and share of that exact period. A region's target is its share (percent) of the Limburg target; without a share it has none.",
    access: PROGRAMME_OFFICE,
    body: TargetsBody,
    responses: { 200: { description: "The targets as stored", schema: TargetSetDto }, ...errors },
    handler: async (c, { body }) =>
      c.json(
        await setTargets(
          c.var.db,
          requireActor(c),
          {
            period: { from: body.from, to: body.to },
            targets: body.targets.map((t) => ({ indicator: t.indicator, min: t.min, max: t.max ?? null })),
            shares: body.shares,
          },
          c.var.now,
        ),
      ),
  }),
  defineEndpoint({
    method: "get",
    path: "/programme/progress",
    tag: TAG,
    summary: "Progress against the targets, the Support Process funnel, companies reached and consultant capacity, for Limburg and per region",
    description: 'Aggregates only; counts of 1–4 as "<5". Compared with the latest target period overlapping the report period.',
    access: rolesAccess(...AGGREGATE_READERS),
    query: ReportQuery,
    responses: { 200: { description: "The progress", schema: ProgressDto }, ...errors },
    handler: async (c, { query }) => {
      c.header("Cache-Control", "no-store");
      return c.json(await programmeProgress(c.var.db, resolvePeriod(query, c.var.now)));
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/programme/progress",
    tag: TAG,
    summary: "The region's progress against its share of the targets (never the whole Limburg target)",
    access: rolesAccess("region_admin", "programme_office"),
    params: RegionSlugParam,
    query: ReportQuery,
    responses: { 200: { description: "The region's progress", schema: RegionProgressDto }, ...errors, 404: { description: "Unknown region" } },
    handler: async (c, { query }) => {
      c.header("Cache-Control", "no-store");
      return c.json(await regionProgress(c.var.db, c.var.region, resolvePeriod(query, c.var.now)));
    },
  }),
  defineEndpoint({
    method: "put",
    path: "/regions/:region/admin/consultants/:id/capacity",
    tag: TAG,
    summary: "Set a consultant's capacity for the Support Process in FTE (null removes it)",
    access: rolesAccess("region_admin", "programme_office"),
    params: CapacityParams,
    body: CapacityBody,
    responses: { 200: { description: "Set", schema: CapacityAnswer }, ...errors, 404: { description: "Not a consultant of this region" } },
    handler: async (c, { params, body }) =>
      c.json(await setConsultantCapacity(regionScope(c.var.db, c.var.region), requireActor(c), params.id, body.fte, c.var.now)),
  }),
  defineEndpoint({
    method: "get",
    path: "/municipality/summary",
    tag: TAG,
    summary: "The figures of one municipality: appointments by topic and month, desks, Support Process starts and plans, referrals",
    description:
      'Municipality viewers see their own municipality; the programme office names one with `municipality`. Aggregates only; counts of 1–4 as "<5" (topic cells protected as in the province summary).',
    access: rolesAccess("municipality_viewer", "programme_office"),
    query: MunicipalityQuery,
    responses: { 200: { description: "The figures", schema: MunicipalitySummaryDto }, ...errors },
    handler: async (c, { query }) => {
      c.header("Cache-Control", "no-store");
      const municipality = municipalityFor(requireActor(c), query.municipality);
      return c.json(await municipalitySummary(c.var.db, municipality, resolvePeriod(query, c.var.now)));
    },
  }),
];
