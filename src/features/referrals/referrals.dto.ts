/** Referral rows (as the repo reads them) to the answers of the referring region and of the receiving organisation. */
import type { Row } from "@libsql/client/web";
import type * as v from "valibot";
import type { ReferralStatus } from "../../db/schema";
import type { Topic } from "../../lib/vocabulary";
import { formatOffsetIso } from "../../lib/time";
import { isOverdue } from "./referral-rules";
import type { InboxReferralDto, ReferralDto } from "./referrals.schemas";

export type Referral = v.InferOutput<typeof ReferralDto>;
export type InboxReferral = v.InferOutput<typeof InboxReferralDto>;

const str = (x: unknown): string => (x === null || x === undefined ? "" : String(x));
const strOrNull = (x: unknown): string | null => (x === null || x === undefined ? null : String(x));
const isoOrNull = (x: unknown): string | null => (x === null || x === undefined ? null : formatOffsetIso(Number(x)));

function history(row: Row): Referral["history"] {
  try {
    const parsed = JSON.parse(str(row.history) || "[]") as Array<{ status: ReferralStatus; note: string | null; at: number }>;
    return parsed.map((h) => ({ status: h.status, note: h.note ?? null, at: formatOffsetIso(Number(h.at)) }));
  } catch {
    return [];
  }
}

function shared(row: Row, now: number) {
  const status = str(row.status) as ReferralStatus;
  const receivedAt = row.received_at === null || row.received_at === undefined ? null : Number(row.received_at);
  return {
    id: str(row.id),
    status,
    organisation: str(row.org_slug),
    organisationName: str(row.org_name),
    offerId: strOrNull(row.offer_id),
    offer: row.offer_slug ? { slug: str(row.offer_slug), title: str(row.offer_title) } : null,
    topic: str(row.topic) as Topic,
    consentToShare: Number(row.consent_to_share) === 1,
    fromRegion: { slug: str(row.from_slug), name: str(row.from_name) },
    toRegion: { slug: str(row.to_slug), name: str(row.to_name) },
    createdAt: formatOffsetIso(Number(row.created_at)),
    dueAt: formatOffsetIso(Number(row.due_at)),
    overdue: isOverdue({ status, dueAt: Number(row.due_at), receivedAt }, now),
    receivedAt: isoOrNull(row.received_at),
    contactedAt: isoOrNull(row.contacted_at),
    closedAt: isoOrNull(row.closed_at),
    withdrawnAt: isoOrNull(row.withdrawn_at),
    statusNote: strOrNull(row.status_note),
    history: history(row),
  };
}

function contact(row: Row) {
  return {
    name: strOrNull(row.name),
    email: strOrNull(row.email),
    phone: strOrNull(row.phone),
    companyName: strOrNull(row.company_name),
    kvkNumber: strOrNull(row.kvk_number),
  };
}

/** As the referring region sees it (all it recorded). */
export function toReferral(row: Row, now: number): Referral {
  return {
    ...shared(row, now),
    note: strOrNull(row.note),
    question: strOrNull(row.question),
    entrepreneur: contact(row),
    appointmentId: strOrNull(row.appointment_id),
    candidateId: strOrNull(row.candidate_id),
    frontdesk: row.frontdesk_id && row.desk_name ? { id: str(row.frontdesk_id), name: str(row.desk_name) } : null,
    referredBy: row.referrer_name ? { name: str(row.referrer_name) } : null,
  };
}

/**
 * As the receiving organisation sees it: the contact details only with consent; after the
 * entrepreneur withdrew consent, only that it was withdrawn (no question, note or status note either).
 */
export function toInboxReferral(row: Row, now: number): InboxReferral {
  const base = shared(row, now);
  const withdrawn = base.status === "withdrawn";
  return {
    ...base,
    statusNote: withdrawn ? null : base.statusNote,
    history: withdrawn ? base.history.map((h) => ({ ...h, note: null })) : base.history,
    note: withdrawn ? null : strOrNull(row.note),
    question: withdrawn ? null : strOrNull(row.question),
    entrepreneur: !withdrawn && Number(row.consent_to_share) === 1 ? contact(row) : null,
    referredBy: withdrawn ? null : { name: str(row.referrer_name), frontdesk: strOrNull(row.desk_name) },
  };
}

/** A referral another region made to an organisation of this region, as this region's admin sees it (the organisation's view of the person). */
export function toReceivedReferral(row: Row, now: number): Referral {
  const inbox = toInboxReferral(row, now);
  return {
    ...toReferral(row, now),
    entrepreneur: inbox.entrepreneur,
    note: inbox.note,
    question: inbox.question,
    statusNote: inbox.statusNote,
    history: inbox.history,
  };
}
