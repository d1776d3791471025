import * as v from "valibot";
import { defineEndpoint } from "../../http/endpoint";
import { requireActor } from "../../lib/context";
import { regionScope } from "../../db/scope";
import { isCalendarDate, todayLocal } from "../../lib/time";
import { rolesAccess } from "../auth/policy";
import { Id } from "../frontdesks/frontdesks.schemas";
import { RegionSlugParam } from "../regions/regions.schemas";
import { getAgenda, markOutcome } from "./agenda.service";
import { AgendaAnswer, OutcomeAnswer } from "./appointments.schemas";
import { AttachedReferral, ReferralDto } from "../referrals/referrals.schemas";
import { linksFor } from "../../lib/links";
import { deliverSoon } from "../notifications/notify";

const STAFF = rolesAccess("region_admin", "frontdesk_staff");
const AgendaQuery = v.object({
  date: v.optional(v.pipe(v.string(), v.check(isCalendarDate, "Use a date as YYYY-MM-DD."))),
  frontdeskId: v.optional(Id),
});
const OutcomeBody = v.object({
  outcome: v.pipe(
    v.picklist(["completed", "no_show", "referred"], "Choose completed, no_show or referred."),
    v.description("`referred`: the appointment took place (status completed) and the entrepreneur is referred (`referral` required)."),
  ),
  note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(1000, "Keep the note under 1000 characters."))),
  referral: v.optional(v.pipe(AttachedReferral, v.description("Refer the entrepreneur (with completed or referred); topic defaults to the appointment's."))),
});
/** The outcome, and the referral made with it (the referrals feature's answer). */
const OutcomeWithReferral = v.object({
  appointment: v.object({
    ...OutcomeAnswer.entries.appointment.entries,
    referral: v.optional(v.pipe(ReferralDto, v.description("The referral made with this outcome."))),
  }),
});
const common = {
  401: { description: "Not signed in" },
  403: { description: "Role not allowed" },
  404: { description: "Unknown here (also another region's, or another desk's for frontdesk staff)" },
};

export const agendaEndpoints = [
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/appointments",
    tag: "Region staff",
    summary: "The agenda of one day (frontdesk staff: their own frontdesks only), with earlier no-shows",
    access: STAFF,
    keyScope: "appointments:read",
    params: RegionSlugParam,
    query: AgendaQuery,
    responses: {
      200: {
        description: "The agenda",
        schema: AgendaAnswer,
      },
      400: { description: "Invalid date" },
      ...common,
    },
    handler: async (c, { query }) => {
      const now = c.var.now;
      const agenda = await getAgenda(
        regionScope(c.var.db, c.var.region),
        requireActor(c),
        { date: query.date ?? todayLocal(now), ...(query.frontdeskId ? { frontdeskId: query.frontdeskId } : {}) },
        now,
      );
      c.header("Cache-Control", "no-store");
      const { desks: _desks, ...body } = agenda;
      return c.json(body);
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/appointments/:id/outcome",
    tag: "Region staff",
    summary: "Mark a past appointment completed or no-show, optionally referring the entrepreneur (outcome referred, or completed with a referral)",
    access: STAFF,
    params: v.object({ region: v.string(), id: Id }),
    body: OutcomeBody,
    responses: {
      200: {
        description: "Recorded",
        schema: OutcomeWithReferral,
      },
      400: { description: "Invalid input" },
      409: { description: "Cancelled or not yet started" },
      ...common,
    },
    handler: async (c, { params, body }) => {
      const appointment = await markOutcome(regionScope(c.var.db, c.var.region), requireActor(c), params.id, body, c.var.now, linksFor(c).origin);
      if (appointment.referral) deliverSoon(c);
      return c.json({ appointment });
    },
  }),
];
