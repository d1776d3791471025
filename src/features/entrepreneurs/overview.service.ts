/**
 * "Mijn MKB Limburg": one overview of everything linked to the entrepreneur's verified
 * address. Every part is one statement of ONE read batch (one round trip; with the session
 * read before it, a signed-in overview costs two). A part is linked by the address or the
 * account id only, never by a name, a company or a KvK number.
 *
 * Parts still to come plug in as one more entry of {@link overviewParts} and one mapper:
 * - `referrals`: the referrals feature's rows for this address (with consent).
 * Until then it is an empty list of its documented shape.
 */
import type { InStatement, ResultSet, Row } from "@libsql/client/web";
import type * as v from "valibot";
import type { Db } from "../../db/client";
import type { Stage } from "../../db/schema";
import { isActiveStage, nextStage } from "../scouting/transitions";
import { formatOffsetIso } from "../../lib/time";
import { DEFAULT_VIDEO_TEMPLATE } from "../appointments/appointments.dto";
import { isExpired } from "../catalogue/offer-dto";
import {
  appointmentsStatement,
  bookmarksStatement,
  candidatesStatement,
  commitmentsStatement,
  documentsStatement,
  profileStatement,
  registrationsStatement,
  referralsStatement,
  sessionsStatement,
} from "./entrepreneurs.repo";
import type { BookmarkDto, MyAppointmentDto, MyReferralDto, MyRegistrationDto, MyTrajectoryDto, OverviewDto, ProfileDto } from "./entrepreneurs.schemas";

export type Overview = v.InferOutput<typeof OverviewDto>;
export type MyAppointment = v.InferOutput<typeof MyAppointmentDto>;
export type MyTrajectory = v.InferOutput<typeof MyTrajectoryDto>;
export type MyRegistration = v.InferOutput<typeof MyRegistrationDto>;
export type MyReferral = v.InferOutput<typeof MyReferralDto>;
export type Profile = v.InferOutput<typeof ProfileDto>;
export type Bookmark = v.InferOutput<typeof BookmarkDto>;

const HOUR_MS = 3_600_000;

// --- Reading result rows (libSQL gives column values as they are stored) ---

export const text = (value: unknown): string => (value === null || value === undefined ? "" : String(value));
export const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
export const num = (value: unknown): number => Number(value ?? 0);
export const iso = (value: unknown): string => formatOffsetIso(Number(value));
export const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : formatOffsetIso(Number(value)));
export const jsonList = (value: unknown): string[] => {
  try {
    const parsed: unknown = JSON.parse(text(value) || "[]");
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
};
/** The rows of a batch result, each as a record of column → value. */
export const rowsOf = (rs: ResultSet | undefined): Row[] => rs?.rows ?? [];

// --- The parts ---

/** The statements of the overview, by part. */
export function overviewParts(entrepreneurId: string, email: string) {
  return {
    profile: profileStatement(entrepreneurId),
    appointments: appointmentsStatement(email),
    candidates: candidatesStatement(email),
    commitments: commitmentsStatement(email),
    sessions: sessionsStatement(email),
    documents: documentsStatement(email),
    bookmarks: bookmarksStatement(entrepreneurId),
    registrations: registrationsStatement(email),
    referrals: referralsStatement(email),
  } satisfies Record<string, InStatement>;
}

/**
 * Runs named statements as ONE read batch and returns the results by name.
 * @example const parts = await readParts(db, { profile: profileStatement(id) });
 */
export async function readParts<K extends string>(db: Db, parts: Record<K, InStatement>): Promise<Record<K, ResultSet | undefined>> {
  const names = Object.keys(parts) as K[];
  const results = await db.client.batch(
    names.map((name) => parts[name]),
    "read",
  );
  return Object.fromEntries(names.map((name, i) => [name, results[i]])) as Record<K, ResultSet | undefined>;
}

export function toProfile(row: Row | undefined): Profile | null {
  if (!row) return null;
  return {
    companyName: text(row.company_name),
    kvkNumber: textOrNull(row.kvk_number),
    legalForm: textOrNull(row.legal_form) as Profile["legalForm"],
    sector: textOrNull(row.sector) as Profile["sector"],
    sizeClass: textOrNull(row.size_class) as Profile["sizeClass"],
    municipality: textOrNull(row.municipality),
    website: textOrNull(row.website),
    description: textOrNull(row.description),
    ambition: textOrNull(row.ambition),
    visibleToPeers: num(row.visible_to_peers) === 1,
    updatedAt: iso(row.updated_at),
  };
}

/** An appointment as its owner sees it, with what may still be done online (until the desk's cut-off). */
export function toMyAppointment(row: Row, now: number): MyAppointment {
  const id = text(row.id);
  const start = num(row.start_at);
  const end = num(row.end_at);
  const status = text(row.status) as MyAppointment["status"];
  const mode = text(row.mode) as MyAppointment["mode"];
  const cutoff = start - num(row.cancel_cutoff_hours) * HOUR_MS;
  const canChange = status === "confirmed" && now < cutoff;
  const regionSlug = text(row.region_slug);
  const deskId = text(row.frontdesk_id);
  return {
    id,
    region: { slug: regionSlug, name: text(row.region_name) },
    status,
    frontdesk: {
      id: deskId,
      name: text(row.desk_name),
      address: text(row.desk_address),
      municipality: text(row.desk_municipality),
      phone: textOrNull(row.desk_phone),
      email: textOrNull(row.desk_email),
    },
    start: formatOffsetIso(start),
    end: formatOffsetIso(end),
    mode,
    topic: text(row.topic) as MyAppointment["topic"],
    ...(mode === "video" ? { videoUrl: (textOrNull(row.video_url_template) ?? DEFAULT_VIDEO_TEMPLATE).replaceAll("{id}", id) } : {}),
    question: textOrNull(row.question),
    upcoming: status === "confirmed" && end > now,
    canChange,
    changeDeadline: formatOffsetIso(cutoff),
    actions: canChange
      ? {
          cancel: `/api/v1/me/appointments/${id}/cancel`,
          reschedule: `/api/v1/me/appointments/${id}/reschedule`,
          slots: `/api/v1/regions/${regionSlug}/frontdesks/${deskId}/slots`,
        }
      : {},
  };
}

/** The candidate whose trajectory the overview shows: an active one first, then the latest. */
export function pickCandidate(candidates: Row[]): Row | undefined {
  const score = (c: Row) => [isActiveStage(text(c.stage) as Stage) ? 1 : 0, num(c.updated_at)] as const;
  return [...candidates].sort((a, b) => {
    const [aa, at] = score(a);
    const [ba, bt] = score(b);
    return ba - aa || bt - at;
  })[0];
}

/** The trajectory as the entrepreneur sees it: no consultant's working notes. */
export function toMyTrajectory(candidate: Row, parts: { commitments: Row[]; sessions: Row[]; documents: Row[] }): MyTrajectory {
  const id = text(candidate.id);
  const stage = text(candidate.stage) as Stage;
  const active = isActiveStage(stage);
  const mine = (r: Row) => text(r.candidate_id) === id;
  const stopped = textOrNull(candidate.stop_reason);
  return {
    region: { slug: text(candidate.region_slug), name: text(candidate.region_name) },
    company: { name: text(candidate.company_name), kvkNumber: text(candidate.kvk_number) },
    stage,
    active,
    registeredAt: iso(candidate.created_at),
    consultant: candidate.consultant_user_id ? { name: text(candidate.consultant_name) } : null,
    commitments: parts.commitments.filter(mine).map((m) => ({
      point: text(m.point) as MyTrajectory["commitments"][number]["point"],
      agreedAt: iso(m.agreed_at),
      entrepreneurCommitment: text(m.entrepreneur_commitment),
      consultantCommitment: text(m.consultant_commitment),
      consultant: { name: text(m.consultant_name) },
    })),
    sessions: parts.sessions.filter(mine).map((s) => ({
      date: text(s.date),
      durationMinutes: num(s.duration_minutes),
      attendance: text(s.attendance) as MyTrajectory["sessions"][number]["attendance"],
      consultant: s.consultant_user_id ? { name: text(s.consultant_name) } : null,
      experts: jsonList(s.experts),
      voucherApplied: num(s.voucher_applied) === 1,
    })),
    nextStep: { stage: active ? nextStage(stage) : null, decisionRequired: active && num(candidate.decision_required) === 1 },
    documents: parts.documents.filter(mine).map((d) => ({ id: text(d.id), name: text(d.name), date: text(d.date), sharedAt: iso(d.created_at) })),
    stop:
      stopped && candidate.stopped_at !== null
        ? { reason: stopped, referral: { kind: text(candidate.referral_kind), name: text(candidate.referral_name) }, at: iso(candidate.stopped_at) }
        : null,
  };
}

/** A pair list stored by json_group_array(json_array(a, b)). */
const pairs = (value: unknown): [number, number][] => {
  try {
    const parsed: unknown = JSON.parse(text(value) || "[]");
    return Array.isArray(parsed) ? parsed.filter(Array.isArray).map((p) => [Number(p[0]), Number(p[1])] as [number, number]) : [];
  } catch {
    return [];
  }
};

/** An event registration with its event and sessions. */
export function toMyRegistration(row: Row): MyRegistration {
  return {
    id: text(row.id),
    event: { slug: text(row.event_slug), title: text(row.event_title) },
    status: text(row.status) as MyRegistration["status"],
    sessions: pairs(row.sessions).map(([start, end]) => ({ start: formatOffsetIso(start), end: formatOffsetIso(end) })),
  };
}

/** Sessions (by index) the organiser marked as attended. */
export function attendedSessions(row: Row): number[] {
  return pairs(row.attendance)
    .filter(([, attended]) => attended === 1)
    .map(([idx]) => idx)
    .sort((a, b) => a - b);
}

export function toBookmark(row: Row, now: number): Bookmark {
  const deadline = textOrNull(row.deadline);
  return {
    slug: text(row.slug),
    title: text(row.title),
    summary: text(row.summary),
    kind: text(row.kind) as Bookmark["kind"],
    organisation: { slug: text(row.org_slug), name: text(row.org_name) },
    deadline,
    available: text(row.status) === "published" && !isExpired(deadline, now),
    bookmarkedAt: iso(row.bookmarked_at),
  };
}

/** A referral made for the entrepreneur: where to and what became of it. */
export function toMyReferral(row: Row): MyReferral {
  return {
    id: text(row.id),
    organisation: { slug: text(row.org_slug), name: text(row.org_name) },
    offer: row.offer_slug ? { slug: text(row.offer_slug), title: text(row.offer_title) } : null,
    topic: text(row.topic) as MyReferral["topic"],
    status: text(row.status) as MyReferral["status"],
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/**
 * The overview of a signed-in entrepreneur (one read batch).
 * @example const overview = await getOverview(db, { id, email, createdAt }, now);
 */
export async function getOverview(db: Db, me: { id: string; email: string }, now: number): Promise<Overview> {
  const parts = await readParts(db, {
    ...overviewParts(me.id, me.email),
    account: { sql: "select created_at from entrepreneurs where id = ?", args: [me.id] },
  });
  const candidate = pickCandidate(rowsOf(parts.candidates));
  const referrals: MyReferral[] = rowsOf(parts.referrals).map(toMyReferral);
  return {
    entrepreneur: { id: me.id, email: me.email, createdAt: iso(rowsOf(parts.account)[0]?.created_at ?? now) },
    profile: toProfile(rowsOf(parts.profile)[0]),
    appointments: rowsOf(parts.appointments).map((r) => toMyAppointment(r, now)),
    registrations: rowsOf(parts.registrations).map(toMyRegistration),
    referrals,
    bookmarks: rowsOf(parts.bookmarks).map((r) => toBookmark(r, now)),
    ...(candidate
      ? {
          trajectory: toMyTrajectory(candidate, {
            commitments: rowsOf(parts.commitments),
            sessions: rowsOf(parts.sessions),
            documents: rowsOf(parts.documents),
          }),
        }
      : {}),
  };
}
