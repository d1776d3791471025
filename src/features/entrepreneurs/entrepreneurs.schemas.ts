/**
 * Request and answer schemas of the entrepreneur accounts (issue 17, api.md "Entrepreneurs").
 * The answer schemas are the documentation of what `/me` returns: keep them exact.
 */
import * as v from "valibot";
import { APPOINTMENT_STATUSES, ATTENDANCE, COMMITMENT_POINTS, FUNNEL_STAGES, LEGAL_FORMS, OFFER_KINDS, SECTORS, SIZE_CLASSES, STAGES } from "../../db/schema";
import { normaliseKvk } from "../../lib/dutch";
import { LOCALES } from "../../lib/vocabulary";
import { canonicalDutchMunicipality } from "../../lib/dutch-municipalities";
import { noControlCharacters, singleLineText } from "../../lib/text";
import { Id, Mode, Topic } from "../frontdesks/frontdesks.schemas";
import { OwnAppointmentDto } from "../appointments/appointments.schemas";
import { CommunityExportDto } from "../community/community-privacy";

const singleLine = singleLineText();

export const EmailInput = v.pipe(
  v.string("Enter your e-mail address."),
  v.trim(),
  v.maxLength(254, "The e-mail address is too long."),
  v.email("Enter a valid e-mail address, e.g. naam@bedrijf.nl."),
  v.toLowerCase(),
);

export const LoginLinkBody = v.object({
  email: EmailInput,
  locale: v.optional(v.picklist(LOCALES, "Choose nl or en.")),
});

/** Any text: a token that is not one of ours is simply not valid (checked by the service, one message for every case). */
export const LoginBody = v.object({ token: v.pipe(v.string("The sign-in link is not complete."), v.maxLength(200, "The sign-in link is not valid.")) });

/** An optional text field of a PUT: absent, null or "" all mean "not given" (stored as null). */
function optionalText(max: number, label: string, multiLine = false) {
  return v.optional(
    v.nullable(
      v.pipe(
        v.string(),
        v.trim(),
        v.maxLength(max, `${label} can be at most ${max} characters.`),
        multiLine ? noControlCharacters : singleLine,
        v.transform((s) => (s === "" ? null : s)),
      ),
    ),
    null,
  );
}

/** `www.bedrijf.nl` is taken as `https://www.bedrijf.nl`; only http(s) links are kept. */
function normaliseWebsite(input: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(input) ? input : `https://${input}`;
  try {
    const url = new URL(withScheme);
    if ((url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname.includes(".") || url.username || url.password) return null;
    return url.href;
  } catch {
    return null;
  }
}

export const ProfileBody = v.object({
  companyName: v.pipe(
    v.string("Enter the company name."),
    v.trim(),
    v.minLength(1, "Enter the company name."),
    v.maxLength(160, "The company name can be at most 160 characters."),
    singleLine,
  ),
  kvkNumber: v.optional(
    v.nullable(
      v.pipe(
        v.string(),
        v.trim(),
        v.maxLength(20, "A KvK number has 8 digits."),
        v.check((s) => s === "" || normaliseKvk(s) !== null, "A KvK number has exactly 8 digits."),
        v.transform((s) => (s === "" ? null : normaliseKvk(s))),
      ),
    ),
    null,
  ),
  legalForm: v.optional(v.nullable(v.picklist(LEGAL_FORMS, `Choose one of: ${LEGAL_FORMS.join(", ")}.`)), null),
  sector: v.optional(v.nullable(v.picklist(SECTORS, `Choose one of: ${SECTORS.join(", ")}.`)), null),
  sizeClass: v.optional(v.nullable(v.picklist(SIZE_CLASSES, `Choose one of: ${SIZE_CLASSES.join(", ")}.`)), null),
  municipality: v.optional(
    v.nullable(
      v.pipe(
        v.string(),
        v.trim(),
        v.maxLength(80, "Enter the name of a Dutch municipality."),
        v.check((s) => s === "" || canonicalDutchMunicipality(s) !== null, "Enter the name of a Dutch municipality, e.g. Maastricht or Venlo."),
        v.transform((s) => (s === "" ? null : canonicalDutchMunicipality(s))),
      ),
    ),
    null,
  ),
  website: v.optional(
    v.nullable(
      v.pipe(
        v.string(),
        v.trim(),
        v.maxLength(300, "The website address is too long."),
        v.check((s) => s === "" || normaliseWebsite(s) !== null, "Enter a website address, e.g. https://www.bedrijf.nl."),
        v.transform((s) => (s === "" ? null : normaliseWebsite(s))),
      ),
    ),
    null,
  ),
  description: optionalText(1000, "The description", true),
  ambition: optionalText(1000, "The ambition", true),
  visibleToPeers: v.optional(
    v.pipe(v.boolean("Choose whether other entrepreneurs may see your company (true or false)."), v.description("Default false: not visible.")),
    false,
  ),
});
export type ProfileInput = v.InferOutput<typeof ProfileBody>;

export const AppointmentIdParam = v.object({ id: Id });
export const OfferSlugParam = v.object({ offerSlug: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,100}$/, "Unknown offer.")) });

// --- Answers ---

const Nullable = <S extends v.GenericSchema>(schema: S) => v.nullable(schema);

export const EntrepreneurDto = v.object({ id: v.string(), email: v.string(), createdAt: v.string() });

export const ProfileDto = v.object({
  companyName: v.string(),
  kvkNumber: Nullable(v.string()),
  legalForm: Nullable(v.picklist(LEGAL_FORMS)),
  sector: Nullable(v.picklist(SECTORS)),
  sizeClass: Nullable(v.picklist(SIZE_CLASSES)),
  municipality: Nullable(v.string()),
  website: Nullable(v.string()),
  description: Nullable(v.string()),
  ambition: Nullable(v.string()),
  visibleToPeers: v.boolean(),
  updatedAt: v.string(),
});

export const MyAppointmentDto = v.object({
  id: v.string(),
  region: v.object({ slug: v.string(), name: v.string() }),
  status: v.picklist(APPOINTMENT_STATUSES),
  frontdesk: v.object({
    id: v.string(),
    name: v.string(),
    address: v.string(),
    municipality: v.string(),
    phone: Nullable(v.string()),
    email: Nullable(v.string()),
  }),
  start: v.string(),
  end: v.string(),
  mode: Mode,
  topic: Topic,
  videoUrl: v.optional(v.string()),
  question: Nullable(v.string()),
  upcoming: v.boolean(),
  canChange: v.boolean(),
  changeDeadline: v.string(),
  actions: v.pipe(
    v.object({ cancel: v.optional(v.string()), reschedule: v.optional(v.string()), slots: v.optional(v.string()) }),
    v.description("API paths for what may still be done online (until the desk's cut-off): POST cancel, POST reschedule { start }, GET slots."),
  ),
});

/** Event registrations with the verified address, in every region (see overview.service.ts). */
export const MyRegistrationDto = v.object({
  id: v.string(),
  event: v.object({ slug: v.string(), title: v.string() }),
  status: v.picklist(["confirmed", "waitlisted", "cancelled"]),
  sessions: v.array(v.object({ start: v.string(), end: v.string() })),
});

export const REFERRAL_STATUSES = ["sent", "received", "contacted", "helped", "not_suitable", "no_contact", "withdrawn"] as const;
/** Referrals made for the entrepreneur (the referrals feature fills these; see overview.service.ts). */
export const MyReferralDto = v.object({
  id: v.string(),
  organisation: v.object({ slug: v.string(), name: v.string() }),
  offer: Nullable(v.object({ slug: v.string(), title: v.string() })),
  topic: Topic,
  status: v.picklist(REFERRAL_STATUSES),
  createdAt: v.string(),
  updatedAt: v.string(),
});

export const SharedDocumentDto = v.object({ id: v.string(), name: v.string(), date: v.string(), sharedAt: v.string() });

export const MyTrajectoryDto = v.object({
  region: v.object({ slug: v.string(), name: v.string() }),
  company: v.object({ name: v.string(), kvkNumber: v.string() }),
  stage: v.picklist(STAGES),
  active: v.boolean(),
  registeredAt: v.string(),
  consultant: Nullable(v.object({ name: v.string() })),
  commitments: v.array(
    v.object({
      point: v.picklist(COMMITMENT_POINTS),
      agreedAt: v.string(),
      entrepreneurCommitment: v.string(),
      consultantCommitment: v.string(),
      consultant: v.object({ name: v.string() }),
    }),
  ),
  sessions: v.array(
    v.object({
      date: v.string(),
      durationMinutes: v.number(),
      attendance: v.picklist(ATTENDANCE),
      consultant: Nullable(v.object({ name: v.string() })),
      experts: v.array(v.string()),
      voucherApplied: v.boolean(),
    }),
  ),
  nextStep: v.object({
    stage: v.pipe(Nullable(v.picklist(FUNNEL_STAGES)), v.description("The stage the trajectory works towards; null once it ended.")),
    decisionRequired: v.pipe(v.boolean(), v.description("A go/no-go decision with the consultant comes first (the no-show rule).")),
  }),
  documents: v.array(SharedDocumentDto),
  stop: Nullable(v.object({ reason: v.string(), referral: v.object({ kind: v.string(), name: v.string() }), at: v.string() })),
});

export const BookmarkDto = v.object({
  slug: v.string(),
  title: v.string(),
  summary: v.string(),
  kind: v.picklist(OFFER_KINDS),
  organisation: v.object({ slug: v.string(), name: v.string() }),
  deadline: Nullable(v.string()),
  available: v.pipe(v.boolean(), v.description("False once the offer is no longer published or its deadline passed.")),
  bookmarkedAt: v.string(),
});

export const OverviewDto = v.object({
  entrepreneur: EntrepreneurDto,
  profile: Nullable(ProfileDto),
  appointments: v.array(MyAppointmentDto),
  registrations: v.array(MyRegistrationDto),
  referrals: v.array(MyReferralDto),
  bookmarks: v.array(BookmarkDto),
  trajectory: v.optional(MyTrajectoryDto),
});

const Detail = v.record(v.string(), v.unknown());

/** The data export (`GET /me/export`): everything held about the entrepreneur (see export.service.ts). */
export const ExportDto = v.object({
  exportedAt: v.string(),
  about: v.string(),
  account: v.object({ id: v.string(), email: v.string(), createdAt: v.string(), lastLoginAt: v.string() }),
  profile: Nullable(ProfileDto),
  sessions: v.array(v.object({ createdAt: v.string(), lastSeenAt: v.string(), current: v.boolean() })),
  signInLinks: v.array(v.object({ createdAt: v.string(), expiresAt: v.string(), usedAt: Nullable(v.string()) })),
  bookmarks: v.array(BookmarkDto),
  appointments: v.array(
    v.object({
      ...MyAppointmentDto.entries,
      contact: v.object({
        name: Nullable(v.string()),
        email: Nullable(v.string()),
        phone: Nullable(v.string()),
        companyName: Nullable(v.string()),
        kvkNumber: Nullable(v.string()),
        /** Where the company is, as given when booking (kept, without the rest, for the figures). */
        municipality: Nullable(v.string()),
      }),
      locale: v.string(),
      bookedAt: v.string(),
      cancelledAt: Nullable(v.string()),
      outcomeAt: Nullable(v.string()),
    }),
  ),
  messages: v.array(
    v.pipe(
      v.object({
        kind: v.string(),
        subject: v.string(),
        status: v.string(),
        region: Nullable(v.string()),
        createdAt: v.string(),
        sentAt: Nullable(v.string()),
      }),
      v.description("E-mails to the address; their texts are left out (they may hold one-time links)."),
    ),
  ),
  supportProcess: v.array(
    v.object({
      region: v.object({ slug: v.string(), name: v.string() }),
      source: v.string(),
      company: v.object({ name: v.string(), kvkNumber: v.string() }),
      contact: v.object({ name: Nullable(v.string()), email: Nullable(v.string()), phone: Nullable(v.string()) }),
      municipality: v.string(),
      topic: v.string(),
      ambition: Nullable(v.string()),
      stage: v.string(),
      consultant: Nullable(v.object({ name: v.string() })),
      registeredAt: v.string(),
      consentAt: v.string(),
      stop: Nullable(v.object({ reason: v.string(), referral: v.object({ kind: v.string(), name: v.string() }), at: v.string() })),
      stageChanges: v.array(
        v.object({
          from: Nullable(v.string()),
          to: v.string(),
          decision: Nullable(v.string()),
          stopReason: Nullable(v.string()),
          note: Nullable(v.string()),
          at: v.string(),
        }),
      ),
      commitments: v.array(
        v.object({
          point: v.string(),
          stage: v.string(),
          entrepreneurName: v.string(),
          entrepreneurCommitment: v.string(),
          consultantCommitment: v.string(),
          consultant: v.object({ name: v.string() }),
          agreedAt: v.string(),
        }),
      ),
      sessions: v.array(
        v.object({
          date: v.string(),
          durationMinutes: v.number(),
          attendance: v.string(),
          note: Nullable(v.string()),
          experts: v.array(v.string()),
          voucherApplied: v.boolean(),
          consultant: Nullable(v.object({ name: v.string() })),
        }),
      ),
      documents: v.array(v.object({ name: v.string(), date: v.string(), sharedAt: v.string() })),
    }),
  ),
  registrations: v.array(
    v.object({
      ...MyRegistrationDto.entries,
      region: v.object({ slug: v.string(), name: v.string() }),
      contact: v.object({ name: Nullable(v.string()), companyName: Nullable(v.string()), kvkNumber: Nullable(v.string()) }),
      locale: v.string(),
      followUpConsent: v.boolean(),
      registeredAt: v.string(),
      cancelledAt: Nullable(v.string()),
      attendedSessions: v.pipe(v.array(v.number()), v.description("Indexes of the sessions the organiser marked as attended.")),
      feedback: Nullable(v.object({ rating: v.number(), comment: Nullable(v.string()) })),
    }),
  ),
  referrals: v.array(MyReferralDto),
  // Knowledge square (issue 18): questions asked, answers written, contact requests sent and received, peer topics.
  ...CommunityExportDto.entries,
  auditEntries: v.array(
    v.object({ action: v.string(), target: v.object({ type: v.string(), id: v.string() }), region: Nullable(v.string()), at: v.string(), detail: Detail }),
  ),
});

export const LoginLinkAnswer = v.object({ sent: v.literal(true) });
export const LoginAnswer = v.object({ entrepreneur: v.object({ id: v.string(), email: v.string() }) });
export const ProfileAnswer = v.object({ profile: ProfileDto });
export const DeletionAnswer = v.object({
  deleted: v.literal(true),
  erased: v.object({
    appointments: v.number(),
    cancelledAppointments: v.number(),
    messagesWithdrawn: v.number(),
    supportProcessCandidates: v.number(),
    eventRegistrations: v.number(),
  }),
});
export const MyOwnAppointmentAnswer = v.object({ appointment: OwnAppointmentDto });
export const BookmarkListAnswer = v.object({ bookmarks: v.array(BookmarkDto) });
export const BookmarkedAnswer = v.object({ bookmarked: v.literal(true) });
/** Staff: an appointment of the region (`/regions/:region/admin/appointments/:id/entrepreneur-profile`). */
export const AppointmentProfileParams = v.object({ region: v.string(), id: Id });
