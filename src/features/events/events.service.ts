/**
 * The organiser's side of events: create, change, submit, review, cancel.
 *
 * A region admin's event is published at once. A partner's event goes draft → in_review →
 * published, reviewed by a region admin of the organisation's home region (or a platform
 * admin), like offers; a partner's change of a published event waits as a pending revision
 * while the published version stays. Every write is one batch: the guarded update of the
 * event first (conditional on the change reference the service read), then everything else
 * conditional on the new reference — sessions, search index, wait-list promotion, mails to
 * participants, audit entry — so a change that lost a race writes nothing at all.
 */
import type { InStatement } from "@libsql/client/web";
import type { EventContent, EventStatus } from "../../db/schema";
import { writeBatch } from "../../db/write";
import type { Actor } from "../../lib/context";
import { decodeOffsetCursor, encodeOffsetCursor } from "../../lib/cursor";
import { DomainError, notFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { slugify } from "../catalogue/offer-dto";
import { regionDirectory } from "../organisations/organisations.repo";
import { contentOf, type EventAdmin, toAdminDto } from "./events.dto";
import { bulkSequence, eventCalendar, mailToRegistrations } from "./events.mail";
import {
  auditIf,
  type EventRecord,
  type EventWrite,
  findOwnedEvent,
  ifChanged,
  listOwnedEvents,
  insertEventStatement,
  insertSessionsStatements,
  type OrganiserScope,
  replaceSessionsStatements,
  scopeRegionId,
  takenEventSlugs,
  updateEventStatement,
} from "./events.repo";
import { checkEventContent, logisticsChanged } from "./events.rules";
import type { EventPatchInput, NewEventInput } from "./events.schemas";
import { indexEventStatements, unindexEventStatement } from "./events.search";
import { promoteWaitlistStatement } from "./registrations.repo";

function conflict(message: string): DomainError {
  return new DomainError("conflict", message);
}
function invalid(path: string, message: string): DomainError {
  return new DomainError("validation_failed", message, [{ path, message }]);
}

function toWrite(c: EventContent): EventWrite {
  const first = c.sessions[0];
  const last = c.sessions[c.sessions.length - 1];
  if (!first || !last) throw invalid("sessions", "Give at least one session.");
  const { sessions: _sessions, ...rest } = c;
  return { ...rest, firstStartAt: first.start, lastEndAt: last.end };
}

/** Region slug → name, and a check that every region named exists. */
async function regionNames(scope: OrganiserScope, regions: readonly string[]): Promise<Map<string, string>> {
  const directory = await regionDirectory(scope.db);
  const names = new Map(directory.map((r) => [r.slug, r.name]));
  const unknown = regions.find((slug) => !names.has(slug));
  if (unknown) throw invalid("regions", `There is no region "${unknown}".`);
  return names;
}

async function homeRegionSlug(scope: OrganiserScope): Promise<string> {
  if (scope.kind === "region") return scope.region.slug;
  const directory = await regionDirectory(scope.db);
  return directory.find((r) => r.id === scope.organisation.homeRegionId)?.slug ?? "";
}

function organiserName(scope: OrganiserScope): string {
  return scope.kind === "region" ? scope.region.operator : scope.organisation.name;
}

/** Whether the actor's changes of a published event wait for review (partners), or apply at once (the reviewers). */
function changesNeedReview(actor: Actor): boolean {
  return actor.role === "partner";
}

async function reload(scope: OrganiserScope, id: string): Promise<EventAdmin> {
  const event = await findOwnedEvent(scope, id);
  if (!event) throw notFound("This event");
  return toAdminDto(event);
}

async function loadOwned(scope: OrganiserScope, id: string): Promise<EventRecord> {
  const event = await findOwnedEvent(scope, id);
  if (!event) throw notFound("This event");
  return event;
}

/** Runs the batch; 409 when the guarded update (the first statement) lost a race. */
async function commit(scope: OrganiserScope, statements: InStatement[]): Promise<void> {
  const results = await writeBatch(scope.db, statements);
  if ((results[0]?.rowsAffected ?? 0) === 0)
    throw conflict("The event was changed meanwhile, or the new capacity is below the places already taken; reload it and try again.");
}

/**
 * Creates an event. On a region route it is published at once; on an organisation route it
 * starts as a draft to be submitted for review. Defaults: the regions of the organiser, the
 * deadline at the first session's start, the creator as the contact.
 * @example await createEvent(scope, actor, { title: "Masterclass financiering", … }, Date.now())
 */
export async function createEvent(scope: OrganiserScope, actor: Actor, input: NewEventInput, now: number): Promise<EventAdmin> {
  const sessions = [...input.sessions].sort((a, b) => a.start - b.start);
  const content = checkEventContent(
    {
      ...input,
      regions: input.regions ?? [await homeRegionSlug(scope)],
      sessions,
      registrationDeadline: input.registrationDeadline ?? sessions[0]?.start ?? 0,
      contact: input.contact ?? { name: actor.name, email: actor.email },
    },
    now,
    { sessions: true, deadline: true },
  );
  const names = await regionNames(scope, content.regions);
  const base = slugify(content.title);
  const taken = await takenEventSlugs(scope.db, base);
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  const id = newId();
  const ref = newId();
  const regionId = scopeRegionId(scope);
  const publish = scope.kind === "region";
  const statements: InStatement[] = [
    insertEventStatement({
      id,
      slug,
      regionId,
      organisationId: scope.kind === "organisation" ? scope.organisation.id : null,
      content: toWrite(content),
      status: publish ? "published" : "draft",
      publishedAt: publish ? now : null,
      changeRef: ref,
      createdBy: actor.id,
      now,
    }),
    ...insertSessionsStatements(id, regionId, content.sessions),
    ...(publish ? indexEventStatements({ id, ref, content, organiserName: organiserName(scope), regionNames: names }) : []),
    auditIf(regionId, actor.id, publish ? "event.published" : "event.created", { type: "event", id }, { slug }, now, ifChanged(id, ref)),
  ];
  await writeBatch(scope.db, statements);
  return reload(scope, id);
}

/**
 * The statements that make `next` the event's published content after the guarded update
 * (sessions, search index, promotion when places were added, mails when time or place changed).
 */
function applyStatements(event: EventRecord, next: EventContent, ref: string, names: Map<string, string>, now: number): InStatement[] {
  const guard = ifChanged(event.id, ref);
  const before = contentOf(event);
  const statements: InStatement[] = [];
  if (JSON.stringify(before.sessions) !== JSON.stringify(next.sessions))
    statements.push(...replaceSessionsStatements(event.id, event.regionId, next.sessions, ref));
  if (event.status !== "published") return statements;
  statements.push(...indexEventStatements({ id: event.id, ref, content: next, organiserName: event.organiser.name, regionNames: names }));
  const after: EventRecord = {
    ...event,
    ...next,
    version: event.version + 1,
    firstStartAt: next.sessions[0]?.start ?? 0,
    lastEndAt: next.sessions.at(-1)?.end ?? 0,
  };
  if (next.capacity > event.capacity) statements.push(...promotionStatements(after, now, guard));
  if (logisticsChanged(before, next)) {
    for (const status of ["confirmed", "waitlisted"] as const) {
      const join = status === "confirmed";
      statements.push(
        mailToRegistrations({
          kind: "event_changed",
          event: after,
          opts: { joinUrl: join ? after.joinUrl : null },
          ics: eventCalendar(after, { now, sequence: bulkSequence(after.version), status: join ? "CONFIRMED" : "TENTATIVE", join, manage: null, locale: "nl" }),
          now,
          dedupeSuffix: `changed:${after.version}`,
          where: { sql: `r.event_id = ? and r.status = ? and ${guard.sql}`, args: [event.id, status, ...guard.args] },
        }),
      );
    }
  }
  return statements;
}

/**
 * Fills free places from the wait-list and mails the promoted (with the join link and the
 * calendar), all conditional on `guard`. Shared by cancellations and capacity increases.
 */
export function promotionStatements(event: EventRecord, now: number, guard: { sql: string; args: (string | number)[] } | null): InStatement[] {
  const promotionRef = newId();
  return [
    promoteWaitlistStatement(event.id, promotionRef, now, guard ?? undefined),
    mailToRegistrations({
      kind: "event_promoted",
      event,
      opts: { joinUrl: event.joinUrl },
      ics: eventCalendar(event, { now, sequence: bulkSequence(event.version), status: "CONFIRMED", join: true, manage: null, locale: "nl" }),
      now,
      dedupeSuffix: "promoted",
      where: { sql: "r.event_id = ? and r.promotion_ref = ? and r.status = 'confirmed'", args: [event.id, promotionRef] },
    }),
    auditIf(event.regionId, null, "event.waitlist_promoted", { type: "event", id: event.id }, {}, now, {
      sql: "exists (select 1 from event_registrations where event_id = ? and promotion_ref = ?)",
      args: [event.id, promotionRef],
    }),
  ];
}

/**
 * Changes an event. Drafts, events in review and every change by a reviewer apply at once; a
 * partner's change of a published event becomes a pending revision. A published event's
 * participants hear about new times, place or join link; added places go to the wait-list.
 */
export async function changeEvent(scope: OrganiserScope, actor: Actor, id: string, patch: EventPatchInput, now: number): Promise<EventAdmin> {
  const event = await loadOwned(scope, id);
  if (event.status === "cancelled") throw conflict("This event is cancelled.");
  if (event.lastEndAt <= now) throw conflict("This event is over; it can no longer be changed.");
  const changed = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<EventContent>;
  if (Object.keys(changed).length === 0) throw invalid("body", "Change at least one field.");
  if (changed.sessions && event.firstStartAt <= now) throw conflict("The event has started; its sessions can no longer be changed.");
  const base = event.status === "published" && event.revision && changesNeedReview(actor) ? event.revision : contentOf(event);
  const merged = { ...base, ...changed };
  if (changed.sessions && changed.registrationDeadline === undefined) {
    // New times without a new deadline: a deadline that was the old first start (the default)
    // follows the new first start, and none may lie after it.
    const oldFirst = Math.min(...base.sessions.map((s) => s.start));
    const newFirst = Math.min(...changed.sessions.map((s) => s.start));
    merged.registrationDeadline = base.registrationDeadline === oldFirst ? newFirst : Math.min(base.registrationDeadline, newFirst);
  }
  const next = checkEventContent(merged, now, {
    sessions: changed.sessions !== undefined,
    deadline: changed.registrationDeadline !== undefined,
  });
  if (next.capacity < event.counts.confirmed) throw conflict(`${event.counts.confirmed} people are already confirmed; the capacity cannot be lower.`);
  const names = await regionNames(scope, next.regions);
  const ref = newId();
  const guard = ifChanged(id, ref);
  const fields = Object.keys(changed);
  if (event.status === "published" && changesNeedReview(actor)) {
    await commit(scope, [
      updateEventStatement(event, ref, now, { state: { revision: next, revisionStatus: "in_review", reviewNote: null, submittedAt: now } }),
      auditIf(event.regionId, actor.id, "event.revision_submitted", { type: "event", id }, { fields }, now, guard),
    ]);
  } else {
    await commit(scope, [
      updateEventStatement(event, ref, now, { content: toWrite(next), bumpVersion: true }),
      ...applyStatements(event, next, ref, names, now),
      auditIf(event.regionId, actor.id, "event.changed", { type: "event", id }, { fields }, now, guard),
    ]);
  }
  return reload(scope, id);
}

/** Sends a partner's draft (or a rejected change of a published event) to review. */
export async function submitEvent(scope: OrganiserScope, actor: Actor, id: string, now: number): Promise<EventAdmin> {
  const event = await loadOwned(scope, id);
  const ref = newId();
  let state: Parameters<typeof updateEventStatement>[3]["state"];
  if (event.status === "draft") {
    if (event.firstStartAt <= now) throw conflict("The first session has passed; change the sessions before submitting.");
    state = { status: "in_review", submittedAt: now };
  } else if (event.status === "published" && event.revisionStatus === "rejected") state = { revisionStatus: "in_review", submittedAt: now };
  else
    throw conflict(
      event.status === "in_review" || event.revisionStatus === "in_review" ? "This event is already waiting for review." : "Only a draft can be submitted.",
    );
  await commit(scope, [
    updateEventStatement(event, ref, now, { state }),
    auditIf(event.regionId, actor.id, "event.submitted", { type: "event", id }, {}, now, ifChanged(id, ref)),
  ]);
  return reload(scope, id);
}

/**
 * A reviewer's decision on an event of an organisation whose home region this is: a new event
 * is published (if it has not started) or sent back to draft; a pending change replaces the
 * published version or is marked rejected.
 */
export async function reviewEvent(
  scope: Extract<OrganiserScope, { kind: "region" }>,
  actor: Actor,
  id: string,
  decision: { decision: "approve" | "reject"; note?: string | undefined },
  now: number,
): Promise<EventAdmin> {
  const event = await loadOwned(scope, id);
  const approve = decision.decision === "approve";
  const note = decision.note ?? null;
  const ref = newId();
  const statements: InStatement[] = [];
  let action: string;
  if (event.status === "in_review") {
    if (approve) {
      if (event.firstStartAt <= now) throw conflict("The first session has passed; the organisation must change the sessions first.");
      const names = await regionNames(scope, event.regions);
      statements.push(
        updateEventStatement(event, ref, now, { state: { status: "published", publishedAt: event.publishedAt ?? now, reviewNote: note } }),
        ...indexEventStatements({ id, ref, content: contentOf(event), organiserName: event.organiser.name, regionNames: names }),
      );
      action = "event.published";
    } else {
      statements.push(updateEventStatement(event, ref, now, { state: { status: "draft", reviewNote: note } }));
      action = "event.rejected";
    }
  } else if (event.status === "published" && event.revisionStatus === "in_review" && event.revision) {
    if (approve) {
      const next = checkEventContent(event.revision, now, {
        sessions: JSON.stringify(event.revision.sessions) !== JSON.stringify(event.sessions),
        deadline: event.revision.registrationDeadline !== event.registrationDeadline,
      });
      if (next.capacity < event.counts.confirmed) throw conflict(`${event.counts.confirmed} people are already confirmed; the proposed capacity is too low.`);
      const names = await regionNames(scope, next.regions);
      statements.push(
        updateEventStatement(event, ref, now, { content: toWrite(next), bumpVersion: true, state: { revision: null, revisionStatus: null, reviewNote: note } }),
        ...applyStatements(event, next, ref, names, now),
      );
      action = "event.revision_approved";
    } else {
      statements.push(updateEventStatement(event, ref, now, { state: { revisionStatus: "rejected", reviewNote: note } }));
      action = "event.revision_rejected";
    }
  } else {
    throw conflict("Nothing of this event is waiting for review.");
  }
  statements.push(auditIf(event.regionId, actor.id, action, { type: "event", id }, {}, now, ifChanged(id, ref)));
  await commit(scope, statements);
  return reload(scope, id);
}

/**
 * Cancels an event that is not over: it leaves the list and the search at once, stays
 * reachable by its slug and in feeds marked as cancelled, and everyone registered (wait-list
 * included) gets a mail with the organiser's reason.
 */
export async function cancelEvent(scope: OrganiserScope, actor: Actor, id: string, reason: string | null, now: number): Promise<EventAdmin> {
  const event = await loadOwned(scope, id);
  if (event.status === "cancelled") throw conflict("This event is already cancelled.");
  if (event.lastEndAt <= now) throw conflict("This event is over; it cannot be cancelled.");
  const ref = newId();
  const guard = ifChanged(id, ref);
  const cancelled: EventRecord = { ...event, status: "cancelled", version: event.version + 1 };
  await commit(scope, [
    updateEventStatement(event, ref, now, {
      state: { status: "cancelled", cancelledAt: now, cancelReason: reason, revision: null, revisionStatus: null },
      bumpVersion: true,
    }),
    unindexEventStatement(id, ref),
    mailToRegistrations({
      kind: "event_cancelled",
      event: cancelled,
      opts: { reason },
      ics: eventCalendar(cancelled, { now, sequence: bulkSequence(cancelled.version), status: "CANCELLED", join: false, manage: null, locale: "nl" }),
      now,
      dedupeSuffix: "cancelled",
      where: { sql: `r.event_id = ? and r.status in ('confirmed', 'waitlisted') and ${guard.sql}`, args: [id, ...guard.args] },
    }),
    auditIf(
      event.regionId,
      actor.id,
      "event.cancelled",
      { type: "event", id },
      { registrations: event.counts.confirmed + event.counts.waitlisted },
      now,
      guard,
    ),
  ]);
  return reload(scope, id);
}

export type { OrganiserScope } from "./events.repo";

/**
 * The organiser's events in every state, latest first, a page at a time (offset cursor).
 * @example const page = await listOrganiserEvents(scope, { status: "draft", limit: 20 });
 */
export async function listOrganiserEvents(
  scope: OrganiserScope,
  query: { status?: EventStatus | undefined; limit: number; cursor?: string | undefined },
): Promise<{ events: EventAdmin[]; nextCursor: string | null }> {
  const offset = decodeOffsetCursor(query.cursor);
  const rows = await listOwnedEvents(scope, query.status, query.limit, offset);
  return {
    events: rows.slice(0, query.limit).map((e) => toAdminDto(e)),
    nextCursor: rows.length > query.limit ? encodeOffsetCursor(offset + query.limit) : null,
  };
}
