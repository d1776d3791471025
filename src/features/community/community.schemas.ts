/** Knowledge square and community (issue 18): bodies, queries, params and answers; the API and the pages validate with the same schemas. */
import * as v from "valibot";
import { AUTHOR_KINDS, QUESTION_STATUSES, REPORT_KINDS, SECTORS } from "../../db/schema";
import { noControlCharacters, singleLineText } from "../../lib/text";
import { PageQueryEntries } from "../../lib/cursor";
import { Id, Topic } from "../frontdesks/frontdesks.schemas";

/** The label of an anonymous asker, in every answer and page (the contract's wording). */
export const ANONYMOUS_LABEL = "Anonieme ondernemer";

const freeText = (label: string, min: number, max: number) =>
  v.pipe(
    v.string(`Enter the ${label}.`),
    v.trim(),
    v.minLength(min, `The ${label} needs at least ${min} characters.`),
    v.maxLength(max, `Keep the ${label} under ${max} characters.`),
    noControlCharacters,
  );
const line = (label: string, min: number, max: number) =>
  v.pipe(
    v.string(`Enter the ${label}.`),
    v.trim(),
    v.minLength(min, `The ${label} needs at least ${min} characters.`),
    v.maxLength(max, `Keep the ${label} under ${max} characters.`),
    singleLineText(),
  );
const optionalNote = v.optional(
  v.pipe(
    v.string(),
    v.trim(),
    v.maxLength(1000, "Keep the note under 1000 characters."),
    noControlCharacters,
    v.transform((s) => (s === "" ? undefined : s)),
  ),
);
const SlugRef = v.pipe(v.string(), v.trim(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use the slug of a published offer or event."), v.maxLength(120));
export const RegionSlug = v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,60}$/, "Use a region slug such as zuid-limburg."));

export const QuestionIdParam = v.object({ id: Id });

export const QuestionListQuery = v.object({
  q: v.optional(v.pipe(v.string(), v.maxLength(200, "Keep the search under 200 characters."), noControlCharacters)),
  topic: v.optional(Topic),
  region: v.optional(v.pipe(RegionSlug, v.description("Questions of this region and those for all of Limburg."))),
  ...PageQueryEntries,
});
export type QuestionListInput = v.InferOutput<typeof QuestionListQuery>;

export const AskBody = v.object({
  title: line("title", 8, 160),
  body: freeText("question", 20, 5000),
  topic: Topic,
  region: v.optional(v.pipe(RegionSlug, v.description("Leave out for a question to all of Limburg."))),
  anonymous: v.boolean("Say whether to ask anonymously (true or false)."),
});
export type AskInput = v.InferOutput<typeof AskBody>;

export const AnswerBody = v.object({
  body: freeText("answer", 5, 5000),
  offerSlugs: v.optional(v.pipe(v.array(SlugRef), v.maxLength(5, "Link at most 5 offers.")), []),
  eventSlugs: v.optional(v.pipe(v.array(SlugRef), v.maxLength(5, "Link at most 5 events.")), []),
});
export type AnswerInput = v.InferOutput<typeof AnswerBody>;

export const AcceptBody = v.object({ answerId: Id });
export const ReportBody = v.object({ reason: freeText("reason", 3, 1000) });

export const MODERATION_ACTIONS = ["publish", "hide", "restore", "edit", "block"] as const;
/** `kind` is `question` or `answer`; anything else is an unknown route target (404, checked by the handler). */
export const ModerationParams = v.object({ region: v.string(), kind: v.pipe(v.string(), v.maxLength(64)), id: Id });
export const ModerationBody = v.pipe(
  v.object({
    action: v.picklist(MODERATION_ACTIONS, `Choose one of: ${MODERATION_ACTIONS.join(", ")}.`),
    note: optionalNote,
    title: v.optional(line("title", 8, 160)),
    body: v.optional(freeText("text", 5, 5000)),
  }),
  v.check(
    (b) => b.action !== "edit" || (b.note !== undefined && (b.title !== undefined || b.body !== undefined)),
    "An edit needs the new text and a visible note.",
  ),
);
export type ModerationInput = v.InferOutput<typeof ModerationBody>;

// --- answers ---
const Iso = v.pipe(v.string(), v.isoTimestamp());
const Asker = v.object({ label: v.string() });

export const QuestionSummaryDto = v.object({
  id: v.string(),
  title: v.string(),
  topic: Topic,
  region: v.nullable(v.string()),
  askedAt: Iso,
  answerCount: v.number(),
  accepted: v.boolean(),
  asker: Asker,
});
export type QuestionSummary = v.InferOutput<typeof QuestionSummaryDto>;
export const QuestionListAnswer = v.object({ questions: v.array(QuestionSummaryDto), nextCursor: v.nullable(v.string()) });

const Link = v.object({ slug: v.string(), title: v.string() });
export const AnswerDto = v.object({
  id: v.string(),
  body: v.string(),
  author: v.object({ label: v.string(), kind: v.picklist(AUTHOR_KINDS) }),
  usefulCount: v.number(),
  accepted: v.boolean(),
  answeredAt: Iso,
  offers: v.array(Link),
  events: v.array(Link),
  moderatorNote: v.nullable(v.string()),
  edited: v.boolean(),
});
export type AnswerView = v.InferOutput<typeof AnswerDto>;
export const QuestionDetailDto = v.object({
  ...QuestionSummaryDto.entries,
  body: v.string(),
  status: v.picklist(QUESTION_STATUSES),
  moderatorNote: v.nullable(v.string()),
  edited: v.boolean(),
  /** True for the asker's own question (only the asker's own session sees true). */
  mine: v.boolean(),
});
export type QuestionDetail = v.InferOutput<typeof QuestionDetailDto>;
export const QuestionAnswer = v.object({ question: QuestionDetailDto, answers: v.array(AnswerDto) });
export const AskedAnswer = v.object({ question: v.object({ id: v.string(), status: v.picklist(["pending", "published"]) }) });
export const AnsweredAnswer = v.object({ answer: v.object({ id: v.string() }) });
export const AcceptedAnswer = v.object({ accepted: v.object({ questionId: v.string(), answerId: v.string() }) });
export const UsefulAnswer = v.object({ usefulCount: v.number(), marked: v.literal(true) });
export const ReportedAnswer = v.object({ reported: v.literal(true) });

export const ModerationItemDto = v.object({
  kind: v.picklist(REPORT_KINDS),
  id: v.string(),
  questionId: v.string(),
  title: v.string(),
  body: v.string(),
  status: v.string(),
  region: v.nullable(v.string()),
  author: v.object({ label: v.string() }),
  reports: v.array(v.object({ reason: v.string(), reportedAt: Iso })),
  createdAt: Iso,
});
export type ModerationItem = v.InferOutput<typeof ModerationItemDto>;
export const ModerationQueueAnswer = v.object({ items: v.array(ModerationItemDto), unanswered: v.array(QuestionSummaryDto) });
export const ModeratedAnswer = v.object({ kind: v.picklist(REPORT_KINDS), id: v.string(), status: v.string() });

// --- stories ---
export const StoryListQuery = v.object({ topic: v.optional(Topic), region: v.optional(RegionSlug) });
export const StoryDto = v.object({
  id: v.string(),
  slug: v.string(),
  title: v.string(),
  companyName: v.string(),
  summary: v.string(),
  body: v.string(),
  region: v.string(),
  topics: v.array(v.string()),
  offers: v.array(Link),
  frontdesks: v.array(v.object({ id: v.string(), name: v.string() })),
  publishedAt: Iso,
});
export type StoryView = v.InferOutput<typeof StoryDto>;
export const StoryListAnswer = v.object({ stories: v.array(StoryDto) });
export const StoryBody = v.object({
  title: line("title", 5, 160),
  companyName: line("company name", 2, 160),
  summary: freeText("summary", 10, 600),
  body: freeText("story", 20, 10000),
  topics: v.pipe(v.array(Topic), v.minLength(1, "Choose at least one topic."), v.maxLength(5)),
  offerSlugs: v.optional(v.pipe(v.array(SlugRef), v.maxLength(10)), []),
  frontdeskIds: v.optional(v.pipe(v.array(Id), v.maxLength(10)), []),
  consentDate: v.pipe(v.string("Enter the date of the written consent."), v.isoDate("Enter the date of the written consent as YYYY-MM-DD.")),
});
export type StoryInput = v.InferOutput<typeof StoryBody>;
export const StoryCreatedAnswer = v.object({ story: v.object({ id: v.string(), slug: v.string() }) });

// --- peers ---
export const CompanyListQuery = v.object({
  topic: v.optional(Topic),
  sector: v.optional(v.picklist(SECTORS, `Choose one of: ${SECTORS.join(", ")}.`)),
  municipality: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(80), singleLineText())),
});
export type CompanyListInput = v.InferOutput<typeof CompanyListQuery>;
export const CompanyDto = v.object({
  id: v.string(),
  companyName: v.string(),
  sector: v.nullable(v.string()),
  municipality: v.nullable(v.string()),
  description: v.nullable(v.string()),
  topics: v.array(v.string()),
});
export type CompanyView = v.InferOutput<typeof CompanyDto>;
export const CompanyListAnswer = v.object({ companies: v.array(CompanyDto) });
export const ContactBody = v.object({ message: freeText("message", 10, 2000) });
export const ContactAcceptedAnswer = v.object({ sent: v.literal(true) });
export const PeerTopicsBody = v.object({ topics: v.pipe(v.array(Topic), v.maxLength(10)) });
export const ContactReplyBody = v.object({
  decision: v.picklist(["reply", "decline", "block", "report"], "Choose reply, decline, block or report."),
  message: v.optional(freeText("reply", 2, 2000)),
});
export type ContactReplyInput = v.InferOutput<typeof ContactReplyBody>;
export const InboxItemDto = v.object({
  id: v.string(),
  from: v.object({
    id: v.string(),
    companyName: v.string(),
    sector: v.nullable(v.string()),
    municipality: v.nullable(v.string()),
    description: v.nullable(v.string()),
  }),
  message: v.string(),
  status: v.string(),
  receivedAt: Iso,
});
export type InboxItem = v.InferOutput<typeof InboxItemDto>;
export const InboxAnswer = v.object({ contacts: v.array(InboxItemDto) });
export const ContactDecidedAnswer = v.object({ id: v.string(), status: v.string() });
