import * as v from "valibot";
import { defineEndpoint } from "../../http/endpoint";
import { PUBLIC } from "../auth/policy";
import { DomainError } from "../../lib/errors";

import { daysBetween, isCalendarDate, addDays, formatOffsetIso, todayLocal, TIMEZONE } from "../../lib/time";
import { FrontdeskListQuery, FrontdeskParams, Mode } from "../frontdesks/frontdesks.schemas";
import { RegionSlugParam } from "../regions/regions.schemas";
import { readDeskSlots, readEarliest } from "./availability.reads";

export const MAX_SLOT_WINDOW_DAYS = 62;
const LocalDate = v.pipe(v.string(), v.check(isCalendarDate, "Use a date as YYYY-MM-DD."));
const SlotsQuery = v.object({ from: v.optional(LocalDate), to: v.optional(LocalDate), mode: v.optional(Mode) });
const EarliestQuery = v.object({
  ...FrontdeskListQuery.entries,
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, "Use a number from 1 to 100."),
      v.transform(Number),
      v.minValue(1, "Use a number from 1 to 100."),
      v.maxValue(100, "Use a number from 1 to 100."),
    ),
    "10",
  ),
});

const SlotDto = v.object({ start: v.string(), end: v.string(), remaining: v.number() });

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
        schema: v.object({ timezone: v.literal(TIMEZONE), from: v.string(), to: v.string(), slots: v.array(SlotDto) }),
      },
      400: { description: "Invalid dates or a window over 62 days" },
      404: { description: "Unknown region or frontdesk" },
    },
    handler: async (c, { params, query }) => {
      const now = Date.now();
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
        schema: v.object({
          timezone: v.literal(TIMEZONE),
          slots: v.array(v.object({ frontdeskId: v.string(), frontdeskName: v.string(), municipality: v.string(), ...SlotDto.entries })),
        }),
      },
      400: { description: "Invalid filter" },
      404: { description: "Unknown region" },
    },
    handler: async (c, { params, query }) => {
      const { limit, ...filter } = query;
      const { slots } = await readEarliest(c, params.region, filter, limit, Date.now());
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
