/**
 * Event figures in the region report and the province summary, checked against numbers this
 * test works out from the rows it writes itself (straight into the database), with the
 * small-count rule: counts about people of 1–4 are "<5", rates and averages need 5 people.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { createRegion, createUser, type RegionFixture, signInAs } from "../support/factories";
import { amsterdamAt } from "../support/events";
import { startTestPlatform, type TestPlatform } from "../support/platform";

const HOUR = 3_600_000;
let platform: TestPlatform;
let north: RegionFixture;
let south: RegionFixture;
let admin: Record<string, string>;
let province: Record<string, string>;

interface Person {
  status: "confirmed" | "waitlisted" | "cancelled";
  attended?: boolean[];
  rating?: number;
}

/** Writes an event with its sessions and registrations, as the service would have left them. */
async function seedEvent(
  region: RegionFixture,
  e: { type: string; format: string; status: string; sessions: { start: number; end: number }[]; people: Person[] },
) {
  const id = newId();
  const now = Date.now();
  const first = e.sessions[0]?.start ?? now;
  const last = e.sessions.at(-1)?.end ?? now;
  await platform.client.execute({
    sql: `insert into events (id, seq, slug, region_id, organisation_id, title, summary, description, type, format, topics, audiences, regions, location, join_url,
            capacity, price_note, registration_deadline, contact, first_start_at, last_end_at, status, version, change_ref, created_at, updated_at)
          values (?, (select coalesce(max(seq), 0) + 1 from events), ?, ?, null, 'Cijfers', 'Samenvatting', 'Omschrijving', ?, ?, '["financiering"]', '[]', ?, 'Markt 1', null,
            20, null, ?, '{"name":"Org","email":"org@example.test"}', ?, ?, ?, 0, ?, ?, ?)`,
    args: [
      id,
      `cijfers-${id.toLowerCase().replace(/[^a-z0-9]/g, "")}`,
      region.id,
      e.type,
      e.format,
      JSON.stringify([region.slug]),
      first,
      first,
      last,
      e.status,
      newId(),
      now,
      now,
    ],
  });
  for (const [idx, s] of e.sessions.entries()) {
    await platform.client.execute({
      sql: "insert into event_sessions (event_id, idx, region_id, start_at, end_at) values (?, ?, ?, ?, ?)",
      args: [id, idx, region.id, s.start, s.end],
    });
  }
  for (const [n, p] of e.people.entries()) {
    const reg = newId();
    await platform.client.execute({
      sql: `insert into event_registrations (id, region_id, event_id, seq, status, locale, name, email, consent_at, manage_token_hash, feedback_rating, feedback_at, created_at, updated_at)
            values (?, ?, ?, ?, ?, 'nl', 'Naam', ?, ?, ?, ?, ?, ?, ?)`,
      args: [reg, region.id, id, n + 1, p.status, `p${n}-${reg}@example.test`, now, newId(), p.rating ?? null, p.rating ? now : null, now, now],
    });
    for (const [idx, attended] of (p.attended ?? []).entries()) {
      await platform.client.execute({
        sql: "insert into event_attendance (registration_id, session_idx, event_id, region_id, attended, marked_at) values (?, ?, ?, ?, ?, ?)",
        args: [reg, idx, id, region.id, attended ? 1 : 0, now],
      });
    }
  }
}

async function seedEventCandidate(region: RegionFixture, source: string) {
  const now = Date.now();
  await platform.client.execute({
    sql: `insert into scouting_candidates (id, region_id, source, company_name, kvk_number, municipality, topic, consent_at, stage, change_id, created_at, updated_at)
          values (?, ?, ?, 'Bedrijf', '12345678', 'Maastricht', 'financiering', ?, 'registered', ?, ?, ?)`,
    args: [newId(), region.id, source, now, newId(), now, now],
  });
}

beforeAll(async () => {
  platform = await startTestPlatform();
  north = await createRegion(platform.client);
  south = await createRegion(platform.client);
  admin = await signInAs(platform, await createUser(platform.client, "region_admin", north));
  province = await signInAs(platform, await createUser(platform.client, "province_viewer", null));
  const now = Date.now();
  const past = (days: number) => ({ start: now - days * 24 * HOUR, end: now - days * 24 * HOUR + 2 * HOUR });
  const ahead = (days: number) => ({ start: now + days * 24 * HOUR, end: now + days * 24 * HOUR + 2 * HOUR });
  // North: a held online masterclass of two evenings: 6 confirmed (5 came), 1 left on the wait-list, 1 cancelled, 5 ratings.
  await seedEvent(north, {
    type: "masterclass",
    format: "online",
    status: "published",
    sessions: [past(9), past(8)],
    people: [
      { status: "confirmed", attended: [true, true], rating: 4 },
      { status: "confirmed", attended: [true, false], rating: 5 },
      { status: "confirmed", attended: [true, true], rating: 3 },
      { status: "confirmed", attended: [false, true], rating: 4 },
      { status: "confirmed", attended: [true, true], rating: 5 },
      { status: "confirmed", attended: [false, false] },
      { status: "waitlisted" },
      { status: "cancelled" },
    ],
  });
  // North: an upcoming in-person workshop with 3 confirmed; a cancelled awareness session.
  await seedEvent(north, {
    type: "workshop",
    format: "in_person",
    status: "published",
    sessions: [ahead(9)],
    people: [{ status: "confirmed" }, { status: "confirmed" }, { status: "confirmed" }],
  });
  await seedEvent(north, { type: "awareness_session", format: "hybrid", status: "cancelled", sessions: [ahead(12)], people: [{ status: "confirmed" }] });
  // A draft is not counted; neither is an event outside the period.
  await seedEvent(north, { type: "workshop", format: "online", status: "draft", sessions: [ahead(5)], people: [] });
  await seedEvent(north, { type: "workshop", format: "online", status: "published", sessions: [ahead(60)], people: [{ status: "confirmed" }] });
  // South: one held hybrid network meeting with 2 confirmed who came.
  await seedEvent(south, {
    type: "network_meeting",
    format: "hybrid",
    status: "published",
    sessions: [past(3)],
    people: [
      { status: "confirmed", attended: [true] },
      { status: "confirmed", attended: [true] },
    ],
  });
  await seedEventCandidate(north, "event");
  await seedEventCandidate(north, "event");
  await seedEventCandidate(north, "self");
});
afterAll(async () => {
  await platform?.close();
});

const period = () => `from=${amsterdamAt(-30, "12:00").slice(0, 10)}&to=${amsterdamAt(30, "12:00").slice(0, 10)}`;

describe("event figures", () => {
  it("should give the region its events by type and format, sessions, registrations, attendance rate, wait-list, feedback and candidates", async () => {
    const response = await platform.fetch(`/api/v1/regions/${north.slug}/admin/report?${period()}`, { headers: admin });
    expect(response.status).toBe(200);
    const { events } = (await response.json()) as { events: Record<string, unknown> };
    expect(events).toEqual({
      events: {
        total: 2,
        byType: { masterclass: 1, awareness_session: 0, workshop: 1, network_meeting: 0 },
        byFormat: { online: 1, in_person: 1, hybrid: 0 },
      },
      held: {
        total: 1,
        sessions: 2,
        byType: { masterclass: 1, awareness_session: 0, workshop: 0, network_meeting: 0 },
        byFormat: { online: 1, in_person: 0, hybrid: 0 },
      },
      cancelled: 1,
      sessions: 3,
      registrations: 11, // 8 + 3
      participants: 9, // 6 + 3
      waitlisted: "<5", // 1
      attendees: 5,
      attendanceRate: 0.8333, // 5 of the 6 confirmed at the held event
      feedback: { count: 5, average: 4.2 }, // (4 + 5 + 3 + 4 + 5) / 5
      candidatesFromEvents: "<5", // 2
    });
    const csv = await (await platform.fetch(`/api/v1/regions/${north.slug}/admin/report.csv?${period()}`, { headers: admin })).text();
    expect(csv).toContain(`${north.slug},,,,event_attendance_rate,,0.8333`);
  });

  it("should give the province every region's event figures and the total, hiding small counts", async () => {
    const response = await platform.fetch(`/api/v1/province/summary?${period()}`, { headers: province });
    expect(response.status).toBe(200);
    const { events } = (await response.json()) as {
      events: { regions: ({ region: { slug: string } } & Record<string, unknown>)[]; total: Record<string, unknown> };
    };
    const southFigures = events.regions.find((r) => r.region.slug === south.slug);
    const northFigures = events.regions.find((r) => r.region.slug === north.slug);
    expect(southFigures).toMatchObject({ participants: "<5", attendees: "<5", attendanceRate: null, held: { total: 1 } });
    // South's 2 participants would follow from the total (11) minus North's 9: North's count is hidden too ("x": 5 or more).
    expect(northFigures).toMatchObject({ participants: "x", registrations: "x", attendees: "x", waitlisted: "<5", attendanceRate: 0.8333 });
    // North's one waiting person would follow from the total: South's 0 is hidden as well.
    expect(southFigures).toMatchObject({ waitlisted: "<5", candidatesFromEvents: "<5" });
    expect(events.total).toMatchObject({
      sessions: 4,
      registrations: 13,
      participants: 11,
      attendees: 7,
      attendanceRate: 0.875, // 7 of 8
      feedback: { count: 5, average: 4.2 },
      candidatesFromEvents: "<5",
    });
    // Nothing about a person: no names or addresses in the answer.
    const text = JSON.stringify(events);
    expect(text).not.toContain("@example.test");
    expect(text).not.toContain("Naam");
  });

  it("should keep another region's admin out of the region's figures", async () => {
    const other = await signInAs(platform, await createUser(platform.client, "region_admin", south));
    expect((await platform.fetch(`/api/v1/regions/${north.slug}/admin/report?${period()}`, { headers: other })).status).toBe(404);
  });
});
