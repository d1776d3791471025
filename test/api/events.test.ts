import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRegion, createUser, type RegionFixture, signInAs } from "../support/factories";
import { type CountingProxy, createOrganisation, createPartner, type OrganisationFixture, startCountingProxy } from "../support/catalogue";
import { amsterdamAt, aroundDstSwitch, createEventAs, type EventAdminAnswer, eventBody, register, registerOk, registrationBody } from "../support/events";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;
let proxy: CountingProxy;
let region: RegionFixture;
let admin: Record<string, string>;
let org: OrganisationFixture;
let partner: Record<string, string>;

beforeAll(async () => {
  // The Worker talks to the database through a proxy that counts its round trips.
  proxy = await startCountingProxy();
  platform = await startTestPlatform({ vars: { LIBSQL_URL: proxy.url } });
  proxy.setUpstream(platform.dbUrl);
  region = await createRegion(platform.client);
  admin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
  org = await createOrganisation(platform.client, region);
  partner = await signInAs(platform, await createPartner(platform.client, org));
});
afterAll(async () => {
  await platform?.close();
  await proxy?.close();
});

const adminPath = () => `/api/v1/regions/${region.slug}/admin/events`;
const orgPath = () => `/api/v1/organisations/${org.slug}/events`;

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function outbox(kind: string, recipient?: string) {
  const result = await platform.client.execute({
    sql: `select recipient, subject, text_body, html_body, ics_body from outbox where kind = ? ${recipient ? "and recipient = ?" : ""} order by created_at`,
    args: recipient ? [kind, recipient] : [kind],
  });
  return result.rows.map((r) => ({
    recipient: String(r.recipient),
    subject: String(r.subject),
    text: String(r.text_body),
    html: String(r.html_body),
    ics: r.ics_body === null ? null : String(r.ics_body),
  }));
}

describe("publishing events", () => {
  it("should publish a region admin's event at once and list it publicly without the join link", async () => {
    const body = eventBody(region);
    const event = await createEventAs(platform, adminPath(), admin, body);
    expect(event.status).toBe("published");
    expect(event.joinUrl).toBe(body.joinUrl);

    const list = await platform.fetch(`/api/v1/events?region=${region.slug}`);
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).not.toContain(String(body.joinUrl));
    const listed = (
      JSON.parse(text) as { events: { slug: string; remaining: number; waitlist: number; organiser: { kind: string }; location?: string }[] }
    ).events.find((e) => e.slug === event.slug);
    expect(listed).toMatchObject({ remaining: 10, waitlist: 0, organiser: { kind: "region" }, location: body.location });

    const detail = await platform.fetch(`/api/v1/events/${event.slug}`);
    const detailText = await detail.text();
    expect(detail.status).toBe(200);
    expect(detailText).toContain("Drie avonden");
    expect(detailText).not.toContain(String(body.joinUrl));
  });

  it("should refuse sessions in the past, overlapping sessions and an in-person event without an address", async () => {
    const past = await platform.fetch(adminPath(), {
      method: "POST",
      headers: admin,
      json: eventBody(region, { sessions: [{ start: amsterdamAt(-1, "19:00"), end: amsterdamAt(-1, "21:00") }] }),
    });
    expect(past.status).toBe(400);
    const overlap = await platform.fetch(adminPath(), {
      method: "POST",
      headers: admin,
      json: eventBody(region, {
        sessions: [
          { start: amsterdamAt(5, "19:00"), end: amsterdamAt(5, "21:00") },
          { start: amsterdamAt(5, "20:00"), end: amsterdamAt(5, "22:00") },
        ],
      }),
    });
    expect(overlap.status).toBe(400);
    const noPlace = await platform.fetch(adminPath(), {
      method: "POST",
      headers: admin,
      json: eventBody(region, { format: "in_person", location: null, joinUrl: null }),
    });
    expect(noPlace.status).toBe(400);
    expect(((await noPlace.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe("location");
  });

  it("should keep a partner's event out of public view until a region admin approves it", async () => {
    const draft = await createEventAs(platform, orgPath(), partner, eventBody(region, { title: `Workshop export ${Date.now()}`, type: "workshop" }));
    expect(draft.status).toBe("draft");
    expect((await platform.fetch(`/api/v1/events/${draft.slug}`)).status).toBe(404);
    expect((await register(platform, draft.slug, registrationBody("vroeg"))).status).toBe(404);

    const submitted = await platform.fetch(`${orgPath()}/${draft.id}/submit`, { method: "POST", headers: partner });
    expect((await json<EventAdminAnswer>(submitted)).event.status).toBe("in_review");
    // The partner cannot review; the region admin can.
    expect((await platform.fetch(`${adminPath()}/${draft.id}/review`, { method: "POST", headers: partner, json: { decision: "approve" } })).status).toBe(403);
    const reviewed = await platform.fetch(`${adminPath()}/${draft.id}/review`, { method: "POST", headers: admin, json: { decision: "approve" } });
    expect(reviewed.status).toBe(200);
    expect((await json<EventAdminAnswer>(reviewed)).event.status).toBe("published");
    const publicAnswer = await json<{ event: { organiser: { kind: string; slug: string } } }>(await platform.fetch(`/api/v1/events/${draft.slug}`));
    expect(publicAnswer.event.organiser).toMatchObject({ kind: "organisation", slug: org.slug });

    // A partner's change of the published event waits for review; the published version stays.
    const patched = await platform.fetch(`${orgPath()}/${draft.id}`, { method: "PATCH", headers: partner, json: { title: "Workshop export, nieuwe titel" } });
    const pending = await json<EventAdminAnswer>(patched);
    expect(pending.event.revisionStatus).toBe("in_review");
    expect(pending.event.revision?.title).toBe("Workshop export, nieuwe titel");
    expect(await (await platform.fetch(`/api/v1/events/${draft.slug}`)).text()).not.toContain("nieuwe titel");
    await platform.fetch(`${adminPath()}/${draft.id}/review`, { method: "POST", headers: admin, json: { decision: "approve" } });
    expect(await (await platform.fetch(`/api/v1/events/${draft.slug}`)).text()).toContain("nieuwe titel");
  });

  it("should find published upcoming events by the catalogue's Dutch full-text search", async () => {
    const event = await createEventAs(
      platform,
      adminPath(),
      admin,
      eventBody(region, { title: "Bedrijfsovername voor opvolgers", summary: "Alles over overnemen." }),
    );
    const search = async (q: string) =>
      (await json<{ events: { slug: string }[] }>(await platform.fetch(`/api/v1/events?q=${encodeURIComponent(q)}`))).events.map((e) => e.slug);
    expect(await search("overname")).toContain(event.slug);
    expect(await search("bedrijven overname")).toContain(event.slug);
    expect(await search("opvolger")).toContain(event.slug);
    expect(await search("zonnepanelen")).not.toContain(event.slug);
    // A cancelled event leaves the search.
    await platform.fetch(`${adminPath()}/${event.id}/cancel`, { method: "POST", headers: admin, json: {} });
    expect(await search("overname")).not.toContain(event.slug);
  });

  it("should filter by type, format and dates and page with a cursor", async () => {
    const online = await createEventAs(platform, adminPath(), admin, eventBody(region, { type: "awareness_session", format: "online", location: null }));
    const typed = await json<{ events: { slug: string; type: string }[] }>(await platform.fetch("/api/v1/events?type=awareness_session&format=online"));
    expect(typed.events.map((e) => e.slug)).toContain(online.slug);
    expect(typed.events.every((e) => e.type === "awareness_session")).toBe(true);
    const later = await json<{ events: unknown[] }>(await platform.fetch(`/api/v1/events?from=${amsterdamAt(20, "00:00").slice(0, 10)}`));
    expect(later.events).toEqual([]);
    const page = await json<{ events: unknown[]; nextCursor: string | null }>(await platform.fetch("/api/v1/events?limit=1"));
    expect(page.events).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const next = await json<{ events: unknown[] }>(await platform.fetch(`/api/v1/events?limit=1&cursor=${page.nextCursor}`));
    expect(next.events).toHaveLength(1);
    expect((await platform.fetch("/api/v1/events?cursor=nonsense")).status).toBe(400);
  });
});

describe("public reads", () => {
  it("should answer the list, a search and one event each in one database round trip", async () => {
    const event = await createEventAs(platform, adminPath(), admin, eventBody(region, { title: "Exportspreekuur Duitsland voor starters" }));
    for (const path of ["/api/v1/events?type=masterclass&limit=5", "/api/v1/events?q=exportspreekuur", `/api/v1/events/${event.slug}`]) {
      proxy.reset();
      const response = await platform.fetch(path);
      expect(response.status, path).toBe(200);
      expect(
        proxy.requests.filter((r) => r.path.includes("pipeline")),
        path,
      ).toHaveLength(1);
    }
  });
});

describe("registering", () => {
  it("should confirm until full, then wait-list in order, and tell each by mail", async () => {
    const body = eventBody(region, { capacity: 2 });
    const event = await createEventAs(platform, adminPath(), admin, body);
    const answers = [];
    for (const n of [1, 2, 3, 4]) answers.push(await registerOk(platform, event.slug, registrationBody(`${event.id}-${n}`)));
    expect(answers.map((a) => a.registration.status)).toEqual(["confirmed", "confirmed", "waitlisted", "waitlisted"]);
    expect(answers.map((a) => a.registration.position)).toEqual([undefined, undefined, 1, 2]);
    expect(answers[0]?.manageUrl).toMatch(/\/aanmelding\/[A-Za-z0-9_-]{43}$/);
    const publicView = await json<{ event: { remaining: number; waitlist: number } }>(await platform.fetch(`/api/v1/events/${event.slug}`));
    expect(publicView.event).toMatchObject({ remaining: 0, waitlist: 2 });

    const mine = async (kind: string) => (await outbox(kind)).filter((m) => m.text.includes(`Deelnemer ${event.id}-`));
    const confirmations = await mine("event_confirmation");
    const waitlisted = await mine("event_waitlisted");
    expect(confirmations.map((m) => m.text.match(/Deelnemer \S+/)?.[0])).toEqual([`Deelnemer ${event.id}-1,`, `Deelnemer ${event.id}-2,`]);
    expect(waitlisted).toHaveLength(2);
    // The join link goes to confirmed participants only; every mail carries the manage link.
    for (const mail of confirmations) expect(mail.text).toContain(String(body.joinUrl));
    for (const mail of waitlisted) expect(mail.text).not.toContain(String(body.joinUrl));
    for (const mail of [...confirmations, ...waitlisted]) expect(mail.text).toMatch(/\/aanmelding\/[A-Za-z0-9_-]{43}/);
  });

  it("should give the join link to a confirmed participant of an online event only, never to the wait-list or the public", async () => {
    const body = eventBody(region, { capacity: 1, format: "online", location: null });
    const event = await createEventAs(platform, adminPath(), admin, body);
    const first = await registerOk(platform, event.slug, registrationBody(`${event.id}-a`));
    const second = await registerOk(platform, event.slug, registrationBody(`${event.id}-b`));
    const view = async (token: string) =>
      json<{ registration: { status: string; joinUrl?: string; position?: number } }>(await platform.fetch(`/api/v1/registrations/${token}`));
    expect((await view(first.manageToken)).registration.joinUrl).toBe(body.joinUrl);
    expect((await view(second.manageToken)).registration).toMatchObject({ status: "waitlisted", position: 1 });
    expect((await view(second.manageToken)).registration.joinUrl).toBeUndefined();
    const secondIcs = await (await platform.fetch(`/api/v1/registrations/${second.manageToken}/ics`)).text();
    expect(secondIcs).not.toContain(String(body.joinUrl));
    for (const path of ["/api/v1/events", `/api/v1/events/${event.slug}`, "/api/v1/events?q=financiering", `/api/v1/regions/${region.slug}/events.ics`]) {
      expect(await (await platform.fetch(path)).text(), path).not.toContain(String(body.joinUrl));
    }
  });

  it("should answer the same registration for the same Idempotency-Key and body, and 422 for another body", async () => {
    const event = await createEventAs(platform, adminPath(), admin, eventBody(region));
    const body = registrationBody(`${event.id}-idem`);
    const headers = { "Idempotency-Key": `idem-${event.id}` };
    const first = await register(platform, event.slug, body, headers);
    const again = await register(platform, event.slug, body, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    const other = await register(platform, event.slug, { ...body, name: "Iemand anders" }, headers);
    expect(other.status).toBe(422);
    const rows = await platform.client.execute({ sql: "select count(*) as n from event_registrations where event_id = ?", args: [event.id] });
    expect(Number(rows.rows[0]?.n)).toBe(1);
  });

  it("should refuse a second live registration with the same address and accept it after a cancel", async () => {
    const event = await createEventAs(platform, adminPath(), admin, eventBody(region));
    const body = registrationBody(`${event.id}-dup`);
    const first = await registerOk(platform, event.slug, body);
    const duplicate = await register(platform, event.slug, body);
    expect(duplicate.status).toBe(409);
    await platform.fetch(`/api/v1/registrations/${first.manageToken}/cancel`, { method: "POST", headers: { origin: ORIGIN } });
    expect((await register(platform, event.slug, body)).status).toBe(201);
  });

  it("should answer 409 registration_closed after the deadline and for a cancelled event", async () => {
    const event = await createEventAs(platform, adminPath(), admin, eventBody(region));
    // Arrange: the deadline passed a minute ago.
    await platform.client.execute({ sql: "update events set registration_deadline = ? where id = ?", args: [Date.now() - 60_000, event.id] });
    const late = await register(platform, event.slug, registrationBody(`${event.id}-laat`));
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe("registration_closed");

    const other = await createEventAs(platform, adminPath(), admin, eventBody(region));
    await platform.fetch(`${adminPath()}/${other.id}/cancel`, { method: "POST", headers: admin, json: { reason: "De spreker is ziek." } });
    const cancelled = await register(platform, other.slug, registrationBody(`${other.id}-x`));
    expect(cancelled.status).toBe(409);
    expect(((await cancelled.json()) as { error: { code: string } }).error.code).toBe("registration_closed");
  });
});

describe("calendar files", () => {
  it("should give one VEVENT per session at the right Amsterdam times, on both sides of a DST change", async () => {
    // Sessions at 19:00 Amsterdam time just before and after the next daylight-saving switch (whatever today is).
    const sessions = aroundDstSwitch().map((d) => ({ start: amsterdamAt(d, "19:00"), end: amsterdamAt(d, "21:00") }));
    const offsets = new Set(sessions.map((s) => s.start.slice(-6)));
    expect(offsets.size).toBe(2);
    const event = await createEventAs(platform, adminPath(), admin, eventBody(region, { sessions, capacity: 5 }));
    const reg = await registerOk(platform, event.slug, registrationBody(`${event.id}-ics`));
    const response = await platform.fetch(`/api/v1/registrations/${reg.manageToken}/ics`);
    expect(response.headers.get("content-type")).toContain("text/calendar");
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    const vevents = calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    expect(vevents).toHaveLength(3);
    for (const [i, vevent] of vevents.entries()) {
      const start = vevent.startDate.toJSDate().getTime();
      expect(start).toBe(Date.parse(sessions[i]?.start ?? ""));
      const local = new Intl.DateTimeFormat("nl-NL", { timeZone: "Europe/Amsterdam", hour: "2-digit", minute: "2-digit" }).format(start);
      expect(local).toBe("19:00");
      expect(vevent.uid).toBe(`${event.id}-${i}@mkb-limburg`);
    }

    const feed = await platform.fetch(`/api/v1/regions/${region.slug}/events.ics`);
    const feedEvents = new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    expect(feedEvents.filter((e) => e.uid.startsWith(`${event.id}-`))).toHaveLength(3);
  });
});

describe("organisers", () => {
  it("should list participants, take attendance only once a session started, and export a CSV for the day", async () => {
    const event = await createEventAs(platform, adminPath(), admin, eventBody(region, { capacity: 1 }));
    const a = await registerOk(platform, event.slug, registrationBody(`${event.id}-p1`, { name: "=Anna formule" }));
    await registerOk(platform, event.slug, registrationBody(`${event.id}-p2`));
    const list = await json<{ participants: { id: string; status: string; position?: number; attendance: (boolean | null)[] }[] }>(
      await platform.fetch(`${adminPath()}/${event.id}/registrations`, { headers: admin }),
    );
    expect(list.participants.map((p) => [p.status, p.position])).toEqual([
      ["confirmed", undefined],
      ["waitlisted", 1],
    ]);
    const early = await platform.fetch(`${adminPath()}/${event.id}/attendance`, {
      method: "POST",
      headers: admin,
      json: { registrationId: a.registration.id, sessionIndex: 0, attended: true },
    });
    expect(early.status).toBe(409);
    const csv = await platform.fetch(`${adminPath()}/${event.id}/registrations.csv`, { headers: admin });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("'=Anna formule");
    expect(text.split("\r\n")[0]).toContain("sessie 1");
  });

  it("should send a message to the participants at most three times a day", async () => {
    const event = await createEventAs(platform, adminPath(), admin, eventBody(region));
    await registerOk(platform, event.slug, registrationBody(`${event.id}-m`));
    const send = () =>
      platform.fetch(`${adminPath()}/${event.id}/messages`, { method: "POST", headers: admin, json: { subject: "Parkeren", body: "Parkeer bij P2." } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send()).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const mails = (await outbox("event_message")).filter((m) => m.text.includes("Parkeer bij P2"));
    expect(mails.length).toBe(3);
  });

  it("should tell the participants when the organiser moves the sessions, and move a default deadline along", async () => {
    const body = eventBody(region, { capacity: 1 });
    const event = await createEventAs(platform, adminPath(), admin, body);
    const confirmed = registrationBody(`${event.id}-mv1`);
    const waiting = registrationBody(`${event.id}-mv2`);
    await registerOk(platform, event.slug, confirmed);
    await registerOk(platform, event.slug, waiting);
    const earlier = [{ start: amsterdamAt(7, "18:00"), end: amsterdamAt(7, "20:00") }];
    const response = await platform.fetch(`${adminPath()}/${event.id}`, { method: "PATCH", headers: admin, json: { sessions: earlier } });
    expect(response.status).toBe(200);
    const changed = await json<{ event: { registrationDeadline: string; sessions: { start: string }[] } }>(response);
    expect(Date.parse(changed.event.registrationDeadline)).toBe(Date.parse(earlier[0]?.start ?? ""));
    const toConfirmed = await outbox("event_changed", String(confirmed.email).toLowerCase());
    const toWaiting = await outbox("event_changed", String(waiting.email).toLowerCase());
    expect(toConfirmed).toHaveLength(1);
    expect(toWaiting).toHaveLength(1);
    expect(toConfirmed[0]?.text).toContain(String(body.joinUrl));
    expect(toWaiting[0]?.text).not.toContain(String(body.joinUrl));
    // A new description alone is no news for the participants.
    await platform.fetch(`${adminPath()}/${event.id}`, { method: "PATCH", headers: admin, json: { description: "Nieuwe tekst." } });
    expect(await outbox("event_changed", String(confirmed.email).toLowerCase())).toHaveLength(1);
  });

  it("should mail everyone registered when the organiser cancels the event", async () => {
    const event = await createEventAs(platform, adminPath(), admin, eventBody(region, { capacity: 1 }));
    const a = registrationBody(`${event.id}-c1`);
    const b = registrationBody(`${event.id}-c2`);
    await registerOk(platform, event.slug, a);
    await registerOk(platform, event.slug, b);
    const response = await platform.fetch(`${adminPath()}/${event.id}/cancel`, {
      method: "POST",
      headers: admin,
      json: { reason: "De zaal is niet beschikbaar." },
    });
    expect(response.status).toBe(200);
    for (const who of [a, b]) {
      const mails = await outbox("event_cancelled", String(who.email).toLowerCase());
      expect(mails).toHaveLength(1);
      expect(mails[0]?.text).toContain("De zaal is niet beschikbaar.");
      expect(mails[0]?.text).toContain(String(who.name));
    }
    const publicView = await json<{ event: { status: string } }>(await platform.fetch(`/api/v1/events/${event.slug}`));
    expect(publicView.event.status).toBe("cancelled");
  });
});
