/**
 * Finding an appointment the way its owner names it: by its manage link, or (signed in) by
 * their session; with the calendar file for the manage link's owner.
 */
import type { Db } from "../../db/client";
import { ReadPlan } from "../../db/read";
import { regionScope, type AppointmentLinkScope, type RegionScope } from "../../db/scope";
import { notFound } from "../../lib/errors";
import { sha256Hex } from "../../lib/ids";
import { localDate } from "../../lib/time";
import { planRegionConfig, type DeskConfig } from "../frontdesks/desk-config";
import type { FrontdeskRow } from "../frontdesks/frontdesks.repo";
import { scopedRegionQuery } from "../regions/regions.repo";
import { appointmentLinkQueries, type AppointmentRow } from "./appointments.repo";
import type { Links } from "./appointments.dto";
import { calendarFor } from "./appointments.messages";

/** Manage tokens are 32 random bytes in base64url (43 characters). */
const MANAGE_TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** An appointment with its region and desk, found through its manage link or its owner's verified address. */
export interface ResolvedAppointment {
  scope: RegionScope;
  row: AppointmentRow;
  desk: FrontdeskRow;
  /** The region's desk configuration, when the lookup read it in the same batch. */
  config?: DeskConfig | null;
}

/**
 * How the entrepreneur manages the appointment: its manage link, or (signed in, issue 17) their
 * account, whose overview page the e-mails then point to instead (we hold no token to link).
 */
export type ManagedBy = { token: string } | { accountUrl: string } | { staff: true };

/**
 * Resolves a manage token to its appointment, desk and region in one read batch; with
 * `config`, the region's configuration travels along (for a reschedule's slot rules).
 * 404 for anything unknown.
 */
export async function resolveManageToken(db: Db, token: string, opts: { config?: string } = {}) {
  if (!MANAGE_TOKEN_FORMAT.test(token)) throw notFound("This appointment");
  const plan = new ReadPlan(db);
  const found = planAppointmentLink(plan, { db, manageTokenHash: await sha256Hex(token) }, opts);
  await plan.run();
  return found();
}

/**
 * Adds an appointment named by its manage link or by its owner's session (with its desk and
 * region, and with `config` the region's configuration) to a read plan, so a caller can read
 * it with other statements in one round trip. The returned function throws 404 for anything
 * unknown (or owned by someone else).
 * @example const found = planAppointmentLink(plan, { db, appointmentId, entrepreneurSessionHash }); await plan.run(); found();
 */
export function planAppointmentLink(plan: ReadPlan, scope: AppointmentLinkScope, opts: { config?: string } = {}): () => ResolvedAppointment {
  const queries = appointmentLinkQueries(scope);
  const appointment = plan.add(queries.appointment);
  const deskRows = plan.add(queries.desk);
  const config = opts.config ? planRegionConfig(plan, scope, opts.config) : null;
  const regionRows = config ? null : plan.add(scopedRegionQuery(scope));
  return () => {
    const loaded = config?.() ?? null;
    const region = loaded?.region ?? regionRows?.value[0] ?? null;
    const row = appointment.value[0];
    const desk = deskRows.value[0];
    if (!region || !row || !desk || row.regionId !== region.id) throw notFound("This appointment");
    return { scope: regionScope(plan.db, region), row, desk, config: loaded?.config ?? null };
  };
}

/** The calendar file for the owner of the manage link. */
export async function appointmentCalendar(db: Db, token: string, opts: { now: number; links: Links }): Promise<{ ics: string; filename: string }> {
  const { row, desk } = await resolveManageToken(db, token);
  return { ics: calendarFor(row, desk, opts.links, token, opts.now), filename: `afspraak-${localDate(row.startAt)}.ics` };
}
