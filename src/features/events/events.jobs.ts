/**
 * What the Cron Trigger does for events, every minute:
 *
 * - Reminders: for every session starting within 24 hours, one mail per confirmed
 *   participant who was confirmed before that window opened (the others just had their
 *   confirmation). The outbox row's de-duplication key names the registration, the session
 *   and its start, so concurrent runs, and every later run, write it once; a moved session
 *   gets a new reminder.
 * - Feedback requests: after the last session, once per participant who attended (marked
 *   by the organiser), for 14 days. Each carries a new manage link (its token's hash stored
 *   in the same statement that marks the request as sent, which only one run can win).
 * - Retention: registrations of events that ended longer ago than the region's retention
 *   period lose their personal data; counts, attendance and ratings stay for the figures.
 */
import type { InStatement } from "@libsql/client/web";
import type { Db } from "../../db/client";
import { writeBatch } from "../../db/write";
import { newToken, sha256Hex } from "../../lib/ids";
import { monthsBefore } from "../privacy/privacy.service";
import { type Links, mailToParticipant, mailToRegistrations, manageUrl } from "./events.mail";
import { decodeEvent, EVENT_COLUMNS, EVENT_FROM } from "./events.repo";
import { FEEDBACK_WINDOW_MS, REMINDER_LEAD_MS } from "./events.rules";
import { sql } from "../../lib/sql-template";

const MAX_FEEDBACK_REQUESTS_PER_RUN = 200;

/** Writes the due reminders (one statement per due session); returns how many mails were written. */
export async function queueEventReminders(db: Db, now: number): Promise<number> {
  const due = await db.client.execute(
    sql`select ${EVENT_COLUMNS}, s.idx as due_idx, s.start_at as due_start from ${EVENT_FROM} join event_sessions s on s.event_id = e.id
        where e.status = 'published' and s.start_at > ${now} and s.start_at <= ${now + REMINDER_LEAD_MS}
        order by s.start_at limit 200`.statement(),
  );
  if (due.rows.length === 0) return 0;
  const statements: InStatement[] = due.rows.map((row) => {
    const event = decodeEvent(row);
    const idx = Number(row.due_idx);
    const start = Number(row.due_start);
    return mailToRegistrations({
      kind: "event_reminder",
      event,
      opts: { sessionIndex: idx, joinUrl: event.joinUrl },
      ics: null,
      now,
      dedupeSuffix: `${idx}:${start}`,
      where: { sql: "r.event_id = ? and r.status = 'confirmed' and r.confirmed_at <= ?", args: [event.id, start - REMINDER_LEAD_MS] },
    });
  });
  const results = await writeBatch(db, statements);
  return results.reduce((n, r) => n + r.rowsAffected, 0);
}

/** Writes the due feedback requests; returns how many. */
export async function queueFeedbackRequests(db: Db, now: number, links: Links): Promise<number> {
  const rows = await db.client.execute(
    sql`select ${EVENT_COLUMNS}, r.id as reg_id, r.name as reg_name, r.email as reg_email, r.locale as reg_locale
        from ${EVENT_FROM} join event_registrations r on r.event_id = e.id
        where e.status = 'published' and e.last_end_at <= ${now} and e.last_end_at > ${now - FEEDBACK_WINDOW_MS}
          and r.status = 'confirmed' and r.feedback_requested_at is null and r.feedback_rating is null and r.email is not null
          and exists (select 1 from event_attendance a where a.registration_id = r.id and a.attended = 1)
        limit ${MAX_FEEDBACK_REQUESTS_PER_RUN}`.statement(),
  );
  if (rows.rows.length === 0) return 0;
  const statements: InStatement[] = [];
  for (const row of rows.rows) {
    const event = decodeEvent(row);
    const id = String(row.reg_id);
    const token = newToken(32);
    const hash = await sha256Hex(token);
    const mine = { sql: "exists (select 1 from event_registrations where id = ? and follow_up_token_hash = ?)", args: [id, hash] };
    statements.push(
      {
        sql: "update event_registrations set feedback_requested_at = ?, follow_up_token_hash = ?, updated_at = ? where id = ? and feedback_requested_at is null",
        args: [now, hash, now, id],
      },
      mailToParticipant({
        kind: "event_feedback_request",
        event,
        to: { name: String(row.reg_name ?? ""), email: String(row.reg_email), locale: String(row.reg_locale) === "en" ? "en" : "nl" },
        dedupeKey: `${id}:feedback`,
        opts: { actionUrl: `${manageUrl(links, token)}#feedback` },
        ics: null,
        now,
        condition: mine,
      }),
    );
  }
  const results = await writeBatch(db, statements);
  return results.filter((_, i) => i % 2 === 0).reduce((n, r) => n + r.rowsAffected, 0);
}

/**
 * Anonymises registrations of events that ended longer ago than their region's retention
 * period, and clears the stored event mails of that age. Idempotent.
 */
export async function anonymiseOldRegistrations(db: Db, now: number): Promise<number> {
  const regions = await db.client.execute("select id, retention_months from regions");
  const statements: InStatement[] = regions.rows.flatMap((row) => {
    const regionId = String(row.id);
    const cutoff = monthsBefore(now, Number(row.retention_months ?? 12));
    return [
      {
        sql: `update event_registrations set name = null, email = null, company_name = null, kvk_number = null, feedback_comment = null, anonymised_at = ?
              where region_id = ? and anonymised_at is null and event_id in (select id from events where region_id = ? and last_end_at < ?)`,
        args: [now, regionId, regionId, cutoff],
      },
      {
        sql: `update outbox set recipient = 'erased', text_body = '', html_body = '', ics_body = null
              where region_id = ? and kind like 'event\\_%' escape '\\' and status <> 'pending' and recipient <> 'erased' and created_at < ?`,
        args: [regionId, cutoff],
      },
    ];
  });
  if (statements.length === 0) return 0;
  const results = await writeBatch(db, statements);
  return results.filter((_, i) => i % 2 === 0).reduce((n, r) => n + r.rowsAffected, 0);
}

export interface EventJobsReport {
  reminders: number;
  feedbackRequests: number;
  anonymised: number;
}

/**
 * The events part of the scheduled jobs. `links` is where mails point (the configured public
 * origin).
 * @example await runEventJobs(db, Date.now(), { origin: "https://afspraak.mkb-limburg.nl" })
 */
export async function runEventJobs(db: Db, now: number, links: Links): Promise<EventJobsReport> {
  const reminders = await queueEventReminders(db, now);
  const feedbackRequests = await queueFeedbackRequests(db, now, links);
  const anonymised = await anonymiseOldRegistrations(db, now);
  return { reminders, feedbackRequests, anonymised };
}
