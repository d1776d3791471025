import { describe, expect, it } from "vitest";
import { safeNextPath } from "../../src/features/auth/safe-next";

/** How a browser would resolve a Location header value against our origin. */
function browserTarget(location: string): URL {
  return new URL(location, "https://afspraak.mkb-limburg.test/inloggen");
}

const OPEN_REDIRECTS = [
  // Dot segments that only become "//host" after normalisation.
  "/.//evil.example/x",
  "/..//evil.example",
  "/../..//evil.example",
  "/a/../..//evil.example",
  "/././/evil.example",
  "/%2e//evil.example",
  "/%2e%2e//evil.example",
  "/%2E%2E/%2e%2e//evil.example/x?y=1",
  "/a/%2e%2e/%2e%2e//evil.example",
  // Scheme-relative and absolute.
  "//evil.example",
  "///evil.example",
  "////evil.example",
  "https://evil.example",
  "http:/evil.example",
  "http:evil.example",
  "HTTPS://evil.example",
  "javascript:alert(1)",
  "data:text/html,x",
  "evil.example",
  "@evil.example",
  // Backslashes, raw and encoded.
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/.\\\\evil.example",
  "/%5cevil.example",
  "/%5C%5Cevil.example",
  "/a/%5c..%5c..%5c/evil.example",
  // Encoded slashes.
  "/%2F%2Fevil.example",
  "/%2f%2fevil.example",
  "/%2F/evil.example",
  "/.%2F%2Fevil.example",
  // Tabs, newlines, other whitespace and control characters that URL parsers drop.
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/.\t//evil.example",
  "/\u0000/evil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%00",
  " /beheer",
  "/beheer ",
  "/\u00a0/evil.example",
  "/\u2028/evil.example",
  "/\ufeff/evil.example",
  // Nothing, or far too long.
  "",
  `/${"a".repeat(2001)}`,
];

describe("the sign-in redirect target", () => {
  it.each(OPEN_REDIRECTS)("should send %j to the start page", (next) => {
    expect(safeNextPath(next)).toBe("/");
    expect(safeNextPath(next, "")).toBe("");
  });

  it("should give the fallback for values that are not text", () => {
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath(undefined, "/beheer")).toBe("/beheer");
  });

  it.each([
    ["/beheer/zuid-limburg/agenda", "/beheer/zuid-limburg/agenda"],
    ["/beheer?tab=1#x", "/beheer?tab=1#x"],
    ["/", "/"],
    ["/a/../b", "/b"],
    ["/a/../../b", "/b"],
    ["/./beheer", "/beheer"],
    ["/beheer/zuid-limburg/agenda?date=2027-05-10&frontdeskId=abc", "/beheer/zuid-limburg/agenda?date=2027-05-10&frontdeskId=abc"],
    // Slashes in the query string are data, not a host.
    ["/zoeken?q=a%2Fb&next=//x", "/zoeken?q=a%2Fb&next=//x"],
    ["/@evil.example", "/@evil.example"],
  ])("should keep the local path %j as %j", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it("should never produce a value that a browser resolves to another origin or to a protocol-relative path", () => {
    const alphabet = ["/", "\\", ".", "%2e", "%2f", "%5c", "\t", "\n", "evil.example", "a", ":", "@", "?", "#", "%", "//", "https:"];
    // Every sequence of up to four pieces: 17^4 ≈ 83,000 candidates, deterministic.
    const pieces = (n: number): string[] => (n === 0 ? [""] : pieces(n - 1).flatMap((p) => alphabet.map((a) => p + a)));
    const escaped: string[] = [];
    let checked = 0;
    for (const tail of pieces(4)) {
      const result = safeNextPath(`/${tail}`);
      const target = browserTarget(result);
      if (target.origin !== "https://afspraak.mkb-limburg.test" || result.startsWith("//") || /[\\\t\n]/.test(result)) escaped.push(`/${tail} → ${result}`);
      checked++;
    }
    expect(escaped).toEqual([]);
    expect(checked).toBe(alphabet.length ** 4);
  });
});
