/**
 * Round-trip budgets (issue 12): how many HTTP requests reach the libSQL server for one
 * Worker request, counted by the server itself (`server.stats().requests`). Each is a
 * network hop to Turso in production (10–40 ms). Budgets:
 * - every public GET (API and pages): ≤ 1, also on a cache hit;
 * - booking, cancel and reschedule: ≤ 2 before the answer (mail goes out afterwards, in
 *   `waitUntil`; this file runs with MAIL_TRANSPORT=log so no delivery runs at all);
 * - signed-in pages and API reads, the province summary included: ≤ 2 with the session.
 *
 * ROUTES lists every measured request with its budget; EXPECTED is the table of today's
 * counts, so a change that adds a round trip anywhere fails with a readable diff. To add a
 * route: one line in ROUTES, one in EXPECTED.
 *
 * Each count is taken once the request's after-answer work is done (`settle`), so it never
 * depends on timing. A few public reads count an anonymous insight (a search, an offer
 * view, a desk click) in one write after the answer (`countAfterAnswer`, in `waitUntil`):
 * such a route declares it as `afterAnswer`, and its budget applies to the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORIGIN, startTestPlatform, type TestPlatform, settleDatabase } from "../support/platform";
import { createFrontdesk, createRegion, createUser, signInAs, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { amsterdamDate, bookingBody, futureSlot, listSlots, type BookingAnswer } from "../support/slots";
import { createOrganisation, createPartner, offerBody, type OrganisationFixture } from "../support/catalogue";
import { createEventAs, eventBody, registerOk, registrationBody } from "../support/events";
import { signInAsEntrepreneur } from "../support/entrepreneurs";
import { createKey } from "../support/api-keys";

type Who =
  | "anonymous"
  | "region_admin"
  | "frontdesk_staff"
  | "consultant"
  | "province_viewer"
  | "platform_admin"
  | "partner"
  | "entrepreneur"
  | "region_key"
  | "org_key";

interface RouteCase {
  /** Shown in the table: method and path pattern. */
  name: string;
  budget: 1 | 2;
  /** Round trips the route makes after its answer, by design (an anonymous insight counter). */
  afterAnswer?: 1;
  /**
   * A route from main that does not meet its budget yet (merged after issue 12's work): its
   * count is pinned in EXPECTED so it cannot grow, and it is listed as open work, not passed.
   */
  overBudget?: string;
  as: Who;
  /** The request: a path, or a function for writes that need fresh data. */
  request: () => Promise<{ path: string; init?: RequestInit & { json?: unknown } }>;
  status: number;
}

let platform: TestPlatform;
let region: RegionFixture;
let desk: FrontdeskFixture;
let candidateId = "";
let org: OrganisationFixture;
let offer = { slug: "" };
let eventSlug = "";
/** A referral of the region's desk to the region's organisation, and the entrepreneur's link to it. */
const referral = { id: "", token: "" };
/** The signed-in entrepreneur's address (their appointments are booked with it). */
const ENTREPRENEUR_EMAIL = `ondernemer-${Date.now().toString(36)}@bakkerij.test`;
const headers: Partial<Record<Who, Record<string, string>>> = {};
const measured: Record<string, number> = {};

async function bookFresh(index: number, email?: string): Promise<BookingAnswer> {
  const slot = await futureSlot(platform, region, desk, 4, index);
  const body = email
    ? bookingBody(desk, slot.start, { entrepreneur: { name: "Anna de Vries", email, companyName: "Bakkerij De Vries" } })
    : bookingBody(desk, slot.start);
  const response = await platform.fetch(`/api/v1/regions/${region.slug}/appointments`, { method: "POST", json: body });
  if (response.status !== 201) throw new Error(`booking: ${response.status} ${await response.text()}`);
  return (await response.json()) as BookingAnswer;
}

const get = (path: string) => async () => ({ path });

/** A published question of the knowledge square (asked through the API, published by the region's admin), made once. */
let questionMade: Promise<{ id: string; answerId: string }> | null = null;
function publishedQuestion(): Promise<{ id: string; answerId: string }> {
  questionMade ??= (async () => {
    const asked = await platform.fetch("/api/v1/questions", {
      method: "POST",
      headers: { ...headers.entrepreneur, origin: ORIGIN },
      json: {
        title: "Hoe vind ik financiering voor een tweede vestiging?",
        body: "Ik wil groeien en zoek geld voor een tweede winkel.",
        topic: "financiering",
        anonymous: false,
      },
    });
    const id = ((await asked.json()) as { question: { id: string } }).question.id;
    await platform.fetch(`/api/v1/regions/${region.slug}/admin/moderation/question/${id}`, {
      method: "POST",
      headers: { ...headers.region_admin, origin: ORIGIN },
      json: { action: "publish" },
    });
    const answered = await platform.fetch(`/api/v1/questions/${id}/answers`, {
      method: "POST",
      headers: { ...headers.partner, origin: ORIGIN },
      json: { body: "Kijk naar een lening." },
    });
    return { id, answerId: ((await answered.json()) as { answer: { id: string } }).answer.id };
  })();
  return questionMade;
}

/** The second page of the catalogue (a cursor from the first page, fetched before counting). */
async function nextOffersPage(): Promise<{ path: string }> {
  const first = await platform.fetch("/api/v1/offers?limit=1");
  const { nextCursor } = (await first.json()) as { nextCursor: string | null };
  if (!nextCursor) throw new Error("the catalogue has one page only");
  return { path: `/api/v1/offers?limit=1&cursor=${encodeURIComponent(nextCursor)}` };
}

/** Public routes first (budget 1), then writes (2), then signed-in routes (2). */
function routes(): RouteCase[] {
  const r = () => region.slug;
  const today = amsterdamDate(0);
  return [
    { name: "GET /api/v1/health", budget: 1, as: "anonymous", request: get("/api/v1/health"), status: 200 },
    { name: "GET /api/v1/regions", budget: 1, as: "anonymous", request: get("/api/v1/regions"), status: 200 },
    { name: "GET /api/v1/regions/{region}", budget: 1, as: "anonymous", request: get(`/api/v1/regions/${r()}`), status: 200 },
    { name: "GET /api/v1/regions/{region}/frontdesks", budget: 1, as: "anonymous", request: get(`/api/v1/regions/${r()}/frontdesks`), status: 200 },
    { name: "GET …/frontdesks/{id}", budget: 1, as: "anonymous", request: get(`/api/v1/regions/${r()}/frontdesks/${desk.id}`), status: 200 },
    { name: "GET …/frontdesks/{id} (cache hit)", budget: 1, as: "anonymous", request: get(`/api/v1/regions/${r()}/frontdesks/${desk.id}`), status: 200 },
    { name: "GET …/frontdesks/{id}/slots", budget: 1, as: "anonymous", request: get(`/api/v1/regions/${r()}/frontdesks/${desk.id}/slots`), status: 200 },
    {
      name: "GET …/frontdesks/{id}/slots (cache hit)",
      budget: 1,
      as: "anonymous",
      request: get(`/api/v1/regions/${r()}/frontdesks/${desk.id}/slots`),
      status: 200,
    },
    { name: "GET …/slots/earliest", budget: 1, as: "anonymous", request: get(`/api/v1/regions/${r()}/slots/earliest`), status: 200 },
    { name: "GET …/slots/earliest (cache hit)", budget: 1, as: "anonymous", request: get(`/api/v1/regions/${r()}/slots/earliest`), status: 200 },
    {
      name: "GET …/slots/earliest?topic=…",
      budget: 1,
      as: "anonymous",
      request: get(`/api/v1/regions/${r()}/slots/earliest?topic=financiering&limit=3`),
      status: 200,
    },
    { name: "GET /api/v1/regions/{unknown}/frontdesks", budget: 1, as: "anonymous", request: get("/api/v1/regions/nergens/frontdesks"), status: 404 },
    { name: "GET /", budget: 1, as: "anonymous", request: get("/"), status: 200 },
    { name: "GET /boeken/{region}", budget: 1, as: "anonymous", request: get(`/boeken/${r()}`), status: 200 },
    { name: "GET /boeken/{region}?topic=…", budget: 1, as: "anonymous", request: get(`/boeken/${r()}?topic=financiering&mode=video`), status: 200 },
    { name: "GET /boeken/{region}/loket/{id}", budget: 1, as: "anonymous", request: get(`/boeken/${r()}/loket/${desk.id}`), status: 200 },
    {
      name: "GET /boeken/{region}/loket/{id}/afspraak",
      budget: 1,
      as: "anonymous",
      request: async () => ({
        path: `/boeken/${r()}/loket/${desk.id}/afspraak?start=${encodeURIComponent((await futureSlot(platform, region, desk, 5)).start)}`,
      }),
      status: 200,
    },
    {
      name: "GET /api/v1/appointments/{token}",
      budget: 1,
      as: "anonymous",
      request: async () => ({ path: `/api/v1/appointments/${(await bookFresh(0)).manageToken}` }),
      status: 200,
    },
    {
      name: "GET /afspraak/{token}",
      budget: 1,
      as: "anonymous",
      request: async () => ({ path: `/afspraak/${(await bookFresh(0)).manageToken}` }),
      status: 200,
    },
    {
      name: "GET /api/v1/appointments/{token}/ics",
      budget: 1,
      as: "anonymous",
      request: async () => ({ path: `/api/v1/appointments/${(await bookFresh(0)).manageToken}/ics` }),
      status: 200,
    },
    { name: "GET /boeken/{region}/begeleidingstraject", budget: 1, as: "anonymous", request: get(`/boeken/${r()}/begeleidingstraject`), status: 200 },
    { name: "GET /api/v1/openapi.json", budget: 1, as: "anonymous", request: get("/api/v1/openapi.json"), status: 200 },
    { name: "GET /boeken/{region} (signed in)", budget: 2, as: "region_admin", request: get(`/boeken/${r()}`), status: 200 },
    {
      name: "POST /api/v1/regions/{region}/appointments",
      budget: 2,
      as: "anonymous",
      request: async () => ({
        path: `/api/v1/regions/${r()}/appointments`,
        init: { method: "POST", json: bookingBody(desk, (await futureSlot(platform, region, desk, 6)).start) },
      }),
      status: 201,
    },
    {
      name: "POST …/appointments (Idempotency-Key)",
      budget: 2,
      as: "anonymous",
      request: async () => ({
        path: `/api/v1/regions/${r()}/appointments`,
        init: {
          method: "POST",
          json: bookingBody(desk, (await futureSlot(platform, region, desk, 6)).start),
          headers: { "idempotency-key": crypto.randomUUID() },
        },
      }),
      status: 201,
    },
    {
      name: "POST /api/v1/appointments/{token}/cancel",
      budget: 2,
      as: "anonymous",
      request: async () => ({ path: `/api/v1/appointments/${(await bookFresh(0)).manageToken}/cancel`, init: { method: "POST" } }),
      status: 200,
    },
    {
      name: "POST /api/v1/appointments/{token}/reschedule",
      budget: 2,
      as: "anonymous",
      request: async () => {
        const token = (await bookFresh(0)).manageToken;
        const later = await futureSlot(platform, region, desk, 8);
        return { path: `/api/v1/appointments/${token}/reschedule`, init: { method: "POST", json: { start: later.start } } };
      },
      status: 200,
    },
    { name: "GET /api/v1/auth/me", budget: 2, as: "region_admin", request: get("/api/v1/auth/me"), status: 200 },
    { name: "GET /api/v1/province/summary", budget: 2, as: "province_viewer", request: get("/api/v1/province/summary"), status: 200 },
    // The first read of a session in this isolate costs its own round trip; from then on the
    // summary reads the session with its data (`sessionWithData`, test/api/session-with-data.test.ts).
    { name: "GET /api/v1/province/summary.csv", budget: 2, as: "province_viewer", request: get("/api/v1/province/summary.csv"), status: 200 },
    { name: "GET /api/v1/province/summary (again)", budget: 2, as: "province_viewer", request: get("/api/v1/province/summary"), status: 200 },
    {
      name: "GET /provincie",
      budget: 2,
      as: "province_viewer",
      request: get("/provincie"),
      status: 200,
    },
    // Issue 19: programme progress (Limburg, a region's share) and the programme page.
    { name: "GET /api/v1/programme/progress", budget: 2, as: "province_viewer", request: get("/api/v1/programme/progress"), status: 200 },
    { name: "GET …/admin/programme/progress", budget: 2, as: "region_admin", request: get(`/api/v1/regions/${r()}/admin/programme/progress`), status: 200 },
    { name: "GET /programma", budget: 2, as: "platform_admin", request: get("/programma"), status: 200 },
    { name: "GET …/admin/report", budget: 2, as: "region_admin", request: get(`/api/v1/regions/${r()}/admin/report`), status: 200 },
    {
      name: "GET …/admin/appointments",
      budget: 2,
      as: "frontdesk_staff",
      request: get(`/api/v1/regions/${r()}/admin/appointments?date=${today}`),
      status: 200,
    },
    { name: "GET …/admin/frontdesks", budget: 2, as: "region_admin", request: get(`/api/v1/regions/${r()}/admin/frontdesks`), status: 200 },
    { name: "GET …/admin/frontdesks/{id}", budget: 2, as: "region_admin", request: get(`/api/v1/regions/${r()}/admin/frontdesks/${desk.id}`), status: 200 },
    {
      name: "GET …/admin/frontdesks/{id}/closures",
      budget: 2,
      as: "region_admin",
      request: get(`/api/v1/regions/${r()}/admin/frontdesks/${desk.id}/closures`),
      status: 200,
    },
    { name: "GET …/admin/settings", budget: 2, as: "region_admin", request: get(`/api/v1/regions/${r()}/admin/settings`), status: 200 },
    { name: "GET …/admin/notifications", budget: 2, as: "region_admin", request: get(`/api/v1/regions/${r()}/admin/notifications`), status: 200 },
    { name: "GET …/admin/audit", budget: 2, as: "region_admin", request: get(`/api/v1/regions/${r()}/admin/audit`), status: 200 },
    { name: "GET …/admin/users", budget: 2, as: "region_admin", request: get(`/api/v1/regions/${r()}/admin/users`), status: 200 },
    { name: "GET …/admin/candidates", budget: 2, as: "region_admin", request: get(`/api/v1/regions/${r()}/admin/candidates`), status: 200 },
    {
      name: "GET …/admin/candidates/{id}",
      budget: 2,
      as: "region_admin",
      request: async () => ({ path: `/api/v1/regions/${r()}/admin/candidates/${candidateId}` }),
      status: 200,
    },
    { name: "GET …/admin/caseload", budget: 2, as: "consultant", request: get(`/api/v1/regions/${r()}/admin/caseload`), status: 200 },
    { name: "GET …/admin/consultants", budget: 2, as: "region_admin", request: get(`/api/v1/regions/${r()}/admin/consultants`), status: 200 },
    { name: "GET …/admin/scouting/settings", budget: 2, as: "region_admin", request: get(`/api/v1/regions/${r()}/admin/scouting/settings`), status: 200 },
    { name: "GET …/admin/scouting/report", budget: 2, as: "region_admin", request: get(`/api/v1/regions/${r()}/admin/scouting/report`), status: 200 },
    { name: "GET /api/v1/platform/users", budget: 2, as: "platform_admin", request: get("/api/v1/platform/users"), status: 200 },
    { name: "GET /beheer", budget: 2, as: "frontdesk_staff", request: get("/beheer"), status: 303 },
    { name: "GET /beheer/{region}/agenda", budget: 2, as: "frontdesk_staff", request: get(`/beheer/${r()}/agenda`), status: 200 },
    { name: "GET /beheer/{region}/loketten", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/loketten`), status: 200 },
    { name: "GET /beheer/{region}/loketten/{id}", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/loketten/${desk.id}`), status: 200 },
    {
      name: "GET /beheer/{region}/loketten/{id}/openingstijden",
      budget: 2,
      as: "region_admin",
      request: get(`/beheer/${r()}/loketten/${desk.id}/openingstijden`),
      status: 200,
    },
    {
      name: "GET /beheer/{region}/loketten/{id}/sluitingen",
      budget: 2,
      as: "region_admin",
      request: get(`/beheer/${r()}/loketten/${desk.id}/sluitingen`),
      status: 200,
    },
    { name: "GET /beheer/{region}/meldingen", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/meldingen`), status: 200 },
    { name: "GET /beheer/{region}/medewerkers", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/medewerkers`), status: 200 },
    { name: "GET /beheer/{region}/medewerkers/nieuw", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/medewerkers/nieuw`), status: 200 },
    { name: "GET /beheer/{region}/loketten/nieuw", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/loketten/nieuw`), status: 200 },
    { name: "GET /beheer/{region}/agenda (admin)", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/agenda`), status: 200 },
    // Desk staff acting for an entrepreneur, and the week and day list (issue 13).
    { name: "GET /beheer/{region}/agenda/week", budget: 2, as: "frontdesk_staff", request: get(`/beheer/${r()}/agenda/week`), status: 200 },
    { name: "GET /beheer/{region}/agenda/daglijst", budget: 2, as: "frontdesk_staff", request: get(`/beheer/${r()}/agenda/daglijst`), status: 200 },
    { name: "GET /beheer/{region}/afspraken/nieuw", budget: 2, as: "frontdesk_staff", request: get(`/beheer/${r()}/afspraken/nieuw`), status: 200 },
    {
      name: "GET /beheer/{region}/afspraken/nieuw (admin, desk and date)",
      budget: 2,
      as: "region_admin",
      request: get(`/beheer/${r()}/afspraken/nieuw?frontdeskId=${desk.id}&date=${amsterdamDate(1)}`),
      status: 200,
    },
    {
      name: "GET /beheer/{region}/afspraken/{id}/annuleren",
      budget: 2,
      as: "frontdesk_staff",
      request: async () => ({ path: `/beheer/${r()}/afspraken/${(await bookFresh(0)).appointment.id}/annuleren` }),
      status: 200,
    },
    {
      name: "GET /beheer/{region}/afspraken/{id}/verzetten?date=… (the agenda's link)",
      budget: 2,
      as: "frontdesk_staff",
      request: async () => {
        const { appointment } = await bookFresh(0);
        return { path: `/beheer/${r()}/afspraken/${appointment.id}/verzetten?date=${appointment.start.slice(0, 10)}` };
      },
      status: 200,
    },
    { name: "GET /beheer/{region}/kandidaten", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/kandidaten`), status: 200 },
    {
      name: "GET /beheer/{region}/kandidaten/{id}",
      budget: 2,
      as: "region_admin",
      request: async () => ({ path: `/beheer/${r()}/kandidaten/${candidateId}` }),
      status: 200,
    },
    { name: "GET /beheer/{region}/kandidaten/nieuw", budget: 2, as: "frontdesk_staff", request: get(`/beheer/${r()}/kandidaten/nieuw`), status: 200 },
    { name: "GET /beheer/{region}/toewijzen", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/toewijzen`), status: 200 },
    {
      name: "GET /beheer/{region}/begeleiding/instellingen",
      budget: 2,
      as: "region_admin",
      request: get(`/beheer/${r()}/begeleiding/instellingen`),
      status: 200,
    },
    { name: "GET /beheer/{region}/trajecten", budget: 2, as: "consultant", request: get(`/beheer/${r()}/trajecten`), status: 200 },
    { name: "GET /beheer/{region}/begeleiding/cijfers", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/begeleiding/cijfers`), status: 200 },
    // The region admin's and platform admin's pages of issue 13.
    { name: "GET /beheer/{region}/rapportage", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/rapportage`), status: 200 },
    { name: "GET /beheer/{region}/logboek", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/logboek?soort=frontdesk`), status: 200 },
    { name: "GET /beheer/{region}/instellingen", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/instellingen`), status: 200 },
    {
      name: "GET /beheer/{region}/loketten/{id}/feestdagen",
      budget: 2,
      as: "region_admin",
      request: get(`/beheer/${r()}/loketten/${desk.id}/feestdagen`),
      status: 200,
    },
    {
      name: "GET /beheer/{region}/loketten/{id}/archiveren",
      budget: 2,
      as: "region_admin",
      request: get(`/beheer/${r()}/loketten/${desk.id}/archiveren`),
      status: 200,
    },
    { name: "GET /beheer/{region}/gegevens-wissen", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/gegevens-wissen`), status: 200 },
    { name: "GET /beheer/regiobeheerders", budget: 2, as: "platform_admin", request: get("/beheer/regiobeheerders"), status: 200 },
    { name: "GET /beheer/regio-nieuw", budget: 2, as: "platform_admin", request: get("/beheer/regio-nieuw"), status: 200 },
    // The catalogue (organisations, offers, insights).
    { name: "GET /api/v1/offers", budget: 1, afterAnswer: 1, as: "anonymous", request: get("/api/v1/offers"), status: 200 },
    {
      name: "GET /api/v1/offers?q=…&region=…",
      budget: 1,
      afterAnswer: 1,
      as: "anonymous",
      request: get(`/api/v1/offers?q=testregeling&region=${r()}&topic=subsidies`),
      status: 200,
    },
    { name: "GET /api/v1/offers?cursor=… (next page)", budget: 1, as: "anonymous", request: nextOffersPage, status: 200 },
    {
      name: "GET /api/v1/offers/{slug}",
      budget: 1,
      afterAnswer: 1,
      as: "anonymous",
      request: async () => ({ path: `/api/v1/offers/${offer.slug}` }),
      status: 200,
    },
    {
      name: "GET /api/v1/offers/{slug}/talk-to-a-desk",
      budget: 1,
      afterAnswer: 1,
      as: "anonymous",
      request: async () => ({ path: `/api/v1/offers/${offer.slug}/talk-to-a-desk` }),
      status: 303,
    },
    { name: "GET /api/v1/organisations", budget: 1, as: "anonymous", request: get("/api/v1/organisations"), status: 200 },
    { name: "GET /api/v1/organisations/{org}", budget: 1, as: "anonymous", request: async () => ({ path: `/api/v1/organisations/${org.slug}` }), status: 200 },
    {
      name: "GET /api/v1/organisations/{org}/offers",
      budget: 2,
      as: "partner",
      request: async () => ({ path: `/api/v1/organisations/${org.slug}/offers` }),
      status: 200,
    },
    {
      name: "GET /api/v1/organisations/{org}/offers (region admin)",
      budget: 2,
      as: "region_admin",
      request: async () => ({ path: `/api/v1/organisations/${org.slug}/offers` }),
      status: 200,
    },
    { name: "GET …/admin/offers", budget: 2, as: "region_admin", request: get(`/api/v1/regions/${r()}/admin/offers`), status: 200 },
    { name: "GET …/admin/insights", budget: 2, as: "region_admin", request: get(`/api/v1/regions/${r()}/admin/insights`), status: 200 },
    { name: "GET /api/v1/province/insights", budget: 2, as: "province_viewer", request: get("/api/v1/province/insights"), status: 200 },
    {
      name: "GET /aanbod",
      budget: 1,
      afterAnswer: 1,
      as: "anonymous",
      request: get("/aanbod"),
      status: 200,
    },
    {
      name: "GET /aanbod/{slug}",
      budget: 1,
      afterAnswer: 1,
      as: "anonymous",
      request: async () => ({ path: `/aanbod/${offer.slug}` }),
      status: 200,
    },
    {
      name: "GET /organisaties/{slug}",
      budget: 1,
      as: "anonymous",
      request: async () => ({ path: `/organisaties/${org.slug}` }),
      status: 200,
    },
    { name: "GET /partner/{org}/aanbod", budget: 2, as: "partner", request: async () => ({ path: `/partner/${org.slug}/aanbod` }), status: 200 },
    // Events.
    { name: "GET /api/v1/events", budget: 1, as: "anonymous", request: get(`/api/v1/events?region=${r()}`), status: 200 },
    { name: "GET /api/v1/events/{slug}", budget: 1, as: "anonymous", request: async () => ({ path: `/api/v1/events/${eventSlug}` }), status: 200 },
    { name: "GET /api/v1/regions/{region}/events.ics", budget: 1, as: "anonymous", request: get(`/api/v1/regions/${r()}/events.ics`), status: 200 },
    {
      name: "GET /api/v1/registrations/{token}",
      budget: 1,
      as: "anonymous",
      request: async () => ({ path: `/api/v1/registrations/${(await registerOk(platform, eventSlug, registrationBody("rt"))).manageToken}` }),
      status: 200,
    },
    {
      name: "POST /api/v1/events/{slug}/registrations",
      budget: 2,
      as: "anonymous",
      request: async () => ({ path: `/api/v1/events/${eventSlug}/registrations`, init: { method: "POST", json: registrationBody("rt-post") } }),
      status: 201,
    },
    // Referrals (issue 15): the desk's list and form, the partner's inbox, the entrepreneur's link.
    { name: "GET …/admin/referrals", budget: 2, as: "frontdesk_staff", request: get(`/api/v1/regions/${r()}/admin/referrals`), status: 200 },
    {
      name: "GET …/admin/referrals?direction=received",
      budget: 2,
      as: "region_admin",
      request: get(`/api/v1/regions/${r()}/admin/referrals?direction=received`),
      status: 200,
    },
    {
      name: "POST …/admin/referrals",
      budget: 2,
      overBudget:
        "signed-in write: the staff session, the read the change depends on, then the write batch (the session is not yet read in the handler's batch)",
      as: "frontdesk_staff",
      request: async () => ({
        path: `/api/v1/regions/${r()}/admin/referrals`,
        init: {
          method: "POST",
          json: { entrepreneur: { name: "Bert Bakker", email: "bert@bakker.test" }, organisation: org.slug, topic: "financiering", consentToShare: true },
        },
      }),
      status: 201,
    },
    {
      name: "GET /api/v1/organisations/{org}/referrals",
      budget: 2,
      as: "partner",
      request: async () => ({ path: `/api/v1/organisations/${org.slug}/referrals` }),
      status: 200,
    },
    {
      name: "GET /api/v1/organisations/{org}/referrals/{id}",
      budget: 2,
      as: "partner",
      request: async () => ({ path: `/api/v1/organisations/${org.slug}/referrals/${referral.id}` }),
      status: 200,
    },
    {
      name: "POST /api/v1/organisations/{org}/referrals/{id}/status",
      budget: 2,
      overBudget:
        "signed-in write: the staff session, the read the change depends on, then the write batch (the session is not yet read in the handler's batch)",
      as: "partner",
      request: async () => ({
        path: `/api/v1/organisations/${org.slug}/referrals/${referral.id}/status`,
        init: { method: "POST", json: { status: "received" } },
      }),
      status: 200,
    },
    { name: "GET /api/v1/referrals/{token}", budget: 1, as: "anonymous", request: async () => ({ path: `/api/v1/referrals/${referral.token}` }), status: 200 },
    { name: "GET /doorverwijzing/{token}", budget: 1, as: "anonymous", request: async () => ({ path: `/doorverwijzing/${referral.token}` }), status: 200 },
    { name: "GET /beheer/{region}/doorverwijzingen", budget: 2, as: "frontdesk_staff", request: get(`/beheer/${r()}/doorverwijzingen`), status: 200 },
    {
      name: "GET /beheer/{region}/doorverwijzingen/nieuw",
      budget: 2,
      as: "frontdesk_staff",
      request: get(`/beheer/${r()}/doorverwijzingen/nieuw`),
      status: 200,
    },
    {
      name: "GET /beheer/{region}/doorverwijzingen/nieuw?afspraak=…",
      budget: 2,
      as: "frontdesk_staff",
      request: async () => ({ path: `/beheer/${r()}/doorverwijzingen/nieuw?afspraak=${(await bookFresh(0)).appointment.id}` }),
      status: 200,
    },
    {
      name: "GET /beheer/{region}/doorverwijzingen/nieuw?kandidaat=…",
      budget: 2,
      as: "region_admin",
      request: async () => ({ path: `/beheer/${r()}/doorverwijzingen/nieuw?kandidaat=${candidateId}` }),
      status: 200,
    },
    {
      name: "GET /partner/{org}/doorverwijzingen",
      budget: 2,
      as: "partner",
      request: async () => ({ path: `/partner/${org.slug}/doorverwijzingen` }),
      status: 200,
    },
    {
      name: "GET /partner/{org}/doorverwijzingen/{id}",
      budget: 2,
      as: "partner",
      request: async () => ({ path: `/partner/${org.slug}/doorverwijzingen/${referral.id}` }),
      status: 200,
    },
    // The entrepreneur's own pages (their own session).
    { name: "GET /api/v1/me", budget: 2, as: "entrepreneur", request: get("/api/v1/me"), status: 200 },
    { name: "GET /api/v1/me/bookmarks", budget: 2, as: "entrepreneur", request: get("/api/v1/me/bookmarks"), status: 200 },
    { name: "GET /api/v1/me/export", budget: 2, as: "entrepreneur", request: get("/api/v1/me/export"), status: 200 },
    {
      name: "POST /api/v1/me/appointments/{id}/cancel",
      budget: 2,
      as: "entrepreneur",
      request: async () => ({ path: `/api/v1/me/appointments/${(await bookFresh(0, ENTREPRENEUR_EMAIL)).appointment.id}/cancel`, init: { method: "POST" } }),
      status: 200,
    },
    // API keys (issue 20): the key is read with the region or organisation, as a session is; the key's
    // rate-limit count (and, at most once a minute, its last use) is one write after the answer.
    { name: "GET …/admin/report (key)", budget: 2, afterAnswer: 1, as: "region_key", request: get(`/api/v1/regions/${r()}/admin/report`), status: 200 },
    {
      name: "GET …/admin/appointments (key)",
      budget: 2,
      afterAnswer: 1,
      as: "region_key",
      request: get(`/api/v1/regions/${r()}/admin/appointments`),
      status: 200,
    },
    { name: "GET …/admin/referrals (key)", budget: 2, afterAnswer: 1, as: "region_key", request: get(`/api/v1/regions/${r()}/admin/referrals`), status: 200 },
    {
      name: "GET /api/v1/organisations/{org}/referrals (key)",
      budget: 2,
      afterAnswer: 1,
      as: "org_key",
      request: async () => ({ path: `/api/v1/organisations/${org.slug}/referrals` }),
      status: 200,
    },
    {
      name: "GET /api/v1/organisations/{org}/offers (key)",
      budget: 2,
      afterAnswer: 1,
      as: "org_key",
      request: async () => ({ path: `/api/v1/organisations/${org.slug}/offers` }),
      status: 200,
    },
    {
      name: "GET …/admin/report (unknown key)",
      budget: 1,
      as: "anonymous",
      request: async () => ({ path: `/api/v1/regions/${r()}/admin/report`, init: { headers: { authorization: `Bearer mkbl_test_${"x".repeat(43)}` } } }),
      status: 401,
    },
    {
      name: "POST /api/v1/me/appointments/{id}/reschedule",
      budget: 2,
      as: "entrepreneur",
      request: async () => {
        const id = (await bookFresh(0, ENTREPRENEUR_EMAIL)).appointment.id;
        const later = await futureSlot(platform, region, desk, 8);
        return { path: `/api/v1/me/appointments/${id}/reschedule`, init: { method: "POST", json: { start: later.start } } };
      },
      status: 200,
    },
    // Knowledge square (issue 18).
    { name: "GET /api/v1/questions", budget: 1, as: "anonymous", request: get("/api/v1/questions"), status: 200 },
    { name: "GET /api/v1/questions?q=…", budget: 1, as: "anonymous", request: get("/api/v1/questions?q=financiering&region=zuid-limburg"), status: 200 },
    {
      name: "GET /api/v1/questions/{id}",
      budget: 1,
      as: "anonymous",
      request: async () => ({ path: `/api/v1/questions/${(await publishedQuestion()).id}` }),
      status: 200,
    },
    {
      name: "GET /api/v1/questions/{id} (the asker)",
      budget: 2,
      as: "entrepreneur",
      request: async () => ({ path: `/api/v1/questions/${(await publishedQuestion()).id}` }),
      status: 200,
    },
    { name: "GET /kennisplein", budget: 1, as: "anonymous", request: get("/kennisplein?q=vestiging"), status: 200 },
    {
      name: "GET /kennisplein/vragen/{id}",
      budget: 1,
      as: "anonymous",
      request: async () => ({ path: `/kennisplein/vragen/${(await publishedQuestion()).id}` }),
      status: 200,
    },
    {
      name: "GET /kennisplein/vragen/{id} (signed in)",
      budget: 2,
      as: "entrepreneur",
      request: async () => ({ path: `/kennisplein/vragen/${(await publishedQuestion()).id}` }),
      status: 200,
    },
    { name: "GET /kennisplein/vragen/nieuw", budget: 2, as: "entrepreneur", request: get("/kennisplein/vragen/nieuw"), status: 200 },
    {
      name: "POST /api/v1/questions",
      budget: 2,
      as: "entrepreneur",
      request: async () => ({
        path: "/api/v1/questions",
        init: {
          method: "POST",
          json: { title: "Welke subsidie past bij mij?", body: "Ik wil investeren in zonnepanelen op mijn bedrijfspand.", topic: "subsidies", anonymous: true },
        },
      }),
      status: 201,
    },
    {
      name: "POST /api/v1/questions/{id}/answers",
      budget: 2,
      as: "partner",
      request: async () => ({
        path: `/api/v1/questions/${(await publishedQuestion()).id}/answers`,
        init: { method: "POST", json: { body: "Zie ons aanbod.", offerSlugs: [offer.slug] } },
      }),
      status: 201,
    },
    {
      name: "POST /api/v1/answers/{id}/useful",
      budget: 2,
      as: "entrepreneur",
      request: async () => ({ path: `/api/v1/answers/${(await publishedQuestion()).answerId}/useful`, init: { method: "POST" } }),
      status: 200,
    },
    { name: "GET …/admin/moderation", budget: 2, as: "region_admin", request: get(`/api/v1/regions/${r()}/admin/moderation`), status: 200 },
    { name: "GET /beheer/{region}/kennisplein", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/kennisplein`), status: 200 },
    { name: "GET /beheer/{region}/kennisplein/open", budget: 2, as: "frontdesk_staff", request: get(`/beheer/${r()}/kennisplein/open`), status: 200 },
    { name: "GET /api/v1/stories", budget: 1, as: "anonymous", request: get("/api/v1/stories?topic=financiering"), status: 200 },
    { name: "GET /kennisplein/verhalen", budget: 1, as: "anonymous", request: get("/kennisplein/verhalen"), status: 200 },
    { name: "GET /api/v1/community/companies", budget: 2, as: "entrepreneur", request: get("/api/v1/community/companies?sector=retail"), status: 200 },
    { name: "GET /api/v1/me/contacts", budget: 2, as: "entrepreneur", request: get("/api/v1/me/contacts"), status: 200 },
    // Last: the webhook made for the delivery log would otherwise add deliveries to the bookings above.
    { name: "GET /beheer/{region}/inbedden", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/inbedden`), status: 200 },
    { name: "GET /beheer/{region}/webhooks", budget: 2, as: "region_admin", request: get(`/beheer/${r()}/webhooks`), status: 200 },
    { name: "GET /partner/{org}/webhooks", budget: 2, as: "partner", request: async () => ({ path: `/partner/${org.slug}/webhooks` }), status: 200 },
    {
      name: "GET /beheer/{region}/webhooks/{id}",
      budget: 2,
      as: "region_admin",
      request: async () => {
        const created = await platform.fetch(`/api/v1/regions/${r()}/admin/webhooks`, {
          method: "POST",
          headers: { ...headers.region_admin, origin: ORIGIN },
          json: { url: "http://127.0.0.1:9/round-trips", events: ["offer.published"] },
        });
        if (created.status !== 201) throw new Error(`webhook: ${created.status} ${await created.text()}`);
        return { path: `/beheer/${r()}/webhooks/${((await created.json()) as { webhook: { id: string } }).webhook.id}` };
      },
      status: 200,
    },
  ];
}

/** Round trips per route, as measured today: a change that adds one fails here with a diff. */
const EXPECTED: Record<string, number> = {
  "GET /api/v1/health": 1,
  "GET /api/v1/regions": 1,
  "GET /api/v1/regions/{region}": 1,
  "GET /api/v1/regions/{region}/frontdesks": 1,
  "GET …/frontdesks/{id}": 1,
  "GET …/frontdesks/{id} (cache hit)": 1,
  "GET …/frontdesks/{id}/slots": 1,
  "GET …/frontdesks/{id}/slots (cache hit)": 1,
  "GET …/slots/earliest": 1,
  "GET …/slots/earliest (cache hit)": 1,
  "GET …/slots/earliest?topic=…": 1,
  "GET /api/v1/regions/{unknown}/frontdesks": 1,
  "GET /": 1,
  "GET /boeken/{region}": 1,
  "GET /boeken/{region}?topic=…": 1,
  "GET /boeken/{region}/loket/{id}": 1,
  "GET /boeken/{region}/loket/{id}/afspraak": 1,
  "GET /api/v1/appointments/{token}": 1,
  "GET /afspraak/{token}": 1,
  "GET /api/v1/appointments/{token}/ics": 1,
  "GET /boeken/{region}/begeleidingstraject": 1,
  "GET /api/v1/openapi.json": 0,
  "GET /boeken/{region} (signed in)": 2,
  "POST /api/v1/regions/{region}/appointments": 2,
  "POST …/appointments (Idempotency-Key)": 2,
  "POST /api/v1/appointments/{token}/cancel": 2,
  "POST /api/v1/appointments/{token}/reschedule": 2,
  "GET /api/v1/auth/me": 1,
  "GET /api/v1/province/summary": 2,
  "GET /api/v1/province/summary.csv": 1,
  "GET /api/v1/province/summary (again)": 1,
  "GET /provincie": 2,
  "GET /api/v1/programme/progress": 2,
  "GET …/admin/programme/progress": 2,
  "GET /programma": 2,
  "GET …/admin/report": 2,
  "GET …/admin/appointments": 2,
  "GET …/admin/frontdesks": 2,
  "GET …/admin/frontdesks/{id}": 2,
  "GET …/admin/frontdesks/{id}/closures": 2,
  "GET …/admin/settings": 1,
  "GET …/admin/notifications": 2,
  "GET …/admin/audit": 2,
  "GET …/admin/users": 2,
  "GET …/admin/candidates": 2,
  "GET …/admin/candidates/{id}": 2,
  "GET …/admin/caseload": 2,
  "GET …/admin/consultants": 2,
  "GET …/admin/scouting/settings": 2,
  "GET …/admin/scouting/report": 2,
  "GET /api/v1/platform/users": 2,
  "GET /beheer": 1,
  "GET /beheer/{region}/agenda": 2,
  "GET /beheer/{region}/loketten": 2,
  "GET /beheer/{region}/loketten/{id}": 2,
  "GET /beheer/{region}/loketten/{id}/openingstijden": 2,
  "GET /beheer/{region}/loketten/{id}/sluitingen": 2,
  "GET /beheer/{region}/meldingen": 2,
  "GET /beheer/{region}/inbedden": 2,
  "GET /beheer/{region}/webhooks": 2,
  "GET /partner/{org}/webhooks": 2,
  "GET /beheer/{region}/webhooks/{id}": 2,
  "GET /beheer/{region}/medewerkers": 2,
  "GET /beheer/{region}/medewerkers/nieuw": 2,
  "GET /beheer/{region}/loketten/nieuw": 2,
  "GET /beheer/{region}/agenda (admin)": 2,
  "GET /beheer/{region}/agenda/week": 2,
  "GET /beheer/{region}/agenda/daglijst": 2,
  "GET /beheer/{region}/afspraken/nieuw": 2,
  "GET /beheer/{region}/afspraken/nieuw (admin, desk and date)": 2,
  "GET /beheer/{region}/afspraken/{id}/annuleren": 2,
  "GET /beheer/{region}/afspraken/{id}/verzetten?date=… (the agenda's link)": 2,
  "GET /beheer/{region}/kandidaten": 2,
  "GET /beheer/{region}/kandidaten/{id}": 2,
  "GET /beheer/{region}/kandidaten/nieuw": 2,
  "GET /beheer/{region}/toewijzen": 2,
  "GET /beheer/{region}/begeleiding/instellingen": 2,
  "GET /beheer/{region}/trajecten": 2,
  "GET /beheer/{region}/begeleiding/cijfers": 2,
  "GET /beheer/{region}/rapportage": 2,
  "GET /beheer/{region}/logboek": 2,
  "GET /beheer/{region}/instellingen": 2,
  "GET /beheer/{region}/loketten/{id}/feestdagen": 2,
  "GET /beheer/{region}/loketten/{id}/archiveren": 2,
  "GET /beheer/{region}/gegevens-wissen": 1,
  "GET /beheer/regiobeheerders": 2,
  "GET /beheer/regio-nieuw": 1,
  "GET /api/v1/offers": 2,
  "GET /api/v1/offers?q=…&region=…": 2,
  "GET /api/v1/offers?cursor=… (next page)": 1,
  "GET /api/v1/offers/{slug}": 2,
  "GET /api/v1/offers/{slug}/talk-to-a-desk": 2,
  "GET /api/v1/organisations": 1,
  "GET /api/v1/organisations/{org}": 1,
  "GET /api/v1/organisations/{org}/offers": 2,
  "GET /api/v1/organisations/{org}/offers (region admin)": 2,
  "GET …/admin/offers": 2,
  "GET …/admin/insights": 2,
  "GET /api/v1/province/insights": 2,
  "GET /aanbod": 2,
  "GET /aanbod/{slug}": 2,
  "GET /organisaties/{slug}": 1,
  "GET /partner/{org}/aanbod": 2,
  "GET /api/v1/events": 1,
  "GET /api/v1/events/{slug}": 1,
  "GET /api/v1/regions/{region}/events.ics": 1,
  "GET /api/v1/registrations/{token}": 1,
  "POST /api/v1/events/{slug}/registrations": 2,
  "GET …/admin/referrals": 2,
  "GET …/admin/referrals?direction=received": 2,
  "POST …/admin/referrals": 3,
  "GET /api/v1/organisations/{org}/referrals": 2,
  "GET /api/v1/organisations/{org}/referrals/{id}": 2,
  "POST /api/v1/organisations/{org}/referrals/{id}/status": 3,
  "GET /api/v1/referrals/{token}": 1,
  "GET /doorverwijzing/{token}": 1,
  "GET /beheer/{region}/doorverwijzingen": 2,
  "GET /beheer/{region}/doorverwijzingen/nieuw": 2,
  "GET /beheer/{region}/doorverwijzingen/nieuw?afspraak=…": 2,
  "GET /beheer/{region}/doorverwijzingen/nieuw?kandidaat=…": 2,
  "GET /partner/{org}/doorverwijzingen": 2,
  "GET /partner/{org}/doorverwijzingen/{id}": 2,
  "GET /api/v1/me": 2,
  "GET /api/v1/me/bookmarks": 2,
  "GET /api/v1/me/export": 2,
  "POST /api/v1/me/appointments/{id}/cancel": 2,
  "POST /api/v1/me/appointments/{id}/reschedule": 2,
  "GET …/admin/report (key)": 3,
  "GET …/admin/appointments (key)": 3,
  "GET …/admin/referrals (key)": 3,
  "GET /api/v1/organisations/{org}/referrals (key)": 3,
  "GET /api/v1/organisations/{org}/offers (key)": 3,
  "GET …/admin/report (unknown key)": 1,
  "GET /api/v1/questions": 1,
  "GET /api/v1/questions?q=…": 1,
  "GET /api/v1/questions/{id}": 1,
  "GET /api/v1/questions/{id} (the asker)": 1,
  "GET /kennisplein": 1,
  "GET /kennisplein/vragen/{id}": 1,
  "GET /kennisplein/vragen/{id} (signed in)": 1,
  "GET /kennisplein/vragen/nieuw": 2,
  "POST /api/v1/questions": 2,
  "POST /api/v1/questions/{id}/answers": 2,
  "POST /api/v1/answers/{id}/useful": 2,
  "GET …/admin/moderation": 2,
  "GET /beheer/{region}/kennisplein": 2,
  "GET /beheer/{region}/kennisplein/open": 2,
  "GET /api/v1/stories": 1,
  "GET /kennisplein/verhalen": 1,
  "GET /api/v1/community/companies": 2,
  "GET /api/v1/me/contacts": 2,
};

const settle = () => settleDatabase(platform);

beforeAll(async () => {
  platform = await startTestPlatform({ vars: { MAIL_TRANSPORT: "log" } });
  region = await createRegion(platform.client);
  desk = await createFrontdesk(platform.client, region, { capacityPerSlot: 3, topics: ["financiering", "subsidies"] });
  await createFrontdesk(platform.client, region, { municipality: "Heerlen", modes: ["video"] });
  const staffDesk = desk;
  for (const role of ["region_admin", "consultant", "province_viewer", "platform_admin"] as const) {
    headers[role] = await signInAs(platform, await createUser(platform.client, role, role === "province_viewer" || role === "platform_admin" ? null : region));
  }
  headers.frontdesk_staff = await signInAs(platform, await createUser(platform.client, "frontdesk_staff", region, [staffDesk]));
  const created = await platform.fetch(`/api/v1/regions/${region.slug}/admin/candidates`, {
    method: "POST",
    headers: headers.region_admin,
    json: {
      company: { name: "Bakkerij Test", kvkNumber: "12345678" },
      contact: { name: "Anna de Vries", email: "anna@bakkerij.test", phone: "06 12345678" },
      municipality: "Maastricht",
      ambition: "Groeien met een tweede vestiging.",
      topic: "financiering",
      consent: true,
      frontdeskId: desk.id,
    },
  });
  if (created.status !== 201) throw new Error(`candidate: ${created.status} ${await created.text()}`);
  candidateId = ((await created.json()) as { candidate: { id: string } }).candidate.id;
  // The catalogue: an organisation of the region with a partner, and two published offers.
  org = await createOrganisation(platform.client, region);
  headers.partner = await signInAs(platform, await createPartner(platform.client, org));
  for (const title of ["Testregeling groei", "Testregeling innovatie"]) {
    const draft = await platform.fetch(`/api/v1/organisations/${org.slug}/offers`, {
      method: "POST",
      headers: { ...headers.partner, origin: ORIGIN },
      json: offerBody(region, { title }),
    });
    if (draft.status !== 201) throw new Error(`offer: ${draft.status} ${await draft.text()}`);
    const { offer: made } = (await draft.json()) as { offer: { id: string } };
    await platform.fetch(`/api/v1/organisations/${org.slug}/offers/${made.id}/submit`, { method: "POST", headers: { ...headers.partner, origin: ORIGIN } });
    const reviewed = await platform.fetch(`/api/v1/regions/${region.slug}/admin/offers/${made.id}/review`, {
      method: "POST",
      headers: { ...headers.region_admin, origin: ORIGIN },
      json: { decision: "approve" },
    });
    if (reviewed.status !== 200) throw new Error(`review: ${reviewed.status} ${await reviewed.text()}`);
    offer = ((await reviewed.json()) as { offer: { slug: string } }).offer;
  }
  // Events: one published event of the region; an entrepreneur signed in with their own session.
  eventSlug = (await createEventAs(platform, `/api/v1/regions/${region.slug}/admin/events`, { ...headers.region_admin, origin: ORIGIN }, eventBody(region)))
    .slug;
  headers.entrepreneur = await signInAsEntrepreneur(platform, ENTREPRENEUR_EMAIL);
  // A referral with consent: its id (the partner's inbox) and the entrepreneur's link (from their mail).
  const referred = await platform.fetch(`/api/v1/regions/${region.slug}/admin/referrals`, {
    method: "POST",
    headers: { ...headers.frontdesk_staff, origin: ORIGIN },
    json: { entrepreneur: { name: "Anna de Vries", email: "anna@bakkerij.test" }, organisation: org.slug, topic: "financiering", consentToShare: true },
  });
  if (referred.status !== 201) throw new Error(`referral: ${referred.status} ${await referred.text()}`);
  referral.id = ((await referred.json()) as { referral: { id: string } }).referral.id;
  const mail = await platform.client.execute({
    sql: "select text_body from outbox where kind = 'referral_entrepreneur' and dedupe_key = ?",
    args: [referral.id],
  });
  referral.token = /\/doorverwijzing\/([A-Za-z0-9_-]+)/.exec(String(mail.rows[0]?.text_body))?.[1] ?? "";
  headers.region_key = (
    await createKey(platform, `/api/v1/regions/${region.slug}/admin/api-keys`, headers.region_admin ?? {}, [
      "reports:read",
      "appointments:read",
      "referrals:read",
    ])
  ).headers;
  headers.org_key = (
    await createKey(platform, `/api/v1/organisations/${org.slug}/api-keys`, headers.partner ?? {}, ["offers:write", "referrals:read"])
  ).headers;
  // Some history for the reports and the agenda.
  const slots = await listSlots(platform, region, desk, amsterdamDate(1), amsterdamDate(9));
  for (const slot of slots.slice(0, 4)) {
    await platform.fetch(`/api/v1/regions/${region.slug}/appointments`, { method: "POST", json: bookingBody(desk, slot.start) });
  }
});

afterAll(async () => {
  await platform?.close();
});

describe("round trips to the database per request", () => {
  it("should stay within each route's budget, with the counts listed in EXPECTED", async () => {
    const over: string[] = [];
    const open: string[] = [];
    for (const route of routes()) {
      const { path, init = {} } = await route.request();
      await settle();
      platform.server.resetStats();
      const auth = headers[route.as] ?? {};
      const response = await platform.fetch(path, {
        ...init,
        redirect: "manual",
        headers: { ...auth, ...(init.method && init.method !== "GET" ? { origin: ORIGIN } : {}), ...((init.headers as Record<string, string>) ?? {}) },
      });
      await response.arrayBuffer();
      await settle();
      const trips = platform.server.stats().requests;
      measured[route.name] = trips;
      expect(response.status, `${route.name}: status`).toBe(route.status);
      const before = trips - (route.afterAnswer ?? 0);
      if (before > route.budget)
        (route.overBudget ? open : over).push(`${route.name}: ${before} > ${route.budget}${route.overBudget ? ` (${route.overBudget})` : ""}`);
    }
    console.log(
      `\n| route | round trips |\n| --- | ---: |\n${Object.entries(measured)
        .map(([name, n]) => `| ${name} | ${n} |`)
        .join("\n")}\n`,
    );
    if (open.length) console.log(`Routes from main still over budget (open work, pinned in EXPECTED):\n${open.join("\n")}\n`);
    expect(measured).toEqual(EXPECTED);
    expect(over).toEqual([]);
    // A route marked over budget that now meets it must lose its mark.
    expect(
      routes()
        .filter((r) => r.overBudget && !open.some((line) => line.startsWith(`${r.name}:`)))
        .map((r) => r.name),
    ).toEqual([]);
    // About 80 requests one after another: on a loaded machine this outlasts the default 30 s.
  }, 120_000);
});
