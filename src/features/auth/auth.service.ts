import { eq } from "drizzle-orm";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import { afterAnswer, type Actor, type AppContext } from "../../lib/context";
import type { Db } from "../../db/client";
import { DomainError } from "../../lib/errors";
import { newToken, sha256Hex } from "../../lib/ids";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "../../lib/password";
import { deleteSession, findUserByEmail, sessionRead, touchSession, type SessionRecord } from "./auth.repo";
import { ReadPlan } from "../../db/read";
import { sessions } from "../../db/schema";
import { writeBatch } from "../../db/write";
import { clientAddress, consumeLimit, emailKey, refundHit } from "../../lib/rate-limit";
import { auditStatement } from "../audit/audit.repo";
import { readKnownDevice, rememberDevice, writeRememberedDevice } from "./device";

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** Refresh last-seen at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

/** `__Host-` binds the cookie to our exact origin over HTTPS; plain HTTP on localhost cannot use it. */
export function sessionCookieName(c: AppContext): string {
  return c.var.config.isLocal ? "mkb_session" : "__Host-mkb_session";
}

/**
 * The actor of a session record, or null when unknown, expired or the user is disabled.
 * Book-keeping writes (removing an expired session, refreshing last-seen) are returned as
 * work to do after the answer, so reading a session never adds a round trip before it.
 */
function actorOfRecord(db: Db, found: SessionRecord | null, now: number): { actor: Actor | null; later: (() => Promise<unknown>) | null } {
  if (!found || found.user.disabledAt !== null) return { actor: null, later: null };
  const idHash = found.session.idHash;
  if (now - found.session.lastSeenAt > SESSION_IDLE_MS || now - found.session.createdAt > SESSION_ABSOLUTE_MS) {
    return { actor: null, later: () => deleteSession(db, idHash) };
  }
  const actor: Actor = {
    id: found.user.id,
    email: found.user.email,
    name: found.user.name,
    role: found.user.role,
    regionId: found.user.regionId,
    regionSlug: found.regionSlug,
    frontdeskIds: found.user.role === "frontdesk_staff" ? found.frontdeskIds : [],
    organisationId: found.user.organisationId,
    organisationSlug: found.organisationSlug,
    memberships: found.memberships,
    municipality: found.user.role === "municipality_viewer" ? found.user.municipality : null,
    sessionIdHash: idHash,
  };
  return { actor, later: now - found.session.lastSeenAt > TOUCH_INTERVAL_MS ? () => touchSession(db, idHash, now) : null };
}

async function actorForSession(db: Db, idHash: string, now: number): Promise<Actor | null> {
  const plan = new ReadPlan(db);
  const found = plan.add(sessionRead(idHash));
  await plan.run();
  const { actor, later } = actorOfRecord(db, found.value[0] ?? null, now);
  await later?.();
  return actor;
}

/**
 * Adds the request's session lookup to a read plan (nothing when there is no session
 * cookie or it was looked up already); call the returned function after `plan.run()`: it
 * sets `actor` on the context and returns it. Disabled users and changed roles take effect
 * at once because the user row is read on every request.
 * @example const actorOf = await planActor(c, plan); await plan.run(); const actor = actorOf();
 */
export async function planActor(c: AppContext, plan: ReadPlan): Promise<() => Actor | null> {
  if (c.var.actorLoaded) return () => c.var.actor;
  const token = getCookie(c, sessionCookieName(c));
  if (!token || token.length > 100) {
    return () => {
      c.set("actorLoaded", true);
      return null;
    };
  }
  const idHash = await sha256Hex(token);
  const found = plan.add(sessionRead(idHash));
  return () => {
    if (c.var.actorLoaded) return c.var.actor;
    const { actor, later } = actorOfRecord(c.var.db, found.value[0] ?? null, c.var.now);
    if (later) afterAnswer(c, later);
    noteSession(idHash, actor !== null, c.var.now);
    c.set("actor", actor);
    c.set("actorLoaded", true);
    return actor;
  };
}

/**
 * Sessions this isolate found valid lately (hash → when). A route may then read the session
 * in the same batch as its data (`AccessOptions.sessionWithData`), still deciding on what
 * that batch finds; a cookie not seen valid here never gets data read on its behalf.
 */
const recentlyValid = new Map<string, number>();
const RECENTLY_VALID_MS = 5 * 60_000;
const RECENTLY_VALID_MAX = 1000;

function noteSession(idHash: string, valid: boolean, now: number): void {
  if (!valid) {
    recentlyValid.delete(idHash);
    return;
  }
  if (recentlyValid.size >= RECENTLY_VALID_MAX && !recentlyValid.has(idHash)) recentlyValid.clear();
  recentlyValid.set(idHash, now);
}

/**
 * Whether the request's staff session was found valid by this isolate within the last
 * minutes (a hint only: the session is read and checked again before anything is answered).
 */
export async function sessionSeenValid(c: AppContext): Promise<boolean> {
  const token = getCookie(c, sessionCookieName(c));
  if (!token || token.length > 100) return false;
  const seen = recentlyValid.get(await sha256Hex(token));
  return seen !== undefined && c.var.now - seen >= 0 && c.var.now - seen < RECENTLY_VALID_MS;
}

/**
 * Returns the signed-in user of the request, or null (one round trip unless known already).
 * @example const actor = await loadActor(c);
 */
export async function loadActor(c: AppContext): Promise<Actor | null> {
  if (c.var.actorLoaded) return c.var.actor;
  const plan = new ReadPlan(c.var.db);
  const actorOf = await planActor(c, plan);
  await plan.run();
  return actorOf();
}

/**
 * Checks the credentials and starts a new session (a fresh id at every sign-in).
 * The same message for an unknown e-mail and a wrong password, and the same work.
 * Failed attempts are limited per client address and per e-mail address (429 with
 * Retry-After) and audited in the user's region (no e-mail address or password in it).
 * A browser that signed in to this account before (a known device, `device.ts`) is counted
 * in a bucket of its own instead of the e-mail address's, so guesses from elsewhere cannot
 * lock the real user out.
 * @example const { token, actor } = await signIn(c, "beheer@zuid-limburg.test", "…");
 */
export async function signIn(c: AppContext, emailInput: string, password: string): Promise<{ token: string; actor: Actor }> {
  const db = c.var.db;
  const email = emailInput.toLowerCase();
  const perIp = clientAddress(c);
  const now = c.var.now;
  // Every attempt is counted before the password is checked, so parallel guesses cannot
  // slip past the limit; a correct sign-in takes its count back below.
  const [, user, device] = await Promise.all([consumeLimit(c, "loginPerIp", perIp, now), findUserByEmail(db, email), readKnownDevice(c, now)]);
  const known = device !== null && user !== null && device.userId === user.id;
  const perEmail = known ? `${await emailKey(email)}:device:${device.deviceId}` : await emailKey(email);
  try {
    await consumeLimit(c, "loginPerEmail", perEmail, now);
  } catch (error) {
    // The address's own attempt is not counted against the client address twice.
    await refundHit(c, "loginPerIp", perIp, now);
    throw error;
  }
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok || !user.passwordHash || user.disabledAt !== null) {
    const reason = !user ? "unknown_account" : user.disabledAt !== null ? "disabled" : !user.passwordHash ? "no_password" : "wrong_password";
    await writeBatch(db, [auditStatement(db, user?.regionId ?? null, null, "auth.login_failed", user ? { type: "user", id: user.id } : null, { reason }, now)]);
    throw new DomainError("unauthenticated", "The e-mail address or password is not correct.");
  }
  await refundHit(c, "loginPerEmail", perEmail, now);
  await refundHit(c, "loginPerIp", perIp, now);
  const token = newToken(32);
  const idHash = await sha256Hex(token);
  await writeBatch(db, [
    db.db.insert(sessions).values({ idHash, userId: user.id, createdAt: now, lastSeenAt: now }),
    auditStatement(db, user.regionId, { id: user.id }, "auth.login", { type: "user", id: user.id }, { knownDevice: known }, now),
  ]);
  const actor = await actorForSession(db, idHash, now);
  if (!actor) throw new DomainError("unauthenticated", "The e-mail address or password is not correct.");
  await rememberDevice(c, user.id, device, now);
  return { token, actor };
}

export function setSessionCookie(c: AppContext, token: string): void {
  setCookie(c, sessionCookieName(c), token, {
    httpOnly: true,
    secure: !c.var.config.isLocal,
    sameSite: "Lax",
    path: "/",
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
  writeRememberedDevice(c);
}

export async function signOut(c: AppContext): Promise<void> {
  const actor = await loadActor(c);
  if (actor) {
    await writeBatch(c.var.db, [
      c.var.db.db.delete(sessions).where(eq(sessions.idHash, actor.sessionIdHash)),
      auditStatement(c.var.db, actor.regionId, actor, "auth.logout", { type: "user", id: actor.id }, {}, c.var.now),
    ]);
  }
  deleteCookie(c, sessionCookieName(c), { path: "/", secure: !c.var.config.isLocal });
}

/** The public shape of a user: never hashes or tokens. */
export function toUserDto(actor: Actor) {
  return {
    id: actor.id,
    email: actor.email,
    name: actor.name,
    role: actor.role,
    ...(actor.regionSlug ? { region: actor.regionSlug } : {}),
    ...(actor.role === "frontdesk_staff" ? { frontdeskIds: actor.frontdeskIds } : {}),
    ...(actor.organisationSlug ? { organisation: actor.organisationSlug } : {}),
    ...(actor.memberships.length > 1 ? { regions: actor.memberships.map((m) => ({ region: m.regionSlug, role: m.role })) } : {}),
    ...(actor.municipality ? { municipality: actor.municipality } : {}),
  };
}
