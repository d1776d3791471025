/**
 * Erasure on request leaves nothing behind: after it, no row of any table holds the
 * entrepreneur's e-mail address, name, company name or KvK number, nor a plain hash of the
 * address that someone with audit access could test guesses against.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { createFrontdesk, createRegion, createUser, insertAppointment, signInAs, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { startTestPlatform, type TestPlatform } from "../support/platform";
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

/** Every text cell of every table, with where it was found. */
async function everyCell(): Promise<{ where: string; text: string }[]> {
  const tables = await platform.client.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'");
  const cells: { where: string; text: string }[] = [];
  for (const { name } of tables.rows) {
    const rows = await platform.client.execute(`select * from "${String(name)}"`);
    for (const row of rows.rows) {
      for (const column of rows.columns) {
        const value = row[column];
        if (value === null || value === undefined) continue;
        const text = value instanceof ArrayBuffer ? Buffer.from(value).toString("latin1") : String(value);
        cells.push({ where: `${String(name)}.${column}`, text });
      }
    }
  }
  return cells;
}

function findings(cells: { where: string; text: string }[], needles: string[]): string[] {
  const found: string[] = [];
  for (const { where, text } of cells) {
    const lower = text.toLowerCase();
    for (const needle of needles) if (lower.includes(needle.toLowerCase())) found.push(`${where} holds ${JSON.stringify(needle)}`);
  }
  return found;
}

describe("erasure on request", () => {
  it("should leave no row anywhere with the e-mail address, name, company name or KvK number", async () => {
    const email = `zoe.wisselaar.${newId().slice(0, 6).toLowerCase()}@qxyz-wisbedrijf.test`;
    const name = "Zoë Wisselaar-Qxyz";
    const company = "Qxyz Wisbedrijf";
    const kvk = "90817263";
    const admin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
    const consultant = await createUser(platform.client, "consultant", region);

    // An appointment booked through the API (with an idempotency key, so a stored answer exists).
    const slot = await futureSlot(platform, region, desk);
    const booked = await book(
      platform,
      region,
      bookingBody(desk, slot.start, {
        question: `Vraag van ${company} over financiering`,
        entrepreneur: { name, email, phone: "06 98765432", companyName: company, kvkNumber: kvk },
      }),
      { "idempotency-key": newId() },
    );
    expect(booked.status).toBe(201);
    // A past appointment with an outcome note, and a registration for the Support Process.
    const past = Date.now() - 40 * 86_400_000;
    await insertAppointment(platform.client, desk, {
      startAt: past,
      mode: "video",
      topic: "subsidies",
      status: "completed",
      name,
      email,
      phone: "+31698765432",
      companyName: company,
      kvkNumber: kvk,
      question: "Subsidie?",
      outcomeNote: `Gesproken met ${name}`,
      createdAt: past,
    });
    const registered = await platform.fetch(`/api/v1/regions/${region.slug}/candidates/self-registration`, {
      method: "POST",
      json: {
        company: { name: company, kvkNumber: kvk },
        contact: { name, email, phone: "0698765432" },
        municipality: "Maastricht",
        ambition: `${company} wil groeien.`,
        topic: "groei_en_innovatie",
        consent: true,
      },
    });
    expect(registered.status).toBe(201);
    const candidate = await platform.client.execute({ sql: "select id from scouting_candidates where region_id = ?", args: [region.id] });
    const candidateId = String(candidate.rows[0]?.id);
    // The trajectory's free text, as a consultant would have written it.
    await platform.client.batch(
      [
        {
          sql: `insert into scouting_commitments (id, region_id, candidate_id, point, stage, entrepreneur_commitment, consultant_commitment, entrepreneur_name, consultant_user_id, agreed_at)
                values (?, ?, ?, 'intake', 'intake', ?, ?, ?, ?, ?)`,
          args: [
            newId(),
            region.id,
            candidateId,
            `${name} werkt twee uur per week aan het plan`,
            `Begeleiding van ${company}`,
            name,
            consultant.id,
            Date.now(),
          ],
        },
        {
          sql: `insert into scouting_sessions (id, region_id, candidate_id, consultant_user_id, logged_by_user_id, date, duration_minutes, attendance, note, experts, voucher_applied, created_at)
                values (?, ?, ?, ?, ?, '2020-01-01', 60, 'attended', ?, '[]', 0, ?)`,
          args: [newId(), region.id, candidateId, consultant.id, consultant.id, `Sessie met ${name} (KvK ${kvk})`, Date.now()],
        },
        {
          sql: "insert into scouting_stage_changes (id, region_id, candidate_id, from_stage, to_stage, note, actor_user_id, changed_at) values (?, ?, ?, 'registered', 'intake', ?, ?, ?)",
          args: [newId(), region.id, candidateId, `Intake met ${company}`, consultant.id, Date.now()],
        },
      ],
      "write",
    );
    // Messages sent and pending (confirmation, reminder).
    await platform.runScheduled();
    const needles = [email, name, "Wisselaar", company, kvk];
    expect(findings(await everyCell(), needles).length).toBeGreaterThan(5);

    const response = await platform.fetch(`/api/v1/regions/${region.slug}/admin/erasure`, { method: "POST", json: { email }, headers: admin });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ appointments: 2, cancelled: 1, candidates: 1 });

    const cells = await everyCell();
    expect(findings(cells, needles)).toEqual([]);
    // Nor a plain hash of the address (hex or base64, whole or cut short).
    const sha = createHash("sha256").update(email).digest();
    const hashes = [sha.toString("hex"), sha.toString("hex").slice(0, 32), sha.toString("base64").replace(/=+$/, ""), sha.toString("base64url")];
    expect(findings(cells, hashes)).toEqual([]);
    // The audit entry keeps the counts and a keyed hash only.
    const audit = await platform.client.execute({ sql: "select detail from audit_log where region_id = ? and action = 'privacy.erasure'", args: [region.id] });
    const detail = JSON.parse(String(audit.rows[0]?.detail)) as Record<string, unknown>;
    expect(Object.keys(detail).sort()).toEqual(["appointments", "cancelled", "emailHmac", "messagesWithdrawn"]);
    expect(detail.emailHmac).toMatch(/^[0-9a-f]{64}$/);
    // The figures still count the trajectory and the appointments.
    const left = await platform.client.execute({
      sql: "select stage, topic, municipality, anonymised_at from scouting_candidates where id = ?",
      args: [candidateId],
    });
    expect(left.rows[0]).toMatchObject({ stage: "registered", topic: "groei_en_innovatie", municipality: "Maastricht" });
    expect(Number(left.rows[0]?.anonymised_at)).toBeGreaterThan(0);
  });

  it("should hash the same address the same way within one configuration, and differently under another key", async () => {
    const { keyedHash } = await import("../../src/lib/keyed-hash");
    const local = { isLocal: true as const, AUDIT_HASH_KEY: undefined, LIBSQL_AUTH_TOKEN: undefined };
    const a = await keyedHash(local, "erasure-email", "an@example.test");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await keyedHash(local, "erasure-email", "an@example.test")).toBe(a);
    expect(await keyedHash(local, "other-purpose", "an@example.test")).not.toBe(a);
    const keyed = { isLocal: false as const, AUDIT_HASH_KEY: "k".repeat(32), LIBSQL_AUTH_TOKEN: "token" };
    expect(await keyedHash(keyed, "erasure-email", "an@example.test")).not.toBe(a);
    const derived = { isLocal: false as const, AUDIT_HASH_KEY: undefined, LIBSQL_AUTH_TOKEN: "turso-token" };
    expect(await keyedHash(derived, "erasure-email", "an@example.test")).toMatch(/^[0-9a-f]{64}$/);
    expect(await keyedHash(derived, "erasure-email", "an@example.test")).not.toBe(a);
    // Production without any secret: no key, so no hash at all (never the development key).
    expect(await keyedHash({ isLocal: false, AUDIT_HASH_KEY: undefined, LIBSQL_AUTH_TOKEN: undefined }, "erasure-email", "an@example.test")).toBeNull();
  });
});
