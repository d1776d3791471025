/**
 * Entrepreneur sign-in by e-mail link (issue 17): one answer whatever the address, the same
 * database work, 15 minutes, one use (also under a race), limits per address and per network
 * (IPv6 per /64), the cookie's rules, and sessions kept apart from staff sessions.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app";
import { createRegion, createUser, signInAs, type RegionFixture } from "../support/factories";
import { latestLoginToken, postLogin, requestLink, sessionCookie, signInAsEntrepreneur } from "../support/entrepreneurs";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";

const MINUTE = 60_000;
/** Small limits, so a test reaches them in a few requests. */
const RATE_LIMITS = JSON.stringify({ loginLinkPerEmail: { limit: 2, windowSeconds: 3600 }, loginLinkPerIp: { limit: 3, windowSeconds: 3600 } });

let platform: TestPlatform;
let region: RegionFixture;
let counter = 0;
const address = (what: string) => `${what}-${Date.now().toString(36)}-${counter++}@ondernemer.test`;
const at = (instant: number) => ({ "x-test-now": new Date(instant).toISOString() });

beforeAll(async () => {
  // "log": mails stay in the outbox and nothing is delivered after the answer, so the
  // database requests counted around one request are that request's own.
  platform = await startTestPlatform({ vars: { RATE_LIMITS, MAIL_TRANSPORT: "log" } });
  region = await createRegion(platform.client);
});
afterAll(async () => {
  await platform?.close();
});

async function outboxRows(email: string) {
  const rs = await platform.client.execute({ sql: "select kind, region_id, appointment_id, subject, status from outbox where recipient = ?", args: [email] });
  return rs.rows.map((r) => ({ ...r }));
}

/** Status, body and headers of an answer, without what differs per request anyway. */
async function shape(response: Response) {
  const headers = [...response.headers.entries()].filter(([name]) => !["date", "x-request-id", "content-length"].includes(name)).sort();
  return { status: response.status, body: await response.text(), headers };
}

describe("asking for a sign-in link", () => {
  it("should answer 202 { sent: true } and mail a link, the same way for a known and an unknown address", async () => {
    const known = address("bekend");
    await signInAsEntrepreneur(platform, known);
    const unknown = address("onbekend");
    const forKnown = await requestLink(platform, known);
    const forUnknown = await requestLink(platform, unknown);
    expect(await shape(forKnown)).toEqual(await shape(forUnknown));
    expect(forKnown.status).toBe(202);
    const knownMails = (await outboxRows(known)).filter((m) => m.status === "pending");
    const unknownMails = await outboxRows(unknown);
    expect(unknownMails).toHaveLength(1);
    expect(knownMails.at(-1)).toEqual(unknownMails[0]);
    expect(unknownMails[0]).toMatchObject({ kind: "login_link", region_id: null, appointment_id: null, subject: "Inloggen bij Mijn MKB Limburg" });
    // Asking creates no account: that waits for the first sign-in.
    const accounts = await platform.client.execute({ sql: "select count(*) as n from entrepreneurs where email = ?", args: [unknown] });
    expect(Number(accounts.rows[0]?.n)).toBe(0);
  });

  it("should do the same database work for a known and an unknown address (round trips and statements)", async () => {
    const known = address("bekend-werk");
    await signInAsEntrepreneur(platform, known);
    const measure = async (email: string, ip: string) => {
      platform.server.resetStats();
      const response = await requestLink(platform, email, { "cf-connecting-ip": ip });
      expect(response.status).toBe(202);
      return platform.server.stats();
    };
    const forKnown = await measure(known, "198.51.100.10");
    const forUnknown = await measure(address("onbekend-werk"), "198.51.100.11");
    expect(forKnown).toEqual(forUnknown);
    // One write batch: the two rate counts, the token and the mail.
    expect(forKnown.pipelines).toBe(1);
  });

  it("should keep the link out of the answer and store only the token's hash", async () => {
    const email = address("hash");
    const response = await requestLink(platform, email);
    const token = await latestLoginToken(platform, email);
    expect(await response.text()).not.toContain(token);
    const rows = await platform.client.execute({ sql: "select * from entrepreneur_login_tokens where email = ?", args: [email] });
    expect(rows.rows).toHaveLength(1);
    expect(JSON.stringify(rows.rows[0])).not.toContain(token);
    expect(String(rows.rows[0]?.token_hash)).toMatch(/^[0-9a-f]{64}$/);
    const mail = await platform.client.execute({ sql: "select text_body, html_body from outbox where recipient = ?", args: [email] });
    expect(String(mail.rows[0]?.text_body)).toContain(`${ORIGIN}/mijn/inloggen?token=${token}`);
  });

  it("should refuse an address that is not one, and a foreign Origin", async () => {
    const invalid = await platform.fetch("/api/v1/me/login-link", { method: "POST", json: { email: "geen-adres" }, headers: { origin: ORIGIN } });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe("email");
    const foreign = await platform.fetch("/api/v1/me/login-link", {
      method: "POST",
      json: { email: address("csrf") },
      headers: { origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
  });
});

describe("signing in with the link", () => {
  it("should start a session once, creating the account at the first sign-in, with the cookie's rules", async () => {
    const email = address("eerste");
    await requestLink(platform, email);
    const token = await latestLoginToken(platform, email);
    const response = await postLogin(platform, token);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { entrepreneur: { id: string; email: string } };
    expect(body.entrepreneur.email).toBe(email);
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^mkb_me=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    const cookie = sessionCookie(response);
    const sessions = await platform.client.execute({
      sql: "select id_hash from entrepreneur_sessions where entrepreneur_id = ?",
      args: [body.entrepreneur.id],
    });
    expect(sessions.rows).toHaveLength(1);
    expect(String(sessions.rows[0]?.id_hash)).not.toContain(cookie.split("=")[1]);

    const me = await platform.fetch("/api/v1/me", { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { entrepreneur: { id: string } }).entrepreneur.id).toBe(body.entrepreneur.id);

    const again = await postLogin(platform, token);
    expect(again.status).toBe(400);
    // The next sign-in finds the same account.
    await requestLink(platform, email);
    const second = await postLogin(platform, await latestLoginToken(platform, email));
    expect(((await second.json()) as { entrepreneur: { id: string } }).entrepreneur.id).toBe(body.entrepreneur.id);
  });

  it("should accept the link for 15 minutes and not a moment longer", async () => {
    const asked = Date.now();
    const early = address("op-tijd");
    await requestLink(platform, early, at(asked));
    expect((await postLogin(platform, await latestLoginToken(platform, early), at(asked + 15 * MINUTE - 1000))).status).toBe(200);
    const late = address("te-laat");
    await requestLink(platform, late, at(asked));
    const refused = await postLogin(platform, await latestLoginToken(platform, late), at(asked + 15 * MINUTE));
    expect(refused.status).toBe(400);
  });

  it("should give exactly one session when the same link is used twice at the same moment", async () => {
    const email = address("race");
    await requestLink(platform, email);
    const token = await latestLoginToken(platform, email);
    const answers = await Promise.all([postLogin(platform, token), postLogin(platform, token), postLogin(platform, token)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400]);
    const sessions = await platform.client.execute({
      sql: "select count(*) as n from entrepreneur_sessions s join entrepreneurs e on e.id = s.entrepreneur_id where e.email = ?",
      args: [email],
    });
    expect(Number(sessions.rows[0]?.n)).toBe(1);
  });

  it("should answer the same for an unknown, a used, an expired and a malformed token", async () => {
    const used = address("gebruikt");
    await requestLink(platform, used);
    const usedToken = await latestLoginToken(platform, used);
    await postLogin(platform, usedToken);
    const expired = address("verlopen");
    const then = Date.now();
    await requestLink(platform, expired, at(then));
    const expiredToken = await latestLoginToken(platform, expired);
    const answers = await Promise.all([
      postLogin(platform, "A".repeat(43)),
      postLogin(platform, usedToken),
      postLogin(platform, expiredToken, at(then + 16 * MINUTE)),
      postLogin(platform, "kort"),
    ]);
    const bodies = await Promise.all(answers.map((a) => a.text()));
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400]);
    expect(new Set(bodies).size).toBe(1);
  });

  it("should spend the other open links of the address at sign-in", async () => {
    const email = address("twee-links");
    await requestLink(platform, email);
    const first = await latestLoginToken(platform, email);
    await requestLink(platform, email);
    const second = await latestLoginToken(platform, email);
    expect((await postLogin(platform, second)).status).toBe(200);
    expect((await postLogin(platform, first)).status).toBe(400);
  });
});

describe("limits", () => {
  it("should send at most the address's limit of links per hour and answer the same after it", async () => {
    const email = address("limiet");
    const now = Date.now();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await shape(await requestLink(platform, email, at(now))));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]?.status).toBe(202);
    expect(await outboxRows(email)).toHaveLength(2);
    const tokens = await platform.client.execute({ sql: "select count(*) as n from entrepreneur_login_tokens where email = ?", args: [email] });
    expect(Number(tokens.rows[0]?.n)).toBe(2);
  });

  it("should refuse a network past its limit with 429 and Retry-After, and write nothing for it", async () => {
    const now = Date.now();
    const ip = { "cf-connecting-ip": "203.0.113.77" };
    for (let i = 0; i < 3; i++) expect((await requestLink(platform, address("net"), { ...ip, ...at(now) })).status).toBe(202);
    const refused = address("net-te-veel");
    const response = await requestLink(platform, refused, { ...ip, ...at(now) });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await outboxRows(refused)).toHaveLength(0);
    // Another network is not affected.
    expect((await requestLink(platform, refused, { "cf-connecting-ip": "203.0.113.78", ...at(now) })).status).toBe(202);
  });

  it("should count IPv6 clients per /64, whatever address in it they use or how it is written", async () => {
    const now = Date.now();
    const sameNetwork = ["2001:db8:aa:1::1", "2001:0db8:00aa:0001:ffff:ffff:ffff:fffe", "2001:db8:aa:1:1234::9"];
    for (const ip of sameNetwork) expect((await requestLink(platform, address("v6"), { "cf-connecting-ip": ip, ...at(now) })).status).toBe(202);
    expect((await requestLink(platform, address("v6"), { "cf-connecting-ip": "2001:db8:aa:1::abcd", ...at(now) })).status).toBe(429);
    expect((await requestLink(platform, address("v6"), { "cf-connecting-ip": "2001:db8:aa:2::1", ...at(now) })).status).toBe(202);
  });
});

describe("entrepreneur sessions", () => {
  it("should never satisfy a staff route, and a staff session should never reach /me", async () => {
    const entrepreneur = await signInAsEntrepreneur(platform, address("gescheiden"));
    const admin = await signInAs(platform, await createUser(platform.client, "platform_admin", null));
    for (const path of ["/api/v1/auth/me", `/api/v1/regions/${region.slug}/admin/appointments`, "/api/v1/province/summary", "/api/v1/platform/users"]) {
      expect((await platform.fetch(path, { headers: entrepreneur })).status, path).toBe(401);
    }
    // Even under the staff cookie's name, an entrepreneur session id is no staff session.
    const value = entrepreneur.cookie?.split("=")[1] ?? "";
    expect((await platform.fetch(`/api/v1/regions/${region.slug}/admin/appointments`, { headers: { cookie: `mkb_session=${value}` } })).status).toBe(401);
    expect((await platform.fetch("/api/v1/me", { headers: admin })).status).toBe(401);
    const staffValue = admin.cookie?.split("=")[1] ?? "";
    expect((await platform.fetch("/api/v1/me", { headers: { cookie: `mkb_me=${staffValue}` } })).status).toBe(401);
  });

  it("should require the platform's own Origin on writes", async () => {
    const me = await signInAsEntrepreneur(platform, address("origin"));
    const body = { companyName: "Bakkerij Brood", visibleToPeers: false };
    const missing = await platform.fetch("/api/v1/me/profile", { method: "PUT", json: body, headers: { cookie: me.cookie ?? "" } });
    expect(missing.status).toBe(403);
    const foreign = await platform.fetch("/api/v1/me/profile", {
      method: "PUT",
      json: body,
      headers: { cookie: me.cookie ?? "", origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect((await platform.fetch("/api/v1/me/profile", { method: "PUT", json: body, headers: me })).status).toBe(200);
  });

  it("should end server-side at sign-out", async () => {
    const me = await signInAsEntrepreneur(platform, address("uit"));
    const out = await platform.fetch("/api/v1/me/logout", { method: "POST", headers: me });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/mkb_me=;/);
    expect((await platform.fetch("/api/v1/me", { headers: me })).status).toBe(401);
  });

  it("should end after a week without use and a month after sign-in", async () => {
    const start = Date.now();
    const idle = address("idle");
    await requestLink(platform, idle, at(start));
    const idleSession = sessionCookie(await postLogin(platform, await latestLoginToken(platform, idle), at(start)));
    expect((await platform.fetch("/api/v1/me", { headers: { cookie: idleSession, ...at(start + 6 * 24 * 60 * MINUTE) } })).status).toBe(200);
    expect((await platform.fetch("/api/v1/me", { headers: { cookie: idleSession, ...at(start + 20 * 24 * 60 * MINUTE) } })).status).toBe(401);

    const busy = address("absoluut");
    await requestLink(platform, busy, at(start));
    const session = sessionCookie(await postLogin(platform, await latestLoginToken(platform, busy), at(start)));
    const lastSeen = async () =>
      Number(
        (
          await platform.client.execute({
            sql: "select s.last_seen_at from entrepreneur_sessions s join entrepreneurs e on e.id = s.entrepreneur_id where e.email = ?",
            args: [busy],
          })
        ).rows[0]?.last_seen_at,
      );
    // Used every 6 days: never idle, but the month is the limit.
    for (const day of [6, 12, 18, 24]) {
      const moment = start + day * 24 * 60 * MINUTE;
      expect((await platform.fetch("/api/v1/me", { headers: { cookie: session, ...at(moment) } })).status, `day ${day}`).toBe(200);
      await vi.waitFor(async () => expect(await lastSeen()).toBe(moment));
    }
    expect((await platform.fetch("/api/v1/me", { headers: { cookie: session, ...at(start + 30 * 24 * 60 * MINUTE + 1000) } })).status).toBe(401);
  });

  it("should use the __Host- cookie, Secure, outside local development", async () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const app = createApp();
    const env = { LIBSQL_URL: platform.dbUrl, APP_ENV: "production", MAIL_TRANSPORT: "log" };
    const headers = { origin: ORIGIN, "content-type": "application/json", "cf-connecting-ip": "192.0.2.200" };
    const email = address("productie");
    const asked = await app.request(`${ORIGIN}/api/v1/me/login-link`, { method: "POST", headers, body: JSON.stringify({ email }) }, env);
    expect(asked.status).toBe(202);
    const token = await latestLoginToken(platform, email);
    const response = await app.request(`${ORIGIN}/api/v1/me/login`, { method: "POST", headers, body: JSON.stringify({ token }) }, env);
    expect(response.status).toBe(200);
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^__Host-mkb_me=/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Domain=/i);
  });
});
