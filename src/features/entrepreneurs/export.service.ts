/**
 * AVG/GDPR: everything the platform holds about a signed-in entrepreneur, as JSON, read in ONE
 * batch. {@link EXPORT_COVERAGE} says for every table of the schema where its rows about the
 * entrepreneur appear in the export, or why the table holds nothing about them; a test fails
 * when a table is added to the schema without being placed here.
 */
import type { Row } from "@libsql/client/web";
import { communityExportStatements, toCommunityExport } from "../community/community-privacy";
import type * as v from "valibot";
import type { Db } from "../../db/client";
import type { EntrepreneurActor } from "../../lib/context";
import {
  accountStatement,
  auditStatementAbout,
  loginTokensStatement,
  messagesStatement,
  sessionsOfStatement,
  stageChangesStatement,
} from "./entrepreneurs.repo";
import type { ExportDto } from "./entrepreneurs.schemas";
import {
  attendedSessions,
  iso,
  isoOrNull,
  jsonList,
  num,
  overviewParts,
  readParts,
  rowsOf,
  text,
  textOrNull,
  toBookmark,
  toMyAppointment,
  toMyRegistration,
  toMyReferral,
  toProfile,
} from "./overview.service";

export type Coverage = { exportedAs: string } | { notAbout: string };

/**
 * Every table of the schema: where the export shows its rows about the entrepreneur, or why it
 * has none. A new table must be added here (the export test enumerates the schema).
 */
export const EXPORT_COVERAGE: Record<string, Coverage> = {
  entrepreneurs: { exportedAs: "account" },
  entrepreneur_profiles: { exportedAs: "profile" },
  entrepreneur_sessions: { exportedAs: "sessions" },
  entrepreneur_login_tokens: { exportedAs: "signInLinks" },
  entrepreneur_bookmarks: { exportedAs: "bookmarks" },
  appointments: { exportedAs: "appointments" },
  outbox: { exportedAs: "messages" },
  audit_log: { exportedAs: "auditEntries" },
  scouting_candidates: { exportedAs: "supportProcess" },
  scouting_stage_changes: { exportedAs: "supportProcess.stageChanges" },
  scouting_commitments: { exportedAs: "supportProcess.commitments" },
  scouting_sessions: { exportedAs: "supportProcess.sessions" },
  scouting_documents: { exportedAs: "supportProcess.documents" },
  idempotency_keys: {
    notAbout: "Stored booking answers, encrypted with the key only the booking client holds (we cannot read them); removed after a day.",
  },
  rate_limits: { notAbout: "Counters per hour keyed on a hash of an address, without the address; removed after a day." },
  regions: { notAbout: "The regions (tenants)." },
  municipalities: { notAbout: "The municipalities the regions serve." },
  frontdesks: { notAbout: "The frontdesks and their public contact details." },
  opening_hours: { notAbout: "Opening hours of the frontdesks." },
  closures: { notAbout: "Closing days of the frontdesks." },
  holiday_openings: { notAbout: "Public holidays on which a frontdesk opens." },
  users: { notAbout: "Staff and partner accounts; an entrepreneur account is never one." },
  user_frontdesks: { notAbout: "Which staff work at which frontdesk." },
  sessions: { notAbout: "Staff sessions." },
  account_tokens: { notAbout: "Staff invitations and password resets." },
  api_keys: { notAbout: "API keys of organisations and regions (issue 20): names, scopes and use, no entrepreneur." },
  api_key_secrets: { notAbout: "Hashes of those API keys' secrets." },
  webhooks: { notAbout: "Webhook subscriptions of organisations and regions (issue 20): an endpoint URL and its owner's address." },
  webhook_deliveries: {
    notAbout: "Webhook messages and their delivery log: ids, times and facts, never a name, address, company or question of an entrepreneur.",
  },
  user_regions: { notAbout: "Which staff are members of which regions, with their role (issue 19)." },
  consultant_capacity: { notAbout: "Hours (FTE) of the Support Process consultants." },
  programme_targets: { notAbout: "The programme's targets per period." },
  programme_target_shares: { notAbout: "Each region's share of the programme's targets." },
  scouting_settings: { notAbout: "A region's Support Process settings." },
  organisations: { notAbout: "Support providers of the catalogue." },
  organisation_frontdesks: { notAbout: "Which organisation runs which frontdesk." },
  offers: { notAbout: "The catalogue's offers (an entrepreneur's bookmarks of them are exported)." },
  search_terms: { notAbout: "Words of the offers, for typo-tolerant search." },
  insight_searches: { notAbout: "Anonymous per-day search counts: no user, address or cookie." },
  report_month_counts: { notAbout: "Appointment counts per region, month, status, mode and topic (report rollups): no person, address or appointment id." },
  report_month_leads: { notAbout: "Counts of appointments per region, month and booking lead time in hours (report rollups): no person or appointment id." },
  report_month_lead_days: { notAbout: "Counts of appointments per region, month and booking lead time in days (report rollups): no person or appointment id." },
  insight_offer_views: { notAbout: "Anonymous per-day page-view counts." },
  insight_desk_clicks: { notAbout: "Anonymous per-day click counts." },
  events: { notAbout: "The published events (masterclasses, workshops); a registration for one is exported." },
  event_sessions: { notAbout: "The sessions of an event (exported with each registration)." },
  event_registrations: { exportedAs: "registrations" },
  event_attendance: { exportedAs: "registrations.attendedSessions" },
  referrals: { exportedAs: "referrals" },
  referral_status_changes: { notAbout: "The organisation's answers to a referral (their statuses are in referrals; notes are the organisation's own)." },
  // Knowledge square and community (issue 18).
  questions: { exportedAs: "questions" },
  answers: { exportedAs: "answers" },
  answer_marks: { notAbout: "Which account marked an answer useful (a count on the answer); removed with the account." },
  community_reports: { notAbout: "Reports of posts to the moderators, with the reporter's account key only; no address." },
  community_blocks: { notAbout: "Accounts a moderator blocked from posting, by account key only." },
  stories: { notAbout: "Best-practice stories a region published with the entrepreneur's written consent (company name, no account link)." },
  peer_topics: { exportedAs: "peerTopics" },
  peer_contacts: { exportedAs: "contactRequests" },
  peer_blocks: { notAbout: "Which account blocked which (account ids only); removed with the account." },
  event_messages: {
    notAbout: "What an organiser wrote to all participants of an event, once; the mail each participant received is in messages.",
  },
};

export type DataExport = v.InferOutput<typeof ExportDto>;

function detailOf(value: unknown): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text(value) || "{}");
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const consultantOf = (row: Row) => (row.consultant_user_id ? { name: text(row.consultant_name) } : null);

/**
 * Everything held about the entrepreneur, in one read batch.
 * @example const data = await exportMyData(db, me, now);
 */
export async function exportMyData(db: Db, me: EntrepreneurActor, now: number): Promise<DataExport> {
  const parts = await readParts(db, {
    ...overviewParts(me.id, me.email),
    account: accountStatement(me.id),
    sessionsOf: sessionsOfStatement(me.id, me.sessionIdHash),
    signInLinks: loginTokensStatement(me.email),
    messages: messagesStatement(me.email),
    stageChanges: stageChangesStatement(me.email),
    audit: auditStatementAbout(me.id, me.email),
    ...communityExportStatements(me.id),
  });
  const account = rowsOf(parts.account)[0];
  const byCandidate = (rows: Row[], id: string) => rows.filter((r) => text(r.candidate_id) === id);
  return {
    exportedAt: iso(now),
    about:
      "Everything MKB Limburg holds about this account and its e-mail address. Appointments and Support Process data are held by the region that handles them; bookmarks and the profile by the platform.",
    account: {
      id: me.id,
      email: me.email,
      createdAt: iso(account?.created_at ?? now),
      lastLoginAt: iso(account?.last_login_at ?? now),
    },
    profile: toProfile(rowsOf(parts.profile)[0]),
    sessions: rowsOf(parts.sessionsOf).map((s) => ({ createdAt: iso(s.created_at), lastSeenAt: iso(s.last_seen_at), current: num(s.current) === 1 })),
    signInLinks: rowsOf(parts.signInLinks).map((t) => ({ createdAt: iso(t.created_at), expiresAt: iso(t.expires_at), usedAt: isoOrNull(t.used_at) })),
    bookmarks: rowsOf(parts.bookmarks).map((r) => toBookmark(r, now)),
    appointments: rowsOf(parts.appointments).map((r) => ({
      ...toMyAppointment(r, now),
      contact: {
        name: textOrNull(r.name),
        email: textOrNull(r.email),
        phone: textOrNull(r.phone),
        companyName: textOrNull(r.company_name),
        kvkNumber: textOrNull(r.kvk_number),
        municipality: textOrNull(r.entrepreneur_municipality),
      },
      locale: text(r.locale),
      bookedAt: iso(r.created_at),
      cancelledAt: isoOrNull(r.cancelled_at),
      outcomeAt: isoOrNull(r.outcome_at),
    })),
    messages: rowsOf(parts.messages).map((m) => ({
      kind: text(m.kind),
      subject: text(m.subject),
      status: text(m.status),
      region: textOrNull(m.region_slug),
      createdAt: iso(m.created_at),
      sentAt: isoOrNull(m.sent_at),
    })),
    supportProcess: rowsOf(parts.candidates).map((c) => {
      const id = text(c.id);
      return {
        region: { slug: text(c.region_slug), name: text(c.region_name) },
        source: text(c.source),
        company: { name: text(c.company_name), kvkNumber: text(c.kvk_number) },
        contact: { name: textOrNull(c.contact_name), email: textOrNull(c.email), phone: textOrNull(c.phone) },
        municipality: text(c.municipality),
        topic: text(c.topic),
        ambition: textOrNull(c.ambition),
        stage: text(c.stage),
        consultant: consultantOf(c),
        registeredAt: iso(c.created_at),
        consentAt: iso(c.consent_at),
        stop:
          c.stop_reason !== null && c.stopped_at !== null
            ? { reason: text(c.stop_reason), referral: { kind: text(c.referral_kind), name: text(c.referral_name) }, at: iso(c.stopped_at) }
            : null,
        stageChanges: byCandidate(rowsOf(parts.stageChanges), id).map((h) => ({
          from: textOrNull(h.from_stage),
          to: text(h.to_stage),
          decision: textOrNull(h.decision),
          stopReason: textOrNull(h.stop_reason),
          note: textOrNull(h.note),
          at: iso(h.changed_at),
        })),
        commitments: byCandidate(rowsOf(parts.commitments), id).map((m) => ({
          point: text(m.point),
          stage: text(m.stage),
          entrepreneurName: text(m.entrepreneur_name),
          entrepreneurCommitment: text(m.entrepreneur_commitment),
          consultantCommitment: text(m.consultant_commitment),
          consultant: { name: text(m.consultant_name) },
          agreedAt: iso(m.agreed_at),
        })),
        sessions: byCandidate(rowsOf(parts.sessions), id).map((s) => ({
          date: text(s.date),
          durationMinutes: num(s.duration_minutes),
          attendance: text(s.attendance),
          note: textOrNull(s.note),
          experts: jsonList(s.experts),
          voucherApplied: num(s.voucher_applied) === 1,
          consultant: consultantOf(s),
        })),
        documents: byCandidate(rowsOf(parts.documents), id).map((d) => ({ name: text(d.name), date: text(d.date), sharedAt: iso(d.created_at) })),
      };
    }),
    registrations: rowsOf(parts.registrations).map((r) => ({
      ...toMyRegistration(r),
      region: { slug: text(r.region_slug), name: text(r.region_name) },
      contact: { name: textOrNull(r.name), companyName: textOrNull(r.company_name), kvkNumber: textOrNull(r.kvk_number) },
      locale: text(r.locale),
      followUpConsent: num(r.follow_up_consent) === 1,
      registeredAt: iso(r.created_at),
      cancelledAt: isoOrNull(r.cancelled_at),
      attendedSessions: attendedSessions(r),
      feedback: r.feedback_rating === null ? null : { rating: num(r.feedback_rating), comment: textOrNull(r.feedback_comment) },
    })),
    referrals: rowsOf(parts.referrals).map(toMyReferral),
    ...toCommunityExport(parts),
    auditEntries: rowsOf(parts.audit).map((a) => ({
      action: text(a.action),
      target: { type: text(a.target_type), id: text(a.target_id) },
      region: textOrNull(a.region_slug),
      at: iso(a.created_at),
      detail: detailOf(a.detail),
    })),
  };
}
