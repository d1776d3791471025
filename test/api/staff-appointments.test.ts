/**
 * Desk staff booking on an entrepreneur's behalf through the booking service (issue 13, on
 * issue 12's read plans): no minimum notice, no per-address booking limit, the audit entry
 * with the booking; the staff-only free times never reach the public slot list or its edge
 * cache.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";
import { createFrontdesk, createRegion, createUser, signInAs, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { bookingBody, futureSlot, listSlots, openDate } from "../support/slots";

let platform: TestPlatform;
let region: RegionFixture;
let desk: FrontdeskFixture;
let staff: Record<string, string>;
let staffId = "";

beforeAll(async () => {
  platform = await startTestPlatform({ vars: { MAIL_TRANSPORT: "log", RATE_LIMITS: JSON.stringify({ bookingPerIp: { limit: 1 } }) } });
  region = await createRegion(platform.client);
  desk = await createFrontdesk(platform.client, region, { minNoticeHours: 120, capacityPerSlot: 3 });
  const user = await createUser(platform.client, "frontdesk_staff", region, [desk]);
  staffId = user.id;
  staff = await signInAs(platform, user);
});

afterAll(async () => {
  await platform?.close();
});

function staffBooking(start: string, name: string, headers: Record<string, string>) {
  const form = new URLSearchParams({
    frontdeskId: desk.id,
    date: start.slice(0, 10),
    start,
    mode: "in_person",
    topic: "financiering",
    name,
    email: `${name.toLowerCase().replace(/\s+/g, ".")}@beller.test`,
    consent: "yes",
  });
  return platform.fetch(`/beheer/${region.slug}/afspraken/nieuw`, {
    method: "POST",
    redirect: "manual",
    headers: { ...staff, ...headers, origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
  });
}

describe("desk staff booking for a caller", () => {
  it("should book inside the desk's notice without counting against the address, audited, and keep those times out of the public list", async () => {
    // An open day at most three days ahead (holidays skipped): inside the desk's 120 hours of notice.
    const day = openDate(1);
    const ip = { "cf-connecting-ip": "192.0.2.77" };
    expect(await listSlots(platform, region, desk, day, day)).toEqual([]);
    const page = await platform.fetch(`/beheer/${region.slug}/afspraken/nieuw?frontdeskId=${desk.id}&date=${day}`, { headers: staff });
    expect(page.status).toBe(200);
    const start = /name="start"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="start"/.exec(await page.text());
    const first = { start: start?.[1] ?? start?.[2] ?? "" };
    expect(first.start.slice(0, 10)).toBe(day);
    // The staff page neither used nor filled the public answer.
    expect(await listSlots(platform, region, desk, day, day)).toEqual([]);

    for (const name of ["Piet Beller", "Paula Beller"]) {
      const booked = await staffBooking(first.start, name, ip);
      expect(booked.status, name).toBe(303);
      expect(booked.headers.get("location")).toContain("klaar=geboekt");
    }
    const online = await platform.fetch(`/api/v1/regions/${region.slug}/appointments`, {
      method: "POST",
      json: bookingBody(desk, first.start),
      headers: { "cf-connecting-ip": "192.0.2.78" },
    });
    expect(online.status).toBe(409);

    // The address's one online booking is still free after the two staff bookings, the next is refused.
    const later = await futureSlot(platform, region, desk, 6);
    const own = () => platform.fetch(`/api/v1/regions/${region.slug}/appointments`, { method: "POST", json: bookingBody(desk, later.start), headers: ip });
    expect((await own()).status).toBe(201);
    expect((await own()).status).toBe(429);

    const audit = await platform.client.execute({
      sql: "select count(*) as n from audit_log where action = 'appointment.booked_by_staff' and region_id = ? and actor_user_id = ?",
      args: [region.id, staffId],
    });
    expect(Number(audit.rows[0]?.n)).toBe(2);
    const rows = await platform.client.execute({
      sql: "select count(*) as n from appointments where frontdesk_id = ? and start_at = ? and status = 'confirmed'",
      args: [desk.id, Date.parse(first.start)],
    });
    expect(Number(rows.rows[0]?.n)).toBe(2);
  });
});
