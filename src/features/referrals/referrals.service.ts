/**
 * Referrals (issue 15): a desk, consultant or region admin refers an entrepreneur to an
 * organisation or one of its offers, from an appointment, a Support Process candidate or on
 * its own; the organisation's partners answer in their inbox; the entrepreneur can withdraw
 * consent through the link in their mail. Every write is one batch: the referral, its first
 * history entry, the audit entry and the mails (outbox), each guarded on the change.
 */
import type { InStatement, Row } from "@libsql/client/web";
import type { Db } from "../../db/client";
import type { ReadPlan } from "../../db/read";
import type { OrganisationScope, RegionScope } from "../../db/scope";
import { writeBatch, type WriteStatement } from "../../db/write";
import type { Actor } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { newId, newToken, sha256Hex } from "../../lib/ids";
import { decodeOffsetCursor, encodeOffsetCursor } from "../../lib/cursor";
import { formatOffsetIso } from "../../lib/time";
import { sql } from "../../lib/sql-template";
import type { Locale, Topic } from "../../lib/vocabulary";
import { auditEntryIf } from "../audit/audit.repo";
import { checkStatusChange, dueAt, isFinal, PICK_UP_WORKING_DAYS } from "./referral-rules";
import { renderNewReferral, renderToEntrepreneur } from "./referral-messages";
import { type InboxReferral, type Referral, toInboxReferral, toReceivedReferral, toReferral } from "./referrals.dto";
import {
  byTokenStatement,
  changedTo,
  guardedInsert,
  inboxReferralStatement,
  inboxStatement,
  insertReferralStatement,
  insertStatusChangeStatement,
  mailOrganisationStatement,
  outboxInsert,
  readReferralSources,
  referralTargetReads,
  readRows,
  referralExists,
  regionListStatement,
  setStatusStatement,
  withdrawStatement,
} from "./referrals.repo";
import type { AttachedReferralInput, ReferralInput, StatusInput } from "./referrals.schemas";

export type { InboxReferral, Referral };

const invalid = (path: string, message: string) => new DomainError("validation_failed", message, [{ path, message }]);

export const inboxUrl = (origin: string, org: string, id?: string) => `${origin}/partner/${org}/doorverwijzingen${id ? `/${id}` : ""}`;
export const withdrawUrl = (origin: string, token: string) => `${origin}/doorverwijzing/${token}`;

/** A referral ready to be written: its statements (for one batch, also another feature's) and its answer. */
export interface PreparedReferral {
  statements: InStatement[];
  referral: Referral;
  /** The appointment it came from (status, start, desk), for the outcome that goes with it. */
  appointment: { frontdeskId: string; status: string; startAt: number; topic: string } | null;
}

type Source = { appointmentId?: string | undefined; candidateId?: string | undefined; entrepreneur?: ReferralInput["entrepreneur"] };

type ReferralRequest = AttachedReferralInput & Source & { question?: string | undefined; frontdeskId?: string | undefined };

/**
 * Checks a referral and builds its statements (one read round trip). From an appointment or a
 * candidate the entrepreneur's contact and question come from there; on its own from `entrepreneur`.
 * `onlyIf` makes the whole referral depend on a change of the same batch.
 */
export async function prepareReferral(
  scope: RegionScope,
  actor: Actor,
  input: ReferralRequest,
  origin: string,
  now: number,
  onlyIf?: Parameters<typeof guardedInsert>[1],
): Promise<PreparedReferral> {
  const sources = await readReferralSources(scope, { ...input, frontdeskId: input.frontdeskId ?? soleDeskOf(actor) });
  return buildReferral(scope, actor, input, sources, origin, now, onlyIf);
}

const soleDeskOf = (actor: Actor) => (actor.role === "frontdesk_staff" && actor.frontdeskIds.length === 1 ? actor.frontdeskIds[0] : undefined);

/**
 * A Support Process stop's referral as a real referral (issue 15), when its target is an
 * organisation of the catalogue: named by `organisation` (its slug; an unknown slug is refused),
 * or else by `name` being an organisation's exact name or slug (any case). Null for a free-text
 * target, and when the candidate's contact data was erased: the stop then stays as it was.
 * The referral depends on `onlyIf`, the stop's change in the same write batch (one read round trip).
 */
export async function prepareStopReferral(
  scope: RegionScope,
  actor: Actor,
  candidateId: string,
  stop: { name: string; organisation?: string | undefined; offerId?: string | undefined; consentToShare?: boolean | undefined; note?: string | undefined },
  origin: string,
  now: number,
  onlyIf: Parameters<typeof guardedInsert>[1],
): Promise<PreparedReferral | null> {
  const byName = stop.organisation === undefined;
  const sources = await readReferralSources(scope, {
    organisation: stop.organisation ?? stop.name,
    organisationByName: byName,
    offerId: stop.offerId,
    candidateId,
  });
  const org = sources.organisation;
  if (!org) {
    if (byName) return null;
    throw invalid("referral.organisation", `There is no organisation "${stop.organisation}".`);
  }
  if (stop.offerId && (!sources.offer || String(sources.offer.org_slug) !== String(org.slug) || String(sources.offer.status) !== "published")) {
    throw invalid("referral.offerId", "Choose a published offer of that organisation.");
  }
  if (!sources.candidate?.email) return null;
  const input: ReferralRequest = {
    organisation: String(org.slug),
    offerId: stop.offerId,
    note: stop.note,
    consentToShare: stop.consentToShare ?? false,
    candidateId,
  };
  return buildReferral(scope, actor, input, sources, origin, now, onlyIf);
}

/** The checks and statements of a referral, from its sources as read. */
async function buildReferral(
  scope: RegionScope,
  actor: Actor,
  input: ReferralRequest,
  sources: Awaited<ReturnType<typeof readReferralSources>>,
  origin: string,
  now: number,
  onlyIf?: Parameters<typeof guardedInsert>[1],
): Promise<PreparedReferral> {
  const soleDesk = soleDeskOf(actor);
  const org = sources.organisation;
  if (!org) throw invalid("organisation", `There is no organisation "${input.organisation}".`);
  if (input.offerId && (!sources.offer || String(sources.offer.org_slug) !== String(org.slug) || String(sources.offer.status) !== "published")) {
    throw invalid("offerId", "Choose a published offer of that organisation.");
  }
  const own = (deskId: unknown) => actor.role !== "frontdesk_staff" || (typeof deskId === "string" && actor.frontdeskIds.includes(deskId));
  let person: { name: string | null; email: string | null; phone: string | null; companyName: string | null; kvkNumber: string | null };
  let question = input.question ?? null;
  let topic: Topic | undefined = input.topic;
  let deskId: string | null = null;
  let locale: Locale = "nl";
  let appointment: PreparedReferral["appointment"] = null;
  const given = [input.appointmentId, input.candidateId, input.entrepreneur].filter((x) => x !== undefined).length;
  if (given !== 1) throw invalid("entrepreneur", "Refer from one appointment, one candidate, or give the entrepreneur's details (one of the three).");
  if (input.appointmentId) {
    const a = sources.appointment;
    if (!a || !own(a.frontdesk_id)) throw notFound("This appointment");
    if (String(a.status) === "cancelled") throw new DomainError("conflict", "This appointment was cancelled; refer the entrepreneur on their own.");
    if (!a.email) throw new DomainError("conflict", "This appointment's personal data was erased; refer the entrepreneur on their own.");
    person = { name: str(a.name), email: str(a.email), phone: opt(a.phone), companyName: opt(a.company_name), kvkNumber: opt(a.kvk_number) };
    question ??= opt(a.question);
    topic ??= String(a.topic) as Topic;
    deskId = String(a.frontdesk_id);
    locale = String(a.locale) === "en" ? "en" : "nl";
    appointment = { frontdeskId: deskId, status: String(a.status), startAt: Number(a.start_at), topic: String(a.topic) };
  } else if (input.candidateId) {
    const c = sources.candidate;
    if (!c || (actor.role === "consultant" && c.consultant_user_id !== actor.id) || (actor.role === "frontdesk_staff" && !own(c.frontdesk_id))) {
      throw notFound("This candidate");
    }
    if (!c.email) throw new DomainError("conflict", "This candidate's contact data was erased; refer the entrepreneur on their own.");
    person = { name: opt(c.contact_name), email: str(c.email), phone: opt(c.phone), companyName: opt(c.company_name), kvkNumber: opt(c.kvk_number) };
    question ??= opt(c.ambition);
    topic ??= String(c.topic) as Topic;
    deskId = opt(c.frontdesk_id);
  } else {
    const e = input.entrepreneur;
    if (!e) throw invalid("entrepreneur", "Give the entrepreneur's name and e-mail address.");
    person = { name: e.name, email: e.email, phone: e.phone ?? null, companyName: e.companyName ?? null, kvkNumber: e.kvkNumber ?? null };
  }
  if (input.frontdeskId) {
    if (!sources.desks.some((d) => d.id === input.frontdeskId) || !own(input.frontdeskId)) throw invalid("frontdeskId", "Choose one of your frontdesks.");
    deskId = input.frontdeskId;
  } else if (deskId === null && soleDesk) {
    deskId = soleDesk;
  }
  if (!topic) throw invalid("topic", "Choose the topic of the referral.");

  const id = newId();
  const token = input.consentToShare ? newToken(32) : null;
  const due = dueAt(now, PICK_UP_WORKING_DAYS, scope.region);
  const db = scope.db;
  const exists = referralExists(id);
  const row = {
    id,
    regionId: scope.region.id,
    toRegionId: String(org.home_region_id),
    organisationId: String(org.id),
    offerId: input.offerId ?? null,
    frontdeskId: deskId,
    appointmentId: input.appointmentId ?? null,
    candidateId: input.candidateId ?? null,
    referredByUserId: actor.id,
    topic,
    consentToShare: input.consentToShare,
    status: "sent" as const,
    locale,
    note: input.note ?? null,
    question,
    ...person,
    withdrawTokenHash: token ? await sha256Hex(token) : null,
    dueAt: due,
    createdAt: now,
    updatedAt: now,
  };
  const toOrg = renderNewReferral({ organisationName: str(org.name), fromRegion: scope.region.name, topic, inboxUrl: inboxUrl(origin, str(org.slug), id) });
  const toPerson = renderToEntrepreneur(locale, {
    name: person.name ?? "",
    organisationName: str(org.name),
    contact: { email: opt(org.email), phone: opt(org.phone), website: opt(org.website) },
    consent: input.consentToShare,
    withdrawUrl: token ? withdrawUrl(origin, token) : null,
  });
  const statements: InStatement[] = [
    guardedInsert(insertReferralStatement(db, row), onlyIf ?? sql`1`),
    guardedInsert(
      insertStatusChangeStatement(db, { referralId: id, regionId: scope.region.id, status: "sent", note: null, actorUserId: actor.id, changedAt: now }),
      exists,
    ),
    auditEntryIf(
      scope,
      actor,
      "referral.created",
      { type: "referral", id },
      { organisation: str(org.slug), consentToShare: input.consentToShare },
      now,
      exists,
    ),
    mailOrganisationStatement(
      {
        regionId: scope.region.id,
        organisationId: String(org.id),
        kind: "referral_received",
        referralId: id,
        subject: toOrg.subject,
        text: toOrg.text,
        html: toOrg.html,
        now,
      },
      exists,
    ),
    guardedInsert(
      outboxInsert(db, {
        id: newId(),
        regionId: scope.region.id,
        kind: "referral_entrepreneur",
        dedupeKey: id,
        recipient: person.email ?? "",
        subject: toPerson.subject,
        textBody: toPerson.text,
        htmlBody: toPerson.html,
        nextAttemptAt: now,
        createdAt: now,
      }),
      exists,
    ),
  ];
  const answerRow = {
    ...snake(row),
    consent_to_share: input.consentToShare ? 1 : 0,
    org_slug: org.slug,
    org_name: org.name,
    offer_slug: sources.offer && input.offerId ? sources.offer.slug : null,
    offer_title: sources.offer && input.offerId ? sources.offer.title : null,
    desk_name: sources.desks.find((d) => d.id === deskId)?.name ?? null,
    referrer_name: actor.name,
    from_slug: scope.region.slug,
    from_name: scope.region.name,
    to_slug: org.home_slug,
    to_name: org.home_name,
    history: JSON.stringify([{ status: "sent", note: null, at: now }]),
  } as unknown as Row;
  return { statements, referral: toReferral(answerRow, now), appointment };
}

const str = (x: unknown) => (x === null || x === undefined ? "" : String(x));
const opt = (x: unknown) => (x === null || x === undefined || x === "" ? null : String(x));
const snake = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`), v]));

/**
 * Creates a referral (`POST /regions/{region}/admin/referrals` and the web form): two round trips.
 * @example await createReferral(scope, actor, { entrepreneur: { name, email }, organisation: "liof", topic: "financiering", consentToShare: true }, origin, now)
 */
export async function createReferral(scope: RegionScope, actor: Actor, input: ReferralInput, origin: string, now: number): Promise<Referral> {
  const prepared = await prepareReferral(scope, actor, input, origin, now);
  await writeBatch(scope.db, prepared.statements);
  return prepared.referral;
}

function page<T>(rows: Row[], limit: number, offset: number, map: (r: Row) => T): { referrals: T[]; nextCursor: string | null } {
  return { referrals: rows.slice(0, limit).map(map), nextCursor: rows.length > limit ? encodeOffsetCursor(offset + limit) : null };
}

/**
 * The referrals the region made, newest first (frontdesk staff and consultants: their own and
 * their desks'), or (region admins) those made to organisations of the region.
 */
export async function listRegionReferrals(
  scope: RegionScope,
  actor: Actor,
  query: { status?: string | undefined; direction: "made" | "received"; limit: number; cursor?: string | undefined },
  now: number,
): Promise<{ referrals: Referral[]; nextCursor: string | null }> {
  const offset = decodeOffsetCursor(query.cursor);
  const admin = actor.role === "region_admin" || actor.role === "platform_admin";
  if (query.direction === "received" && !admin) throw new DomainError("forbidden", "Only region admins see the referrals made to the region's organisations.");
  const mine = admin ? undefined : { userId: actor.id, frontdeskIds: actor.frontdeskIds };
  const rows = await readRows(scope.db, regionListStatement(scope, { direction: query.direction, status: query.status, mine }, query.limit, offset));
  return page(rows, query.limit, offset, (r) => (query.direction === "received" ? toReceivedReferral(r, now) : toReferral(r, now)));
}

/** The organisation's inbox, newest first. */
export async function listInbox(
  scope: OrganisationScope,
  query: { status?: string | undefined; limit: number; cursor?: string | undefined },
  now: number,
): Promise<{ referrals: InboxReferral[]; nextCursor: string | null }> {
  const offset = decodeOffsetCursor(query.cursor);
  const rows = await readRows(scope.db, inboxStatement(scope, query.status, query.limit, offset));
  return page(rows, query.limit, offset, (r) => toInboxReferral(r, now));
}

/** One referral of the organisation's inbox, or 404. */
export async function getInboxReferral(scope: OrganisationScope, id: string, now: number): Promise<InboxReferral> {
  const [row] = await readRows(scope.db, inboxReferralStatement(scope, id));
  if (!row) throw notFound("This referral");
  return toInboxReferral(row, now);
}

/**
 * A partner's answer: received → contacted → helped / not_suitable (with a reason) / no_contact,
 * timestamped in the history; the referring region sees it. Two round trips.
 */
export async function changeReferralStatus(scope: OrganisationScope, actor: Actor, id: string, input: StatusInput, now: number): Promise<InboxReferral> {
  const [row] = await readRows(scope.db, inboxReferralStatement(scope, id));
  if (!row) throw notFound("This referral");
  const from = String(row.status) as Referral["status"];
  const refusal = checkStatusChange(from, input.status, input.note);
  if (refusal) throw refusal.path ? invalid(refusal.path, refusal.message) : new DomainError(refusal.code, refusal.message);
  const to = input.status;
  const contacted = to === "contacted" || to === "helped" || to === "not_suitable";
  const closed = isFinal(to);
  const note = input.note ?? null;
  const changed = changedTo(id, to, now);
  const regionId = String(row.region_id);
  const [update] = await writeBatch(scope.db, [
    setStatusStatement(scope, { id, from, to, note, now, received: true, contacted, closed }),
    guardedInsert(insertStatusChangeStatement(scope.db, { referralId: id, regionId, status: to, note, actorUserId: actor.id, changedAt: now }), changed),
    auditEntryIf(
      { db: scope.db, region: { id: regionId } as RegionScope["region"] },
      actor,
      "referral.status_changed",
      { type: "referral", id },
      { from, to, organisation: scope.organisation.slug },
      now,
      changed,
    ),
  ]);
  if ((update?.rowsAffected ?? 0) !== 1) throw new DomainError("conflict", "This referral changed at the same moment; please reload.");
  const history = JSON.parse(str(row.history) || "[]") as unknown[];
  const after = {
    ...row,
    status: to,
    updated_at: now,
    status_note: note ?? row.status_note,
    received_at: row.received_at ?? now,
    contacted_at: contacted ? (row.contacted_at ?? now) : row.contacted_at,
    closed_at: closed ? now : row.closed_at,
    history: JSON.stringify([...history, { status: to, note, at: now }]),
  } as unknown as Row;
  return toInboxReferral(after, now);
}

/** What the entrepreneur's link shows (404 for an unknown link). */
export async function getMyReferral(db: Db, token: string) {
  const [row] = await readRows(db, byTokenStatement(await sha256Hex(token)));
  if (!row) throw notFound("This referral");
  return toMine(row);
}

function toMine(row: Row) {
  return {
    status: String(row.status) as Referral["status"],
    topic: String(row.topic) as Topic,
    consentToShare: Number(row.consent_to_share) === 1,
    withdrawnAt: row.withdrawn_at === null || row.withdrawn_at === undefined ? null : formatOffsetIso(Number(row.withdrawn_at)),
    createdAt: formatOffsetIso(Number(row.created_at)),
    organisation: { name: str(row.org_name), website: opt(row.org_website), email: opt(row.org_email), phone: opt(row.org_phone) },
    offer: row.offer_slug ? { slug: str(row.offer_slug), title: str(row.offer_title) } : null,
  };
}

/**
 * The entrepreneur withdraws consent: the organisation then sees only that it was withdrawn.
 * A second withdrawal changes nothing (the same answer). Two round trips.
 */
export async function withdrawConsent(db: Db, token: string, now: number) {
  const [row] = await readRows(db, byTokenStatement(await sha256Hex(token)));
  if (!row) throw notFound("This referral");
  if (String(row.status) === "withdrawn") return toMine(row);
  const id = String(row.id);
  const statements: WriteStatement[] = [
    withdrawStatement(id, now),
    guardedInsert(
      insertStatusChangeStatement(db, { referralId: id, regionId: String(row.region_id), status: "withdrawn", note: null, actorUserId: null, changedAt: now }),
      changedTo(id, "withdrawn", now),
    ),
  ];
  await writeBatch(db, statements);
  return toMine({ ...row, status: "withdrawn", consent_to_share: 0, withdrawn_at: now } as unknown as Row);
}

/** An organisation a desk can refer to, with its published offers (the web form's picker). */
export interface ReferralTarget {
  slug: string;
  name: string;
  kind: string;
  homeRegion: string;
  offers: Array<{ id: string; title: string }>;
}

/**
 * Adds every organisation with its published offers (by name) to a page's read plan; the
 * returned function gives them once the plan has run.
 * @example const targets = planReferralTargets(plan); await plan.run(); targets();
 */
export function planReferralTargets(plan: ReadPlan): () => ReferralTarget[] {
  const reads = referralTargetReads();
  const organisations = plan.add(reads.organisations);
  const offers = plan.add(reads.offers);
  return () =>
    organisations.value.rows.map((o) => ({
      slug: str(o.slug),
      name: str(o.name),
      kind: str(o.kind),
      homeRegion: str(o.home_name),
      offers: offers.value.rows.filter((f) => f.org_slug === o.slug).map((f) => ({ id: str(f.id), title: str(f.title) })),
    }));
}
