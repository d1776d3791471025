/**
 * Data access of the entrepreneur accounts. Accounts, sessions, sign-in tokens, profiles and
 * bookmarks are platform-level rows (an entrepreneur belongs to no region). Everything about
 * appointments and trajectories is reached through the verified address only, and only
 * through the statements here, which always filter on it.
 */
import type { InStatement, InValue } from "@libsql/client/web";
import { and, eq, inArray, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rawRead, type RawRead } from "../../db/read";
import { entrepreneurBookmarks, entrepreneurProfiles, entrepreneurSessions, entrepreneurs } from "../../db/schema";
import type { RegionScope } from "../../db/scope";
import type { WriteStatement } from "../../db/write";
import { newId } from "../../lib/ids";
import { auditStatement } from "../audit/audit.repo";
import { raw, sql } from "../../lib/sql-template";
import { communityErasureStatements } from "../community/community-privacy";

export type ProfileRow = typeof entrepreneurProfiles.$inferSelect;

// --- Sessions ---

/** The session and its account in one statement (the only read a signed-in request needs before its own). */
/** Statement for a read plan: the session with this id hash and its account's address. */
export function sessionQuery(db: Db, idHash: string) {
  return db.db
    .select({ session: entrepreneurSessions, email: entrepreneurs.email })
    .from(entrepreneurSessions)
    .innerJoin(entrepreneurs, eq(entrepreneurs.id, entrepreneurSessions.entrepreneurId))
    .where(eq(entrepreneurSessions.idHash, idHash))
    .limit(1);
}

export function touchSessionStatement(db: Db, idHash: string, now: number) {
  return db.db.update(entrepreneurSessions).set({ lastSeenAt: now }).where(eq(entrepreneurSessions.idHash, idHash));
}

export function deleteSessionStatement(db: Db, idHash: string) {
  return db.db.delete(entrepreneurSessions).where(eq(entrepreneurSessions.idHash, idHash));
}

// --- Sign-in links ---

/**
 * Stores a sign-in token and queues its e-mail, each only while `guard` (SQL over the rate
 * counts of the same batch) holds. Nothing here reads or depends on whether an account exists.
 */
export function loginLinkStatements(
  row: { tokenHash: string; email: string; expiresAt: number; now: number },
  mail: { subject: string; text: string; html: string },
  guard: { sql: string; args: InValue[] },
): InStatement[] {
  return [
    {
      sql: `insert into entrepreneur_login_tokens (token_hash, email, expires_at, used_at, session_id_hash, created_at)
            select ?, ?, ?, null, null, ? where ${guard.sql}`,
      args: [row.tokenHash, row.email, row.expiresAt, row.now, ...guard.args],
    },
    {
      // The token hash is unique, so it makes a good dedupe key (and reveals nothing).
      sql: `insert into outbox (id, region_id, appointment_id, kind, dedupe_key, recipient, subject, text_body, html_body, ics_body, status, attempts, next_attempt_at, created_at)
            select ?, null, null, 'login_link', ?, ?, ?, ?, ?, null, 'pending', 0, ?, ? where ${guard.sql}`,
      args: [newId(), row.tokenHash, row.email, mail.subject, mail.text, mail.html, row.now, row.now, ...guard.args],
    },
  ];
}

/**
 * Signing in with a token, as one write batch. The first statement spends the token (unspent,
 * unexpired) and marks it with this sign-in's session hash; every later statement requires
 * that mark, so of two concurrent uses only the one whose batch ran first gets a session.
 * Results: [0] spent (rowsAffected), [1] the account (returning id, email), [2] the session.
 * `guard` (SQL over rate counts earlier in the batch) must hold for the token to be spent.
 */
export function signInStatements(
  input: { tokenHash: string; sessionIdHash: string; accountId: string; now: number },
  guard?: { sql: string; args: InValue[] },
): InStatement[] {
  const { tokenHash, sessionIdHash, accountId, now } = input;
  const spentByUs = "select email from entrepreneur_login_tokens where token_hash = ? and session_id_hash = ?";
  return [
    {
      sql: `update entrepreneur_login_tokens set used_at = ?, session_id_hash = ? where token_hash = ? and used_at is null and expires_at > ?${guard ? ` and ${guard.sql}` : ""}`,
      args: [now, sessionIdHash, tokenHash, now, ...(guard?.args ?? [])],
    },
    {
      // The account is created at the first sign-in (where true: SQLite's upsert after a select needs a where).
      sql: `insert into entrepreneurs (id, email, created_at, last_login_at)
            select ?, email, ?, ? from (${spentByUs}) where true
            on conflict (email) do update set last_login_at = excluded.last_login_at
            returning id, email, created_at`,
      args: [accountId, now, now, tokenHash, sessionIdHash],
    },
    {
      sql: `insert into entrepreneur_sessions (id_hash, entrepreneur_id, created_at, last_seen_at)
            select ?, e.id, ?, ? from entrepreneurs e where e.email = (${spentByUs})`,
      args: [sessionIdHash, now, now, tokenHash, sessionIdHash],
    },
    {
      // Any other link still open for the address is spent too: one sign-in, one way in.
      sql: `update entrepreneur_login_tokens set used_at = ? where used_at is null and email = (${spentByUs})`,
      args: [now, tokenHash, sessionIdHash],
    },
    {
      sql: `insert into audit_log (id, region_id, actor_user_id, action, target_type, target_id, detail, created_at)
            select ?, null, null, 'entrepreneur.login', 'entrepreneur', e.id, '{}', ? from entrepreneurs e where e.email = (${spentByUs})`,
      args: [newId(), now, tokenHash, sessionIdHash],
    },
  ];
}

/**
 * An audit entry about an entrepreneur account: platform-level (no region) unless `regionId`
 * is given, never a staff actor.
 */
export function entrepreneurAudit(
  db: Db,
  action: string,
  entrepreneurId: string,
  detail: Record<string, unknown>,
  now: number,
  regionId: string | null = null,
) {
  return auditStatement(db, regionId, null, action, { type: "entrepreneur", id: entrepreneurId }, detail, now);
}

// --- Profile ---

export async function findProfile(db: Db, entrepreneurId: string): Promise<ProfileRow | null> {
  const rows = await db.db.select().from(entrepreneurProfiles).where(eq(entrepreneurProfiles.entrepreneurId, entrepreneurId)).limit(1);
  return rows[0] ?? null;
}

export function upsertProfileStatement(db: Db, row: ProfileRow): WriteStatement {
  const { entrepreneurId: _id, createdAt: _created, ...changes } = row;
  return db.db.insert(entrepreneurProfiles).values(row).onConflictDoUpdate({ target: entrepreneurProfiles.entrepreneurId, set: changes });
}

// --- Bookmarks ---

export const MAX_BOOKMARKS = 200;

/** A published offer by slug, with how many bookmarks the entrepreneur has and whether this is one (one statement). */
export async function findOfferForBookmark(db: Db, entrepreneurId: string, slug: string) {
  const rs = await db.client.execute(
    sql`select o.id, (select count(*) from entrepreneur_bookmarks where entrepreneur_id = ${entrepreneurId}) as bookmarks,
          exists (select 1 from entrepreneur_bookmarks b where b.entrepreneur_id = ${entrepreneurId} and b.offer_id = o.id) as bookmarked
        from offers o where o.slug = ${slug} and o.status = 'published'`.statement(),
  );
  const row = rs.rows[0];
  return row ? { offerId: String(row.id), bookmarks: Number(row.bookmarks), bookmarked: Number(row.bookmarked) === 1 } : null;
}

/** The bookmarked offer with this slug, whatever its state now (to remove it). */
/** Statement for a read plan: whether the account of this session keeps the offer with this slug (a row, or none). */
export function bookmarkBySessionRead(sessionIdHash: string, slug: string): RawRead<unknown[]> {
  return rawRead(
    `select 1 as kept from entrepreneur_bookmarks b join offers o on o.id = b.offer_id
      where b.entrepreneur_id = (select entrepreneur_id from entrepreneur_sessions where id_hash = ?) and o.slug = ? limit 1`,
    [sessionIdHash, slug],
    (r) => r.kept,
  );
}

export async function findBookmarkBySlug(db: Db, entrepreneurId: string, slug: string): Promise<string | null> {
  const rs = await db.client.execute(
    sql`select b.offer_id from entrepreneur_bookmarks b join offers o on o.id = b.offer_id where b.entrepreneur_id = ${entrepreneurId} and o.slug = ${slug}`.statement(),
  );
  return rs.rows[0] ? String(rs.rows[0].offer_id) : null;
}

export function insertBookmarkStatement(db: Db, entrepreneurId: string, offerId: string, now: number) {
  return db.db.insert(entrepreneurBookmarks).values({ entrepreneurId, offerId, createdAt: now }).onConflictDoNothing();
}

export function deleteBookmarkStatement(db: Db, entrepreneurId: string, offerId: string) {
  return db.db.delete(entrepreneurBookmarks).where(and(eq(entrepreneurBookmarks.entrepreneurId, entrepreneurId), eq(entrepreneurBookmarks.offerId, offerId)));
}

/** The entrepreneur's bookmarks with their offers, newest first. */
export function bookmarksStatement(entrepreneurId: string): InStatement {
  return sql`select o.slug, o.title, o.summary, o.kind, o.status, o.deadline, g.slug as org_slug, g.name as org_name, b.created_at as bookmarked_at
    from entrepreneur_bookmarks b join offers o on o.id = b.offer_id join organisations g on g.id = o.organisation_id
    where b.entrepreneur_id = ${entrepreneurId} order by b.created_at desc, o.slug`.statement();
}

// --- What is linked to the verified address ---

/** Every region's id, as a list the appointment index (region_id, email) can be searched with. */
const EVERY_REGION = "select id from regions";

/** All appointments made with the address, in every region, with desk and region (oldest first). */
export function appointmentsStatement(email: string): InStatement {
  return sql`select a.id, a.region_id, a.frontdesk_id, a.start_at, a.end_at, a.mode, a.topic, a.status, a.question, a.name, a.email, a.phone,
        a.company_name, a.kvk_number, a.entrepreneur_municipality, a.locale, a.sequence, a.outcome_at, a.cancelled_at, a.created_at, a.updated_at,
        r.slug as region_slug, r.name as region_name,
        f.name as desk_name, f.address as desk_address, f.municipality as desk_municipality, f.phone as desk_phone, f.email as desk_email,
        f.cancel_cutoff_hours, f.video_url_template
      from appointments a join regions r on r.id = a.region_id join frontdesks f on f.id = a.frontdesk_id
      where a.region_id in (${raw(EVERY_REGION)}) and a.email = ${email}
      order by a.start_at, a.id`.statement();
}

/** Referrals made for the address, in every region, with their organisation, offer and history (the referrals feature's rows). */
export function referralsStatement(email: string): InStatement {
  return {
    sql: `select f.id, f.status, f.topic, f.consent_to_share, f.note, f.question, f.name, f.phone, f.company_name, f.kvk_number, f.created_at, f.updated_at,
            f.received_at, f.contacted_at, f.closed_at, f.withdrawn_at, o.slug as org_slug, o.name as org_name, x.slug as offer_slug, x.title as offer_title,
            r.slug as region_slug, r.name as region_name
          from referrals f join organisations o on o.id = f.organisation_id join regions r on r.id = f.region_id left join offers x on x.id = f.offer_id
          where f.email = ? order by f.created_at desc`,
    args: [email],
  };
}

/** Event registrations with the address, in every region, with their event, sessions and attendance. */
export function registrationsStatement(email: string): InStatement {
  return sql`select g.id, g.status, g.name, g.company_name, g.kvk_number, g.locale, g.created_at, g.cancelled_at, g.feedback_rating, g.feedback_comment,
        g.follow_up_consent, e.slug as event_slug, e.title as event_title, e.status as event_status, r.slug as region_slug, r.name as region_name,
        (select json_group_array(json_array(s.start_at, s.end_at)) from (select start_at, end_at from event_sessions where event_id = e.id order by idx) s) as sessions,
        (select json_group_array(json_array(a.session_idx, a.attended)) from event_attendance a where a.registration_id = g.id) as attendance
      from event_registrations g join events e on e.id = g.event_id join regions r on r.id = g.region_id
      where g.region_id in (${raw(EVERY_REGION)}) and g.email = ${email}
      order by e.first_start_at desc, g.seq`.statement();
}

/** Support Process candidates with the address, in every region, with their consultant. */
export function candidatesStatement(email: string): InStatement {
  return sql`select c.*, r.slug as region_slug, r.name as region_name, u.name as consultant_name
      from scouting_candidates c join regions r on r.id = c.region_id left join users u on u.id = c.consultant_user_id
      where c.region_id in (${raw(EVERY_REGION)}) and c.email = ${email}
      order by c.created_at, c.id`.statement();
}

const CANDIDATES_OF = "select id from scouting_candidates where region_id in (select id from regions) and email = ?";

export function commitmentsStatement(email: string): InStatement {
  return {
    sql: `select m.*, u.name as consultant_name from scouting_commitments m left join users u on u.id = m.consultant_user_id
          where m.candidate_id in (${CANDIDATES_OF}) order by m.agreed_at, m.id`,
    args: [email],
  };
}

export function sessionsStatement(email: string): InStatement {
  return {
    sql: `select s.*, u.name as consultant_name from scouting_sessions s left join users u on u.id = s.consultant_user_id
          where s.candidate_id in (${CANDIDATES_OF}) order by s.date, s.created_at`,
    args: [email],
  };
}

export function documentsStatement(email: string): InStatement {
  return {
    sql: `select d.id, d.candidate_id, d.name, d.date, d.created_at from scouting_documents d
          where d.candidate_id in (${CANDIDATES_OF}) order by d.date desc, d.created_at desc`,
    args: [email],
  };
}

export function stageChangesStatement(email: string): InStatement {
  return {
    sql: `select h.candidate_id, h.from_stage, h.to_stage, h.decision, h.stop_reason, h.referral_kind, h.referral_name, h.note, h.changed_at
          from scouting_stage_changes h where h.candidate_id in (${CANDIDATES_OF}) order by h.changed_at, h.id`,
    args: [email],
  };
}

export function profileStatement(entrepreneurId: string): InStatement {
  return { sql: "select * from entrepreneur_profiles where entrepreneur_id = ?", args: [entrepreneurId] };
}

// --- Export only ---

export function accountStatement(entrepreneurId: string): InStatement {
  return { sql: "select id, email, created_at, last_login_at from entrepreneurs where id = ?", args: [entrepreneurId] };
}

/** The account's sessions (never their hashes), marking the one of this request. */
export function sessionsOfStatement(entrepreneurId: string, currentIdHash: string): InStatement {
  return {
    sql: "select created_at, last_seen_at, id_hash = ? as current from entrepreneur_sessions where entrepreneur_id = ? order by created_at",
    args: [currentIdHash, entrepreneurId],
  };
}

export function loginTokensStatement(email: string): InStatement {
  return { sql: "select created_at, expires_at, used_at from entrepreneur_login_tokens where email = ? order by created_at", args: [email] };
}

/** Messages sent to the address (no bodies: they may hold one-time links). */
export function messagesStatement(email: string): InStatement {
  return {
    sql: "select o.kind, o.subject, o.status, o.created_at, o.sent_at, r.slug as region_slug from outbox o left join regions r on r.id = o.region_id where o.recipient = ? order by o.created_at",
    args: [email],
  };
}

/** Audit entries about the account, its appointments and its trajectories. */
export function auditStatementAbout(entrepreneurId: string, email: string): InStatement {
  return {
    sql: `select l.action, l.target_type, l.target_id, l.detail, l.created_at, r.slug as region_slug from audit_log l left join regions r on r.id = l.region_id
          where (l.target_type = 'entrepreneur' and l.target_id = ?)
             or (l.target_type = 'appointment' and l.target_id in (select id from appointments where region_id in (${EVERY_REGION}) and email = ?))
             or (l.target_type = 'scouting_candidate' and l.target_id in (${CANDIDATES_OF}))
          order by l.created_at, l.id`,
    args: [entrepreneurId, email, email],
  };
}

// --- Appointments owned by the address ---

// --- Staff: the profile behind an appointment ---

/**
 * Statement for a read plan: which of these addresses (a subquery of lower-cased addresses,
 * so the caller's batch decides which) belong to an account with a company profile.
 */
export function emailsWithProfileQuery(db: Db, among: SQLWrapper) {
  return db.db
    .select({ email: entrepreneurs.email })
    .from(entrepreneurs)
    .innerJoin(entrepreneurProfiles, eq(entrepreneurProfiles.entrepreneurId, entrepreneurs.id))
    .where(inArray(entrepreneurs.email, among));
}

/**
 * The profile of the entrepreneur whose verified address made this appointment of the
 * region (and, for frontdesk staff, of one of their desks), or null.
 */
export async function findProfileForAppointment(scope: RegionScope, appointmentId: string, deskIds: string[] | null) {
  const rs = await scope.db.client.execute(
    sql`select p.*, e.email from appointments a join entrepreneurs e on e.email = a.email join entrepreneur_profiles p on p.entrepreneur_id = e.id
        where a.region_id = ${scope.region.id} and a.id = ${appointmentId}
        ${deskIds === null ? raw("") : sql`and a.frontdesk_id in (select value from json_each(${JSON.stringify(deskIds)}))`}`.statement(),
  );
  return rs.rows[0] ?? null;
}

// --- Deleting an account ---

/** Per region: what an erasure of the address will touch (for the audit entries of the same batch). */
export function erasureCountsStatement(email: string, now: number): InStatement {
  return {
    sql: `select r.id, r.slug, r.name, r.operator, r.good_friday_closed, r.liberation_day_closed, r.retention_months,
            (select count(*) from appointments a where a.region_id = r.id and a.email = ?) as appointments,
            (select count(*) from appointments a where a.region_id = r.id and a.email = ? and a.status = 'confirmed' and a.start_at > ?) as cancelled,
            (select count(*) from outbox o where o.region_id = r.id and o.recipient = ? and o.status = 'pending') as pending,
            (select count(*) from scouting_candidates c where c.region_id = r.id and c.email = ?) as candidates,
            (select count(*) from event_registrations g where g.region_id = r.id and g.email = ?) as registrations,
            (select count(*) from referrals f where f.region_id = r.id and f.email = ?) as referrals
          from regions r order by r.slug`,
    args: [email, email, now, email, email, email, email],
  };
}

/** Removes the account and everything that hangs only on it (sessions, links, bookmarks, profile, platform mails). */
export function deleteAccountStatements(entrepreneurId: string, email: string): InStatement[] {
  return [
    { sql: "delete from entrepreneur_sessions where entrepreneur_id = ?", args: [entrepreneurId] },
    { sql: "delete from entrepreneur_login_tokens where email = ?", args: [email] },
    { sql: "delete from entrepreneur_bookmarks where entrepreneur_id = ?", args: [entrepreneurId] },
    { sql: "delete from entrepreneur_profiles where entrepreneur_id = ?", args: [entrepreneurId] },
    {
      sql: "update outbox set status = case when status = 'pending' then 'cancelled' else status end, text_body = '', html_body = '', ics_body = null, recipient = 'erased' where region_id is null and recipient = ?",
      args: [email],
    },
    ...communityErasureStatements(entrepreneurId),
    { sql: "delete from entrepreneurs where id = ?", args: [entrepreneurId] },
  ];
}
