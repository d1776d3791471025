/**
 * API keys (issue 20): who manages them, what a key reaches (its scopes, its own region or
 * organisation only), revocation, rotation with overlap, expiry, last use, its own rate limit,
 * and that a key call needs no cookie and no Origin. Times beyond "now" go through X-Test-Now.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiEndpoints } from "../../src/app";
import { KEY_ROLE, KEY_SCOPES } from "../../src/features/auth/policy";
import { keyRouteOwner } from "../../src/http/key-access";
import { createFrontdesk, createRegion, createUser, signInAs, type RegionFixture } from "../support/factories";
import { createOrganisation, createPartner, offerBody, type OrganisationFixture } from "../support/catalogue";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { at, createKey } from "../support/api-keys";

let platform: TestPlatform;
let regionA: RegionFixture;
let regionB: RegionFixture;
let orgA: OrganisationFixture;
let orgB: OrganisationFixture;
const who = {} as Record<"adminA" | "adminB" | "staffA" | "partnerA" | "partnerB", Record<string, string>>;
const HOUR = 3_600_000;

const regionKeys = (r: RegionFixture) => `/api/v1/regions/${r.slug}/admin/api-keys`;
const orgKeys = (o: OrganisationFixture) => `/api/v1/organisations/${o.slug}/api-keys`;

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return body.error;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  const c = platform.client;
  regionA = await createRegion(c);
  regionB = await createRegion(c);
  await createFrontdesk(c, regionA);
  orgA = await createOrganisation(c, regionA);
  orgB = await createOrganisation(c, regionB);
  who.adminA = await signInAs(platform, await createUser(c, "region_admin", regionA));
  who.adminB = await signInAs(platform, await createUser(c, "region_admin", regionB));
  who.staffA = await signInAs(platform, await createUser(c, "frontdesk_staff", regionA));
  who.partnerA = await signInAs(platform, await createPartner(c, orgA));
  who.partnerB = await signInAs(platform, await createPartner(c, orgB));
});
afterAll(async () => {
  await platform?.close();
});

describe("managing API keys", () => {
  it("should show the secret once, with its prefix, and store only its SHA-256", async () => {
    const response = await platform.fetch(regionKeys(regionA), {
      method: "POST",
      headers: who.adminA,
      json: { name: "Agenda-koppeling", scopes: ["appointments:read"] },
    });
    expect(response.status).toBe(201);
    const { apiKey, secret } = (await response.json()) as {
      apiKey: { id: string; prefix: string; scopes: string[]; expiresAt: string | null };
      secret: string;
    };
    expect(secret).toMatch(/^mkbl_test_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey).toMatchObject({ scopes: ["appointments:read"], expiresAt: null });
    const stored = await platform.client.execute({ sql: "select secret_hash from api_key_secrets where key_id = ?", args: [apiKey.id] });
    expect(stored.rows.map((r) => r.secret_hash)).toEqual([createHash("sha256").update(secret).digest("hex")]);
    const dump = await platform.client.execute({ sql: "select * from api_keys k join api_key_secrets s on s.key_id = k.id where k.id = ?", args: [apiKey.id] });
    expect(JSON.stringify(dump.rows)).not.toContain(secret.slice(10));
    const list = await platform.fetch(regionKeys(regionA), { headers: who.adminA });
    const text = await list.text();
    expect(list.status).toBe(200);
    expect(text).toContain(apiKey.id);
    expect(text).not.toContain(secret);
  });

  it("should audit creation, rotation and revocation without the secret", async () => {
    const key = await createKey(platform, orgKeys(orgA), who.partnerA, ["referrals:read"]);
    const rotated = await platform.fetch(`${orgKeys(orgA)}/${key.id}/rotate`, { method: "POST", headers: who.partnerA, json: {} });
    expect(rotated.status).toBe(200);
    const { secret: newSecret } = (await rotated.json()) as { secret: string };
    expect((await platform.fetch(`${orgKeys(orgA)}/${key.id}`, { method: "DELETE", headers: who.partnerA })).status).toBe(204);
    const audit = await platform.client.execute({
      sql: "select action, region_id, detail from audit_log where target_id = ? order by created_at, action",
      args: [key.id],
    });
    expect(audit.rows.map((r) => r.action).sort()).toEqual(["api_key.created", "api_key.revoked", "api_key.rotated"]);
    expect(audit.rows.every((r) => r.region_id === regionA.id)).toBe(true);
    const all = JSON.stringify(audit.rows);
    expect(all).not.toContain(key.secret.slice(18));
    expect(all).not.toContain(newSecret.slice(18));
  });

  it("should let only the owner's managers manage its keys", async () => {
    // Region keys: the region's admins; not its desk staff, not another region's admin, not a key.
    expect((await platform.fetch(regionKeys(regionA), { headers: who.staffA })).status).toBe(403);
    expect((await platform.fetch(regionKeys(regionA), { headers: who.adminB })).status).toBe(404);
    // Organisation keys: its partners and its home region's admins; nobody of another organisation or region.
    expect((await platform.fetch(orgKeys(orgA), { headers: who.adminA })).status).toBe(200);
    expect((await platform.fetch(orgKeys(orgA), { headers: who.partnerB })).status).toBe(404);
    expect((await platform.fetch(orgKeys(orgA), { headers: who.adminB })).status).toBe(404);
    const key = await createKey(platform, regionKeys(regionA), who.adminA, ["reports:read"]);
    const byKey = await platform.fetch(regionKeys(regionA), { headers: key.headers });
    expect(byKey.status).toBe(403);
    // Another owner's key id is unknown here.
    expect((await platform.fetch(`${regionKeys(regionB)}/${key.id}`, { method: "DELETE", headers: who.adminB })).status).toBe(404);
  });

  it("should refuse scopes the owner's keys cannot hold and an expiry in the past", async () => {
    const wrongScope = await platform.fetch(regionKeys(regionA), { method: "POST", headers: who.adminA, json: { name: "x", scopes: ["offers:write"] } });
    expect(wrongScope.status).toBe(400);
    expect(JSON.stringify(await wrongScope.json())).toContain("scopes");
    const unknownScope = await platform.fetch(orgKeys(orgA), { method: "POST", headers: who.partnerA, json: { name: "x", scopes: ["admin:all"] } });
    expect(unknownScope.status).toBe(400);
    const past = await platform.fetch(orgKeys(orgA), {
      method: "POST",
      headers: who.partnerA,
      json: { name: "x", scopes: ["offers:write"], expiresAt: at(-HOUR) },
    });
    expect(past.status).toBe(400);
    expect(JSON.stringify(await past.json())).toContain("expiresAt");
  });

  it("should declare every key scope on routes of the right owner that admit the key's role", () => {
    const declared = apiEndpoints().filter((e) => e.keyScope !== undefined);
    expect(declared.length).toBeGreaterThan(15);
    const wrong = declared.filter((e) => {
      const owner = keyRouteOwner(e.path);
      if (!owner || !e.keyScope || e.access.kind !== "users") return true;
      return !KEY_SCOPES[owner].includes(e.keyScope) || !e.access.roles.includes(KEY_ROLE[owner]);
    });
    expect(wrong.map((e) => `${e.method} ${e.path}`)).toEqual([]);
    // Every scope opens something.
    const used = new Set(declared.map((e) => e.keyScope));
    expect([...used].sort()).toEqual([...new Set([...KEY_SCOPES.region, ...KEY_SCOPES.organisation])].sort());
  });
});

describe("calling with a key", () => {
  it("should open exactly the routes of the key's scopes, in its own region", async () => {
    const key = await createKey(platform, regionKeys(regionA), who.adminA, ["reports:read"]);
    const report = await platform.fetch(`/api/v1/regions/${regionA.slug}/admin/report`, { headers: key.headers });
    expect(report.status).toBe(200);
    const csv = await platform.fetch(`/api/v1/regions/${regionA.slug}/admin/report.csv`, { headers: key.headers });
    expect(csv.status).toBe(200);
    const agenda = await platform.fetch(`/api/v1/regions/${regionA.slug}/admin/appointments`, { headers: key.headers });
    expect(agenda.status).toBe(403);
    expect(await errorOf(agenda)).toMatchObject({ code: "forbidden", message: expect.stringContaining("appointments:read") });
    expect((await platform.fetch(`/api/v1/regions/${regionA.slug}/admin/frontdesks`, { headers: key.headers })).status).toBe(403);
    const other = await platform.fetch(`/api/v1/regions/${regionB.slug}/admin/report`, { headers: key.headers });
    expect(other.status).toBe(404);
    expect((await platform.fetch(`/api/v1/organisations/${orgA.slug}/referrals`, { headers: key.headers })).status).toBe(403);
    expect((await platform.fetch("/api/v1/province/summary", { headers: key.headers })).status).toBe(403);
    const agendaKey = await createKey(platform, regionKeys(regionA), who.adminA, ["appointments:read", "referrals:read"]);
    expect((await platform.fetch(`/api/v1/regions/${regionA.slug}/admin/appointments`, { headers: agendaKey.headers })).status).toBe(200);
    expect((await platform.fetch(`/api/v1/regions/${regionA.slug}/admin/referrals`, { headers: agendaKey.headers })).status).toBe(200);
  });

  it("should let an organisation key write the organisation's offers without cookie or Origin, and nothing of another organisation", async () => {
    const key = await createKey(platform, orgKeys(orgA), who.partnerA, ["offers:write", "referrals:read"]);
    const created = await platform.fetch(`/api/v1/organisations/${orgA.slug}/offers`, { method: "POST", headers: key.headers, json: offerBody(regionA) });
    expect(created.status).toBe(201);
    const { offer } = (await created.json()) as { offer: { id: string } };
    const submitted = await platform.fetch(`/api/v1/organisations/${orgA.slug}/offers/${offer.id}/submit`, {
      method: "POST",
      headers: { ...key.headers, origin: "https://evil.example" },
    });
    expect(submitted.status).toBe(200);
    const audit = await platform.client.execute({ sql: "select actor_user_id from audit_log where target_id = ? and action like 'offer.%'", args: [offer.id] });
    expect(audit.rows.every((r) => r.actor_user_id === key.id)).toBe(true);
    expect((await platform.fetch(`/api/v1/organisations/${orgA.slug}/referrals`, { headers: key.headers })).status).toBe(200);
    expect((await platform.fetch(`/api/v1/organisations/${orgA.slug}/events`, { headers: key.headers })).status).toBe(403);
    expect((await platform.fetch(`/api/v1/organisations/${orgB.slug}/offers`, { headers: key.headers })).status).toBe(404);
    const intoB = await platform.fetch(`/api/v1/organisations/${orgB.slug}/offers`, { method: "POST", headers: key.headers, json: offerBody(regionB) });
    expect(intoB.status).toBe(404);
    expect((await platform.fetch(`/api/v1/regions/${regionA.slug}/admin/report`, { headers: key.headers })).status).toBe(403);
  });

  it("should let a region key refer and the organisation's key pick the referral up and report back", async () => {
    const regionKey = await createKey(platform, regionKeys(regionA), who.adminA, ["referrals:write", "referrals:read"]);
    const made = await platform.fetch(`/api/v1/regions/${regionA.slug}/admin/referrals`, {
      method: "POST",
      headers: regionKey.headers,
      json: { entrepreneur: { name: "Bert Bakker", email: "bert@bakker.test" }, organisation: orgA.slug, topic: "financiering", consentToShare: true },
    });
    expect(made.status).toBe(201);
    const { referral } = (await made.json()) as { referral: { id: string } };
    const orgKey = await createKey(platform, orgKeys(orgA), who.partnerA, ["referrals:read"]);
    const seen = await platform.fetch(`/api/v1/organisations/${orgA.slug}/referrals/${referral.id}`, { headers: orgKey.headers });
    expect(seen.status).toBe(200);
    expect(await seen.text()).toContain("Bert Bakker");
    const status = `/api/v1/organisations/${orgA.slug}/referrals/${referral.id}/status`;
    expect((await platform.fetch(status, { method: "POST", headers: orgKey.headers, json: { status: "received" } })).status).toBe(403);
    const writer = await createKey(platform, orgKeys(orgA), who.partnerA, ["referrals:write"]);
    const answered = await platform.fetch(status, { method: "POST", headers: writer.headers, json: { status: "received" } });
    expect(answered.status).toBe(200);
    // Another organisation's key does not know the referral.
    const other = await createKey(platform, orgKeys(orgB), who.partnerB, ["referrals:read"]);
    expect((await platform.fetch(`/api/v1/organisations/${orgA.slug}/referrals/${referral.id}`, { headers: other.headers })).status).toBe(404);
    expect((await platform.fetch(`/api/v1/organisations/${orgB.slug}/referrals/${referral.id}`, { headers: other.headers })).status).toBe(404);
  });

  it("should answer 401 in the contract's shape for a missing, malformed or unknown key, and never fall back to the cookie", async () => {
    const path = `/api/v1/regions/${regionA.slug}/admin/report`;
    for (const authorization of [
      "Bearer",
      "Bearer ",
      "Basic YTpi",
      "Bearer mkbl_test_kort",
      `Bearer mkbl_test_${"A".repeat(43)}`,
      `Bearer mkbl_live_${"é".repeat(43)}`,
    ]) {
      const response = await platform.fetch(path, { headers: { authorization, cookie: who.adminA.cookie ?? "" } });
      expect(response.status, authorization).toBe(401);
      expect(await errorOf(response)).toMatchObject({ code: "unauthenticated", message: expect.any(String) });
    }
  });

  it("should not open web pages with a key", async () => {
    const key = await createKey(platform, regionKeys(regionA), who.adminA, ["reports:read"]);
    const page = await platform.fetch(`/beheer/${regionA.slug}/rapportage`, { headers: key.headers, redirect: "manual" });
    expect(page.status).not.toBe(200);
  });
});

describe("the life of a key", () => {
  it("should stop a revoked key at once", async () => {
    const key = await createKey(platform, regionKeys(regionA), who.adminA, ["reports:read"]);
    const path = `/api/v1/regions/${regionA.slug}/admin/report`;
    expect((await platform.fetch(path, { headers: key.headers })).status).toBe(200);
    expect((await platform.fetch(`${regionKeys(regionA)}/${key.id}`, { method: "DELETE", headers: who.adminA })).status).toBe(204);
    const after = await platform.fetch(path, { headers: key.headers });
    expect(after.status).toBe(401);
    expect((await errorOf(after)).message).toContain("revoked");
    expect((await platform.fetch(`${regionKeys(regionA)}/${key.id}`, { method: "DELETE", headers: who.adminA })).status).toBe(204);
    expect((await platform.fetch(`${regionKeys(regionA)}/${key.id}/rotate`, { method: "POST", headers: who.adminA, json: {} })).status).toBe(409);
    const list = (await (await platform.fetch(regionKeys(regionA), { headers: who.adminA })).json()) as { apiKeys: { id: string; status: string }[] };
    expect(list.apiKeys.find((k) => k.id === key.id)?.status).toBe("revoked");
  });

  it("should keep the old secret working during the rotation's overlap and not after", async () => {
    const key = await createKey(platform, orgKeys(orgA), who.partnerA, ["referrals:read"]);
    const path = `/api/v1/organisations/${orgA.slug}/referrals`;
    // Whole seconds: answers give times to the second.
    const now = Math.floor(Date.now() / 1000) * 1000;
    const rotated = await platform.fetch(`${orgKeys(orgA)}/${key.id}/rotate`, {
      method: "POST",
      headers: { ...who.partnerA, "x-test-now": at(0, now) },
      json: {},
    });
    expect(rotated.status).toBe(200);
    const { apiKey, secret } = (await rotated.json()) as { apiKey: { prefix: string; previousSecretValidUntil: string }; secret: string };
    expect(secret).not.toBe(key.secret);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    expect(Date.parse(apiKey.previousSecretValidUntil)).toBe(now + 24 * HOUR);
    const call = (s: string, offset: number) => platform.fetch(path, { headers: { authorization: `Bearer ${s}`, "x-test-now": at(offset, now) } });
    expect((await call(key.secret, HOUR)).status).toBe(200);
    expect((await call(key.secret, 24 * HOUR - 60_000)).status).toBe(200);
    expect((await call(secret, HOUR)).status).toBe(200);
    const late = await call(key.secret, 24 * HOUR + 60_000);
    expect(late.status).toBe(401);
    expect((await errorOf(late)).message).toContain("rotated");
    expect((await call(secret, 24 * HOUR + 60_000)).status).toBe(200);
  });

  it("should end the old secret at once with an overlap of 0 hours", async () => {
    const key = await createKey(platform, orgKeys(orgA), who.partnerA, ["referrals:read"]);
    const rotated = await platform.fetch(`${orgKeys(orgA)}/${key.id}/rotate`, { method: "POST", headers: who.partnerA, json: { overlapHours: 0 } });
    expect(rotated.status).toBe(200);
    const { secret } = (await rotated.json()) as { secret: string };
    expect((await platform.fetch(`/api/v1/organisations/${orgA.slug}/referrals`, { headers: key.headers })).status).toBe(401);
    expect((await platform.fetch(`/api/v1/organisations/${orgA.slug}/referrals`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
    const tooLong = await platform.fetch(`${orgKeys(orgA)}/${key.id}/rotate`, { method: "POST", headers: who.partnerA, json: { overlapHours: 1000 } });
    expect(tooLong.status).toBe(400);
  });

  it("should stop an expired key", async () => {
    const now = Date.now();
    const key = await createKey(platform, regionKeys(regionA), who.adminA, ["reports:read"], { expiresAt: at(2 * HOUR, now) });
    const call = (offset: number) =>
      platform.fetch(`/api/v1/regions/${regionA.slug}/admin/report`, { headers: { ...key.headers, "x-test-now": at(offset, now) } });
    expect((await call(HOUR)).status).toBe(200);
    const expired = await call(3 * HOUR);
    expect(expired.status).toBe(401);
    expect((await errorOf(expired)).message).toContain("expired");
    const list = await platform.fetch(regionKeys(regionA), { headers: { ...who.adminA, "x-test-now": at(3 * HOUR, now) } });
    const { apiKeys } = (await list.json()) as { apiKeys: { id: string; status: string }[] };
    expect(apiKeys.find((k) => k.id === key.id)?.status).toBe("expired");
  });

  it("should record the last use after the answer, at most once a minute", async () => {
    const key = await createKey(platform, regionKeys(regionA), who.adminA, ["reports:read"]);
    const now = Date.now();
    const lastUsed = async () => {
      const rows = await platform.client.execute({ sql: "select last_used_at from api_keys where id = ?", args: [key.id] });
      return rows.rows[0]?.last_used_at === null ? null : Number(rows.rows[0]?.last_used_at);
    };
    const call = (offset: number) =>
      platform.fetch(`/api/v1/regions/${regionA.slug}/admin/report`, { headers: { ...key.headers, "x-test-now": at(offset, now) } });
    expect(await lastUsed()).toBe(null);
    await call(0);
    await expect.poll(lastUsed).toBe(now);
    await call(30_000);
    await call(2 * 60_000);
    await expect.poll(lastUsed).toBe(now + 2 * 60_000);
  });
});

describe("the key's own rate limit", () => {
  it("should refuse a key past its limit with 429 and Retry-After, and leave other keys alone", async () => {
    const second = await platform.startSecondWorker({ RATE_LIMITS: JSON.stringify({ apiKey: { limit: 3, windowSeconds: 60 } }) });
    try {
      const busy = await createKey(platform, regionKeys(regionA), who.adminA, ["reports:read"]);
      const calm = await createKey(platform, regionKeys(regionA), who.adminA, ["reports:read"]);
      // One pinned instant early in a window, so every call counts in the same window.
      const pinned = at(0, Math.floor(Date.now() / 60_000) * 60_000 + 1_000);
      const counted = async () => {
        const rows = await platform.client.execute({ sql: "select coalesce(sum(count), 0) as n from rate_limits where key = ?", args: [`apiKey:${busy.id}`] });
        return Number(rows.rows[0]?.n);
      };
      const call = (key: typeof busy) => second.fetch(`/api/v1/regions/${regionA.slug}/admin/report`, { headers: { ...key.headers, "x-test-now": pinned } });
      for (let i = 1; i <= 3; i++) {
        expect((await call(busy)).status).toBe(200);
        // The count is written after the answer.
        await expect.poll(counted).toBe(i);
      }
      const refused = await call(busy);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await errorOf(refused)).code).toBe("rate_limited");
      expect((await call(calm)).status).toBe(200);
    } finally {
      await second.dispose();
    }
  });
});

describe("the API keys pages", () => {
  const form = (entries: [string, string][]) => ({
    method: "POST",
    headers: { ...who.adminA, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(entries).toString(),
    redirect: "manual" as const,
  });

  it("should create a region key from the form, show its secret once, and revoke it", async () => {
    const base = `/beheer/${regionA.slug}/api-sleutels`;
    const list = await platform.fetch(base, { headers: who.adminA });
    expect(list.status).toBe(200);
    expect(await list.text()).toContain("API-sleutels");
    const created = await platform.fetch(
      base,
      form([
        ["name", "Rapportage-koppeling"],
        ["scopes", "reports:read"],
      ]),
    );
    expect(created.status).toBe(200);
    const page = await created.text();
    const secret = /mkbl_test_[A-Za-z0-9_-]{43}/.exec(page)?.[0];
    expect(secret).toBeDefined();
    expect(page).toContain("maar één keer");
    const report = `/api/v1/regions/${regionA.slug}/admin/report`;
    expect((await platform.fetch(report, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
    const again = await (await platform.fetch(base, { headers: who.adminA })).text();
    expect(again).toContain("Rapportage-koppeling");
    expect(again).not.toContain(secret);
    const rows = await platform.client.execute({ sql: "select id from api_keys where name = 'Rapportage-koppeling' and region_id = ?", args: [regionA.id] });
    const id = String(rows.rows[0]?.id);
    const revoked = await platform.fetch(`${base}/${id}/intrekken`, form([]));
    expect(revoked.status).toBe(303);
    expect((await platform.fetch(report, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
  });

  it("should say what is wrong with a key form, in English too", async () => {
    const base = `/beheer/${regionA.slug}/api-sleutels`;
    const refused = await platform.fetch(
      base,
      form([
        ["name", ""],
        ["expires", "2020-01-01"],
      ]),
    );
    expect(refused.status).toBe(400);
    const text = await refused.text();
    expect(text).toContain("Kies ten minste één recht.");
    expect(text).toContain("Kies een datum in de toekomst.");
    const english = await platform.fetch(base, { headers: { ...who.adminA, cookie: `${who.adminA.cookie}; lang=en` } });
    expect(await english.text()).toMatch(/API keys/);
  });

  it("should let a partner manage the organisation's keys and nobody of another organisation", async () => {
    const base = `/partner/${orgA.slug}/api-sleutels`;
    const created = await platform.fetch(base, {
      method: "POST",
      headers: { ...who.partnerA, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([
        ["name", "Aanbod-koppeling"],
        ["scopes", "offers:write"],
      ]).toString(),
    });
    expect(created.status).toBe(200);
    expect(await created.text()).toMatch(/mkbl_test_/);
    expect((await platform.fetch(base, { headers: who.partnerB, redirect: "manual" })).status).toBe(404);
    expect((await platform.fetch(`/beheer/${regionA.slug}/api-sleutels`, { headers: who.partnerA, redirect: "manual" })).status).toBe(403);
  });
});
