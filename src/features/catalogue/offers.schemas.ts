import * as v from "valibot";
import { AUDIENCES, OFFER_COSTS, OFFER_KINDS, OFFER_STATUSES, PHASES, REVISION_STATUSES } from "../../db/schema";
import { TOPICS } from "../../lib/vocabulary";
import { PageQueryEntries } from "../../lib/cursor";
import { isCalendarDate } from "../../lib/time";
import { pick, requiredLine, requiredParagraphs, singleLineText, uniqueList } from "../../lib/text";
import { Email, HttpsUrl, OrgParam, Phone, RegionSlug } from "../organisations/organisations.schemas";

export const OfferKindSchema = pick(OFFER_KINDS);
export const TopicSchema = pick(TOPICS);
export const AudienceSchema = pick(AUDIENCES);
export const PhaseSchema = pick(PHASES);
export const CostSchema = pick(OFFER_COSTS);

const LocalDate = v.pipe(v.string(), v.check(isCalendarDate, "Use a date as YYYY-MM-DD (Europe/Amsterdam)."));
const UplUri = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(300),
  v.regex(/^https?:\/\/standaarden\.overheid\.nl\/owms\/terms\/[A-Za-z0-9_().%-]+$/, "Give a UPL URI (http://standaarden.overheid.nl/owms/terms/…)."),
);
const Contact = v.object({
  name: v.optional(requiredLine("contact name", 120)),
  email: v.optional(Email),
  phone: v.optional(Phone),
});

/** Every editable field of an offer; the description is plain paragraphs or a safe Markdown subset (rendered without raw HTML). */
export const OfferFields = {
  title: requiredLine("title", 120),
  summary: requiredLine("summary", 300),
  description: requiredParagraphs("description", 8000),
  kind: OfferKindSchema,
  topics: uniqueList(TopicSchema, "topics"),
  audiences: uniqueList(AudienceSchema, "audiences"),
  phases: uniqueList(PhaseSchema, "phases"),
  regions: v.pipe(uniqueList(RegionSlug, "regions", 0), v.description("Region slugs; may be empty when allLimburg is true.")),
  allLimburg: v.pipe(v.boolean(), v.description("The offer is for the whole province (now and any region added later).")),
  municipalities: v.pipe(
    uniqueList(requiredLine("municipality", 100), "municipalities", 0),
    v.description("Where the offer is local; empty = its whole regions."),
  ),
  cost: CostSchema,
  deadline: v.nullable(v.pipe(LocalDate, v.description("Last day to apply; null or absent = ongoing."))),
  opensAt: v.nullable(v.pipe(LocalDate, v.description("First day to apply, when it opens later."))),
  howToApply: requiredParagraphs("how to apply", 2000),
  contact: v.nullable(Contact),
  url: v.nullable(HttpsUrl),
  uplUri: v.nullable(UplUri),
};

export const NewOfferBody = v.object({
  title: OfferFields.title,
  summary: OfferFields.summary,
  description: OfferFields.description,
  kind: OfferFields.kind,
  topics: OfferFields.topics,
  audiences: OfferFields.audiences,
  phases: OfferFields.phases,
  regions: OfferFields.regions,
  allLimburg: v.optional(OfferFields.allLimburg, false),
  municipalities: v.optional(OfferFields.municipalities, []),
  cost: OfferFields.cost,
  deadline: v.optional(OfferFields.deadline, null),
  opensAt: v.optional(OfferFields.opensAt, null),
  howToApply: OfferFields.howToApply,
  contact: v.optional(OfferFields.contact, null),
  url: v.optional(OfferFields.url, null),
  uplUri: v.optional(OfferFields.uplUri, null),
});
export type NewOfferInput = v.InferOutput<typeof NewOfferBody>;

export const OfferPatchBody = v.object({
  title: v.optional(OfferFields.title),
  summary: v.optional(OfferFields.summary),
  description: v.optional(OfferFields.description),
  kind: v.optional(OfferFields.kind),
  topics: v.optional(OfferFields.topics),
  audiences: v.optional(OfferFields.audiences),
  phases: v.optional(OfferFields.phases),
  regions: v.optional(OfferFields.regions),
  allLimburg: v.optional(OfferFields.allLimburg),
  municipalities: v.optional(OfferFields.municipalities),
  cost: v.optional(OfferFields.cost),
  deadline: v.optional(OfferFields.deadline),
  opensAt: v.optional(OfferFields.opensAt),
  howToApply: v.optional(OfferFields.howToApply),
  contact: v.optional(OfferFields.contact),
  url: v.optional(OfferFields.url),
  uplUri: v.optional(OfferFields.uplUri),
  confirmChecked: v.optional(v.pipe(v.literal(true), v.description("Confirm the offer is still correct (sets lastCheckedAt) without changing it."))),
});
export type OfferPatchInput = v.InferOutput<typeof OfferPatchBody>;

export const ReviewBody = v.object({
  decision: v.picklist(["approve", "reject"], "Choose approve or reject."),
  note: v.optional(requiredParagraphs("note", 1000)),
});

export const OfferIdParams = v.object({ ...OrgParam.entries, id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "This id is not valid.")) });
export const RegionOfferParams = v.object({ region: RegionSlug, id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "This id is not valid.")) });
export const OfferSlugParam = v.object({ slug: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,100}$/, "Unknown offer.")) });

/** `a,b,c` query values, each from a vocabulary. */
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

export const OfferSearchQuery = v.object({
  q: v.optional(v.pipe(v.string(), v.maxLength(200, "Keep the search to 200 characters."), v.description("Words to search for (Dutch-friendly)."))),
  region: v.optional(RegionSlug),
  municipality: v.optional(
    v.pipe(v.string(), v.trim(), v.maxLength(100), singleLineText(), v.description("Offers serving this municipality; local offers rank first.")),
  ),
  topic: commaList(TOPICS, "topic"),
  audience: commaList(AUDIENCES, "audience"),
  phase: commaList(PHASES, "phase"),
  kind: commaList(OFFER_KINDS, "kind"),
  cost: commaList(OFFER_COSTS, "cost"),
  ...PageQueryEntries,
});

export const OrgOffersQuery = v.object({
  status: v.optional(v.picklist(OFFER_STATUSES, `Choose one of: ${OFFER_STATUSES.join(", ")}.`)),
  ...PageQueryEntries,
});

export const DeskLinkQuery = v.object({
  region: v.optional(RegionSlug),
  topic: v.optional(TopicSchema),
  municipality: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100), singleLineText())),
});

// ---- answers ----

const OrgRef = v.object({ slug: v.string(), name: v.string() });
export const OfferSummaryDto = v.object({
  id: v.string(),
  slug: v.string(),
  title: v.string(),
  summary: v.string(),
  kind: OfferKindSchema,
  organisation: OrgRef,
  topics: v.array(TopicSchema),
  audiences: v.array(AudienceSchema),
  phases: v.array(PhaseSchema),
  regions: v.pipe(v.array(v.string()), v.description("Region slugs served (every region when allLimburg).")),
  allLimburg: v.boolean(),
  municipalities: v.array(v.string()),
  cost: CostSchema,
  deadline: v.pipe(v.nullable(v.string()), v.description("Last local date to apply; null = ongoing.")),
  opensAt: v.nullable(v.string()),
  updatedAt: v.string(),
  local: v.pipe(v.optional(v.boolean()), v.description("With ?municipality=: the offer is local to it.")),
});

const ContactDto = v.object({ name: v.optional(v.string()), email: v.optional(v.string()), phone: v.optional(v.string()) });
export const OfferDetailDto = v.object({
  ...OfferSummaryDto.entries,
  description: v.string(),
  howToApply: v.string(),
  contact: v.nullable(ContactDto),
  url: v.nullable(v.string()),
  uplUri: v.nullable(v.string()),
  lastCheckedAt: v.string(),
  expired: v.boolean(),
  frontdesk: v.pipe(v.nullable(v.object({ id: v.string(), region: v.string() })), v.description("For a contact point: the desk to book.")),
  talkToADeskUrl: v.pipe(v.string(), v.description("Counts the click, then forwards to the booking page with the offer's topic set.")),
  related: v.array(OfferSummaryDto),
});

const facetCounts = (values: readonly string[]) =>
  v.object(Object.fromEntries(values.map((k) => [k, v.number()])) as Record<string, v.NumberSchema<undefined>>);
export const OfferSearchDto = v.object({
  offers: v.array(OfferSummaryDto),
  facets: v.object({
    topic: facetCounts(TOPICS),
    kind: facetCounts(OFFER_KINDS),
    audience: facetCounts(AUDIENCES),
    region: v.pipe(v.record(v.string(), v.number()), v.description("Per region slug.")),
  }),
  total: v.number(),
  nextCursor: v.nullable(v.string()),
});

const ContentDto = v.object({
  title: v.string(),
  summary: v.string(),
  description: v.string(),
  kind: OfferKindSchema,
  topics: v.array(TopicSchema),
  audiences: v.array(AudienceSchema),
  phases: v.array(PhaseSchema),
  regions: v.array(v.string()),
  allLimburg: v.boolean(),
  municipalities: v.array(v.string()),
  cost: CostSchema,
  deadline: v.nullable(v.string()),
  opensAt: v.nullable(v.string()),
  howToApply: v.string(),
  contact: v.nullable(ContactDto),
  url: v.nullable(v.string()),
  uplUri: v.nullable(v.string()),
});
export const OfferAdminDto = v.object({
  ...ContentDto.entries,
  id: v.string(),
  slug: v.string(),
  status: v.picklist(OFFER_STATUSES),
  organisation: OrgRef,
  frontdeskId: v.pipe(v.nullable(v.string()), v.description("Set for a contact point derived from a frontdesk (kept in sync; not editable here).")),
  lastCheckedAt: v.string(),
  stale: v.pipe(v.boolean(), v.description("Not checked for 12 months: confirm or update it (PATCH with confirmChecked).")),
  expired: v.boolean(),
  reviewNote: v.nullable(v.string()),
  revision: v.pipe(v.nullable(ContentDto), v.description("A published offer's edit waiting for review (the published version stays visible).")),
  revisionStatus: v.nullable(v.picklist(REVISION_STATUSES)),
  submittedAt: v.nullable(v.string()),
  publishedAt: v.nullable(v.string()),
  archivedAt: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
});

/** One offer as its organisation and reviewers see it. */
export const OfferAnswer = v.object({ offer: OfferAdminDto });
/** A page of offers as their organisation and reviewers see them. */
export const OfferList = v.object({ offers: v.array(OfferAdminDto), nextCursor: v.nullable(v.string()) });
/** One published offer. */
export const OfferDetailAnswer = v.object({ offer: OfferDetailDto });
