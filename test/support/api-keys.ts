import { ORIGIN, type TestPlatform } from "./platform";

export interface KeyFixture {
  id: string;
  secret: string;
  /** `Authorization: Bearer <secret>` and nothing else: no cookie, no Origin. */
  headers: Record<string, string>;
}

/**
 * Creates an API key through the API as the signed-in manager (`keysPath` is the owner's
 * `/api/v1/…/api-keys`), and returns its id, secret and the headers of a key call.
 * @example const key = await createKey(platform, `/api/v1/regions/${region.slug}/admin/api-keys`, adminHeaders, ["reports:read"]);
 */
export async function createKey(
  platform: TestPlatform,
  keysPath: string,
  manager: Record<string, string>,
  scopes: string[],
  extra: Record<string, unknown> = {},
): Promise<KeyFixture> {
  const response = await platform.fetch(keysPath, {
    method: "POST",
    headers: { ...manager, origin: ORIGIN },
    json: { name: `Sleutel ${scopes.join(" ")}`, scopes, ...extra },
  });
  if (response.status !== 201) throw new Error(`create key: ${response.status} ${await response.text()}`);
  const { apiKey, secret } = (await response.json()) as { apiKey: { id: string }; secret: string };
  return { id: apiKey.id, secret, headers: { authorization: `Bearer ${secret}` } };
}

/** An ISO instant `ms` from the test clock's now, for `X-Test-Now`. */
export function at(ms: number, from = Date.now()): string {
  return new Date(from + ms).toISOString();
}
