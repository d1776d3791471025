/**
 * Registering candidates for the Support Process: by frontdesk staff (for one of their own
 * desks, optionally straight from an appointment) and by entrepreneurs themselves (rate
 * limited per client address).
 */
import type { RegionScope } from "../../db/scope";
import { writeBatch, type WriteStatement } from "../../db/write";
import type { Stage } from "../../db/schema";
import type { Actor } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import type { Limits } from "../../lib/rate-limit";
import type { Locale, Topic } from "../../lib/vocabulary";
import { findAppointment } from "../appointments/appointments.repo";
import { auditEntry } from "../audit/audit.repo";
import { findFrontdesk } from "../frontdesks/frontdesks.repo";
import { findCandidateInvitation } from "../events/organiser.service";
import { canonicalMunicipality } from "../regions/regions.service";
import { insertCandidateMailStatement, insertCandidateStatement, insertStageChangeStatement, listCandidateNoticeRecipients } from "./scouting.repo";
import { renderCandidateConfirmation, renderCandidateNotice } from "../notifications/candidate-messages";
import { isAdmin, target } from "./scouting.access";

/** A candidate as the form (or the public self-registration) gives it, validated by the schemas. */
export interface CandidateInput {
  company: { name: string; kvkNumber: string };
  contact: { name: string; email: string; phone?: string | undefined };
  municipality: string;
  ambition: string;
  topic: Topic;
  consent: true;
  frontdeskId?: string | undefined;
  appointmentId?: string | undefined;
  /** The code of an event's invitation link (self-registration only): the candidate then comes from that event. */
  invitation?: string | undefined;
}

/** The scouting desk (and appointment) of a staff registration, checked against the actor's desks. */
async function resolveScoutingDesk(scope: RegionScope, actor: Actor, input: CandidateInput): Promise<{ frontdeskId: string; appointmentId: string | null }> {
  const mayUseDesk = (deskId: string) => isAdmin(actor) || actor.frontdeskIds.includes(deskId);
  let frontdeskId = input.frontdeskId;
  let appointmentId: string | null = null;
  if (input.appointmentId) {
    const appointment = await findAppointment(scope, input.appointmentId);
    if (!appointment || !mayUseDesk(appointment.frontdeskId)) throw notFound("This appointment");
    if (frontdeskId && frontdeskId !== appointment.frontdeskId) {
      throw new DomainError("validation_failed", "The scouting frontdesk must be the appointment's frontdesk.", [
        { path: "frontdeskId", message: "Use the appointment's frontdesk." },
      ]);
    }
    frontdeskId = appointment.frontdeskId;
    appointmentId = appointment.id;
  }
  if (!frontdeskId)
    throw new DomainError("validation_failed", "Choose the scouting frontdesk.", [{ path: "frontdeskId", message: "Choose the scouting frontdesk." }]);
  const desk = await findFrontdesk(scope, frontdeskId);
  if (!desk) throw notFound("This frontdesk");
  if (!mayUseDesk(desk.id)) throw new DomainError("forbidden", "You can only register candidates for your own frontdesks.");
  return { frontdeskId: desk.id, appointmentId };
}

/**
 * Registers an entrepreneur as a candidate for the Support Process, from a frontdesk (actor
 * given: staff for one of their own desks, optionally from one of their appointments) or as
 * a self-registration (actor null, no frontdesk). Audited with the registration as the
 * first entry of the trajectory's history.
 *
 * @example
 * const { id } = await registerCandidate(scope, actor, { company: { name: "Bakkerij Brood", kvkNumber: "12345678" }, contact: { name: "An", email: "an@brood.nl" },
 *   municipality: "Maastricht", ambition: "Tweede vestiging", topic: "groei_en_innovatie", consent: true, frontdeskId }, Date.now());
 */
export async function registerCandidate(
  scope: RegionScope,
  actor: Actor | null,
  input: CandidateInput,
  now: number,
  fromEvent?: { markStatement: (candidateId: string, now: number) => WriteStatement },
  mails: (candidateId: string, municipality: string) => WriteStatement[] = () => [],
  origin = "",
): Promise<{ id: string; stage: Stage }> {
  const [municipality, recipients] = await Promise.all([canonicalMunicipality(scope, input.municipality), listCandidateNoticeRecipients(scope)]);
  const desk = actor ? await resolveScoutingDesk(scope, actor, input) : { frontdeskId: null, appointmentId: null };
  const id = newId();
  // A self-registration through an event's invitation link counts as coming from the event.
  const source = actor ? "frontdesk" : fromEvent ? "event" : "self";
  // Issue 19: every new candidate (self-registered or scouted at a desk) is announced to the
  // region's admins and the programme office, once each (dedupe key: candidate and user).
  const notice = renderCandidateNotice({
    contactName: input.contact.name,
    companyName: input.company.name,
    municipality,
    regionName: scope.region.name,
    self: actor === null,
    ...(origin ? { staffUrl: `${origin}/beheer/${scope.region.slug}/kandidaten/${id}` } : {}),
  });
  const notices = recipients.map((user) =>
    insertCandidateMailStatement(scope, {
      kind: "candidate_notice",
      candidateId: id,
      adminId: user.id,
      recipient: user.email,
      subject: notice.subject,
      text: notice.text,
      html: notice.html,
      now,
    }),
  );
  await writeBatch(scope.db, [
    insertCandidateStatement(scope, {
      id,
      source,
      frontdeskId: desk.frontdeskId,
      appointmentId: desk.appointmentId,
      registeredByUserId: actor?.id ?? null,
      companyName: input.company.name,
      kvkNumber: input.company.kvkNumber,
      contactName: input.contact.name,
      email: input.contact.email,
      phone: input.contact.phone ?? null,
      municipality,
      ambition: input.ambition,
      topic: input.topic,
      consentAt: now,
      stage: "registered",
      changeId: newId(),
      createdAt: now,
      updatedAt: now,
    }),
    insertStageChangeStatement(scope, { id: newId(), candidateId: id, fromStage: null, toStage: "registered", actorUserId: actor?.id ?? null, changedAt: now }),
    auditEntry(scope, actor, "scouting.candidate_registered", target(id), { source, frontdeskId: desk.frontdeskId, appointmentId: desk.appointmentId }, now),
    ...(fromEvent ? [fromEvent.markStatement(id, now)] : []),
    ...mails(id, municipality),
    ...notices,
  ]);
  return { id, stage: "registered" };
}

/**
 * An entrepreneur registers themselves (public): limited per client address (429), then
 * registered as {@link registerCandidate} without an actor or a frontdesk (from an event when
 * it carries a valid invitation code).
 * @example await selfRegister(scope, input, { now, limits: requestLimits(c) });
 */
export async function selfRegister(
  scope: RegionScope,
  input: CandidateInput,
  opts: { now: number; limits: Limits; locale?: Locale; origin?: string },
): Promise<{ id: string; stage: Stage }> {
  await opts.limits.perClient("selfRegistrationPerIp");
  // An unknown, used or other region's invitation code simply counts as a self-registration.
  const invitation = input.invitation ? await findCandidateInvitation(scope.db, scope.region.id, input.invitation) : null;
  // The entrepreneur's confirmation joins the registration's batch (the staff's notices are registerCandidate's).
  const mails = (candidateId: string, municipality: string): WriteStatement[] => {
    const confirmation = renderCandidateConfirmation(
      { contactName: input.contact.name, companyName: input.company.name, municipality, regionName: scope.region.name },
      opts.locale ?? "nl",
    );
    return [
      insertCandidateMailStatement(scope, {
        kind: "candidate_confirmation",
        candidateId,
        recipient: input.contact.email,
        subject: confirmation.subject,
        text: confirmation.text,
        html: confirmation.html,
        now: opts.now,
      }),
    ];
  };
  return registerCandidate(scope, null, input, opts.now, invitation ?? undefined, mails, opts.origin ?? "");
}
