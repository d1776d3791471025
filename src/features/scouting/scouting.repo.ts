import type { InArgs, InStatement } from "@libsql/client/web";
import { aliasedTable, and, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import {
  frontdesks,
  scoutingCandidates,
  scoutingCommitments,
  scoutingSessions,
  scoutingSettings,
  scoutingStageChanges,
  users,
  type Stage,
} from "../../db/schema";
import type { Db } from "../../db/client";
import { ReadPlan } from "../../db/read";
import type { RegionScope } from "../../db/scope";
import type { WriteStatement } from "../../db/write";
import { newId } from "../../lib/ids";
import { type SqlFragment, sql as rawSql } from "../../lib/sql-template";

export type CandidateRow = typeof scoutingCandidates.$inferSelect;
export const DEFAULT_NO_SHOW_RULE = 2;

/**
 * Makes a single-row drizzle insert conditional on the candidate carrying `changeId`, i.e.
 * on the guarded update earlier in the same write batch having happened. A batch cannot
 * inspect its own results, so this is how a lost race (another change slipped in between
 * our read and our write) leaves no commitment, session or audit entry behind.
 */
export function onlyIfChanged(
  scope: RegionScope,
  statement: { toSQL(): { sql: string; params: unknown[] } },
  candidateId: string,
  changeId: string,
): InStatement {
  const { sql: text, params } = statement.toSQL();
  const match = /^(insert into "[a-z_]+" \([^)]*\)) values \(([^)]*)\)$/.exec(text);
  if (!match) throw new Error("onlyIfChanged takes a single-row insert");
  return {
    sql: `${match[1]} select ${match[2]} where exists (select 1 from scouting_candidates where region_id = ? and id = ? and change_id = ?)`,
    args: [...params, scope.region.id, candidateId, changeId] as InArgs,
  };
}

/** The condition "the candidate now has this change id" (as `onlyIfChanged`), for statements built by another feature (a stop's referral). */
export function candidateChanged(scope: RegionScope, candidateId: string, changeId: string): SqlFragment {
  return rawSql`exists (select 1 from scouting_candidates where region_id = ${scope.region.id} and id = ${candidateId} and change_id = ${changeId})`;
}

const consultantUser = aliasedTable(users, "consultant_user");
// Correlated subqueries name the outer column in full: drizzle leaves a column unqualified
// in a single-table select, and a bare "id" would bind to the subquery's own table.
const sessionCount = sql<number>`(select count(*) from scouting_sessions s where s.candidate_id = "scouting_candidates"."id" and s.attendance = 'attended')`.as(
  "session_count",
);

// When a go/no-go decision became due (issue 19): the trajectory reached the assessment, or
// the no-show rule fired with the last session logged (no session is logged while it waits).
const assessedAt = sql<
  number | null
>`(select max(h.changed_at) from scouting_stage_changes h where h.candidate_id = "scouting_candidates"."id" and h.to_stage = 'ambition_assessed')`.as(
  "assessed_at",
);
const lastSessionAt = sql<number | null>`(select max(s.created_at) from scouting_sessions s where s.candidate_id = "scouting_candidates"."id")`.as(
  "last_session_at",
);

const summaryColumns = {
  candidate: scoutingCandidates,
  frontdeskName: frontdesks.name,
  consultantName: consultantUser.name,
  sessionCount,
  assessedAt,
  lastSessionAt,
};

export interface CandidateWithNames {
  candidate: CandidateRow;
  frontdeskName: string | null;
  consultantName: string | null;
  sessionCount: number;
  assessedAt: number | null;
  lastSessionAt: number | null;
}

function selectCandidates(scope: RegionScope, where: SQL | undefined) {
  return scope.db.db
    .select(summaryColumns)
    .from(scoutingCandidates)
    .leftJoin(frontdesks, and(eq(frontdesks.id, scoutingCandidates.frontdeskId), eq(frontdesks.regionId, scope.region.id)))
    .leftJoin(consultantUser, eq(consultantUser.id, scoutingCandidates.consultantUserId))
    .where(and(eq(scoutingCandidates.regionId, scope.region.id), where));
}

const orNull = (n: unknown) => (n === null || n === undefined ? null : Number(n));
function withNumbers<R extends { sessionCount: unknown; assessedAt: unknown; lastSessionAt: unknown }>(row: R) {
  return { ...row, sessionCount: Number(row.sessionCount), assessedAt: orNull(row.assessedAt), lastSessionAt: orNull(row.lastSessionAt) };
}

/** Statement for a read plan: one candidate with names (`toCandidate` on its rows). */
export function candidateQuery(scope: RegionScope, id: string) {
  return selectCandidates(scope, eq(scoutingCandidates.id, id)).limit(1);
}

export function toCandidate(rows: Awaited<ReturnType<typeof candidateQuery>>): CandidateWithNames | null {
  const row = rows[0];
  return row ? withNumbers(row) : null;
}

export async function findCandidate(scope: RegionScope, id: string): Promise<CandidateWithNames | null> {
  return toCandidate(await candidateQuery(scope, id));
}

/** Statement for a read plan: candidates of the region, filtered; `frontdeskIds` null means every desk (and self-registrations). */
export function candidateRowsQuery(
  scope: RegionScope,
  filter: { frontdeskIds: string[] | null; stage?: Stage | undefined; frontdeskId?: string | undefined; consultantId?: string | undefined },
) {
  const conditions: (SQL | undefined)[] = [
    filter.frontdeskIds ? inArray(scoutingCandidates.frontdeskId, filter.frontdeskIds.length ? filter.frontdeskIds : [""]) : undefined,
    filter.stage ? eq(scoutingCandidates.stage, filter.stage) : undefined,
    filter.frontdeskId ? eq(scoutingCandidates.frontdeskId, filter.frontdeskId) : undefined,
    filter.consultantId ? eq(scoutingCandidates.consultantUserId, filter.consultantId) : undefined,
  ];
  return selectCandidates(scope, and(...conditions))
    .orderBy(desc(scoutingCandidates.createdAt), asc(scoutingCandidates.id))
    .limit(1000);
}

export function toCandidates(rows: Awaited<ReturnType<typeof candidateRowsQuery>>): CandidateWithNames[] {
  return rows.map(withNumbers);
}

/** Candidates of the region, filtered; `frontdeskIds` null means every desk (and self-registrations). */
export async function listCandidateRows(
  scope: RegionScope,
  filter: { frontdeskIds: string[] | null; stage?: Stage | undefined; frontdeskId?: string | undefined; consultantId?: string | undefined },
): Promise<CandidateWithNames[]> {
  if (filter.frontdeskIds !== null && filter.frontdeskIds.length === 0) return [];
  return toCandidates(await candidateRowsQuery(scope, filter));
}

export function listCommitments(scope: RegionScope, candidateId: string) {
  return scope.db.db
    .select({ commitment: scoutingCommitments, consultantName: users.name })
    .from(scoutingCommitments)
    .leftJoin(users, eq(users.id, scoutingCommitments.consultantUserId))
    .where(and(eq(scoutingCommitments.regionId, scope.region.id), eq(scoutingCommitments.candidateId, candidateId)))
    .orderBy(asc(scoutingCommitments.agreedAt), asc(scoutingCommitments.id));
}

export function intakeCommitmentCountQuery(scope: RegionScope, candidateId: string) {
  return scope.db.db
    .select({ n: sql<number>`count(*)` })
    .from(scoutingCommitments)
    .where(and(eq(scoutingCommitments.regionId, scope.region.id), eq(scoutingCommitments.candidateId, candidateId), eq(scoutingCommitments.point, "intake")));
}

export async function countIntakeCommitments(scope: RegionScope, candidateId: string): Promise<number> {
  const rows = await intakeCommitmentCountQuery(scope, candidateId);
  return Number(rows[0]?.n ?? 0);
}

export function listSessions(scope: RegionScope, candidateId: string) {
  return scope.db.db
    .select()
    .from(scoutingSessions)
    .where(and(eq(scoutingSessions.regionId, scope.region.id), eq(scoutingSessions.candidateId, candidateId)))
    .orderBy(asc(scoutingSessions.date), asc(scoutingSessions.createdAt));
}

export function listStageChanges(scope: RegionScope, candidateId: string) {
  return scope.db.db
    .select({ change: scoutingStageChanges, actorName: users.name })
    .from(scoutingStageChanges)
    .leftJoin(users, eq(users.id, scoutingStageChanges.actorUserId))
    .where(and(eq(scoutingStageChanges.regionId, scope.region.id), eq(scoutingStageChanges.candidateId, candidateId)))
    .orderBy(asc(scoutingStageChanges.changedAt), asc(scoutingStageChanges.id));
}

export function insertCandidateStatement(scope: RegionScope, row: Omit<typeof scoutingCandidates.$inferInsert, "regionId">) {
  return scope.db.db.insert(scoutingCandidates).values({ ...row, regionId: scope.region.id });
}

/** Changes a candidate only if nobody else changed it since it was read (`expectedChangeId`). */
export function updateCandidateStatement(
  scope: RegionScope,
  id: string,
  expectedChangeId: string,
  patch: Partial<Omit<typeof scoutingCandidates.$inferInsert, "id" | "regionId">> & { changeId: string; updatedAt: number },
) {
  return scope.db.db
    .update(scoutingCandidates)
    .set(patch)
    .where(and(eq(scoutingCandidates.regionId, scope.region.id), eq(scoutingCandidates.id, id), eq(scoutingCandidates.changeId, expectedChangeId)));
}

export function insertStageChangeStatement(scope: RegionScope, row: Omit<typeof scoutingStageChanges.$inferInsert, "regionId">) {
  return scope.db.db.insert(scoutingStageChanges).values({ ...row, regionId: scope.region.id });
}

export function insertCommitmentStatement(scope: RegionScope, row: Omit<typeof scoutingCommitments.$inferInsert, "regionId">) {
  return scope.db.db.insert(scoutingCommitments).values({ ...row, regionId: scope.region.id });
}

export function insertSessionStatement(scope: RegionScope, row: Omit<typeof scoutingSessions.$inferInsert, "regionId">) {
  return scope.db.db.insert(scoutingSessions).values({ ...row, regionId: scope.region.id });
}

export function noShowRuleQuery(scope: RegionScope) {
  return scope.db.db.select({ noShowRule: scoutingSettings.noShowRule }).from(scoutingSettings).where(eq(scoutingSettings.regionId, scope.region.id)).limit(1);
}

export async function findNoShowRule(scope: RegionScope): Promise<number> {
  const rows = await noShowRuleQuery(scope);
  return rows[0]?.noShowRule ?? DEFAULT_NO_SHOW_RULE;
}

export function upsertSettingsStatement(scope: RegionScope, settings: { noShowRule: number }, now: number): WriteStatement {
  return scope.db.db
    .insert(scoutingSettings)
    .values({ regionId: scope.region.id, noShowRule: settings.noShowRule, updatedAt: now })
    .onConflictDoUpdate({ target: scoutingSettings.regionId, set: { noShowRule: settings.noShowRule, updatedAt: now } });
}

/**
 * The user is a consultant of this region: a membership with that role (issue 19), so a
 * consultant of several regions is one in each of them.
 */
function consultantOfRegion(scope: RegionScope) {
  return sql`exists (select 1 from user_regions m where m.user_id = "users"."id" and m.region_id = ${scope.region.id} and m.role = 'consultant')`;
}

/** A consultant of this region whose account is enabled, or null. */
export async function findRegionConsultant(scope: RegionScope, userId: string): Promise<{ id: string; name: string; email: string } | null> {
  const rows = await scope.db.db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(consultantOfRegion(scope), eq(users.id, userId), isNull(users.disabledAt)))
    .limit(1);
  return rows[0] ?? null;
}

/** Statement for a read plan: the region's enabled consultants, by name. */
export function regionConsultantsQuery(scope: RegionScope) {
  return scope.db.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(consultantOfRegion(scope), isNull(users.disabledAt)))
    .orderBy(asc(users.name), asc(users.id));
}

/** Statement for a read plan: each enabled consultant of the region with their active trajectories and recent sessions (`toConsultantLoads`). */
export function consultantLoadsQuery(scope: RegionScope, sinceDate: string) {
  const active = sql<number>`(select count(*) from scouting_candidates c where c.region_id = ${scope.region.id} and c.consultant_user_id = "users"."id"
    and c.stage in ('registered', 'intake', 'ambition_assessed', 'plan_in_development'))`;
  const pending = sql<number>`(select count(*) from scouting_candidates c where c.region_id = ${scope.region.id} and c.consultant_user_id = "users"."id" and c.decision_required = 1
    and c.stage in ('registered', 'intake', 'ambition_assessed', 'plan_in_development'))`;
  const recent = sql<number>`(select count(*) from scouting_sessions s where s.region_id = ${scope.region.id} and s.consultant_user_id = "users"."id" and s.date >= ${sinceDate})`;
  // The consultant's capacity in FTE (issue 19; across their regions), null when none is set.
  const fte = sql<number | null>`(select k.fte from consultant_capacity k where k.user_id = "users"."id")`;
  return scope.db.db
    .select({ id: users.id, name: users.name, activeTrajectories: active, decisionsRequired: pending, sessionsLast30Days: recent, fte })
    .from(users)
    .where(and(consultantOfRegion(scope), isNull(users.disabledAt)))
    .orderBy(asc(users.name), asc(users.id));
}

export function toConsultantLoads(rows: Awaited<ReturnType<typeof consultantLoadsQuery>>) {
  return rows.map((r) => ({
    ...r,
    activeTrajectories: Number(r.activeTrajectories),
    decisionsRequired: Number(r.decisionsRequired),
    sessionsLast30Days: Number(r.sessionsLast30Days),
    fte: r.fte === null || r.fte === undefined ? null : Number(r.fte),
  }));
}

/** Each enabled consultant of the region with their active trajectories and recent sessions. */
export async function listConsultantLoads(scope: RegionScope, sinceDate: string) {
  return toConsultantLoads(await consultantLoadsQuery(scope, sinceDate));
}

/** The facts the figures need about the candidates registered in `[from, to)`: no personal data. */
export interface CohortRow {
  id: string;
  frontdeskId: string | null;
  frontdeskName: string | null;
  stage: Stage;
  qualified: boolean;
  stopReason: string | null;
  referralKind: string | null;
  attendedSessions: number;
}

/**
 * Statements for a read plan: the cohort of candidates registered in `[from, to)` in the
 * given regions (one region for a region's report, all for the province) and the stages
 * they reached. Rows carry their region id, so one batch serves every region.
 */
export function cohortQueries(db: Db, regionIds: readonly string[] | null, from: number, to: number) {
  const ids = regionIds === null ? null : regionIds.length ? [...regionIds] : [""];
  const inPeriod = and(
    ids ? inArray(scoutingCandidates.regionId, ids) : undefined,
    gte(scoutingCandidates.createdAt, from),
    lt(scoutingCandidates.createdAt, to),
  );
  return {
    candidates: db.db
      .select({
        regionId: scoutingCandidates.regionId,
        id: scoutingCandidates.id,
        frontdeskId: scoutingCandidates.frontdeskId,
        frontdeskName: frontdesks.name,
        stage: scoutingCandidates.stage,
        qualifiedAt: scoutingCandidates.qualifiedAt,
        stopReason: scoutingCandidates.stopReason,
        referralKind: scoutingCandidates.referralKind,
        attendedSessions: sessionCount,
      })
      .from(scoutingCandidates)
      .leftJoin(frontdesks, and(eq(frontdesks.id, scoutingCandidates.frontdeskId), eq(frontdesks.regionId, scoutingCandidates.regionId)))
      .where(inPeriod),
    reached: db.db
      .selectDistinct({ regionId: scoutingStageChanges.regionId, candidateId: scoutingStageChanges.candidateId, stage: scoutingStageChanges.toStage })
      .from(scoutingStageChanges)
      .innerJoin(scoutingCandidates, eq(scoutingCandidates.id, scoutingStageChanges.candidateId))
      .where(and(ids ? inArray(scoutingStageChanges.regionId, ids) : undefined, eq(scoutingStageChanges.regionId, scoutingCandidates.regionId), inPeriod)),
  };
}

type CohortCandidateRow = { regionId: string; qualifiedAt: number | null; attendedSessions: unknown } & Omit<CohortRow, "qualified" | "attendedSessions">;

/** Splits the rows of `cohortQueries` by region, in the shape the figures want. */
export function cohortsByRegion(
  candidates: readonly CohortCandidateRow[],
  reached: readonly { regionId: string; candidateId: string; stage: Stage }[],
): Map<string, { candidates: CohortRow[]; reachedStages: { candidateId: string; stage: Stage }[] }> {
  const out = new Map<string, { candidates: CohortRow[]; reachedStages: { candidateId: string; stage: Stage }[] }>();
  const of = (regionId: string) => {
    let cohort = out.get(regionId);
    if (!cohort) {
      cohort = { candidates: [], reachedStages: [] };
      out.set(regionId, cohort);
    }
    return cohort;
  };
  for (const r of candidates) {
    of(r.regionId).candidates.push({
      id: r.id,
      frontdeskId: r.frontdeskId,
      frontdeskName: r.frontdeskName,
      stage: r.stage,
      qualified: r.qualifiedAt !== null,
      stopReason: r.stopReason,
      referralKind: r.referralKind,
      attendedSessions: Number(r.attendedSessions),
    });
  }
  for (const r of reached) of(r.regionId).reachedStages.push({ candidateId: r.candidateId, stage: r.stage });
  return out;
}

export async function listCohort(
  scope: RegionScope,
  from: number,
  to: number,
): Promise<{ candidates: CohortRow[]; reachedStages: { candidateId: string; stage: Stage }[] }> {
  const queries = cohortQueries(scope.db, [scope.region.id], from, to);
  const plan = new ReadPlan(scope.db);
  const candidates = plan.add(queries.candidates);
  const reached = plan.add(queries.reached);
  await plan.run();
  return cohortsByRegion(candidates.value, reached.value).get(scope.region.id) ?? { candidates: [], reachedStages: [] };
}

/**
 * Statements that erase what the region stores about candidates with this e-mail address:
 * contact details, company name and KvK number, ambition, session and stage notes, and the
 * entrepreneur's name and the texts of the commitments.
 * Stages, desks, dates and counts stay, so the figures keep counting. For the privacy
 * feature's erasure batch.
 * @example statements.push(...eraseCandidateStatements(scope, "an@brood.nl", Date.now()));
 */
export function eraseCandidateStatements(scope: RegionScope, email: string, now: number): InStatement[] {
  const address = email.trim().toLowerCase();
  const matching = "select id from scouting_candidates where region_id = ? and email = ?";
  return [
    {
      sql: `update scouting_sessions set note = null where region_id = ? and candidate_id in (${matching})`,
      args: [scope.region.id, scope.region.id, address],
    },
    {
      // The commitments are free text written with the entrepreneur: they go with the name.
      sql: `update scouting_commitments set entrepreneur_name = '', entrepreneur_commitment = '', consultant_commitment = '' where region_id = ? and candidate_id in (${matching})`,
      args: [scope.region.id, scope.region.id, address],
    },
    {
      sql: `update scouting_stage_changes set note = null where region_id = ? and candidate_id in (${matching})`,
      args: [scope.region.id, scope.region.id, address],
    },
    {
      // Company name and KvK number identify a one-person business, so they go too (emptied:
      // the columns are required); stage, topic, municipality and dates stay for the figures.
      sql: "update scouting_candidates set contact_name = null, email = null, phone = null, ambition = null, company_name = '', kvk_number = '', anonymised_at = ?, updated_at = ? where region_id = ? and email = ?",
      args: [now, now, scope.region.id, address],
    },
  ];
}

/**
 * Who hears of a new candidate: the region's active admins (members of the region with that
 * role) and the programme office's active users (they manage the Support Process everywhere).
 */
export async function listCandidateNoticeRecipients(scope: RegionScope): Promise<{ id: string; email: string }[]> {
  const adminOfRegion = sql`exists (select 1 from user_regions m where m.user_id = "users"."id" and m.region_id = ${scope.region.id} and m.role = 'region_admin')`;
  return scope.db.db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(or(adminOfRegion, eq(users.role, "programme_office")), isNull(users.disabledAt)))
    .orderBy(asc(users.email), asc(users.id));
}

/**
 * A Support Process mail for the outbox (no appointment). The dedupe key makes it once per
 * candidate and recipient without holding the address: `confirmation` for the entrepreneur,
 * the admin's user id for a notice (an erasure empties recipient and body, not the key).
 */
export function insertCandidateMailStatement(
  scope: RegionScope,
  row: {
    kind: "candidate_confirmation" | "candidate_notice";
    candidateId: string;
    /** The admin's user id for a notice; none for the entrepreneur's confirmation. */
    adminId?: string;
    recipient: string;
    subject: string;
    text: string;
    html: string;
    now: number;
  },
): InStatement {
  return {
    sql: `insert or ignore into outbox (id, region_id, appointment_id, kind, dedupe_key, recipient, subject, text_body, html_body, ics_body, status, attempts, next_attempt_at, created_at)
          values (?, ?, null, ?, ?, ?, ?, ?, ?, null, 'pending', 0, ?, ?)`,
    args: [
      newId(),
      scope.region.id,
      row.kind,
      `${row.candidateId}:${row.adminId ?? "confirmation"}`,
      row.recipient,
      row.subject,
      row.text,
      row.html,
      row.now,
      row.now,
    ],
  };
}

/**
 * The mail to a consultant that a trajectory was assigned to them, written only if the
 * assignment's guarded update happened (the candidate carries `changeId`). Once per candidate
 * and consultant (dedupe key): assigning the same consultant again sends nothing.
 */
export function insertAssignmentMailStatement(
  scope: RegionScope,
  row: { candidateId: string; changeId: string; consultantId: string; recipient: string; subject: string; text: string; html: string; now: number },
): InStatement {
  return {
    sql: `insert or ignore into outbox (id, region_id, appointment_id, kind, dedupe_key, recipient, subject, text_body, html_body, ics_body, status, attempts, next_attempt_at, created_at)
          select ?, ?, null, 'candidate_assigned', ?, ?, ?, ?, ?, null, 'pending', 0, ?, ?
          where exists (select 1 from scouting_candidates where region_id = ? and id = ? and change_id = ?)`,
    args: [
      newId(),
      scope.region.id,
      `${row.candidateId}:${row.consultantId}`,
      row.recipient,
      row.subject,
      row.text,
      row.html,
      row.now,
      row.now,
      scope.region.id,
      row.candidateId,
      row.changeId,
    ],
  };
}
