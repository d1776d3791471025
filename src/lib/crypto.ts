import { fromBase64, toBase64Url } from "./ids";

async function keyFrom(secret: string): Promise<CryptoKey> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
  return crypto.subtle.importKey("raw", digest, "AES-GCM", false, ["encrypt", "decrypt"]);
}

function toBase64(bytes: Uint8Array): string {
  return toBase64Url(bytes).replace(/-/g, "+").replace(/_/g, "/");
}

/**
 * Encrypts text with a key derived from a secret the caller holds (AES-GCM).
 * Used for stored idempotent answers, which carry a manage token: only a client that
 * knows the idempotency key can read them back.
 * @example const sealed = await sealText("key", "secret text");
 */
export async function sealText(secret: string, plain: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await keyFrom(secret), new TextEncoder().encode(plain));
  return `${toBase64(iv)}.${toBase64(new Uint8Array(data))}`;
}

/** @example await openText("key", await sealText("key", "x")) // "x" */
export async function openText(secret: string, sealed: string): Promise<string> {
  const [iv, data] = sealed.split(".");
  if (!iv || !data) throw new Error("Malformed sealed text");
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(iv) }, await keyFrom(secret), fromBase64(data));
  return new TextDecoder().decode(plain);
}

/** JSON with sorted keys, so equal bodies hash equally whatever their key order. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
