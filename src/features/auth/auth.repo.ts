import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organisations, regions, sessions, userFrontdesks, users } from "../../db/schema";

/** Users and sessions are platform-level: sign-in happens before a region is known. */
export async function findUserByEmail(db: Db, email: string) {
  const rows = await db.db.select().from(users).where(eq(users.email, email)).limit(1);
  return rows[0] ?? null;
}

export async function findSessionWithUser(db: Db, idHash: string) {
  const rows = await db.db
    .select({
      session: sessions,
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        regionId: users.regionId,
        organisationId: users.organisationId,
        disabledAt: users.disabledAt,
      },
      regionSlug: regions.slug,
      organisationSlug: organisations.slug,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(regions, eq(regions.id, users.regionId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(sessions.idHash, idHash))
    .limit(1);
  return rows[0] ?? null;
}

export async function listUserFrontdeskIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db.db.select({ id: userFrontdesks.frontdeskId }).from(userFrontdesks).where(eq(userFrontdesks.userId, userId));
  return rows.map((r) => r.id);
}

export async function touchSession(db: Db, idHash: string, now: number): Promise<void> {
  await db.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.db.delete(sessions).where(eq(sessions.idHash, idHash));
}
