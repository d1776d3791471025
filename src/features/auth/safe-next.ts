import { CONTROL_CHARACTER } from "../../lib/text";

/**
 * Where to go after signing in: only a path on our own origin. Anything else (an absolute
 * URL, a scheme, a protocol-relative `//host`, a backslash trick, control characters)
 * gives the fallback, so a crafted `?next=` can never send a user to another site.
 * @example safeNextPath("/regio/zuid-limburg/beheer") // "/regio/zuid-limburg/beheer"
 * @example safeNextPath("//evil.example") // "/"
 */
export function safeNextPath(next: string | null | undefined, fallback = "/"): string {
  if (typeof next !== "string" || next.length === 0 || next.length > 2000) return fallback;
  if (!next.startsWith("/")) return fallback;
  // "//host" and "/\host" are protocol-relative in browsers.
  if (next.startsWith("//") || next.startsWith("/\\")) return fallback;
  // Control characters (tab, CR, LF are stripped by URL parsers and can rebuild "//").
  if (CONTROL_CHARACTER.test(next) || next.includes("\\")) return fallback;
  try {
    const base = "https://same-origin.invalid";
    const parsed = new URL(next, base);
    if (parsed.origin !== base) return fallback;
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return fallback;
  }
}
