/**
 * Referral queries. A referral belongs to two sides: the referring region (`region_id`, read
 * through a `RegionScope`) and the receiving organisation (read through an
 * `OrganisationScope`; its home region is `to_region_id`). No query reads a referral by id
 * alone except through the entrepreneur's own link (the hash of its token).
 */
import type { InStatement, InValue, ResultSet, Row } from "@libsql/client/web";
import type { Db } from "../../db/client";
import type { OrganisationScope, RegionScope } from "../../db/scope";
import { type OrganisationKind, outbox, type ReferralStatus, referralStatusChanges, referrals } from "../../db/schema";
import { type RawRead, resultSetRead } from "../../db/read";
import type { Topic } from "../../lib/vocabulary";
import type { ReferralFigureRow } from "./referrals.report";
import { newId } from "../../lib/ids";
import { type SqlFragment, joinSql, sql, sqlList } from "../../lib/sql-template";

export type ReferralInsert = typeof referrals.$inferInsert;

/** The columns every list and detail reads: the referral, its organisation, offer, desk, referrer, regions and its history as JSON. */
const COLUMNS = sql`r.*, o.slug as org_slug, o.name as org_name, o.kind as org_kind,
  f.slug as offer_slug, f.title as offer_title, d.name as desk_name, u.name as referrer_name,
  fr.slug as from_slug, fr.name as from_name, tr.slug as to_slug, tr.name as to_name,
  (select json_group_array(json_object('status', h.status, 'note', h.note, 'at', h.changed_at))
     from (select status, note, changed_at from referral_status_changes where referral_id = r.id order by changed_at, rowid) h) as history`;
const FROM = sql`referrals r join organisations o on o.id = r.organisation_id
  join regions fr on fr.id = r.region_id join regions tr on tr.id = r.to_region_id
  left join offers f on f.id = r.offer_id left join frontdesks d on d.id = r.frontdesk_id left join users u on u.id = r.referred_by_user_id`;

function list(where: SqlFragment[], limit: number, offset: number): InStatement {
  return sql`select ${COLUMNS} from ${FROM} where ${joinSql(where, " and ")} order by r.created_at desc, r.id limit ${limit + 1} offset ${offset}`.statement();
}

/** What a new referral needs, read in ONE batch: the organisation (with its public contact), the offer, the appointment or candidate, the desk. */
export async function readReferralSources(
  scope: RegionScope,
  input: {
    organisation: string;
    /** Also match `organisation` against the organisations' names and slugs in any case (exact; a slug match first). */
    organisationByName?: boolean | undefined;
    offerId?: string | undefined;
    appointmentId?: string | undefined;
    candidateId?: string | undefined;
    frontdeskId?: string | undefined;
  },
): Promise<{
  organisation: Row | undefined;
  offer: Row | undefined;
  appointment: Row | undefined;
  candidate: Row | undefined;
  desks: { id: string; name: string }[];
}> {
  const region = scope.region.id;
  const [organisation, offer, appointment, candidate, desk] = await scope.db.client.batch(
    [
      sql`select o.id, o.slug, o.name, o.kind, o.email, o.phone, o.website, o.home_region_id, t.slug as home_slug, t.name as home_name
          from organisations o join regions t on t.id = o.home_region_id
          where o.slug = ${input.organisation} or (${input.organisationByName ? 1 : 0} = 1 and (lower(o.name) = lower(${input.organisation}) or o.slug = lower(${input.organisation})))
          order by o.slug = ${input.organisation} desc, o.slug limit 1`.statement(),
      sql`select f.id, f.slug, f.title, f.status, o.slug as org_slug from offers f join organisations o on o.id = f.organisation_id where f.id = ${input.offerId ?? ""}`.statement(),
      sql`select id, frontdesk_id, status, start_at, topic, question, name, email, phone, company_name, kvk_number, locale
          from appointments where region_id = ${region} and id = ${input.appointmentId ?? ""}`.statement(),
      sql`select id, frontdesk_id, topic, ambition, contact_name, email, phone, company_name, kvk_number, consultant_user_id
          from scouting_candidates where region_id = ${region} and id = ${input.candidateId ?? ""}`.statement(),
      // The named desk, the appointment's and the candidate's (for the desk's name in the answer).
      sql`select id, name from frontdesks where region_id = ${region} and id in (${input.frontdeskId ?? ""},
            (select frontdesk_id from appointments where region_id = ${region} and id = ${input.appointmentId ?? ""}),
            (select frontdesk_id from scouting_candidates where region_id = ${region} and id = ${input.candidateId ?? ""}))`.statement(),
    ],
    "read",
  );
  return {
    organisation: organisation?.rows[0],
    offer: offer?.rows[0],
    appointment: appointment?.rows[0],
    candidate: candidate?.rows[0],
    desks: (desk?.rows ?? []).map((d) => ({ id: String(d.id), name: String(d.name) })),
  };
}

export function insertReferralStatement(db: Db, row: ReferralInsert) {
  return db.db.insert(referrals).values(row);
}

export function insertStatusChangeStatement(db: Db, row: Omit<typeof referralStatusChanges.$inferInsert, "id">) {
  return db.db.insert(referralStatusChanges).values({ id: newId(), ...row });
}

/**
 * A mail to every active partner user of an organisation (or, without any, to the
 * organisation's own address), one outbox row each, de-duplicated per referral, kind and
 * recipient. `onlyIf` makes it depend on a change in the same batch.
 */
export function mailOrganisationStatement(
  m: { regionId: string; organisationId: string; kind: string; referralId: string; subject: string; text: string; html: string; now: number },
  onlyIf?: SqlFragment,
): InStatement {
  return sql`insert or ignore into outbox (id, region_id, kind, dedupe_key, recipient, subject, text_body, html_body, status, attempts, next_attempt_at, created_at)
    select lower(hex(randomblob(16))), ${m.regionId}, ${m.kind}, ${m.referralId} || ':' || x.email, x.email, ${m.subject}, ${m.text}, ${m.html}, 'pending', 0, ${m.now}, ${m.now}
    from (select email from users where organisation_id = ${m.organisationId} and role = 'partner' and disabled_at is null
          union select email from organisations where id = ${m.organisationId} and email is not null
            and not exists (select 1 from users where organisation_id = ${m.organisationId} and role = 'partner' and disabled_at is null)) x
    where ${onlyIf ?? sql`1`}`.statement();
}

/** The referrals a region made (`made`) or that were made to organisations of the region (`received`); `mine` narrows to one referrer's or desks'. */
export function regionListStatement(
  scope: RegionScope,
  filter: { direction: "made" | "received"; status?: string | undefined; mine?: { userId: string; frontdeskIds: string[] } | undefined },
  limit: number,
  offset: number,
): InStatement {
  const where = [filter.direction === "received" ? sql`r.to_region_id = ${scope.region.id}` : sql`r.region_id = ${scope.region.id}`];
  if (filter.status) where.push(sql`r.status = ${filter.status}`);
  if (filter.mine) {
    const desks = filter.mine.frontdeskIds.length
      ? joinSql(
          filter.mine.frontdeskIds.map((id) => sql`${id}`),
          ", ",
        )
      : sql`''`;
    where.push(sql`(r.referred_by_user_id = ${filter.mine.userId} or r.frontdesk_id in (${desks}))`);
  }
  return list(where, limit, offset);
}

/** The organisation's inbox. */
export function inboxStatement(scope: OrganisationScope, status: string | undefined, limit: number, offset: number): InStatement {
  const where = [sql`r.organisation_id = ${scope.organisation.id}`];
  if (status) where.push(sql`r.status = ${status}`);
  return list(where, limit, offset);
}

/** One referral of the organisation's inbox. */
export function inboxReferralStatement(scope: OrganisationScope, id: string): InStatement {
  return list([sql`r.organisation_id = ${scope.organisation.id}`, sql`r.id = ${id}`], 1, 0);
}

export async function readRows(db: Db, statement: InStatement): Promise<Row[]> {
  return (await db.client.execute(statement)).rows;
}

/**
 * A partner's status change, only from the status it was read in (a concurrent change makes
 * it affect no row, and the rest of the batch is guarded on it).
 */
export function setStatusStatement(
  scope: OrganisationScope,
  m: { id: string; from: string; to: string; note: string | null; now: number; received: boolean; contacted: boolean; closed: boolean },
): InStatement {
  return sql`update referrals set status = ${m.to}, status_note = coalesce(${m.note}, status_note), updated_at = ${m.now},
      received_at = case when ${m.received ? 1 : 0} = 1 then coalesce(received_at, ${m.now}) else received_at end,
      contacted_at = case when ${m.contacted ? 1 : 0} = 1 then coalesce(contacted_at, ${m.now}) else contacted_at end,
      closed_at = case when ${m.closed ? 1 : 0} = 1 then ${m.now} else closed_at end
    where organisation_id = ${scope.organisation.id} and id = ${m.id} and status = ${m.from}`.statement();
}

/** A condition: the referral is now in this status, changed at this instant (guards the rest of a batch). */
export function changedTo(id: string, status: string, now: number): SqlFragment {
  return sql`exists (select 1 from referrals where id = ${id} and status = ${status} and updated_at = ${now})`;
}

/** The referral of an entrepreneur's link, with the organisation's public contact. */
export function byTokenStatement(tokenHash: string): InStatement {
  return sql`select r.id, r.region_id, r.organisation_id, r.status, r.topic, r.consent_to_share, r.withdrawn_at, r.created_at,
      o.name as org_name, o.website as org_website, o.email as org_email, o.phone as org_phone, f.slug as offer_slug, f.title as offer_title
    from referrals r join organisations o on o.id = r.organisation_id left join offers f on f.id = r.offer_id
    where r.withdraw_token_hash = ${tokenHash}`.statement();
}

/** Withdraws consent: the organisation keeps only that it was withdrawn (contact, question and note are cleared for it). */
export function withdrawStatement(id: string, now: number): InStatement {
  return sql`update referrals set status = 'withdrawn', withdrawn_at = ${now}, updated_at = ${now}, consent_to_share = 0
    where id = ${id} and status <> 'withdrawn'`.statement();
}

/** A single-row drizzle insert made conditional: `insert … select <values> where <condition>`. */
export function guardedInsert(statement: { toSQL(): { sql: string; params: unknown[] } }, condition: SqlFragment): InStatement {
  const { sql: text, params } = statement.toSQL();
  const match = /^(insert into "[a-z_]+" \([^)]*\)) values \(([^)]*)\)$/.exec(text);
  if (!match) throw new Error("guardedInsert takes a single-row insert");
  return { sql: `${match[1]} select ${match[2]} where ${condition.sql}`, args: [...(params as InValue[]), ...condition.args] };
}

/** The condition "this referral exists" (the later statements of a referral's batch depend on its insert). */
export function referralExists(id: string): SqlFragment {
  return sql`exists (select 1 from referrals where id = ${id})`;
}

export function outboxInsert(db: Db, row: typeof outbox.$inferInsert) {
  return db.db.insert(outbox).values(row);
}

/** Where a desk can refer to, as two statements of a page's read batch: every organisation (with its home region) and every published offer. */
export function referralTargetReads(): { organisations: RawRead<ResultSet>; offers: RawRead<ResultSet> } {
  return {
    organisations: resultSetRead(
      sql`select o.slug, o.name, o.kind, t.name as home_name from organisations o join regions t on t.id = o.home_region_id order by o.name, o.slug`.statement(),
    ),
    offers: resultSetRead(
      sql`select f.id, f.title, o.slug as org_slug from offers f join organisations o on o.id = f.organisation_id
          where f.status = 'published' order by f.title, f.id`.statement(),
    ),
  };
}

/**
 * The referral figures' rows, as one statement of the report's read batch: each referral made
 * by or to one of the regions (null: every region) in the period. No personal data: region,
 * desk, topic, organisation kind, status and times.
 */
export function referralFigureRowsRead(regionIds: readonly string[] | null, period: { start: number; end: number }): RawRead<ReferralFigureRow[]> {
  const inRegions =
    regionIds === null ? sql`1` : regionIds.length === 0 ? sql`0` : sql`(r.region_id in ${sqlList(regionIds)} or r.to_region_id in ${sqlList(regionIds)})`;
  const statement = sql`select r.region_id, r.to_region_id, r.frontdesk_id, d.name as desk_name, r.topic, o.kind, r.status, r.created_at, r.due_at, r.received_at, r.contacted_at
      from referrals r join organisations o on o.id = r.organisation_id left join frontdesks d on d.id = r.frontdesk_id
      where ${inRegions} and r.created_at >= ${period.start} and r.created_at < ${period.end}`;
  const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
  return {
    sql: statement.sql,
    args: statement.args,
    map: (result) =>
      result.rows.map((r) => ({
        regionId: String(r.region_id),
        toRegionId: String(r.to_region_id),
        frontdeskId: r.frontdesk_id === null ? null : String(r.frontdesk_id),
        frontdeskName: r.desk_name === null ? null : String(r.desk_name),
        topic: String(r.topic) as Topic,
        organisationKind: String(r.kind) as OrganisationKind,
        status: String(r.status) as ReferralStatus,
        createdAt: Number(r.created_at),
        dueAt: Number(r.due_at),
        receivedAt: num(r.received_at),
        contactedAt: num(r.contacted_at),
      })),
  };
}
