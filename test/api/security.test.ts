/**
 * Holes found when the platform was tried from outside (issue 10, "Security"): open redirects
 * after sign-in, rate limits per IPv6 /64, lock-out of the real user, and writes to archived desks.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closures } from "../../src/db/schema";
import { TEST_PASSWORD, createFrontdesk, createRegion, createUser, signInAs, testDb, type RegionFixture, type UserFixture } from "../support/factories";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;
let region: RegionFixture;
let user: UserFixture;

beforeAll(async () => {
  platform = await startTestPlatform();
  region = await createRegion(platform.client);
  await createFrontdesk(platform.client, region);
  user = await createUser(platform.client, "region_admin", region);
});
afterAll(async () => {
  await platform?.close();
});

const postJson = (path: string, json: unknown, headers: Record<string, string> = {}) =>
  platform.fetch(path, { method: "POST", json, headers: { origin: ORIGIN, ...headers } });

function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return platform.fetch(path, {
    method: "POST",
    body: new URLSearchParams(fields).toString(),
    headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded", ...headers },
    redirect: "manual",
  });
}

/** The value of the hidden `next` field of the sign-in form. */
function hiddenNext(html: string): string | null {
  const match = /<input type="hidden" name="next" value="([^"]*)"/.exec(html);
  return match ? (match[1] ?? "").replace(/&amp;/g, "&").replace(/&#x2F;|&#47;/g, "/") : null;
}

describe("the redirect after signing in", () => {
  const attacks = [
    "/.//evil.example/x",
    "/..//evil.example",
    "/%2e%2e//evil.example",
    "/%2F%2Fevil.example",
    "/\\evil.example",
    "//evil.example",
    "/\t/evil.example",
  ];

  it.each(attacks)("should never send a user from the sign-in form to another site for next=%j", async (next) => {
    const response = await postForm("/inloggen", { email: user.email, password: TEST_PASSWORD, next });
    expect(response.status).toBe(303);
    const location = response.headers.get("location") ?? "";
    expect(location.startsWith("/")).toBe(true);
    expect(location.startsWith("//")).toBe(false);
    expect(new URL(location, ORIGIN).origin).toBe(ORIGIN);
    // Anything odd goes to the user's start page.
    expect(location).toBe(`/beheer/${region.slug}/agenda`);
  });

  it.each(attacks)("should not put next=%j into the hidden field of the sign-in page", async (next) => {
    const response = await platform.fetch(`/inloggen?next=${encodeURIComponent(next)}`);
    expect(response.status).toBe(200);
    const value = hiddenNext(await response.text());
    expect(value).toBe("");
  });

  it("should keep a genuine local destination", async () => {
    const next = `/beheer/${region.slug}/loketten?x=1`;
    const page = await platform.fetch(`/inloggen?next=${encodeURIComponent(next)}`);
    expect(hiddenNext(await page.text())).toBe(next);
    const response = await postForm("/inloggen", { email: user.email, password: TEST_PASSWORD, next });
    expect(response.headers.get("location")).toBe(next);
  });
});

describe("rate limits for IPv6 clients", () => {
  it("should count all addresses of one /64 together for failed sign-ins (30 per 15 minutes)", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 35; i++) {
      const response = await postJson(
        "/api/v1/auth/login",
        { email: `raden-${i}@example.test`, password: "geraden-wachtwoord" },
        { "cf-connecting-ip": `2001:db8:1:2::${i.toString(16)}` },
      );
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429, 429, 429, 429]);
    // Another spelling of an address in the same /64 is the same client.
    const expanded = await postJson(
      "/api/v1/auth/login",
      { email: "raden-x@example.test", password: "geraden-wachtwoord" },
      { "cf-connecting-ip": "2001:0db8:0001:0002:0000:0000:0000:00ff" },
    );
    expect(expanded.status).toBe(429);
    // The next /64, even within the same /56, is another client.
    const neighbour = await postJson(
      "/api/v1/auth/login",
      { email: "raden-x@example.test", password: "geraden-wachtwoord" },
      { "cf-connecting-ip": "2001:db8:1:3::1" },
    );
    expect(neighbour.status).toBe(401);
  });

  it("should count an IPv4-mapped address as the IPv4 address for password resets", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const address = i % 2 === 0 ? "203.0.113.44" : "::ffff:203.0.113.44";
      statuses.push((await postJson("/api/v1/auth/password-reset", { email: `x${i}@example.test` }, { "cf-connecting-ip": address })).status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it("should count password-reset requests of one /64 together", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) {
      statuses.push((await postJson("/api/v1/auth/password-reset", { email: `y${i}@example.test` }, { "cf-connecting-ip": `2001:db8:9:9::${i}` })).status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });
});

describe("an archived frontdesk", () => {
  /** A date `days` from today (UTC calendar; only needs to be a valid date ahead). */
  const dateAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  async function deskState(id: string) {
    const [desk, hours, closures, openings] = await platform.client.batch(
      [
        { sql: "select name, capacity_per_slot, updated_at from frontdesks where id = ?", args: [id] },
        { sql: "select weekday, opens, closes from opening_hours where frontdesk_id = ? order by weekday, opens", args: [id] },
        { sql: "select id, from_date, to_date from closures where frontdesk_id = ? order by id", args: [id] },
        { sql: "select date from holiday_openings where frontdesk_id = ? order by date", args: [id] },
      ],
      "read",
    );
    return JSON.stringify([desk?.rows, hours?.rows, closures?.rows, openings?.rows]);
  }

  it("should refuse every change through the API with 409 and a clear message, and change nothing", async () => {
    const headers = await signInAs(platform, user);
    const desk = await createFrontdesk(platform.client, region, { archived: true });
    const closureId = `closure-${desk.id}`;
    await testDb(platform.client)
      .insert(closures)
      .values({
        id: closureId,
        regionId: region.id,
        frontdeskId: desk.id,
        fromDate: dateAhead(10),
        toDate: dateAhead(11),
        reason: "Verbouwing",
        createdAt: Date.now(),
      });
    const before = await deskState(desk.id);
    const base = `/api/v1/regions/${region.slug}/admin/frontdesks/${desk.id}`;
    const writes: [string, string, unknown][] = [
      ["PATCH", base, { name: "Nieuwe naam", capacityPerSlot: 3 }],
      ["PUT", `${base}/opening-hours`, { weekly: [{ weekday: 1, opens: "09:00", closes: "17:00" }] }],
      ["POST", `${base}/closures`, { from: dateAhead(20), to: dateAhead(21), reason: "Studiedag" }],
      ["DELETE", `${base}/closures/${closureId}`, undefined],
      ["POST", `${base}/closures/carnival`, { year: new Date().getUTCFullYear() + 1 }],
      ["PUT", `${base}/holiday-openings`, { dates: [dateAhead(30)] }],
    ];
    for (const [method, path, json] of writes) {
      const response = await platform.fetch(path, { method, ...(json === undefined ? {} : { json }), headers });
      expect(response.status, `${method} ${path}`).toBe(409);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code, `${method} ${path}`).toBe("frontdesk_archived");
      expect(body.error.message).toMatch(/archived/i);
    }
    expect(await deskState(desk.id)).toBe(before);
    // Reading it still works, and a region-wide Carnival closure leaves it alone.
    expect((await platform.fetch(base, { headers })).status).toBe(200);
    const carnival = await platform.fetch(`/api/v1/regions/${region.slug}/admin/closures/carnival`, {
      method: "POST",
      json: { year: new Date().getUTCFullYear() + 2 },
      headers,
    });
    expect(carnival.status).toBe(201);
    expect(await deskState(desk.id)).toBe(before);
  });

  it("should refuse changes through the web pages with a 409 page that says why", async () => {
    const headers = await signInAs(platform, user);
    const desk = await createFrontdesk(platform.client, region, { archived: true });
    const closureId = `closure-web-${desk.id}`;
    await testDb(platform.client)
      .insert(closures)
      .values({
        id: closureId,
        regionId: region.id,
        frontdeskId: desk.id,
        fromDate: dateAhead(10),
        toDate: dateAhead(11),
        reason: "Verbouwing",
        createdAt: Date.now(),
      });
    const before = await deskState(desk.id);
    const base = `/beheer/${region.slug}/loketten/${desk.id}`;
    const posts: [string, Record<string, string>][] = [
      [`${base}/carnaval`, { year: String(new Date().getUTCFullYear() + 1) }],
      [`${base}/sluitingen/${closureId}/verwijderen`, {}],
      [`${base}/sluitingen`, { from: dateAhead(20), to: dateAhead(21), reason: "Studiedag" }],
    ];
    for (const [path, fields] of posts) {
      const response = await postForm(path, fields, headers);
      expect(response.status, path).toBe(409);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await response.text()).toContain("Dit loket is gearchiveerd en kan niet meer worden gewijzigd.");
    }
    expect(await deskState(desk.id)).toBe(before);
  });
});

describe("the lock after wrong passwords", () => {
  const login = (email: string, password: string, headers: Record<string, string> = {}) => postJson("/api/v1/auth/login", { email, password }, headers);

  function cookieNamed(response: Response, name: string): string {
    const found = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
    return (found ?? "").split(";")[0] ?? "";
  }

  it("should keep guessers locked out while the real user still gets in from a browser that signed in before", async () => {
    const victim = await createUser(platform.client, "region_admin", region);
    const first = await login(victim.email, TEST_PASSWORD);
    expect(first.status).toBe(200);
    const device = cookieNamed(first, "mkb_device");
    expect(device).toMatch(/^mkb_device=[^;]+$/);
    expect(first.headers.getSetCookie().find((c) => c.startsWith("mkb_device="))).toMatch(/HttpOnly/i);

    // Ten wrong passwords from anywhere else lock the address ...
    for (let i = 0; i < 10; i++) expect((await login(victim.email, `raad-maar-${i}`)).status).toBe(401);
    const guesser = await login(victim.email, TEST_PASSWORD);
    expect(guesser.status).toBe(429);
    expect(Number(guesser.headers.get("retry-after"))).toBeGreaterThan(0);
    // ... but not for the known device, through the API and through the sign-in page.
    expect((await login(victim.email, TEST_PASSWORD, { cookie: device })).status).toBe(200);
    const page = await postForm("/inloggen", { email: victim.email, password: TEST_PASSWORD, next: "" }, { cookie: device });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe(`/beheer/${region.slug}/agenda`);

    // A forged, altered or another account's device cookie counts as none.
    const [value = ""] = device.split("=").slice(1);
    const parts = value.split(".");
    const altered = `mkb_device=${parts.slice(0, 3).join(".")}.${(parts[3] ?? "").replace(/^./, (ch) => (ch === "0" ? "1" : "0"))}`;
    const otherUser = await createUser(platform.client, "consultant", region);
    const otherDevice = cookieNamed(await login(otherUser.email, TEST_PASSWORD), "mkb_device");
    const forged = `mkb_device=${victim.id}.${"A".repeat(22)}.${Date.now()}.${"0".repeat(64)}`;
    for (const cookie of [altered, otherDevice, forged, "mkb_device=rubbish"]) {
      expect((await login(victim.email, TEST_PASSWORD, { cookie })).status, cookie).toBe(429);
    }
  });

  it("should still lock a known device after ten wrong passwords of its own", async () => {
    const user2 = await createUser(platform.client, "region_admin", region);
    const device = cookieNamed(await login(user2.email, TEST_PASSWORD), "mkb_device");
    for (let i = 0; i < 10; i++) expect((await login(user2.email, `fout-${i}`, { cookie: device })).status).toBe(401);
    expect((await login(user2.email, TEST_PASSWORD, { cookie: device })).status).toBe(429);
    // The address itself was not locked by the device's own attempts.
    expect((await login(user2.email, TEST_PASSWORD)).status).toBe(200);
  });

  it("should not exempt a known device from the limit per client address", async () => {
    const user3 = await createUser(platform.client, "region_admin", region);
    const device = cookieNamed(await login(user3.email, TEST_PASSWORD), "mkb_device");
    const ip = { "cf-connecting-ip": "198.51.100.77" };
    for (let i = 0; i < 30; i++) expect((await login(`raden-${i}@example.test`, "geraden-wachtwoord", ip)).status).toBe(401);
    expect((await login(user3.email, TEST_PASSWORD, { ...ip, cookie: device })).status).toBe(429);
    expect((await login(user3.email, TEST_PASSWORD, { cookie: device, "cf-connecting-ip": "198.51.100.78" })).status).toBe(200);
  });
});
