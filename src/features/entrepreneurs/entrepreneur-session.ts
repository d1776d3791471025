/**
 * Entrepreneur sessions: the same rules as staff sessions (256-bit random id, only its SHA-256
 * stored, HttpOnly, Secure and `__Host-` outside local development, SameSite=Lax, idle and
 * absolute expiry, Origin check on writes by the access rule), but their own table and their
 * own cookie. The staff session loader never reads this cookie and this loader never reads
 * the staff one, so neither kind of session can pass for the other.
 */
import type { InStatement } from "@libsql/client/web";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppContext, EntrepreneurActor } from "../../lib/context";
import { sha256Hex } from "../../lib/ids";
import { ReadPlan } from "../../db/read";
import { deleteSessionStatement, sessionQuery, touchSessionStatement } from "./entrepreneurs.repo";

/** A session ends after a week without use, and a month after sign-in whatever happens. */
export const ENTREPRENEUR_SESSION_IDLE_MS = 7 * 24 * 3_600_000;
export const ENTREPRENEUR_SESSION_ABSOLUTE_MS = 30 * 24 * 3_600_000;
/** Refresh last-seen at most this often, so reads do not turn into writes. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

/** `__Host-` binds the cookie to our exact origin over HTTPS; plain HTTP on localhost cannot use it. */
export function entrepreneurCookieName(c: AppContext): string {
  return c.var.config.isLocal ? "mkb_me" : "__Host-mkb_me";
}

/** Whether the request sends an entrepreneur session cookie at all (nothing read; the session may still be invalid). */
export function hasEntrepreneurCookie(c: AppContext): boolean {
  const token = getCookie(c, entrepreneurCookieName(c));
  return token !== undefined && token !== "" && token.length <= 100;
}

/** Runs book-keeping after the answer (never delays it); failures are logged. */
function afterAnswer(c: AppContext, work: () => Promise<unknown>): void {
  const promise = work().catch((error: unknown) => {
    console.error(JSON.stringify({ level: "error", msg: "entrepreneur session book-keeping failed", requestId: c.var.requestId, error: String(error) }));
  });
  try {
    c.executionCtx.waitUntil(promise);
  } catch {
    // No execution context (in-process app.request): the promise still runs.
  }
}

/**
 * The signed-in entrepreneur of the request, or null: one statement (session and account).
 * An expired session is removed, a live one's last-seen refreshed every 5 minutes, both after
 * the answer, so a signed-in read costs this one round trip and its own.
 * @example const me = await loadEntrepreneur(c);
 */
export async function loadEntrepreneur(c: AppContext): Promise<EntrepreneurActor | null> {
  const plan = new ReadPlan(c.var.db);
  const session = await planEntrepreneur(c, plan);
  await plan.run();
  return session.me();
}

/** The entrepreneur session of a request being read in a plan (see {@link planEntrepreneur}). */
export interface PlannedEntrepreneur {
  /**
   * The session's id hash when the request sends the cookie (null: nobody is signed in), for
   * statements of the same plan that depend on the session (`entrepreneur_sessions.id_hash = ?`).
   * The session may still turn out expired or unknown: `me()` decides.
   */
  sessionIdHash: string | null;
  /** After the plan ran: the signed-in entrepreneur, or null. */
  me(): EntrepreneurActor | null;
}

/**
 * Adds the entrepreneur session (when the cookie is sent and it was not read yet) to a read
 * plan, so a route reads it together with its own data in one round trip; the book-keeping
 * of {@link loadEntrepreneur} happens when `me()` is called.
 * @example const session = await planEntrepreneur(c, plan); await plan.run(); const me = session.me();
 */
export async function planEntrepreneur(c: AppContext, plan: ReadPlan): Promise<PlannedEntrepreneur> {
  const known = c.get("entrepreneur");
  if (known !== undefined) return { sessionIdHash: known?.sessionIdHash ?? null, me: () => known };
  const token = getCookie(c, entrepreneurCookieName(c));
  if (!token || token.length > 100) {
    return {
      sessionIdHash: null,
      me: () => {
        c.set("entrepreneur", null);
        return null;
      },
    };
  }
  const idHash = await sha256Hex(token);
  const rows = plan.add(sessionQuery(plan.db, idHash));
  return {
    sessionIdHash: idHash,
    me: () => {
      const again = c.get("entrepreneur");
      if (again !== undefined) return again;
      const entrepreneur = entrepreneurOf(c, idHash, rows.value[0] ?? null);
      c.set("entrepreneur", entrepreneur);
      return entrepreneur;
    },
  };
}

/** The actor of a session row: null for none or an expired one (removed after the answer); a live one's last-seen refreshed every 5 minutes. */
function entrepreneurOf(
  c: AppContext,
  idHash: string,
  found: { session: { entrepreneurId: string; lastSeenAt: number; createdAt: number }; email: string } | null,
): EntrepreneurActor | null {
  if (!found) return null;
  const db = c.var.db;
  const now = c.var.now;
  const { session } = found;
  if (now - session.lastSeenAt > ENTREPRENEUR_SESSION_IDLE_MS || now - session.createdAt > ENTREPRENEUR_SESSION_ABSOLUTE_MS) {
    afterAnswer(c, async () => {
      await deleteSessionStatement(db, idHash);
    });
    return null;
  }
  if (now - session.lastSeenAt > TOUCH_INTERVAL_MS)
    afterAnswer(c, async () => {
      await touchSessionStatement(db, idHash, now);
    });
  return { id: session.entrepreneurId, email: found.email, sessionIdHash: idHash };
}

/**
 * The entrepreneur of a route whose access rule demanded one.
 * @example const me = requireEntrepreneur(c);
 */
export function requireEntrepreneur(c: AppContext): EntrepreneurActor {
  const me = c.get("entrepreneur");
  if (!me) throw new Error("requireEntrepreneur called on a route without the entrepreneur access rule");
  return me;
}

export function setEntrepreneurCookie(c: AppContext, token: string): void {
  setCookie(c, entrepreneurCookieName(c), token, {
    httpOnly: true,
    secure: !c.var.config.isLocal,
    sameSite: "Lax",
    path: "/",
    maxAge: ENTREPRENEUR_SESSION_ABSOLUTE_MS / 1000,
  });
}

export function clearEntrepreneurCookie(c: AppContext): void {
  deleteCookie(c, entrepreneurCookieName(c), { path: "/", secure: !c.var.config.isLocal });
}

/** Expired entrepreneur sessions and spent or expired sign-in links (a day after expiry), for the scheduled clean-up. */
export function expiredEntrepreneurSessionStatements(now: number): InStatement[] {
  return [
    {
      sql: "delete from entrepreneur_sessions where last_seen_at < ? or created_at < ?",
      args: [now - ENTREPRENEUR_SESSION_IDLE_MS, now - ENTREPRENEUR_SESSION_ABSOLUTE_MS],
    },
    { sql: "delete from entrepreneur_login_tokens where expires_at < ?", args: [now - 24 * 3_600_000] },
  ];
}
