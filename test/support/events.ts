/**
 * Event scenario builders. Every time is derived from now (in Europe/Amsterdam), never a
 * literal date, so the suites pass on any day and at any hour.
 */
import { Temporal } from "temporal-polyfill";
import type { RegionFixture } from "./factories";
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
