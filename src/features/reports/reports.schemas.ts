import * as v from "valibot";
import { isCalendarDate, TIMEZONE } from "../../lib/time";
import { MODES, TOPICS } from "../../lib/vocabulary";
import { EventFiguresDto, EventFiguresEntries } from "../events/events.schemas";
import { ProvinceReferralFiguresDto, RegionReferralFiguresDto } from "../referrals/referrals.schemas";

const DateParam = v.pipe(v.string(), v.check(isCalendarDate, "Use a date as YYYY-MM-DD (Europe/Amsterdam)."));

/** `from` / `to`: inclusive local dates; default the current calendar year to date; at most three years. */
export const ReportQuery = v.object({
  from: v.optional(v.pipe(DateParam, v.description("First local date (inclusive), counted by appointment start. Default: January 1 of `to`'s year."))),
  to: v.optional(v.pipe(DateParam, v.description("Last local date (inclusive). Default: today. At most three years after `from`."))),
});

/** The CSV downloads: the period, and optionally `format=excel` for Dutch Excel. */
export const ReportCsvQuery = v.object({
  ...ReportQuery.entries,
  format: v.optional(
    v.pipe(
      v.picklist(["tidy", "excel"], "Use format=tidy (the default) or format=excel."),
      v.description(
        "`tidy` (default): comma-separated, English headers, decimal points. `excel`: the same rows for Dutch Excel: `;`-separated, UTF-8 with a byte order mark, Dutch headers, decimal commas.",
      ),
    ),
  ),
});

const Int = v.pipe(v.number(), v.integer(), v.minValue(0));
const Ratio = v.pipe(v.nullable(v.number()), v.description("Four decimals; null when the denominator is 0."));
const CountDto = v.pipe(
  v.union([Int, v.literal("<5"), v.literal("x")]),
  v.description(
    'A count, or "<5" when hidden by the small-count rule (1–4 appointments of a topic in a region and month, or a complementary cell below 5), or "x" for a complementary hidden cell of 5 or more.',
  ),
);
const StatusCountsDto = {
  booked: v.pipe(Int, v.description("All appointments starting in the period, any status.")),
  confirmed: v.pipe(Int, v.description("Upcoming, or past without a recorded outcome.")),
  completed: Int,
  noShow: Int,
  cancelled: Int,
};
const byTopicEntries = Object.fromEntries(TOPICS.map((t) => [t, CountDto])) as Record<(typeof TOPICS)[number], typeof CountDto>;
const byModeEntries = Object.fromEntries(MODES.map((m) => [m, Int])) as Record<(typeof MODES)[number], typeof Int>;

/** The figures every level of a report carries. */
export const FiguresDto = v.object({
  totals: v.object(StatusCountsDto),
  byMode: v.pipe(v.object(byModeEntries), v.description("Booked appointments (any status) per mode.")),
  byTopic: v.pipe(v.object(byTopicEntries), v.description("Booked appointments (any status) per topic.")),
  byMonth: v.array(v.object({ month: v.pipe(v.string(), v.description("YYYY-MM, local time.")), ...StatusCountsDto })),
  activeFrontdesks: v.pipe(Int, v.description("Frontdesks not archived (now).")),
  capacity: v.object({
    bookedPlaces: v.pipe(Int, v.description("Non-cancelled appointments.")),
    bookablePlaces: v.pipe(
      Int,
      v.description("Grid slots × capacity per slot from opening hours, closures and holidays, from a desk's creation until its archiving."),
    ),
    utilisation: Ratio,
  }),
  leadTimeHours: v.pipe(
    v.object({ median: v.nullable(Int), p90: v.nullable(Int) }),
    v.description("Booking → start of non-cancelled appointments, in whole hours rounded down; nearest-rank percentiles; null without appointments."),
  ),
  noShowRate: v.pipe(Ratio, v.description("no-shows ÷ (completed + no-shows).")),
});

const RegionRefDto = v.object({ slug: v.string(), name: v.string() });

export const RegionFiguresDto = v.object({
  region: RegionRefDto,
  ...FiguresDto.entries,
  byTopicByMonth: v.pipe(
    v.array(v.object({ month: v.string(), topics: v.object(byTopicEntries) })),
    v.description("Appointments per topic per month with the small-count rule applied."),
  ),
});

const HeaderDto = {
  period: v.object({ from: v.string(), to: v.string() }),
  timezone: v.literal(TIMEZONE),
  generatedAt: v.string(),
  smallCountThreshold: v.number(),
};

const SmallCountDto = v.union([v.number(), v.literal("<5")]);
const SupportFiguresDto = v.object({
  candidates: SmallCountDto,
  qualified: SmallCountDto,
  plansDelivered: SmallCountDto,
  financingArranged: SmallCountDto,
  stopped: SmallCountDto,
  active: SmallCountDto,
  byStage: v.record(v.string(), SmallCountDto),
});

export const ProvinceSummaryDto = v.object({
  ...HeaderDto,
  regions: v.array(RegionFiguresDto),
  total: FiguresDto,
  supportProcess: v.object({
    regions: v.array(v.object({ region: v.object({ slug: v.string(), name: v.string() }), ...SupportFiguresDto.entries })),
    total: SupportFiguresDto,
  }),
  events: v.object({
    regions: v.array(v.object({ region: v.object({ slug: v.string(), name: v.string() }), ...EventFiguresEntries })),
    total: EventFiguresDto,
  }),
  referrals: ProvinceReferralFiguresDto,
});

export const RegionReportDto = v.object({
  ...HeaderDto,
  region: RegionFiguresDto,
  frontdesks: v.array(
    v.object({ frontdesk: v.object({ id: v.string(), name: v.string(), municipality: v.string(), archived: v.boolean() }), ...FiguresDto.entries }),
  ),
  municipalities: v.array(v.object({ municipality: v.string(), ...FiguresDto.entries })),
  events: EventFiguresDto,
  referrals: RegionReferralFiguresDto,
});
