import { CONTROL_CHARACTER } from "../../lib/text";

/**
 * Where to go after signing in: only a path on our own origin. The value is first
 * normalised the way a browser would (URL resolution against our own origin, so dot
 * segments such as `/.//host` or `/..//host` are applied), and only then checked: the
 * result must still be on our origin and must not start with `//` (which a browser reads
 * as another host). Anything odd is refused outright rather than repaired: backslashes,
 * control characters and whitespace, and percent-encoded slashes, backslashes or control
 * characters in the path. Refused values give the fallback (the start page).
 * @example safeNextPath("/regio/zuid-limburg/beheer") // "/regio/zuid-limburg/beheer"
 * @example safeNextPath("//evil.example") // "/"
 * @example safeNextPath("/.//evil.example/x") // "/"
 */
export function safeNextPath(next: string | null | undefined, fallback = "/"): string {
  if (typeof next !== "string" || next.length === 0 || next.length > 2000) return fallback;
  if (!next.startsWith("/")) return fallback;
  // Control characters (lib/text.ts: URL parsers strip tab, CR and LF, which can rebuild "//"),
  // whitespace and zero-width characters, and backslashes (browsers read "\" as "/").
  if (CONTROL_CHARACTER.test(next) || /[\s\u200b-\u200f\\]/.test(next)) return fallback;
  const path = next.split(/[?#]/, 1)[0] ?? "";
  // Encoded slashes, backslashes or control characters in the path: no page of ours needs them.
  if (/%(2f|5c|[01][0-9a-f]|7f)/i.test(path)) return fallback;
  const base = "https://same-origin.invalid";
  let resolved: string;
  try {
    const parsed = new URL(next, base);
    if (parsed.origin !== base) return fallback;
    resolved = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return fallback;
  }
  // After normalisation: still a plain local path, and stable when resolved again.
  if (!resolved.startsWith("/") || resolved.startsWith("//")) return fallback;
  try {
    const again = new URL(resolved, base);
    if (again.origin !== base || `${again.pathname}${again.search}${again.hash}` !== resolved) return fallback;
  } catch {
    return fallback;
  }
  return resolved;
}
