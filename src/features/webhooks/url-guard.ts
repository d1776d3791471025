/**
 * The SSRF guard for webhook endpoints (pure; no DNS). In production an endpoint must be
 * `https:` on a public host name or a public IP address: no loopback, private, link-local,
 * carrier-grade NAT, multicast or reserved ranges, no `localhost`, `*.localhost`, `*.local`,
 * `*.internal`, `*.home.arpa`, and no user name or password in the URL. Under `APP_ENV=test`
 * and `development`, `http://127.0.0.1:<port>` is also allowed, so a test can run a real receiver.
 *
 * The WHATWG URL parser already turns the odd spellings of an IPv4 address (`2130706433`,
 * `0x7f.1`, `127.1`) into dotted form, so those are judged as the address they name. A host
 * name that resolves to a private address is not caught here (Workers cannot resolve names);
 * Cloudflare's outbound fetch from a Worker does not reach private networks either, and
 * deliveries never follow redirects.
 */

const BLOCKED_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa", ".lan", ".intranet", ".corp"];

function ipv4Parts(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

/** Whether an IPv4 address is outside the public internet. */
function isNonPublicIpv4([a, b]: number[]): boolean {
  if (a === undefined || b === undefined) return true;
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local (cloud metadata)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) || // IETF protocol assignments, documentation
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    (a === 198 && b === 51) ||
    (a === 203 && b === 0) ||
    a >= 224 // multicast and reserved
  );
}

/** Whether a bracketless IPv6 address is outside the public internet (loopback, unspecified, ULA, link-local, multicast, mapped private IPv4). */
function isNonPublicIpv6(host: string): boolean {
  const h = host.toLowerCase();
  if (h === "::" || h === "::1") return true;
  // IPv4-mapped or -compatible (::ffff:7f00:1, ::7f00:1 after URL normalisation; also dotted forms).
  const mapped = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h);
  if (mapped?.[1] && mapped[2]) {
    const hi = Number.parseInt(mapped[1], 16);
    const lo = Number.parseInt(mapped[2], 16);
    return isNonPublicIpv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  }
  const dotted = /^::(?:ffff:)?(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (dotted?.[1]) {
    const parts = ipv4Parts(dotted[1]);
    return parts === null || isNonPublicIpv4(parts);
  }
  const first = Number.parseInt(h.split(":")[0] || "0", 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xffc0) === 0xfec0 || // site-local (deprecated)
    (first & 0xff00) === 0xff00 || // multicast
    h.startsWith("64:ff9b:") || // NAT64 may reach anything
    h.startsWith("2001:db8:") ||
    h.startsWith("100::")
  );
}

export type UrlVerdict = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Judges a webhook endpoint URL for the environment.
 * @example checkWebhookUrl("https://hooks.example.nl/mkb", "production") // { ok: true, url: "https://hooks.example.nl/mkb" }
 * @example checkWebhookUrl("https://10.0.0.5/x", "production").ok // false
 */
export function checkWebhookUrl(raw: string, appEnv: "production" | "development" | "test"): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "Give the endpoint as a full URL, e.g. https://hooks.example.nl/mkb." };
  }
  if (url.username || url.password) return { ok: false, reason: "The URL may not contain a user name or password." };
  // A trailing dot names the same host ("localhost." is localhost).
  const host = url.hostname.toLowerCase().replace(/\.+$/, "");
  const local = appEnv !== "production";
  if (local && url.protocol === "http:" && host === "127.0.0.1") return { ok: true, url: url.href };
  if (url.protocol !== "https:") return { ok: false, reason: "The endpoint must use HTTPS." };
  if (host === "" || host === "localhost" || (!host.includes(".") && !host.startsWith("["))) {
    return { ok: false, reason: "The endpoint must be on a public host name, not a local name." };
  }
  if (BLOCKED_SUFFIXES.some((s) => host.endsWith(s))) return { ok: false, reason: "The endpoint must be on a public host name, not a local name." };
  if (host.startsWith("[")) {
    if (isNonPublicIpv6(host.slice(1, -1))) return { ok: false, reason: "The endpoint may not be a private, loopback or link-local address." };
    return { ok: true, url: url.href };
  }
  const v4 = ipv4Parts(host);
  if (v4 && isNonPublicIpv4(v4)) return { ok: false, reason: "The endpoint may not be a private, loopback or link-local address." };
  // A host ending in digits that is not a valid address (e.g. 999.1.1.1) is no public name either.
  if (!v4 && /^[\d.]+$/.test(host)) return { ok: false, reason: "The endpoint must be on a public host name, not a local name." };
  return { ok: true, url: url.href };
}
