/**
 * AVG/GDPR: the retention job and erasure on request.
 *
 * Anonymising an appointment nulls its personal fields (name, e-mail, phone, company name,
 * KvK number, question, outcome note) and sets `anonymised_at`; status, mode, topic,
 * municipality, frontdesk and times stay, so reports keep counting. The entrepreneur's own
 * municipality (`entrepreneur_municipality`) stays too: without name, company, KvK number and
 * contact details it is a figure like the desk's municipality (and like the municipality a
 * Support Process candidate keeps after erasure); while the appointment is theirs it is in
 * the manage link's view and the entrepreneur's export.
 *
 * Erasure (`POST /regions/:region/admin/erasure { email }`): past appointments with that
 * address are anonymised; future confirmed ones are cancelled (without a notification:
 * there is no address left to send it to) and anonymised; pending e-mails to that address
 * are withdrawn and the bodies of all stored e-mails to it are cleared; documents listed in
 * their Support Process trajectories are removed; Support Process candidates with the
 * address lose their contact data, company name and KvK number (for a one-person business
 * these identify the person) and the free text of their trajectory.
 * The audit entry holds the counts and a keyed hash (HMAC, `src/lib/keyed-hash.ts`) of the
 * address, never the address itself nor a plain hash that anyone could test guesses against.
 */
import type { InStatement } from "@libsql/client/web";
import type { Db } from "../../db/client";
import type { RegionScope } from "../../db/scope";
import { writeBatch } from "../../db/write";
import { eraseCandidateStatements } from "../scouting/scouting.repo";
import { eraseDocumentStatements } from "../scouting/scouting-documents.repo";
import type { Actor } from "../../lib/context";
import type { Config } from "../../env";
import { keyedHash } from "../../lib/keyed-hash";
import { auditStatement } from "../audit/audit.repo";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "../auth/auth.service";
import { expiredEntrepreneurSessionStatements } from "../entrepreneurs/entrepreneur-session";
import { deleteOldRateLimitsStatement } from "../../lib/rate-limit";
import { eraseRegistrationStatements } from "../events/events.privacy";
import { eraseReferralStatements } from "../referrals/referrals.jobs";

const PERSONAL_NULLS = "name = null, email = null, phone = null, company_name = null, kvk_number = null, question = null, outcome_note = null";
export const RETENTION_BATCH = 200;

export interface ErasureResult {
  appointments: number;
  cancelled: number;
  messagesWithdrawn: number;
  /** Support Process candidates whose contact data was erased. */
  candidates: number;
  /** Event registrations whose personal data was erased (live ones for events ahead cancelled first). */
  eventRegistrations: number;
}

/**
 * The statements that erase what one region stores about an address (no audit entry): the
 * region admin's erasure below, and an entrepreneur deleting their own account in every
 * region (issue 17). Results: [0] cancelled, [1] messages withdrawn, [3] appointments
 * anonymised, last: candidates erased.
 * @example await writeBatch(db, [...erasureStatements(scope, "an@brood.nl", now), audit]);
 */
export function erasureStatements(scope: RegionScope, email: string, now: number): InStatement[] {
  const address = email.trim().toLowerCase();
  const regionId = scope.region.id;
  return [
    // 1. future confirmed appointments: cancelled (frees the slot), sequence raised.
    {
      sql: "update appointments set status = 'cancelled', cancelled_at = ?, sequence = sequence + 1, updated_at = ? where region_id = ? and email = ? and status = 'confirmed' and start_at > ?",
      args: [now, now, regionId, address, now],
    },
    // 2. pending messages to the address (reminders included) are withdrawn.
    {
      sql: "update outbox set status = 'cancelled', text_body = '', html_body = '', ics_body = null where region_id = ? and recipient = ? and status = 'pending'",
      args: [regionId, address],
    },
    // 3. stored bodies of every other message to the address are cleared, the address replaced.
    {
      sql: "update outbox set text_body = '', html_body = '', ics_body = null, recipient = 'erased' where region_id = ? and recipient = ?",
      args: [regionId, address],
    },
    // 4. all appointments with the address: personal fields nulled.
    {
      sql: `update appointments set ${PERSONAL_NULLS}, anonymised_at = ?, updated_at = ? where region_id = ? and email = ?`,
      args: [now, now, regionId, address],
    },
    // 4b. referrals the region made for the address lose their personal data (referrals feature).
    ...eraseReferralStatements(regionId, address, now),
    // 5. documents shared in their trajectories (their names may name the company).
    ...eraseDocumentStatements(scope, address),
    // 6. Support Process candidates with the address lose their contact data.
    ...eraseCandidateStatements(scope, address, now),
  ];
}

/** Erases everything the region stores about one entrepreneur's e-mail address. */
export async function eraseEntrepreneur(
  scope: RegionScope,
  actor: Actor,
  email: string,
  now: number,
  config: Pick<Config, "AUDIT_HASH_KEY" | "LIBSQL_AUTH_TOKEN" | "isLocal">,
): Promise<ErasureResult> {
  const address = email.trim().toLowerCase();
  const regionId = scope.region.id;
  // Counted first so the audit entry joins the same transaction as the erasure.
  const counts = await scope.db.client.execute({
    sql: `select (select count(*) from appointments where region_id = ? and email = ?) as appointments,
                 (select count(*) from appointments where region_id = ? and email = ? and status = 'confirmed' and start_at > ?) as cancelled,
                 (select count(*) from outbox where region_id = ? and recipient = ? and status = 'pending') as pending`,
    args: [regionId, address, regionId, address, now, regionId, address],
  });
  const row = counts.rows[0];
  const expected = { appointments: Number(row?.appointments ?? 0), cancelled: Number(row?.cancelled ?? 0), messagesWithdrawn: Number(row?.pending ?? 0) };
  const emailHmac = await keyedHash(config, "erasure-email", address);
  const audit = auditStatement(scope.db, regionId, actor, "privacy.erasure", null, { ...(emailHmac ? { emailHmac } : {}), ...expected }, now);
  const statements = erasureStatements(scope, address, now);
  // Event registrations with the address likewise (events feature); its last statement anonymises them.
  const eventStatements = await eraseRegistrationStatements(scope.db, regionId, address, now);
  const results = await writeBatch(scope.db, [...statements, ...eventStatements, audit]);
  const result: ErasureResult = {
    cancelled: results[0]?.rowsAffected ?? 0,
    messagesWithdrawn: results[1]?.rowsAffected ?? 0,
    appointments: results[3]?.rowsAffected ?? 0,
    candidates: results[statements.length - 1]?.rowsAffected ?? 0,
    eventRegistrations: results[statements.length + eventStatements.length - 1]?.rowsAffected ?? 0,
  };
  return result;
}

/** The instant `months` calendar months before `now` (UTC calendar; a day either way does not matter here). */
export function monthsBefore(now: number, months: number): number {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

/**
 * Anonymises appointments whose start is older than their region's retention period, in
 * batches of {@link RETENTION_BATCH}; returns how many it anonymised. Idempotent.
 */
export async function anonymiseExpiredAppointments(db: Db, now: number, maxBatches = 20): Promise<number> {
  const regionRows = await db.client.execute("select id, retention_months from regions");
  let total = 0;
  for (const row of regionRows.rows) {
    const cutoff = monthsBefore(now, Number(row.retention_months ?? 12));
    for (let i = 0; i < maxBatches; i++) {
      const [result] = await writeBatch(db, [
        {
          sql: `update appointments set ${PERSONAL_NULLS}, anonymised_at = ? where id in (
                  select id from appointments where region_id = ? and start_at < ? and anonymised_at is null limit ?)`,
          args: [now, String(row.id), cutoff, RETENTION_BATCH],
        },
        // Messages about anonymised appointments keep no personal data either.
        {
          sql: `update outbox set recipient = 'erased', text_body = '', html_body = '', ics_body = null
                where region_id = ? and recipient <> 'erased' and status <> 'pending'
                and appointment_id in (select id from appointments where region_id = ? and anonymised_at = ?)`,
          args: [String(row.id), String(row.id), now],
        },
      ]);
      const n = result?.rowsAffected ?? 0;
      total += n;
      if (n < RETENTION_BATCH) break;
    }
  }
  return total;
}

/**
 * Support Process trajectories that ended (stopped, or financing arranged) longer ago than
 * the region's retention period lose their contact data and free-text notes; company,
 * stage history and dates stay, so the funnel figures keep counting. Idempotent.
 */
export async function anonymiseEndedTrajectories(db: Db, now: number): Promise<number> {
  const regionRows = await db.client.execute("select id, retention_months from regions");
  let total = 0;
  for (const row of regionRows.rows) {
    const regionId = String(row.id);
    const cutoff = monthsBefore(now, Number(row.retention_months ?? 12));
    const ended = `select id from scouting_candidates
                   where region_id = ? and stage in ('stopped', 'financing_arranged') and updated_at < ? and anonymised_at is null`;
    const results = await writeBatch(db, [
      { sql: `update scouting_sessions set note = null where region_id = ? and candidate_id in (${ended})`, args: [regionId, regionId, cutoff] },
      { sql: `update scouting_commitments set entrepreneur_name = '' where region_id = ? and candidate_id in (${ended})`, args: [regionId, regionId, cutoff] },
      { sql: `update scouting_stage_changes set note = null where region_id = ? and candidate_id in (${ended})`, args: [regionId, regionId, cutoff] },
      {
        sql: `update scouting_candidates set contact_name = null, email = null, phone = null, ambition = null, anonymised_at = ? where id in (${ended})`,
        args: [now, regionId, cutoff],
      },
    ]);
    total += results[3]?.rowsAffected ?? 0;
  }
  return total;
}

/** Expired sessions, spent or expired one-time tokens and old rate-limit windows. */
export async function deleteExpiredAccountData(db: Db, now: number): Promise<void> {
  await writeBatch(db, [
    { sql: "delete from sessions where last_seen_at < ? or created_at < ?", args: [now - SESSION_IDLE_MS, now - SESSION_ABSOLUTE_MS] },
    { sql: "delete from account_tokens where expires_at < ?", args: [now - 24 * 3_600_000] },
    ...expiredEntrepreneurSessionStatements(now),
    deleteOldRateLimitsStatement(now - 24 * 3_600_000),
  ]);
}

/**
 * The privacy part of the scheduled jobs.
 * @example await runPrivacyJobs(db, Date.now());
 */
export async function runPrivacyJobs(db: Db, now: number): Promise<{ anonymised: number; trajectoriesAnonymised: number }> {
  const anonymised = await anonymiseExpiredAppointments(db, now);
  const trajectoriesAnonymised = await anonymiseEndedTrajectories(db, now);
  await deleteExpiredAccountData(db, now);
  return { anonymised, trajectoriesAnonymised };
}
