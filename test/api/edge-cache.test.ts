/**
 * The edge cache never serves an answer after a change: every change that can alter a slot
 * list, the earliest slots or a desk's detail raises a version in the same transaction
 * (database triggers), and the version travels in the one read batch of every request.
 * Changes are made through the API and straight in the database (as the scheduled job, an
 * erasure or an operator would), and the next answer must show them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { createFrontdesk, createRegion, createUser, signInAs, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { amsterdamDate, bookingBody, type SlotView } from "../support/slots";

let platform: TestPlatform;
let region: RegionFixture;
let desk: FrontdeskFixture;
let admin: Record<string, string>;

beforeAll(async () => {
  platform = await startTestPlatform({ vars: { MAIL_TRANSPORT: "log" } });
  region = await createRegion(platform.client);
  desk = await createFrontdesk(platform.client, region, { capacityPerSlot: 2 });
  admin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
});

afterAll(async () => {
  await platform?.close();
});

const from = () => amsterdamDate(5);
const to = () => amsterdamDate(11);

async function slots(): Promise<{ cache: string | null; slots: SlotView[] }> {
  const response = await platform.fetch(`/api/v1/regions/${region.slug}/frontdesks/${desk.id}/slots?from=${from()}&to=${to()}`);
  expect(response.status).toBe(200);
  return { cache: response.headers.get("x-cache"), slots: ((await response.json()) as { slots: SlotView[] }).slots };
}

async function earliest(): Promise<{ cache: string | null; slots: { start: string; remaining: number; frontdeskId: string }[] }> {
  const response = await platform.fetch(`/api/v1/regions/${region.slug}/slots/earliest?limit=3`);
  expect(response.status).toBe(200);
  return {
    cache: response.headers.get("x-cache"),
    slots: ((await response.json()) as { slots: { start: string; remaining: number; frontdeskId: string }[] }).slots,
  };
}

/** Asks twice: the second answer is a hit with the same content (a third try if a new minute began in between). */
async function cached<T extends { cache: string | null }>(read: () => Promise<T>): Promise<T> {
  let first = await read();
  let second = await read();
  if (second.cache !== "hit") {
    first = second;
    second = await read();
  }
  expect(second.cache).toBe("hit");
  expect({ ...second, cache: null }).toEqual({ ...first, cache: null });
  return second;
}

describe("the edge cache", () => {
  it("should serve a repeated slot list from the cache and show a booking at once", async () => {
    const before = await cached(slots);
    const slot = before.slots[0];
    if (!slot) throw new Error("no free slot");
    expect(slot.remaining).toBe(2);
    const booked = await platform.fetch(`/api/v1/regions/${region.slug}/appointments`, { method: "POST", json: bookingBody(desk, slot.start) });
    expect(booked.status).toBe(201);
    const after = await slots();
    expect(after.cache).toBe("miss");
    expect(after.slots.find((s) => s.start === slot.start)?.remaining).toBe(1);

    // Cancelled through the manage link: the place is free again at once.
    const { manageToken } = (await booked.json()) as { manageToken: string };
    await cached(slots);
    expect((await platform.fetch(`/api/v1/appointments/${manageToken}/cancel`, { method: "POST" })).status).toBe(200);
    expect((await slots()).slots.find((s) => s.start === slot.start)?.remaining).toBe(2);
  });

  it("should show changes made straight in the database: a booking, opening hours, a closure, a holiday setting", async () => {
    const before = await cached(slots);
    const slot = before.slots[0];
    if (!slot) throw new Error("no free slot");
    const start = Date.parse(slot.start);
    // A booking written by something other than the Worker.
    await platform.client.execute({
      sql: `insert into appointments (id, region_id, frontdesk_id, start_at, end_at, mode, topic, municipality, status, manage_token_hash, created_at, updated_at)
            values (?, ?, ?, ?, ?, 'video', 'financiering', 'Maastricht', 'confirmed', ?, ?, ?)`,
      args: [newId(), region.id, desk.id, start, start + 1_800_000, newId(), Date.now(), Date.now()],
    });
    expect((await slots()).slots.find((s) => s.start === slot.start)?.remaining).toBe(1);

    // Opening hours: the afternoons go.
    await cached(slots);
    await platform.client.execute({ sql: "delete from opening_hours where frontdesk_id = ? and opens = '13:30'", args: [desk.id] });
    const mornings = await slots();
    expect(mornings.cache).toBe("miss");
    expect(mornings.slots.length).toBeGreaterThan(0);
    expect(mornings.slots.every((s) => Number(s.start.slice(11, 13)) < 13)).toBe(true);

    // A closure over the whole window.
    await cached(slots);
    await platform.client.execute({
      sql: "insert into closures (id, region_id, frontdesk_id, from_date, to_date, reason, created_at) values (?, ?, ?, ?, ?, 'Verbouwing', ?)",
      args: [newId(), region.id, desk.id, from(), to(), Date.now()],
    });
    expect((await slots()).slots).toEqual([]);
    await platform.client.execute({ sql: "delete from closures where frontdesk_id = ?", args: [desk.id] });
    expect((await slots()).slots.length).toBeGreaterThan(0);

    // A region setting changes which days are holidays: the answer is recomputed.
    await cached(slots);
    await platform.client.execute({ sql: "update regions set liberation_day_closed = 1 - liberation_day_closed where id = ?", args: [region.id] });
    expect((await slots()).cache).toBe("miss");
  });

  it("should show a new desk, an archived desk and a changed desk in the earliest slots and the desk detail", async () => {
    await cached(earliest);
    const second = await createFrontdesk(platform.client, region, {
      name: "Vroege balie",
      hours: [1, 2, 3, 4, 5, 6, 7].map((d): [number, string, string] => [d, "07:00", "08:00"]),
    });
    const withSecond = await earliest();
    expect(withSecond.cache).toBe("miss");
    expect(withSecond.slots.some((s) => s.frontdeskId === second.id)).toBe(true);

    const detailPath = `/api/v1/regions/${region.slug}/frontdesks/${second.id}`;
    await platform.fetch(detailPath);
    let hit = await platform.fetch(detailPath);
    if (hit.headers.get("x-cache") !== "hit") hit = await platform.fetch(detailPath);
    expect(hit.headers.get("x-cache")).toBe("hit");
    const renamed = await platform.fetch(`/api/v1/regions/${region.slug}/admin/frontdesks/${second.id}`, {
      method: "PATCH",
      headers: admin,
      json: { name: "Late balie" },
    });
    expect(renamed.status).toBe(200);
    const detail = (await (await platform.fetch(detailPath)).json()) as { frontdesk: { name: string } };
    expect(detail.frontdesk.name).toBe("Late balie");

    await platform.client.execute({ sql: "update frontdesks set archived_at = ? where id = ?", args: [Date.now(), second.id] });
    expect((await platform.fetch(detailPath)).status).toBe(404);
    expect((await earliest()).slots.some((s) => s.frontdeskId === second.id)).toBe(false);
  });

  it("should not offer a full slot as the earliest when a desk's notice was shortened since the isolate read its configuration", async () => {
    // The earliest slots read bookings from the first start the desks offer (now plus their
    // notice, from the configuration this isolate holds); a shorter notice in the database
    // means reading from earlier. One desk of one place per slot, open every day.
    const r = await createRegion(platform.client);
    const d = await createFrontdesk(platform.client, r, { capacityPerSlot: 1, minNoticeHours: 0 });
    const first = async () => {
      const response = await platform.fetch(`/api/v1/regions/${r.slug}/slots/earliest?limit=2`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { slots: { start: string }[] }).slots.map((x) => x.start);
    };
    const [soonest] = await first();
    if (!soonest) throw new Error("no free slot at all");
    const booked = await platform.fetch(`/api/v1/regions/${r.slug}/appointments`, { method: "POST", headers: admin, json: bookingBody(d, soonest) });
    expect(booked.status).toBe(201);
    await platform.client.execute({ sql: "update frontdesks set min_notice_hours = 72 where id = ?", args: [d.id] });
    expect(await first()).not.toContain(soonest);
    await platform.client.execute({ sql: "update frontdesks set min_notice_hours = 0 where id = ?", args: [d.id] });
    const now = await first();
    expect(now).not.toContain(soonest);
    // The same as the desk's own list, which reads its bookings on its own.
    const own = await platform.fetch(`/api/v1/regions/${r.slug}/frontdesks/${d.id}/slots?from=${amsterdamDate(0)}&to=${amsterdamDate(6)}`);
    const listed = ((await own.json()) as { slots: SlotView[] }).slots.map((x) => x.start);
    expect(now).toEqual(listed.slice(0, 2));
  });

  it("should answer the same without the cache (EDGE_CACHE=off)", async () => {
    const off = await startTestPlatform({ vars: { EDGE_CACHE: "off" } });
    try {
      const r = await createRegion(off.client);
      const d = await createFrontdesk(off.client, r);
      const path = `/api/v1/regions/${r.slug}/frontdesks/${d.id}/slots?from=${from()}&to=${to()}`;
      const first = await off.fetch(path);
      const second = await off.fetch(path);
      expect(second.headers.get("x-cache")).toBe("miss");
      expect(await second.json()).toEqual(await first.json());
    } finally {
      await off.close();
    }
  });
});
