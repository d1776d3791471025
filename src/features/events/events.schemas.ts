import * as v from "valibot";
import { AUDIENCES, EVENT_FORMATS, EVENT_REVISION_STATUSES, EVENT_STATUSES, EVENT_TYPES, REGISTRATION_STATUSES } from "../../db/schema";
import { LOCALES, TOPICS } from "../../lib/vocabulary";
import { PageQueryEntries } from "../../lib/cursor";
import { noControlCharacters, pick, requiredLine, requiredParagraphs, uniqueList } from "../../lib/text";
import { isCalendarDate } from "../../lib/time";
import { EntrepreneurInput, Instant } from "../appointments/appointments.schemas";
import { AudienceSchema, TopicSchema } from "../catalogue/offers.schemas";
import { Email, HttpsUrl, OrgParam, Phone, RegionSlug } from "../organisations/organisations.schemas";

export const EventTypeSchema = pick(EVENT_TYPES);
export const EventFormatSchema = pick(EVENT_FORMATS);

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "This id is not valid."));

/** At most this many sessions per event (a series of evenings is one event). */
export const MAX_SESSIONS = 20;
export const MAX_CAPACITY = 5000;

const Session = v.object({ start: Instant, end: Instant });
const Contact = v.object({ name: requiredLine("contact name", 120), email: Email, phone: v.optional(Phone) });

/** Every editable field of an event. Times are ISO 8601 instants with an offset. */
export const EventFields = {
  title: requiredLine("title", 120),
  summary: requiredLine("summary", 300),
  description: requiredParagraphs("description", 8000),
  type: EventTypeSchema,
  format: EventFormatSchema,
  topics: uniqueList(TopicSchema, "topics"),
  audiences: uniqueList(AudienceSchema, "audiences", 0),
  regions: v.pipe(uniqueList(RegionSlug, "regions"), v.description("Region slugs the event is for (public filters and feeds).")),
  sessions: v.pipe(
    v.array(Session, "Give the sessions as a list of { start, end }."),
    v.minLength(1, "Give at least one session."),
    v.maxLength(MAX_SESSIONS, `At most ${MAX_SESSIONS} sessions.`),
    v.description("One or more sessions; a series of evenings is one event. Each ends after it starts, at most 12 hours later; sessions do not overlap."),
  ),
  location: v.nullable(v.pipe(requiredLine("location", 300), v.description("Address; required for in_person and hybrid events."))),
  joinUrl: v.nullable(
    v.pipe(
      HttpsUrl,
      v.description("Online and hybrid events: the link to join. Only confirmed participants ever receive it (never in public answers or feeds)."),
    ),
  ),
  capacity: v.pipe(
    v.number("Give the capacity as a number."),
    v.integer("Use a whole number."),
    v.minValue(1, "At least 1 place."),
    v.maxValue(MAX_CAPACITY, `At most ${MAX_CAPACITY} places.`),
  ),
  priceNote: v.nullable(v.pipe(requiredLine("price note", 200), v.description('e.g. "Gratis" or "€ 25 excl. btw"; null = free.'))),
  registrationDeadline: v.pipe(Instant, v.description("Registration closes then; at the latest when the first session starts (the default).")),
  contact: v.pipe(Contact, v.description("The organiser's contact for participants. Default: the name and e-mail of whoever creates the event.")),
};

export const NewEventBody = v.object({
  title: EventFields.title,
  summary: EventFields.summary,
  description: EventFields.description,
  type: EventFields.type,
  format: EventFields.format,
  topics: EventFields.topics,
  audiences: v.optional(EventFields.audiences, []),
  regions: v.optional(EventFields.regions),
  sessions: EventFields.sessions,
  location: v.optional(EventFields.location, null),
  joinUrl: v.optional(EventFields.joinUrl, null),
  capacity: EventFields.capacity,
  priceNote: v.optional(EventFields.priceNote, null),
  registrationDeadline: v.optional(EventFields.registrationDeadline),
  contact: v.optional(EventFields.contact),
});
export type NewEventInput = v.InferOutput<typeof NewEventBody>;

export const EventPatchBody = v.object({
  title: v.optional(EventFields.title),
  summary: v.optional(EventFields.summary),
  description: v.optional(EventFields.description),
  type: v.optional(EventFields.type),
  format: v.optional(EventFields.format),
  topics: v.optional(EventFields.topics),
  audiences: v.optional(EventFields.audiences),
  regions: v.optional(EventFields.regions),
  sessions: v.optional(EventFields.sessions),
  location: v.optional(EventFields.location),
  joinUrl: v.optional(EventFields.joinUrl),
  capacity: v.optional(EventFields.capacity),
  priceNote: v.optional(EventFields.priceNote),
  registrationDeadline: v.optional(EventFields.registrationDeadline),
  contact: v.optional(EventFields.contact),
});
export type EventPatchInput = v.InferOutput<typeof EventPatchBody>;

export const ReviewBody = v.object({
  decision: v.picklist(["approve", "reject"], "Choose approve or reject."),
  note: v.optional(requiredParagraphs("note", 1000)),
});
export const CancelEventBody = v.object({
  reason: v.optional(v.pipe(requiredParagraphs("reason", 1000), v.description("Told to the participants in the cancellation e-mail."))),
});
export const AttendanceBody = v.object({
  registrationId: Id,
  sessionIndex: v.pipe(
    v.number("Give the session index (0 = the first session)."),
    v.integer("Use a whole number."),
    v.minValue(0),
    v.maxValue(MAX_SESSIONS - 1),
  ),
  attended: v.boolean("Say whether the participant attended (true or false)."),
});
export const MessageBody = v.object({
  subject: requiredLine("subject", 150),
  body: requiredParagraphs("message", 5000),
  includeWaitlist: v.optional(v.pipe(v.boolean(), v.description("Also send it to the wait-list (default: confirmed participants only).")), false),
});

export const RegistrationBody = v.object({
  name: EntrepreneurInput.entries.name,
  email: EntrepreneurInput.entries.email,
  companyName: EntrepreneurInput.entries.companyName,
  kvkNumber: EntrepreneurInput.entries.kvkNumber,
  consent: v.literal(true, "Consent is required: we need it to handle your registration."),
  followUpConsent: v.optional(
    v.pipe(v.boolean(), v.description("May the organiser invite you afterwards to the Support Process (an intensive, guided trajectory)? Default false.")),
    false,
  ),
  locale: v.optional(v.picklist(LOCALES)),
});
export type RegistrationInput = v.InferOutput<typeof RegistrationBody>;

export const FeedbackBody = v.object({
  rating: v.pipe(
    v.number("Give a rating from 1 to 5."),
    v.integer("Give a rating from 1 to 5."),
    v.minValue(1, "Give a rating from 1 to 5."),
    v.maxValue(5, "Give a rating from 1 to 5."),
  ),
  comment: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(2000, "Keep the comment under 2000 characters."), noControlCharacters)),
});

// ---- params and queries ----

export const EventSlugParam = v.object({ slug: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,100}$/, "Unknown event.")) });
export const RegionEventParams = v.object({ region: RegionSlug, id: Id });
export const OrgEventParams = v.object({ ...OrgParam.entries, id: Id });
export const RegionRegistrationParams = v.object({ region: RegionSlug, id: Id, registrationId: Id });
export const OrgRegistrationParams = v.object({ ...OrgParam.entries, id: Id, registrationId: Id });
export const TokenParam = v.object({ token: v.pipe(v.string(), v.maxLength(200)) });

const LocalDate = v.pipe(v.string(), v.check(isCalendarDate, "Use a date as YYYY-MM-DD (Europe/Amsterdam)."));
const commaList = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  v.optional(
    v.pipe(
      v.string(),
      v.maxLength(300),
      v.transform((s) =>
        s
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean),
      ),
      v.array(v.picklist(values, `Unknown ${label}; choose from: ${values.join(", ")}.`)),
      v.maxLength(20),
      v.description(`One or more of ${values.join(", ")}, comma-separated (any of them matches).`),
    ),
  );

export const EventListQuery = v.object({
  q: v.optional(
    v.pipe(v.string(), v.maxLength(200, "Keep the search to 200 characters."), v.description("Words to search for (Dutch-friendly, as the catalogue search).")),
  ),
  region: v.optional(RegionSlug),
  topic: commaList(TOPICS, "topic"),
  audience: commaList(AUDIENCES, "audience"),
  type: commaList(EVENT_TYPES, "type"),
  format: commaList(EVENT_FORMATS, "format"),
  from: v.optional(v.pipe(LocalDate, v.description("First local date with a session (default: events not yet over)."))),
  to: v.optional(v.pipe(LocalDate, v.description("Last local date with a session."))),
  ...PageQueryEntries,
});

export const OrganiserListQuery = v.object({
  status: v.optional(pick(EVENT_STATUSES)),
  ...PageQueryEntries,
});
export const ParticipantsQuery = v.object({ ...PageQueryEntries });

// ---- answers ----

const Iso = v.pipe(v.string(), v.description("ISO 8601 with the Amsterdam offset."));
const SessionDto = v.object({ index: v.number(), start: Iso, end: Iso });
const OrganiserDto = v.object({
  kind: v.picklist(["region", "organisation"]),
  slug: v.pipe(v.string(), v.description("The region's or the organisation's slug.")),
  name: v.string(),
});
const ContactDto = v.object({ name: v.string(), email: v.string(), phone: v.optional(v.string()) });

export const EventSummaryDto = v.object({
  id: v.string(),
  slug: v.string(),
  title: v.string(),
  summary: v.string(),
  type: EventTypeSchema,
  format: EventFormatSchema,
  status: v.pipe(v.picklist(["published", "cancelled"]), v.description("A cancelled event stays findable by its slug and in feeds, marked as such.")),
  organiser: OrganiserDto,
  regions: v.array(v.string()),
  topics: v.array(TopicSchema),
  audiences: v.array(AudienceSchema),
  sessions: v.array(SessionDto),
  location: v.pipe(v.optional(v.string()), v.description("In person and hybrid events. Never the join link.")),
  capacity: v.number(),
  remaining: v.pipe(v.number(), v.description("Free places now; 0 = new registrations join the wait-list.")),
  waitlist: v.pipe(v.number(), v.description("People on the wait-list now.")),
  registrationDeadline: Iso,
  registrationOpen: v.boolean(),
  priceNote: v.nullable(v.string()),
});
export const EventDetailDto = v.object({ ...EventSummaryDto.entries, description: v.string(), contact: ContactDto, cancelReason: v.nullable(v.string()) });
export const EventListDto = v.object({ events: v.array(EventSummaryDto), nextCursor: v.nullable(v.string()) });

const ContentDto = v.object({
  title: v.string(),
  summary: v.string(),
  description: v.string(),
  type: EventTypeSchema,
  format: EventFormatSchema,
  topics: v.array(TopicSchema),
  audiences: v.array(AudienceSchema),
  regions: v.array(v.string()),
  sessions: v.array(SessionDto),
  location: v.nullable(v.string()),
  joinUrl: v.nullable(v.string()),
  capacity: v.number(),
  priceNote: v.nullable(v.string()),
  registrationDeadline: Iso,
  contact: ContactDto,
});
export const EventAdminDto = v.object({
  ...ContentDto.entries,
  id: v.string(),
  slug: v.string(),
  status: pick(EVENT_STATUSES),
  organiser: OrganiserDto,
  counts: v.object({ confirmed: v.number(), waitlisted: v.number(), cancelled: v.number() }),
  feedback: v.pipe(
    v.object({ count: v.number(), average: v.nullable(v.number()), comments: v.optional(v.array(v.string())) }),
    v.description("Ratings 1–5 (two decimals) and, for one event, the comments; never with names."),
  ),
  reviewNote: v.nullable(v.string()),
  revision: v.pipe(v.nullable(ContentDto), v.description("A partner's change of a published event, waiting for review (the published version stays).")),
  revisionStatus: v.nullable(pick(EVENT_REVISION_STATUSES)),
  submittedAt: v.nullable(Iso),
  publishedAt: v.nullable(Iso),
  cancelledAt: v.nullable(Iso),
  cancelReason: v.nullable(v.string()),
  createdAt: Iso,
  updatedAt: Iso,
});
export const EventAdminAnswer = v.object({ event: EventAdminDto });
export const EventAdminList = v.object({ events: v.array(EventAdminDto), nextCursor: v.nullable(v.string()) });

export const RegistrationAnswer = v.object({
  registration: v.object({
    id: v.string(),
    status: v.pipe(
      v.picklist(["confirmed", "waitlisted", "cancelled"]),
      v.description("confirmed or waitlisted; cancelled only when a retry with the same Idempotency-Key finds the registration cancelled meanwhile."),
    ),
    position: v.pipe(v.optional(v.number()), v.description("Place on the wait-list (1 = next).")),
  }),
  manageToken: v.string(),
  manageUrl: v.string(),
  icsUrl: v.string(),
});

export const OwnRegistrationDto = v.object({
  id: v.string(),
  status: pick(REGISTRATION_STATUSES),
  position: v.optional(v.number()),
  name: v.nullable(v.string()),
  email: v.nullable(v.string()),
  companyName: v.nullable(v.string()),
  kvkNumber: v.nullable(v.string()),
  followUpConsent: v.boolean(),
  event: EventDetailDto,
  joinUrl: v.pipe(v.optional(v.string()), v.description("Only for a confirmed participant of an online or hybrid event that is not cancelled.")),
  canCancel: v.boolean(),
  cancelDeadline: v.pipe(Iso, v.description("Cancel online until the first session starts.")),
  feedback: v.nullable(v.object({ rating: v.number(), comment: v.nullable(v.string()) })),
  canGiveFeedback: v.boolean(),
  createdAt: Iso,
});

export const ParticipantDto = v.object({
  id: v.string(),
  status: pick(REGISTRATION_STATUSES),
  position: v.optional(v.number()),
  name: v.nullable(v.string()),
  email: v.nullable(v.string()),
  companyName: v.nullable(v.string()),
  kvkNumber: v.nullable(v.string()),
  followUpConsent: v.boolean(),
  attendance: v.pipe(v.array(v.nullable(v.boolean())), v.description("Per session: true, false or null (not marked).")),
  promoted: v.boolean(),
  feedbackGiven: v.boolean(),
  candidateInvitedAt: v.nullable(Iso),
  candidateRegistered: v.boolean(),
  registeredAt: Iso,
});
export const ParticipantList = v.object({ participants: v.array(ParticipantDto), nextCursor: v.nullable(v.string()) });

// ---- figures (region report and province summary) ----

const PeopleCountDto = v.pipe(
  v.union([v.number(), v.literal("<5"), v.literal("x")]),
  v.description(
    'A count of people; 1–4 shown as "<5". In the province summary, where only one region hides a count, a second region\'s is hidden too ("<5" or "x" for 5 or more).',
  ),
);
const byKeys = <T extends readonly string[]>(keys: T) =>
  v.object(Object.fromEntries(keys.map((k) => [k, v.number()])) as Record<T[number], v.NumberSchema<undefined>>);
export const EventFiguresEntries = {
  events: v.object({ total: v.number(), byType: byKeys(EVENT_TYPES), byFormat: byKeys(EVENT_FORMATS) }),
  held: v.object({ total: v.number(), sessions: v.number(), byType: byKeys(EVENT_TYPES), byFormat: byKeys(EVENT_FORMATS) }),
  cancelled: v.number(),
  sessions: v.number(),
  registrations: PeopleCountDto,
  participants: PeopleCountDto,
  waitlisted: PeopleCountDto,
  attendees: PeopleCountDto,
  attendanceRate: v.pipe(
    v.nullable(v.number()),
    v.description("Attendees ÷ confirmed participants of held events whose attendance was taken; null under 5 participants."),
  ),
  feedback: v.object({ count: PeopleCountDto, average: v.pipe(v.nullable(v.number()), v.description("Average rating 1–5; null under 5 ratings.")) }),
  candidatesFromEvents: PeopleCountDto,
};
export const EventFiguresDto = v.pipe(
  v.object(EventFiguresEntries),
  v.description("Events whose first session starts in the period (published; cancelled ones counted apart). `held`: those already over."),
);
