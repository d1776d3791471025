import * as v from "valibot";
import { normalisePhone } from "../../lib/dutch";
import { isCalendarDate } from "../../lib/time";
import { noControlCharacters, singleLineText } from "../../lib/text";
import { Kind, Mode, Topic, ClosureDto, OpeningIntervalDto, FrontdeskSummaryDto, FrontdeskDetailDto } from "./frontdesks.schemas";

const text = (label: string, max: number) =>
  v.pipe(
    v.string(`Enter the ${label}.`),
    v.trim(),
    v.minLength(1, `Enter the ${label}.`),
    v.maxLength(max, `The ${label} can be at most ${max} characters.`),
    singleLineText(`The ${label} must be a single line without special characters.`),
  );
const int = (label: string, min: number, max: number) =>
  v.pipe(
    v.number(`The ${label} must be a number.`),
    v.integer(`The ${label} must be a whole number.`),
    v.minValue(min, `The ${label} must be at least ${min}.`),
    v.maxValue(max, `The ${label} can be at most ${max}.`),
  );
const uniqueList = <T extends v.GenericSchema>(item: T, label: string) =>
  v.pipe(
    v.array(item, `Give the ${label} as a list.`),
    v.minLength(1, `Choose at least one ${label.replace(/s$/, "")}.`),
    v.maxLength(20),
    v.check((list) => new Set(list).size === list.length, `Each ${label.replace(/s$/, "")} only once.`),
  );

export const VideoUrlTemplate = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(300),
  v.url("Give a full https:// link."),
  v.startsWith("https://", "Give a full https:// link."),
);

const optionalPhone = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(30),
  v.check((s) => normalisePhone(s) !== null, "Enter a Dutch, Belgian or German phone number."),
  v.transform((s) => normalisePhone(s) ?? s),
);

const note = (label: string) =>
  v.nullable(
    v.pipe(
      v.string(`Give the ${label} as text.`),
      v.trim(),
      v.maxLength(1000, `The ${label} can be at most 1000 characters.`),
      noControlCharacters,
      v.transform((s) => (s === "" ? null : s)),
    ),
  );

export const FrontdeskFields = {
  name: text("name", 120),
  kind: Kind,
  municipality: text("municipality", 100),
  address: text("address", 200),
  modes: uniqueList(Mode, "modes"),
  topics: uniqueList(Topic, "topics"),
  slotMinutes: int("slot length in minutes", 5, 480),
  capacityPerSlot: int("capacity per slot", 1, 50),
  minNoticeHours: int("minimum notice in hours", 0, 720),
  maxAdvanceDays: int("maximum days ahead", 1, 365),
  cancelCutoffHours: int("cancellation cut-off in hours", 0, 168),
  videoUrlTemplate: v.nullable(VideoUrlTemplate),
  phone: v.nullable(optionalPhone),
  email: v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(254), v.email("Enter a valid e-mail address."))),
  servedMunicipalities: v.pipe(
    v.nullable(
      v.pipe(
        v.array(v.pipe(v.string("Give municipality names."), v.maxLength(100)), "Give the served municipalities as a list of names."),
        v.minLength(1, "Choose at least one municipality the desk serves."),
        v.maxLength(100),
      ),
    ),
    v.description("Municipalities of the region the desk serves; null = all of them (the default). A desk that offers video serves the whole region by video."),
  ),
  visitInfo: note("what-to-bring text"),
  accessInfo: note("accessibility and parking text"),
};

export const CreateFrontdeskBody = v.object({
  name: FrontdeskFields.name,
  kind: FrontdeskFields.kind,
  municipality: FrontdeskFields.municipality,
  address: FrontdeskFields.address,
  modes: FrontdeskFields.modes,
  topics: FrontdeskFields.topics,
  slotMinutes: v.optional(FrontdeskFields.slotMinutes, 30),
  capacityPerSlot: v.optional(FrontdeskFields.capacityPerSlot, 1),
  minNoticeHours: v.optional(FrontdeskFields.minNoticeHours, 24),
  maxAdvanceDays: v.optional(FrontdeskFields.maxAdvanceDays, 60),
  cancelCutoffHours: v.optional(FrontdeskFields.cancelCutoffHours, 2),
  videoUrlTemplate: v.optional(FrontdeskFields.videoUrlTemplate, null),
  phone: v.optional(FrontdeskFields.phone, null),
  email: v.optional(FrontdeskFields.email, null),
  servedMunicipalities: v.optional(FrontdeskFields.servedMunicipalities, null),
  visitInfo: v.optional(FrontdeskFields.visitInfo, null),
  accessInfo: v.optional(FrontdeskFields.accessInfo, null),
});

export const UpdateFrontdeskBody = v.pipe(
  v.partial(v.object(FrontdeskFields)),
  v.check((body) => Object.keys(body).length > 0, "Send at least one field to change."),
);

const Time = v.pipe(v.string("Use a time as HH:MM."), v.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Use a time as HH:MM, e.g. 09:00."));

export const OpeningHoursBody = v.object({
  weekly: v.pipe(
    v.array(
      v.pipe(
        v.object({ weekday: int("weekday", 1, 7), opens: Time, closes: Time }),
        v.check((i) => i.opens < i.closes, "The closing time must be after the opening time."),
      ),
    ),
    v.maxLength(70, "At most 70 intervals per week."),
    v.check((list) => {
      for (let day = 1; day <= 7; day++) {
        const intervals = list.filter((i) => i.weekday === day).sort((a, b) => a.opens.localeCompare(b.opens));
        for (let k = 1; k < intervals.length; k++) {
          if ((intervals[k]?.opens ?? "") < (intervals[k - 1]?.closes ?? "")) return false;
        }
      }
      return true;
    }, "Intervals on the same day must not overlap."),
  ),
});

const LocalDate = v.pipe(v.string("Use a date as YYYY-MM-DD."), v.check(isCalendarDate, "Use a date as YYYY-MM-DD."));

export const ClosureBody = v.pipe(
  v.object({ from: LocalDate, to: LocalDate, reason: text("reason", 200) }),
  v.forward(
    v.partialCheck([["from"], ["to"]], (c) => c.from <= c.to, "The last day must be on or after the first day."),
    ["to"],
  ),
  v.check((c) => c.from.slice(0, 4) >= "2000" && c.to.slice(0, 4) <= "2100", "Choose dates between 2000 and 2100."),
);

export const CarnivalBody = v.object({ year: int("year", 2000, 2100) });

export const HolidayOpeningsBody = v.object({ dates: v.pipe(v.array(LocalDate), v.maxLength(100)) });

export const ArchiveQuery = v.object({ cancelFuture: v.optional(v.picklist(["true", "false"], "Use true or false."), "false") });

export const RegionSettingsBody = v.pipe(
  v.partial(
    v.object({
      goodFridayClosed: v.boolean("Use true or false."),
      liberationDayClosed: v.boolean("Use true or false."),
      retentionMonths: int("retention period in months", 1, 120),
    }),
  ),
  v.check((body) => Object.keys(body).length > 0, "Send at least one setting to change."),
);

export const AdminFrontdeskDto = v.object({
  ...FrontdeskSummaryDto.entries,
  capacityPerSlot: v.number(),
  minNoticeHours: v.number(),
  maxAdvanceDays: v.number(),
  cancelCutoffHours: v.number(),
  videoUrlTemplate: v.nullable(v.string()),
  phone: v.nullable(v.string()),
  email: v.nullable(v.string()),
  visitInfo: v.nullable(v.string()),
  accessInfo: v.nullable(v.string()),
  isDemo: v.boolean(),
  archived: v.boolean(),
});
export const AdminFrontdeskDetailDto = v.object({ ...FrontdeskDetailDto.entries, ...AdminFrontdeskDto.entries, holidayOpenings: v.array(v.string()) });

export const AdminFrontdeskListAnswer = v.object({ frontdesks: v.array(AdminFrontdeskDto) });

export const AdminFrontdeskAnswer = v.object({ frontdesk: AdminFrontdeskDetailDto });

export const ArchiveAnswer = v.object({ frontdesk: AdminFrontdeskDto, cancelledAppointments: v.number() });

export const OpeningHoursAnswer = v.object({ weekly: v.array(OpeningIntervalDto) });

export const ClosureListAnswer = v.object({ closures: v.array(ClosureDto) });

export const ClosureAnswer = v.object({ closure: ClosureDto });

export const CarnivalAnswer = v.object({ closures: v.array(v.object({ ...ClosureDto.entries, frontdeskId: v.string() })) });

export const HolidayDatesAnswer = v.object({ dates: v.array(v.string()) });

export const HolidayOpeningsAnswer = v.object({
  settings: v.object({ goodFridayClosed: v.boolean(), liberationDayClosed: v.boolean(), retentionMonths: v.number() }),
  holidays: v.array(v.object({ date: v.string(), key: v.string() })),
});

export const RegionSettingsAnswer = v.object({
  settings: v.object({ goodFridayClosed: v.boolean(), liberationDayClosed: v.boolean(), retentionMonths: v.number() }),
});
