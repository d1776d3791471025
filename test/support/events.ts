/**
 * Event scenario builders. Every time is derived from now (in Europe/Amsterdam), never a
 * literal date, so the suites pass on any day and at any hour.
 */
import type { Client } from "@libsql/client";
import { Temporal } from "temporal-polyfill";
import * as schema from "../../src/db/schema";
import { newId } from "../../src/lib/ids";
import { type RegionFixture, testDb } from "./factories";
import { ORIGIN, type TestPlatform } from "./platform";

let counter = 0;

/**
 * An instant `days` from today at the Amsterdam wall-clock time `hhmm`, as ISO 8601 with the
 * offset that holds on that day.
 * @example amsterdamAt(10, "19:00") // "2027-04-08T19:00:00+02:00"
 */
export function amsterdamAt(days: number, hhmm: string, from: number = Date.now()): string {
  const [hour, minute] = hhmm.split(":").map(Number);
  return Temporal.Instant.fromEpochMilliseconds(from)
    .toZonedDateTimeISO("Europe/Amsterdam")
    .add({ days })
    .with({ hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0, microsecond: 0, nanosecond: 0 })
    .toString({ timeZoneName: "never" });
}

/** A valid create-event body, a few days ahead, with overrides. */
export function eventBody(region: RegionFixture, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    title: `Masterclass financiering ${Date.now().toString(36)}-${counter}`,
    summary: "Hoe financier ik de groei van mijn bedrijf?",
    description: "Drie avonden over krediet, subsidies en investeerders.\n\nMet praktijkvoorbeelden uit Limburg.",
    type: "masterclass",
    format: "hybrid",
    topics: ["financiering"],
    audiences: ["established_sme"],
    regions: [region.slug],
    sessions: [{ start: amsterdamAt(10, "19:00"), end: amsterdamAt(10, "21:30") }],
    location: "Brightlands Campus, Urmonderbaan 22, Geleen",
    joinUrl: `https://meet.example.test/geheim-${Date.now().toString(36)}-${counter}`,
    capacity: 10,
    ...overrides,
  };
}

export interface EventAdminAnswer {
  event: {
    id: string;
    slug: string;
    status: string;
    joinUrl: string | null;
    capacity: number;
    sessions: { index: number; start: string; end: string }[];
    counts: { confirmed: number; waitlisted: number; cancelled: number };
    revisionStatus: string | null;
    revision: { title: string } | null;
    feedback: { count: number; average: number | null; comments?: string[] };
  };
}

export async function createEventAs(
  platform: TestPlatform,
  path: string,
  headers: Record<string, string>,
  body: Record<string, unknown>,
): Promise<EventAdminAnswer["event"]> {
  const response = await platform.fetch(path, { method: "POST", json: body, headers });
  if (response.status !== 201) throw new Error(`create event: ${response.status} ${await response.text()}`);
  return ((await response.json()) as EventAdminAnswer).event;
}

export interface RegistrationAnswerBody {
  registration: { id: string; status: "confirmed" | "waitlisted"; position?: number };
  manageToken: string;
  manageUrl: string;
  icsUrl: string;
}

export function registrationBody(n: number | string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: `Deelnemer ${n}`, email: `deelnemer-${n}-${Date.now().toString(36)}@bedrijf.test`, companyName: `Bedrijf ${n}`, consent: true, ...overrides };
}

export async function register(
  platform: { fetch: TestPlatform["fetch"] },
  slug: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return platform.fetch(`/api/v1/events/${slug}/registrations`, { method: "POST", json: body, headers: { origin: ORIGIN, ...headers } });
}

export async function registerOk(platform: TestPlatform, slug: string, body: Record<string, unknown>): Promise<RegistrationAnswerBody> {
  const response = await register(platform, slug, body);
  if (response.status !== 201) throw new Error(`register: ${response.status} ${await response.text()}`);
  return (await response.json()) as RegistrationAnswerBody;
}

/**
 * An event that was held (its one session ended yesterday) with one registration of `person`
 * that attended and gave feedback, straight in the database (no API makes a past event).
 * Returns the ids.
 * @example const { registrationId } = await insertHeldEvent(platform.client, region, { email, name: "An" });
 */
export async function insertHeldEvent(
  client: Client,
  region: RegionFixture,
  person: { email: string; name: string; companyName?: string },
  now: number = Date.now(),
): Promise<{ eventId: string; registrationId: string }> {
  const db = testDb(client);
  const eventId = newId();
  const start = now - 26 * 3_600_000;
  const end = start + 2 * 3_600_000;
  await db.insert(schema.events).values({
    id: eventId,
    seq: 1_000_000 + Math.floor(Math.random() * 1_000_000_000),
    slug: `gehouden-${eventId.toLowerCase()}`,
    regionId: region.id,
    title: `Gehouden masterclass ${eventId}`,
    summary: "Samenvatting",
    description: "Omschrijving",
    type: "masterclass",
    format: "in_person",
    topics: ["financiering"],
    audiences: [],
    regions: [region.slug],
    location: "Markt 1, Maastricht",
    capacity: 20,
    registrationDeadline: start,
    contact: { name: "Organisator", email: "organisator@example.test" },
    firstStartAt: start,
    lastEndAt: end,
    status: "published",
    changeRef: newId(),
    createdAt: start - 14 * 86_400_000,
    updatedAt: start - 14 * 86_400_000,
  });
  await db.insert(schema.eventSessions).values({ eventId, idx: 0, regionId: region.id, startAt: start, endAt: end });
  const registrationId = newId();
  await db.insert(schema.eventRegistrations).values({
    id: registrationId,
    regionId: region.id,
    eventId,
    seq: 1,
    status: "confirmed",
    name: person.name,
    email: person.email,
    companyName: person.companyName ?? null,
    consentAt: start - 7 * 86_400_000,
    manageTokenHash: newId() + newId(),
    confirmedAt: start - 7 * 86_400_000,
    feedbackRating: 5,
    feedbackComment: `Nuttige avond (${person.name})`,
    feedbackAt: end + 3_600_000,
    createdAt: start - 7 * 86_400_000,
    updatedAt: end + 3_600_000,
  });
  await db.insert(schema.eventAttendance).values({ registrationId, sessionIdx: 0, eventId, regionId: region.id, attended: true, markedAt: end });
  return { eventId, registrationId };
}

/**
 * Three day offsets from today (all ahead, in order) whose 19:00 in Amsterdam lies on both
 * sides of a daylight-saving switch: two days before the next switch that is at least three
 * days away, two days after it, and a month after that.
 * @example aroundDstSwitch() // e.g. [116, 120, 150] on 2026-11-30
 */
export function aroundDstSwitch(from: number = Date.now()): [number, number, number] {
  const today = Temporal.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO("Europe/Amsterdam");
  let at = today;
  for (;;) {
    const next = at.getTimeZoneTransition("next");
    if (!next) throw new Error("Europe/Amsterdam has no daylight-saving switch ahead");
    const days = today.toPlainDate().until(next.toPlainDate()).days;
    if (days >= 3) return [days - 2, days + 2, days + 32];
    at = next;
  }
}
