import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD, createFrontdesk, createRegion, createUser, type FrontdeskFixture, type RegionFixture, type UserFixture } from "../support/factories";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";
import { bookingBody, futureSlot, type SlotView } from "../support/slots";

let platform: TestPlatform;
let region: RegionFixture;
let desk: FrontdeskFixture;
let user: UserFixture;
let slot: SlotView;

beforeAll(async () => {
  platform = await startTestPlatform();
  region = await createRegion(platform.client);
  desk = await createFrontdesk(platform.client, region, { capacityPerSlot: 5 });
  user = await createUser(platform.client, "region_admin", region);
  slot = await futureSlot(platform, region, desk);
});
afterAll(async () => {
  await platform?.close();
});

const read = () => platform.fetch(`/api/v1/regions/${region.slug}/frontdesks`);
const booking = () => platform.fetch(`/api/v1/regions/${region.slug}/appointments`, { method: "POST", json: bookingBody(desk, slot.start) });
const login = () => platform.fetch("/api/v1/auth/login", { method: "POST", json: { email: user.email, password: TEST_PASSWORD }, headers: { origin: ORIGIN } });

async function expectUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
  const text = await response.text();
  const body = JSON.parse(text) as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "message"]);
  expect(body.error.code).toBe("service_unavailable");
  expect(text).not.toMatch(/sqlite|select|insert|stack|ECONN|127\.0\.0\.1|libsql|at [A-Za-z]+ \(/i);
}

describe("a database outage", () => {
  it("should answer 503 with Retry-After and a generic body while the database is down, and recover when it is back", async () => {
    const countBefore = await platform.client.execute("select count(*) as n from appointments");
    await platform.stopDatabase();
    try {
      await expectUnavailable(await read());
      await expectUnavailable(await booking());
      await expectUnavailable(await login());
    } finally {
      await platform.startDatabase();
    }
    // No partial write happened while the database was down.
    const countAfter = await platform.client.execute("select count(*) as n from appointments");
    expect(Number(countAfter.rows[0]?.n)).toBe(Number(countBefore.rows[0]?.n));

    expect((await read()).status).toBe(200);
    expect((await booking()).status).toBe(201);
    expect((await login()).status).toBe(200);
  });
});
