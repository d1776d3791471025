import * as v from "valibot";
import { ATTENDANCE, COMMITMENT_POINTS, DECISIONS, FUNNEL_STAGES, REFERRAL_KINDS, STAGES, STOP_REASONS } from "../../db/schema";
import { isCalendarDate, TIMEZONE } from "../../lib/time";
import { noControlCharacters, singleLineText } from "../../lib/text";
import { normaliseKvk } from "../../lib/dutch";
import { EntrepreneurInput } from "../appointments/appointments.schemas";
import { Id, Topic } from "../frontdesks/frontdesks.schemas";
import { TOPICS } from "../../lib/vocabulary";
import { SLUG_PATTERN } from "../organisations/organisations.schemas";

const singleLine = singleLineText();

const line = (what: string, max: number) =>
  v.pipe(v.string(`Enter ${what}.`), v.trim(), v.minLength(1, `Enter ${what}.`), v.maxLength(max, `Keep ${what} under ${max} characters.`), singleLine);
const freeText = (what: string, max: number) =>
  v.pipe(
    v.string(`Enter ${what}.`),
    v.trim(),
    v.minLength(1, `Enter ${what}.`),
    v.maxLength(max, `Keep ${what} under ${max} characters.`),
    noControlCharacters,
  );

export const Stage = v.picklist(STAGES, `Choose one of: ${STAGES.join(", ")}.`);
export const StopReason = v.picklist(STOP_REASONS, `Choose one of: ${STOP_REASONS.join(", ")}.`);
export const Decision = v.picklist(DECISIONS, `Choose one of: ${DECISIONS.join(", ")}.`);
const DateString = v.pipe(v.string("Use a date as YYYY-MM-DD."), v.check(isCalendarDate, "Use a date as YYYY-MM-DD."));

const Kvk = v.pipe(
  v.string("Enter the KvK number."),
  v.trim(),
  v.maxLength(20, "A KvK number has 8 digits."),
  v.check((s) => normaliseKvk(s) !== null, "A KvK number has exactly 8 digits."),
  v.transform((s) => normaliseKvk(s) ?? s),
);

/**
 * What is collected about a candidate, and nothing more (no BSN, no date of birth): unknown
 * fields are refused rather than silently dropped, so such data never gets as far as a log.
 * The contact person's e-mail and phone follow the booking form's rules.
 */
const candidateEntries = {
  company: v.object({ name: line("the company name", 160), kvkNumber: Kvk }),
  contact: v.object({ name: EntrepreneurInput.entries.name, email: EntrepreneurInput.entries.email, phone: EntrepreneurInput.entries.phone }),
  municipality: line("the municipality", 100),
  ambition: v.pipe(freeText("the growth or innovation ambition", 600), v.description("A few lines; no sensitive personal data.")),
  topic: Topic,
  consent: v.literal(true, "The entrepreneur's consent is required to register them as a candidate."),
};

export const SelfRegistrationBody = v.object({
  ...candidateEntries,
  invitation: v.optional(
    v.pipe(v.string(), v.maxLength(100), v.description("The code of an invitation link from an event (the candidate then counts as coming from that event).")),
  ),
});

export const CandidateBody = v.object({
  ...candidateEntries,
  frontdeskId: v.optional(v.pipe(Id, v.description("The scouting frontdesk (staff: one of their own desks). Defaults to the appointment's desk."))),
  appointmentId: v.optional(v.pipe(Id, v.description("The appointment at which the entrepreneur was scouted."))),
});

export const CommitmentBody = v.object({
  entrepreneurCommitment: v.pipe(freeText("what the entrepreneur commits to", 1000), v.description("e.g. time available per week, preparing each session")),
  consultantCommitment: freeText("what the consultant commits to", 1000),
  entrepreneurName: line("the name of the entrepreneur who agreed", 120),
});
export type CommitmentInput = v.InferOutput<typeof CommitmentBody>;

const ReferralInput = v.object({
  kind: v.picklist(REFERRAL_KINDS, `Choose one of: ${REFERRAL_KINDS.join(", ")}.`),
  name: line("the name or a description of where the entrepreneur is referred to", 200),
  // Issue 15: a stop to an organisation of the catalogue becomes a real referral (its inbox, the desk's list).
  organisation: v.optional(
    v.pipe(
      v.string("Choose the organisation to refer to."),
      v.regex(SLUG_PATTERN, "Choose the organisation to refer to."),
      v.description(
        "The slug of an organisation of the catalogue: the stop then also makes a referral to it. Without it, a `name` that is an organisation's exact name or slug does the same.",
      ),
    ),
  ),
  offerId: v.optional(v.pipe(Id, v.description("A published offer of that organisation."))),
  consentToShare: v.optional(
    v.pipe(
      v.boolean("Say whether the entrepreneur agreed to share their contact details with the organisation."),
      v.description("For a referral to an organisation of the catalogue (default false: the organisation then gets no contact details)."),
    ),
  ),
  note: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.maxLength(2000, "Keep the note under 2000 characters."),
      noControlCharacters,
      v.description("The note for the organisation referred to."),
    ),
  ),
});

export const StageBody = v.object({
  to: Stage,
  decision: v.optional(Decision),
  commitment: v.optional(v.pipe(CommitmentBody, v.description("Required with a go decision: the effort commitment, reconfirmed."))),
  referral: v.optional(v.pipe(ReferralInput, v.description("Required when stopping."))),
  stopReason: v.optional(StopReason),
  note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(1000, "Keep the note under 1000 characters."), noControlCharacters)),
});
export type StageInput = v.InferOutput<typeof StageBody>;

export const SessionBody = v.object({
  date: DateString,
  durationMinutes: v.pipe(
    v.number("Give the duration in minutes."),
    v.integer("Give whole minutes."),
    v.minValue(5, "At least 5 minutes."),
    v.maxValue(600, "At most 600 minutes."),
  ),
  attendance: v.picklist(ATTENDANCE, `Choose one of: ${ATTENDANCE.join(", ")}.`),
  note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500, "Keep the note under 500 characters."), noControlCharacters)),
  experts: v.optional(
    v.pipe(
      v.array(line("the expert's name", 120)),
      v.maxLength(10, "At most 10 experts per session."),
      v.description("External experts (paid by the entrepreneur)."),
    ),
  ),
  voucherApplied: v.optional(v.pipe(v.boolean(), v.description("Whether a voucher scheme paid for the experts."))),
});
export type SessionInput = v.InferOutput<typeof SessionBody>;

export const AssignBody = v.object({ consultantId: Id });
export const SettingsBody = v.object({
  noShowRule: v.pipe(
    v.number(),
    v.integer("Use a whole number."),
    v.minValue(0, "Use 0 (no rule) or more."),
    v.maxValue(20, "At most 20."),
    v.description("After this many no-shows since the last go decision, a go/no-go decision is required (0 switches the rule off)."),
  ),
});

export const CandidateParams = v.object({ region: v.string(), id: Id });
export const CandidateListQuery = v.object({
  stage: v.optional(Stage),
  frontdeskId: v.optional(Id),
  consultantId: v.optional(Id),
});
export const CaseloadQuery = v.object({ consultantId: v.optional(v.pipe(Id, v.description("Region admin only: whose caseload."))) });

// ---------- answers ----------

const Instant = v.pipe(v.string(), v.description("ISO 8601 with offset."));
const Nullable = <S extends v.GenericSchema>(schema: S) => v.nullable(schema);

export const CandidateSummaryDto = v.object({
  id: v.string(),
  source: v.picklist(["frontdesk", "self", "event"]),
  frontdesk: Nullable(v.object({ id: v.string(), name: v.string() })),
  company: v.object({ name: v.string(), kvkNumber: v.string() }),
  municipality: v.string(),
  topic: v.picklist(TOPICS),
  stage: Stage,
  active: v.boolean(),
  qualified: v.boolean(),
  decisionRequired: v.boolean(),
  consultant: Nullable(v.object({ id: v.string(), name: v.string() })),
  sessionCount: v.number(),
  registeredAt: Instant,
  updatedAt: Instant,
  decisionWaitingSince: v.optional(
    v.pipe(
      Nullable(Instant),
      v.description("In candidate lists: since when a go/no-go decision is due (the assessment reached, or the no-show rule fired); null when none is."),
    ),
  ),
  decisionOverdue: v.optional(
    v.pipe(
      v.boolean(),
      v.description("In candidate lists: the go/no-go decision has waited more than 10 working days (weekends and the region's public holidays not counted)."),
    ),
  ),
});

const CommitmentDto = v.object({
  id: v.string(),
  point: v.picklist(COMMITMENT_POINTS),
  stage: Stage,
  entrepreneurCommitment: v.string(),
  consultantCommitment: v.string(),
  entrepreneurName: v.string(),
  consultant: v.object({ id: v.string(), name: v.string() }),
  agreedAt: Instant,
});
const SessionDto = v.object({
  id: v.string(),
  date: v.string(),
  durationMinutes: v.number(),
  attendance: v.picklist(ATTENDANCE),
  note: Nullable(v.string()),
  experts: v.array(v.string()),
  voucherApplied: v.boolean(),
  loggedAt: Instant,
});
const HistoryDto = v.object({
  from: Nullable(Stage),
  to: Stage,
  decision: Nullable(Decision),
  stopReason: Nullable(StopReason),
  referral: Nullable(v.object({ kind: v.picklist(REFERRAL_KINDS), name: v.string() })),
  note: Nullable(v.string()),
  actor: Nullable(v.object({ id: v.string(), name: v.string() })),
  at: Instant,
});

export const TrajectoryDto = v.object({
  ...CandidateSummaryDto.entries,
  appointmentId: Nullable(v.string()),
  contact: v.pipe(v.object({ name: Nullable(v.string()), email: Nullable(v.string()), phone: Nullable(v.string()) }), v.description("null after an erasure.")),
  ambition: Nullable(v.string()),
  consentAt: Instant,
  noShowsSinceDecision: v.number(),
  noShowRule: v.number(),
  stop: Nullable(v.object({ reason: StopReason, referral: v.object({ kind: v.picklist(REFERRAL_KINDS), name: v.string() }), at: Instant })),
  nextStages: v.pipe(v.array(Stage), v.description("Where this trajectory may go next (by the rules; not checking who asks).")),
  /** Hidden from frontdesk staff: the trajectory itself is the consultant's work. */
  commitments: v.optional(v.array(CommitmentDto)),
  sessions: v.optional(v.array(SessionDto)),
  experts: v.optional(
    v.pipe(v.object({ names: v.array(v.string()), voucherApplied: v.boolean() }), v.description("External experts involved (paid by the entrepreneur).")),
  ),
  history: v.optional(v.array(HistoryDto)),
});

export const CandidateListDto = v.object({ candidates: v.array(CandidateSummaryDto) });
export const TrajectoryResponse = v.object({ candidate: TrajectoryDto });

export const ConsultantLoadDto = v.object({
  consultants: v.array(
    v.object({
      id: v.string(),
      name: v.string(),
      activeTrajectories: v.number(),
      decisionsRequired: v.number(),
      sessionsLast30Days: v.number(),
      fte: v.pipe(v.nullable(v.number()), v.description("Capacity for the Support Process in FTE (issue 19); null when not set.")),
    }),
  ),
});
export const SettingsDto = v.object({ settings: v.object({ noShowRule: v.number() }) });

const Ratio = v.pipe(v.nullable(v.number()), v.description("Four decimals; null when the denominator is 0."));
const byStage = v.object(Object.fromEntries(STAGES.map((s) => [s, v.number()])) as Record<(typeof STAGES)[number], v.NumberSchema<undefined>>);
export const ScoutingReportDto = v.object({
  period: v.object({ from: v.string(), to: v.string() }),
  timezone: v.literal(TIMEZONE),
  generatedAt: v.string(),
  cohort: v.pipe(v.literal("registered_in_period"), v.description("Every figure counts the candidates registered in the period, wherever they are now.")),
  candidates: v.number(),
  byStage: v.pipe(byStage, v.description("Current stage of the candidates.")),
  reached: v.pipe(
    v.object(Object.fromEntries(FUNNEL_STAGES.map((s) => [s, v.number()])) as Record<(typeof FUNNEL_STAGES)[number], v.NumberSchema<undefined>>),
    v.description("Candidates that reached each funnel stage (now or before a stop)."),
  ),
  conversion: v.array(v.object({ from: Stage, to: Stage, fromCount: v.number(), toCount: v.number(), rate: Ratio })),
  frontdesks: v.array(v.object({ frontdesk: v.object({ id: v.string(), name: v.string() }), candidates: v.number(), qualified: v.number() })),
  selfRegistered: v.object({ candidates: v.number(), qualified: v.number() }),
  businessPlans: v.object({
    delivered: v.number(),
    starts: v.number(),
    target: v.object({ plansMin: v.number(), plansMax: v.number(), starts: v.number(), years: v.number() }),
    progress: v.object({ plansOfMin: Ratio, plansOfMax: Ratio, startsOfTarget: Ratio }),
  }),
  medianSessionsPerDeliveredPlan: v.pipe(
    v.nullable(v.number()),
    v.description("Attended sessions of the trajectories that delivered a plan; null without any."),
  ),
  stopReasons: v.object(Object.fromEntries(STOP_REASONS.map((s) => [s, v.number()])) as Record<(typeof STOP_REASONS)[number], v.NumberSchema<undefined>>),
  referrals: v.object(Object.fromEntries(REFERRAL_KINDS.map((s) => [s, v.number()])) as Record<(typeof REFERRAL_KINDS)[number], v.NumberSchema<undefined>>),
});

export const SelfRegistrationAnswer = v.object({ registered: v.literal(true), stage: v.literal("registered") });

export const CommitmentAnswer = v.object({ commitment: v.object({ id: v.string(), point: v.string(), stage: v.string(), agreedAt: v.string() }) });

export const SessionAnswer = v.object({
  session: v.object({ id: v.string(), date: v.string(), attendance: v.string() }),
  noShowsSinceDecision: v.number(),
  decisionRequired: v.boolean(),
});

// --- Documents shared in a trajectory (issue 17): names and dates only ---
export const DocumentParams = v.object({ region: v.string(), id: Id, documentId: Id });
export const DocumentBody = v.object({
  name: v.pipe(
    v.string("Enter the document's name."),
    v.trim(),
    v.minLength(1, "Enter the document's name."),
    v.maxLength(200, "Keep the name under 200 characters."),
    singleLineText(),
  ),
  date: v.pipe(v.string("Enter the document's date."), v.check(isCalendarDate, "Use a date as YYYY-MM-DD.")),
});
export const DocumentDto = v.object({
  id: v.string(),
  name: v.string(),
  date: v.string(),
  sharedAt: v.string(),
  sharedBy: v.object({ id: v.string(), name: v.string() }),
});
export const DocumentListAnswer = v.object({ documents: v.array(DocumentDto) });
export const DocumentAnswer = v.object({ document: DocumentDto });
