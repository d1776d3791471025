/**
 * Programme steering (issue 19) through the real Worker: each new role's reach (programme
 * office, municipality viewer, a consultant of two regions), targets with regional shares,
 * progress figures checked against values computed here from the rows the test wrote, and
 * companies reached de-duplicated by KvK number over appointments, event registrations,
 * referrals and trajectories.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newId } from "../../src/lib/ids";
import { localDate } from "../../src/lib/time";
import {
  addMembership,
  createFrontdesk,
  createRegion,
  createUser,
  insertAppointment,
  signInAs,
  type FrontdeskFixture,
  type RegionFixture,
} from "../support/factories";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { createOrganisation } from "../support/catalogue";

let platform: TestPlatform;
let zuid: RegionFixture;
let midden: RegionFixture;
let noord: RegionFixture;
let deskZuid: FrontdeskFixture;
let deskNoord: FrontdeskFixture;
const now = Date.now();
const DAY = 86_400_000;
const period = { from: localDate(now - 40 * DAY), to: localDate(now + 20 * DAY) };
const as: Record<string, Record<string, string>> = {};

async function candidate(region: RegionFixture, kvk: string, municipality: string, stages: string[], extra: { qualified?: boolean } = {}) {
  const id = newId();
  const created = now - 20 * DAY;
  await platform.client.execute({
    sql: `insert into scouting_candidates (id, region_id, source, company_name, kvk_number, municipality, topic, consent_at, stage, qualified_at, change_id, created_at, updated_at)
          values (?, ?, 'self', 'Bedrijf', ?, ?, 'financiering', ?, ?, ?, ?, ?, ?)`,
    args: [id, region.id, kvk, municipality, created, stages.at(-1) ?? "registered", extra.qualified ? created + DAY : null, newId(), created, created],
  });
  for (const [i, stage] of ["registered", ...stages].entries()) {
    await platform.client.execute({
      sql: "insert into scouting_stage_changes (id, region_id, candidate_id, from_stage, to_stage, changed_at) values (?, ?, ?, null, ?, ?)",
      args: [newId(), region.id, id, stage, created + i * DAY],
    });
  }
  return id;
}

async function get(path: string, who: string) {
  const response = await platform.fetch(path, { headers: as[who] ?? {} });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  platform = await startTestPlatform();
  const c = platform.client;
  zuid = await createRegion(c);
  midden = await createRegion(c);
  noord = await createRegion(c);
  deskZuid = await createFrontdesk(c, zuid, { municipality: "Maastricht" });
  deskNoord = await createFrontdesk(c, noord, { municipality: "Venlo" });
  await createFrontdesk(c, midden, { municipality: "Roermond" });

  const consultant = await createUser(c, "consultant", zuid);
  await addMembership(c, consultant, noord, "region_admin");
  as.multi = await signInAs(platform, consultant);
  as.office = await signInAs(platform, await createUser(c, "programme_office", null));
  as.province = await signInAs(platform, await createUser(c, "province_viewer", null));
  as.zuidAdmin = await signInAs(platform, await createUser(c, "region_admin", zuid));
  const viewer = await createUser(c, "municipality_viewer", null);
  await c.execute({ sql: "update users set municipality = 'Maastricht' where id = ?", args: [viewer.id] });
  as.municipality = await signInAs(platform, viewer);

  // Companies: 11111111 booked in Zuid twice, registered for an event in Noord, referred in Zuid (one company, reached in two regions);
  // 22222222 only a trajectory in Zuid; 33333333 an appointment in Noord, written with spaces; an invalid KvK number counts nowhere.
  for (const offset of [2, 3])
    await insertAppointment(c, deskZuid, { startAt: now - offset * DAY, kvkNumber: "11111111", status: "completed", topic: "financiering" });
  await insertAppointment(c, deskZuid, { startAt: now - 4 * DAY, kvkNumber: "44444444", status: "cancelled" });
  await insertAppointment(c, deskZuid, { startAt: now - 5 * DAY, kvkNumber: "1234", status: "completed", topic: "subsidies" });
  for (let i = 0; i < 6; i++) await insertAppointment(c, deskZuid, { startAt: now - (6 + i) * DAY, status: "completed", topic: "personeel" });
  await insertAppointment(c, deskNoord, { startAt: now - 2 * DAY, kvkNumber: "3333 3333", status: "confirmed" });
  await insertAppointment(c, deskNoord, { startAt: now - 200 * DAY, kvkNumber: "55555555", status: "completed" });

  const organisation = await createOrganisation(c, zuid);
  const eventId = newId();
  await c.execute({
    sql: `insert into events (id, seq, slug, region_id, organisation_id, title, summary, description, type, format, topics, audiences, regions, capacity, registration_deadline, contact, first_start_at, last_end_at, status, version, change_ref, created_at, updated_at)
          values (?, 1, ?, ?, ?, 'Masterclass', 's', 'd', 'masterclass', 'online', '[]', '[]', '[]', 10, ?, '{}', ?, ?, 'published', 0, ?, ?, ?)`,
    args: [eventId, `mc-${eventId.toLowerCase()}`, noord.id, organisation.id, now, now - 3 * DAY, now - 3 * DAY + 3_600_000, newId(), now, now],
  });
  await c.execute({
    sql: "insert into event_sessions (event_id, idx, region_id, start_at, end_at) values (?, 0, ?, ?, ?)",
    args: [eventId, noord.id, now - 3 * DAY, now - 3 * DAY + 3_600_000],
  });
  for (const [i, kvk] of ["11111111", null, null].entries()) {
    const registrationId = newId();
    await c.execute({
      sql: `insert into event_registrations (id, region_id, event_id, seq, status, locale, name, email, kvk_number, consent_at, follow_up_consent, manage_token_hash, created_at, updated_at)
            values (?, ?, ?, ?, 'confirmed', 'nl', 'Deelnemer', ?, ?, ?, 0, ?, ?, ?)`,
      args: [registrationId, noord.id, eventId, i + 1, `d${i}-${newId()}@example.test`, kvk, now, newId(), now - 10 * DAY, now - 10 * DAY],
    });
    await c.execute({
      sql: "insert into event_attendance (registration_id, session_idx, event_id, region_id, attended, marked_at) values (?, 0, ?, ?, ?, ?)",
      args: [registrationId, eventId, noord.id, i < 2 ? 1 : 0, now],
    });
  }
  for (const status of ["helped", "sent", "contacted"]) {
    await c.execute({
      sql: `insert into referrals (id, region_id, to_region_id, organisation_id, topic, consent_to_share, status, locale, kvk_number, due_at, created_at, updated_at)
            values (?, ?, ?, ?, 'financiering', 1, ?, 'nl', '11111111', ?, ?, ?)`,
      args: [newId(), zuid.id, zuid.id, organisation.id, status, now, now - 5 * DAY, now - 5 * DAY],
    });
  }
  // Funnel in Zuid: 7 starts, 6 intakes, 5 go, 5 plans, 1 financing arranged (an outcome after the plan).
  await candidate(zuid, "22222222", "Maastricht", []);
  await candidate(zuid, "22222222", "Maastricht", ["intake"]);
  for (let i = 0; i < 4; i++)
    await candidate(zuid, "22222222", "Maastricht", ["intake", "ambition_assessed", "plan_in_development", "business_plan_delivered"], { qualified: true });
  await candidate(zuid, "22222222", "Heerlen", ["intake", "ambition_assessed", "plan_in_development", "business_plan_delivered", "financing_arranged"], {
    qualified: true,
  });
});
afterAll(async () => {
  await platform?.close();
});
vi.spyOn(console, "log").mockImplementation(() => undefined);

describe("roles and reach", () => {
  it("should let a member of two regions act with each region's own role and reach nothing of a third", async () => {
    expect((await get(`/api/v1/regions/${noord.slug}/admin/frontdesks`, "multi")).status).toBe(200);
    expect((await get(`/api/v1/regions/${zuid.slug}/admin/frontdesks`, "multi")).status).toBe(403);
    expect((await get(`/api/v1/regions/${zuid.slug}/admin/candidates`, "multi")).status).toBe(200);
    expect((await get(`/api/v1/regions/${midden.slug}/admin/candidates`, "multi")).status).toBe(404);
    expect((await get(`/api/v1/regions/${midden.slug}/admin/frontdesks`, "multi")).status).toBe(404);
    const me = await get("/api/v1/auth/me", "multi");
    expect(me.body.user).toMatchObject({ role: "consultant", region: zuid.slug });
    expect((me.body.user as { regions: unknown[] }).regions).toEqual(
      expect.arrayContaining([
        { region: zuid.slug, role: "consultant" },
        { region: noord.slug, role: "region_admin" },
      ]),
    );
  });

  it("should let the programme office manage the Support Process of every region and audit each read of candidates' personal data", async () => {
    const list = await get(`/api/v1/regions/${midden.slug}/admin/candidates`, "office");
    expect(list.status).toBe(200);
    const zuidList = await get(`/api/v1/regions/${zuid.slug}/admin/candidates`, "office");
    expect((zuidList.body.candidates as unknown[]).length).toBe(7);
    const audit = await platform.client.execute({
      sql: "select detail from audit_log where action = 'scouting.personal_data_read' and region_id = ?",
      args: [zuid.id],
    });
    expect(audit.rows.map((r) => JSON.parse(String(r.detail)))).toEqual([{ task: "candidate_list", candidates: 7 }]);
    const settings = await platform.fetch(`/api/v1/regions/${noord.slug}/admin/scouting/settings`, {
      method: "PATCH",
      json: { noShowRule: 3 },
      headers: as.office,
    });
    expect(settings.status).toBe(200);
    expect((await get(`/api/v1/regions/${zuid.slug}/admin/frontdesks`, "office")).status).toBe(403);
    expect((await get(`/api/v1/regions/${zuid.slug}/admin/appointments`, "office")).status).toBe(403);
    expect((await get("/api/v1/province/summary", "office")).status).toBe(200);
    // A region admin's own reads are not audited this way, and an empty list (Midden) read no personal data.
    await get(`/api/v1/regions/${zuid.slug}/admin/candidates`, "zuidAdmin");
    const after = await platform.client.execute({ sql: "select count(*) as n from audit_log where action = 'scouting.personal_data_read'", args: [] });
    expect(Number(after.rows[0]?.n)).toBe(1);
  });

  it("should let the programme office create an organisation for any region, which the province viewer cannot", async () => {
    const body = { slug: "ondernemersvereniging-noord", name: "Ondernemersvereniging Noord", kind: "business_association", regions: [noord.slug, zuid.slug] };
    const created = await platform.fetch("/api/v1/organisations", { method: "POST", json: body, headers: as.office });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { organisation: { slug: string } }).organisation.slug).toBe(body.slug);
    const refused = await platform.fetch("/api/v1/organisations", { method: "POST", json: { ...body, slug: "nog-een-vereniging" }, headers: as.province });
    expect(refused.status).toBe(403);
    const rows = await platform.client.execute({
      sql: "select count(*) as n from organisations where slug in (?, ?)",
      args: [body.slug, "nog-een-vereniging"],
    });
    expect(Number(rows.rows[0]?.n)).toBe(1);
  });

  it("should show a municipality viewer only their own municipality's aggregates, small counts as <5", async () => {
    const summary = await get(`/api/v1/municipality/summary?from=${period.from}&to=${period.to}&municipality=Venlo`, "municipality");
    expect(summary.status).toBe(200);
    expect(summary.body.municipality).toBe("Maastricht");
    const appointments = summary.body.appointments as { byTopic: Record<string, unknown> };
    // Maastricht (no entrepreneur's municipality recorded: the desk's): 2 financiering, 1 subsidies, 6 personeel (the cancelled one not counted).
    expect([6, "x"]).toContain(appointments.byTopic.personeel);
    expect(appointments.byTopic.financiering).not.toBe(2);
    expect(appointments.byTopic.subsidies).toBe("<5");
    expect(summary.body.frontdesks).toEqual([expect.objectContaining({ id: deskZuid.id })]);
    // 6 of the 7 Zuid candidates are located in Maastricht, 4 of them delivered a plan; 3 referrals carry no municipality.
    expect(summary.body.supportProcess).toEqual({ starts: 6, plans: "<5" });
    expect(JSON.stringify(summary.body)).not.toMatch(/example\.test|Bedrijf|11111111/);
    expect((await get(`/api/v1/regions/${zuid.slug}/admin/report`, "municipality")).status).toBe(403);
    expect((await get("/api/v1/province/summary", "municipality")).status).toBe(403);
    expect((await get("/api/v1/programme/progress", "municipality")).status).toBe(403);
  });
});

describe("the municipality an appointment counts for", () => {
  it("should count an appointment for the entrepreneur's own municipality, and for the desk's when none was recorded", async () => {
    // A window of its own, far before the other tests' period, so their figures stay as they are.
    const window = { from: localDate(now - 330 * DAY), to: localDate(now - 300 * DAY) };
    const at = (i: number) => now - (310 + i) * DAY;
    // Vaals: 6 personeel from entrepreneurs of Vaals at a desk in Gulpen-Wittem, 2 subsidies at a desk in Vaals with no
    // municipality recorded, a cancelled one not counted. Eijsden-Margraten: 3 personeel at a desk in Vaals.
    for (let i = 0; i < 6; i++)
      await insertAppointment(platform.client, deskZuid, {
        startAt: at(i),
        topic: "personeel",
        municipality: "Gulpen-Wittem",
        entrepreneurMunicipality: "Vaals",
      });
    for (let i = 0; i < 2; i++) await insertAppointment(platform.client, deskZuid, { startAt: at(i), topic: "subsidies", municipality: "Vaals" });
    await insertAppointment(platform.client, deskZuid, {
      startAt: at(1),
      topic: "subsidies",
      municipality: "Vaals",
      entrepreneurMunicipality: "Vaals",
      status: "cancelled",
    });
    for (let i = 0; i < 3; i++)
      await insertAppointment(platform.client, deskZuid, {
        startAt: at(i),
        topic: "personeel",
        municipality: "Vaals",
        entrepreneurMunicipality: "Eijsden-Margraten",
      });
    const summary = async (municipality: string) => {
      const answer = await get(`/api/v1/municipality/summary?from=${window.from}&to=${window.to}&municipality=${municipality}`, "office");
      expect(answer.status).toBe(200);
      return answer.body as { basis: string; appointments: { byTopic: Record<string, unknown> } };
    };
    const vaals = await summary("Vaals");
    expect(vaals.basis).toBe("entrepreneur_municipality_else_desk");
    // Personeel 6 is published (or hidden as "x" only to protect the small subsidies figure); subsidies 2 is "<5".
    expect([6, "x"]).toContain(vaals.appointments.byTopic.personeel);
    expect(vaals.appointments.byTopic.subsidies).toBe("<5");
    // A zero may be hidden as "<5" too, as the cover for the small subsidies figure (the small-count rule).
    expect([0, "<5"]).toContain(vaals.appointments.byTopic.financiering);
    const eijsden = await summary("Eijsden-Margraten");
    expect(eijsden.appointments.byTopic.personeel).toBe("<5");
    expect(eijsden.appointments.byTopic.subsidies).toBe(0);
    // The desk's municipality gets none of the 6 its desk served for Vaals.
    const gulpen = await summary("Gulpen-Wittem");
    expect(Object.values(gulpen.appointments.byTopic).every((n) => n === 0)).toBe(true);
  });
});

describe("targets and progress", () => {
  it("should let only the programme office set targets, and refuse a band whose maximum lies below its minimum", async () => {
    const body = {
      from: period.from,
      to: period.to,
      targets: [
        { indicator: "starts", min: 20 },
        { indicator: "plans", min: 8, max: 10 },
        { indicator: "companies_reached", min: 6 },
        { indicator: "appointments", min: 40 },
        { indicator: "referrals_with_feedback", min: 4 },
        { indicator: "masterclass_attendance", min: 10 },
        { indicator: "consultant_fte", min: 3 },
      ],
      shares: [
        { region: zuid.slug, percent: 50 },
        { region: noord.slug, percent: 25 },
      ],
    };
    expect((await platform.fetch("/api/v1/programme/targets", { method: "PUT", json: body, headers: as.province })).status).toBe(403);
    const bad = await platform.fetch("/api/v1/programme/targets", {
      method: "PUT",
      json: { ...body, targets: [{ indicator: "plans", min: 10, max: 5 }] },
      headers: as.office,
    });
    expect(bad.status).toBe(400);
    const ok = await platform.fetch("/api/v1/programme/targets", { method: "PUT", json: body, headers: as.office });
    expect(ok.status).toBe(200);
    const stored = (await get(`/api/v1/programme/targets?from=${period.from}&to=${period.to}`, "province")).body;
    expect(stored.targets).toContainEqual({ indicator: "plans", min: 8, max: 10 });
    expect(stored.shares).toContainEqual({ region: zuid.slug, percent: 50 });
  });

  it("should count progress as computed here, companies reached once each, and give a region its share of the target", async () => {
    const progress = (await get(`/api/v1/programme/progress?from=${period.from}&to=${period.to}`, "office")).body as {
      targetPeriod: unknown;
      total: {
        indicators: { indicator: string; actual: unknown; target: unknown; progress: { ofMin: number | null; ofMax: number | null } }[];
        funnel: Record<string, unknown>;
      };
      regions: { region: { slug: string }; indicators: { indicator: string; actual: unknown; target: unknown }[] }[];
    };
    expect(progress.targetPeriod).toEqual(period);
    const total = Object.fromEntries(progress.total.indicators.map((i) => [i.indicator, i]));
    // Independently: appointments in the period and not cancelled: Zuid 2 + 1 + 6, Noord 1 (the one 200 days ago is outside).
    expect(total.appointments?.actual).toBe(10);
    expect(total.appointments?.progress.ofMin).toBe(0.25);
    // Distinct valid KvK numbers: 11111111 (appointments, event, referrals; two regions), 22222222 (trajectories), 33333333 (spaces removed).
    expect(total.companies_reached?.actual).toBe("<5");
    expect(total.starts?.actual).toBe(7);
    expect(total.plans).toMatchObject({ actual: 5, target: { min: 8, max: 10 }, progress: { ofMin: 0.625, ofMax: 0.5 } });
    expect(total.referrals_with_feedback?.actual).toBe("<5");
    expect(total.masterclass_attendance?.actual).toBe("<5");
    expect(progress.total.funnel).toMatchObject({ starts: 7, intake: 6, go: 5, plan: 5, financingArranged: "<5" });
    expect((progress.total.funnel.conversion as Record<string, unknown>).goToPlan).toBe(1);

    const zuidRow = progress.regions.find((r) => r.region.slug === zuid.slug);
    const zuidFigures = Object.fromEntries((zuidRow?.indicators ?? []).map((i) => [i.indicator, i]));
    expect(zuidFigures.appointments).toMatchObject({ actual: 9, target: { min: 20, max: null } });
    expect(zuidFigures.plans).toMatchObject({ actual: 5, target: { min: 4, max: 5 } });
    const middenRow = progress.regions.find((r) => r.region.slug === midden.slug);
    expect(middenRow?.indicators.every((i) => i.target === null)).toBe(true);

    // A region's own report shows its share, never the Limburg target.
    const own = (await get(`/api/v1/regions/${zuid.slug}/admin/programme/progress?from=${period.from}&to=${period.to}`, "zuidAdmin")).body as {
      indicators: { indicator: string; target: { min: number } | null }[];
    };
    expect(own.indicators.find((i) => i.indicator === "starts")?.target?.min).toBe(10);
    expect((await get(`/api/v1/regions/${noord.slug}/admin/programme/progress`, "zuidAdmin")).status).toBe(404);
  });

  it("should set a consultant's FTE for members of the region only and show caseload against capacity", async () => {
    const consultantId = ((await get("/api/v1/auth/me", "multi")).body.user as { id: string }).id;
    const set = await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/consultants/${consultantId}/capacity`, {
      method: "PUT",
      json: { fte: 0.8 },
      headers: as.zuidAdmin,
    });
    expect(set.status).toBe(200);
    // In Noord the same user is an admin, not a consultant: not found there.
    const elsewhere = await platform.fetch(`/api/v1/regions/${noord.slug}/admin/consultants/${consultantId}/capacity`, {
      method: "PUT",
      json: { fte: 0.5 },
      headers: as.office,
    });
    expect(elsewhere.status).toBe(404);
    const tooMuch = await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/consultants/${consultantId}/capacity`, {
      method: "PUT",
      json: { fte: 2 },
      headers: as.office,
    });
    expect(tooMuch.status).toBe(400);
    const progress = (await get(`/api/v1/programme/progress?from=${period.from}&to=${period.to}`, "office")).body as {
      regions: { region: { slug: string }; capacity: { consultants: number; fte: number; plannedFte: number | null } }[];
    };
    // Zuid: one consultant with 0.8 FTE; the capacity plan of 3 FTE at a 50% share is 1.5.
    expect(progress.regions.find((r) => r.region.slug === zuid.slug)?.capacity).toMatchObject({ consultants: 1, fte: 0.8, plannedFte: 1.5 });
  });

  it("should count a company reached in several ways and regions once, and each region's own companies once", async () => {
    // Five more companies booked in Noord lift the total out of the small-count range.
    for (const kvk of ["60000001", "60000002", "60000003", "60000004", "60000005"])
      await insertAppointment(platform.client, deskNoord, { startAt: now - DAY, kvkNumber: kvk, status: "confirmed" });
    const progress = (await get(`/api/v1/programme/progress?from=${period.from}&to=${period.to}`, "province")).body as {
      total: { indicators: { indicator: string; actual: unknown }[] };
      regions: { region: { slug: string }; indicators: { indicator: string; actual: unknown }[] }[];
    };
    const reached = (indicators: { indicator: string; actual: unknown }[]) => indicators.find((i) => i.indicator === "companies_reached")?.actual;
    // 11111111, 22222222, 33333333 and the five: 8, although 11111111 was reached six times in two regions.
    expect(reached(progress.total.indicators)).toBe(8);
    // Noord: 33333333, 11111111 (event) and the five = 7; Zuid: 11111111 and 22222222 = "<5".
    expect(reached(progress.regions.find((r) => r.region.slug === noord.slug)?.indicators ?? [])).toBe(7);
    expect(reached(progress.regions.find((r) => r.region.slug === zuid.slug)?.indicators ?? [])).toBe("<5");
  });
});
