import type { Config } from "../../env";
import { DomainError, notFound } from "../../lib/errors";
import { canonicalDutchMunicipality } from "../../lib/dutch-municipalities";
import type { Limits } from "../../lib/rate-limit";
import { lookupBasicProfile } from "./kvk.adapter";

export interface KvkLookup {
  kvkNumber: string;
  name: string;
  address?: string;
  municipality?: string;
}

/**
 * A company by KvK number for prefilling forms: rate-limited per client; 404 when the KVK does not
 * know it, 503 when the lookup is not configured or the KVK API is away (the forms work without it).
 * The municipality is the place of the visiting address when that is a Dutch municipality's name.
 * @example await lookupCompany(config, "69599084", requestLimits(c))
 */
export async function lookupCompany(config: Pick<Config, "KVK_API_URL" | "KVK_API_KEY">, kvkNumber: string, limits: Limits): Promise<KvkLookup> {
  await limits.perClient("kvkLookupPerIp");
  const answer = await lookupBasicProfile(config, kvkNumber);
  if ("unavailable" in answer) throw new DomainError("service_unavailable", `${answer.unavailable} Fill in the company details yourself.`);
  if ("notFound" in answer) throw notFound("This KvK number");
  const { place, ...company } = answer.found;
  const municipality = place ? canonicalDutchMunicipality(place) : null;
  return { ...company, ...(municipality ? { municipality } : {}) };
}
