import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../src/db/client";
import type { RegionRef } from "../../src/lib/context";
import { newId } from "../../src/lib/ids";
import { provinceScoutingSummary } from "../../src/features/scouting/scouting.report";
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
import { readError } from "../support/answers";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { amsterdamDate } from "../support/slots";

type Headers = Record<string, string>;
interface Trajectory {
  id: string;
  stage: string;
  source: string;
  qualified: boolean;
  decisionRequired: boolean;
  frontdesk: { id: string } | null;
  consultant: { id: string } | null;
  sessionCount: number;
  nextStages: string[];
  commitments?: {
    point: string;
    stage: string;
    entrepreneurName: string;
    entrepreneurCommitment: string;
    consultant: { id: string; name: string };
    agreedAt: string;
  }[];
  sessions?: { attendance: string }[];
  experts?: { names: string[]; voucherApplied: boolean };
  history?: { from: string | null; to: string; decision: string | null; stopReason: string | null; referral: { kind: string; name: string } | null }[];
  stop: { reason: string; referral: { kind: string; name: string } } | null;
}

let platform: TestPlatform;
let region: RegionFixture;
let other: RegionFixture;
let deskA: FrontdeskFixture;
let deskB: FrontdeskFixture;
let consultantUser: UserFixture;
let secondConsultantUser: UserFixture;
let otherConsultantUser: UserFixture;
let staffAUser: UserFixture;
const as: Record<string, Headers> = {};

beforeAll(async () => {
  platform = await startTestPlatform();
  const c = platform.client;
  region = await createRegion(c);
  other = await createRegion(c);
  deskA = await createFrontdesk(c, region, { name: "Ondernemersloket A" });
  deskB = await createFrontdesk(c, region, { name: "Rabobank B" });
  const otherDesk = await createFrontdesk(c, other);
  consultantUser = await createUser(c, "consultant", region);
  secondConsultantUser = await createUser(c, "consultant", region);
  otherConsultantUser = await createUser(c, "consultant", other);
  staffAUser = await createUser(c, "frontdesk_staff", region, [deskA]);
  as.admin = await signInAs(platform, await createUser(c, "region_admin", region));
  as.consultant = await signInAs(platform, consultantUser);
  as.secondConsultant = await signInAs(platform, secondConsultantUser);
  as.staffA = await signInAs(platform, staffAUser);
  as.staffB = await signInAs(platform, await createUser(c, "frontdesk_staff", region, [deskB]));
  as.otherAdmin = await signInAs(platform, await createUser(c, "region_admin", other));
  as.otherConsultant = await signInAs(platform, otherConsultantUser);
  as.otherStaff = await signInAs(platform, await createUser(c, "frontdesk_staff", other, [otherDesk]));
  as.province = await signInAs(platform, await createUser(c, "province_viewer", null));
  as.platformAdmin = await signInAs(platform, await createUser(c, "platform_admin", null));
});
afterAll(async () => {
  await platform?.close();
});

const base = (r: RegionFixture = region) => `/api/v1/regions/${r.slug}/admin`;
const send = (method: string, path: string, headers: Headers, json?: unknown) =>
  platform.fetch(path, { method, headers, ...(json !== undefined ? { json } : {}) });
async function ok<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

const candidateBody = (overrides: Record<string, unknown> = {}) => ({
  company: { name: "Bakkerij Brood & Zo", kvkNumber: "1234.5678" },
  contact: { name: "Anneke Brood", email: "Anneke@Brood.example", phone: "06 12345678" },
  municipality: "maastricht",
  ambition: "Een tweede vestiging openen\nen een webwinkel starten.",
  topic: "groei_en_innovatie",
  consent: true,
  frontdeskId: deskA.id,
  ...overrides,
});
/** A local date that is certainly in the past (sessions are logged afterwards). */
const yesterday = () => amsterdamDate(-2);
const commitment = {
  entrepreneurCommitment: "Vier uur per week en elke sessie voorbereid",
  consultantCommitment: "Elke week een sessie van een uur",
  entrepreneurName: "Anneke Brood",
};
const referral = { kind: "initiative", name: "Ondernemersklankbord Limburg" };

async function register(headers: Headers = as.staffA ?? {}, overrides: Record<string, unknown> = {}, r: RegionFixture = region): Promise<Trajectory> {
  return (await ok<{ candidate: Trajectory }>(await send("POST", `${base(r)}/candidates`, headers, candidateBody(overrides)), 201)).candidate;
}
const stage = (id: string, body: Record<string, unknown>, headers: Headers = as.consultant ?? {}) =>
  send("POST", `${base()}/candidates/${id}/stage`, headers, body);
const session = (id: string, attendance: "attended" | "no_show", headers: Headers = as.consultant ?? {}, extra: Record<string, unknown> = {}) =>
  send("POST", `${base()}/candidates/${id}/sessions`, headers, {
    date: yesterday(),
    durationMinutes: 60,
    attendance,
    note: "Marktverkenning besproken",
    ...extra,
  });
const detail = async (id: string, headers: Headers = as.admin ?? {}) =>
  (await ok<{ candidate: Trajectory }>(await send("GET", `${base()}/candidates/${id}`, headers))).candidate;

/** Assigns the consultant and moves a fresh candidate up to (and including) the given stage. */
async function advance(
  id: string,
  to: "intake" | "ambition_assessed" | "plan_in_development" | "business_plan_delivered" | "financing_arranged",
  sessions = 0,
): Promise<void> {
  await ok(await send("POST", `${base()}/candidates/${id}/assign`, as.admin ?? {}, { consultantId: consultantUser.id }));
  await ok(await stage(id, { to: "intake" }));
  for (let i = 0; i < sessions; i++) await ok(await session(id, "attended"), 201);
  if (to === "intake") return;
  await ok(await send("POST", `${base()}/candidates/${id}/commitments`, as.consultant ?? {}, commitment), 201);
  await ok(await stage(id, { to: "ambition_assessed" }));
  if (to === "ambition_assessed") return;
  await ok(await stage(id, { to: "plan_in_development", decision: "go", commitment }));
  if (to === "plan_in_development") return;
  await ok(await stage(id, { to: "business_plan_delivered" }));
  if (to === "business_plan_delivered") return;
  await ok(await stage(id, { to: "financing_arranged" }));
}

/** A completed appointment two days ago, where the candidate was scouted. */
const pastAppointment = (desk: FrontdeskFixture): Promise<string> =>
  insertAppointment(platform.client, desk, {
    startAt: Date.now() - 2 * 86_400_000,
    status: "completed",
    topic: "groei_en_innovatie",
    name: "Anneke Brood",
    email: "anneke@brood.example",
  });

describe("the Support Process funnel", () => {
  it("should take a candidate scouted at an appointment through every stage to financing, auditing each stage change", async () => {
    const appointmentId = await pastAppointment(deskA);
    const created = await register(as.staffA, { frontdeskId: undefined, appointmentId });
    expect(created).toMatchObject({ stage: "registered", source: "frontdesk", frontdesk: { id: deskA.id }, qualified: false });
    expect(created).not.toHaveProperty("sessions");

    await advance(created.id, "intake");
    await ok(await session(created.id, "attended", as.consultant, { experts: ["Jan Expert (accountant)"], voucherApplied: true }), 201);
    await ok(await send("POST", `${base()}/candidates/${created.id}/commitments`, as.consultant ?? {}, commitment), 201);
    await ok(await stage(created.id, { to: "ambition_assessed", note: "Ambitie realistisch" }));
    await ok(await session(created.id, "attended", as.consultant, { experts: ["Petra Marketing"] }), 201);
    const go = await ok<{ candidate: Trajectory }>(
      await stage(created.id, { to: "plan_in_development", decision: "go", commitment: { ...commitment, entrepreneurCommitment: "Zes uur per week" } }),
    );
    expect(go.candidate).toMatchObject({ stage: "plan_in_development", qualified: true });
    await ok(await stage(created.id, { to: "business_plan_delivered" }));
    const done = await ok<{ candidate: Trajectory }>(await stage(created.id, { to: "financing_arranged" }));
    expect(done.candidate).toMatchObject({ stage: "financing_arranged", qualified: true, sessionCount: 2, nextStages: [] });
    expect(done.candidate.history?.map((h) => h.to)).toEqual([
      "registered",
      "intake",
      "ambition_assessed",
      "plan_in_development",
      "business_plan_delivered",
      "financing_arranged",
    ]);
    expect(done.candidate.history?.[3]).toMatchObject({ from: "ambition_assessed", decision: "go" });
    expect(done.candidate.commitments?.map((m) => [m.point, m.stage, m.consultant.id])).toEqual([
      ["intake", "intake", consultantUser.id],
      ["go_decision", "ambition_assessed", consultantUser.id],
    ]);
    expect(done.candidate.commitments?.[1]).toMatchObject({ entrepreneurName: "Anneke Brood", entrepreneurCommitment: "Zes uur per week" });
    expect(done.candidate.experts).toEqual({ names: ["Jan Expert (accountant)", "Petra Marketing"], voucherApplied: true });

    const audit = await platform.client.execute({ sql: "select action, detail from audit_log where target_id = ? order by created_at", args: [created.id] });
    const stageChanges = audit.rows.filter((r) => r.action === "scouting.stage_changed").map((r) => JSON.parse(String(r.detail)) as { to: string });
    expect(stageChanges.map((d) => d.to)).toEqual(["intake", "ambition_assessed", "plan_in_development", "business_plan_delivered", "financing_arranged"]);
    expect(audit.rows.map((r) => r.action)).toContain("scouting.candidate_registered");
    expect(audit.rows.map((r) => r.action)).toContain("scouting.consultant_assigned");
    const stored = await platform.client.execute({
      sql: "select kvk_number, email, phone, municipality from scouting_candidates where id = ?",
      args: [created.id],
    });
    expect(stored.rows[0]).toMatchObject({ kvk_number: "12345678", email: "anneke@brood.example", phone: "+31612345678", municipality: "Maastricht" });
  });

  it("should refuse a stop without a referral or reason and record where a no-go entrepreneur was referred", async () => {
    const { id } = await register();
    await advance(id, "ambition_assessed");
    expect((await stage(id, { to: "stopped", stopReason: "no_go" })).status).toBe(400);
    expect((await stage(id, { to: "stopped", referral })).status).toBe(400);
    expect((await stage(id, { to: "plan_in_development", decision: "no_go" })).status).toBe(400);
    const stopped = await ok<{ candidate: Trajectory }>(await stage(id, { to: "stopped", decision: "no_go", stopReason: "no_go", referral }));
    expect(stopped.candidate).toMatchObject({ stage: "stopped", qualified: false, stop: { reason: "no_go", referral } });
    expect(stopped.candidate.history?.at(-1)).toMatchObject({ from: "ambition_assessed", to: "stopped", decision: "no_go", stopReason: "no_go", referral });
    expect((await stage(id, { to: "intake" })).status).toBe(409);
    expect((await session(id, "attended")).status).toBe(409);
  });

  it("should only move one step forward and demand a consultant, the intake commitment and a go with a commitment", async () => {
    const { id } = await register();
    expect((await stage(id, { to: "intake" }, as.admin)).status).toBe(409);
    await ok(await send("POST", `${base()}/candidates/${id}/assign`, as.admin ?? {}, { consultantId: consultantUser.id }));
    expect((await stage(id, { to: "ambition_assessed" })).status).toBe(409);
    expect((await send("POST", `${base()}/candidates/${id}/commitments`, as.consultant ?? {}, commitment)).status).toBe(409);
    await ok(await stage(id, { to: "intake" }));
    expect((await stage(id, { to: "ambition_assessed" })).status).toBe(409);
    await ok(await send("POST", `${base()}/candidates/${id}/commitments`, as.consultant ?? {}, commitment), 201);
    await ok(await stage(id, { to: "ambition_assessed" }));
    expect((await stage(id, { to: "plan_in_development" })).status).toBe(400);
    expect((await stage(id, { to: "plan_in_development", decision: "go" })).status).toBe(400);
    expect((await stage(id, { to: "business_plan_delivered", decision: "go", commitment })).status).toBe(409);
    expect((await stage(id, { to: "intake" })).status).toBe(409);
    expect((await stage(id, { to: "nowhere" })).status).toBe(400);
  });

  it("should require a go/no-go decision after the region's number of no-shows and refuse sessions until it is recorded", async () => {
    const settings = await ok<{ settings: { noShowRule: number } }>(await send("GET", `${base()}/scouting/settings`, as.consultant ?? {}));
    expect(settings.settings.noShowRule).toBe(2);
    const { id } = await register();
    await advance(id, "plan_in_development");
    const first = await ok<{ decisionRequired: boolean; noShowsSinceDecision: number }>(await session(id, "no_show"), 201);
    expect(first).toMatchObject({ decisionRequired: false, noShowsSinceDecision: 1 });
    await ok(await session(id, "attended"), 201);
    const second = await ok<{ decisionRequired: boolean }>(await session(id, "no_show"), 201);
    expect(second.decisionRequired).toBe(true);
    expect((await detail(id)).decisionRequired).toBe(true);
    const refused = await session(id, "attended");
    expect(refused.status).toBe(409);
    expect((await readError(refused)).code).toBe("conflict");
    expect((await stage(id, { to: "business_plan_delivered" })).status).toBe(400);
    expect((await stage(id, { to: "plan_in_development", decision: "go" })).status).toBe(400);
    const resumed = await ok<{ candidate: Trajectory }>(await stage(id, { to: "plan_in_development", decision: "go", commitment }));
    expect(resumed.candidate).toMatchObject({ stage: "plan_in_development", decisionRequired: false });
    expect(resumed.candidate.commitments?.at(-1)).toMatchObject({ point: "go_decision", stage: "plan_in_development" });
    await ok(await session(id, "no_show"), 201);
    expect((await ok<{ decisionRequired: boolean }>(await session(id, "no_show"), 201)).decisionRequired).toBe(true);
    const stopped = await ok<{ candidate: Trajectory }>(
      await stage(id, { to: "stopped", stopReason: "no_show_rule", referral: { kind: "frontdesk", name: "Ondernemersloket A" } }),
    );
    expect(stopped.candidate.history?.at(-1)).toMatchObject({ decision: "no_go", stopReason: "no_show_rule" });
  });

  it("should let only the region admin change the no-show rule, and apply the new rule from the next session", async () => {
    expect((await send("PATCH", `${base()}/scouting/settings`, as.consultant ?? {}, { noShowRule: 1 })).status).toBe(403);
    expect((await send("PATCH", `${base()}/scouting/settings`, as.admin ?? {}, { noShowRule: -1 })).status).toBe(400);
    expect((await send("PATCH", `${base(other)}/scouting/settings`, as.admin ?? {}, { noShowRule: 1 })).status).toBe(404);
    await ok(await send("PATCH", `${base()}/scouting/settings`, as.admin ?? {}, { noShowRule: 1 }));
    try {
      const { id } = await register();
      await advance(id, "intake");
      expect((await ok<{ decisionRequired: boolean }>(await session(id, "no_show"), 201)).decisionRequired).toBe(true);
      const otherRule = await ok<{ settings: { noShowRule: number } }>(await send("GET", `${base(other)}/scouting/settings`, as.otherAdmin ?? {}));
      expect(otherRule.settings.noShowRule).toBe(2);
    } finally {
      await ok(await send("PATCH", `${base()}/scouting/settings`, as.admin ?? {}, { noShowRule: 2 }));
    }
  });
});

describe("concurrent changes", () => {
  it("should apply only one of two simultaneous stage changes and leave no trace of the other", async () => {
    const { id } = await register();
    await ok(await send("POST", `${base()}/candidates/${id}/assign`, as.admin ?? {}, { consultantId: consultantUser.id }));
    const answers = await Promise.all([stage(id, { to: "intake" }), stage(id, { to: "intake" }, as.admin)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const history = await platform.client.execute({
      sql: "select count(*) as n from scouting_stage_changes where candidate_id = ? and to_stage = 'intake'",
      args: [id],
    });
    const audit = await platform.client.execute({
      sql: "select count(*) as n from audit_log where target_id = ? and action = 'scouting.stage_changed'",
      args: [id],
    });
    expect([Number(history.rows[0]?.n), Number(audit.rows[0]?.n)]).toEqual([1, 1]);
  });
});

describe("registering candidates", () => {
  it("should refuse missing consent, a bad KvK number, an unknown municipality and control characters, and never store an extra personal field", async () => {
    const post = (overrides: Record<string, unknown>) => send("POST", `${base()}/candidates`, as.staffA ?? {}, candidateBody(overrides));
    const paths = async (r: Response) => {
      expect(r.status).toBe(400);
      return (await readError(r)).issues?.map((i) => i.path) ?? [];
    };
    expect(await paths(await post({ consent: false }))).toContain("consent");
    expect(await paths(await post({ company: { name: "X", kvkNumber: "1234567" } }))).toContain("company.kvkNumber");
    expect(await paths(await post({ municipality: "Amsterdam" }))).toContain("municipality");
    expect(await paths(await post({ contact: { name: "A\u0007B", email: "a@b.example" } }))).toContain("contact.name");
    expect(await paths(await post({ ambition: "x".repeat(601) }))).toContain("ambition");
    expect(await paths(await post({ topic: "bakken" }))).toContain("topic");
    // Unknown fields are ignored on every route (valibot objects strip them), so a BSN or a
    // date of birth sent along is simply never stored.
    const extra = await post({ bsn: "123456782", contact: { name: "Extra Velden", email: "extra@b.example", dateOfBirth: "1970-01-01" } });
    expect(extra.status).toBe(201);
    const stored = await platform.client.execute("select * from scouting_candidates");
    expect(JSON.stringify(stored.rows)).not.toMatch(/123456782|1970-01-01/);
  });

  it("should let frontdesk staff register only for their own desks and from their own desks' appointments", async () => {
    expect((await send("POST", `${base()}/candidates`, as.staffA ?? {}, candidateBody({ frontdeskId: deskB.id }))).status).toBe(403);
    const otherAppointment = await pastAppointment(deskB);
    expect(
      (await send("POST", `${base()}/candidates`, as.staffA ?? {}, candidateBody({ frontdeskId: undefined, appointmentId: otherAppointment }))).status,
    ).toBe(404);
    expect(
      (await send("POST", `${base()}/candidates`, as.staffB ?? {}, candidateBody({ frontdeskId: deskA.id, appointmentId: otherAppointment }))).status,
    ).toBe(400);
    expect((await send("POST", `${base()}/candidates`, as.staffA ?? {}, candidateBody({ frontdeskId: undefined }))).status).toBe(400);
    const byAdmin = await register(as.admin, { frontdeskId: deskB.id });
    expect(byAdmin.frontdesk?.id).toBe(deskB.id);
    expect((await send("POST", `${base()}/candidates`, as.consultant ?? {}, candidateBody())).status).toBe(403);
  });

  it("should accept a public self-registration with consent and no frontdesk, visible to the admin but not to frontdesk staff", async () => {
    const { frontdeskId: _desk, ...body } = candidateBody({ company: { name: `Zelfmelder ${newId()}`, kvkNumber: "87654321" } });
    expect(
      (await platform.fetch(`/api/v1/regions/${region.slug}/candidates/self-registration`, { method: "POST", json: { ...body, consent: false } })).status,
    ).toBe(400);
    expect((await platform.fetch("/api/v1/regions/no-such-region/candidates/self-registration", { method: "POST", json: body })).status).toBe(404);
    const response = await platform.fetch(`/api/v1/regions/${region.slug}/candidates/self-registration`, { method: "POST", json: body });
    expect(await ok(response, 201)).toEqual({ registered: true, stage: "registered" });
    const list = await ok<{ candidates: (Trajectory & { company: { name: string } })[] }>(await send("GET", `${base()}/candidates`, as.admin ?? {}));
    const mine = list.candidates.find((c) => c.company.name === body.company.name);
    expect(mine).toMatchObject({ source: "self", frontdesk: null, stage: "registered" });
    const staffList = await ok<{ candidates: { id: string }[] }>(await send("GET", `${base()}/candidates`, as.staffA ?? {}));
    expect(staffList.candidates.map((c) => c.id)).not.toContain(mine?.id);
    const audit = await platform.client.execute({
      sql: "select actor_user_id from audit_log where target_id = ? and action = 'scouting.candidate_registered'",
      args: [mine?.id ?? ""],
    });
    expect(audit.rows[0]?.actor_user_id).toBeNull();
    // The entrepreneur gets a confirmation and every active admin of the region a notice, through the outbox.
    const mails = await platform.client.execute({
      sql: "select kind, recipient, subject, text_body from outbox where dedupe_key like ? order by kind, recipient",
      args: [`${mine?.id ?? ""}:%`],
    });
    const admins = await platform.client.execute({
      sql: "select email from users where region_id = ? and role = 'region_admin' and disabled_at is null order by email",
      args: [region.id],
    });
    expect(admins.rows.length).toBeGreaterThan(0);
    expect(mails.rows.map((r) => [r.kind, r.recipient])).toEqual([
      ["candidate_confirmation", "anneke@brood.example"],
      ...admins.rows.map((a) => ["candidate_notice", a.email]),
    ]);
    expect(String(mails.rows[0]?.text_body)).toContain("betaalt u die zelf");
    expect(String(mails.rows[1]?.subject)).toBe("Nieuwe aanmelding voor het begeleidingstraject");
    expect(String(mails.rows[1]?.text_body)).not.toContain(body.company.name);
  });
});

describe("isolation and roles", () => {
  it("should answer 404 to every role of another region and 403 to the province viewer", async () => {
    const { id } = await register();
    for (const who of [as.otherAdmin, as.otherConsultant, as.otherStaff]) {
      expect((await send("GET", `${base()}/candidates`, who ?? {})).status).toBe(404);
      expect((await send("GET", `${base()}/candidates/${id}`, who ?? {})).status).toBe(404);
      expect((await stage(id, { to: "intake" }, who)).status).toBe(404);
    }
    // The other region's admin on their own region: the id simply does not exist there.
    expect((await send("GET", `${base(other)}/candidates/${id}`, as.otherAdmin ?? {})).status).toBe(404);
    for (const path of ["/candidates", `/candidates/${id}`, "/caseload", "/consultants", "/scouting/settings", "/scouting/report"]) {
      expect((await send("GET", `${base()}${path}`, as.province ?? {})).status, path).toBe(403);
    }
    expect((await send("POST", `${base()}/candidates`, as.province ?? {}, candidateBody())).status).toBe(403);
    expect((await send("GET", `${base()}/candidates/${id}`, as.platformAdmin ?? {})).status).toBe(200);
  });

  it("should show frontdesk staff only the candidates their desks scouted, without the trajectory's working notes", async () => {
    const fromA = await register(as.staffA);
    const fromB = await register(as.staffB, { frontdeskId: deskB.id });
    const listA = await ok<{ candidates: { id: string }[] }>(await send("GET", `${base()}/candidates`, as.staffA ?? {}));
    expect(listA.candidates.map((c) => c.id)).toContain(fromA.id);
    expect(listA.candidates.map((c) => c.id)).not.toContain(fromB.id);
    expect((await send("GET", `${base()}/candidates/${fromB.id}`, as.staffA ?? {})).status).toBe(404);
    const seen = await detail(fromA.id, as.staffA);
    expect(seen).not.toHaveProperty("sessions");
    expect(seen).not.toHaveProperty("commitments");
    expect((await stage(fromA.id, { to: "intake" }, as.staffA)).status).toBe(403);
    expect((await send("POST", `${base()}/candidates/${fromA.id}/assign`, as.staffA ?? {}, { consultantId: consultantUser.id })).status).toBe(403);
  });

  it("should let consultants see the region's trajectories but act only on those assigned to them", async () => {
    const { id } = await register();
    await ok(await send("POST", `${base()}/candidates/${id}/assign`, as.admin ?? {}, { consultantId: consultantUser.id }));
    expect((await detail(id, as.secondConsultant)).id).toBe(id);
    expect((await stage(id, { to: "intake" }, as.secondConsultant)).status).toBe(403);
    expect((await send("POST", `${base()}/candidates/${id}/commitments`, as.secondConsultant ?? {}, commitment)).status).toBe(403);
    expect((await send("POST", `${base()}/candidates/${id}/assign`, as.consultant ?? {}, { consultantId: consultantUser.id })).status).toBe(403);
    await ok(await stage(id, { to: "intake" }, as.admin));
  });

  it("should assign only enabled consultants of the same region", async () => {
    const { id } = await register();
    for (const consultantId of [otherConsultantUser.id, staffAUser.id, newId()]) {
      const refused = await send("POST", `${base()}/candidates/${id}/assign`, as.admin ?? {}, { consultantId });
      expect(refused.status).toBe(400);
      expect((await readError(refused)).issues?.[0]?.path).toBe("consultantId");
    }
  });
});

describe("caseloads and loads", () => {
  it("should list a consultant's caseload active first and show each consultant's load to the admin", async () => {
    const fresh = await createUser(platform.client, "consultant", region);
    const headers = await signInAs(platform, fresh);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await register();
      await ok(await send("POST", `${base()}/candidates/${id}/assign`, as.admin ?? {}, { consultantId: fresh.id }));
      ids.push(id);
    }
    const [ended, working, waiting] = ids as [string, string, string];
    await ok(await stage(ended, { to: "stopped", stopReason: "entrepreneur_withdrew", referral }, headers));
    await ok(await stage(working, { to: "intake" }, headers));
    const today = amsterdamDate(0);
    await ok(await send("POST", `${base()}/candidates/${working}/sessions`, headers, { date: today, durationMinutes: 45, attendance: "attended" }), 201);
    await ok(await send("POST", `${base()}/candidates/${working}/sessions`, headers, { date: "2020-01-01", durationMinutes: 45, attendance: "attended" }), 201);
    const caseload = await ok<{ candidates: { id: string; active: boolean }[] }>(await send("GET", `${base()}/caseload`, headers));
    expect(caseload.candidates.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(caseload.candidates.at(-1)).toMatchObject({ id: ended, active: false });
    expect(
      caseload.candidates
        .slice(0, 2)
        .map((c) => c.id)
        .sort(),
    ).toEqual([working, waiting].sort());
    expect((await send("GET", `${base()}/caseload?consultantId=${consultantUser.id}`, headers)).status).toBe(403);
    const viaAdmin = await ok<{ candidates: { id: string }[] }>(await send("GET", `${base()}/caseload?consultantId=${fresh.id}`, as.admin ?? {}));
    expect(viaAdmin.candidates).toHaveLength(3);
    expect((await send("GET", `${base()}/caseload`, as.admin ?? {})).status).toBe(400);
    const loads = await ok<{ consultants: { id: string; activeTrajectories: number; sessionsLast30Days: number }[] }>(
      await send("GET", `${base()}/consultants`, as.admin ?? {}),
    );
    expect(loads.consultants.find((c) => c.id === fresh.id)).toMatchObject({ activeTrajectories: 2, sessionsLast30Days: 1 });
    expect(loads.consultants.map((c) => c.id)).not.toContain(otherConsultantUser.id);
    expect((await send("GET", `${base()}/consultants`, as.consultant ?? {})).status).toBe(403);
  });
});

describe("scouting figures", () => {
  it("should report stages, conversion, frontdesk yield, plans against the target, median sessions and stop reasons as computed here", async () => {
    const fresh = await createRegion(platform.client);
    const desk1 = await createFrontdesk(platform.client, fresh, { name: "Loket Een" });
    const desk2 = await createFrontdesk(platform.client, fresh, { name: "Loket Twee" });
    const admin = await signInAs(platform, await createUser(platform.client, "region_admin", fresh));
    const consultant = await createUser(platform.client, "consultant", fresh);
    const consultantHeaders = await signInAs(platform, consultant);
    const url = `/api/v1/regions/${fresh.slug}/admin`;
    const post = (path: string, json: unknown, headers = consultantHeaders) => send("POST", `${url}${path}`, headers, json);

    // The plan per candidate: desk, final stage, attended sessions, stop reason.
    type Plan = { desk: FrontdeskFixture | null; to: string; sessions: number; stop?: string };
    const plans: Plan[] = [
      { desk: desk1, to: "financing_arranged", sessions: 3 },
      { desk: desk1, to: "business_plan_delivered", sessions: 1 },
      { desk: desk1, to: "plan_in_development", sessions: 2 },
      { desk: desk1, to: "stopped", sessions: 0, stop: "no_go" },
      { desk: desk2, to: "intake", sessions: 1 },
      { desk: desk2, to: "stopped", sessions: 0, stop: "entrepreneur_withdrew" },
      { desk: desk2, to: "registered", sessions: 0 },
      { desk: null, to: "business_plan_delivered", sessions: 4 },
    ];
    const funnel = ["registered", "intake", "ambition_assessed", "plan_in_development", "business_plan_delivered", "financing_arranged"];
    for (const plan of plans) {
      let id: string;
      if (plan.desk) {
        id = (await ok<{ candidate: Trajectory }>(await post("/candidates", candidateBody({ frontdeskId: plan.desk.id }), admin), 201)).candidate.id;
      } else {
        const { frontdeskId: _d, ...body } = candidateBody();
        await ok(await platform.fetch(`/api/v1/regions/${fresh.slug}/candidates/self-registration`, { method: "POST", json: body }), 201);
        const list = await ok<{ candidates: { id: string; source: string }[] }>(await send("GET", `${url}/candidates`, admin));
        id = list.candidates.find((c) => c.source === "self")?.id ?? "";
      }
      if (plan.to === "registered") continue;
      await ok(await post(`/candidates/${id}/assign`, { consultantId: consultant.id }, admin));
      const target = plan.to === "stopped" ? (plan.stop === "no_go" ? "ambition_assessed" : "intake") : plan.to;
      for (let i = 1; i <= funnel.indexOf(target); i++) {
        const to = funnel[i] ?? "";
        if (to === "ambition_assessed") await ok(await post(`/candidates/${id}/commitments`, commitment), 201);
        await ok(await post(`/candidates/${id}/stage`, to === "plan_in_development" ? { to, decision: "go", commitment } : { to }));
        if (to === "intake")
          for (let s = 0; s < plan.sessions; s++)
            await ok(await post(`/candidates/${id}/sessions`, { date: yesterday(), durationMinutes: 60, attendance: "attended" }), 201);
      }
      if (plan.to === "stopped") await ok(await post(`/candidates/${id}/stage`, { to: "stopped", stopReason: plan.stop, referral }));
    }

    const report = await ok<Record<string, unknown>>(await send("GET", `${url}/scouting/report`, admin));
    // Independent computation from the plans above.
    const reachedIndex = (p: Plan) => funnel.indexOf(p.to === "stopped" ? (p.stop === "no_go" ? "ambition_assessed" : "intake") : p.to);
    const reached = Object.fromEntries(funnel.map((s, i) => [s, plans.filter((p) => reachedIndex(p) >= i).length]));
    const byStage = (s: string) => plans.filter((p) => p.to === s).length;
    const delivered = plans.filter((p) => reachedIndex(p) >= funnel.indexOf("business_plan_delivered"));
    const sessions = delivered.map((p) => p.sessions).sort((a, b) => a - b);
    const mid = Math.floor(sessions.length / 2);
    const median = sessions.length % 2 ? sessions[mid] : ((sessions[mid - 1] ?? 0) + (sessions[mid] ?? 0)) / 2;
    const qualified = (desk: FrontdeskFixture | null) =>
      plans.filter((p) => p.desk === desk && reachedIndex(p) >= funnel.indexOf("plan_in_development")).length;

    expect(report.candidates).toBe(plans.length);
    expect(report.byStage).toMatchObject(
      Object.fromEntries(
        ["registered", "intake", "plan_in_development", "business_plan_delivered", "financing_arranged", "stopped"].map((s) => [s, byStage(s)]),
      ),
    );
    expect(report.reached).toEqual(reached);
    expect(report.conversion).toEqual(
      funnel.slice(0, -1).map((from, i) => {
        const to = funnel[i + 1] ?? "";
        const rate = (reached[from] ?? 0) === 0 ? null : Math.round(((reached[to] ?? 0) / (reached[from] ?? 1)) * 10_000) / 10_000;
        return { from, to, fromCount: reached[from], toCount: reached[to], rate };
      }),
    );
    expect(report.frontdesks).toEqual(
      expect.arrayContaining([
        { frontdesk: { id: desk1.id, name: "Loket Een" }, candidates: 4, qualified: qualified(desk1) },
        { frontdesk: { id: desk2.id, name: "Loket Twee" }, candidates: 3, qualified: qualified(desk2) },
      ]),
    );
    expect(report.selfRegistered).toEqual({ candidates: 1, qualified: qualified(null) });
    expect(report.businessPlans).toMatchObject({
      delivered: delivered.length,
      starts: plans.length,
      target: { plansMin: 75, plansMax: 100, starts: 500, years: 2 },
    });
    expect((report.businessPlans as { progress: { plansOfMin: number } }).progress.plansOfMin).toBeCloseTo(delivered.length / 75, 4);
    expect(report.medianSessionsPerDeliveredPlan).toBe(median);
    expect(report.stopReasons).toMatchObject({ no_go: 1, entrepreneur_withdrew: 1, no_show_rule: 0 });
    expect(report.referrals).toMatchObject({ initiative: 2 });

    const empty = await ok<{ candidates: number }>(await send("GET", `${url}/scouting/report?from=2020-01-01&to=2020-12-31`, admin));
    expect(empty.candidates).toBe(0);
    expect((await send("GET", `${url}/scouting/report?from=2027-02-30`, admin)).status).toBe(400);

    // The province's view: aggregates only, small counts hidden.
    const db = openDb({ LIBSQL_URL: platform.dbUrl, LIBSQL_AUTH_TOKEN: undefined });
    const regionRows = await platform.client.execute({ sql: "select id, slug, name, operator from regions where id in (?, ?)", args: [fresh.id, region.id] });
    const refs = regionRows.rows.map(
      (r) =>
        ({
          id: String(r.id),
          slug: String(r.slug),
          name: String(r.name),
          operator: String(r.operator),
          goodFridayClosed: true,
          liberationDayClosed: false,
          retentionMonths: 12,
        }) satisfies RegionRef,
    );
    const today = amsterdamDate(0);
    const summary = await provinceScoutingSummary(db, refs, { from: "2020-01-01", to: today });
    const freshSummary = summary.regions.find((r) => r.region.slug === fresh.slug);
    expect(freshSummary).toMatchObject({ candidates: 8, qualified: "<5", plansDelivered: "<5", stopped: "<5", byStage: { ambition_assessed: 0 } });
    expect(JSON.stringify(summary)).not.toMatch(/Anneke|brood\.example|Loket/);
    expect(typeof summary.total.candidates).toBe("number");
    expect(summary.total.candidates).toBeGreaterThan(8);
  });
});
