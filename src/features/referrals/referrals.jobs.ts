/**
 * What the Cron Trigger does for referrals: a referral still not picked up (status `sent`)
 * after its due time (5 working days) reminds the organisation's partners, once. The
 * statement that marks the reminder (`reminded_at is null` → now) can be won by one run
 * only, the mails depend on it, and their de-duplication key names the referral and the
 * recipient, so concurrent and later runs write nothing more. Retention: referrals older than
 * the referring region's retention period lose their personal data (figures keep counting).
 */
import type { InStatement } from "@libsql/client/web";
import type { Db } from "../../db/client";
import { writeBatch } from "../../db/write";
import { localDate } from "../../lib/time";
import { sql } from "../../lib/sql-template";
import { monthsBefore } from "../privacy/privacy.service";
import { renderReminder } from "./referral-messages";
import { mailOrganisationStatement } from "./referrals.repo";
import { inboxUrl } from "./referrals.service";

const MAX_PER_RUN = 200;

/** Writes the due reminders; returns how many referrals were reminded. */
export async function queueReferralReminders(db: Db, now: number, links: { origin: string }): Promise<number> {
  const due = await db.client.execute(
    sql`select r.id, r.region_id, r.organisation_id, r.topic, r.created_at, o.slug, o.name from referrals r join organisations o on o.id = r.organisation_id
        where r.status = 'sent' and r.due_at <= ${now} and r.reminded_at is null order by r.due_at limit ${MAX_PER_RUN}`.statement(),
  );
  if (due.rows.length === 0) return 0;
  const statements: InStatement[] = [];
  for (const row of due.rows) {
    const id = String(row.id);
    const mail = renderReminder({
      organisationName: String(row.name),
      topic: String(row.topic),
      inboxUrl: inboxUrl(links.origin, String(row.slug), id),
      createdDate: localDate(Number(row.created_at)),
    });
    statements.push(
      sql`update referrals set reminded_at = ${now} where id = ${id} and reminded_at is null and status = 'sent'`.statement(),
      mailOrganisationStatement(
        {
          regionId: String(row.region_id),
          organisationId: String(row.organisation_id),
          kind: "referral_reminder",
          referralId: id,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          now,
        },
        sql`exists (select 1 from referrals where id = ${id} and reminded_at = ${now})`,
      ),
    );
  }
  const results = await writeBatch(db, statements);
  return results.filter((_, i) => i % 2 === 0).reduce((n, r) => n + r.rowsAffected, 0);
}

const PERSONAL_NULLS = "name = null, email = null, phone = null, company_name = null, kvk_number = null, question = null, note = null, status_note = null";

/** Referrals older than their region's retention period lose their personal data. Idempotent. */
export async function anonymiseExpiredReferrals(db: Db, now: number): Promise<number> {
  const regions = await db.client.execute("select id, retention_months from regions");
  const statements: InStatement[] = regions.rows.flatMap((row) => {
    const cutoff = monthsBefore(now, Number(row.retention_months ?? 12));
    const old = sql`select id from referrals where region_id = ${String(row.id)} and created_at < ${cutoff} and anonymised_at is null`;
    return [
      sql`update referral_status_changes set note = null where referral_id in (${old})`.statement(),
      { sql: `update referrals set ${PERSONAL_NULLS}, anonymised_at = ? where id in (${old.sql})`, args: [now, ...old.args] },
    ];
  });
  if (statements.length === 0) return 0;
  const results = await writeBatch(db, statements);
  return results.filter((_, i) => i % 2 === 1).reduce((n, r) => n + r.rowsAffected, 0);
}

/** The statements that erase what one region's referrals hold about an address (erasure on request, self-deletion). */
export function eraseReferralStatements(regionId: string, email: string, now: number): InStatement[] {
  const mine = sql`select id from referrals where region_id = ${regionId} and email = ${email}`;
  return [
    sql`update referral_status_changes set note = null where referral_id in (${mine})`.statement(),
    {
      sql: `update referrals set ${PERSONAL_NULLS}, withdraw_token_hash = null, anonymised_at = ?, updated_at = ? where region_id = ? and email = ?`,
      args: [now, now, regionId, email],
    },
  ];
}

/** The referral part of the scheduled jobs. */
export async function runReferralJobs(db: Db, now: number, links: { origin: string }): Promise<{ reminders: number; anonymised: number }> {
  const reminders = await queueReferralReminders(db, now, links);
  const anonymised = await anonymiseExpiredReferrals(db, now);
  return { reminders, anonymised };
}
