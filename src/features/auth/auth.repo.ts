import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { rawRead, type RawRead } from "../../db/read";
import type { Role } from "../../db/schema";
import { sessions, users } from "../../db/schema";

/** Users and sessions are platform-level: sign-in happens before a region is known. */
export async function findUserByEmail(db: Db, email: string) {
  const rows = await db.db.select().from(users).where(eq(users.email, email)).limit(1);
  return rows[0] ?? null;
}

export async function touchSession(db: Db, idHash: string, now: number): Promise<void> {
  await db.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.db.delete(sessions).where(eq(sessions.idHash, idHash));
}

export interface SessionRecord {
  session: { idHash: string; createdAt: number; lastSeenAt: number };
  user: {
    id: string;
    email: string;
    name: string;
    role: Role;
    regionId: string | null;
    organisationId: string | null;
    municipality: string | null;
    disabledAt: number | null;
  };
  regionSlug: string | null;
  organisationSlug: string | null;
  frontdeskIds: string[];
  /** The user's region memberships (issue 19), home region included. */
  memberships: { regionId: string; regionSlug: string; regionName: string; role: Role }[];
}

/**
 * The session, its user, the user's region slug, organisation and desks in one statement, so the
 * session costs no round trip of its own: it joins the batch of the page or route.
 * @example plan.add(sessionRead(idHash))
 */
export function sessionRead(idHash: string): RawRead<SessionRecord[]> {
  return rawRead(
    `select s.id_hash, s.created_at, s.last_seen_at, u.id, u.email, u.name, u.role, u.region_id, u.organisation_id, u.municipality, u.disabled_at, r.slug,
       o.slug as organisation_slug,
       (select json_group_array(uf.frontdesk_id) from user_frontdesks uf where uf.user_id = u.id) as desk_ids,
       (select json_group_array(json_object('regionId', m.region_id, 'regionSlug', mr.slug, 'regionName', mr.name, 'role', m.role))
          from user_regions m join regions mr on mr.id = m.region_id where m.user_id = u.id) as memberships
     from sessions s join users u on u.id = s.user_id left join regions r on r.id = u.region_id
       left join organisations o on o.id = u.organisation_id
     where s.id_hash = ? limit 1`,
    [idHash],
    (r) => ({
      session: { idHash: String(r.id_hash), createdAt: Number(r.created_at), lastSeenAt: Number(r.last_seen_at) },
      user: {
        id: String(r.id),
        email: String(r.email),
        name: String(r.name),
        role: String(r.role) as Role,
        regionId: r.region_id === null ? null : String(r.region_id),
        organisationId: r.organisation_id === null ? null : String(r.organisation_id),
        municipality: r.municipality === null || r.municipality === undefined ? null : String(r.municipality),
        disabledAt: r.disabled_at === null ? null : Number(r.disabled_at),
      },
      regionSlug: r.slug === null ? null : String(r.slug),
      organisationSlug: r.organisation_slug === null ? null : String(r.organisation_slug),
      frontdeskIds: (JSON.parse(String(r.desk_ids ?? "[]")) as string[]).sort(),
      memberships: (JSON.parse(String(r.memberships ?? "[]")) as SessionRecord["memberships"]).sort((a, b) => a.regionSlug.localeCompare(b.regionSlug)),
    }),
  );
}
