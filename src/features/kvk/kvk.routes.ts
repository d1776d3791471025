import * as v from "valibot";
import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import { normaliseKvk } from "../../lib/dutch";
import { requestLimits } from "../../lib/rate-limit";
import { PUBLIC } from "../auth/policy";
import { lookupCompany } from "./kvk.service";

const KvkParam = v.object({
  kvkNumber: v.pipe(
    v.string(),
    v.transform((s) => normaliseKvk(decodeURIComponent(s))),
    v.string("A KvK number has 8 digits."),
  ),
});
const KvkAnswer = v.object({ kvkNumber: v.string(), name: v.string(), address: v.optional(v.string()), municipality: v.optional(v.string()) });

export const kvkEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "get",
    path: "/kvk/:kvkNumber",
    tag: "Open platform",
    summary: "A company by KvK number (from the KVK API), to prefill forms",
    description: "Rate-limited per client. 503 when the lookup is not configured or the KVK API is away: fill the form in by hand.",
    access: PUBLIC,
    params: KvkParam,
    responses: {
      200: { description: "The company", schema: KvkAnswer },
      400: { description: "Not 8 digits" },
      404: { description: "Unknown KvK number" },
      429: { description: "Too many lookups" },
      503: { description: "The KvK lookup is not configured or unavailable" },
    },
    handler: async (c, { params }) => c.json(await lookupCompany(c.var.config, params.kvkNumber, requestLimits(c))),
  }),
];
