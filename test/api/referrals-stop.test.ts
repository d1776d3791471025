/**
 * A Support Process stop's referral becomes a real referral (issue 15) when it names an
 * organisation of the catalogue (by `referral.organisation`, or by its exact name): written in
 * the stop's own batch, in the organisation's inbox and the region's list, with the mails. A
 * stop to a free-text target keeps working as before and makes no referral; a refused stop
 * leaves neither.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as v from "valibot";
import { createFrontdesk, createRegion, createUser, type FrontdeskFixture, type RegionFixture, signInAs } from "../support/factories";
import { createOrganisation, createPartner, type OrganisationFixture } from "../support/catalogue";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { readError } from "../support/answers";
import { InboxListAnswer, RegionListAnswer } from "../../src/features/referrals/referrals.schemas";

let platform: TestPlatform;
let zuid: RegionFixture;
let desk: FrontdeskFixture;
let org: OrganisationFixture;
let admin: Record<string, string>;
let partner: Record<string, string>;
let partnerEmail: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  const c = platform.client;
  zuid = await createRegion(c);
  const noord = await createRegion(c);
  desk = await createFrontdesk(c, zuid, { name: "Loket Maastricht" });
  // The organisation serves Noord: the stop's referral crosses regions, as any referral may.
  org = await createOrganisation(c, noord, { kind: "development_agency", name: "Ontwikkelbank Noord" });
  admin = await signInAs(platform, await createUser(c, "region_admin", zuid));
  const p = await createPartner(c, org);
  partnerEmail = p.email;
  partner = await signInAs(platform, p);
});
afterAll(async () => {
  await platform?.close();
});

const post = (path: string, headers: Record<string, string>, body: unknown) => platform.fetch(path, { method: "POST", headers, json: body });

async function candidate(company: string): Promise<string> {
  const created = await post(`/api/v1/regions/${zuid.slug}/admin/candidates`, admin, {
    company: { name: company, kvkNumber: "12345678" },
    contact: { name: "Sanne Smit", email: `sanne@${company.toLowerCase().replace(/\W/g, "")}.test`, phone: "06 12345678" },
    municipality: "Maastricht",
    ambition: "Een tweede vestiging openen.",
    topic: "financiering",
    consent: true,
    frontdeskId: desk.id,
  });
  expect(created.status, await created.clone().text()).toBe(201);
  return ((await created.json()) as { candidate: { id: string } }).candidate.id;
}

const stop = (id: string, referral: Record<string, unknown>) =>
  post(`/api/v1/regions/${zuid.slug}/admin/candidates/${id}/stage`, admin, { to: "stopped", stopReason: "not_eligible", referral });

async function referralsOf(candidateId: string) {
  const rows = await platform.client.execute({
    sql: "select id, organisation_id, consent_to_share from referrals where candidate_id = ?",
    args: [candidateId],
  });
  return rows.rows;
}

describe("a Support Process stop with a referral", () => {
  it("should make a real referral when the stop names a catalogue organisation, seen in the partner's inbox and the region's list", async () => {
    const id = await candidate("Bakkerij Stop");
    // The organisation by its name, typed in another case: the contract's body, unchanged.
    const response = await stop(id, { kind: "partner", name: "ontwikkelbank noord", consentToShare: true, note: "Zoekt een lening voor de verbouwing" });
    const body = (await response.json()) as { candidate: { stage: string; stop: { reason: string; referral: { kind: string; name: string } } } };
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.candidate).toMatchObject({ stage: "stopped", stop: { reason: "not_eligible", referral: { kind: "partner", name: "ontwikkelbank noord" } } });

    const [made] = await referralsOf(id);
    expect(made?.organisation_id).toBe(org.id);
    const inbox = v.parse(InboxListAnswer, await (await platform.fetch(`/api/v1/organisations/${org.slug}/referrals`, { headers: partner })).json());
    const seen = inbox.referrals.find((r) => r.id === made?.id);
    expect(seen).toMatchObject({ status: "sent", question: "Een tweede vestiging openen.", note: "Zoekt een lening voor de verbouwing" });
    expect(seen?.entrepreneur).toMatchObject({ name: "Sanne Smit", email: "sanne@bakkerijstop.test" });

    const list = v.parse(RegionListAnswer, await (await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/referrals`, { headers: admin })).json());
    expect(list.referrals.find((r) => r.id === made?.id)).toMatchObject({ status: "sent", organisation: org.slug });

    const mails = await platform.client.execute({
      sql: "select kind, recipient from outbox where dedupe_key = ? or dedupe_key like ? order by kind",
      args: [String(made?.id), `${String(made?.id)}:%`],
    });
    expect(mails.rows.map((r) => [r.kind, r.recipient])).toEqual([
      ["referral_entrepreneur", "sanne@bakkerijstop.test"],
      ["referral_received", partnerEmail],
    ]);
  });

  it("should take the organisation by its slug, and without consent give the organisation no contact details", async () => {
    const id = await candidate("Slagerij Stop");
    const response = await stop(id, { kind: "initiative", name: "Bank", organisation: org.slug });
    expect(response.status, await response.clone().text()).toBe(200);
    const [made] = await referralsOf(id);
    expect(Number(made?.consent_to_share)).toBe(0);
    const inbox = v.parse(InboxListAnswer, await (await platform.fetch(`/api/v1/organisations/${org.slug}/referrals`, { headers: partner })).json());
    expect(inbox.referrals.find((r) => r.id === made?.id)?.entrepreneur).toBeNull();
  });

  it("should keep a stop to a free-text target as before, without a referral", async () => {
    const id = await candidate("Kapsalon Stop");
    const response = await stop(id, { kind: "initiative", name: "Starterscafé Parkstad" });
    const body = (await response.json()) as { candidate: { stage: string; stop: { referral: { kind: string; name: string } } } };
    expect(response.status).toBe(200);
    expect(body.candidate).toMatchObject({ stage: "stopped", stop: { referral: { kind: "initiative", name: "Starterscafé Parkstad" } } });
    expect(await referralsOf(id)).toEqual([]);
  });

  it("should refuse an unknown organisation or an offer not of it with 400 and leave the trajectory and the referrals as they were", async () => {
    const id = await candidate("Drukkerij Stop");
    const response = await stop(id, { kind: "partner", name: "Onbekend", organisation: "bestaat-niet" });
    expect(response.status).toBe(400);
    const error = await readError(response);
    expect(error.code).toBe("validation_failed");
    expect(error.issues?.map((i) => i.path)).toContain("referral.organisation");
    const offer = await stop(id, { kind: "partner", name: "Bank", organisation: org.slug, offerId: "geen-aanbod-van-deze-bank" });
    expect(offer.status).toBe(400);
    expect((await readError(offer)).issues?.map((i) => i.path)).toContain("referral.offerId");
    const stage = await platform.client.execute({ sql: "select stage from scouting_candidates where id = ?", args: [id] });
    expect(stage.rows[0]?.stage).toBe("registered");
    expect(await referralsOf(id)).toEqual([]);
  });
});
