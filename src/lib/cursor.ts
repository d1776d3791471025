import * as v from "valibot";
import { DomainError } from "./errors";

/**
 * Opaque list cursors (second-round lists: `?limit=&cursor=` → `nextCursor`). A cursor is
 * base64url JSON of the position in a stable order; clients must not build one.
 */

const MAX_OFFSET = 100_000;

/**
 * @example encodeOffsetCursor(20) // "eyJvIjoyMH0"
 */
export function encodeOffsetCursor(offset: number): string {
  return btoa(JSON.stringify({ o: offset }))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The offset in a cursor; a 400 for anything that is not one of ours. */
export function decodeOffsetCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === "") return 0;
  const invalid = () =>
    new DomainError("validation_failed", "The cursor is not valid.", [{ path: "query.cursor", message: "Use the nextCursor of a previous answer." }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(atob(cursor.replace(/-/g, "+").replace(/_/g, "/")));
  } catch {
    throw invalid();
  }
  const offset = (parsed as { o?: unknown } | null)?.o;
  if (typeof offset !== "number" || !Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) throw invalid();
  return offset;
}

/** `?limit=` (1–100, default 20) and `?cursor=` as query schema entries. */
export const PageQueryEntries = {
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, "Use a whole number from 1 to 100."),
      v.transform(Number),
      v.minValue(1, "Use a whole number from 1 to 100."),
      v.maxValue(100, "Use a whole number from 1 to 100."),
    ),
    "20",
  ),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200, "The cursor is not valid."), v.description("Opaque: the nextCursor of the previous page."))),
};
