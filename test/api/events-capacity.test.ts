/**
 * Capacity is decided by the database: parallel registrations for the last place, across two
 * workerd instances, and the wait-list's promotion order, also when two cancel at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRegion, createUser, type RegionFixture, signInAs } from "../support/factories";
import { createEventAs, eventBody, register, type RegistrationAnswerBody, registerOk, registrationBody } from "../support/events";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;
let region: RegionFixture;
let admin: Record<string, string>;

beforeAll(async () => {
  platform = await startTestPlatform();
  region = await createRegion(platform.client);
  admin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
});
afterAll(async () => {
  await platform?.close();
});

const adminPath = () => `/api/v1/regions/${region.slug}/admin/events`;

async function rows(eventId: string) {
  const result = await platform.client.execute({
    sql: "select id, email, status, seq from event_registrations where event_id = ? order by seq",
    args: [eventId],
  });
  return result.rows.map((r) => ({ id: String(r.id), email: String(r.email), status: String(r.status), seq: Number(r.seq) }));
}

const cancel = (token: string) => platform.fetch(`/api/v1/registrations/${token}/cancel`, { method: "POST", headers: { origin: ORIGIN } });

describe("the last place", () => {
  it("should let exactly one of 25 parallel registrations take the last place, across two isolates, and wait-list the rest in order", async () => {
    const event = await createEventAs(platform, adminPath(), admin, eventBody(region, { capacity: 5 }));
    for (let i = 0; i < 4; i++) await registerOk(platform, event.slug, registrationBody(`${event.id}-vooraf-${i}`));
    const second = await platform.startSecondWorker();
    try {
      const responses = await Promise.all(
        Array.from({ length: 25 }, (_, i) => register(i % 2 === 0 ? platform : second, event.slug, registrationBody(`${event.id}-race-${i}`))),
      );
      expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 25 }, () => 201));
      const answers = await Promise.all(responses.map(async (r) => (await r.json()) as RegistrationAnswerBody));
      const confirmed = answers.filter((a) => a.registration.status === "confirmed");
      const waitlisted = answers.filter((a) => a.registration.status === "waitlisted");
      expect(confirmed).toHaveLength(1);
      expect(waitlisted.map((a) => a.registration.position).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));

      const stored = await rows(event.id);
      expect(stored.filter((r) => r.status === "confirmed")).toHaveLength(5);
      // The one that got the place arrived first of the 25; the wait-list is in arrival order.
      const race = stored.filter((r) => r.email.includes("-race-"));
      expect(race[0]?.status).toBe("confirmed");
      expect(race.slice(1).every((r) => r.status === "waitlisted")).toBe(true);
      const positionById = new Map(waitlisted.map((a) => [a.registration.id, a.registration.position]));
      expect(race.slice(1).map((r) => positionById.get(r.id))).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      const publicView = (await (await platform.fetch(`/api/v1/events/${event.slug}`)).json()) as { event: { remaining: number; waitlist: number } };
      expect(publicView.event).toMatchObject({ remaining: 0, waitlist: 24 });
    } finally {
      await second.dispose();
    }
  });

  it("should register once when the same Idempotency-Key arrives in parallel", async () => {
    const event = await createEventAs(platform, adminPath(), admin, eventBody(region, { capacity: 1 }));
    const body = registrationBody(`${event.id}-same`);
    const responses = await Promise.all(Array.from({ length: 6 }, () => register(platform, event.slug, body, { "Idempotency-Key": `race-${event.id}` })));
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 6 }, () => 201));
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as RegistrationAnswerBody).registration.id)));
    expect(ids.size).toBe(1);
    expect(await rows(event.id)).toHaveLength(1);
  });
});

describe("the wait-list", () => {
  it("should promote the first on the wait-list when a confirmed participant cancels, with a mail, in the same write", async () => {
    const event = await createEventAs(platform, adminPath(), admin, eventBody(region, { capacity: 2 }));
    const people: RegistrationAnswerBody[] = [];
    for (let i = 0; i < 5; i++) people.push(await registerOk(platform, event.slug, registrationBody(`${event.id}-w${i}`)));
    const [a, , w1, w2, w3] = people;
    if (!a || !w1 || !w2 || !w3) throw new Error("setup");
    // A waitlisted person cancelling frees nothing: nobody is promoted.
    expect((await cancel(w2.manageToken)).status).toBe(200);
    expect((await rows(event.id)).filter((r) => r.status === "confirmed")).toHaveLength(2);

    const answer = await cancel(a.manageToken);
    expect(answer.status).toBe(200);
    const after = await rows(event.id);
    expect(after.find((r) => r.id === w1.registration.id)?.status).toBe("confirmed");
    expect(after.find((r) => r.id === w3.registration.id)?.status).toBe("waitlisted");
    const promotedMail = await platform.client.execute({
      sql: "select text_body from outbox where kind = 'event_promoted' and recipient = (select email from event_registrations where id = ?)",
      args: [w1.registration.id],
    });
    expect(promotedMail.rows).toHaveLength(1);
    // The name is filled in by the database per recipient; the join link goes with the place.
    expect(String(promotedMail.rows[0]?.text_body)).toContain(`Beste Deelnemer ${event.id}-w2,`);
    expect(String(promotedMail.rows[0]?.text_body)).toContain("meet.example.test");
    const view = (await (await platform.fetch(`/api/v1/registrations/${w3.manageToken}`)).json()) as { registration: { position?: number } };
    expect(view.registration.position).toBe(1);
  });

  it("should promote two in wait-list order when two participants cancel at the same moment", async () => {
    const event = await createEventAs(platform, adminPath(), admin, eventBody(region, { capacity: 3 }));
    const people: RegistrationAnswerBody[] = [];
    for (let i = 0; i < 7; i++) people.push(await registerOk(platform, event.slug, registrationBody(`${event.id}-t${i}`)));
    const second = await platform.startSecondWorker();
    try {
      const [x, y] = people;
      if (!x || !y) throw new Error("setup");
      const results = await Promise.all([
        platform.fetch(`/api/v1/registrations/${x.manageToken}/cancel`, { method: "POST", headers: { origin: ORIGIN } }),
        second.fetch(`/api/v1/registrations/${y.manageToken}/cancel`, { method: "POST", headers: { origin: ORIGIN } }),
      ]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
    } finally {
      await second.dispose();
    }
    const after = await rows(event.id);
    // People 3 and 4 (the first two on the wait-list) got the places; 5 and 6 still wait, in order.
    expect(after.map((r) => r.status)).toEqual(["cancelled", "cancelled", "confirmed", "confirmed", "confirmed", "waitlisted", "waitlisted"]);
    const promoted = await platform.client.execute({
      sql: "select count(*) as n from outbox where kind = 'event_promoted' and recipient in (select email from event_registrations where event_id = ?)",
      args: [event.id],
    });
    expect(Number(promoted.rows[0]?.n)).toBe(2);
  });

  it("should fill added places from the wait-list when the organiser raises the capacity", async () => {
    const event = await createEventAs(platform, adminPath(), admin, eventBody(region, { capacity: 1 }));
    for (let i = 0; i < 4; i++) await registerOk(platform, event.slug, registrationBody(`${event.id}-c${i}`));
    const raised = await platform.fetch(`${adminPath()}/${event.id}`, { method: "PATCH", headers: admin, json: { capacity: 3 } });
    expect(raised.status).toBe(200);
    expect((await rows(event.id)).map((r) => r.status)).toEqual(["confirmed", "confirmed", "confirmed", "waitlisted"]);
    const lowered = await platform.fetch(`${adminPath()}/${event.id}`, { method: "PATCH", headers: admin, json: { capacity: 2 } });
    expect(lowered.status).toBe(409);
  });
});

describe("the cancel cut-off", () => {
  it("should allow cancelling until the first session starts and answer 409 too_late after that", async () => {
    const event = await createEventAs(platform, adminPath(), admin, eventBody(region));
    const early = await registerOk(platform, event.slug, registrationBody(`${event.id}-early`));
    const late = await registerOk(platform, event.slug, registrationBody(`${event.id}-late`));
    expect((await cancel(early.manageToken)).status).toBe(200);
    expect((await cancel(early.manageToken)).status).toBe(409);

    // Arrange: the first session started a minute ago.
    const started = Date.now() - 60_000;
    await platform.client.execute({ sql: "update event_sessions set start_at = ? where event_id = ?", args: [started, event.id] });
    await platform.client.execute({ sql: "update events set first_start_at = ?, registration_deadline = ? where id = ?", args: [started, started, event.id] });
    const response = await cancel(late.manageToken);
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("too_late");
    const view = (await (await platform.fetch(`/api/v1/registrations/${late.manageToken}`)).json()) as { registration: { canCancel: boolean; status: string } };
    expect(view.registration).toMatchObject({ canCancel: false, status: "confirmed" });
  });
});
