import { fromBase64, toBase64Url } from "./ids";

/** The Workers runtime caps PBKDF2 at 100,000 iterations. */
export const PBKDF2_ITERATIONS = 100_000;

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

function toBase64(bytes: Uint8Array): string {
  return toBase64Url(bytes).replace(/-/g, "+").replace(/_/g, "/");
}

/**
 * Hashes a password with PBKDF2-SHA256 and a random 16-byte salt.
 * @example const stored = await hashPassword("correct horse battery");
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, PBKDF2_ITERATIONS);
  return `pbkdf2$${PBKDF2_ITERATIONS}$${toBase64(salt)}$${toBase64(hash)}`;
}

/**
 * Checks a password against a stored hash in constant time.
 * @example if (await verifyPassword(input, user.passwordHash)) signIn();
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, saltB64, hashB64] = stored.split("$");
  if (scheme !== "pbkdf2" || !iterations || !saltB64 || !hashB64) return false;
  const expected = fromBase64(hashB64);
  const actual = await derive(password, fromBase64(saltB64), Number(iterations));
  return timingSafeEqual(actual, expected);
}

/** Compares two byte arrays without an early exit, so timing reveals nothing. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** A password that takes a dummy derivation, so an unknown e-mail costs as much time as a wrong password. */
export const DUMMY_PASSWORD_HASH = "pbkdf2$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
