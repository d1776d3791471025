/**
 * The province summary reads the session in the same batch as its data once this isolate
 * has seen the session valid (`sessionWithData`, issue 12): one round trip instead of two.
 * What must not change: the session is still checked on every request, before anything is
 * answered, so a signed-out, disabled or re-roled account is refused at once, and a cookie
 * the isolate never saw valid gets no data read on its behalf.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORIGIN, startTestPlatform, type TestPlatform, settleDatabase } from "../support/platform";
import { createUser, signInAs } from "../support/factories";

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ vars: { MAIL_TRANSPORT: "log" } });
});
afterAll(async () => {
  await platform?.close();
});

const settle = () => settleDatabase(platform);

/** The answer's status and the round trips it made to the database. */
async function summary(headers: Record<string, string>, path = "/api/v1/province/summary"): Promise<{ status: number; trips: number; body: string }> {
  await settle();
  const before = platform.server.stats().requests;
  const response = await platform.fetch(path, { headers });
  const body = await response.text();
  await settle();
  return { status: response.status, trips: platform.server.stats().requests - before, body };
}

describe("the province summary with the session in its data batch", () => {
  it("should take two round trips for a session this isolate has not seen, then one", async () => {
    const headers = await signInAs(platform, await createUser(platform.client, "province_viewer", null));
    const first = await summary(headers);
    expect(first).toMatchObject({ status: 200, trips: 2 });
    const again = await summary(headers);
    expect(again).toMatchObject({ status: 200, trips: 1 });
    expect(JSON.parse(again.body).regions).toEqual(JSON.parse(first.body).regions);
    expect(await summary(headers, "/api/v1/province/summary.csv")).toMatchObject({ status: 200, trips: 1 });
  });

  it("should refuse a signed-out session at once, though it was valid a moment ago", async () => {
    const headers = await signInAs(platform, await createUser(platform.client, "province_viewer", null));
    expect((await summary(headers)).status).toBe(200);
    const out = await platform.fetch("/api/v1/auth/logout", { method: "POST", headers: { ...headers, origin: ORIGIN } });
    expect(out.status).toBeLessThan(300);
    const refused = await summary(headers);
    expect(refused.status).toBe(401);
    expect(refused.body).not.toContain("regions");
  });

  it("should refuse a disabled account and an account whose role changed, on the very next request", async () => {
    const disabled = await createUser(platform.client, "province_viewer", null);
    const disabledHeaders = await signInAs(platform, disabled);
    const reroled = await createUser(platform.client, "province_viewer", null);
    const reroledHeaders = await signInAs(platform, reroled);
    expect((await summary(disabledHeaders)).status).toBe(200);
    expect((await summary(reroledHeaders)).status).toBe(200);
    await platform.client.execute({ sql: "UPDATE users SET disabled_at = ? WHERE id = ?", args: [Date.now(), disabled.id] });
    await platform.client.execute({
      sql: "UPDATE users SET role = 'consultant', region_id = (SELECT id FROM regions LIMIT 1) WHERE id = ?",
      args: [reroled.id],
    });
    expect((await summary(disabledHeaders)).status).toBe(401);
    const forbidden = await summary(reroledHeaders);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).not.toContain("byTopic");
  });

  it("should read no data for a cookie it never saw valid, and answer a bad query of a valid session after checking it", async () => {
    const headers = await signInAs(platform, await createUser(platform.client, "province_viewer", null));
    const cookieName = (headers.cookie ?? "").split("=")[0];
    const unknown = await summary({ cookie: `${cookieName}=not-a-real-session-token-at-all` });
    expect(unknown).toMatchObject({ status: 401, trips: 1 });
    expect((await summary(headers)).status).toBe(200);
    const bad = await summary(headers, "/api/v1/province/summary?from=gisteren");
    expect(bad.status).toBe(400);
    await platform.fetch("/api/v1/auth/logout", { method: "POST", headers: { ...headers, origin: ORIGIN } });
    expect((await summary(headers, "/api/v1/province/summary?from=gisteren")).status).toBe(401);
  });
});
