import type { InStatement } from "@libsql/client/web";
import type { Db } from "../../db/client";
import type { OfferContent, OfferStatus, OrganisationKind } from "../../db/schema";
import type { OrganisationScope, RegionScope } from "../../db/scope";
import { writeBatch, type WriteStatement } from "../../db/write";
import { noteWebhooksQueued, webhookEvent } from "../webhooks/webhook-events";
import type { Actor } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { decodeOffsetCursor, encodeOffsetCursor } from "../../lib/cursor";
import { newId } from "../../lib/ids";
import { auditStatement } from "../audit/audit.repo";
import { todayLocal } from "../../lib/time";
import { contentOf, type OfferAdmin, slugify, toAdminDto } from "./offer-dto";
import {
  findOrganisationOffer,
  findRegionOffer,
  insertOfferStatement,
  listOrganisationOffers,
  listRegionOffers,
  placeDirectory,
  takenSlugs,
  type OfferRow,
  updateOfferStatement,
} from "./offers.repo";
import type { NewOfferInput, OfferPatchInput } from "./offers.schemas";
import { indexOfferStatements, unindexOfferStatement } from "./search-index";

/**
 * The offer workflow: draft → in_review → published → archived. A partner (or staff above
 * the organisation) writes drafts and submits them; a region admin of the organisation's
 * home region (or the platform admin) approves or rejects. An edit of a published offer is
 * kept as a pending revision while the published version stays visible and searchable;
 * approving it replaces the published version. Every write is one batch with its audit
 * entry and, when the public version changes, the full-text index row.
 */

function invalid(path: string, message: string): DomainError {
  return new DomainError("validation_failed", message, [{ path, message }]);
}

function conflict(message: string): DomainError {
  return new DomainError("conflict", message);
}

/**
 * Checks the places of an offer against the database and returns its content with the
 * municipality names spelled as the platform spells them. Also: a deadline not in the past,
 * an opening date not after the deadline.
 */
async function checkContent(db: Db, content: OfferContent, now: number, dates: { deadlineChanged: boolean }): Promise<OfferContent> {
  const places = await placeDirectory(db, content.municipalities);
  const unknownRegion = content.regions.find((slug) => !places.regions.has(slug));
  if (unknownRegion) throw invalid("regions", `There is no region "${unknownRegion}".`);
  if (!content.allLimburg && content.regions.length === 0) throw invalid("regions", "Choose at least one region, or set allLimburg for the whole province.");
  const municipalities = content.municipalities.map((name) => {
    const found = places.municipalities.find((m) => m.name.toLowerCase() === name.toLowerCase() && (content.allLimburg || content.regions.includes(m.region)));
    if (!found) throw invalid("municipalities", `"${name}" is not a municipality of the offer's regions.`);
    return found.name;
  });
  if (dates.deadlineChanged && content.deadline !== null && content.deadline < todayLocal(now))
    throw invalid("deadline", "The deadline has passed; choose a later date.");
  if (content.opensAt !== null && content.deadline !== null && content.opensAt > content.deadline)
    throw invalid("opensAt", "The offer cannot open after its deadline.");
  return { ...content, regions: content.allLimburg ? [] : content.regions, municipalities };
}

/** Index statements for an offer that is (or becomes, earlier in the batch) published with this content. */
async function indexStatements(db: Db, offerId: string, content: OfferContent, organisation: { name: string; kind: string }): Promise<InStatement[]> {
  const places = await placeDirectory(db, []);
  return indexOfferStatements({
    id: offerId,
    content,
    organisation: { name: organisation.name, kind: organisation.kind as OrganisationKind },
    regionNames: places.regions,
  });
}

/** Runs the batch; 409 when the guarded update lost a race (the offer changed meanwhile). */
async function commit(db: Db, statements: WriteStatement[]): Promise<void> {
  const results = await writeBatch(db, statements);
  noteWebhooksQueued(db, statements, results);
  if (results[0]?.rowsAffected === 0) throw conflict("The offer was changed meanwhile; reload it and try again.");
}

function assertEditable(row: OfferRow): void {
  if (row.frontdeskId) throw conflict("This contact point follows its frontdesk; change the frontdesk instead.");
  if (row.status === "archived") throw conflict("This offer is archived.");
}

/** One page of offers and the cursor of the next (null on the last page). */
export interface OfferPage {
  offers: OfferAdmin[];
  nextCursor: string | null;
}

/** A page of `limit` items from rows fetched with one extra (which says whether a next page exists). */
function offerPage<R>(rows: R[], limit: number, offset: number, toDto: (row: R) => OfferAdmin): OfferPage {
  return { offers: rows.slice(0, limit).map(toDto), nextCursor: rows.length > limit ? encodeOffsetCursor(offset + limit) : null };
}

/**
 * The organisation's offers in every state (or one), most recently changed first.
 * @example await listOrganisationOfferPage(scope, { status: "draft", limit: 20, cursor: undefined }, Date.now())
 */
export async function listOrganisationOfferPage(
  scope: OrganisationScope,
  query: { status?: OfferStatus | undefined; limit: number; cursor?: string | undefined },
  now: number,
): Promise<OfferPage> {
  const offset = decodeOffsetCursor(query.cursor);
  const rows = await listOrganisationOffers(scope, query.status, query.limit, offset);
  return offerPage(rows, query.limit, offset, (row) => toAdminDto(row, scope.organisation, now));
}

/**
 * The offers of the organisations whose home region this is (`in_review`: what waits for review).
 * @example await listRegionOfferPage(scope, { status: "in_review", limit: 20, cursor: undefined }, Date.now())
 */
export async function listRegionOfferPage(
  scope: RegionScope,
  query: { status?: OfferStatus | undefined; limit: number; cursor?: string | undefined },
  now: number,
): Promise<OfferPage> {
  const offset = decodeOffsetCursor(query.cursor);
  const rows = await listRegionOffers(scope, query.status, query.limit, offset);
  return offerPage(rows, query.limit, offset, (r) => toAdminDto(r.offer, r.organisation, now));
}

/**
 * One offer of the organisation in any state (its edit page), or 404: an offer of another
 * organisation does not exist for this scope.
 * @example await getOrganisationOffer(scope, id, Date.now())
 */
export async function getOrganisationOffer(scope: OrganisationScope, id: string, now: number): Promise<OfferAdmin> {
  const row = await findOrganisationOffer(scope, id);
  if (!row) throw notFound("This offer");
  return toAdminDto(row, scope.organisation, now);
}

/**
 * Creates a draft offer of the organisation.
 * @example await createOffer(scope, actor, { title: "Innovatiekrediet", … }, Date.now())
 */
export async function createOffer(scope: OrganisationScope, actor: Actor, input: NewOfferInput, now: number): Promise<OfferAdmin> {
  const content = await checkContent(scope.db, { ...input, contact: input.contact ?? null }, now, { deadlineChanged: true });
  const base = slugify(input.title);
  const taken = await takenSlugs(scope.db, base);
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  const id = newId();
  const org = scope.organisation;
  await writeBatch(scope.db, [
    insertOfferStatement(scope.db, {
      id,
      slug,
      organisationId: org.id,
      ...content,
      lastCheckedAt: now,
      status: "draft",
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    }),
    auditStatement(scope.db, org.homeRegionId, actor, "offer.created", { type: "offer", id }, { organisation: org.slug }, now),
  ]);
  const created = await findOrganisationOffer(scope, id);
  if (!created) throw notFound("This offer");
  return toAdminDto(created, org, now);
}

/**
 * Changes an offer. A draft or an offer in review changes in place; a published offer's
 * change becomes a pending revision in review (the published version stays). With only
 * `confirmChecked`, the offer is marked as checked today and nothing else changes.
 */
export async function changeOffer(scope: OrganisationScope, actor: Actor, id: string, patch: OfferPatchInput, now: number): Promise<OfferAdmin> {
  const row = await findOrganisationOffer(scope, id);
  if (!row) throw notFound("This offer");
  assertEditable(row);
  const org = scope.organisation;
  const { confirmChecked, ...fields } = patch;
  const changed = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<OfferContent>;
  const audit = (action: string, detail: Record<string, unknown> = {}) =>
    auditStatement(scope.db, org.homeRegionId, actor, action, { type: "offer", id }, { organisation: org.slug, ...detail }, now);

  if (Object.keys(changed).length === 0) {
    if (!confirmChecked) throw invalid("body", "Change at least one field, or send confirmChecked: true.");
    await commit(scope.db, [updateOfferStatement(scope.db, id, org.id, row.version, { lastCheckedAt: now }), audit("offer.checked")]);
  } else {
    const current = row.status === "published" && row.revision ? row.revision : contentOf(row);
    const content = await checkContent(scope.db, { ...current, ...changed }, now, { deadlineChanged: "deadline" in changed });
    const fieldsChanged = Object.keys(changed);
    if (row.status === "published") {
      await commit(scope.db, [
        updateOfferStatement(scope.db, id, org.id, row.version, {
          revision: content,
          revisionStatus: "in_review",
          reviewNote: null,
          submittedAt: now,
          lastCheckedAt: now,
        }),
        audit("offer.revision_submitted", { fields: fieldsChanged }),
      ]);
    } else {
      await commit(scope.db, [
        updateOfferStatement(scope.db, id, org.id, row.version, { ...content, lastCheckedAt: now, updatedAt: now }),
        audit("offer.changed", { fields: fieldsChanged }),
      ]);
    }
  }
  const updated = await findOrganisationOffer(scope, id);
  if (!updated) throw notFound("This offer");
  return toAdminDto(updated, org, now);
}

/** Sends a draft (or a rejected revision of a published offer) to review. */
export async function submitOffer(scope: OrganisationScope, actor: Actor, id: string, now: number): Promise<OfferAdmin> {
  const row = await findOrganisationOffer(scope, id);
  if (!row) throw notFound("This offer");
  assertEditable(row);
  const org = scope.organisation;
  let patch: Parameters<typeof updateOfferStatement>[4];
  if (row.status === "draft") patch = { status: "in_review", submittedAt: now, updatedAt: now };
  else if (row.status === "published" && row.revisionStatus === "rejected") patch = { revisionStatus: "in_review", submittedAt: now };
  else
    throw conflict(
      row.status === "in_review" || row.revisionStatus === "in_review" ? "This offer is already waiting for review." : "Only a draft can be submitted.",
    );
  await commit(scope.db, [
    updateOfferStatement(scope.db, id, org.id, row.version, patch),
    auditStatement(scope.db, org.homeRegionId, actor, "offer.submitted", { type: "offer", id }, { organisation: org.slug }, now),
  ]);
  const updated = await findOrganisationOffer(scope, id);
  if (!updated) throw notFound("This offer");
  return toAdminDto(updated, org, now);
}

/** Archives an offer in any state: it leaves the catalogue and the search index at once. */
export async function archiveOffer(scope: OrganisationScope, actor: Actor, id: string, now: number): Promise<OfferAdmin> {
  const row = await findOrganisationOffer(scope, id);
  if (!row) throw notFound("This offer");
  assertEditable(row);
  const org = scope.organisation;
  await commit(scope.db, [
    updateOfferStatement(scope.db, id, org.id, row.version, { status: "archived", archivedAt: now, revision: null, revisionStatus: null, updatedAt: now }),
    unindexOfferStatement(id),
    auditStatement(scope.db, org.homeRegionId, actor, "offer.archived", { type: "offer", id }, { organisation: org.slug }, now),
  ]);
  const updated = await findOrganisationOffer(scope, id);
  if (!updated) throw notFound("This offer");
  return toAdminDto(updated, org, now);
}

/**
 * A reviewer's decision on an offer of an organisation whose home region is the scope's
 * region: a new offer is published or sent back to draft; a pending revision replaces the
 * published version or is marked rejected (the published version stays).
 */
export async function reviewOffer(
  scope: RegionScope,
  actor: Actor,
  id: string,
  decision: { decision: "approve" | "reject"; note?: string | undefined },
  now: number,
): Promise<OfferAdmin> {
  const found = await findRegionOffer(scope, id);
  if (!found) throw notFound("This offer");
  const { offer: row, organisation: org } = found;
  const note = decision.note ?? null;
  const approve = decision.decision === "approve";
  const statements: WriteStatement[] = [];
  let action: string;
  if (row.status === "in_review") {
    if (approve) {
      const content = contentOf(row);
      statements.push(
        updateOfferStatement(scope.db, id, org.id, row.version, { status: "published", publishedAt: row.publishedAt ?? now, reviewNote: note, updatedAt: now }),
        ...(await indexStatements(scope.db, id, content, org)),
      );
      action = "offer.published";
    } else {
      statements.push(updateOfferStatement(scope.db, id, org.id, row.version, { status: "draft", reviewNote: note, updatedAt: now }));
      action = "offer.rejected";
    }
  } else if (row.status === "published" && row.revisionStatus === "in_review" && row.revision) {
    if (approve) {
      statements.push(
        updateOfferStatement(scope.db, id, org.id, row.version, { ...row.revision, revision: null, revisionStatus: null, reviewNote: note, updatedAt: now }),
        ...(await indexStatements(scope.db, id, row.revision, org)),
      );
      action = "offer.revision_approved";
    } else {
      statements.push(updateOfferStatement(scope.db, id, org.id, row.version, { revisionStatus: "rejected", reviewNote: note }));
      action = "offer.revision_rejected";
    }
  } else {
    throw conflict("Nothing of this offer is waiting for review.");
  }
  statements.push(auditStatement(scope.db, scope.region.id, actor, action, { type: "offer", id }, { organisation: org.slug }, now));
  if (approve) {
    // offer.published (issue 20): public facts only, for the organisation and its home region (this one).
    const hook = webhookEvent(
      "offer.published",
      { offerId: id, slug: row.slug, title: row.revision?.title ?? row.title, organisation: org.slug, change: row.status === "in_review" ? "new" : "revision" },
      now,
      { organisationIds: [org.id], regionIds: [scope.region.id] },
      { sql: "exists (select 1 from offers where id = ? and status = 'published' and updated_at = ?)", args: [id, now] },
    );
    if (hook) statements.push(hook);
  }
  await commit(scope.db, statements);
  const updated = await findRegionOffer(scope, id);
  if (!updated) throw notFound("This offer");
  return toAdminDto(updated.offer, org, now);
}
