/**
 * Known devices: a signed cookie set at every successful sign-in, so the failed-sign-in
 * limit per e-mail address cannot lock the real user out.
 *
 * Ten wrong passwords for one address within 15 minutes, from anywhere, block that address
 * (429) — that stops guessing, but it also lets anyone lock out the real user. A browser
 * that signed in to the account before holds a device cookie
 * (`<user id>.<device id>.<issued at>.<HMAC>`, HttpOnly, 90 days). Its attempts at that
 * account are counted in a bucket of their own (the same 10 per 15 minutes, per device), not
 * in the address's bucket: guesses from elsewhere do not lock it out, and its own wrong
 * passwords still lock only itself. The limit per client address (30 per 15 minutes) applies
 * to everyone, device cookie or not. The cookie is signed with the keyed-hash key
 * (`src/lib/keyed-hash.ts`); a forged, altered, expired or another account's cookie counts as
 * no cookie. Without a key (production with no secret at all) there are no known devices.
 */
import { getCookie, setCookie } from "hono/cookie";
import type { AppContext } from "../../lib/context";
import { newToken } from "../../lib/ids";
import { keyedHash } from "../../lib/keyed-hash";
import { timingSafeEqual } from "../../lib/password";

export const DEVICE_MAX_AGE_SECONDS = 90 * 24 * 3600;

function deviceCookieName(c: AppContext): string {
  return c.var.config.isLocal ? "mkb_device" : "__Host-mkb_device";
}

function sign(c: AppContext, payload: string): Promise<string | null> {
  return keyedHash(c.var.config, "device-cookie", payload);
}

/** A known device of a user: which one (for its own rate-limit bucket). */
export interface KnownDevice {
  userId: string;
  deviceId: string;
}

/**
 * The device of the request, when it carries a valid device cookie (signature, age).
 * @example const device = await readKnownDevice(c, Date.now());
 */
export async function readKnownDevice(c: AppContext, now: number): Promise<KnownDevice | null> {
  const raw = getCookie(c, deviceCookieName(c));
  if (!raw || raw.length > 300) return null;
  const parts = raw.split(".");
  if (parts.length !== 4) return null;
  const [userId = "", deviceId = "", issued = "", signature = ""] = parts;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(userId) || !/^[A-Za-z0-9_-]{16,64}$/.test(deviceId) || !/^\d{1,15}$/.test(issued)) return null;
  const issuedAt = Number(issued);
  if (issuedAt > now + 60_000 || now - issuedAt > DEVICE_MAX_AGE_SECONDS * 1000) return null;
  const expected = await sign(c, `${userId}.${deviceId}.${issued}`);
  if (!expected) return null;
  const encoder = new TextEncoder();
  if (!timingSafeEqual(encoder.encode(signature), encoder.encode(expected))) return null;
  return { userId, deviceId };
}

/** Device cookies computed at sign-in, written right after the session cookie (see below). */
const pending = new WeakMap<Request, string>();

/**
 * Marks this browser as a known device of the user (after a correct password), keeping its
 * device id when it already had one for this user. The cookie is written by
 * {@link writeRememberedDevice} when the session cookie is set, so the session cookie stays
 * the first one of the answer.
 */
export async function rememberDevice(c: AppContext, userId: string, current: KnownDevice | null, now: number): Promise<void> {
  const deviceId = current?.userId === userId ? current.deviceId : newToken(16);
  const payload = `${userId}.${deviceId}.${now}`;
  const signature = await sign(c, payload);
  if (signature) pending.set(c.req.raw, `${payload}.${signature}`);
}

/** Sets the device cookie remembered for this request, if any. */
export function writeRememberedDevice(c: AppContext): void {
  const value = pending.get(c.req.raw);
  if (!value) return;
  pending.delete(c.req.raw);
  setCookie(c, deviceCookieName(c), value, {
    httpOnly: true,
    secure: !c.var.config.isLocal,
    sameSite: "Strict",
    path: "/",
    maxAge: DEVICE_MAX_AGE_SECONDS,
  });
}
