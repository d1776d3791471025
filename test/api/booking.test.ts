import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BookingResponse, ManagedAppointment, readAnswer, readError } from "../support/answers";
import { createFrontdesk, createRegion, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import {
  amsterdamDate,
  book,
  bookingBody,
  futureSlot,
  isPublicHoliday,
  listSlots,
  nextEaster,
  nextYearly,
  shiftDate,
  type BookingAnswer,
} from "../support/slots";

let platform: TestPlatform;
let region: RegionFixture;
let other: RegionFixture;
let desk: FrontdeskFixture;

beforeAll(async () => {
  platform = await startTestPlatform();
  region = await createRegion(platform.client);
  other = await createRegion(platform.client);
  desk = await createFrontdesk(platform.client, region, { capacityPerSlot: 2 });
});
afterAll(async () => {
  await platform?.close();
});

async function count(sql: string, args: (string | number)[] = []): Promise<number> {
  const result = await platform.client.execute({ sql, args });
  return Number(result.rows[0]?.[0] ?? 0);
}

describe("slots", () => {
  it("should list only future slots on the grid with the desk's capacity, 14 days by default", async () => {
    const response = await platform.fetch(`/api/v1/regions/${region.slug}/frontdesks/${desk.id}/slots`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { timezone: string; from: string; to: string; slots: { start: string; end: string; remaining: number }[] };
    expect(body.timezone).toBe("Europe/Amsterdam");
    expect(body.from).toBe(amsterdamDate(0));
    expect(body.to).toBe(amsterdamDate(13));
    expect(body.slots.length).toBeGreaterThan(50);
    for (const slot of body.slots) {
      expect(Date.parse(slot.start)).toBeGreaterThan(Date.now());
      expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(30 * 60_000);
      expect(slot.start).toMatch(/^\d{4}-\d{2}-\d{2}T(09|1[0-6]):(00|30):00\+0[12]:00$/);
      expect(slot.remaining).toBe(2);
    }
  });

  it("should refuse a window of more than 62 days, an end before the start and a malformed date", async () => {
    const base = `/api/v1/regions/${region.slug}/frontdesks/${desk.id}/slots`;
    const from = amsterdamDate(1);
    expect((await platform.fetch(`${base}?from=${from}&to=${shiftDate(from, 62)}`)).status).toBe(400);
    expect((await platform.fetch(`${base}?from=${from}&to=${shiftDate(from, 61)}`)).status).toBe(200);
    expect((await platform.fetch(`${base}?from=${shiftDate(from, 9)}&to=${from}`)).status).toBe(400);
    const bad = await platform.fetch(`${base}?from=2027-02-30`);
    expect(bad.status).toBe(400);
    expect((await readError(bad)).issues?.[0]?.path).toBe("query.from");
  });

  it("should show wall-clock times across both DST switches with the right offsets", async () => {
    const longDesk = await createFrontdesk(platform.client, region, {
      maxAdvanceDays: 400,
      hours: [
        [2, "09:00", "10:00"],
        [6, "09:00", "10:00"],
        [7, "09:00", "10:00"],
      ],
    });
    // Summer time starts on the last Sunday of March and ends on the last Sunday of October
    // (EU rule, written out here rather than read from the code under test).
    const lastSunday = (month: number) => (year: number) => {
      const last = new Date(Date.UTC(year, month, 0));
      return shiftDate(last.toISOString().slice(0, 10), -last.getUTCDay());
    };
    for (const [month, before, after] of [
      [3, "+01:00", "+02:00"],
      [10, "+02:00", "+01:00"],
    ] as const) {
      // The next switch whose Saturday before is still ahead; Saturday, the Sunday itself and
      // the Tuesday after are open unless a public holiday (Easter) falls on them.
      const sunday = nextYearly(lastSunday(month), 1);
      const [saturday, tuesday] = [shiftDate(sunday, -1), shiftDate(sunday, 2)];
      const slots = await listSlots(platform, region, longDesk, saturday, tuesday);
      const expected = (
        [
          [saturday, before],
          [sunday, after],
          [tuesday, after],
        ] as const
      )
        .filter(([date]) => !isPublicHoliday(date))
        .flatMap(([date, offset]) => [`${date}T09:00:00${offset}`, `${date}T09:30:00${offset}`]);
      expect(slots.map((s) => s.start)).toEqual(expected);
      // The same wall-clock time is another UTC hour after the switch.
      const tuesdayNine = slots.find((s) => s.start.startsWith(`${tuesday}T09:00`));
      expect(new Date(tuesdayNine?.start ?? "").toISOString()).toBe(`${tuesday}T0${after === "+02:00" ? 7 : 8}:00:00.000Z`);
    }
  });

  it("should keep public holidays closed unless the region opens the desk on that day", async () => {
    const holidayDesk = await createFrontdesk(platform.client, region, { maxAdvanceDays: 400 });
    // Good Friday (closed in this region by default), Easter Sunday and Easter Monday.
    const easter = nextEaster();
    const slots = await listSlots(platform, region, holidayDesk, shiftDate(easter, -3), shiftDate(easter, 2));
    const days = new Set(slots.map((s) => s.start.slice(0, 10)));
    expect([...days].sort()).toEqual([shiftDate(easter, -3), shiftDate(easter, -1), shiftDate(easter, 2)]);
  });

  it("should refuse dates outside the years the platform deals in with 400, never 500", async () => {
    const base = `/api/v1/regions/${region.slug}/frontdesks/${desk.id}/slots`;
    expect((await platform.fetch(`${base}?from=0000-01-01&to=0000-01-05`)).status).toBe(400);
    expect((await platform.fetch(`${base}?from=1500-01-01&to=1500-01-05`)).status).toBe(400);
    const ancient = await book(platform, region, bookingBody(desk, "-271821-04-20T00:00:00Z"));
    expect(ancient.status).toBe(400);
  });

  it("should answer 404 for a desk of another region and for an archived desk", async () => {
    const otherDesk = await createFrontdesk(platform.client, other);
    const archived = await createFrontdesk(platform.client, region, { archived: true });
    expect((await platform.fetch(`/api/v1/regions/${region.slug}/frontdesks/${otherDesk.id}/slots`)).status).toBe(404);
    expect((await platform.fetch(`/api/v1/regions/${region.slug}/frontdesks/${otherDesk.id}`)).status).toBe(404);
    expect((await platform.fetch(`/api/v1/regions/${region.slug}/frontdesks/${archived.id}/slots`)).status).toBe(404);
  });

  it("should find the earliest slots across the region's matching desks, soonest first", async () => {
    const r = await createRegion(platform.client);
    const late = await createFrontdesk(platform.client, r, {
      name: "Late desk",
      topics: ["subsidies"],
      hours: [1, 2, 3, 4, 5, 6, 7].map((d): [number, string, string] => [d, "15:00", "16:00"]),
    });
    const early = await createFrontdesk(platform.client, r, {
      name: "Early desk",
      topics: ["subsidies"],
      minNoticeHours: 48,
      hours: [1, 2, 3, 4, 5, 6, 7].map((d): [number, string, string] => [d, "08:00", "09:00"]),
    });
    await createFrontdesk(platform.client, r, { name: "Wrong topic", topics: ["personeel"] });
    // One instant for all three requests, so a slot cannot pass between them.
    const pinned = { "x-test-now": new Date().toISOString() };
    const response = await platform.fetch(`/api/v1/regions/${r.slug}/slots/earliest?topic=subsidies&limit=12`, { headers: pinned });
    expect(response.status).toBe(200);
    const { slots } = (await response.json()) as { slots: { frontdeskId: string; frontdeskName: string; start: string }[] };
    expect(slots).toHaveLength(12);
    // Two late slots a day and the early desk from two days on: twelve reach both desks at any hour.
    expect(new Set(slots.map((s) => s.frontdeskId))).toEqual(new Set([late.id, early.id]));
    const starts = slots.map((s) => Date.parse(s.start));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    // Exactly the soonest of both desks' own listings.
    const own = [
      ...(await listSlots(platform, r, late, amsterdamDate(0), amsterdamDate(13), pinned)).map((s) => ({ frontdeskId: late.id, start: s.start })),
      ...(await listSlots(platform, r, early, amsterdamDate(0), amsterdamDate(13), pinned)).map((s) => ({ frontdeskId: early.id, start: s.start })),
    ].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    expect(slots.map((s) => ({ frontdeskId: s.frontdeskId, start: s.start }))).toEqual(own.slice(0, 12));
    const none = await platform.fetch(`/api/v1/regions/${r.slug}/slots/earliest?topic=internationaal`);
    expect(((await none.json()) as { slots: unknown[] }).slots).toEqual([]);
    expect((await platform.fetch(`/api/v1/regions/${r.slug}/slots/earliest?limit=0`)).status).toBe(400);
  });
});

describe("booking", () => {
  it("should book a slot, answer with the contract shape and take one place", async () => {
    const slot = await futureSlot(platform, region, desk, 4);
    const response = await book(platform, region, bookingBody(desk, slot.start));
    expect(response.status).toBe(201);
    const body = await readAnswer(response, BookingResponse);
    expect(body.appointment).toMatchObject({
      status: "confirmed",
      frontdeskId: desk.id,
      start: slot.start,
      end: slot.end,
      mode: "in_person",
      topic: "financiering",
    });
    expect(body.appointment.videoUrl).toBeUndefined();
    expect(body.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.manageUrl).toBe(`http://localhost:8787/afspraak/${body.manageToken}`);
    expect(body.icsUrl).toBe(`http://localhost:8787/api/v1/appointments/${body.manageToken}/ics`);
    const after = await listSlots(platform, region, desk, slot.start.slice(0, 10), slot.start.slice(0, 10));
    expect(after.find((s) => s.start === slot.start)?.remaining).toBe(1);
    const stored = await platform.client.execute({
      sql: "select manage_token_hash, phone, kvk_number from appointments where id = ?",
      args: [body.appointment.id],
    });
    expect(stored.rows[0]?.manage_token_hash).not.toBe(body.manageToken);
    expect(stored.rows[0]?.phone).toBe("+31612345678");
    expect(stored.rows[0]?.kvk_number).toBe("12345678");
  });

  it("should give a video appointment its meeting link", async () => {
    const slot = await futureSlot(platform, region, desk, 5);
    const response = await book(platform, region, bookingBody(desk, slot.start, { mode: "video" }));
    const body = await readAnswer(response, BookingResponse);
    expect(body.appointment.videoUrl).toBe(`https://meet.example.test/${body.appointment.id}`);
  });

  it("should write the confirmation and the reminder to the outbox with the booking", async () => {
    const slot = await futureSlot(platform, region, desk, 6);
    const body = await readAnswer(await book(platform, region, bookingBody(desk, slot.start)), BookingResponse);
    const rows = await platform.client.execute({
      sql: "select kind, next_attempt_at, recipient from outbox where appointment_id = ? order by kind",
      args: [body.appointment.id],
    });
    expect(rows.rows.map((r) => r.kind)).toEqual(["confirmation", "reminder"]);
    expect(Number(rows.rows[1]?.next_attempt_at)).toBe(Date.parse(slot.start) - 24 * 3_600_000);
    expect(rows.rows[0]?.recipient).toBe("anna@bakkerij.test");
  });

  it("should refuse a time off the grid, in the past, on a closed day or beyond the horizon with 409 slot_unavailable", async () => {
    const slot = await futureSlot(platform, region, desk, 7);
    const offGrid = new Date(Date.parse(slot.start) + 10 * 60_000).toISOString();
    const past = new Date(Date.now() - 86_400_000).toISOString();
    const night = `${slot.start.slice(0, 10)}T03:00:00Z`;
    const tooFar = `${amsterdamDate(90)}T10:00:00+01:00`;
    for (const start of [offGrid, past, night, tooFar]) {
      const response = await book(platform, region, bookingBody(desk, start));
      expect(response.status, start).toBe(409);
      expect((await readError(response)).code).toBe("slot_unavailable");
    }
  });

  it("should list every invalid field of a booking with a readable message and store nothing", async () => {
    const before = await count("select count(*) from appointments");
    const response = await book(platform, region, {
      frontdeskId: desk.id,
      start: "tomorrow",
      mode: "car",
      topic: "x",
      entrepreneur: { name: "", email: "nope", phone: "12", kvkNumber: "123" },
      consent: false,
    });
    expect(response.status).toBe(400);
    const error = await readError(response);
    expect(error.code).toBe("validation_failed");
    expect(error.issues?.map((i) => i.path).sort()).toEqual([
      "consent",
      "entrepreneur.email",
      "entrepreneur.kvkNumber",
      "entrepreneur.name",
      "entrepreneur.phone",
      "mode",
      "start",
      "topic",
    ]);
    expect(await count("select count(*) from appointments")).toBe(before);
  });

  it("should refuse a mode the desk does not offer, and answer 404 for another region's desk", async () => {
    const inPersonOnly = await createFrontdesk(platform.client, region, { modes: ["in_person"] });
    const slot = await futureSlot(platform, region, inPersonOnly, 4);
    const video = await book(platform, region, bookingBody(inPersonOnly, slot.start, { mode: "video" }));
    expect(video.status).toBe(400);
    const otherDesk = await createFrontdesk(platform.client, other);
    const cross = await book(platform, region, bookingBody(otherDesk, slot.start));
    expect(cross.status).toBe(404);
  });

  it("should let exactly one of 25 parallel bookings take the last place, across two isolates", async () => {
    const single = await createFrontdesk(platform.client, region, { capacityPerSlot: 1 });
    const slot = await futureSlot(platform, region, single, 8);
    const second = await platform.startSecondWorker();
    const responses = await Promise.all(
      Array.from({ length: 26 }, (_, i) =>
        (i % 2 === 0 ? platform : second).fetch(`/api/v1/regions/${region.slug}/appointments`, {
          method: "POST",
          json: bookingBody(single, slot.start, { entrepreneur: { name: `Ondernemer ${i}`, email: `o${i}@example.test` } }),
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(25);
    for (const r of responses.filter((x) => x.status === 409)) expect((await readError(r)).code).toBe("slot_unavailable");
    expect(await count("select count(*) from appointments where frontdesk_id = ?", [single.id])).toBe(1);
    await second.dispose();
  });

  it("should return the first answer for a repeated Idempotency-Key and refuse it with another body", async () => {
    const slot = await futureSlot(platform, region, desk, 9);
    const body = bookingBody(desk, slot.start, { entrepreneur: { name: "Idem Potent", email: "idem@example.test" } });
    const first = await book(platform, region, body, { "Idempotency-Key": "key-123" });
    const again = await book(platform, region, { ...body }, { "Idempotency-Key": "key-123" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    const a = await readAnswer(first, BookingResponse);
    const b = await readAnswer(again, BookingResponse);
    expect(b).toEqual(a);
    expect(await count("select count(*) from appointments where email = ?", ["idem@example.test"])).toBe(1);
    const changed = await book(platform, region, { ...body, topic: "subsidies" }, { "Idempotency-Key": "key-123" });
    expect(changed.status).toBe(422);
    expect((await readError(changed)).code).toBe("idempotency_key_reused");
    const stored = await platform.client.execute("select key, response from idempotency_keys");
    expect(JSON.stringify(stored.rows)).not.toContain(a.manageToken);
    expect(JSON.stringify(stored.rows)).not.toContain("key-123");
  });

  it("should give every parallel request with the same key the first answer, also when it took the last place", async () => {
    const single = await createFrontdesk(platform.client, region, { capacityPerSlot: 1 });
    const slot = await futureSlot(platform, region, single, 5);
    const body = bookingBody(single, slot.start, { entrepreneur: { name: "Laatste", email: "laatste@example.test" } });
    const responses = await Promise.all(Array.from({ length: 8 }, () => book(platform, region, body, { "Idempotency-Key": "last-place" })));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    const ids = new Set(await Promise.all(responses.map(async (r) => (await readAnswer(r, BookingResponse)).appointment.id)));
    expect(ids.size).toBe(1);
  });

  it("should book once when the same Idempotency-Key arrives in parallel", async () => {
    const slot = await futureSlot(platform, region, desk, 10);
    const body = bookingBody(desk, slot.start, { entrepreneur: { name: "Race", email: "race@example.test" } });
    const responses = await Promise.all(Array.from({ length: 6 }, () => book(platform, region, body, { "Idempotency-Key": "race-key" })));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const ids = new Set(await Promise.all(responses.map(async (r) => (await readAnswer(r, BookingResponse)).appointment.id)));
    expect(ids.size).toBe(1);
    expect(await count("select count(*) from appointments where email = ?", ["race@example.test"])).toBe(1);
  });
});

describe("managing an appointment", () => {
  async function bookOne(deskToUse = desk, offset = 11): Promise<BookingAnswer> {
    const slot = await futureSlot(platform, region, deskToUse, offset);
    const response = await book(platform, region, bookingBody(deskToUse, slot.start, { mode: "video" }));
    expect(response.status).toBe(201);
    return await readAnswer(response, BookingResponse);
  }

  it("should show the entrepreneur everything stored about the appointment", async () => {
    const booked = await bookOne();
    const response = await platform.fetch(`/api/v1/appointments/${booked.manageToken}`);
    expect(response.status).toBe(200);
    const { appointment } = await readAnswer(response, ManagedAppointment);
    expect(appointment.id).toBe(booked.appointment.id);
    expect(appointment.question).toBe("Hoe financier ik een nieuwe machine?");
    expect(appointment.entrepreneur).toEqual({
      name: "Anna de Vries",
      email: "anna@bakkerij.test",
      phone: "+31612345678",
      companyName: "Bakkerij De Vries",
      kvkNumber: "12345678",
      municipality: null,
    });
    expect(appointment.canChange).toBe(true);
    expect((await platform.fetch("/api/v1/appointments/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
    // A link that cannot be one of ours is just as unknown.
    for (const path of ["/api/v1/appointments/abc", "/api/v1/appointments/abc/ics", "/api/v1/appointments/a%20b"]) {
      const response = await platform.fetch(path);
      expect(response.status, path).toBe(404);
      expect((await readError(response)).code).toBe("not_found");
    }
    expect((await platform.fetch("/api/v1/appointments/abc/cancel", { method: "POST" })).status).toBe(404);
  });

  it("should serve a calendar file that a real parser reads with the right times, UID and link", async () => {
    const booked = await bookOne();
    const response = await platform.fetch(`/api/v1/appointments/${booked.manageToken}/ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/calendar/);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(await response.text())).getFirstSubcomponent("vevent") as ICAL.Component);
    expect(event.uid).toBe(`${booked.appointment.id}@mkb-limburg`);
    expect(event.startDate.toJSDate().getTime()).toBe(Date.parse(booked.appointment.start));
    expect(event.endDate.toJSDate().getTime()).toBe(Date.parse(booked.appointment.end));
    expect(event.location).toBe(booked.appointment.videoUrl);
    expect(event.sequence).toBe(0);
  });

  it("should reschedule atomically, raise the calendar SEQUENCE and free the old place", async () => {
    const booked = await bookOne(desk, 12);
    const target = await futureSlot(platform, region, desk, 13, 3);
    const response = await platform.fetch(`/api/v1/appointments/${booked.manageToken}/reschedule`, { method: "POST", json: { start: target.start } });
    expect(response.status).toBe(200);
    const { appointment } = await readAnswer(response, ManagedAppointment);
    expect(appointment.start).toBe(target.start);
    expect(appointment.sequence).toBe(1);
    const oldDay = await listSlots(platform, region, desk, booked.appointment.start.slice(0, 10), booked.appointment.start.slice(0, 10));
    expect(oldDay.find((s) => s.start === booked.appointment.start)?.remaining).toBe(2);
    const ics = await (await platform.fetch(`/api/v1/appointments/${booked.manageToken}/ics`)).text();
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent") as ICAL.Component);
    expect(event.sequence).toBe(1);
    expect(event.startDate.toJSDate().getTime()).toBe(Date.parse(target.start));
    const kinds = await platform.client.execute({
      sql: "select kind, status from outbox where appointment_id = ? order by created_at, kind",
      args: [booked.appointment.id],
    });
    // Confirmation and reschedule notice may already be delivered (sent) by the time we look.
    expect(kinds.rows.map((r) => `${r.kind}:${String(r.status).replace("sent", "pending")}`).sort()).toEqual([
      "confirmation:pending",
      "reminder:cancelled",
      "reminder:pending",
      "reschedule:pending",
    ]);
  });

  it("should change nothing when the new time is full", async () => {
    const single = await createFrontdesk(platform.client, region, { capacityPerSlot: 1 });
    const mine = await bookOne(single, 12);
    const taken = await futureSlot(platform, region, single, 14);
    expect((await book(platform, region, bookingBody(single, taken.start, { entrepreneur: { name: "Ander", email: "ander@example.test" } }))).status).toBe(201);
    const response = await platform.fetch(`/api/v1/appointments/${mine.manageToken}/reschedule`, { method: "POST", json: { start: taken.start } });
    expect(response.status).toBe(409);
    expect((await readError(response)).code).toBe("slot_unavailable");
    const row = await platform.client.execute({ sql: "select start_at, sequence from appointments where id = ?", args: [mine.appointment.id] });
    expect(Number(row.rows[0]?.start_at)).toBe(Date.parse(mine.appointment.start));
    expect(Number(row.rows[0]?.sequence)).toBe(0);
  });

  it("should cancel, free the place, mark the calendar file cancelled and refuse a second cancel", async () => {
    const booked = await bookOne(desk, 15);
    const response = await platform.fetch(`/api/v1/appointments/${booked.manageToken}/cancel`, { method: "POST" });
    expect(response.status).toBe(200);
    expect((await readAnswer(response, ManagedAppointment)).appointment.status).toBe("cancelled");
    const day = await listSlots(platform, region, desk, booked.appointment.start.slice(0, 10), booked.appointment.start.slice(0, 10));
    expect(day.find((s) => s.start === booked.appointment.start)?.remaining).toBe(2);
    const ics = await (await platform.fetch(`/api/v1/appointments/${booked.manageToken}/ics`)).text();
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).toContain("SEQUENCE:1");
    expect((await platform.fetch(`/api/v1/appointments/${booked.manageToken}/cancel`, { method: "POST" })).status).toBe(409);
    const outbox = await platform.client.execute({
      sql: "select kind, status from outbox where appointment_id = ? and kind in ('reminder','cancellation') order by kind",
      args: [booked.appointment.id],
    });
    expect(outbox.rows.map((r) => `${r.kind}:${String(r.status).replace("sent", "pending")}`)).toEqual(["cancellation:pending", "reminder:cancelled"]);
  });

  it("should answer 409 too_late after the cut-off and point to the desk's phone", async () => {
    const strict = await createFrontdesk(platform.client, region, { cancelCutoffHours: 168 });
    await platform.client.execute({ sql: "update frontdesks set phone = '+31431234567' where id = ?", args: [strict.id] });
    const slot = await futureSlot(platform, region, strict, 2);
    const booked = await readAnswer(await book(platform, region, bookingBody(strict, slot.start)), BookingResponse);
    for (const action of ["cancel", "reschedule"]) {
      const response = await platform.fetch(`/api/v1/appointments/${booked.manageToken}/${action}`, { method: "POST", json: { start: slot.end } });
      expect(response.status).toBe(409);
      const error = await readError(response);
      expect(error.code).toBe("too_late");
      expect(error.message).toContain("+31431234567");
    }
  });
});
