/**
 * "Mijn MKB Limburg" (issue 17): everything linked to the verified address and nothing else,
 * in two round trips; own appointments managed through the appointment rules; the company
 * profile; bookmarks; the trajectory with its shared documents; and what staff see of it.
 */
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OverviewDto } from "../../src/features/entrepreneurs/entrepreneurs.schemas";
import { newId } from "../../src/lib/ids";
import { createOrganisation } from "../support/catalogue";
import { createEventAs, eventBody, insertHeldEvent, registerOk, registrationBody } from "../support/events";
import { signInAsEntrepreneur, type Headers } from "../support/entrepreneurs";
import {
  createFrontdesk,
  createRegion,
  createUser,
  insertAppointment,
  signInAs,
  type FrontdeskFixture,
  type RegionFixture,
  type UserFixture,
} from "../support/factories";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";
import { book, bookingBody, futureSlot, listSlots, amsterdamDate, type BookingAnswer } from "../support/slots";

interface MyAppointment {
  id: string;
  region: { slug: string };
  status: string;
  upcoming: boolean;
  canChange: boolean;
  question: string | null;
  videoUrl?: string;
  actions: { cancel?: string; reschedule?: string; slots?: string };
}
interface Overview {
  entrepreneur: { id: string; email: string };
  profile: Record<string, unknown> | null;
  appointments: MyAppointment[];
  registrations: unknown[];
  referrals: unknown[];
  bookmarks: { slug: string; available: boolean }[];
  trajectory?: {
    stage: string;
    consultant: { name: string } | null;
    commitments: { point: string; entrepreneurCommitment: string; consultant: { name: string } }[];
    sessions: { attendance: string; experts: string[]; consultant: { name: string } | null }[];
    nextStep: { stage: string | null; decisionRequired: boolean };
    documents: { name: string; date: string }[];
  };
}

let platform: TestPlatform;
let regionA: RegionFixture;
let regionB: RegionFixture;
let deskA: FrontdeskFixture;
let deskA2: FrontdeskFixture;
let deskB: FrontdeskFixture;
let consultant: UserFixture;
const as = {} as Record<"adminA" | "adminB" | "consultant" | "staffA" | "staffA2", Headers>;
let counter = 0;
const unique = (what: string) => `${what}-${Date.now().toString(36)}-${counter++}`;

beforeAll(async () => {
  platform = await startTestPlatform({ vars: { MAIL_TRANSPORT: "log" } });
  const c = platform.client;
  regionA = await createRegion(c);
  regionB = await createRegion(c);
  deskA = await createFrontdesk(c, regionA, { capacityPerSlot: 10, name: "Ondernemersloket Overzicht" });
  deskA2 = await createFrontdesk(c, regionA, { capacityPerSlot: 10, name: "Bankloket Overzicht" });
  deskB = await createFrontdesk(c, regionB, { capacityPerSlot: 10, modes: ["video"] });
  consultant = await createUser(c, "consultant", regionA);
  as.adminA = await signInAs(platform, await createUser(c, "region_admin", regionA));
  as.adminB = await signInAs(platform, await createUser(c, "region_admin", regionB));
  as.consultant = await signInAs(platform, consultant);
  as.staffA2 = await signInAs(platform, await createUser(c, "frontdesk_staff", regionA, [deskA2]));
  as.staffA = await signInAs(platform, await createUser(c, "frontdesk_staff", regionA, [deskA]));
});
afterAll(async () => {
  await platform?.close();
});

async function ok<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function bookAt(region: RegionFixture, desk: FrontdeskFixture, email: string, overrides: Record<string, unknown> = {}, index = 0) {
  const slot = await futureSlot(platform, region, desk, 3, index);
  const body = bookingBody(desk, slot.start, { mode: desk === deskB ? "video" : "in_person", ...overrides });
  const entrepreneur = { ...(body.entrepreneur as Record<string, unknown>), email, ...((overrides.entrepreneur as Record<string, unknown>) ?? {}) };
  return ok<BookingAnswer>(await book(platform, region, { ...body, entrepreneur }), 201);
}

/** A past appointment, as the agenda leaves it. */
async function insertPast(desk: FrontdeskFixture, email: string, status: "completed" | "no_show" | "cancelled", daysAgo = 10) {
  const start = Date.now() - daysAgo * 86_400_000;
  return insertAppointment(platform.client, desk, {
    startAt: start,
    topic: "subsidies",
    status,
    name: "Verleden Persoon",
    email,
    question: "Een oude vraag",
    updatedAt: start,
  });
}

/** The overview, checked against its documented schema: every field documented, none left out. */
async function overview(headers: Headers): Promise<Overview> {
  const body = await ok<Overview>(await platform.fetch("/api/v1/me", { headers }));
  expect(v.parse(OverviewDto, body)).toEqual(body);
  return body;
}

describe("the overview", () => {
  it("should show every appointment made with the verified address, in every region, past and upcoming, and nobody else's", async () => {
    const an = `${unique("an")}@brood.test`;
    const bo = `${unique("bo")}@brood.test`;
    const mineA = await bookAt(regionA, deskA, an);
    // Typed with capitals and spaces at booking: the same address.
    const mineB = await bookAt(regionB, deskB, `  ${an.toUpperCase()} `);
    const past = await insertPast(deskA, an, "completed");
    const boMarker = `Geheime vraag van Bo ${newId()}`;
    await bookAt(regionA, deskA, bo, { question: boMarker, entrepreneur: { name: "Bo Geheim" } });
    // Addresses that only look alike.
    const lookalikes = [`x${an}`, `${an}.nl`, an.replace("@", ".@")];
    for (const email of lookalikes) await insertPast(deskA, email, "completed");

    // Signed in with yet another spelling of the same address.
    const me = await signInAsEntrepreneur(platform, ` ${an.replace(/^a/, "A").replace("brood", "BROOD")}  `);
    platform.server.resetStats();
    const seen = await overview(me);
    expect(platform.server.stats().pipelines).toBe(2);
    expect(seen.entrepreneur.email).toBe(an);
    expect(seen.appointments.map((a) => a.id).sort()).toEqual([mineA.appointment.id, mineB.appointment.id, past].sort());
    expect(new Set(seen.appointments.map((a) => a.region.slug))).toEqual(new Set([regionA.slug, regionB.slug]));
    const text = JSON.stringify(seen);
    for (const foreign of [bo, boMarker, "Bo Geheim", ...lookalikes]) expect(text).not.toContain(foreign);

    const upcoming = seen.appointments.find((a) => a.id === mineA.appointment.id);
    expect(upcoming).toMatchObject({ status: "confirmed", upcoming: true, canChange: true });
    expect(upcoming?.actions.cancel).toBe(`/api/v1/me/appointments/${mineA.appointment.id}/cancel`);
    expect(upcoming?.actions.slots).toBe(`/api/v1/regions/${regionA.slug}/frontdesks/${deskA.id}/slots`);
    expect(seen.appointments.find((a) => a.id === mineB.appointment.id)?.videoUrl).toMatch(/^https:\/\//);
    const old = seen.appointments.find((a) => a.id === past);
    expect(old).toMatchObject({ status: "completed", upcoming: false, canChange: false, actions: {} });
    // No event registrations yet; referrals are not there yet (typed, empty).
    expect(seen.registrations).toEqual([]);
    expect(seen.referrals).toEqual([]);
    expect(seen.trajectory).toBeUndefined();
    // Manage tokens never appear: the actions go through /me.
    expect(text).not.toContain(mineA.manageToken);

    const boSees = await overview(await signInAsEntrepreneur(platform, bo));
    expect(boSees.appointments).toHaveLength(1);
    expect(JSON.stringify(boSees)).not.toContain(an);
  });

  it("should list the event registrations made with the verified address, in every region, with their sessions, and nobody else's", async () => {
    const an = `${unique("an-event")}@brood.test`;
    const bo = `${unique("bo-event")}@brood.test`;
    const upcoming = await createEventAs(platform, `/api/v1/regions/${regionA.slug}/admin/events`, as.adminA, eventBody(regionA));
    // Registered with another spelling of the address: the same address.
    const mine = await registerOk(platform, upcoming.slug, registrationBody("an", { email: `  ${an.toUpperCase()} ` }));
    await registerOk(platform, upcoming.slug, registrationBody("bo", { email: bo, name: "Bo Geheim" }));
    const held = await insertHeldEvent(platform.client, regionB, { email: an, name: "An Deelnemer" });

    const me = await signInAsEntrepreneur(platform, an);
    platform.server.resetStats();
    const seen = await overview(me);
    expect(platform.server.stats().pipelines).toBe(2);
    const registrations = seen.registrations as { id: string; status: string; event: { slug: string; title: string }; sessions: { start: string }[] }[];
    // Latest event first.
    expect(registrations.map((r) => r.id)).toEqual([mine.registration.id, held.registrationId]);
    expect(registrations[0]).toMatchObject({ status: "confirmed", event: { slug: upcoming.slug } });
    expect(registrations[0]?.sessions.map((x) => Date.parse(x.start))).toEqual(upcoming.sessions.map((x) => Date.parse(x.start)));
    const text = JSON.stringify(seen);
    expect(text).not.toContain(bo);
    expect(text).not.toContain("Bo Geheim");
    expect(text).not.toContain(mine.manageToken);
  });

  it("should cancel and move own appointments with the desk's rules and e-mails that point to the account, and 404 for anyone else's", async () => {
    const an = `${unique("an")}@verzet.test`;
    const booked = await bookAt(regionA, deskA, an);
    const me = await signInAsEntrepreneur(platform, an);
    const other = await signInAsEntrepreneur(platform, `${unique("ander")}@verzet.test`);
    const id = booked.appointment.id;

    expect((await platform.fetch(`/api/v1/me/appointments/${id}/cancel`, { method: "POST", headers: other })).status).toBe(404);
    expect((await platform.fetch(`/api/v1/me/appointments/${newId()}/cancel`, { method: "POST", headers: me })).status).toBe(404);

    const slots = await listSlots(platform, regionA, deskA, amsterdamDate(3), amsterdamDate(13));
    const target = slots.find((s) => s.start !== booked.appointment.start);
    if (!target) throw new Error("no other slot");
    const moved = await ok<{ appointment: { start: string; sequence: number } }>(
      await platform.fetch(`/api/v1/me/appointments/${id}/reschedule`, { method: "POST", json: { start: target.start }, headers: me }),
    );
    expect(moved.appointment.start).toBe(target.start);
    const mails = async (kind: string) =>
      (await platform.client.execute({ sql: "select text_body from outbox where appointment_id = ? and kind = ?", args: [id, kind] })).rows.map((r) =>
        String(r.text_body),
      );
    const [rescheduleMail] = await mails("reschedule");
    expect(rescheduleMail).toContain(`${ORIGIN}/mijn`);
    expect(rescheduleMail).not.toContain("/afspraak/");

    const cancelled = await ok<{ appointment: { status: string } }>(
      await platform.fetch(`/api/v1/me/appointments/${id}/cancel`, { method: "POST", headers: me }),
    );
    expect(cancelled.appointment.status).toBe("cancelled");
    expect(await mails("cancellation")).toHaveLength(1);
    expect((await platform.fetch(`/api/v1/me/appointments/${id}/cancel`, { method: "POST", headers: me })).status).toBe(409);
    // The manage link still works as before for the same appointment (nothing was rotated).
    expect((await platform.fetch(`/api/v1/appointments/${booked.manageToken}`)).status).toBe(200);
  });

  it("should refuse a change after the desk's cut-off with too_late", async () => {
    const an = `${unique("an")}@laat.test`;
    const id = await insertAppointment(platform.client, deskA, {
      startAt: Date.now() + 60 * 60_000,
      topic: "subsidies",
      name: "Laat",
      email: an,
      createdAt: Date.now(),
    });
    const me = await signInAsEntrepreneur(platform, an);
    expect((await overview(me)).appointments[0]).toMatchObject({ canChange: false, actions: {} });
    const refused = await platform.fetch(`/api/v1/me/appointments/${id}/cancel`, { method: "POST", headers: me });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("too_late");
  });

  it("should show the Support Process trajectory of the address: stage, commitment, sessions with whom, next step and shared documents", async () => {
    const an = `${unique("traject")}@brood.test`;
    const base = `/api/v1/regions/${regionA.slug}/admin/candidates`;
    const registered = await ok<{ candidate: { id: string } }>(
      await platform.fetch(base, {
        method: "POST",
        headers: as.adminA,
        json: {
          company: { name: "Bakkerij Traject", kvkNumber: "87654321" },
          contact: { name: "An Traject", email: an.toUpperCase(), phone: "06 12345678" },
          municipality: "Maastricht",
          ambition: "Een tweede vestiging",
          topic: "groei_en_innovatie",
          consent: true,
          frontdeskId: deskA.id,
        },
      }),
      201,
    );
    const id = registered.candidate.id;
    await ok(await platform.fetch(`${base}/${id}/assign`, { method: "POST", headers: as.adminA, json: { consultantId: consultant.id } }));
    await ok(await platform.fetch(`${base}/${id}/stage`, { method: "POST", headers: as.consultant, json: { to: "intake" } }));
    const commitment = { entrepreneurCommitment: "Vier uur per week", consultantCommitment: "Elke week een sessie", entrepreneurName: "An Traject" };
    await ok(await platform.fetch(`${base}/${id}/commitments`, { method: "POST", headers: as.consultant, json: commitment }), 201);
    const sessionDate = amsterdamDate(-2);
    await ok(
      await platform.fetch(`${base}/${id}/sessions`, {
        method: "POST",
        headers: as.consultant,
        json: { date: sessionDate, durationMinutes: 60, attendance: "attended", note: "Werknotitie van de adviseur", experts: ["Fien Financier"] },
      }),
      201,
    );
    const shared = await ok<{ document: { id: string } }>(
      await platform.fetch(`${base}/${id}/documents`, {
        method: "POST",
        headers: as.consultant,
        json: { name: "Ondernemingsplan versie 1", date: sessionDate },
      }),
      201,
    );
    const removed = await ok<{ document: { id: string } }>(
      await platform.fetch(`${base}/${id}/documents`, { method: "POST", headers: as.consultant, json: { name: "Concept dat verdween", date: sessionDate } }),
      201,
    );
    expect((await platform.fetch(`${base}/${id}/documents/${removed.document.id}`, { method: "DELETE", headers: as.consultant })).status).toBe(204);
    expect((await platform.fetch(`${base}/${id}/documents/${removed.document.id}`, { method: "DELETE", headers: as.consultant })).status).toBe(404);
    // Only the trajectory's consultant or the admin changes the list; another region never sees it.
    expect((await platform.fetch(`${base}/${id}/documents`, { method: "POST", headers: as.staffA, json: { name: "x", date: sessionDate } })).status).toBe(403);
    expect((await platform.fetch(`/api/v1/regions/${regionA.slug}/admin/candidates/${id}/documents`, { headers: as.adminB })).status).toBe(404);
    const list = await ok<{ documents: { id: string; sharedBy: { id: string } }[] }>(await platform.fetch(`${base}/${id}/documents`, { headers: as.adminA }));
    expect(list.documents.map((d) => d.id)).toEqual([shared.document.id]);
    expect(list.documents[0]?.sharedBy.id).toBe(consultant.id);
    const audit = await platform.client.execute({
      sql: "select action from audit_log where target_id = ? and action like 'scouting.document%' order by created_at",
      args: [id],
    });
    expect(audit.rows.map((r) => r.action)).toEqual(["scouting.document_shared", "scouting.document_shared", "scouting.document_removed"]);

    const seen = await overview(await signInAsEntrepreneur(platform, an));
    expect(seen.trajectory).toMatchObject({
      stage: "intake",
      consultant: { name: "Test consultant" },
      commitments: [{ point: "intake", entrepreneurCommitment: "Vier uur per week", consultant: { name: "Test consultant" } }],
      sessions: [{ attendance: "attended", experts: ["Fien Financier"], consultant: { name: "Test consultant" } }],
      nextStep: { stage: "ambition_assessed", decisionRequired: false },
      documents: [{ name: "Ondernemingsplan versie 1", date: sessionDate }],
    });
    // The consultant's working notes are theirs, not part of the overview.
    expect(JSON.stringify(seen)).not.toContain("Werknotitie");
    expect(JSON.stringify(seen)).not.toContain("Concept dat verdween");
  });
});

describe("the company profile", () => {
  const profile = (overrides: Record<string, unknown> = {}) => ({
    companyName: "Bakkerij Brood",
    kvkNumber: "1234 56.78",
    legalForm: "private_limited",
    sector: "retail",
    sizeClass: "micro",
    municipality: "sittard geleen",
    website: "www.brood.test",
    description: "Ambachtelijk brood sinds 1920.",
    ambition: "Een tweede vestiging in Venlo.",
    ...overrides,
  });

  it("should store a normalised profile, visible to peers only when chosen, and clear what a later PUT leaves out", async () => {
    const me = await signInAsEntrepreneur(platform, `${unique("profiel")}@brood.test`);
    const saved = await ok<{ profile: Record<string, unknown> }>(await platform.fetch("/api/v1/me/profile", { method: "PUT", json: profile(), headers: me }));
    expect(saved.profile).toMatchObject({
      kvkNumber: "12345678",
      municipality: "Sittard-Geleen",
      website: "https://www.brood.test/",
      visibleToPeers: false,
    });
    expect((await overview(me)).profile).toEqual(saved.profile);
    const replaced = await ok<{ profile: Record<string, unknown> }>(
      await platform.fetch("/api/v1/me/profile", {
        method: "PUT",
        json: { companyName: "Brood BV", municipality: "Den Haag", visibleToPeers: true },
        headers: me,
      }),
    );
    expect(replaced.profile).toMatchObject({ companyName: "Brood BV", kvkNumber: null, municipality: "'s-Gravenhage", website: null, visibleToPeers: true });
    const audit = await platform.client.execute({
      sql: "select action, detail from audit_log where target_type = 'entrepreneur' and target_id = ? and action like 'entrepreneur.profile%' order by created_at",
      args: [(await overview(me)).entrepreneur.id],
    });
    expect(audit.rows.map((r) => r.action)).toEqual(["entrepreneur.profile_created", "entrepreneur.profile_changed"]);
    expect(String(audit.rows[1]?.detail)).not.toContain("Brood BV");
  });

  it("should let several people of one company claim the same KvK number", async () => {
    for (const who of ["collega-1", "collega-2"]) {
      const me = await signInAsEntrepreneur(platform, `${unique(who)}@samen.test`);
      expect((await platform.fetch("/api/v1/me/profile", { method: "PUT", json: profile({ kvkNumber: "11223344" }), headers: me })).status).toBe(200);
    }
  });

  it("should refuse what is not a KvK number, a Dutch municipality or a web link, field by field", async () => {
    const me = await signInAsEntrepreneur(platform, `${unique("fout")}@brood.test`);
    const cases: [Record<string, unknown>, string][] = [
      [{ kvkNumber: "1234" }, "kvkNumber"],
      [{ municipality: "Aachen" }, "municipality"],
      [{ website: "javascript:alert(1)" }, "website"],
      [{ companyName: "" }, "companyName"],
      [{ legalForm: "ltd" }, "legalForm"],
      [{ visibleToPeers: "ja" }, "visibleToPeers"],
      [{ description: "x".repeat(1001) }, "description"],
    ];
    for (const [override, path] of cases) {
      const response = await platform.fetch("/api/v1/me/profile", { method: "PUT", json: profile(override), headers: me });
      expect(response.status, path).toBe(400);
      const body = (await response.json()) as { error: { issues: { path: string }[] } };
      expect(
        body.error.issues.map((i) => i.path),
        path,
      ).toContain(path);
    }
    expect((await overview(me)).profile).toBeNull();
  });
});

describe("bookmarks", () => {
  async function insertOffer(status: "published" | "draft", deadline: string | null = null) {
    const org = await createOrganisation(platform.client, regionA);
    const id = newId();
    const slug = unique("aanbod").toLowerCase();
    await platform.client.execute({
      sql: `insert into offers (id, seq, slug, organisation_id, title, summary, description, kind, topics, audiences, phases, regions, municipalities, cost, deadline, how_to_apply, last_checked_at, status, created_at, updated_at)
            values (?, ?, ?, ?, ?, 'Samenvatting', 'Omschrijving', 'subsidy', '["subsidies"]', '["starter"]', '["plan"]', ?, '[]', 'free', ?, 'Aanvragen', ?, ?, ?, ?)`,
      args: [
        id,
        Math.floor(Math.random() * 1e9),
        slug,
        org.id,
        `Aanbod ${slug}`,
        JSON.stringify([regionA.slug]),
        deadline,
        Date.now(),
        status,
        Date.now(),
        Date.now(),
      ],
    });
    return { id, slug };
  }

  it("should keep published offers once each, show them in the overview, and remove them", async () => {
    const me = await signInAsEntrepreneur(platform, `${unique("bladwijzer")}@brood.test`);
    const offer = await insertOffer("published");
    const draft = await insertOffer("draft");
    expect((await platform.fetch(`/api/v1/me/bookmarks/${offer.slug}`, { headers: me })).status).toBe(404);
    expect((await platform.fetch(`/api/v1/me/bookmarks/${offer.slug}`, { method: "PUT", headers: me })).status).toBe(201);
    expect((await platform.fetch(`/api/v1/me/bookmarks/${offer.slug}`, { method: "PUT", headers: me })).status).toBe(200);
    expect((await platform.fetch(`/api/v1/me/bookmarks/${draft.slug}`, { method: "PUT", headers: me })).status).toBe(404);
    expect((await platform.fetch(`/api/v1/me/bookmarks/${offer.slug}`, { headers: me })).status).toBe(200);
    const list = await ok<{ bookmarks: { slug: string }[] }>(await platform.fetch("/api/v1/me/bookmarks", { headers: me }));
    expect(list.bookmarks.map((b) => b.slug)).toEqual([offer.slug]);
    expect((await overview(me)).bookmarks).toMatchObject([{ slug: offer.slug, available: true }]);
    // An offer that is archived later stays in the list, marked unavailable.
    await platform.client.execute({ sql: "update offers set status = 'archived' where id = ?", args: [offer.id] });
    expect((await overview(me)).bookmarks).toMatchObject([{ slug: offer.slug, available: false }]);
    expect((await platform.fetch(`/api/v1/me/bookmarks/${offer.slug}`, { method: "DELETE", headers: me })).status).toBe(204);
    expect((await platform.fetch(`/api/v1/me/bookmarks/${offer.slug}`, { method: "DELETE", headers: me })).status).toBe(404);
    expect((await overview(me)).bookmarks).toEqual([]);
  });
});

describe("what staff see", () => {
  it("should flag appointments whose entrepreneur keeps a profile and open it only within the region's rules", async () => {
    const withProfile = `${unique("met")}@profiel.test`;
    const without = `${unique("zonder")}@profiel.test`;
    const a = await bookAt(regionA, deskA, withProfile, {}, 1);
    const b = await bookAt(regionA, deskA, without, {}, 1);
    const me = await signInAsEntrepreneur(platform, withProfile);
    await ok(await platform.fetch("/api/v1/me/profile", { method: "PUT", json: { companyName: "Zichtbaar voor de balie" }, headers: me }));
    // An account without a profile is not "has a profile".
    await signInAsEntrepreneur(platform, without);

    const date = a.appointment.start.slice(0, 10);
    const agenda = await ok<{ appointments: { id: string; hasProfile: boolean }[] }>(
      await platform.fetch(`/api/v1/regions/${regionA.slug}/admin/appointments?date=${date}`, { headers: as.adminA }),
    );
    expect(agenda.appointments.find((x) => x.id === a.appointment.id)?.hasProfile).toBe(true);
    expect(agenda.appointments.find((x) => x.id === b.appointment.id)?.hasProfile).toBe(false);

    const open = (region: RegionFixture, id: string, headers: Headers) =>
      platform.fetch(`/api/v1/regions/${region.slug}/admin/appointments/${id}/entrepreneur-profile`, { headers });
    const seen = await ok<{ profile: { companyName: string } }>(await open(regionA, a.appointment.id, as.adminA));
    expect(seen.profile.companyName).toBe("Zichtbaar voor de balie");
    expect((await open(regionA, a.appointment.id, as.staffA)).status).toBe(200);
    expect((await open(regionA, a.appointment.id, as.staffA2)).status).toBe(404);
    expect((await open(regionA, b.appointment.id, as.adminA)).status).toBe(404);
    expect((await open(regionA, a.appointment.id, as.adminB)).status).toBe(404);
    expect((await open(regionB, a.appointment.id, as.adminB)).status).toBe(404);
  });
});
