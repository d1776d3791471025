/**
 * The route-enumerating isolation test. Every /api/v1 route the Hono app registers is
 * tried, through the real Worker, by every kind of caller that must NOT get at region B's
 * data: no session, each role of region A, the province viewer, and each role of region B
 * that the route does not admit. None may get a 2xx or see any of region B's data.
 *
 * Public routes are whitelisted here by method and path: a new public route fails this
 * test until it is added deliberately. A route registered outside the endpoint registry
 * (`apiEndpoints()`) is reported too.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as v from "valibot";
import { apiEndpoints, createApp } from "../../src/app";
import { closures, outbox, type Role } from "../../src/db/schema";
import type { Endpoint } from "../../src/http/endpoint";
import { defineEndpoint } from "../../src/http/endpoint";
import { newId } from "../../src/lib/ids";
import { PUBLIC } from "../../src/features/auth/policy";
import { createFrontdesk, createRegion, createUser, insertAppointment, signInAs, testDb } from "../support/factories";
import { createOrganisation, createPartner, offerBody, type OrganisationFixture } from "../support/catalogue";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";
import { amsterdamDate } from "../support/slots";

/** The only routes anyone may call without a session. Add a route here on purpose, never by accident. */
const PUBLIC_ROUTES = new Set([
  "GET /api/v1/health",
  "GET /api/v1/openapi.json",
  "GET /api/v1/regions",
  "GET /api/v1/regions/:region",
  "GET /api/v1/regions/:region/frontdesks",
  "GET /api/v1/regions/:region/frontdesks/:id",
  "GET /api/v1/regions/:region/frontdesks/:id/slots",
  "GET /api/v1/regions/:region/slots/earliest",
  "POST /api/v1/regions/:region/appointments",
  "GET /api/v1/appointments/:token",
  "GET /api/v1/appointments/:token/ics",
  "POST /api/v1/appointments/:token/cancel",
  "POST /api/v1/appointments/:token/reschedule",
  "POST /api/v1/auth/login",
  "GET /api/v1/auth/me",
  "POST /api/v1/auth/accept-invitation",
  "POST /api/v1/auth/password-reset",
  "POST /api/v1/auth/password-reset/confirm",
  "POST /api/v1/regions/:region/candidates/self-registration",
  "GET /api/v1/organisations",
  "GET /api/v1/organisations/:org",
  "GET /api/v1/offers",
  "GET /api/v1/offers/:slug",
  "GET /api/v1/offers/:slug/talk-to-a-desk",
]);

type Fetcher = (path: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<Response>;

interface Identity {
  label: string;
  headers: Record<string, string>;
  role: Role | null;
  /** "A" = the other region, "B" = the region whose data is targeted, null = platform-wide or none. */
  region: "A" | "B" | null;
  /** Partners: "A" = an organisation of region A, "B" = the targeted organisation (home region B). */
  organisation?: "A" | "B";
}

interface Target {
  slug: string;
  /** Region B's organisation (catalogue), whose offers only its partners and region B's admins may touch. */
  org: string;
  ids: { frontdesk: string; appointment: string; user: string; outbox: string; closure: string; offer: string };
  /** Strings that only region B's private data contains. */
  markers: string[];
}

interface Failure {
  route: string;
  who: string;
  status: number;
  why: string;
}

function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** Fills a Hono path with region B's slug and real ids of region B's objects (random ids where none fits). */
function fillPath(path: string, target: Target): string {
  const parts = path.split("/");
  return parts
    .map((part, i) => {
      if (!part.startsWith(":")) return part;
      const before = parts[i - 1];
      if (part === ":region") return target.slug;
      if (part === ":org") return target.org;
      if (part === ":closureId") return target.ids.closure;
      if (part === ":id") {
        if (before === "frontdesks") return target.ids.frontdesk;
        if (before === "appointments") return target.ids.appointment;
        if (before === "users") return target.ids.user;
        if (before === "notifications") return target.ids.outbox;
        if (before === "offers") return target.ids.offer;
      }
      return newId();
    })
    .join("/");
}

/**
 * Tries every non-public /api/v1 route of `app` as every identity and returns what leaked.
 * Never throws on a leak: the failures are the result.
 */
async function checkRouteIsolation(
  app: { routes: { method: string; path: string }[] },
  endpoints: Endpoint[],
  fetcher: Fetcher,
  identities: Identity[],
  target: Target,
): Promise<{ failures: Failure[]; checked: number }> {
  const failures: Failure[] = [];
  const byKey = new Map(endpoints.map((e) => [routeKey(e.method, `/api/v1${e.path}`), e]));
  const seen = new Set<string>();
  let checked = 0;
  for (const route of app.routes) {
    if (!route.path.startsWith("/api/v1/") || route.method === "ALL" || route.method === "HEAD") continue;
    const key = routeKey(route.method, route.path);
    if (seen.has(key)) continue;
    seen.add(key);
    const endpoint = byKey.get(key);
    if (!endpoint) failures.push({ route: key, who: "-", status: 0, why: "registered outside apiEndpoints(): its access rule is unknown" });
    if (PUBLIC_ROUTES.has(key) && endpoint?.access.kind === "public") continue;
    if (endpoint?.access.kind === "public") failures.push({ route: key, who: "-", status: 0, why: "declared public but not in the PUBLIC_ROUTES whitelist" });

    const admitted: readonly Role[] = endpoint?.access.kind === "users" ? endpoint.access.roles : [];
    const regional = route.path.includes("/:region");
    const organisational = route.path.includes("/:org");
    const path = fillPath(route.path, target);
    const unsafe = route.method !== "GET";
    for (const who of identities) {
      if (who.role === "platform_admin") continue; // admitted everywhere by design
      let allowed: number[];
      if (who.role === null) allowed = regional ? [401, 404] : [401];
      else if (organisational && (who.region === "A" || who.organisation === "A")) {
        // Region B's organisation: its partners and region B's admins only; anyone else admitted by role is told it does not exist.
        allowed = admitted.includes(who.role) ? [404] : [403];
      } else if (who.region === "A") {
        if (!regional && admitted.includes(who.role)) continue; // a route about the caller, not about region B
        allowed = regional ? [404] : [403];
      } else {
        if (admitted.includes(who.role)) continue; // legitimately admitted (e.g. region B's admin)
        allowed = [403, 404];
      }
      checked++;
      const response = await fetcher(path, {
        method: route.method,
        headers: { ...who.headers, ...(unsafe ? { "content-type": "application/json" } : {}) },
        ...(unsafe ? { body: "{}" } : {}),
      });
      const text = await response.text();
      if (!allowed.includes(response.status))
        failures.push({ route: key, who: who.label, status: response.status, why: `expected one of ${allowed.join(", ")}` });
      const marker = target.markers.find((m) => text.includes(m));
      if (marker) failures.push({ route: key, who: who.label, status: response.status, why: `the body shows region B's data (${marker})` });
    }
  }
  return { failures, checked };
}

let platform: TestPlatform;
let identities: Identity[];
let target: Target;

beforeAll(async () => {
  platform = await startTestPlatform();
  const c = platform.client;
  const regionA = await createRegion(c);
  const regionB = await createRegion(c);
  const deskA = await createFrontdesk(c, regionA);
  const deskB = await createFrontdesk(c, regionB, { name: `Geheim-loket-B-${newId()}` });

  const secretEmail = `geheim-b-${Date.now()}@example.test`;
  const secretName = `Bettie Geheim ${newId()}`;
  const appointmentId = await insertAppointment(c, deskB, {
    startAt: Date.now() + 3 * 86_400_000,
    name: secretName,
    email: secretEmail,
    question: "Geheime vraag B",
    createdAt: Date.now(),
  });
  const outboxId = newId();
  const closureId = newId();
  const db = testDb(c);
  await db.batch([
    db.insert(outbox).values({
      id: outboxId,
      regionId: regionB.id,
      appointmentId,
      kind: "confirmation",
      dedupeKey: newId(),
      recipient: secretEmail,
      subject: "Bevestiging",
      textBody: "tekst",
      htmlBody: "<p>html</p>",
      status: "failed",
      attempts: 6,
      nextAttemptAt: Date.now(),
      createdAt: Date.now(),
    }),
    db.insert(closures).values({
      id: closureId,
      regionId: regionB.id,
      frontdeskId: deskB.id,
      fromDate: amsterdamDate(60),
      toDate: amsterdamDate(61),
      reason: "Geheime sluiting B",
      createdAt: Date.now(),
    }),
  ]);

  const staffB = await createUser(c, "consultant", regionB);
  const orgA = await createOrganisation(c, regionA);
  const orgB = await createOrganisation(c, regionB);
  const offerB = offerBody(regionB, { title: `Geheim concept-aanbod B ${newId()}` });
  const offerId = newId();
  await c.execute({
    sql: `insert into offers (id, seq, slug, organisation_id, title, summary, description, kind, topics, audiences, phases, regions, municipalities, cost, how_to_apply, last_checked_at, status, created_at, updated_at)
          values (?, 1, ?, ?, ?, 'Geheime samenvatting B', 'Geheime omschrijving B', 'subsidy', '["subsidies"]', '["starter"]', '["plan"]', ?, '[]', 'free', 'Geheim', ?, 'in_review', ?, ?)`,
    args: [offerId, `geheim-${offerId.toLowerCase()}`, orgB.id, String(offerB.title), JSON.stringify([regionB.slug]), Date.now(), Date.now(), Date.now()],
  });
  const partner = async (label: string, org: OrganisationFixture, side: "A" | "B"): Promise<Identity> => ({
    label,
    role: "partner",
    region: null,
    organisation: side,
    headers: await signInAs(platform, await createPartner(c, org)),
  });
  const make = async (label: string, role: Role, region: "A" | "B" | null): Promise<Identity> => {
    const fixtureRegion = region === "A" ? regionA : region === "B" ? regionB : null;
    const desks = role === "frontdesk_staff" ? [region === "A" ? deskA : deskB] : [];
    const user = await createUser(c, role, fixtureRegion, desks);
    return { label, role, region, headers: await signInAs(platform, user) };
  };
  identities = [
    { label: "no session", role: null, region: null, headers: { origin: ORIGIN } },
    await make("region A admin", "region_admin", "A"),
    await make("region A frontdesk staff", "frontdesk_staff", "A"),
    await make("region A consultant", "consultant", "A"),
    await make("province viewer", "province_viewer", null),
    await make("region B admin", "region_admin", "B"),
    await make("region B frontdesk staff", "frontdesk_staff", "B"),
    await make("region B consultant", "consultant", "B"),
    await partner("partner of an organisation of region A", orgA, "A"),
    await partner("partner of region B's organisation", orgB, "B"),
  ];
  target = {
    slug: regionB.slug,
    org: orgB.slug,
    ids: { frontdesk: deskB.id, appointment: appointmentId, user: staffB.id, outbox: outboxId, closure: closureId, offer: offerId },
    markers: [secretEmail, secretName, "Geheime vraag B", staffB.email, "Geheime sluiting B", String(offerB.title), "Geheime omschrijving B"],
  };
});
afterAll(async () => {
  await platform?.close();
});
// The in-process app logs one line per request; keep the output readable.
vi.spyOn(console, "log").mockImplementation(() => undefined);

const workerFetch: Fetcher = (path, init) => platform.fetch(path, init as RequestInit);

describe("route isolation", () => {
  it("should list exactly the whitelisted public routes as public", () => {
    const declaredPublic = apiEndpoints()
      .filter((e) => e.access.kind === "public")
      .map((e) => routeKey(e.method, `/api/v1${e.path}`))
      .sort();
    expect(declaredPublic).toEqual([...PUBLIC_ROUTES].sort());
  });

  it("should register every /api/v1 route through the endpoint registry", () => {
    const registry = new Set(apiEndpoints().map((e) => routeKey(e.method, `/api/v1${e.path}`)));
    const outside = createApp()
      .routes.filter((r) => r.path.startsWith("/api/v1/") && r.method !== "ALL")
      .map((r) => routeKey(r.method, r.path))
      .filter((k) => !registry.has(k));
    expect(outside).toEqual([]);
  });

  // Hundreds of requests: on a busy machine this takes far longer than one ordinary test.
  it("should never give another region's user, a lower role or an anonymous caller a 2xx or any of the region's data", { timeout: 120_000 }, async () => {
    const { failures, checked } = await checkRouteIsolation(createApp(), apiEndpoints(), workerFetch, identities, target);
    expect(checked).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });

  it("should catch a route that was added without protection", async () => {
    const leak = defineEndpoint({
      method: "get",
      path: "/regions/:region/admin/leak",
      tag: "Test",
      summary: "A deliberately unprotected route",
      access: PUBLIC,
      params: v.object({ region: v.string() }),
      responses: { 200: { description: "Leaks", schema: v.object({ rows: v.array(v.unknown()) }) } },
      handler: async (c) => {
        const rows = await c.var.db.client.execute({ sql: "select email, name from appointments where region_id = ?", args: [c.var.region.id] });
        return c.json({ rows: rows.rows });
      },
    });
    const app = createApp([leak]);
    const env = { LIBSQL_URL: platform.dbUrl, APP_ENV: "test" };
    const inProcess: Fetcher = async (path, init) => app.request(`${ORIGIN}${path}`, init, env);
    const onlyLeak = { routes: app.routes.filter((r) => r.path.endsWith("/admin/leak")) };
    expect(onlyLeak.routes.length).toBeGreaterThan(0);
    const { failures } = await checkRouteIsolation(onlyLeak, [...apiEndpoints(), leak], inProcess, identities, target);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.some((f) => f.why.includes("whitelist"))).toBe(true);
    expect(failures.some((f) => f.who === "no session" && f.status === 200)).toBe(true);
    expect(failures.some((f) => f.why.includes("region B's data"))).toBe(true);
  });

  it("should report a route registered outside the registry", async () => {
    const app = createApp();
    app.get("/api/v1/regions/:region/admin/sneaky", (c) => c.json({ ok: true }));
    const env = { LIBSQL_URL: platform.dbUrl, APP_ENV: "test" };
    const inProcess: Fetcher = async (path, init) => app.request(`${ORIGIN}${path}`, init, env);
    const { failures } = await checkRouteIsolation(
      { routes: app.routes.filter((r) => r.path.endsWith("/sneaky")) },
      apiEndpoints(),
      inProcess,
      identities,
      target,
    );
    expect(failures.some((f) => f.why.includes("outside apiEndpoints"))).toBe(true);
  });
});
