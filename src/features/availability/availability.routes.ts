import { defineEndpoint } from "../../http/endpoint";
import { PUBLIC } from "../auth/policy";
import { DomainError } from "../../lib/errors";
import { daysBetween, addDays, formatOffsetIso, todayLocal, TIMEZONE } from "../../lib/time";
import { FrontdeskParams } from "../frontdesks/frontdesks.schemas";
import { RegionSlugParam } from "../regions/regions.schemas";
import { readDeskSlots, readEarliest } from "./availability.reads";
import { EarliestQuery, SlotsQuery, EarliestSlotsAnswer, SlotsAnswer } from "./availability.schemas";

export const MAX_SLOT_WINDOW_DAYS = 62;
export const availabilityEndpoints = [
  defineEndpoint({
    method: "get",
    path: "/regions/:region/frontdesks/:id/slots",
    tag: "Public",
    summary: "Bookable slots of a frontdesk between two dates (at most 62 days; default the next 14)",
    access: PUBLIC,
    regionInBatch: true,
    params: FrontdeskParams,
    query: SlotsQuery,
    responses: {
      200: {
        description: "Bookable slots only",
        schema: SlotsAnswer,
      },
      400: { description: "Invalid dates or a window over 62 days" },
      404: { description: "Unknown region or frontdesk" },
    },
    handler: async (c, { params, query }) => {
      const now = c.var.now;
      const from = query.from ?? todayLocal(now);
      const to = query.to ?? addDays(from, 13);
      if (to < from)
        throw new DomainError("validation_failed", "The end date is before the start date.", [
          { path: "query.to", message: "Choose a date on or after the start date." },
        ]);
      if (daysBetween(from, to) + 1 > MAX_SLOT_WINDOW_DAYS) {
        throw new DomainError("validation_failed", `Ask for at most ${MAX_SLOT_WINDOW_DAYS} days at a time.`, [
          { path: "query.to", message: `At most ${MAX_SLOT_WINDOW_DAYS} days after the start date.` },
        ]);
      }
      const { slots } = await readDeskSlots(c, params.region, params.id, { from, to, mode: query.mode }, now);
      return c.json({
        timezone: TIMEZONE,
        from,
        to,
        slots: slots.map((s) => ({ start: formatOffsetIso(s.start), end: formatOffsetIso(s.end), remaining: s.remaining })),
      });
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/slots/earliest",
    tag: "Public",
    summary: "The soonest bookable slots over all matching frontdesks of the region, soonest first",
    access: PUBLIC,
    regionInBatch: true,
    params: RegionSlugParam,
    query: EarliestQuery,
    responses: {
      200: {
        description: "Soonest slots",
        schema: EarliestSlotsAnswer,
      },
      400: { description: "Invalid filter" },
      404: { description: "Unknown region" },
    },
    handler: async (c, { params, query }) => {
      const { limit, ...filter } = query;
      const { slots } = await readEarliest(c, params.region, filter, limit, c.var.now);
      return c.json({
        timezone: TIMEZONE,
        slots: slots.map((s) => ({
          frontdeskId: s.frontdeskId,
          frontdeskName: s.frontdeskName,
          municipality: s.municipality,
          start: formatOffsetIso(s.start),
          end: formatOffsetIso(s.end),
          remaining: s.remaining,
        })),
      });
    },
  }),
];
