/**
 * The referral loop through the API against the real Worker: a desk refers from an
 * appointment, the organisation's partner answers (received → contacted → helped), the desk
 * sees what became of it; consent and its withdrawal; who may see which referral (also across
 * regions); the overdue reminder, sent once by the scheduled job.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as v from "valibot";
import { createFrontdesk, createRegion, createUser, type FrontdeskFixture, insertAppointment, type RegionFixture, signInAs } from "../support/factories";
import { createOrganisation, createPartner, type OrganisationFixture } from "../support/catalogue";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { CreatedAnswer, InboxAnswer, InboxListAnswer, MyReferralAnswer, RegionListAnswer } from "../../src/features/referrals/referrals.schemas";

let platform: TestPlatform;
let zuid: RegionFixture;
let noord: RegionFixture;
let midden: RegionFixture;
let desk: FrontdeskFixture;
let org: OrganisationFixture;
let otherOrg: OrganisationFixture;
let staff: Record<string, string>;
let zuidAdmin: Record<string, string>;
let noordAdmin: Record<string, string>;
let middenAdmin: Record<string, string>;
let partner: Record<string, string>;
let otherPartner: Record<string, string>;
let partnerEmail: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  const c = platform.client;
  zuid = await createRegion(c);
  noord = await createRegion(c);
  midden = await createRegion(c);
  desk = await createFrontdesk(c, zuid, { name: "Loket Maastricht" });
  org = await createOrganisation(c, noord, { kind: "bank", regions: [noord.slug] });
  otherOrg = await createOrganisation(c, midden);
  await c.execute({ sql: "update organisations set email = 'info@bank.test', phone = '+31 77 123 4567' where id = ?", args: [org.id] });
  staff = await signInAs(platform, await createUser(c, "frontdesk_staff", zuid, [desk]));
  zuidAdmin = await signInAs(platform, await createUser(c, "region_admin", zuid));
  noordAdmin = await signInAs(platform, await createUser(c, "region_admin", noord));
  middenAdmin = await signInAs(platform, await createUser(c, "region_admin", midden));
  const p = await createPartner(c, org);
  partnerEmail = p.email;
  partner = await signInAs(platform, p);
  otherPartner = await signInAs(platform, await createPartner(c, otherOrg));
});
afterAll(async () => {
  await platform?.close();
});

const json = async <S extends v.GenericSchema>(response: Response, status: number, schema: S): Promise<v.InferOutput<S>> => {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return v.parse(schema, JSON.parse(text));
};
const post = (path: string, headers: Record<string, string>, body: unknown) => platform.fetch(path, { method: "POST", headers, json: body });
const inbox = (who = partner, o = org) => platform.fetch(`/api/v1/organisations/${o.slug}/referrals`, { headers: who });
const setStatus = (id: string, status: string, note?: string, who = partner) =>
  post(`/api/v1/organisations/${org.slug}/referrals/${id}/status`, who, { status, ...(note ? { note } : {}) });

async function pastAppointment(email: string) {
  return insertAppointment(platform.client, desk, {
    startAt: Date.now() - 2 * 3_600_000,
    name: "Anna Ondernemer",
    email,
    phone: "+31612345678",
    question: "Ik zoek een lening",
  });
}

describe("the referral loop", () => {
  it("should let the desk refer from an appointment, the partner answer, and the desk see what became of it", async () => {
    const appointmentId = await pastAppointment("anna@ondernemer.test");
    const outcome = await post(`/api/v1/regions/${zuid.slug}/admin/appointments/${appointmentId}/outcome`, staff, {
      outcome: "referred",
      referral: { organisation: org.slug, note: "Zoekt 50k voor een machine", consentToShare: true },
    });
    const body = (await outcome.json()) as {
      appointment: { status: string; referral: { id: string; status: string; organisation: string; frontdesk: { name: string } } };
    };
    expect(outcome.status).toBe(200);
    expect(body.appointment.status).toBe("completed");
    expect(body.appointment.referral).toMatchObject({ status: "sent", organisation: org.slug, frontdesk: { name: "Loket Maastricht" } });
    const id = body.appointment.referral.id;

    // The partner gets a mail (no personal data in it) and sees the contact details (consent given).
    const mail = await platform.client.execute({
      sql: "select recipient, text_body from outbox where kind = 'referral_received' and dedupe_key like ?",
      args: [`${id}:%`],
    });
    expect(mail.rows.map((r) => r.recipient)).toEqual([partnerEmail]);
    expect(String(mail.rows[0]?.text_body)).not.toContain("anna@ondernemer.test");
    const list = await json(await inbox(), 200, InboxListAnswer);
    const mine = list.referrals.find((r) => r.id === id);
    expect(mine?.entrepreneur).toMatchObject({ name: "Anna Ondernemer", email: "anna@ondernemer.test" });
    expect(mine?.question).toBe("Ik zoek een lening");
    expect(mine?.note).toBe("Zoekt 50k voor een machine");

    // The entrepreneur's mail says who will contact them and how to reach them.
    const toAnna = await platform.client.execute({ sql: "select text_body from outbox where kind = 'referral_entrepreneur' and dedupe_key = ?", args: [id] });
    expect(String(toAnna.rows[0]?.text_body)).toContain("+31 77 123 4567");
    expect(String(toAnna.rows[0]?.text_body)).toMatch(/\/doorverwijzing\/[A-Za-z0-9_-]+/);

    await json(await setStatus(id, "received"), 200, InboxAnswer);
    await json(await setStatus(id, "contacted"), 200, InboxAnswer);
    const helped = await json(await setStatus(id, "helped", "Lening aangevraagd"), 200, InboxAnswer);
    expect(helped.referral.history.map((h) => h.status)).toEqual(["sent", "received", "contacted", "helped"]);

    const made = await json(await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/referrals`, { headers: staff }), 200, RegionListAnswer);
    const seen = made.referrals.find((r) => r.id === id);
    expect(seen).toMatchObject({ status: "helped", statusNote: "Lening aangevraagd", overdue: false, toRegion: { slug: noord.slug } });
    expect(seen?.contactedAt).not.toBeNull();
    expect(seen?.history).toHaveLength(4);
  });

  it("should only move a status forward, refuse not_suitable without a reason, and refuse changes after the end", async () => {
    const { referral } = await json(
      await post(`/api/v1/regions/${zuid.slug}/admin/referrals`, staff, {
        entrepreneur: { name: "Bert Bakker", email: "bert@bakker.test" },
        organisation: org.slug,
        topic: "financiering",
        consentToShare: true,
      }),
      201,
      CreatedAnswer,
    );
    expect((await setStatus(referral.id, "not_suitable")).status).toBe(400);
    await json(await setStatus(referral.id, "contacted"), 200, InboxAnswer);
    expect((await setStatus(referral.id, "received")).status).toBe(409);
    await json(await setStatus(referral.id, "not_suitable", "Te klein voor ons fonds"), 200, InboxAnswer);
    expect((await setStatus(referral.id, "helped")).status).toBe(409);
  });

  it("should give the organisation no contact details without consent, and the entrepreneur only the organisation's contact", async () => {
    const { referral } = await json(
      await post(`/api/v1/regions/${zuid.slug}/admin/referrals`, zuidAdmin, {
        entrepreneur: { name: "Cees Zonder", email: "cees@zonder.test", phone: "0612345678" },
        organisation: org.slug,
        topic: "subsidies",
        consentToShare: false,
      }),
      201,
      CreatedAnswer,
    );
    const seen = await json(await platform.fetch(`/api/v1/organisations/${org.slug}/referrals/${referral.id}`, { headers: partner }), 200, InboxAnswer);
    expect(seen.referral.entrepreneur).toBeNull();
    expect(JSON.stringify(seen)).not.toContain("cees@zonder.test");
    const mail = await platform.client.execute({
      sql: "select text_body from outbox where kind = 'referral_entrepreneur' and dedupe_key = ?",
      args: [referral.id],
    });
    expect(String(mail.rows[0]?.text_body)).toContain("info@bank.test");
    expect(String(mail.rows[0]?.text_body)).not.toContain("/doorverwijzing/");
  });

  it("should show the organisation only that consent was withdrawn once the entrepreneur withdrew it", async () => {
    const { referral } = await json(
      await post(`/api/v1/regions/${zuid.slug}/admin/referrals`, staff, {
        entrepreneur: { name: "Dirk Denker", email: "dirk@denker.test" },
        organisation: org.slug,
        topic: "personeel",
        note: "Zoekt personeel",
        consentToShare: true,
      }),
      201,
      CreatedAnswer,
    );
    const mail = await platform.client.execute({
      sql: "select text_body from outbox where kind = 'referral_entrepreneur' and dedupe_key = ?",
      args: [referral.id],
    });
    const token = /\/doorverwijzing\/([A-Za-z0-9_-]+)/.exec(String(mail.rows[0]?.text_body))?.[1] ?? "";
    const before = await json(await platform.fetch(`/api/v1/referrals/${token}`), 200, MyReferralAnswer);
    expect(before.referral).toMatchObject({ status: "sent", consentToShare: true });
    const after = await json(await platform.fetch(`/api/v1/referrals/${token}/withdraw`, { method: "POST" }), 200, MyReferralAnswer);
    expect(after.referral.status).toBe("withdrawn");
    const seen = await json(await platform.fetch(`/api/v1/organisations/${org.slug}/referrals/${referral.id}`, { headers: partner }), 200, InboxAnswer);
    expect(seen.referral).toMatchObject({ status: "withdrawn", entrepreneur: null, note: null, question: null });
    expect(JSON.stringify(seen)).not.toContain("Dirk");
    expect((await setStatus(referral.id, "contacted")).status).toBe(409);
  });
});

describe("who may see which referral", () => {
  it("should show a cross-region referral to both regions and the organisation, never to a third region or another organisation", async () => {
    const { referral } = await json(
      await post(`/api/v1/regions/${zuid.slug}/admin/referrals`, zuidAdmin, {
        entrepreneur: { name: "Eva Grens", email: "eva@grens.test" },
        organisation: org.slug,
        topic: "internationaal",
        consentToShare: true,
      }),
      201,
      CreatedAnswer,
    );
    const ids = async (path: string, who: Record<string, string>) => {
      const r = await platform.fetch(path, { headers: who });
      return r.status === 200 ? ((await r.json()) as { referrals: { id: string }[] }).referrals.map((x) => x.id) : r.status;
    };
    expect(await ids(`/api/v1/regions/${zuid.slug}/admin/referrals`, zuidAdmin)).toContain(referral.id);
    expect(await ids(`/api/v1/regions/${noord.slug}/admin/referrals?direction=received`, noordAdmin)).toContain(referral.id);
    expect(await ids(`/api/v1/organisations/${org.slug}/referrals`, noordAdmin)).toContain(referral.id);
    expect(await ids(`/api/v1/regions/${noord.slug}/admin/referrals`, noordAdmin)).not.toContain(referral.id);
    expect(await ids(`/api/v1/regions/${midden.slug}/admin/referrals?direction=received`, middenAdmin)).not.toContain(referral.id);
    expect(await ids(`/api/v1/regions/${zuid.slug}/admin/referrals`, middenAdmin)).toBe(404);
    expect(await ids(`/api/v1/organisations/${org.slug}/referrals`, middenAdmin)).toBe(404);
    expect(await ids(`/api/v1/organisations/${org.slug}/referrals`, otherPartner)).toBe(404);
    expect(await ids(`/api/v1/organisations/${otherOrg.slug}/referrals`, otherPartner)).not.toContain(referral.id);
    expect((await platform.fetch(`/api/v1/organisations/${otherOrg.slug}/referrals/${referral.id}`, { headers: otherPartner })).status).toBe(404);
    expect((await post(`/api/v1/organisations/${otherOrg.slug}/referrals/${referral.id}/status`, otherPartner, { status: "received" })).status).toBe(404);
  });

  it("should not let desk staff refer from another region's appointment", async () => {
    const otherDesk = await createFrontdesk(platform.client, noord);
    const theirs = await insertAppointment(platform.client, otherDesk, { startAt: Date.now() - 3_600_000 });
    const r = await post(`/api/v1/regions/${zuid.slug}/admin/referrals`, zuidAdmin, {
      appointmentId: theirs,
      organisation: org.slug,
      topic: "overig",
      consentToShare: true,
    });
    expect(r.status).toBe(404);
  });
});

describe("overdue referrals", () => {
  it("should remind the organisation once by the scheduled job and show the referral as overdue", async () => {
    const { referral } = await json(
      await post(`/api/v1/regions/${zuid.slug}/admin/referrals`, staff, {
        entrepreneur: { name: "Frits Vergeten", email: "frits@vergeten.test" },
        organisation: org.slug,
        topic: "vergunningen",
        consentToShare: true,
      }),
      201,
      CreatedAnswer,
    );
    expect(referral.overdue).toBe(false);
    await platform.runScheduled();
    const none = await platform.client.execute({
      sql: "select count(*) as n from outbox where kind = 'referral_reminder' and dedupe_key like ?",
      args: [`${referral.id}:%`],
    });
    expect(Number(none.rows[0]?.n)).toBe(0);
    // Arrange: the due time has passed (the referral was made more than five working days ago).
    await platform.client.execute({ sql: "update referrals set due_at = ? where id = ?", args: [Date.now() - 60_000, referral.id] });
    await Promise.all([platform.runScheduled(), platform.runScheduled()]);
    await platform.runScheduled();
    const reminders = await platform.client.execute({
      sql: "select recipient from outbox where kind = 'referral_reminder' and dedupe_key like ?",
      args: [`${referral.id}:%`],
    });
    expect(reminders.rows.map((r) => r.recipient)).toEqual([partnerEmail]);
    const made = await json(await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/referrals?status=sent`, { headers: staff }), 200, RegionListAnswer);
    expect(made.referrals.find((r) => r.id === referral.id)?.overdue).toBe(true);
  });
});
