import type * as v from "valibot";
import type { Audience, OfferContact, OfferContent, OfferCost, OfferKind, Phase } from "../../db/schema";
import type { Topic } from "../../lib/vocabulary";
import { formatOffsetIso, todayLocal } from "../../lib/time";
import type { OfferAdminDto, OfferSummaryDto } from "./offers.schemas";
import type { OfferRow } from "./offers.repo";

/** An offer not checked for this long is flagged to its organisation. */
export const STALE_AFTER_MS = 365 * 86_400_000;

export type OfferSummary = v.InferOutput<typeof OfferSummaryDto>;
export type OfferAdmin = v.InferOutput<typeof OfferAdminDto>;

/** The editable content of an offer row. */
export function contentOf(row: OfferRow): OfferContent {
  return {
    title: row.title,
    summary: row.summary,
    description: row.description,
    kind: row.kind,
    topics: row.topics,
    audiences: row.audiences,
    phases: row.phases,
    regions: row.regions,
    allLimburg: row.allLimburg,
    municipalities: row.municipalities,
    cost: row.cost,
    deadline: row.deadline,
    opensAt: row.opensAt,
    howToApply: row.howToApply,
    contact: row.contact,
    url: row.url,
    uplUri: row.uplUri,
  };
}

/** Whether an offer's deadline lies before today (local date of `now`). */
export function isExpired(deadline: string | null, now: number): boolean {
  return deadline !== null && deadline < todayLocal(now);
}

const iso = (ms: number | null) => (ms === null ? null : formatOffsetIso(ms));

/** How partners and reviewers see an offer: every state and the pending revision. */
export function toAdminDto(row: OfferRow, organisation: { slug: string; name: string }, now: number): OfferAdmin {
  return {
    ...contentOf(row),
    contact: cleanContact(row.contact),
    id: row.id,
    slug: row.slug,
    status: row.status,
    organisation: { slug: organisation.slug, name: organisation.name },
    frontdeskId: row.frontdeskId,
    lastCheckedAt: formatOffsetIso(row.lastCheckedAt),
    stale: row.status !== "archived" && now - row.lastCheckedAt > STALE_AFTER_MS,
    expired: isExpired(row.deadline, now),
    reviewNote: row.reviewNote,
    revision: row.revision ? { ...row.revision, contact: cleanContact(row.revision.contact) } : null,
    revisionStatus: row.revisionStatus,
    submittedAt: iso(row.submittedAt),
    publishedAt: iso(row.publishedAt),
    archivedAt: iso(row.archivedAt),
    createdAt: formatOffsetIso(row.createdAt),
    updatedAt: formatOffsetIso(row.updatedAt),
  };
}

function cleanContact(contact: OfferContact | null): OfferContact | null {
  if (!contact) return null;
  const out: OfferContact = {};
  if (contact.name) out.name = contact.name;
  if (contact.email) out.email = contact.email;
  if (contact.phone) out.phone = contact.phone;
  return Object.keys(out).length ? out : null;
}

const json = <T>(value: unknown): T => (typeof value === "string" ? (JSON.parse(value) as T) : (value as T));
const str = (value: unknown): string => String(value ?? "");
const nullableStr = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** An offer summary from a raw row of `SUMMARY_COLUMNS` (search and related offers). */
export function summaryFromRow(row: Record<string, unknown>, withLocal: boolean): OfferSummary {
  return {
    id: str(row.id),
    slug: str(row.slug),
    title: str(row.title),
    summary: str(row.summary),
    kind: str(row.kind) as OfferKind,
    organisation: { slug: str(row.org_slug), name: str(row.org_name) },
    topics: json<Topic[]>(row.topics),
    audiences: json<Audience[]>(row.audiences),
    phases: json<Phase[]>(row.phases),
    regions: json<string[]>(row.regions),
    allLimburg: Number(row.all_limburg) === 1,
    municipalities: json<string[]>(row.municipalities),
    cost: str(row.cost) as OfferCost,
    deadline: nullableStr(row.deadline),
    opensAt: nullableStr(row.opens_at),
    updatedAt: formatOffsetIso(Number(row.updated_at)),
    ...(withLocal ? { local: Number(row.local) === 1 } : {}),
  };
}

/** Parses a JSON column of a raw row (contact). */
export function jsonColumn<T>(value: unknown): T | null {
  return value === null || value === undefined ? null : json<T>(value);
}

/**
 * A URL slug from a title: lower case, no accents, hyphens, at most 80 characters.
 * @example slugify("Subsidie Duurzaam MKB – Limburg") // "subsidie-duurzaam-mkb-limburg"
 */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  return slug || "aanbod";
}
