import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readError } from "../support/answers";
import { TEST_PASSWORD, createFrontdesk, createRegion, createUser, signInAs, type RegionFixture } from "../support/factories";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";
import { bookingBody, futureSlot } from "../support/slots";

let platform: TestPlatform;
let region: RegionFixture;

const LIMITS = { loginPerEmail: { limit: 3 }, loginPerIp: { limit: 5 }, resetPerIp: { limit: 2 }, resetPerEmail: { limit: 2 }, bookingPerIp: { limit: 2 } };

beforeAll(async () => {
  platform = await startTestPlatform({ vars: { RATE_LIMITS: JSON.stringify(LIMITS) } });
  region = await createRegion(platform.client);
});
afterAll(async () => {
  await platform?.close();
});

const post = (path: string, json: unknown, headers: Record<string, string> = {}) =>
  platform.fetch(path, { method: "POST", json, headers: { origin: ORIGIN, ...headers } });
const me = (headers: Record<string, string>) => platform.fetch("/api/v1/auth/me", { headers });
const NEW_PASSWORD = "Zonnige-ochtend-in-Venlo-42";

/** The one-time token in the newest account e-mail to `email`. */
async function tokenFromMail(email: string, kind: "invitation" | "password_reset"): Promise<string> {
  const rows = await platform.client.execute({
    sql: "select text_body from outbox where recipient = ? and kind = ? order by created_at desc limit 1",
    args: [email, kind],
  });
  const text = String(rows.rows[0]?.text_body ?? "");
  const match = /token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no ${kind} mail for ${email}`);
  return match[1];
}

describe("sessions", () => {
  it("should give a new session id at every sign-in and keep both sessions valid", async () => {
    const user = await createUser(platform.client, "region_admin", region);
    const first = await signInAs(platform, user);
    const second = await signInAs(platform, user);
    expect(first.cookie).not.toBe(second.cookie);
    expect(first.cookie).toMatch(/^mkb_session=/);
    expect((await me(first)).status).toBe(200);
    expect((await me(second)).status).toBe(200);
  });

  it("should set an HttpOnly SameSite=Lax cookie and never return a hash", async () => {
    const user = await createUser(platform.client, "consultant", region);
    const response = await post("/api/v1/auth/login", { email: user.email, password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(response.headers.get("set-cookie")).toMatch(/SameSite=Lax/i);
    const body = JSON.stringify(await response.json());
    expect(body).not.toMatch(/pbkdf2|passwordHash|idHash/);
  });

  it("should refuse a wrong password and an unknown address with the same answer", async () => {
    const user = await createUser(platform.client, "consultant", region);
    const wrong = await post("/api/v1/auth/login", { email: user.email, password: "not-the-password-at-all" });
    const unknown = await post("/api/v1/auth/login", { email: "nobody-here@example.test", password: "not-the-password-at-all" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("should end the session server-side at logout so the old cookie no longer works", async () => {
    const user = await createUser(platform.client, "consultant", region);
    const headers = await signInAs(platform, user);
    expect((await post("/api/v1/auth/logout", undefined, headers)).status).toBe(204);
    expect((await me(headers)).status).toBe(401);
  });

  it("should lock out a disabled user on the very next request", async () => {
    const user = await createUser(platform.client, "region_admin", region);
    const headers = await signInAs(platform, user);
    expect((await platform.fetch(`/api/v1/regions/${region.slug}/admin/frontdesks`, { headers })).status).toBe(200);
    await platform.client.execute({ sql: "update users set disabled_at = ? where id = ?", args: [Date.now(), user.id] });
    expect((await platform.fetch(`/api/v1/regions/${region.slug}/admin/frontdesks`, { headers })).status).toBe(401);
    expect((await post("/api/v1/auth/login", { email: user.email, password: TEST_PASSWORD })).status).toBe(401);
  });

  it("should apply a role change on the very next request", async () => {
    const user = await createUser(platform.client, "region_admin", region);
    const headers = await signInAs(platform, user);
    expect((await platform.fetch(`/api/v1/regions/${region.slug}/admin/frontdesks`, { headers })).status).toBe(200);
    await platform.client.execute({ sql: "update users set role = 'consultant' where id = ?", args: [user.id] });
    expect((await platform.fetch(`/api/v1/regions/${region.slug}/admin/frontdesks`, { headers })).status).toBe(403);
    expect(((await (await me(headers)).json()) as { user: { role: string } }).user.role).toBe("consultant");
  });

  it("should refuse cookie-authenticated unsafe requests without our Origin", async () => {
    const user = await createUser(platform.client, "region_admin", region);
    const cookie = (await signInAs(platform, user)).cookie ?? "";
    const body = { name: "Loket", kind: "bank", municipality: "Maastricht", address: "Markt 1", modes: ["in_person"], topics: ["overig"] };
    const none = await platform.fetch(`/api/v1/regions/${region.slug}/admin/frontdesks`, { method: "POST", json: body, headers: { cookie } });
    const foreign = await platform.fetch(`/api/v1/regions/${region.slug}/admin/frontdesks`, {
      method: "POST",
      json: body,
      headers: { cookie, origin: "https://evil.example" },
    });
    expect(none.status).toBe(403);
    expect(foreign.status).toBe(403);
    expect((await readError(foreign)).code).toBe("forbidden");
    const count = await platform.client.execute({ sql: "select count(*) as n from frontdesks where region_id = ?", args: [region.id] });
    expect(Number(count.rows[0]?.n)).toBe(0);
    const foreignLogin = await platform.fetch("/api/v1/auth/login", {
      method: "POST",
      json: { email: user.email, password: TEST_PASSWORD },
      headers: { origin: "https://evil.example" },
    });
    expect(foreignLogin.status).toBe(403);
  });
});

describe("invitations and passwords", () => {
  it("should let an invited user choose a password once, with clear messages for weak ones", async () => {
    const admin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
    const email = `nieuw-${Date.now()}@example.test`;
    const created = await post(`/api/v1/regions/${region.slug}/admin/users`, { email, name: "Nina Nieuw", role: "consultant" }, admin);
    expect(created.status).toBe(201);
    const token = await tokenFromMail(email, "invitation");
    const stored = await platform.client.execute({
      sql: "select token_hash, expires_at, created_at from account_tokens where purpose = 'invitation' order by created_at desc limit 1",
    });
    expect(String(stored.rows[0]?.token_hash)).not.toBe(token);
    expect(Number(stored.rows[0]?.expires_at) - Number(stored.rows[0]?.created_at)).toBe(72 * 3_600_000);

    const short = await post("/api/v1/auth/accept-invitation", { token, password: "kort" });
    expect(short.status).toBe(400);
    expect(JSON.stringify(await short.json())).toMatch(/at least 12 characters/);
    const common = await post("/api/v1/auth/accept-invitation", { token, password: "Wachtwoord123!" });
    expect(common.status).toBe(400);
    expect(JSON.stringify(await common.json())).toMatch(/too common/);
    const sameAsEmail = await post("/api/v1/auth/accept-invitation", { token, password: email });
    expect(sameAsEmail.status).toBe(400);
    expect(JSON.stringify(await sameAsEmail.json())).toMatch(/e-mail address/);

    expect((await post("/api/v1/auth/accept-invitation", { token, password: NEW_PASSWORD })).status).toBe(204);
    expect((await post("/api/v1/auth/accept-invitation", { token, password: `${NEW_PASSWORD}x` })).status).toBe(400);
    expect((await me(await signInAs(platform, { email }, NEW_PASSWORD))).status).toBe(200);
    expect((await post("/api/v1/auth/login", { email, password: `${NEW_PASSWORD}x` })).status).toBe(401);
  });

  it("should refuse an expired invitation", async () => {
    const admin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
    const email = `verlopen-${Date.now()}@example.test`;
    await post(`/api/v1/regions/${region.slug}/admin/users`, { email, name: "Vera Verlopen", role: "consultant" }, admin);
    const token = await tokenFromMail(email, "invitation");
    await platform.client.execute({
      sql: "update account_tokens set expires_at = ? where user_id = (select id from users where email = ?)",
      args: [Date.now() - 1000, email],
    });
    const answer = await post("/api/v1/auth/accept-invitation", { token, password: NEW_PASSWORD });
    expect(answer.status).toBe(400);
    expect((await readError(answer)).issues?.[0]?.path).toBe("token");
  });

  it("should answer a reset request the same whether or not the address exists", async () => {
    const user = await createUser(platform.client, "consultant", region);
    const known = await post("/api/v1/auth/password-reset", { email: user.email });
    const unknown = await post("/api/v1/auth/password-reset", { email: "niemand-bekend@example.test" });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.json()).toEqual(await unknown.json());
    const mails = await platform.client.execute({ sql: "select count(*) as n from outbox where recipient = 'niemand-bekend@example.test'" });
    expect(Number(mails.rows[0]?.n)).toBe(0);
  });

  it("should reset a password with a single-use link and end every session of the account", async () => {
    const user = await createUser(platform.client, "consultant", region);
    const session = await signInAs(platform, user);
    expect((await post("/api/v1/auth/password-reset", { email: user.email })).status).toBe(202);
    const token = await tokenFromMail(user.email, "password_reset");
    expect((await post("/api/v1/auth/password-reset/confirm", { token, password: "123456789012" })).status).toBe(400);
    expect((await post("/api/v1/auth/password-reset/confirm", { token, password: NEW_PASSWORD })).status).toBe(204);
    expect((await me(session)).status).toBe(401);
    expect((await post("/api/v1/auth/password-reset/confirm", { token, password: `${NEW_PASSWORD}!` })).status).toBe(400);
    expect((await post("/api/v1/auth/login", { email: user.email, password: TEST_PASSWORD })).status).toBe(401);
    expect((await me(await signInAs(platform, user, NEW_PASSWORD))).status).toBe(200);
  });

  it("should change the password of a signed-in user and end their other sessions only", async () => {
    const user = await createUser(platform.client, "frontdesk_staff", region, [await createFrontdesk(platform.client, region)]);
    const here = await signInAs(platform, user);
    const elsewhere = await signInAs(platform, user);
    const wrong = await post("/api/v1/auth/change-password", { currentPassword: "niet-het-goede-wachtwoord", newPassword: NEW_PASSWORD }, here);
    expect(wrong.status).toBe(400);
    expect((await readError(wrong)).issues?.[0]?.path).toBe("currentPassword");
    const ok = await post("/api/v1/auth/change-password", { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }, here);
    expect(ok.status).toBe(204);
    expect((await me(here)).status).toBe(200);
    expect((await me(elsewhere)).status).toBe(401);
    expect((await me(await signInAs(platform, user, NEW_PASSWORD))).status).toBe(200);
  });
});

describe("rate limits", () => {
  it("should answer 429 with Retry-After after too many failed sign-ins for one e-mail address, even with the right password", async () => {
    const user = await createUser(platform.client, "consultant", region);
    for (let i = 0; i < LIMITS.loginPerEmail.limit; i++)
      expect((await post("/api/v1/auth/login", { email: user.email, password: `fout-wachtwoord-${i}` })).status).toBe(401);
    const blocked = await post("/api/v1/auth/login", { email: user.email, password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await blocked.json()).toEqual({ error: { code: "rate_limited", message: expect.any(String) } });
  });

  it("should not let parallel wrong passwords slip past the per-e-mail limit", async () => {
    const user = await createUser(platform.client, "consultant", region);
    const responses = await Promise.all(
      Array.from({ length: LIMITS.loginPerEmail.limit * 3 }, (_, i) => post("/api/v1/auth/login", { email: user.email, password: `parallel-fout-${i}` })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LIMITS.loginPerEmail.limit);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(LIMITS.loginPerEmail.limit * 2);
  });

  it("should limit failed sign-ins per client address across e-mail addresses", async () => {
    const ip = { "cf-connecting-ip": "198.51.100.7" };
    for (let i = 0; i < LIMITS.loginPerIp.limit; i++)
      expect((await post("/api/v1/auth/login", { email: `raden-${i}@example.test`, password: "geraden-wachtwoord" }, ip)).status).toBe(401);
    const blocked = await post("/api/v1/auth/login", { email: "raden-x@example.test", password: "geraden-wachtwoord" }, ip);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
    const other = await post("/api/v1/auth/login", { email: "raden-x@example.test", password: "geraden-wachtwoord" }, { "cf-connecting-ip": "198.51.100.8" });
    expect(other.status).toBe(401);
  });

  it("should limit password-reset requests per client address", async () => {
    const ip = { "cf-connecting-ip": "203.0.113.9" };
    for (let i = 0; i < LIMITS.resetPerIp.limit; i++) expect((await post("/api/v1/auth/password-reset", { email: `x${i}@example.test` }, ip)).status).toBe(202);
    const blocked = await post("/api/v1/auth/password-reset", { email: "x@example.test" }, ip);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("should send no more reset mails to one address than its limit, while answering every request the same", async () => {
    const user = await createUser(platform.client, "consultant", region);
    for (let i = 0; i < 4; i++) {
      const response = await post("/api/v1/auth/password-reset", { email: user.email }, { "cf-connecting-ip": `203.0.113.${50 + i}` });
      expect(response.status).toBe(202);
    }
    const mails = await platform.client.execute({
      sql: "select count(*) as n from outbox where kind = 'password_reset' and recipient = ?",
      args: [user.email],
    });
    expect(Number(mails.rows[0]?.n)).toBe(LIMITS.resetPerEmail.limit);
  });

  it("should limit bookings per client address", async () => {
    const desk = await createFrontdesk(platform.client, region, { capacityPerSlot: 10 });
    const slot = await futureSlot(platform, region, desk);
    const ip = { "cf-connecting-ip": "192.0.2.44" };
    for (let i = 0; i < LIMITS.bookingPerIp.limit; i++) {
      expect(
        (await platform.fetch(`/api/v1/regions/${region.slug}/appointments`, { method: "POST", json: bookingBody(desk, slot.start), headers: ip })).status,
      ).toBe(201);
    }
    const blocked = await platform.fetch(`/api/v1/regions/${region.slug}/appointments`, { method: "POST", json: bookingBody(desk, slot.start), headers: ip });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await readError(blocked)).code).toBe("rate_limited");
  });
});

describe("audit of sign-ins", () => {
  it("should record sign-ins and failed sign-ins in the region's audit log without passwords, tokens or addresses", async () => {
    const user = await createUser(platform.client, "consultant", region);
    await post("/api/v1/auth/login", { email: user.email, password: "verkeerd-wachtwoord-1" });
    await signInAs(platform, user);
    const admin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
    const audit = (await (await platform.fetch(`/api/v1/regions/${region.slug}/admin/audit`, { headers: admin })).json()) as {
      entries: { action: string; targetId: string | null }[];
    };
    const mine = audit.entries.filter((e) => e.targetId === user.id).map((e) => e.action);
    expect(mine).toContain("auth.login");
    expect(mine).toContain("auth.login_failed");

    const all = await platform.client.execute("select * from audit_log");
    const dump = JSON.stringify(all.rows);
    expect(dump).not.toContain(TEST_PASSWORD);
    expect(dump).not.toContain(NEW_PASSWORD);
    expect(dump).not.toContain("verkeerd-wachtwoord");
    expect(dump).not.toContain("@example.test");
    expect(dump).not.toMatch(/pbkdf2\$/);
    const tokens = await platform.client.execute("select token_hash from account_tokens");
    const sessions = await platform.client.execute("select id_hash from sessions");
    for (const row of [...tokens.rows, ...sessions.rows]) expect(dump).not.toContain(String(Object.values(row)[0]));
  });
});
