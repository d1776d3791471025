/**
 * AVG/GDPR: an entrepreneur deletes their account. The account and everything that hangs
 * only on it (profile, sessions, sign-in links, bookmarks) is removed, and in every region
 * the region admin's erasure runs for the verified address (src/features/privacy): future
 * appointments are cancelled (no e-mail: there is no address left), all appointments, event
 * registrations and Support Process candidates lose their personal data, mails are withdrawn or emptied. Status,
 * desk, topic, mode, municipality, stages and dates stay, so the figures keep counting.
 * One read batch for the counts, one write batch for all of it (with the audit entries); a region
 * where the address registered for events adds one read (which events' wait-lists move up).
 */
import type { Db } from "../../db/client";
import { regionScope } from "../../db/scope";
import { writeBatch, type WriteStatement } from "../../db/write";
import type { EntrepreneurActor, RegionRef } from "../../lib/context";
import { eraseRegistrationStatements } from "../events/events.privacy";
import { erasureStatements } from "../privacy/privacy.service";
import { deleteAccountStatements, entrepreneurAudit, erasureCountsStatement } from "./entrepreneurs.repo";
import { num, rowsOf, text } from "./overview.service";

export interface DeletionResult {
  appointments: number;
  cancelledAppointments: number;
  messagesWithdrawn: number;
  supportProcessCandidates: number;
  eventRegistrations: number;
}

/**
 * Deletes the account and erases the address's personal data in every region.
 * @example const erased = await deleteMyAccount(db, me, now);
 */
export async function deleteMyAccount(db: Db, me: EntrepreneurActor, now: number): Promise<DeletionResult> {
  const [countsRs] = await db.client.batch([erasureCountsStatement(me.email, now)], "read");
  const totals: DeletionResult = { appointments: 0, cancelledAppointments: 0, messagesWithdrawn: 0, supportProcessCandidates: 0, eventRegistrations: 0 };
  const statements: WriteStatement[] = [];
  for (const row of rowsOf(countsRs)) {
    const counts = {
      appointments: num(row.appointments),
      cancelled: num(row.cancelled),
      messagesWithdrawn: num(row.pending),
      candidates: num(row.candidates),
      registrations: num(row.registrations),
      referrals: num(row.referrals),
    };
    if (counts.appointments + counts.candidates + counts.messagesWithdrawn + counts.registrations + counts.referrals === 0) continue;
    const region: RegionRef = {
      id: text(row.id),
      slug: text(row.slug),
      name: text(row.name),
      operator: text(row.operator),
      goodFridayClosed: num(row.good_friday_closed) === 1,
      liberationDayClosed: num(row.liberation_day_closed) === 1,
      retentionMonths: num(row.retention_months),
    };
    statements.push(
      ...erasureStatements(regionScope(db, region), me.email, now),
      // Event registrations: live ones for events ahead cancelled (the wait-list moves up), all anonymised.
      ...(counts.registrations > 0 ? await eraseRegistrationStatements(db, region.id, me.email, now) : []),
      // The region's audit log shows that its data about someone was erased at their request (counts only).
      entrepreneurAudit(db, "privacy.self_erasure", me.id, counts, now, region.id),
    );
    totals.appointments += counts.appointments;
    totals.cancelledAppointments += counts.cancelled;
    totals.messagesWithdrawn += counts.messagesWithdrawn;
    totals.supportProcessCandidates += counts.candidates;
    totals.eventRegistrations += counts.registrations;
  }
  statements.push(...deleteAccountStatements(me.id, me.email), entrepreneurAudit(db, "entrepreneur.account_deleted", me.id, { ...totals }, now));
  await writeBatch(db, statements);
  return totals;
}
