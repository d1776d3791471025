/** Rate-limit keys for client addresses: IPv4 per address, IPv6 per /64. */

/** Parses an IPv6 address (compressed, with an embedded IPv4 tail or a zone) into 8 hextets, or null. */
function ipv6Hextets(text: string): number[] | null {
  let address = text.toLowerCase().replace(/^\[|\]$/g, "");
  const zone = address.indexOf("%");
  if (zone >= 0) address = address.slice(0, zone);
  if (!/^[0-9a-f:.]+$/.test(address) || address.split("::").length > 2) return null;
  // An IPv4 tail ("::ffff:192.0.2.1") is two hextets.
  const lastColon = address.lastIndexOf(":");
  const tail = address.slice(lastColon + 1);
  if (tail.includes(".")) {
    const v4 = ipv4Octets(tail);
    if (!v4) return null;
    address = `${address.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const [head = "", rest] = address.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":"));
  const front = parse(head);
  const back = rest === undefined ? [] : parse(rest);
  const missing = 8 - front.length - back.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...front, ...Array.from({ length: rest === undefined ? 0 : missing }, () => "0"), ...back];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => Number.parseInt(g, 16));
}

function ipv4Octets(text: string): [number, number, number, number] | null {
  const parts = text.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.map(Number) as [number, number, number, number];
}

/**
 * The rate-limit key of a client address. IPv4 counts per address. IPv6 counts per /64: one
 * subscriber line or host gets at least a /64 and can pick any address in it, so counting
 * per address would give it unlimited attempts. Compressed and expanded spellings give the
 * same key, and IPv4-mapped (`::ffff:a.b.c.d`) addresses count as the IPv4 address.
 * Addresses in the same /56 (or /48) but another /64 are different keys: a provider may hand
 * a whole /56 or /48 to one customer, but just as often a /64 each to neighbours behind one
 * router, and limiting per /56 would let one abuser lock out up to 256 households. The
 * per-e-mail limits hold whatever the address. Anything that is not an IP address is kept
 * as it is (shortened), so it still counts, as one key.
 * @example addressKey("2001:db8:1:2::35") // "2001:db8:1:2::/64"
 * @example addressKey("::ffff:192.0.2.7") // "192.0.2.7"
 */
export function addressKey(address: string): string {
  const text = address.trim();
  const v4 = ipv4Octets(text);
  if (v4) return v4.join(".");
  const h = ipv6Hextets(text);
  if (!h) return text.toLowerCase().slice(0, 64);
  if (h.slice(0, 5).every((g) => g === 0) && h[5] === 0xffff) {
    return [h[6] ?? 0, h[7] ?? 0].flatMap((g) => [g >> 8, g & 0xff]).join(".");
  }
  if (h.slice(0, 7).every((g) => g === 0) && h[7] === 1) return "::1/128";
  return `${h
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}
