/** Referral bodies, queries, params and answers (API and web pages validate with the same schemas). */
import * as v from "valibot";
import { PARTNER_STATUSES, REFERRAL_STATUSES } from "../../db/schema";
import { noControlCharacters } from "../../lib/text";
import { PageQueryEntries } from "../../lib/cursor";
import { EntrepreneurInput } from "../appointments/appointments.schemas";
import { Id, Topic } from "../frontdesks/frontdesks.schemas";
import { SLUG_PATTERN } from "../organisations/organisations.schemas";

const OrganisationSlug = v.pipe(v.string("Choose the organisation to refer to."), v.regex(SLUG_PATTERN, "Choose the organisation to refer to."));
const Note = v.pipe(v.string(), v.trim(), v.maxLength(2000, "Keep the note under 2000 characters."), noControlCharacters);
const optionalText = (schema: v.GenericSchema<string, string>) =>
  v.pipe(
    v.optional(schema),
    v.transform((s) => (s === "" ? undefined : s)),
  );

/** What every referral says: where to, the note for the organisation, and the entrepreneur's consent to share their contact details. */
const ReferralCore = {
  organisation: v.pipe(OrganisationSlug, v.description("The slug of the organisation referred to.")),
  offerId: v.optional(v.pipe(Id, v.description("A published offer of that organisation."))),
  note: optionalText(Note),
  consentToShare: v.pipe(
    v.boolean("Say whether the entrepreneur agreed to share their contact details with the organisation."),
    v.description("Without consent the organisation gets no contact details; the entrepreneur gets the organisation's contact instead."),
  ),
};

/** `POST /regions/{region}/admin/referrals`: from an appointment, a Support Process candidate, or on its own (then `entrepreneur`). */
export const ReferralBody = v.object({
  appointmentId: v.optional(Id),
  candidateId: v.optional(Id),
  entrepreneur: v.optional(v.pick(EntrepreneurInput, ["name", "email", "phone", "companyName", "kvkNumber"])),
  ...ReferralCore,
  topic: Topic,
  question: optionalText(Note),
  frontdeskId: v.optional(
    v.pipe(Id, v.description("The referring frontdesk (default: the appointment's or candidate's desk, or the staff member's only desk).")),
  ),
});
export type ReferralInput = v.InferOutput<typeof ReferralBody>;

/** The referral part of an appointment outcome and of a stopping trajectory (entrepreneur and topic come from there). */
export const AttachedReferral = v.object({ ...ReferralCore, topic: v.optional(Topic) });
export type AttachedReferralInput = v.InferOutput<typeof AttachedReferral>;

export const StatusBody = v.object({
  status: v.picklist(PARTNER_STATUSES, `Choose one of: ${PARTNER_STATUSES.join(", ")}.`),
  note: optionalText(v.pipe(v.string(), v.trim(), v.maxLength(1000, "Keep the note under 1000 characters."), noControlCharacters)),
});
export type StatusInput = v.InferOutput<typeof StatusBody>;

export const ReferralStatus = v.picklist(REFERRAL_STATUSES, `Choose one of: ${REFERRAL_STATUSES.join(", ")}.`);
export const RegionListQuery = v.object({
  status: v.optional(ReferralStatus),
  direction: v.optional(
    v.pipe(
      v.picklist(["made", "received"], "Choose made or received."),
      v.description("made (default): referrals the region made; received: referrals to organisations of the region."),
    ),
    "made",
  ),
  ...PageQueryEntries,
});
export const InboxQuery = v.object({ status: v.optional(ReferralStatus), ...PageQueryEntries });
export const InboxParams = v.object({ org: v.pipe(v.string(), v.regex(SLUG_PATTERN, "Unknown organisation.")), id: Id });
export const TokenParam = v.object({ token: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{20,100}$/, "This link is not valid.")) });

const Nullable = <S extends v.GenericSchema>(s: S) => v.nullable(s);
const HistoryDto = v.array(v.object({ status: ReferralStatus, note: Nullable(v.string()), at: v.string() }));
const ContactDto = v.object({
  name: Nullable(v.string()),
  email: Nullable(v.string()),
  phone: Nullable(v.string()),
  companyName: Nullable(v.string()),
  kvkNumber: Nullable(v.string()),
});
const Shared = {
  id: v.string(),
  status: ReferralStatus,
  organisation: v.pipe(v.string(), v.description("The organisation's slug.")),
  organisationName: v.string(),
  offerId: Nullable(v.string()),
  offer: Nullable(v.object({ slug: v.string(), title: v.string() })),
  topic: Topic,
  consentToShare: v.boolean(),
  fromRegion: v.object({ slug: v.string(), name: v.string() }),
  toRegion: v.object({ slug: v.string(), name: v.string() }),
  createdAt: v.string(),
  dueAt: v.string(),
  overdue: v.pipe(v.boolean(), v.description("Not picked up within 5 working days (or picked up only after that).")),
  receivedAt: Nullable(v.string()),
  contactedAt: Nullable(v.string()),
  closedAt: Nullable(v.string()),
  withdrawnAt: Nullable(v.string()),
  statusNote: Nullable(v.string()),
  history: HistoryDto,
};

/** A referral as the referring region sees it. */
export const ReferralDto = v.object({
  ...Shared,
  note: Nullable(v.string()),
  question: Nullable(v.string()),
  entrepreneur: v.pipe(Nullable(ContactDto), v.description("Null only in the `received` list without consent (or after a withdrawal).")),
  appointmentId: Nullable(v.string()),
  candidateId: Nullable(v.string()),
  frontdesk: Nullable(v.object({ id: v.string(), name: v.string() })),
  referredBy: Nullable(v.object({ name: v.string() })),
});

/** A referral as the receiving organisation sees it: contact details only with consent; after a withdrawal only that it was withdrawn. */
export const InboxReferralDto = v.object({
  ...Shared,
  note: Nullable(v.string()),
  question: Nullable(v.string()),
  entrepreneur: Nullable(ContactDto),
  referredBy: Nullable(v.object({ name: v.string(), frontdesk: Nullable(v.string()) })),
});

export const CreatedAnswer = v.object({ referral: ReferralDto });
export const RegionListAnswer = v.object({ referrals: v.array(ReferralDto), nextCursor: Nullable(v.string()) });
export const InboxListAnswer = v.object({ referrals: v.array(InboxReferralDto), nextCursor: Nullable(v.string()) });
export const InboxAnswer = v.object({ referral: InboxReferralDto });

/** What the entrepreneur's link shows: who will contact them and how to reach that organisation. */
export const MyReferralAnswer = v.object({
  referral: v.object({
    status: ReferralStatus,
    topic: Topic,
    consentToShare: v.boolean(),
    withdrawnAt: Nullable(v.string()),
    createdAt: v.string(),
    organisation: v.object({ name: v.string(), website: Nullable(v.string()), email: Nullable(v.string()), phone: Nullable(v.string()) }),
    offer: Nullable(v.object({ slug: v.string(), title: v.string() })),
  }),
});

const CountDto = v.pipe(
  v.union([v.number(), v.picklist(["<5", "x"])]),
  v.description('A count about people: 1–4 as "<5"; "x" where hidden so that another hidden figure cannot be worked out.'),
);
const ReferralFiguresEntries = {
  made: CountDto,
  received: v.pipe(CountDto, v.description("Made (by any region) to organisations whose home is this region.")),
  byTopic: v.record(v.string(), CountDto),
  byOrganisationKind: v.pipe(v.record(v.string(), CountDto), v.description("Referrals made, by the kind of organisation referred to.")),
  feedbackShare: v.pipe(v.nullable(v.number()), v.description("Share of the referrals made whose status the organisation changed; null under 5 referrals.")),
  helpedShare: v.nullable(v.number()),
  medianWorkingDaysToContact: v.pipe(
    v.nullable(v.number()),
    v.description("Median working days to the organisation's first contact; null under 5 contacted referrals."),
  ),
  overdue: CountDto,
};
const FlowDto = v.object({ from: v.string(), to: v.string(), count: CountDto });

/** Referral figures of the region report: the region's own, per desk, and the flows from and to it. */
export const RegionReferralFiguresDto = v.object({
  ...ReferralFiguresEntries,
  byDesk: v.array(v.object({ frontdesk: v.nullable(v.string()), count: CountDto })),
  flows: v.array(FlowDto),
});
/** Referral figures of the province summary: per region, in total, and the flows region × region. */
export const ProvinceReferralFiguresDto = v.object({
  regions: v.array(v.object({ region: v.object({ slug: v.string(), name: v.string() }), ...ReferralFiguresEntries })),
  total: v.object(ReferralFiguresEntries),
  flows: v.array(FlowDto),
});
