/**
 * The typed client of the MKB Limburg platform API for partner systems: openapi-fetch (a
 * fetch wrapper of a few kB that runs in Workers, browsers and Node 18+) over the types
 * generated from the OpenAPI document (`schema.d.ts`, `npm run client:generate`).
 * @example
 * const api = createPlatformClient("https://afspraak.mkb-limburg.nl", process.env.MKBL_KEY);
 * const { data, error } = await api.GET("/api/v1/organisations/{org}/referrals", { params: { path: { org: "liof" } } });
 */
import createClient from "openapi-fetch";
import type { paths } from "./schema";

export type { components, paths } from "./schema";

/**
 * A client for one platform origin, authenticated with an API key (`mkbl_live_…`); without a
 * key it reaches the public routes only. `fetch` may be replaced (tests, a Worker's binding).
 */
export function createPlatformClient(baseUrl: string, secret?: string, options: { fetch?: typeof globalThis.fetch } = {}) {
  return createClient<paths>({
    baseUrl,
    ...(secret ? { headers: { authorization: `Bearer ${secret}` } } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
