/** Request and answer shapes of programme steering (issue 19). */
import * as v from "valibot";
import { TARGET_INDICATORS } from "../../db/schema";
import { isCalendarDate } from "../../lib/time";
import { TOPICS } from "../../lib/vocabulary";
import { RegionSlugParam } from "../regions/regions.schemas";

const DateText = v.pipe(v.string("Use a date as YYYY-MM-DD."), v.check(isCalendarDate, "Use a date as YYYY-MM-DD (Europe/Amsterdam)."));
const Amount = v.pipe(v.number("Give a number."), v.minValue(0, "A target cannot be negative."), v.maxValue(1_000_000, "That target is too large."));

export const TargetsQuery = v.object({
  from: v.pipe(DateText, v.description("First local date of the target period (inclusive).")),
  to: v.pipe(DateText, v.description("Last local date of the target period (inclusive).")),
});

export const TargetsBody = v.object({
  from: DateText,
  to: DateText,
  targets: v.pipe(
    v.array(v.object({ indicator: v.picklist(TARGET_INDICATORS, "Choose a known indicator."), min: Amount, max: v.optional(v.nullable(Amount)) })),
    v.maxLength(TARGET_INDICATORS.length, "Give each indicator once."),
  ),
  shares: v.optional(
    v.pipe(
      v.array(v.object({ region: v.pipe(v.string(), v.maxLength(60)), percent: v.pipe(v.number("Give a percentage."), v.minValue(0), v.maxValue(100)) })),
      v.maxLength(50),
    ),
    [],
  ),
});

const TargetDto = v.object({ indicator: v.picklist(TARGET_INDICATORS), min: v.number(), max: v.nullable(v.number()) });
const Period = v.object({ from: v.string(), to: v.string() });
export const TargetSetDto = v.object({
  period: Period,
  targets: v.array(TargetDto),
  shares: v.array(v.object({ region: v.string(), percent: v.number() })),
});

const Small = v.pipe(v.union([v.pipe(v.number(), v.integer(), v.minValue(0)), v.literal("<5")]), v.description('A count, or "<5" for 1–4.'));
const Rate = v.pipe(v.nullable(v.number()), v.description("Four decimals; null without a denominator or over a hidden count."));
const Level = {
  indicators: v.array(
    v.object({
      indicator: v.picklist(TARGET_INDICATORS),
      actual: Small,
      target: v.nullable(v.object({ min: v.number(), max: v.nullable(v.number()) })),
      progress: v.object({ ofMin: Rate, ofMax: Rate }),
    }),
  ),
  funnel: v.object({
    starts: Small,
    intake: Small,
    go: Small,
    plan: Small,
    financingArranged: v.pipe(Small, v.description("Outcome recorded after the delivered business plan; not a support stage.")),
    conversion: v.object({ startsToIntake: Rate, intakeToGo: Rate, goToPlan: Rate, planToFinancing: Rate, startsToPlan: Rate }),
  }),
  capacity: v.object({
    consultants: v.number(),
    fte: v.number(),
    activeTrajectories: Small,
    caseloadPerFte: v.nullable(v.number()),
    plannedFte: v.nullable(v.number()),
  }),
};
export const ProgressDto = v.object({
  period: Period,
  targetPeriod: v.nullable(Period),
  smallCountThreshold: v.number(),
  total: v.object(Level),
  regions: v.array(v.object({ region: v.object({ slug: v.string(), name: v.string() }), sharePercent: v.nullable(v.number()), ...Level })),
});
export const RegionProgressDto = v.object({
  period: Period,
  targetPeriod: v.nullable(Period),
  smallCountThreshold: v.number(),
  region: v.object({ slug: v.string(), name: v.string() }),
  sharePercent: v.nullable(v.number()),
  ...Level,
});

const CountDto = v.union([v.pipe(v.number(), v.integer(), v.minValue(0)), v.literal("<5"), v.literal("x")]);
export const MunicipalityQuery = v.object({
  from: v.optional(DateText),
  to: v.optional(DateText),
  municipality: v.optional(
    v.pipe(v.string(), v.maxLength(80), v.description("Programme office and platform admin: the municipality; a municipality viewer always sees their own.")),
  ),
});
export const MunicipalitySummaryDto = v.object({
  municipality: v.string(),
  period: Period,
  basis: v.pipe(
    v.string(),
    v.description(
      "Which municipality an appointment counts for: `entrepreneur_municipality_else_desk` (the entrepreneur's own, recorded at booking, else the desk's).",
    ),
  ),
  appointments: v.object({
    months: v.array(v.string()),
    byTopic: v.object(Object.fromEntries(TOPICS.map((t) => [t, CountDto])) as Record<(typeof TOPICS)[number], typeof CountDto>),
    byTopicByMonth: v.array(
      v.object({
        month: v.string(),
        topics: v.object(Object.fromEntries(TOPICS.map((t) => [t, CountDto])) as Record<(typeof TOPICS)[number], typeof CountDto>),
      }),
    ),
  }),
  frontdesks: v.array(v.object({ id: v.string(), name: v.string(), kind: v.string() })),
  supportProcess: v.object({ starts: Small, plans: Small }),
  referrals: Small,
});

export const CapacityParams = v.object({ ...RegionSlugParam.entries, id: v.pipe(v.string(), v.maxLength(64)) });
export const CapacityBody = v.object({
  fte: v.nullable(v.pipe(v.number("Give the FTE as a number."), v.minValue(0, "FTE cannot be negative."), v.maxValue(1.5, "At most 1.5 FTE per consultant."))),
});
export const CapacityAnswer = v.object({ consultant: v.object({ id: v.string(), name: v.string(), fte: v.nullable(v.number()) }) });
