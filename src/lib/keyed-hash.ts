/**
 * Keyed hashes (HMAC-SHA256) for values that must be recognisable later without being
 * stored, such as an erased e-mail address in the audit log. Unlike a plain SHA-256, nobody
 * who reads the log can test a guessed address against it without the key.
 *
 * The key: the `AUDIT_HASH_KEY` secret (`wrangler secret put AUDIT_HASH_KEY`, at least 32
 * characters). Without it, in production, a key is derived from the `LIBSQL_AUTH_TOKEN`
 * secret (rotating that token then changes the hashes of later entries); when neither is
 * set in production there is no key and callers store no hash at all. Outside production a
 * fixed development key is used, so local runs and tests work without configuration.
 */
import type { Config } from "../env";

const DEV_KEY = "mkb-limburg development audit hash key: not secret, never used in production";

/** The key material for keyed hashes under this configuration, or null when there is none. */
export function hashKeyMaterial(config: Pick<Config, "AUDIT_HASH_KEY" | "LIBSQL_AUTH_TOKEN" | "isLocal">): string | null {
  if (config.AUDIT_HASH_KEY) return config.AUDIT_HASH_KEY;
  if (config.LIBSQL_AUTH_TOKEN) return `derived from LIBSQL_AUTH_TOKEN\n${config.LIBSQL_AUTH_TOKEN}`;
  return config.isLocal ? DEV_KEY : null;
}

const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(material: string): Promise<CryptoKey> {
  let key = keys.get(material);
  if (!key) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(material), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(material, key);
  }
  return key;
}

/**
 * Hex HMAC-SHA256 of `value` for one `purpose` (so hashes of one purpose never match another's),
 * or null when the configuration has no key.
 * @example await keyedHash(config, "erasure-email", "an@example.nl") // "3f1c…" (64 hex digits)
 */
export async function keyedHash(
  config: Pick<Config, "AUDIT_HASH_KEY" | "LIBSQL_AUTH_TOKEN" | "isLocal">,
  purpose: string,
  value: string,
): Promise<string | null> {
  const material = hashKeyMaterial(config);
  if (material === null) return null;
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(material), new TextEncoder().encode(`${purpose}\n${value}`));
  return [...new Uint8Array(signature)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
