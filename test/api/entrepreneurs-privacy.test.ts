/**
 * Their data in their hands (issue 17, AVG): the export holds everything about the
 * entrepreneur (every table of the schema is placed, a new one fails here until it is), and
 * deleting the account erases their personal data in every region while the province's
 * figures stay exactly as they were.
 */
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { is } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../src/db/schema";
import type { AppointmentStatus } from "../../src/db/schema";
import { EXPORT_COVERAGE } from "../../src/features/entrepreneurs/export.service";
import { ExportDto } from "../../src/features/entrepreneurs/entrepreneurs.schemas";
import * as v from "valibot";
import { newId } from "../../src/lib/ids";
import { createOrganisation } from "../support/catalogue";
import { insertHeldEvent } from "../support/events";
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
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { amsterdamDate, book, bookingBody, futureSlot, type BookingAnswer } from "../support/slots";

let platform: TestPlatform;
let regionA: RegionFixture;
let regionB: RegionFixture;
let deskA: FrontdeskFixture;
let deskB: FrontdeskFixture;
let consultant: UserFixture;
const as = {} as Record<"adminA" | "adminB" | "consultant" | "province", Headers>;
let counter = 0;
const unique = (what: string) => `${what}-${Date.now().toString(36)}-${counter++}`;

beforeAll(async () => {
  platform = await startTestPlatform({ vars: { MAIL_TRANSPORT: "log" } });
  const c = platform.client;
  regionA = await createRegion(c);
  regionB = await createRegion(c);
  deskA = await createFrontdesk(c, regionA, { capacityPerSlot: 10 });
  deskB = await createFrontdesk(c, regionB, { capacityPerSlot: 10 });
  consultant = await createUser(c, "consultant", regionA);
  as.adminA = await signInAs(platform, await createUser(c, "region_admin", regionA));
  as.adminB = await signInAs(platform, await createUser(c, "region_admin", regionB));
  as.consultant = await signInAs(platform, consultant);
  as.province = await signInAs(platform, await createUser(c, "province_viewer", null));
});
afterAll(async () => {
  await platform?.close();
});

async function ok<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function personalAppointment(desk: FrontdeskFixture, email: string, status: AppointmentStatus, start: number, marker: string) {
  return insertAppointment(platform.client, desk, {
    startAt: start,
    topic: "subsidies",
    status,
    name: `Naam ${marker}`,
    email,
    phone: "+31612345678",
    companyName: `Bedrijf ${marker}`,
    kvkNumber: "12345678",
    question: `Vraag ${marker}`,
    outcomeNote: `Notitie ${marker}`,
    updatedAt: start,
  });
}

/** A Support Process trajectory for the address in region A: registered, intake, a commitment, a session, a document. */
async function trajectory(email: string, marker: string): Promise<string> {
  const base = `/api/v1/regions/${regionA.slug}/admin/candidates`;
  const { candidate } = await ok<{ candidate: { id: string } }>(
    await platform.fetch(base, {
      method: "POST",
      headers: as.adminA,
      json: {
        company: { name: `Bedrijf ${marker}`, kvkNumber: "87654321" },
        contact: { name: `Contact ${marker}`, email, phone: "06 12345678" },
        municipality: "Maastricht",
        ambition: `Ambitie ${marker}`,
        topic: "groei_en_innovatie",
        consent: true,
        frontdeskId: deskA.id,
      },
    }),
    201,
  );
  const id = candidate.id;
  await ok(await platform.fetch(`${base}/${id}/assign`, { method: "POST", headers: as.adminA, json: { consultantId: consultant.id } }));
  await ok(await platform.fetch(`${base}/${id}/stage`, { method: "POST", headers: as.consultant, json: { to: "intake", note: `Overgang ${marker}` } }));
  await ok(
    await platform.fetch(`${base}/${id}/commitments`, {
      method: "POST",
      headers: as.consultant,
      json: { entrepreneurCommitment: `Inzet ${marker}`, consultantCommitment: "Elke week", entrepreneurName: `Contact ${marker}` },
    }),
    201,
  );
  await ok(
    await platform.fetch(`${base}/${id}/sessions`, {
      method: "POST",
      headers: as.consultant,
      json: { date: amsterdamDate(-3), durationMinutes: 45, attendance: "attended", note: `Sessie ${marker}`, experts: [`Expert ${marker}`] },
    }),
    201,
  );
  await ok(
    await platform.fetch(`${base}/${id}/documents`, { method: "POST", headers: as.consultant, json: { name: `Document ${marker}`, date: amsterdamDate(-3) } }),
    201,
  );
  return id;
}

async function publishedOffer(): Promise<string> {
  const org = await createOrganisation(platform.client, regionA);
  const slug = unique("aanbod").toLowerCase();
  await platform.client.execute({
    sql: `insert into offers (id, seq, slug, organisation_id, title, summary, description, kind, topics, audiences, phases, regions, municipalities, cost, how_to_apply, last_checked_at, status, created_at, updated_at)
          values (?, ?, ?, ?, ?, 'Samenvatting', 'Omschrijving', 'advice', '["subsidies"]', '["starter"]', '["plan"]', ?, '[]', 'free', 'Aanvragen', ?, 'published', ?, ?)`,
    args: [newId(), Math.floor(Math.random() * 1e9), slug, org.id, `Aanbod ${slug}`, JSON.stringify([regionA.slug]), Date.now(), Date.now(), Date.now()],
  });
  return slug;
}

/** Everything about one entrepreneur, in every table that can hold it. */
async function populate(email: string, marker: string) {
  const me = await signInAsEntrepreneur(platform, email);
  await ok(await platform.fetch("/api/v1/me/profile", { method: "PUT", json: { companyName: `Profiel ${marker}`, kvkNumber: "12345678" }, headers: me }));
  const slug = await publishedOffer();
  await ok(await platform.fetch(`/api/v1/me/bookmarks/${slug}`, { method: "PUT", headers: me }), 201);
  const slot = await futureSlot(platform, regionA, deskA);
  const body = bookingBody(deskA, slot.start, { question: `Geboekte vraag ${marker}` });
  const booked = await ok<BookingAnswer>(
    await book(platform, regionA, { ...body, entrepreneur: { ...body.entrepreneur, email, name: `Naam ${marker}` } }),
    201,
  );
  const past = await personalAppointment(deskB, email, "confirmed", Date.now() - 5 * 86_400_000, marker);
  // Staff record the outcome and refer the entrepreneur (referrals): an audit entry about the appointment, a referral.
  const referralOrg = await createOrganisation(platform.client, regionB);
  await ok(
    await platform.fetch(`/api/v1/regions/${regionB.slug}/admin/appointments/${past}/outcome`, {
      method: "POST",
      headers: as.adminB,
      json: { outcome: "completed", referral: { organisation: referralOrg.slug, consentToShare: true, note: `Doorverwezen ${marker}` } },
    }),
  );
  const candidate = await trajectory(email, marker);
  // An event they registered for, attended and rated (region B).
  const event = await insertHeldEvent(platform.client, regionB, { email, name: `Deelnemer ${marker}`, companyName: `Bedrijf ${marker}` });
  // The knowledge square (issue 18): a question, an answer, peer topics, and a contact request to a visible peer.
  const asked = await ok<{ question: { id: string } }>(
    await platform.fetch("/api/v1/questions", {
      method: "POST",
      headers: me,
      json: { title: `Vraag van ${marker} over groei`, body: `Toelichting ${marker} bij mijn vraag.`, topic: "overig", anonymous: true },
    }),
    201,
  );
  await platform.client.execute({ sql: "update questions set status = 'published' where id = ?", args: [asked.question.id] });
  await ok(
    await platform.fetch(`/api/v1/questions/${asked.question.id}/answers`, { method: "POST", headers: me, json: { body: `Aanvulling ${marker}` } }),
    201,
  );
  await ok(await platform.fetch("/api/v1/me/peer-topics", { method: "PUT", headers: me, json: { topics: ["personeel"] } }));
  const peer = await signInAsEntrepreneur(platform, `peer-${unique(marker.toLowerCase())}@brood.test`);
  await ok(await platform.fetch("/api/v1/me/profile", { method: "PUT", json: { companyName: `Peer ${marker}`, visibleToPeers: true }, headers: peer }));
  const peerId = String(
    (await platform.client.execute({ sql: "select entrepreneur_id from entrepreneur_profiles where company_name = ?", args: [`Peer ${marker}`] })).rows[0]
      ?.entrepreneur_id,
  );
  await ok(
    await platform.fetch(`/api/v1/community/companies/${peerId}/contact`, { method: "POST", headers: me, json: { message: `Contact van ${marker} graag.` } }),
    202,
  );
  return { me, slug, booked, past, candidate, event };
}

describe("the export", () => {
  it("should place every table of the schema, and every table with personal columns, in its coverage", async () => {
    const tables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable)).map((table) => getTableConfig(table));
    const names = tables.map((t) => t.name).sort();
    expect(names.filter((n) => !(n in EXPORT_COVERAGE))).toEqual([]);
    expect(Object.keys(EXPORT_COVERAGE).filter((n) => !names.includes(n))).toEqual([]);
    // The database has no table the schema does not know (hand-written migrations too), search indexes aside.
    const live = await platform.client.execute(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%drizzle%' and name not like 'offers_fts%' and name not like 'events_fts%' and name not like 'questions_fts%' and name not like 'search_terms_tri%'",
    );
    expect(live.rows.map((r) => String(r.name)).filter((n) => !(n in EXPORT_COVERAGE))).toEqual([]);
    // Tables with columns that can hold a person's data are exported, or say why they hold nothing about entrepreneurs.
    const personal = /email|phone|recipient|(^|_)name$|kvk|question|note|ambition|contact|detail/;
    const withPersonalColumns = tables.filter((t) => t.columns.some((c) => personal.test(c.name))).map((t) => t.name);
    expect(withPersonalColumns).toEqual(expect.arrayContaining(["appointments", "outbox", "scouting_candidates", "entrepreneurs", "entrepreneur_profiles"]));
    for (const name of withPersonalColumns) expect(EXPORT_COVERAGE[name], name).toBeDefined();
  });

  it("should hold everything stored about the entrepreneur, table by table, and nothing about anyone else", async () => {
    const an = `${unique("export-an")}@brood.test`;
    const bo = `${unique("export-bo")}@brood.test`;
    const mine = await populate(an, "VAN-AN");
    await populate(bo, "VAN-BO");

    platform.server.resetStats();
    const response = await platform.fetch("/api/v1/me/export", { headers: mine.me });
    expect(platform.server.stats().pipelines).toBe(2);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="mkb-limburg-mijn-gegevens-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = await ok<Record<string, unknown>>(response);
    // Every field documented, none left out (valibot drops keys a schema does not name).
    expect(v.parse(ExportDto, data)).toEqual(data);
    const text = JSON.stringify(data);
    expect(text).not.toContain("VAN-BO");
    expect(text).not.toContain(bo);

    // Every table the coverage says is exported shows up, with this entrepreneur's rows.
    for (const [table, coverage] of Object.entries(EXPORT_COVERAGE)) {
      if (!("exportedAs" in coverage)) continue;
      const [key, nested] = coverage.exportedAs.split(".") as [string, string | undefined];
      const value = data[key];
      const found = nested ? (value as Record<string, unknown>[])[0]?.[nested] : value;
      expect(found, table).toBeTruthy();
      if (Array.isArray(found)) expect(found.length, table).toBeGreaterThan(0);
    }
    const exported = data as {
      account: { email: string };
      profile: { companyName: string };
      sessions: { current: boolean }[];
      appointments: { id: string; question: string | null; contact: { phone: string | null; name: string | null } }[];
      messages: { kind: string }[];
      supportProcess: { ambition: string; stageChanges: { note: string | null }[]; sessions: { note: string | null }[]; documents: { name: string }[] }[];
      auditEntries: { action: string }[];
    };
    expect(exported.account.email).toBe(an);
    expect(exported.profile.companyName).toBe("Profiel VAN-AN");
    expect(exported.sessions.some((s) => s.current)).toBe(true);
    expect(exported.appointments.map((a) => a.id).sort()).toEqual([mine.booked.appointment.id, mine.past].sort());
    expect(exported.appointments.find((a) => a.id === mine.past)?.contact).toMatchObject({ phone: "+31612345678", name: "Naam VAN-AN" });
    expect(new Set(exported.messages.map((m) => m.kind))).toEqual(new Set(["login_link", "confirmation", "reminder", "referral_entrepreneur"]));
    expect(text).not.toContain(mine.booked.manageToken);
    expect(exported.supportProcess[0]).toMatchObject({ ambition: "Ambitie VAN-AN" });
    expect(exported.supportProcess[0]?.sessions[0]?.note).toBe("Sessie VAN-AN");
    expect(exported.supportProcess[0]?.stageChanges.map((h) => h.note)).toContain("Overgang VAN-AN");
    expect(exported.supportProcess[0]?.documents.map((d) => d.name)).toEqual(["Document VAN-AN"]);
    expect(new Set(exported.auditEntries.map((e) => e.action))).toEqual(
      new Set([
        "entrepreneur.login",
        "entrepreneur.profile_created",
        "appointment.outcome",
        "scouting.candidate_registered",
        "scouting.consultant_assigned",
        "scouting.stage_changed",
        "scouting.commitment_recorded",
        "scouting.session_logged",
        "scouting.document_shared",
      ]),
    );
  });
});

describe("deleting the account", () => {
  const summary = async () => {
    const query = `from=${amsterdamDate(-60)}&to=${amsterdamDate(60)}`;
    const { generatedAt: _when, ...figures } = await ok<Record<string, unknown>>(
      await platform.fetch(`/api/v1/province/summary?${query}`, { headers: as.province }),
    );
    return figures;
  };

  it("should erase the personal data in every region and leave the province's figures exactly as they were", async () => {
    const an = `${unique("weg-an")}@brood.test`;
    const bo = `${unique("blijf-bo")}@brood.test`;
    const me = await signInAsEntrepreneur(platform, an);
    await ok(await platform.fetch("/api/v1/me/profile", { method: "PUT", json: { companyName: "Weg BV" }, headers: me }));
    await ok(await platform.fetch(`/api/v1/me/bookmarks/${await publishedOffer()}`, { method: "PUT", headers: me }), 201);
    const day = 86_400_000;
    const appointments = [
      await personalAppointment(deskA, an, "completed", Date.now() - 9 * day, "WEG"),
      await personalAppointment(deskA, an, "no_show", Date.now() - 8 * day, "WEG"),
      await personalAppointment(deskB, an, "cancelled", Date.now() - 7 * day, "WEG"),
      await personalAppointment(deskB, an, "completed", Date.now() - 6 * day, "WEG"),
    ];
    const candidate = await trajectory(an, "WEG");
    const event = await insertHeldEvent(platform.client, regionB, { email: an, name: "Weg Deelnemer", companyName: "Weg BV" });
    const kept = await personalAppointment(deskA, bo, "completed", Date.now() - 9 * day, "BLIJFT");
    const before = await summary();

    const deleted = await ok<{ deleted: true; erased: Record<string, number> }>(await platform.fetch("/api/v1/me", { method: "DELETE", headers: me }));
    expect(deleted.erased).toEqual({ appointments: 4, cancelledAppointments: 0, messagesWithdrawn: 0, supportProcessCandidates: 1, eventRegistrations: 1 });
    expect(await summary()).toEqual(before);

    expect((await platform.fetch("/api/v1/me", { headers: me })).status).toBe(401);
    const count = async (sql: string, ...args: string[]) => Number((await platform.client.execute({ sql, args })).rows[0]?.n);
    expect(await count("select count(*) as n from entrepreneurs where email = ?", an)).toBe(0);
    for (const table of ["entrepreneur_profiles", "entrepreneur_sessions", "entrepreneur_bookmarks"]) {
      expect(await count(`select count(*) as n from ${table} where entrepreneur_id not in (select id from entrepreneurs)`), table).toBe(0);
    }
    expect(await count("select count(*) as n from entrepreneur_login_tokens where email = ?", an)).toBe(0);
    expect(await count("select count(*) as n from outbox where recipient = ?", an)).toBe(0);
    for (const id of appointments) {
      const row = (await platform.client.execute({ sql: "select * from appointments where id = ?", args: [id] })).rows[0] as Record<string, unknown>;
      for (const field of ["name", "email", "phone", "company_name", "kvk_number", "question", "outcome_note"]) expect(row[field], field).toBeNull();
      expect(row.anonymised_at).not.toBeNull();
    }
    const g = (await platform.client.execute({ sql: "select * from event_registrations where id = ?", args: [event.registrationId] })).rows[0] as Record<
      string,
      unknown
    >;
    expect([g.name, g.email, g.company_name, g.feedback_comment]).toEqual([null, null, null, null]);
    // The figures keep what they count: the place, the attendance and the rating stay.
    expect([g.status, g.feedback_rating, g.anonymised_at === null]).toEqual(["confirmed", 5, false]);
    const c = (await platform.client.execute({ sql: "select * from scouting_candidates where id = ?", args: [candidate] })).rows[0] as Record<string, unknown>;
    expect([c.email, c.contact_name, c.phone, c.ambition]).toEqual([null, null, null, null]);
    expect(c.stage).toBe("intake");
    expect(await count("select count(*) as n from scouting_documents where candidate_id = ?", candidate)).toBe(0);
    const notes = await platform.client.execute({ sql: "select note from scouting_sessions where candidate_id = ?", args: [candidate] });
    expect(notes.rows.map((r) => r.note)).toEqual([null]);
    // Someone else's data is untouched.
    expect((await platform.client.execute({ sql: "select email from appointments where id = ?", args: [kept] })).rows[0]?.email).toBe(bo);
    // Each region's audit log shows the erasure, with counts and no address.
    const audit = await platform.client.execute({
      sql: "select region_id, action, detail from audit_log where action in ('privacy.self_erasure', 'entrepreneur.account_deleted') and created_at >= ? order by action, region_id",
      args: [Date.now() - 60_000],
    });
    const entries = audit.rows.map((r) => ({ region: r.region_id, action: r.action, detail: JSON.parse(String(r.detail)) as Record<string, number> }));
    expect(
      entries
        .filter((e) => e.action === "privacy.self_erasure")
        .map((e) => e.region)
        .sort(),
    ).toEqual([regionA.id, regionB.id].sort());
    expect(JSON.stringify(entries)).not.toContain(an);

    // The address can sign in again: a new, empty account.
    const again = await signInAsEntrepreneur(platform, an);
    const fresh = await ok<{ appointments: unknown[]; profile: unknown; bookmarks: unknown[]; trajectory?: unknown }>(
      await platform.fetch("/api/v1/me", { headers: again }),
    );
    expect(fresh).toMatchObject({ appointments: [], registrations: [], profile: null, bookmarks: [] });
    expect(fresh.trajectory).toBeUndefined();
  });

  it("should cancel future appointments without an e-mail (there is no address left to send it to)", async () => {
    const an = `${unique("toekomst")}@brood.test`;
    const single = await createFrontdesk(platform.client, regionB, { capacityPerSlot: 1 });
    const slot = await futureSlot(platform, regionB, single);
    const body = bookingBody(single, slot.start);
    const booked = await ok<BookingAnswer>(await book(platform, regionB, { ...body, entrepreneur: { ...body.entrepreneur, email: an } }), 201);
    expect((await book(platform, regionB, { ...body, entrepreneur: { ...body.entrepreneur, email: `${unique("vol")}@brood.test` } })).status).toBe(409);
    const me = await signInAsEntrepreneur(platform, an);
    const deleted = await ok<{ erased: Record<string, number> }>(await platform.fetch("/api/v1/me", { method: "DELETE", headers: me }));
    expect(deleted.erased).toMatchObject({ appointments: 1, cancelledAppointments: 1 });
    const row = (await platform.client.execute({ sql: "select status, email from appointments where id = ?", args: [booked.appointment.id] })).rows[0];
    expect(row).toMatchObject({ status: "cancelled", email: null });
    const mails = await platform.client.execute({ sql: "select kind, status from outbox where appointment_id = ?", args: [booked.appointment.id] });
    expect(mails.rows.map((r) => r.kind)).not.toContain("cancellation");
    expect(mails.rows.filter((r) => r.status === "pending")).toEqual([]);
    // The place is free again.
    expect((await book(platform, regionB, { ...body, entrepreneur: { ...body.entrepreneur, email: `${unique("ander")}@brood.test` } })).status).toBe(201);
  });
});
