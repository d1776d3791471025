/** Queries and answers of the availability routes. */
import * as v from "valibot";
import { isCalendarDate, TIMEZONE } from "../../lib/time";
import { FrontdeskListQuery, Mode } from "../frontdesks/frontdesks.schemas";

const LocalDate = v.pipe(v.string(), v.check(isCalendarDate, "Use a date as YYYY-MM-DD."));
export const SlotsQuery = v.object({ from: v.optional(LocalDate), to: v.optional(LocalDate), mode: v.optional(Mode) });
export const EarliestQuery = v.object({
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

export const SlotDto = v.object({ start: v.string(), end: v.string(), remaining: v.number() });

export const SlotsAnswer = v.object({ timezone: v.literal(TIMEZONE), from: v.string(), to: v.string(), slots: v.array(SlotDto) });

export const EarliestSlotsAnswer = v.object({
  timezone: v.literal(TIMEZONE),
  slots: v.array(v.object({ frontdeskId: v.string(), frontdeskName: v.string(), municipality: v.string(), ...SlotDto.entries })),
});
