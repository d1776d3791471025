import type { RegionScope } from "../../db/scope";
import { writeBatch } from "../../db/write";
import type { Actor } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { addDays, localDayBounds, formatOffsetIso, todayLocal, TIMEZONE } from "../../lib/time";
import { auditEntry } from "../audit/audit.repo";
import { planRegionConfig } from "../frontdesks/desk-config";
import { ReadPlan } from "../../db/read";
import { agendaQueries, findAppointment, setOutcomeStatement } from "./appointments.repo";
import { videoUrlFor } from "./appointments.dto";
import { planAddressesWithProfile } from "../entrepreneurs/staff.service";
import { prepareReferral } from "../referrals/referrals.service";
import { noteWebhooksQueued } from "../webhooks/webhook-events";
import type { AttachedReferralInput } from "../referrals/referrals.schemas";

const YEAR_MS = 365 * 24 * 3_600_000;

/**
 * One local day of appointments at the actor's desks (frontdesk staff: their own; admins:
 * all of the region), with each entrepreneur's earlier no-shows in the region (same
 * e-mail, last 12 months) so staff can follow up, and whether each keeps a company profile.
 * One read batch: the region's desks (from isolate memory when current), the day, the
 * no-shows and the profiles.
 * @example await getAgenda(scope, actor, { date: "2027-03-29" }, Date.now())
 */
export async function getAgenda(scope: RegionScope, actor: Actor, query: { date: string; frontdeskId?: string | undefined }, now: number) {
  const own = actor.role === "frontdesk_staff" ? actor.frontdeskIds : null;
  if (query.frontdeskId && own && !own.includes(query.frontdeskId)) throw notFound("This frontdesk");
  // The actor's whole day is read; one asked desk is picked out below (same batch either way).
  const deskFilter = own;
  const { start, end } = localDayBounds(query.date);
  const plan = new ReadPlan(scope.db);
  const regionConfig = planRegionConfig(plan, scope.region.slug, todayLocal(now));
  const q = agendaQueries(scope, deskFilter, start, end, Math.min(start, now) - YEAR_MS);
  const agenda = plan.add(q.rows);
  const noShowRows = plan.add(q.noShows);
  const profiles = planAddressesWithProfile(plan, q.emails);
  await plan.run();
  const withProfile = profiles();
  const visible = (regionConfig()?.config.desks ?? []).filter((d) => own === null || own.includes(d.id));
  const desks = new Map(visible.map((d) => [d.id, d]));
  if (query.frontdeskId && !desks.has(query.frontdeskId)) throw notFound("This frontdesk");
  const noShows = new Map(noShowRows.value.map((r) => [r.email ?? "", Number(r.n)]));
  const rows = query.frontdeskId ? agenda.value.filter((r) => r.appointment.frontdeskId === query.frontdeskId) : agenda.value;
  return {
    /** The desks whose agenda the actor may see (archived ones included), by municipality and name. */
    desks: visible.map((d) => ({ id: d.id, name: d.name, municipality: d.municipality, archived: d.archivedAt !== null })),
    date: query.date,
    timezone: TIMEZONE,
    appointments: rows.map(({ appointment: a, frontdeskName }) => {
      const desk = desks.get(a.frontdeskId);
      const earlier = a.email ? (noShows.get(a.email) ?? 0) - (a.status === "no_show" ? 1 : 0) : 0;
      return {
        id: a.id,
        status: a.status,
        frontdeskId: a.frontdeskId,
        frontdeskName,
        start: formatOffsetIso(a.startAt),
        end: formatOffsetIso(a.endAt),
        mode: a.mode,
        topic: a.topic,
        question: a.question,
        entrepreneur: { name: a.name, email: a.email, phone: a.phone, companyName: a.companyName, kvkNumber: a.kvkNumber },
        ...(desk ? { videoUrl: videoUrlFor(desk, a) } : {}),
        earlierNoShows: Math.max(0, earlier),
        hasProfile: a.email !== null && withProfile.has(a.email.trim().toLowerCase()),
        outcomeNote: a.outcomeNote,
        canMarkOutcome: a.status !== "cancelled" && a.startAt <= now,
      };
    }),
  };
}

/**
 * Marks a past appointment completed or no-show (a later correction is allowed); audited.
 * @example await markOutcome(scope, actor, id, { outcome: "no_show" }, Date.now())
 */
export async function markOutcome(
  scope: RegionScope,
  actor: Actor,
  id: string,
  input: { outcome: "completed" | "no_show" | "referred"; note?: string | undefined; referral?: AttachedReferralInput | undefined },
  now: number,
  origin = "",
) {
  if (input.outcome === "referred" && !input.referral) throw invalidReferral("Say where the entrepreneur is referred to.");
  if (input.outcome === "no_show" && input.referral) throw invalidReferral("Someone who did not come cannot be referred from this appointment.");
  // A referral reads the appointment with its own sources (one round trip either way).
  const prepared = input.referral ? await prepareReferral(scope, actor, { ...input.referral, appointmentId: id }, origin, now) : null;
  const row = prepared ? prepared.appointment : await findAppointment(scope, id);
  if (!row) throw notFound("This appointment");
  if (actor.role === "frontdesk_staff" && !actor.frontdeskIds.includes(row.frontdeskId)) throw notFound("This appointment");
  if (row.status === "cancelled") throw new DomainError("conflict", "This appointment was cancelled; there is no outcome to record.");
  if (row.startAt > now) throw new DomainError("conflict", "This appointment has not started yet; record the outcome afterwards.");
  const status = input.outcome === "no_show" ? "no_show" : "completed";
  const statements = [
    setOutcomeStatement(scope, { id, outcome: status, note: input.note ?? null, now }),
    auditEntry(scope, actor, "appointment.outcome", { type: "appointment", id }, { outcome: input.outcome, previous: row.status }, now),
    ...(prepared?.statements ?? []),
  ];
  const results = await writeBatch(scope.db, statements);
  noteWebhooksQueued(scope.db, statements, results);
  const [result] = results;
  if ((result?.rowsAffected ?? 0) !== 1) throw new DomainError("conflict", "This appointment changed at the same moment; please reload.");
  return { id, status, outcomeNote: input.note ?? null, ...(prepared ? { referral: prepared.referral } : {}) };
}

function invalidReferral(message: string): DomainError {
  return new DomainError("validation_failed", message, [{ path: "referral", message }]);
}

/**
 * The appointments of several local days at the actor's desks (the week view and the printable
 * day list), with the desk picked out: an asked desk the actor may not see (or an unknown one)
 * is ignored, and the whole range of their desks is shown. One read batch (the region's desks,
 * from isolate memory when current, and the range); no contact details beyond what the day's
 * agenda shows.
 * @example const { frontdeskId, rows } = await getAgendaRange(scope, actor, { from: "2027-03-29", days: 7 }, now)
 */
export async function getAgendaRange(scope: RegionScope, actor: Actor, query: { from: string; days: number; frontdeskId?: string | undefined }, now: number) {
  const own = actor.role === "frontdesk_staff" ? actor.frontdeskIds : null;
  const start = localDayBounds(query.from).start;
  const end = localDayBounds(addDays(query.from, Math.max(0, query.days - 1))).end;
  const plan = new ReadPlan(scope.db);
  const regionConfig = planRegionConfig(plan, scope.region.slug, todayLocal(now));
  const agenda = plan.add(agendaQueries(scope, own, start, end, start).rows);
  await plan.run();
  const visible = (regionConfig()?.config.desks ?? []).filter((d) => own === null || own.includes(d.id));
  const frontdeskId = visible.some((d) => d.id === query.frontdeskId) ? query.frontdeskId : undefined;
  const rows = frontdeskId ? agenda.value.filter((r) => r.appointment.frontdeskId === frontdeskId) : agenda.value;
  return {
    frontdeskId,
    rows: rows.map(({ appointment: a, frontdeskName }) => ({
      id: a.id,
      status: a.status,
      frontdeskName,
      start: a.startAt,
      end: a.endAt,
      mode: a.mode,
      topic: a.topic,
      name: a.name,
      phone: a.phone,
      companyName: a.companyName,
      question: a.question,
      outcomeNote: a.outcomeNote,
      past: a.startAt <= now,
    })),
  };
}
