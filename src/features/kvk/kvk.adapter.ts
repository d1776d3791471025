/**
 * The KVK API adapter (issue 20): the basic profile of a registration number
 * (`GET {KVK_API_URL}/v1/basisprofielen/{kvkNummer}`, header `apikey`), reduced to what the forms
 * prefill. Base URL from `KVK_API_URL` (the KVK's own API by default; locally and in tests the stub
 * `tools/kvk-stub.ts`), key from the `KVK_API_KEY` secret. Answers of the KVK API are validated
 * (valibot) before use; anything unexpected is "unavailable", never a crash.
 */
import * as v from "valibot";
import type { Config } from "../../env";

const Address = v.object({
  type: v.optional(v.string()),
  volledigAdres: v.optional(v.string()),
  straatnaam: v.optional(v.string()),
  huisnummer: v.optional(v.union([v.number(), v.string()])),
  postcode: v.optional(v.string()),
  plaats: v.optional(v.string()),
});
const BasicProfile = v.object({
  kvkNummer: v.string(),
  naam: v.optional(v.string()),
  statutaireNaam: v.optional(v.string()),
  handelsnamen: v.optional(v.array(v.object({ naam: v.string() }))),
  _embedded: v.optional(v.object({ hoofdvestiging: v.optional(v.object({ adressen: v.optional(v.array(Address)) })) })),
});

export interface KvkCompany {
  kvkNumber: string;
  name: string;
  address?: string;
  place?: string;
}

export type KvkAnswer = { found: KvkCompany } | { notFound: true } | { unavailable: string };

/**
 * Looks a KvK number (8 digits, already validated) up.
 * @example await lookupBasicProfile(config, "69599084")
 */
export async function lookupBasicProfile(config: Pick<Config, "KVK_API_URL" | "KVK_API_KEY">, kvkNumber: string): Promise<KvkAnswer> {
  if (!config.KVK_API_KEY) return { unavailable: "The KvK lookup is not configured (KVK_API_KEY)." };
  let response: Response;
  try {
    response = await fetch(`${config.KVK_API_URL.replace(/\/+$/, "")}/v1/basisprofielen/${kvkNumber}`, {
      headers: { apikey: config.KVK_API_KEY, accept: "application/json" },
      signal: AbortSignal.timeout(5_000),
    });
  } catch {
    return { unavailable: "The KVK API could not be reached." };
  }
  if (response.status === 404 || response.status === 400) return { notFound: true };
  if (!response.ok) return { unavailable: `The KVK API answered HTTP ${response.status}.` };
  const parsed = v.safeParse(BasicProfile, await response.json().catch(() => null));
  if (!parsed.success) return { unavailable: "The KVK API gave an answer we do not understand." };
  const p = parsed.output;
  const name = p.handelsnamen?.[0]?.naam ?? p.naam ?? p.statutaireNaam;
  if (!name) return { notFound: true };
  const addresses = p._embedded?.hoofdvestiging?.adressen ?? [];
  const visit = addresses.find((a) => a.type === "bezoekadres") ?? addresses[0];
  return {
    found: {
      kvkNumber: p.kvkNummer,
      name,
      ...(visit?.volledigAdres ? { address: visit.volledigAdres } : {}),
      ...(visit?.plaats ? { place: visit.plaats } : {}),
    },
  };
}
