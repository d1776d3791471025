/** Reading the audit log (entries are written by each service, in the batch of the change they record). */
import type { RegionScope } from "../../db/scope";
import { auditPageQuery, listAuditEntries } from "./audit.repo";

/** The region's newest audit entries (at most 200). */
export function listAudit(scope: RegionScope) {
  return listAuditEntries(scope);
}

/** The kinds of entries (the first part of an action) the audit page filters on. */
export const AUDIT_KINDS = [
  "appointment",
  "frontdesk",
  "region",
  "account",
  "auth",
  "privacy",
  "scouting",
  "offer",
  "organisation",
  "event",
  "referral",
  "entrepreneur",
  "webhook",
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/**
 * One page of the audit log (newest first, `size` entries) with actor and desk names, and
 * the cursor of the next page (null on the last): one statement.
 * @example const { entries, next } = await readAuditPage(scope, { kind: "frontdesk", before: null });
 */
export async function readAuditPage(scope: RegionScope, opts: { kind: AuditKind | null; before: { createdAt: number; id: string } | null; size?: number }) {
  const size = opts.size ?? 50;
  const rows = await auditPageQuery(scope, { kind: opts.kind, before: opts.before, limit: size + 1 });
  const entries = rows.slice(0, size);
  const last = entries[entries.length - 1];
  return { entries, next: rows.length > size && last ? { createdAt: last.createdAt, id: last.id } : null };
}
