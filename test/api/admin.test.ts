import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppointmentStatus } from "../../src/db/schema";
import { BookingResponse, ManagedAppointment, readAnswer, readError } from "../support/answers";
import { createFrontdesk, createRegion, createUser, insertAppointment, signInAs, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";
import { amsterdamDate, book, bookingBody, futureSlot, listSlots, nextCarnival, nextEaster, shiftDate } from "../support/slots";

let platform: TestPlatform;
let region: RegionFixture;
let other: RegionFixture;
let admin: Record<string, string>;
let otherAdmin: Record<string, string>;

beforeAll(async () => {
  platform = await startTestPlatform();
  region = await createRegion(platform.client);
  other = await createRegion(platform.client);
  admin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
  otherAdmin = await signInAs(platform, await createUser(platform.client, "region_admin", other));
});
afterAll(async () => {
  await platform?.close();
});

const api = (path: string) => `/api/v1/regions/${region.slug}/admin${path}`;
const send = (method: string, path: string, headers: Record<string, string>, json?: unknown) =>
  platform.fetch(path, { method, headers, ...(json !== undefined ? { json } : {}) });

const newDesk = {
  name: "Ondernemersloket Testdorp",
  kind: "municipal_desk",
  municipality: "maastricht",
  address: "Markt 1, 6211 CK Maastricht",
  modes: ["in_person", "video"],
  topics: ["financiering", "subsidies"],
};

const insertPastAppointment = (desk: FrontdeskFixture, email: string, daysAgo: number, status: AppointmentStatus = "confirmed"): Promise<string> =>
  insertAppointment(platform.client, desk, { startAt: Date.now() - daysAgo * 86_400_000, status, email, name: "Piet Verleden" });

describe("frontdesk management", () => {
  it("should create a frontdesk with the contract's defaults and show it to entrepreneurs once it has hours", async () => {
    const created = await send("POST", api("/frontdesks"), admin, newDesk);
    expect(created.status).toBe(201);
    const { frontdesk } = (await created.json()) as { frontdesk: Record<string, unknown> & { id: string } };
    expect(frontdesk).toMatchObject({
      name: newDesk.name,
      municipality: "Maastricht",
      slotMinutes: 30,
      capacityPerSlot: 1,
      minNoticeHours: 24,
      maxAdvanceDays: 60,
      archived: false,
    });
    const hours = await send("PUT", api(`/frontdesks/${frontdesk.id}/opening-hours`), admin, {
      weekly: [1, 2, 3, 4, 5].flatMap((weekday) => [
        { weekday, opens: "09:00", closes: "12:30" },
        { weekday, opens: "13:30", closes: "17:00" },
      ]),
    });
    expect(hours.status).toBe(200);
    const list = (await (await platform.fetch(`/api/v1/regions/${region.slug}/frontdesks?topic=subsidies`)).json()) as { frontdesks: { id: string }[] };
    expect(list.frontdesks.map((f) => f.id)).toContain(frontdesk.id);
    const detail = (await (await platform.fetch(`/api/v1/regions/${region.slug}/frontdesks/${frontdesk.id}`)).json()) as {
      frontdesk: { openingHours: { weekly: unknown[] } };
    };
    expect(detail.frontdesk.openingHours.weekly).toHaveLength(10);
    const slots = await listSlots(platform, region, { id: frontdesk.id, regionId: region.id, name: "" }, amsterdamDate(2), amsterdamDate(9));
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => /T(09|1[0-6]):(00|30)/.test(s.start))).toBe(true);
    expect(slots.some((s) => s.start.includes("T12:30") || s.start.includes("T13:00"))).toBe(false);
  });

  it("should refuse invalid desks and hours with readable issues", async () => {
    const bad = await send("POST", api("/frontdesks"), admin, { ...newDesk, municipality: "Amsterdam", modes: [], slotMinutes: 0, kind: "shop" });
    expect(bad.status).toBe(400);
    const error = await readError(bad);
    expect(error.issues?.map((i) => i.path).sort()).toEqual(["kind", "modes", "slotMinutes"]);
    const unknownMunicipality = await send("POST", api("/frontdesks"), admin, { ...newDesk, municipality: "Amsterdam" });
    expect(unknownMunicipality.status).toBe(400);
    const desk = await createFrontdesk(platform.client, region);
    const overlapping = await send("PUT", api(`/frontdesks/${desk.id}/opening-hours`), admin, {
      weekly: [
        { weekday: 1, opens: "09:00", closes: "12:00" },
        { weekday: 1, opens: "11:00", closes: "13:00" },
      ],
    });
    expect(overlapping.status).toBe(400);
    const backwards = await send("PUT", api(`/frontdesks/${desk.id}/opening-hours`), admin, { weekly: [{ weekday: 8, opens: "12:00", closes: "09:00" }] });
    expect(backwards.status).toBe(400);
  });

  it("should change a desk while existing bookings keep their time", async () => {
    const desk = await createFrontdesk(platform.client, region, { capacityPerSlot: 1 });
    const slot = await futureSlot(platform, region, desk, 3);
    const booked = await readAnswer(await book(platform, region, bookingBody(desk, slot.start)), BookingResponse);
    const patched = await send("PATCH", api(`/frontdesks/${desk.id}`), admin, { slotMinutes: 45, capacityPerSlot: 3, name: "Nieuwe naam" });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { frontdesk: { slotMinutes: number; name: string } }).frontdesk).toMatchObject({ slotMinutes: 45, name: "Nieuwe naam" });
    const own = await readAnswer(await platform.fetch(`/api/v1/appointments/${booked.manageToken}`), ManagedAppointment);
    expect(own.appointment).toMatchObject({ start: slot.start, end: slot.end, status: "confirmed" });
    expect((await send("PATCH", api(`/frontdesks/${desk.id}`), admin, {})).status).toBe(400);
  });

  it("should close a desk for a date range, and for Carnival in one click", async () => {
    const desk = await createFrontdesk(platform.client, region, { maxAdvanceDays: 365 });
    const from = amsterdamDate(5);
    const to = amsterdamDate(6);
    const closure = await send("POST", api(`/frontdesks/${desk.id}/closures`), admin, { from, to, reason: "Verbouwing" });
    expect(closure.status).toBe(201);
    const slots = await listSlots(platform, region, desk, amsterdamDate(4), amsterdamDate(7));
    const days = new Set(slots.map((s) => s.start.slice(0, 10)));
    expect(days.has(from)).toBe(false);
    expect(days.has(to)).toBe(false);
    expect(days.has(amsterdamDate(7))).toBe(true);
    const next = nextCarnival(to);
    const carnival = await send("POST", api(`/frontdesks/${desk.id}/closures/carnival`), admin, { year: next.year });
    expect(carnival.status).toBe(201);
    expect(((await carnival.json()) as { closures: { from: string; to: string }[] }).closures[0]).toMatchObject({ from: next.days[0], to: next.days[1] });
    const list = (await (await send("GET", api(`/frontdesks/${desk.id}/closures`), admin)).json()) as { closures: { reason: string }[] };
    // Sorted by first day: this week's works come before the next Carnival.
    expect(list.closures.map((c) => c.reason)).toEqual(["Verbouwing", `Carnaval ${next.year}`]);
    const backwards = await send("POST", api(`/frontdesks/${desk.id}/closures`), admin, { from: to, to: from, reason: "x" });
    expect(backwards.status).toBe(400);
  });

  it("should make one Carnival closure per desk however often and at whichever level it is pressed", async () => {
    const own = await createRegion(platform.client);
    const ownAdmin = await signInAs(platform, await createUser(platform.client, "region_admin", own));
    const deskA = await createFrontdesk(platform.client, own);
    const deskB = await createFrontdesk(platform.client, own);
    const next = nextCarnival(amsterdamDate(0));
    const at = (path: string) => `/api/v1/regions/${own.slug}/admin${path}`;
    // Desk A first, then the region twice (one of them at the same moment as a desk press), then desk A again.
    const first = await send("POST", at(`/frontdesks/${deskA.id}/closures/carnival`), ownAdmin, { year: next.year });
    expect(first.status).toBe(201);
    const [region1, deskB1] = await Promise.all([
      send("POST", at("/closures/carnival"), ownAdmin, { year: next.year }),
      send("POST", at(`/frontdesks/${deskB.id}/closures/carnival`), ownAdmin, { year: next.year }),
    ]);
    const region2 = await send("POST", at("/closures/carnival"), ownAdmin, { year: next.year });
    expect(region2.status).toBe(200);
    expect(((await region2.json()) as { closures: unknown[] }).closures).toEqual([]);
    const again = await send("POST", at(`/frontdesks/${deskA.id}/closures/carnival`), ownAdmin, { year: next.year });
    expect(again.status).toBe(200);
    // Between the concurrent region and desk B presses, B got exactly one closure.
    const added = [...((await region1.json()) as { closures: { frontdeskId: string }[] }).closures.map((c) => c.frontdeskId)];
    if (deskB1.status === 201) added.push(deskB.id);
    expect(added.filter((id) => id === deskB.id)).toHaveLength(1);
    expect(added).not.toContain(deskA.id);
    for (const desk of [deskA, deskB]) {
      const rows = await platform.client.execute({ sql: "select from_date, to_date from closures where frontdesk_id = ?", args: [desk.id] });
      expect(rows.rows.map((r) => [r.from_date, r.to_date])).toEqual([next.days]);
    }
    // The audit log records the presses that added something, not the ones that did not.
    const audit = await platform.client.execute({
      sql: "select count(*) as n from audit_log where region_id = (select id from regions where slug = ?) and action = 'frontdesk.carnival_closure'",
      args: [own.slug],
    });
    expect(Number(audit.rows[0]?.n)).toBe(2);
  });

  it("should open a desk on a public holiday only when the region says so", async () => {
    const desk = await createFrontdesk(platform.client, region, { maxAdvanceDays: 400 });
    const easterMonday = shiftDate(nextEaster(), 1);
    expect(await listSlots(platform, region, desk, easterMonday, easterMonday)).toEqual([]);
    const opened = await send("PUT", api(`/frontdesks/${desk.id}/holiday-openings`), admin, { dates: [easterMonday] });
    expect(opened.status).toBe(200);
    expect((await listSlots(platform, region, desk, easterMonday, easterMonday)).length).toBeGreaterThan(0);
  });

  it("should refuse to archive a desk with future appointments unless cancelFuture=true, which cancels and notifies them", async () => {
    const desk = await createFrontdesk(platform.client, region);
    const slot = await futureSlot(platform, region, desk, 4);
    const booked = await readAnswer(await book(platform, region, bookingBody(desk, slot.start)), BookingResponse);
    const refused = await send("DELETE", api(`/frontdesks/${desk.id}`), admin);
    expect(refused.status).toBe(409);
    const archived = await send("DELETE", api(`/frontdesks/${desk.id}?cancelFuture=true`), admin);
    expect(archived.status).toBe(200);
    expect(((await archived.json()) as { cancelledAppointments: number }).cancelledAppointments).toBe(1);
    const own = await readAnswer(await platform.fetch(`/api/v1/appointments/${booked.manageToken}`), ManagedAppointment);
    expect(own.appointment.status).toBe("cancelled");
    const notices = await platform.client.execute({
      sql: "select count(*) from outbox where appointment_id = ? and kind = 'cancellation'",
      args: [booked.appointment.id],
    });
    expect(Number(notices.rows[0]?.[0])).toBe(1);
    expect((await platform.fetch(`/api/v1/regions/${region.slug}/frontdesks/${desk.id}`)).status).toBe(404);
    const all = (await (await send("GET", api("/frontdesks"), admin)).json()) as { frontdesks: { id: string; archived: boolean }[] };
    expect(all.frontdesks.find((f) => f.id === desk.id)?.archived).toBe(true);
  });

  it("should keep each region's desks away from the other region's admin", async () => {
    const desk = await createFrontdesk(platform.client, region);
    expect((await send("GET", `/api/v1/regions/${region.slug}/admin/frontdesks`, otherAdmin)).status).toBe(404);
    expect((await send("GET", `/api/v1/regions/${other.slug}/admin/frontdesks/${desk.id}`, otherAdmin)).status).toBe(404);
    expect((await send("PATCH", `/api/v1/regions/${other.slug}/admin/frontdesks/${desk.id}`, otherAdmin, { name: "Overgenomen" })).status).toBe(404);
    expect((await send("DELETE", `/api/v1/regions/${other.slug}/admin/frontdesks/${desk.id}`, otherAdmin)).status).toBe(404);
    const name = await platform.client.execute({ sql: "select name, archived_at from frontdesks where id = ?", args: [desk.id] });
    expect(name.rows[0]?.name).toBe(desk.name);
    expect(name.rows[0]?.archived_at).toBeNull();
  });

  it("should refuse cookie requests without the platform's own Origin", async () => {
    const noOrigin = await platform.fetch(api("/frontdesks"), { method: "POST", json: newDesk, headers: { cookie: admin.cookie ?? "" } });
    expect(noOrigin.status).toBe(403);
    const foreign = await platform.fetch(api("/frontdesks"), {
      method: "POST",
      json: newDesk,
      headers: { cookie: admin.cookie ?? "", origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect((await send("GET", api("/frontdesks"), { cookie: admin.cookie ?? "" })).status).toBe(200);
    expect(ORIGIN).toBe(admin.origin);
  });
});

describe("the agenda", () => {
  it("should show staff only their own desks, with earlier no-shows, and let them mark outcomes", async () => {
    const mine = await createFrontdesk(platform.client, region);
    const notMine = await createFrontdesk(platform.client, region);
    const staff = await signInAs(platform, await createUser(platform.client, "frontdesk_staff", region, [mine]));
    const email = `noshow-${Date.now()}@example.test`;
    await insertPastAppointment(mine, email, 40, "no_show");
    await insertPastAppointment(notMine, email, 100, "no_show");
    await insertPastAppointment(mine, email, 500, "no_show");
    const today = await insertPastAppointment(mine, email, 0.01);
    const elsewhere = await insertPastAppointment(notMine, "x@example.test", 0.01);
    const date = amsterdamDate(0, Date.now() - 0.01 * 86_400_000);
    const agenda = await send("GET", `/api/v1/regions/${region.slug}/admin/appointments?date=${date}`, staff);
    expect(agenda.status).toBe(200);
    const body = (await agenda.json()) as { appointments: { id: string; earlierNoShows: number; canMarkOutcome: boolean }[] };
    expect(body.appointments.map((a) => a.id)).toEqual([today]);
    expect(body.appointments[0]?.earlierNoShows).toBe(2);
    expect(body.appointments[0]?.canMarkOutcome).toBe(true);
    expect((await send("GET", `/api/v1/regions/${region.slug}/admin/appointments?date=${date}&frontdeskId=${notMine.id}`, staff)).status).toBe(404);
    const mark = await send("POST", `/api/v1/regions/${region.slug}/admin/appointments/${today}/outcome`, staff, {
      outcome: "no_show",
      note: "Niet verschenen",
    });
    expect(mark.status).toBe(200);
    expect(((await mark.json()) as { appointment: { status: string } }).appointment.status).toBe("no_show");
    expect((await send("POST", `/api/v1/regions/${region.slug}/admin/appointments/${elsewhere}/outcome`, staff, { outcome: "completed" })).status).toBe(404);
    const adminView = (await (await send("GET", `/api/v1/regions/${region.slug}/admin/appointments?date=${date}`, admin)).json()) as {
      appointments: { id: string }[];
    };
    expect(adminView.appointments.map((a) => a.id).sort()).toEqual([today, elsewhere].sort());
    const audit = (await (await send("GET", `/api/v1/regions/${region.slug}/admin/audit`, admin)).json()) as {
      entries: { action: string; targetId: string }[];
    };
    expect(audit.entries.find((e) => e.action === "appointment.outcome")?.targetId).toBe(today);
  });

  it("should refuse an outcome for a future or cancelled appointment and for bad input", async () => {
    const desk = await createFrontdesk(platform.client, region);
    const slot = await futureSlot(platform, region, desk, 3);
    const booked = await readAnswer(await book(platform, region, bookingBody(desk, slot.start)), BookingResponse);
    const future = await send("POST", `/api/v1/regions/${region.slug}/admin/appointments/${booked.appointment.id}/outcome`, admin, { outcome: "completed" });
    expect(future.status).toBe(409);
    const past = await insertPastAppointment(desk, "c@example.test", 2, "cancelled");
    expect((await send("POST", `/api/v1/regions/${region.slug}/admin/appointments/${past}/outcome`, admin, { outcome: "completed" })).status).toBe(409);
    expect((await send("POST", `/api/v1/regions/${region.slug}/admin/appointments/${past}/outcome`, admin, { outcome: "maybe" })).status).toBe(400);
    expect((await send("POST", `/api/v1/regions/${other.slug}/admin/appointments/${past}/outcome`, otherAdmin, { outcome: "completed" })).status).toBe(404);
  });

  it("should refuse the agenda to other regions and to roles without a desk", async () => {
    const consultant = await signInAs(platform, await createUser(platform.client, "consultant", region));
    expect((await send("GET", `/api/v1/regions/${region.slug}/admin/appointments`, consultant)).status).toBe(403);
    expect((await send("GET", `/api/v1/regions/${region.slug}/admin/appointments`, otherAdmin)).status).toBe(404);
    expect((await platform.fetch(`/api/v1/regions/${region.slug}/admin/appointments`)).status).toBe(401);
  });
});
