import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../src/db/client";
import { newId, sha256Hex } from "../../src/lib/ids";
import { runPrivacyJobs, monthsBefore } from "../../src/features/privacy/privacy.service";
import { createFrontdesk, createRegion, createUser, signInAs, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";
import { book, bookingBody, futureSlot, type BookingAnswer } from "../support/slots";

let platform: TestPlatform;
let region: RegionFixture;
let desk: FrontdeskFixture;

beforeAll(async () => {
  platform = await startTestPlatform();
  region = await createRegion(platform.client);
  desk = await createFrontdesk(platform.client, region, { capacityPerSlot: 5 });
});
afterAll(async () => {
  await platform?.close();
});

async function insertAppointment(target: FrontdeskFixture, email: string, start: number, status = "completed"): Promise<string> {
  const id = newId();
  await platform.client.execute({
    sql: `insert into appointments (id, region_id, frontdesk_id, start_at, end_at, mode, topic, municipality, status, locale, name, email, phone, company_name, kvk_number, question, outcome_note, manage_token_hash, sequence, created_at, updated_at)
          values (?, ?, ?, ?, ?, 'video', 'subsidies', 'Maastricht', ?, 'nl', 'Piet Persoonlijk', ?, '+31612345678', 'Piet BV', '12345678', 'Mijn vraag', 'Notitie', ?, 0, ?, ?)`,
    args: [id, target.regionId, target.id, start, start + 1_800_000, status, email, newId(), start - 86_400_000, start - 86_400_000],
  });
  return id;
}

async function row(id: string) {
  return (await platform.client.execute({ sql: "select * from appointments where id = ?", args: [id] })).rows[0] as Record<string, unknown>;
}

const PERSONAL = ["name", "email", "phone", "company_name", "kvk_number", "question", "outcome_note"];

describe("the retention job", () => {
  it("should anonymise appointments older than the region's retention period and leave what reports count", async () => {
    const now = Date.now();
    const old = await insertAppointment(desk, "oud@example.test", monthsBefore(now, 13));
    const recent = await insertAppointment(desk, "recent@example.test", monthsBefore(now, 11));
    const longRegion = await createRegion(platform.client);
    await platform.client.execute({ sql: "update regions set retention_months = 24 where id = ?", args: [longRegion.id] });
    const longDesk = await createFrontdesk(platform.client, longRegion);
    const keptLonger = await insertAppointment(longDesk, "lang@example.test", monthsBefore(now, 13));
    const before = await row(old);

    const db = openDb({ LIBSQL_URL: platform.dbUrl });
    const report = await runPrivacyJobs(db, now);
    expect(report.anonymised).toBeGreaterThanOrEqual(1);

    const after = await row(old);
    for (const field of PERSONAL) expect(after[field]).toBeNull();
    expect(after.anonymised_at).toBe(now);
    for (const field of ["status", "mode", "topic", "municipality", "start_at", "end_at", "frontdesk_id", "region_id", "created_at"])
      expect(after[field]).toEqual(before[field]);
    expect((await row(recent)).email).toBe("recent@example.test");
    expect((await row(keptLonger)).email).toBe("lang@example.test");

    // Running it again changes nothing.
    expect((await runPrivacyJobs(db, now + 1000)).anonymised).toBe(0);
    db.client.close();
  });

  it("should anonymise Support Process trajectories that ended longer ago than the retention period", async () => {
    const now = Date.now();
    const insertCandidate = async (stage: string, updatedAt: number) => {
      const id = newId();
      await platform.client.execute({
        sql: `insert into scouting_candidates (id, region_id, source, company_name, kvk_number, contact_name, email, phone, municipality, ambition, topic,
              consent_at, stage, decision_required, no_shows_since_decision, change_id, created_at, updated_at)
              values (?, ?, 'self', 'Oud Bedrijf', '12345678', 'Olga Oud', 'olga@example.test', '+31612345678', 'Maastricht', 'Groeien', 'overig',
              ?, ?, 0, 0, ?, ?, ?)`,
        args: [id, region.id, updatedAt, stage, newId(), updatedAt, updatedAt],
      });
      return id;
    };
    const endedLongAgo = await insertCandidate("stopped", monthsBefore(now, 13));
    const endedRecently = await insertCandidate("financing_arranged", monthsBefore(now, 2));
    const stillActive = await insertCandidate("intake", monthsBefore(now, 13));
    const db = openDb({ LIBSQL_URL: platform.dbUrl });
    const report = await runPrivacyJobs(db, now);
    db.client.close();
    expect(report.trajectoriesAnonymised).toBe(1);
    const read = async (id: string) =>
      (
        await platform.client.execute({
          sql: "select contact_name, email, phone, ambition, company_name, stage from scouting_candidates where id = ?",
          args: [id],
        })
      ).rows[0];
    expect(await read(endedLongAgo)).toMatchObject({
      contact_name: null,
      email: null,
      phone: null,
      ambition: null,
      company_name: "Oud Bedrijf",
      stage: "stopped",
    });
    expect((await read(endedRecently))?.email).toBe("olga@example.test");
    expect((await read(stillActive))?.email).toBe("olga@example.test");
  });

  it("should delete expired sessions, one-time tokens and old rate-limit windows", async () => {
    const user = await createUser(platform.client, "consultant", region);
    const now = Date.now();
    await platform.client.execute({
      sql: "insert into sessions (id_hash, user_id, created_at, last_seen_at) values (?, ?, ?, ?)",
      args: ["oude-sessie", user.id, now - 10 * 86_400_000, now - 9 * 3_600_000],
    });
    await platform.client.execute({
      sql: "insert into account_tokens (token_hash, user_id, purpose, expires_at, created_at) values (?, ?, 'invitation', ?, ?)",
      args: ["oud-token", user.id, now - 3 * 86_400_000, now - 6 * 86_400_000],
    });
    await platform.client.execute({ sql: "insert into rate_limits (key, window_start, count) values ('x', ?, 3)", args: [now - 3 * 86_400_000] });
    const db = openDb({ LIBSQL_URL: platform.dbUrl });
    await runPrivacyJobs(db, now);
    db.client.close();
    expect((await platform.client.execute("select * from sessions where id_hash = 'oude-sessie'")).rows).toHaveLength(0);
    expect((await platform.client.execute("select * from account_tokens where token_hash = 'oud-token'")).rows).toHaveLength(0);
    expect((await platform.client.execute("select * from rate_limits where key = 'x'")).rows).toHaveLength(0);
  });
});

describe("erasure on request", () => {
  it("should anonymise past and cancel and anonymise future appointments of one address, withdraw its mail and audit only a hash", async () => {
    const email = `wis-mij-${Date.now()}@example.test`;
    const admin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
    const slot = await futureSlot(platform, region, desk);
    const response0 = await book(platform, region, bookingBody(desk, slot.start, { entrepreneur: { name: "Wim Wissen", email, phone: "0612345678" } }));
    expect(response0.status).toBe(201);
    const booked = { body: (await response0.json()) as BookingAnswer };
    const past = await insertAppointment(desk, email, Date.now() - 30 * 86_400_000);
    const bystander = await insertAppointment(desk, "blijf@example.test", Date.now() - 30 * 86_400_000);
    const otherRegion = await createRegion(platform.client);
    const elsewhere = await insertAppointment(await createFrontdesk(platform.client, otherRegion), email, Date.now() - 30 * 86_400_000);
    const candidate = await platform.fetch(`/api/v1/regions/${region.slug}/candidates/self-registration`, {
      method: "POST",
      json: {
        company: { name: "Wissen BV", kvkNumber: "12345678" },
        contact: { name: "Wim Wissen", email, phone: "0612345678" },
        municipality: "Maastricht",
        ambition: "Groeien naar tien medewerkers.",
        topic: "groei_en_innovatie",
        consent: true,
      },
    });
    expect(candidate.status).toBe(201);
    const pendingBefore = await platform.client.execute({ sql: "select count(*) as n from outbox where recipient = ? and status = 'pending'", args: [email] });
    expect(Number(pendingBefore.rows[0]?.n)).toBeGreaterThan(0);

    const response = await platform.fetch(`/api/v1/regions/${region.slug}/admin/erasure`, {
      method: "POST",
      json: { email: email.toUpperCase() },
      headers: admin,
    });
    expect(response.status).toBe(200);
    const counts = (await response.json()) as {
      appointments: number;
      cancelled: number;
      messagesWithdrawn: number;
      candidates: number;
      eventRegistrations: number;
    };
    expect(counts).toEqual({ appointments: 2, cancelled: 1, messagesWithdrawn: Number(pendingBefore.rows[0]?.n), candidates: 1, eventRegistrations: 0 });
    const candidates = await platform.client.execute({
      sql: "select email, contact_name, phone, ambition from scouting_candidates where region_id = ? and company_name = 'Wissen BV'",
      args: [region.id],
    });
    expect(candidates.rows.map((r) => [r.email, r.contact_name, r.phone, r.ambition])).toEqual([[null, null, null, null]]);

    const future = await row(booked.body.appointment.id);
    expect(future.status).toBe("cancelled");
    for (const field of PERSONAL) expect(future[field]).toBeNull();
    for (const field of PERSONAL) expect((await row(past))[field]).toBeNull();
    expect((await row(bystander)).email).toBe("blijf@example.test");
    expect((await row(elsewhere)).email).toBe(email);
    expect((await platform.client.execute({ sql: "select count(*) as n from outbox where recipient = ?", args: [email] })).rows[0]?.n).toBe(0);

    const manage = (await (await platform.fetch(`/api/v1/appointments/${booked.body.manageToken}`)).json()) as {
      appointment: { status: string; entrepreneur: Record<string, unknown> };
    };
    expect(manage.appointment.status).toBe("cancelled");
    expect(manage.appointment.entrepreneur.email).toBeNull();

    const audit = await platform.client.execute("select detail from audit_log where action = 'privacy.erasure'");
    const detail = JSON.parse(String(audit.rows[0]?.detail)) as Record<string, unknown>;
    expect(detail).toEqual({ emailSha256: await sha256Hex(email), appointments: 2, cancelled: 1, messagesWithdrawn: Number(pendingBefore.rows[0]?.n) });
    expect(JSON.stringify((await platform.client.execute("select * from audit_log")).rows)).not.toContain(email);
  });

  it("should refuse erasure to frontdesk staff and to another region's admin", async () => {
    const staff = await signInAs(platform, await createUser(platform.client, "frontdesk_staff", region, [desk]));
    const other = await createRegion(platform.client);
    const otherAdmin = await signInAs(platform, await createUser(platform.client, "region_admin", other));
    const body = { email: "iemand@example.test" };
    expect((await platform.fetch(`/api/v1/regions/${region.slug}/admin/erasure`, { method: "POST", json: body, headers: staff })).status).toBe(403);
    expect((await platform.fetch(`/api/v1/regions/${region.slug}/admin/erasure`, { method: "POST", json: body, headers: otherAdmin })).status).toBe(404);
    expect((await platform.fetch(`/api/v1/regions/${region.slug}/admin/erasure`, { method: "POST", json: body, headers: { origin: ORIGIN } })).status).toBe(
      401,
    );
  });
});

describe("the entrepreneur's own view", () => {
  it("should show everything stored about the appointment through its manage link", async () => {
    const slot = await futureSlot(platform, region, desk, 4);
    const booked = { body: (await (await book(platform, region, bookingBody(desk, slot.start))).json()) as BookingAnswer };
    const view = (await (await platform.fetch(`/api/v1/appointments/${booked.body.manageToken}`)).json()) as {
      appointment: { question: string; entrepreneur: Record<string, unknown> };
    };
    expect(view.appointment.question).toBe("Hoe financier ik een nieuwe machine?");
    expect(view.appointment.entrepreneur).toMatchObject({
      name: "Anna de Vries",
      email: "anna@bakkerij.test",
      companyName: "Bakkerij De Vries",
      kvkNumber: "12345678",
    });
  });
});
