/**
 * What the scheduled job does for events: reminders the day before each session (once, also
 * with concurrent runs), feedback requests after the event to those who attended (once),
 * and the organiser's invitation to the Support Process (candidate source `event`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRegion, createUser, type RegionFixture, signInAs } from "../support/factories";
import { createEventAs, eventBody, type RegistrationAnswerBody, registerOk, registrationBody } from "../support/events";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";

const HOUR = 3_600_000;
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
const iso = (instant: number) => new Date(instant).toISOString();

async function mails(kind: string, eventId: string) {
  const result = await platform.client.execute({
    sql: "select o.recipient, o.text_body, o.dedupe_key from outbox o where o.kind = ? and o.recipient in (select email from event_registrations where event_id = ?) order by o.recipient",
    args: [kind, eventId],
  });
  return result.rows.map((r) => ({ recipient: String(r.recipient), text: String(r.text_body), dedupe: String(r.dedupe_key) }));
}

/** Arrange: move an event's sessions so the first starts `startOffset` from now (hours of the same length). */
async function moveSessions(eventId: string, sessions: { start: number; end: number }[]) {
  await platform.client.execute({ sql: "delete from event_sessions where event_id = ?", args: [eventId] });
  for (const [idx, s] of sessions.entries()) {
    await platform.client.execute({
      sql: "insert into event_sessions (event_id, idx, region_id, start_at, end_at) values (?, ?, ?, ?, ?)",
      args: [eventId, idx, region.id, s.start, s.end],
    });
  }
  const first = sessions[0]?.start ?? 0;
  await platform.client.execute({
    sql: "update events set first_start_at = ?, last_end_at = ?, registration_deadline = min(registration_deadline, ?) where id = ?",
    args: [first, sessions.at(-1)?.end ?? 0, first, eventId],
  });
}

describe("reminders", () => {
  it("should remind each confirmed participant once the day before each session, even with concurrent scheduled runs", async () => {
    const now = Date.now();
    // Two sessions: one starting in 20 hours (due), one in 5 days (not yet due).
    const sessions = [
      { start: now + 20 * HOUR, end: now + 22 * HOUR },
      { start: now + 5 * 24 * HOUR, end: now + 5 * 24 * HOUR + 2 * HOUR },
    ];
    const event = await createEventAs(
      platform,
      adminPath(),
      admin,
      eventBody(region, { capacity: 2, sessions: sessions.map((s) => ({ start: iso(s.start), end: iso(s.end) })) }),
    );
    const [a, b, c] = [
      await registerOk(platform, event.slug, registrationBody(`${event.id}-r1`)),
      await registerOk(platform, event.slug, registrationBody(`${event.id}-r2`)),
      await registerOk(platform, event.slug, registrationBody(`${event.id}-r3`)),
    ];
    expect(c.registration.status).toBe("waitlisted");
    // Arrange: the first two registered two days ago; the second only just (confirmed inside the window: no reminder).
    await platform.client.execute({ sql: "update event_registrations set confirmed_at = ? where id = ?", args: [now - 48 * HOUR, a.registration.id] });

    await Promise.all([platform.runScheduled(), platform.runScheduled()]);
    await platform.runScheduled();

    const reminders = await mails("event_reminder", event.id);
    expect(reminders).toHaveLength(1);
    const aEmail = await platform.client.execute({ sql: "select email from event_registrations where id = ?", args: [a.registration.id] });
    expect(reminders[0]?.recipient).toBe(String(aEmail.rows[0]?.email));
    expect(reminders[0]?.dedupe).toBe(`${a.registration.id}:0:${sessions[0]?.start}`);
    // The reminder of a confirmed participant of a hybrid event carries the join link.
    expect(reminders[0]?.text).toContain("meet.example.test");
    expect(b.registration.status).toBe("confirmed");
  });
});

async function pastEventWithAttendance(): Promise<{
  eventId: string;
  attendee: RegistrationAnswerBody;
  absent: RegistrationAnswerBody;
  noConsent: RegistrationAnswerBody;
}> {
  const event = await createEventAs(platform, adminPath(), admin, eventBody(region, { type: "awareness_session", capacity: 5 }));
  const attendee = await registerOk(platform, event.slug, registrationBody(`${event.id}-att`, { followUpConsent: true }));
  const absent = await registerOk(platform, event.slug, registrationBody(`${event.id}-abs`, { followUpConsent: true }));
  const noConsent = await registerOk(platform, event.slug, registrationBody(`${event.id}-nc`));
  // Arrange: the event took place yesterday.
  const yesterday = Date.now() - 26 * HOUR;
  await moveSessions(event.id, [{ start: yesterday, end: yesterday + 2 * HOUR }]);
  for (const [who, attended] of [
    [attendee, true],
    [absent, false],
    [noConsent, true],
  ] as const) {
    const response = await platform.fetch(`${adminPath()}/${event.id}/attendance`, {
      method: "POST",
      headers: admin,
      json: { registrationId: who.registration.id, sessionIndex: 0, attended },
    });
    expect(response.status).toBe(200);
  }
  return { eventId: event.id, attendee, absent, noConsent };
}

describe("feedback", () => {
  it("should ask those who attended for feedback once, and take it once through the link in that mail", async () => {
    const { eventId, attendee, absent } = await pastEventWithAttendance();
    await Promise.all([platform.runScheduled(), platform.runScheduled()]);
    await platform.runScheduled();
    const requests = await mails("event_feedback_request", eventId);
    expect(requests).toHaveLength(2); // the attendee and the one without follow-up consent; not the absent one
    const attendeeEmail = String(
      (await platform.client.execute({ sql: "select email from event_registrations where id = ?", args: [attendee.registration.id] })).rows[0]?.email,
    );
    const mail = requests.find((r) => r.recipient === attendeeEmail);
    const token = mail?.text.match(/\/aanmelding\/([A-Za-z0-9_-]{43})#feedback/)?.[1];
    expect(token).toBeDefined();

    const give = (t: string, body: unknown) =>
      platform.fetch(`/api/v1/registrations/${t}/feedback`, { method: "POST", json: body, headers: { origin: ORIGIN } });
    expect((await give(String(token), { rating: 6 })).status).toBe(400);
    expect((await give(String(token), { rating: 4, comment: "Heel nuttig." })).status).toBe(200);
    expect((await give(String(token), { rating: 5 })).status).toBe(409);
    expect((await give(absent.manageToken, { rating: 2 })).status).toBe(409);

    const organiserView = (await (await platform.fetch(`${adminPath()}/${eventId}`, { headers: admin })).json()) as {
      event: { feedback: { count: number; average: number; comments: string[] } };
    };
    expect(organiserView.event.feedback).toEqual({ count: 1, average: 4, comments: ["Heel nuttig."] });
  });
});

describe("the Support Process invitation", () => {
  it("should invite an attendee who agreed, and count the self-registration through that link as coming from the event", async () => {
    const { eventId, attendee, absent, noConsent } = await pastEventWithAttendance();
    const invite = (id: string) => platform.fetch(`${adminPath()}/${eventId}/registrations/${id}/candidate-invitation`, { method: "POST", headers: admin });
    expect((await invite(absent.registration.id)).status).toBe(409);
    expect((await invite(noConsent.registration.id)).status).toBe(409);
    expect((await invite(attendee.registration.id)).status).toBe(200);
    expect((await invite(attendee.registration.id)).status).toBe(409);

    const [mail] = await mails("event_candidate_invitation", eventId);
    const link = mail?.text.match(/\/boeken\/([a-z0-9-]+)\/begeleidingstraject\?uitnodiging=([A-Za-z0-9_-]{43})/);
    expect(link?.[1]).toBe(region.slug);
    const registration = await platform.fetch(`/api/v1/regions/${region.slug}/candidates/self-registration`, {
      method: "POST",
      headers: { origin: ORIGIN },
      json: {
        company: { name: "Bakkerij Vooruit", kvkNumber: "12345678" },
        contact: { name: "Anna de Vries", email: "anna@vooruit.test" },
        municipality: "Maastricht",
        ambition: "Een tweede vestiging openen.",
        topic: "groei_en_innovatie",
        consent: true,
        invitation: link?.[2],
      },
    });
    expect(registration.status).toBe(201);
    const candidate = await platform.client.execute({ sql: "select source from scouting_candidates where email = 'anna@vooruit.test'", args: [] });
    expect(String(candidate.rows[0]?.source)).toBe("event");
    const participants = (await (await platform.fetch(`${adminPath()}/${eventId}/registrations`, { headers: admin })).json()) as {
      participants: { id: string; candidateRegistered: boolean }[];
    };
    expect(participants.participants.find((p) => p.id === attendee.registration.id)?.candidateRegistered).toBe(true);
  });
});

describe("personal data", () => {
  it("should erase a participant on request: a live registration is cancelled, its place goes to the wait-list, the data is gone", async () => {
    const event = await createEventAs(platform, adminPath(), admin, eventBody(region, { capacity: 1 }));
    const leaving = registrationBody(`${event.id}-erase`);
    const first = await registerOk(platform, event.slug, leaving);
    const next = await registerOk(platform, event.slug, registrationBody(`${event.id}-next`));
    const response = await platform.fetch(`/api/v1/regions/${region.slug}/admin/erasure`, { method: "POST", headers: admin, json: { email: leaving.email } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { eventRegistrations: number }).eventRegistrations).toBe(1);
    const stored = await platform.client.execute({
      sql: "select id, status, name, email from event_registrations where event_id = ? order by seq",
      args: [event.id],
    });
    expect(stored.rows.map((r) => [String(r.id), String(r.status), r.name, r.email === null])).toEqual([
      [first.registration.id, "cancelled", null, true],
      [next.registration.id, "confirmed", `Deelnemer ${event.id}-next`, false],
    ]);
  });

  it("should anonymise registrations once the event ended longer ago than the region's retention period", async () => {
    const event = await createEventAs(platform, adminPath(), admin, eventBody(region));
    const reg = await registerOk(platform, event.slug, registrationBody(`${event.id}-old`));
    // Arrange: the event ended 13 months ago (retention: 12 months).
    const longAgo = Date.now() - 400 * 24 * HOUR;
    await moveSessions(event.id, [{ start: longAgo, end: longAgo + 2 * HOUR }]);
    await platform.runScheduled();
    const stored = await platform.client.execute({
      sql: "select name, email, status, anonymised_at from event_registrations where id = ?",
      args: [reg.registration.id],
    });
    expect(stored.rows[0]).toMatchObject({ name: null, email: null, status: "confirmed" });
    expect(stored.rows[0]?.anonymised_at).not.toBeNull();
  });
});
