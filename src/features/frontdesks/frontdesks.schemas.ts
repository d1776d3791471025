import * as v from "valibot";
import { TIMEZONE } from "../../lib/time";
import { FRONTDESK_KINDS, MODES, TOPICS } from "../../lib/vocabulary";

export const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/, "This id is not valid."));
export const Mode = v.picklist(MODES, `Choose one of: ${MODES.join(", ")}.`);
export const Topic = v.picklist(TOPICS, `Choose one of: ${TOPICS.join(", ")}.`);
export const Kind = v.picklist(FRONTDESK_KINDS, `Choose one of: ${FRONTDESK_KINDS.join(", ")}.`);

export const FrontdeskParams = v.object({ region: v.string(), id: Id });

export const FrontdeskListQuery = v.object({
  municipality: v.optional(v.pipe(v.string(), v.maxLength(100))),
  topic: v.optional(Topic),
  mode: v.optional(Mode),
});

export const OpeningIntervalDto = v.object({
  weekday: v.pipe(v.number(), v.integer()),
  opens: v.string(),
  closes: v.string(),
});
export const ClosureDto = v.object({ id: v.string(), from: v.string(), to: v.string(), reason: v.string() });

export const FrontdeskSummaryDto = v.object({
  id: v.string(),
  name: v.string(),
  kind: Kind,
  municipality: v.string(),
  address: v.string(),
  modes: v.array(Mode),
  topics: v.array(Topic),
  slotMinutes: v.number(),
  phone: v.pipe(v.nullable(v.string()), v.description("The desk's public phone number (E.164, e.g. +31433505050).")),
  email: v.pipe(v.nullable(v.string()), v.description("The desk's public e-mail address.")),
});

export const FrontdeskDetailDto = v.object({
  ...FrontdeskSummaryDto.entries,
  capacityPerSlot: v.number(),
  minNoticeHours: v.number(),
  maxAdvanceDays: v.number(),
  cancelCutoffHours: v.number(),
  servedMunicipalities: v.pipe(
    v.array(v.string()),
    v.description("The municipalities of the region the desk serves (by default all of them); a desk that offers video serves the whole region by video."),
  ),
  visitInfo: v.pipe(v.nullable(v.string()), v.description("What to bring and what to expect.")),
  accessInfo: v.pipe(v.nullable(v.string()), v.description("Accessibility and parking.")),
  timezone: v.literal(TIMEZONE),
  openingHours: v.object({ weekly: v.array(OpeningIntervalDto) }),
  closures: v.array(ClosureDto),
});

export const FrontdeskListAnswer = v.object({ frontdesks: v.array(FrontdeskSummaryDto) });

export const FrontdeskAnswer = v.object({ frontdesk: FrontdeskDetailDto });
