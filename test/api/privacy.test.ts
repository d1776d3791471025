import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../src/db/client";
import { accountTokens, rateLimits, scoutingCandidates, sessions, type AppointmentStatus, type Stage } from "../../src/db/schema";
import { newId, sha256Hex } from "../../src/lib/ids";
import { runPrivacyJobs, monthsBefore } from "../../src/features/privacy/privacy.service";
import {
  createFrontdesk,
  createRegion,
  createUser,
  insertAppointment,
  signInAs,
  testDb,
  type FrontdeskFixture,
  type RegionFixture,
} from "../support/factories";
import { BookingResponse, readAnswer } from "../support/answers";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";
import { book, bookingBody, futureSlot } from "../support/slots";

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

/** An appointment with every personal field filled, so anonymisation has something to clear. */
const personalAppointment = (target: FrontdeskFixture, email: string, startAt: number, status: AppointmentStatus = "completed"): Promise<string> =>
  insertAppointment(platform.client, target, {
    startAt,
    status,
    email,
    mode: "video",
    topic: "subsidies",
    name: "Piet Persoonlijk",
    phone: "+31612345678",
    companyName: "Piet BV",
    kvkNumber: "12345678",
    question: "Mijn vraag",
    outcomeNote: "Notitie",
  });

async function row(id: string) {
  return (await platform.client.execute({ sql: "select * from appointments where id = ?", args: [id] })).rows[0] as Record<string, unknown>;
}

const PERSONAL = ["name", "email", "phone", "company_name", "kvk_number", "question", "outcome_note"];

describe("the retention job", () => {
  it("should anonymise appointments older than the region's retention period and leave what reports count", async () => {
    const now = Date.now();
    const old = await personalAppointment(desk, "oud@example.test", monthsBefore(now, 13));
    const recent = await personalAppointment(desk, "recent@example.test", monthsBefore(now, 11));
    const longRegion = await createRegion(platform.client);
    await platform.client.execute({ sql: "update regions set retention_months = 24 where id = ?", args: [longRegion.id] });
    const longDesk = await createFrontdesk(platform.client, longRegion);
    const keptLonger = await personalAppointment(longDesk, "lang@example.test", monthsBefore(now, 13));
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
    const insertCandidate = async (stage: Stage, updatedAt: number) => {
      const id = newId();
      await testDb(platform.client).insert(scoutingCandidates).values({
        id,
        regionId: region.id,
        source: "self",
        companyName: "Oud Bedrijf",
        kvkNumber: "12345678",
        contactName: "Olga Oud",
        email: "olga@example.test",
        phone: "+31612345678",
        municipality: "Maastricht",
        ambition: "Groeien",
        topic: "overig",
        consentAt: updatedAt,
        stage,
        decisionRequired: false,
        noShowsSinceDecision: 0,
        changeId: newId(),
        createdAt: updatedAt,
        updatedAt,
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
    const arrange = testDb(platform.client);
    await arrange.batch([
      arrange.insert(sessions).values({ idHash: "oude-sessie", userId: user.id, createdAt: now - 10 * 86_400_000, lastSeenAt: now - 9 * 3_600_000 }),
      arrange
        .insert(accountTokens)
        .values({ tokenHash: "oud-token", userId: user.id, purpose: "invitation", expiresAt: now - 3 * 86_400_000, createdAt: now - 6 * 86_400_000 }),
      arrange.insert(rateLimits).values({ key: "x", windowStart: now - 3 * 86_400_000, count: 3 }),
    ]);
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
    const booked = { body: await readAnswer(response0, BookingResponse) };
    // The confirmation goes out in the background after the answer: wait until it has, so the
    // pending mail counted below cannot change before the erasure runs.
    const confirmation = async () =>
      (await platform.client.execute({ sql: "select status from outbox where recipient = ? and kind = 'confirmation'", args: [email] })).rows[0]?.status;
    await expect.poll(confirmation, { timeout: 15_000, interval: 100 }).not.toBe("pending");
    const past = await personalAppointment(desk, email, Date.now() - 30 * 86_400_000);
    const bystander = await personalAppointment(desk, "blijf@example.test", Date.now() - 30 * 86_400_000);
    const otherRegion = await createRegion(platform.client);
    const elsewhere = await personalAppointment(await createFrontdesk(platform.client, otherRegion), email, Date.now() - 30 * 86_400_000);
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
    // The self-registration's confirmation to the same address also goes out in the background:
    // wait for it too, so the pending count below is the one the erasure meets.
    const candidateConfirmation = async () =>
      (await platform.client.execute({ sql: "select status from outbox where recipient = ? and kind = 'candidate_confirmation'", args: [email] })).rows[0]
        ?.status;
    await expect.poll(candidateConfirmation, { timeout: 15_000, interval: 100 }).not.toBe("pending");
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
      sql: "select email, contact_name, phone, ambition, company_name, kvk_number from scouting_candidates where region_id = ? and company_name in ('Wissen BV', '')",
      args: [region.id],
    });
    expect(candidates.rows.map((r) => [r.email, r.contact_name, r.phone, r.ambition, r.company_name, r.kvk_number])).toEqual([
      [null, null, null, null, "", ""],
    ]);

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
    // A keyed hash (HMAC), not a plain SHA-256 that anyone reading the log could test guesses against.
    expect(detail).toEqual({
      emailHmac: expect.stringMatching(/^[0-9a-f]{64}$/),
      appointments: 2,
      cancelled: 1,
      messagesWithdrawn: Number(pendingBefore.rows[0]?.n),
    });
    expect(detail.emailHmac).not.toBe(await sha256Hex(email));
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
    const booked = { body: await readAnswer(await book(platform, region, bookingBody(desk, slot.start)), BookingResponse) };
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
