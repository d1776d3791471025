/**
 * The route-enumerating isolation test. Every /api/v1 route the Hono app registers is
 * tried, through the real Worker, by every kind of caller that must NOT get at region B's
 * data: no session, each role of region A, the province viewer, and each role of region B
 * that the route does not admit. A signed-in entrepreneur (issue 17) reaches no staff route,
 * and on the `/me` routes, which nobody else reaches, never sees region B's entrepreneur. API keys (issue 20) are callers too:
 * a key of region A or of region A's organisation reaches nothing of region B or its organisation (404), and region B's
 * own keys reach only the routes their scopes open (403 elsewhere). None may get a 2xx or see any of region B's data.
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
import { addMembership, createFrontdesk, createRegion, createUser, insertAppointment, signInAs, testDb } from "../support/factories";
import { createOrganisation, createPartner, offerBody, type OrganisationFixture } from "../support/catalogue";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";
import { amsterdamDate } from "../support/slots";
import { signInAsEntrepreneur } from "../support/entrepreneurs";
import { keyRouteOwner } from "../../src/http/key-access";
import { KEY_SCOPES, type KeyOwnerKind } from "../../src/features/auth/policy";
import { createKey } from "../support/api-keys";

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
  "POST /api/v1/me/login-link",
  "POST /api/v1/me/login",
  "GET /api/v1/events",
  "GET /api/v1/events/:slug",
  "POST /api/v1/events/:slug/registrations",
  "GET /api/v1/registrations/:token",
  "GET /api/v1/registrations/:token/ics",
  "POST /api/v1/registrations/:token/cancel",
  "POST /api/v1/registrations/:token/feedback",
  "GET /api/v1/regions/:region/events.ics",
  "GET /api/v1/referrals/:token",
  "POST /api/v1/referrals/:token/withdraw",
  "GET /api/v1/kvk/:kvkNumber",
  // Knowledge square (issue 18): published questions and stories are public.
  "GET /api/v1/questions",
  "GET /api/v1/questions/:id",
  "GET /api/v1/stories",
  "GET /api/v1/stories/:slug",
]);

/** Routes that end the caller's own session or account: the entrepreneur identity leaves them out (the privacy tests cover them). */
const ENDS_OWN_SESSION = new Set(["POST /api/v1/me/logout", "DELETE /api/v1/me"]);

type Fetcher = (path: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<Response>;

interface Identity {
  label: string;
  headers: Record<string, string>;
  /** `entrepreneur`: a signed-in entrepreneur (issue 17), who is never a staff role. */
  role: Role | "entrepreneur" | null;
  /** "A" = the other region, "B" = the region whose data is targeted, null = platform-wide or none. */
  region: "A" | "B" | null;
  /** Partners: "A" = an organisation of region A, "B" = the targeted organisation (home region B). */
  organisation?: "A" | "B";
  /** An API key instead of a session: whose (region A's or B's, or their organisation's) and with which scopes. */
  key?: { owner: KeyOwnerKind; side: "A" | "B"; scopes: readonly string[] };
}

interface Target {
  slug: string;
  /** Region B's organisation (catalogue), whose offers only its partners and region B's admins may touch. */
  org: string;
  ids: {
    frontdesk: string;
    appointment: string;
    user: string;
    outbox: string;
    closure: string;
    offer: string;
    event: string;
    registration: string;
    referral: string;
    /** A pending question of region B (knowledge square, issue 18), for the moderation routes. */
    question: string;
  };
  /** A published offer that region B's entrepreneur keeps (bookmark routes). */
  bookmarkedOfferSlug: string;
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
      if (part === ":offerSlug") return target.bookmarkedOfferSlug;
      if (part === ":registrationId") return target.ids.registration;
      if (part === ":kind") return "question";
      if (part === ":id") {
        if (before === "frontdesks") return target.ids.frontdesk;
        if (before === "appointments") return target.ids.appointment;
        if (before === "users") return target.ids.user;
        if (before === "notifications") return target.ids.outbox;
        if (before === "offers") return target.ids.offer;
        if (before === "events") return target.ids.event;
        if (before === "referrals") return target.ids.referral;
        if (before === "question") return target.ids.question;
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

    const admitted: readonly Role[] = endpoint?.access.kind === "users" || endpoint?.access.kind === "member" ? endpoint.access.roles : [];
    const forEntrepreneurs = endpoint?.access.kind === "entrepreneur";
    // Knowledge square (issue 18): an entrepreneur session or one of the staff roles.
    const forMembers = endpoint?.access.kind === "member";
    const regional = route.path.includes("/:region");
    const organisational = route.path.includes("/:org");
    const path = fillPath(route.path, target);
    const unsafe = route.method !== "GET";
    for (const who of identities) {
      let allowed: number[];
      if (who.key) {
        // A key: its own owner's routes of its scopes only; another region's or organisation's are unknown to it.
        const owner = keyRouteOwner(route.path);
        const scope = endpoint?.keyScope;
        if (forEntrepreneurs) allowed = [401];
        else if (owner === who.key.owner && who.key.side === "A") allowed = [404];
        else if (owner === who.key.owner && scope !== undefined && who.key.scopes.includes(scope))
          continue; // region B's own key, in scope
        else allowed = [403];
      } else if (forEntrepreneurs) {
        // Only an entrepreneur session reaches /me, and only its own data: anyone else's appointment is unknown.
        if (who.role !== "entrepreneur") allowed = [401];
        else if (ENDS_OWN_SESSION.has(key)) continue;
        // (400 for a body that is not valid: validation comes before the lookup and says nothing about the target.)
        else allowed = route.path.includes("/:id") ? [400, 404] : [200, 201, 204, 400, 404];
      } else if (forMembers && who.role === "entrepreneur") {
        // Not about a region: region B's ids are unknown or refused here, never shown (400 for the empty body).
        allowed = [200, 202, 400, 404];
      } else if (who.role === "platform_admin")
        continue; // admitted everywhere by design
      else if (who.role === null || who.role === "entrepreneur") allowed = regional ? [401, 404] : [401];
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
let regionASlug: string;
let orgASlug: string;

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
  // Events (issue 16): an event of region B's organisation; its join link and its participant are private.
  const eventId = newId();
  const eventTitle = `Geheime masterclass B ${newId()}`;
  const eventStart = Date.now() + 5 * 86_400_000;
  await c.execute({
    sql: `insert into events (id, seq, slug, region_id, organisation_id, title, summary, description, type, format, topics, audiences, regions, location, join_url,
            capacity, registration_deadline, contact, first_start_at, last_end_at, status, version, change_ref, created_at, updated_at)
          values (?, 1, ?, ?, ?, ?, 'Geheime samenvatting', 'Geheim', 'masterclass', 'online', '["financiering"]', '[]', ?, null, 'https://meet.example.test/geheim-b',
            10, ?, '{"name":"B","email":"b@example.test"}', ?, ?, 'published', 0, ?, ?, ?)`,
    args: [
      eventId,
      `geheim-${eventId.toLowerCase()}`,
      regionB.id,
      orgB.id,
      eventTitle,
      JSON.stringify([regionB.slug]),
      eventStart,
      eventStart,
      eventStart + 3_600_000,
      newId(),
      Date.now(),
      Date.now(),
    ],
  });
  await c.execute({
    sql: "insert into event_sessions (event_id, idx, region_id, start_at, end_at) values (?, 0, ?, ?, ?)",
    args: [eventId, regionB.id, eventStart, eventStart + 3_600_000],
  });
  const registrationId = newId();
  const participantName = `Deelnemer Geheim ${newId()}`;
  await c.execute({
    sql: `insert into event_registrations (id, region_id, event_id, seq, status, locale, name, email, consent_at, follow_up_consent, manage_token_hash, created_at, updated_at)
          values (?, ?, ?, 1, 'confirmed', 'nl', ?, ?, ?, 1, ?, ?, ?)`,
    args: [registrationId, regionB.id, eventId, participantName, `deelnemer-${secretEmail}`, Date.now(), newId(), Date.now(), Date.now()],
  });
  // Referrals (issue 15): region B refers its entrepreneur to region B's organisation; the contact and the note are private.
  const referralId = newId();
  const referralNote = `Geheime doorverwijzing B ${newId()}`;
  await c.execute({
    sql: `insert into referrals (id, region_id, to_region_id, organisation_id, topic, consent_to_share, status, locale, note, name, email, due_at, created_at, updated_at)
          values (?, ?, ?, ?, 'financiering', 1, 'sent', 'nl', ?, ?, ?, ?, ?, ?)`,
    args: [referralId, regionB.id, regionB.id, orgB.id, referralNote, secretName, secretEmail, Date.now() + 86_400_000, Date.now(), Date.now()],
  });
  // Two cross-region referrals with region B on one side and a third region C on the other: C refers
  // to region B's organisation, B refers to C's organisation. Region A (its admins, staff and the
  // partners of its organisation) never sees either.
  const regionC = await createRegion(c);
  const orgC = await createOrganisation(c, regionC);
  const cross = [
    { from: regionC.id, to: regionB.id, org: orgB.id, note: `Geheime doorverwijzing C naar B ${newId()}` },
    { from: regionB.id, to: regionC.id, org: orgC.id, note: `Geheime doorverwijzing B naar C ${newId()}` },
  ];
  const crossNotes = cross.map((r) => r.note);
  for (const { from, to, org, note } of cross) {
    await c.execute({
      sql: `insert into referrals (id, region_id, to_region_id, organisation_id, topic, consent_to_share, status, locale, note, name, email, due_at, created_at, updated_at)
            values (?, ?, ?, ?, 'financiering', 1, 'sent', 'nl', ?, ?, ?, ?, ?, ?)`,
      args: [newId(), from, to, org, note, secretName, secretEmail, Date.now() + 86_400_000, Date.now(), Date.now()],
    });
  }
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
  // Region B's entrepreneur (the address of the secret appointment) keeps an account with a profile and a bookmark.
  const secretEntrepreneur = await signInAsEntrepreneur(platform, secretEmail);
  const secretCompany = `Geheim Profiel B ${newId()}`;
  await platform.fetch("/api/v1/me/profile", { method: "PUT", json: { companyName: secretCompany, kvkNumber: "99887766" }, headers: secretEntrepreneur });
  const bookmarkedOfferSlug = `publiek-${newId()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")}`;
  await c.execute({
    sql: `insert into offers (id, seq, slug, organisation_id, title, summary, description, kind, topics, audiences, phases, regions, municipalities, cost, how_to_apply, last_checked_at, status, created_at, updated_at)
          values (?, 2, ?, ?, 'Publiek aanbod', 'Samenvatting', 'Omschrijving', 'advice', '["subsidies"]', '["starter"]', '["plan"]', ?, '[]', 'free', 'Aanvragen', ?, 'published', ?, ?)`,
    args: [newId(), bookmarkedOfferSlug, orgB.id, JSON.stringify([regionB.slug]), Date.now(), Date.now(), Date.now()],
  });
  // Knowledge square (issue 18): region B's entrepreneur asks a first question (pending: visible to region B's moderators only).
  const questionTitle = `Geheime eerste vraag B ${newId()}`;
  const asked = await platform.fetch("/api/v1/questions", {
    method: "POST",
    headers: secretEntrepreneur,
    json: { title: questionTitle, body: "Een vraag die alleen de moderatoren van regio B mogen zien.", topic: "overig", region: regionB.slug, anonymous: true },
  });
  if (asked.status !== 201) throw new Error(`question: ${asked.status}`);
  const questionId = ((await asked.json()) as { question: { id: string } }).question.id;
  const bookmarked = await platform.fetch(`/api/v1/me/bookmarks/${bookmarkedOfferSlug}`, { method: "PUT", headers: secretEntrepreneur });
  if (bookmarked.status !== 201) throw new Error(`bookmark: ${bookmarked.status}`);
  identities = [
    { label: "no session", role: null, region: null, headers: { origin: ORIGIN } },
    { label: "another entrepreneur", role: "entrepreneur", region: null, headers: await signInAsEntrepreneur(platform, `ander-${newId()}@ondernemer.test`) },
    await make("region A admin", "region_admin", "A"),
    await make("region A frontdesk staff", "frontdesk_staff", "A"),
    await make("region A consultant", "consultant", "A"),
    await make("province viewer", "province_viewer", null),
    // Issue 19: the programme office (admitted by role where the policy says so, else 403/404),
    // a municipality viewer (aggregates of one municipality only), and a member of regions A and C.
    await make("programme office", "programme_office", null),
    await make("municipality viewer", "municipality_viewer", null),
    await (async (): Promise<Identity> => {
      const user = await createUser(c, "consultant", regionA);
      // Issue 19: also an admin of region C (the third region above): that membership opens nothing of region B.
      await addMembership(c, user, regionC, "region_admin");
      return { label: "consultant of region A and admin of region C", role: "consultant", region: "A", headers: await signInAs(platform, user) };
    })(),
    await make("region B admin", "region_admin", "B"),
    await make("region B frontdesk staff", "frontdesk_staff", "B"),
    await make("region B consultant", "consultant", "B"),
    await partner("partner of an organisation of region A", orgA, "A"),
    await partner("partner of region B's organisation", orgB, "B"),
  ];
  // API keys (issue 20), made by their owners' managers through the API.
  const managerOf = (label: string) => identities.find((i) => i.label === label)?.headers ?? {};
  const keyIdentity = async (label: string, owner: KeyOwnerKind, side: "A" | "B", scopes: readonly string[]): Promise<Identity> => {
    const path =
      owner === "region"
        ? `/api/v1/regions/${side === "A" ? regionA.slug : regionB.slug}/admin/api-keys`
        : `/api/v1/organisations/${side === "A" ? orgA.slug : orgB.slug}/api-keys`;
    const manager = managerOf(
      owner === "region" ? `region ${side} admin` : side === "A" ? "partner of an organisation of region A" : "partner of region B's organisation",
    );
    const key = await createKey(platform, path, manager, [...scopes]);
    return { label, role: null, region: side, key: { owner, side, scopes }, headers: key.headers };
  };
  identities.push(
    await keyIdentity("region A's key with every scope", "region", "A", KEY_SCOPES.region),
    await keyIdentity("key of region A's organisation with every scope", "organisation", "A", KEY_SCOPES.organisation),
    await keyIdentity("region B's key with reports:read only", "region", "B", ["reports:read"]),
    await keyIdentity("key of region B's organisation with referrals:read only", "organisation", "B", ["referrals:read"]),
  );
  target = {
    slug: regionB.slug,
    org: orgB.slug,
    ids: {
      frontdesk: deskB.id,
      appointment: appointmentId,
      user: staffB.id,
      outbox: outboxId,
      closure: closureId,
      offer: offerId,
      event: eventId,
      registration: registrationId,
      referral: referralId,
      question: questionId,
    },
    markers: [
      referralNote,
      ...crossNotes,
      secretEmail,
      secretName,
      "Geheime vraag B",
      staffB.email,
      "Geheime sluiting B",
      String(offerB.title),
      "Geheime omschrijving B",
      eventTitle,
      participantName,
      "geheim-b",
      secretCompany,
      questionTitle,
    ],
    bookmarkedOfferSlug,
  };
  regionASlug = regionA.slug;
  orgASlug = orgA.slug;
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

  it("should let an organisation or a region reach only its own events, also through its own path with another's event id", async () => {
    const eventRoutes = apiEndpoints().filter((e) => e.path.includes("/events/:id"));
    expect(eventRoutes.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const endpoint of eventRoutes) {
      const own = endpoint.path.startsWith("/organisations/") ? orgASlug : regionASlug;
      const who = identities.find((i) => (endpoint.path.startsWith("/organisations/") ? i.organisation === "A" : i.label === "region A admin"));
      if (!who) throw new Error("identity missing");
      const path = `/api/v1${endpoint.path}`
        .replace(":org", own)
        .replace(":region", own)
        .replace(":id", target.ids.event)
        .replace(":registrationId", target.ids.registration);
      const unsafe = endpoint.method !== "get";
      const response = await workerFetch(path, {
        method: endpoint.method.toUpperCase(),
        headers: { ...who.headers, ...(unsafe ? { "content-type": "application/json" } : {}) },
        ...(unsafe
          ? {
              body: JSON.stringify({
                registrationId: target.ids.registration,
                sessionIndex: 0,
                attended: true,
                title: "Overgenomen",
                decision: "approve",
                subject: "x",
                body: "y",
              }),
            }
          : {}),
      });
      const text = await response.text();
      if (response.status !== 404) failures.push(`${endpoint.method} ${endpoint.path} as ${who.label}: ${response.status}`);
      if (target.markers.some((m) => text.includes(m))) failures.push(`${endpoint.method} ${endpoint.path} as ${who.label}: shows region B's event`);
    }
    expect(failures).toEqual([]);
    const title = await platform.client.execute({ sql: "select title, change_ref from events where id = ?", args: [target.ids.event] });
    expect(String(title.rows[0]?.title)).not.toBe("Overgenomen");
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
