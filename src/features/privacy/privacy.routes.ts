import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import { requireActor } from "../../lib/context";
import { regionScope } from "../../db/scope";
import { rolesAccess } from "../auth/policy";
import { RegionSlugParam } from "../regions/regions.schemas";
import { ErasureBody } from "../accounts/accounts.schemas";
import { eraseEntrepreneur } from "./privacy.service";
import { ErasureAnswer } from "./privacy.schemas";

export const privacyEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/erasure",
    tag: "Region staff",
    summary: "Erase an entrepreneur's personal data in the region (AVG/GDPR right to erasure)",
    description:
      "Anonymises every appointment and event registration of the region with this e-mail address; future confirmed appointments and live registrations for events ahead are cancelled first (no notification is sent; a freed event place goes to the wait-list), pending e-mails to the address are withdrawn. Support Process candidates with the address lose their contact data, company name and KvK number. The audit log records the counts and a keyed hash (HMAC) of the address, never the address.",
    access: rolesAccess("region_admin"),
    params: RegionSlugParam,
    body: ErasureBody,
    responses: {
      200: {
        description: "Erased",
        schema: ErasureAnswer,
      },
      400: { description: "Invalid input" },
      401: { description: "Not signed in" },
      403: { description: "Not allowed" },
      404: { description: "Unknown region" },
    },
    handler: async (c, { body }) => c.json(await eraseEntrepreneur(regionScope(c.var.db, c.var.region), requireActor(c), body.email, c.var.now, c.var.config)),
  }),
];
