/** Staff routes about entrepreneur accounts (issue 17). */
import { regionScope } from "../../db/scope";
import { requireActor } from "../../lib/context";
import { defineEndpoint } from "../../http/endpoint";
import { rolesAccess } from "../auth/policy";
import { AppointmentProfileParams, ProfileAnswer } from "./entrepreneurs.schemas";
import { profileForAppointment } from "./staff.service";

export const entrepreneurStaffEndpoints = [
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/appointments/:id/entrepreneur-profile",
    tag: "Region staff",
    summary: "The company profile of the entrepreneur who made this appointment (when they keep one)",
    description:
      "Only through an appointment of the region (frontdesk staff: of one of their own desks), matched by the verified e-mail address of the entrepreneur's account. The agenda's `hasProfile` says whether there is one.",
    access: rolesAccess("region_admin", "frontdesk_staff"),
    params: AppointmentProfileParams,
    responses: {
      200: { description: "The profile", schema: ProfileAnswer },
      401: { description: "Not signed in" },
      403: { description: "Role not allowed" },
      404: { description: "No such appointment here, or no profile" },
    },
    handler: async (c, { params }) => {
      c.header("Cache-Control", "no-store");
      return c.json({ profile: await profileForAppointment(regionScope(c.var.db, c.var.region), requireActor(c), params.id) });
    },
  }),
];
