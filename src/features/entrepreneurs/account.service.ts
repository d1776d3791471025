/**
 * What a signed-in entrepreneur changes: the company profile, bookmarks, and their own
 * appointments (cancel, reschedule) through the appointment service's own rules.
 */
import type { Db } from "../../db/client";
import { ReadPlan } from "../../db/read";
import { writeBatch } from "../../db/write";
import type { AppContext, EntrepreneurActor } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { cancelResolved } from "../appointments/appointments.cancel";
import type { Links } from "../appointments/appointments.dto";
import { planAppointmentLink, type ResolvedAppointment } from "../appointments/appointments.manage-link";
import { rescheduleResolved } from "../appointments/appointments.reschedule";
import { planEntrepreneur, type PlannedEntrepreneur } from "./entrepreneur-session";
import {
  MAX_BOOKMARKS,
  bookmarkBySessionRead,
  bookmarksStatement,
  deleteBookmarkStatement,
  entrepreneurAudit,
  findBookmarkBySlug,
  findOfferForBookmark,
  findProfile,
  insertBookmarkStatement,
  upsertProfileStatement,
  type ProfileRow,
} from "./entrepreneurs.repo";
import type { ProfileInput } from "./entrepreneurs.schemas";
import { type Bookmark, type Profile, readParts, rowsOf, toBookmark } from "./overview.service";
import { formatOffsetIso, localDate } from "../../lib/time";

/** The web page of the overview; e-mails about changes made there point to it. */
export const OVERVIEW_PATH = "/mijn";

/**
 * Creates or replaces the company profile (PUT: a field left out is cleared). Audited with the
 * names of the changed fields only.
 * @example await putProfile(db, me, { companyName: "Bakkerij Brood", visibleToPeers: false, … }, now);
 */
export async function putProfile(db: Db, me: EntrepreneurActor, input: ProfileInput, now: number): Promise<Profile> {
  const current = await findProfile(db, me.id);
  const row: ProfileRow = {
    entrepreneurId: me.id,
    companyName: input.companyName,
    kvkNumber: input.kvkNumber,
    legalForm: input.legalForm,
    sector: input.sector,
    sizeClass: input.sizeClass,
    municipality: input.municipality,
    website: input.website,
    description: input.description,
    ambition: input.ambition,
    visibleToPeers: input.visibleToPeers,
    createdAt: current?.createdAt ?? now,
    updatedAt: now,
  };
  const fields = (Object.keys(row) as (keyof ProfileRow)[]).filter((k) => k !== "entrepreneurId" && k !== "createdAt" && k !== "updatedAt");
  const changed = current ? fields.filter((k) => current[k] !== row[k]) : fields.filter((k) => row[k] !== null);
  await writeBatch(db, [
    upsertProfileStatement(db, row),
    entrepreneurAudit(db, current ? "entrepreneur.profile_changed" : "entrepreneur.profile_created", me.id, { fields: changed }, now),
  ]);
  const { entrepreneurId: _id, createdAt: _created, updatedAt: _updated, ...fieldsOfRow } = row;
  return { ...fieldsOfRow, updatedAt: formatOffsetIso(now) };
}

/**
 * Keeps a published offer (idempotent: keeping it twice is keeping it once).
 * @example await addBookmark(db, me, "innovatiekrediet-limburg", now) // { created: true }
 */
export async function addBookmark(db: Db, me: EntrepreneurActor, slug: string, now: number): Promise<{ created: boolean }> {
  const offer = await findOfferForBookmark(db, me.id, slug);
  if (!offer) throw notFound("This offer");
  if (offer.bookmarked) return { created: false };
  if (offer.bookmarks >= MAX_BOOKMARKS) throw new DomainError("conflict", `You can keep at most ${MAX_BOOKMARKS} offers; remove one first.`);
  await writeBatch(db, [insertBookmarkStatement(db, me.id, offer.offerId, now)]);
  return { created: true };
}

/** The offers the entrepreneur keeps, newest first. */
export async function listBookmarks(db: Db, me: EntrepreneurActor, now: number): Promise<Bookmark[]> {
  const parts = await readParts(db, { bookmarks: bookmarksStatement(me.id) });
  return rowsOf(parts.bookmarks).map((r) => toBookmark(r, now));
}

/** Whether the entrepreneur keeps the offer with this slug (whatever the offer's state now). */
export async function hasBookmark(db: Db, me: EntrepreneurActor, slug: string): Promise<boolean> {
  return (await findBookmarkBySlug(db, me.id, slug)) !== null;
}

/**
 * Whether the entrepreneur of a session being read in the same plan keeps the offer with this
 * slug (an offer page's save button): no statement when nobody is signed in.
 * @example const session = await planEntrepreneur(c, plan); const saved = planHasBookmark(plan, session, slug); await plan.run(); saved();
 */
export function planHasBookmark(plan: ReadPlan, session: PlannedEntrepreneur, slug: string): () => boolean {
  if (!session.sessionIdHash) return () => false;
  const rows = plan.add(bookmarkBySessionRead(session.sessionIdHash, slug));
  return () => session.me() !== null && rows.value.length > 0;
}

/** Removes a bookmark; 404 when there is none. */
export async function removeBookmark(db: Db, me: EntrepreneurActor, slug: string): Promise<void> {
  const offerId = await findBookmarkBySlug(db, me.id, slug);
  if (!offerId) throw notFound("This bookmark");
  await writeBatch(db, [deleteBookmarkStatement(db, me.id, offerId)]);
}

/**
 * An appointment made with the signed-in entrepreneur's verified address (404 for anyone
 * else's), read in ONE batch with the session (unless the access rule read it already) and,
 * with `config`, the region's desk configuration. 401 when the session is not (or no longer) valid.
 */
async function ownedAppointment(c: AppContext, id: string, opts: { config?: string } = {}): Promise<ResolvedAppointment> {
  const plan = new ReadPlan(c.var.db);
  const session = await planEntrepreneur(c, plan);
  if (!session.sessionIdHash) throw new DomainError("unauthenticated", "Sign in to continue.");
  const found = planAppointmentLink(plan, { db: plan.db, appointmentId: id, entrepreneurSessionHash: session.sessionIdHash }, opts);
  await plan.run();
  if (!session.me()) throw new DomainError("unauthenticated", "Sign in to continue.");
  return found();
}

/**
 * Cancels one of the entrepreneur's appointments: the manage link's rules (the desk's cut-off,
 * the cancellation e-mail), with the overview page as the link in the e-mail. Two round trips:
 * session and appointment, then the write.
 * @example await cancelMyAppointment(c, id, { now, links });
 */
export async function cancelMyAppointment(c: AppContext, id: string, opts: { now: number; links: Links }) {
  return cancelResolved(await ownedAppointment(c, id), { accountUrl: `${opts.links.origin}${OVERVIEW_PATH}` }, opts);
}

/**
 * Moves one of the entrepreneur's appointments to another free time of the same desk. Two round
 * trips: session, appointment and desk configuration, then the write.
 * @example await rescheduleMyAppointment(c, id, Date.parse("2027-03-30T09:00:00+02:00"), { now, links });
 */
export async function rescheduleMyAppointment(c: AppContext, id: string, start: number, opts: { now: number; links: Links }) {
  return rescheduleResolved(
    await ownedAppointment(c, id, { config: localDate(opts.now) }),
    { accountUrl: `${opts.links.origin}${OVERVIEW_PATH}` },
    start,
    opts,
  );
}
