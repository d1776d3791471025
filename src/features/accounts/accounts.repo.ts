import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { InStatement } from "@libsql/client/web";
import type { Db } from "../../db/client";
import { accountTokens, frontdesks, municipalities, regions, sessions, userFrontdesks, users, type AccountTokenPurpose } from "../../db/schema";
import type { RegionScope } from "../../db/scope";
import { newId } from "../../lib/ids";

/** Users are platform-level rows; regional reads always filter on the region. */
export type UserRow = typeof users.$inferSelect;

export async function findUserByEmailAddress(db: Db, email: string): Promise<UserRow | null> {
  const rows = await db.db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return rows[0] ?? null;
}

/** A user of this region, or null (also for users of other regions). */
export async function findRegionUser(scope: RegionScope, id: string): Promise<UserRow | null> {
  const rows = await scope.db.db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.regionId, scope.region.id)))
    .limit(1);
  return rows[0] ?? null;
}

/** A user's frontdesks as a JSON array, read with the user (no second query). */
const deskIds = sql<string>`(select json_group_array(uf.frontdesk_id) from user_frontdesks uf where uf.user_id = "users"."id")`;
const parseDeskIds = (json: string | null): string[] => JSON.parse(json ?? "[]") as string[];

/** Statement for a read plan: the region's users by name, each with a JSON array of their desks (`toRegionUsers`). */
export function regionUsersQuery(scope: RegionScope) {
  return scope.db.db.select({ user: users, deskIds }).from(users).where(eq(users.regionId, scope.region.id)).orderBy(asc(users.name));
}

export function toRegionUsers(rows: { user: UserRow; deskIds: string | null }[]): (UserRow & { frontdeskIds: string[] })[] {
  return rows.map((r) => ({ ...r.user, frontdeskIds: parseDeskIds(r.deskIds) }));
}

export async function listRegionUsers(scope: RegionScope): Promise<(UserRow & { frontdeskIds: string[] })[]> {
  return toRegionUsers(await regionUsersQuery(scope));
}

export async function listAllUsers(db: Db): Promise<(UserRow & { regionSlug: string | null; frontdeskIds: string[] })[]> {
  const rows = await db.db
    .select({ user: users, regionSlug: regions.slug, deskIds })
    .from(users)
    .leftJoin(regions, eq(regions.id, users.regionId))
    .orderBy(asc(users.email));
  return rows.map((r) => ({ ...r.user, regionSlug: r.regionSlug, frontdeskIds: parseDeskIds(r.deskIds) }));
}

/** Frontdesk ids per user, for a set of users. */
export async function frontdeskIdsByUser(db: Db, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (userIds.length === 0) return map;
  const rows = await db.db.select().from(userFrontdesks).where(inArray(userFrontdesks.userId, userIds));
  for (const row of rows) map.set(row.userId, [...(map.get(row.userId) ?? []), row.frontdeskId]);
  return map;
}

/** How many of these ids are active frontdesks of the region. */
export async function countRegionFrontdesks(scope: RegionScope, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await scope.db.db
    .select({ n: sql<number>`count(*)` })
    .from(frontdesks)
    .where(and(eq(frontdesks.regionId, scope.region.id), inArray(frontdesks.id, ids), isNull(frontdesks.archivedAt)));
  return Number(rows[0]?.n ?? 0);
}

export function insertUserStatement(db: Db, row: typeof users.$inferInsert) {
  return db.db.insert(users).values(row);
}

export function updateUserStatement(db: Db, id: string, patch: Partial<Pick<UserRow, "name" | "role" | "disabledAt" | "passwordHash">>) {
  return db.db.update(users).set(patch).where(eq(users.id, id));
}

export function replaceUserFrontdesksStatements(db: Db, userId: string, regionId: string, frontdeskIds: string[]) {
  return [
    db.db.delete(userFrontdesks).where(eq(userFrontdesks.userId, userId)),
    ...frontdeskIds.map((frontdeskId) => db.db.insert(userFrontdesks).values({ userId, frontdeskId, regionId })),
  ];
}

export function deleteUserSessionsStatement(db: Db, userId: string) {
  return db.db.delete(sessions).where(eq(sessions.userId, userId));
}

export function insertAccountTokenStatement(db: Db, row: typeof accountTokens.$inferInsert) {
  return db.db.insert(accountTokens).values(row);
}

export async function findAccountToken(db: Db, tokenHash: string, purpose: AccountTokenPurpose) {
  const rows = await db.db
    .select({ token: accountTokens, user: users })
    .from(accountTokens)
    .innerJoin(users, eq(users.id, accountTokens.userId))
    .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose)))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Sets the password only while the token is unspent and unexpired, checked inside the
 * same write transaction that spends it: two concurrent uses cannot both succeed.
 */
export function setPasswordWithTokenStatement(userId: string, passwordHash: string, tokenHash: string, now: number): InStatement {
  return {
    sql: `update users set password_hash = ? where id = ? and disabled_at is null
          and exists (select 1 from account_tokens where token_hash = ? and user_id = ? and used_at is null and expires_at > ?)`,
    args: [passwordHash, userId, tokenHash, userId, now],
  };
}

/** Spends every open token of the user for this purpose (the used one and any older ones). */
export function spendUserTokensStatement(userId: string, purpose: AccountTokenPurpose, now: number): InStatement {
  return { sql: "update account_tokens set used_at = ? where user_id = ? and purpose = ? and used_at is null", args: [now, userId, purpose] };
}

/** An account e-mail (invitation, reset) for the outbox: no appointment, region when known. */
export function insertAccountMailStatement(row: {
  regionId: string | null;
  kind: "invitation" | "password_reset";
  dedupeKey: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  now: number;
}) {
  return {
    sql: `insert into outbox (id, region_id, appointment_id, kind, dedupe_key, recipient, subject, text_body, html_body, ics_body, status, attempts, next_attempt_at, created_at)
          values (?, ?, null, ?, ?, ?, ?, ?, ?, null, 'pending', 0, ?, ?)`,
    args: [newId(), row.regionId, row.kind, row.dedupeKey, row.recipient, row.subject, row.text, row.html, row.now, row.now],
  } satisfies InStatement;
}

export function insertRegionStatements(
  db: Db,
  region: { id: string; slug: string; name: string; operator: string; now: number },
  list: { cbsCode: string; name: string }[],
) {
  return [
    db.db.insert(regions).values({ id: region.id, slug: region.slug, name: region.name, operator: region.operator, createdAt: region.now }),
    ...list.map((m) => db.db.insert(municipalities).values({ id: newId(), regionId: region.id, cbsCode: m.cbsCode, name: m.name })),
  ];
}

/** Every region with its region admins (none: one row with null user fields), by region name and admin name: one statement. */
export function regionsWithAdminsQuery(db: Db) {
  return db.db
    .select({
      regionSlug: regions.slug,
      regionName: regions.name,
      id: users.id,
      name: users.name,
      email: users.email,
      disabledAt: users.disabledAt,
      passwordHash: users.passwordHash,
    })
    .from(regions)
    .leftJoin(users, and(eq(users.regionId, regions.id), eq(users.role, "region_admin")))
    .orderBy(asc(regions.name), asc(users.name));
}
