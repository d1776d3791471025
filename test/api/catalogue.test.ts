/**
 * The catalogue's workflow and who may do what: organisations, partner invitations,
 * offers from draft to published to archived, edits of published offers under review,
 * and the flag for offers not checked for 12 months.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdesk, createRegion, createUser, signInAs, type RegionFixture } from "../support/factories";
import { createOrganisation, createPartner, offerBody, type OrganisationFixture } from "../support/catalogue";
import { startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;
let regionA: RegionFixture;
let regionB: RegionFixture;
let orgA: OrganisationFixture;
let orgB: OrganisationFixture;
let partnerA: Record<string, string>;
let partnerB: Record<string, string>;
let adminA: Record<string, string>;
let adminB: Record<string, string>;
let platformAdmin: Record<string, string>;
let staffA: Record<string, string>;

beforeAll(async () => {
  platform = await startTestPlatform();
  const c = platform.client;
  regionA = await createRegion(c);
  regionB = await createRegion(c);
  orgA = await createOrganisation(c, regionA);
  orgB = await createOrganisation(c, regionB);
  partnerA = await signInAs(platform, await createPartner(c, orgA));
  partnerB = await signInAs(platform, await createPartner(c, orgB));
  adminA = await signInAs(platform, await createUser(c, "region_admin", regionA));
  adminB = await signInAs(platform, await createUser(c, "region_admin", regionB));
  platformAdmin = await signInAs(platform, await createUser(c, "platform_admin", null));
  staffA = await signInAs(platform, await createUser(c, "consultant", regionA));
});
afterAll(async () => {
  await platform?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely here; their shapes are checked by the assertions
type Json = any;
const send = async (method: string, path: string, headers: Record<string, string>, json?: unknown): Promise<{ status: number; body: Json }> => {
  const response = await platform.fetch(`/api/v1${path}`, { method, headers, ...(json !== undefined ? { json } : {}) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
};
interface OfferAnswer {
  id: string;
  slug: string;
  title: string;
  status: string;
  revision: { title: string } | null;
  revisionStatus: string | null;
  reviewNote: string | null;
  stale: boolean;
}
const offerOf = (answer: { body: Json }) => answer.body.offer as OfferAnswer;

async function publishedOffer(
  org: OrganisationFixture,
  headers: Record<string, string>,
  reviewer: Record<string, string>,
  overrides: Record<string, unknown> = {},
) {
  const created = offerOf(await send("POST", `/organisations/${org.slug}/offers`, headers, offerBody(org.homeRegion, overrides)));
  expect((await send("POST", `/organisations/${org.slug}/offers/${created.id}/submit`, headers)).status).toBe(200);
  const reviewed = await send("POST", `/regions/${org.homeRegion.slug}/admin/offers/${created.id}/review`, reviewer, { decision: "approve" });
  expect(reviewed.status).toBe(200);
  return offerOf(reviewed);
}

describe("the offer workflow", () => {
  it("should take a partner's draft through review to the public catalogue, with audit entries", async () => {
    const created = await send("POST", `/organisations/${orgA.slug}/offers`, partnerA, offerBody(regionA, { title: "Zonnepanelen op het bedrijfsdak" }));
    expect(created.status).toBe(201);
    const draft = offerOf(created);
    expect(draft).toMatchObject({ status: "draft", slug: "zonnepanelen-op-het-bedrijfsdak" });
    expect((await platform.fetch(`/api/v1/offers/${draft.slug}`)).status).toBe(404);

    const submitted = await send("POST", `/organisations/${orgA.slug}/offers/${draft.id}/submit`, partnerA);
    expect(offerOf(submitted).status).toBe("in_review");
    expect((await send("POST", `/organisations/${orgA.slug}/offers/${draft.id}/submit`, partnerA)).status).toBe(409);

    const queue = await send("GET", `/regions/${regionA.slug}/admin/offers?status=in_review`, adminA);
    expect((queue.body.offers as OfferAnswer[]).map((o) => o.id)).toContain(draft.id);

    const approved = await send("POST", `/regions/${regionA.slug}/admin/offers/${draft.id}/review`, adminA, { decision: "approve", note: "Helder" });
    expect(offerOf(approved).status).toBe("published");
    const page = await platform.fetch(`/api/v1/offers/${draft.slug}`);
    expect(page.status).toBe(200);
    expect(((await page.json()) as { offer: { title: string; organisation: { slug: string } } }).offer).toMatchObject({
      title: "Zonnepanelen op het bedrijfsdak",
      organisation: { slug: orgA.slug },
    });
    const found = (await (await platform.fetch("/api/v1/offers?q=zonnepanelen")).json()) as { offers: { id: string }[] };
    expect(found.offers.map((o) => o.id)).toContain(draft.id);

    const audit = await platform.client.execute({
      sql: "select action, region_id from audit_log where target_id = ? order by created_at, action",
      args: [draft.id],
    });
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(["offer.created", "offer.submitted", "offer.published"]));
    expect(new Set(audit.rows.map((r) => r.region_id))).toEqual(new Set([regionA.id]));
  });

  it("should send a rejected offer back to draft with the reviewer's note", async () => {
    const draft = offerOf(await send("POST", `/organisations/${orgA.slug}/offers`, partnerA, offerBody(regionA)));
    await send("POST", `/organisations/${orgA.slug}/offers/${draft.id}/submit`, partnerA);
    const rejected = offerOf(
      await send("POST", `/regions/${regionA.slug}/admin/offers/${draft.id}/review`, adminA, { decision: "reject", note: "Vul de voorwaarden aan." }),
    );
    expect(rejected).toMatchObject({ status: "draft", reviewNote: "Vul de voorwaarden aan." });
    expect((await send("POST", `/regions/${regionA.slug}/admin/offers/${draft.id}/review`, adminA, { decision: "approve" })).status).toBe(409);
  });

  it("should keep the published version visible and searchable while an edit waits for review", async () => {
    const offer = await publishedOffer(orgA, partnerA, adminA, { title: "Oude titel kaasmakerij" });
    const edited = await send("PATCH", `/organisations/${orgA.slug}/offers/${offer.id}`, partnerA, { title: "Nieuwe titel kaasmakerij" });
    expect(edited.status).toBe(200);
    expect(offerOf(edited)).toMatchObject({
      status: "published",
      title: "Oude titel kaasmakerij",
      revisionStatus: "in_review",
      revision: { title: "Nieuwe titel kaasmakerij" },
    });

    const publicView = async () => ((await (await platform.fetch(`/api/v1/offers/${offer.slug}`)).json()) as { offer: { title: string } }).offer.title;
    const search = async (q: string) =>
      ((await (await platform.fetch(`/api/v1/offers?q=${q}`)).json()) as { offers: { id: string }[] }).offers.map((o) => o.id);
    expect(await publicView()).toBe("Oude titel kaasmakerij");
    expect(await search("oude")).toContain(offer.id);
    expect(await search("nieuwe")).not.toContain(offer.id);

    // A rejected edit leaves the published version; the partner may resubmit.
    const rejected = offerOf(await send("POST", `/regions/${regionA.slug}/admin/offers/${offer.id}/review`, adminA, { decision: "reject", note: "Niet nu" }));
    expect(rejected).toMatchObject({ status: "published", revisionStatus: "rejected", title: "Oude titel kaasmakerij" });
    expect(offerOf(await send("POST", `/organisations/${orgA.slug}/offers/${offer.id}/submit`, partnerA)).revisionStatus).toBe("in_review");

    const approved = offerOf(await send("POST", `/regions/${regionA.slug}/admin/offers/${offer.id}/review`, adminA, { decision: "approve" }));
    expect(approved).toMatchObject({ status: "published", title: "Nieuwe titel kaasmakerij", revision: null, revisionStatus: null });
    expect(await publicView()).toBe("Nieuwe titel kaasmakerij");
    expect(await search("nieuwe")).toContain(offer.id);
    expect(await search("oude")).not.toContain(offer.id);
  });

  it("should take an archived offer out of the catalogue and refuse further changes", async () => {
    const offer = await publishedOffer(orgA, partnerA, adminA, { title: "Archiefproef walnotenolie" });
    const archived = await send("POST", `/organisations/${orgA.slug}/offers/${offer.id}/archive`, partnerA);
    expect(offerOf(archived).status).toBe("archived");
    expect((await platform.fetch(`/api/v1/offers/${offer.slug}`)).status).toBe(404);
    const found = (await (await platform.fetch("/api/v1/offers?q=walnotenolie")).json()) as { total: number };
    expect(found.total).toBe(0);
    expect((await send("PATCH", `/organisations/${orgA.slug}/offers/${offer.id}`, partnerA, { title: "Weer terug" })).status).toBe(409);
  });

  it("should refuse municipalities outside the offer's regions and a deadline in the past", async () => {
    const otherMunicipality = await send("POST", `/organisations/${orgA.slug}/offers`, partnerA, offerBody(regionA, { municipalities: ["Venlo"] }));
    expect(otherMunicipality.status).toBe(400);
    expect(otherMunicipality.body.error.issues[0].path).toBe("municipalities");
    const past = await send("POST", `/organisations/${orgA.slug}/offers`, partnerA, offerBody(regionA, { deadline: "2001-01-01" }));
    expect(past.status).toBe(400);
    const noRegion = await send("POST", `/organisations/${orgA.slug}/offers`, partnerA, offerBody(regionA, { regions: [] }));
    expect(noRegion.status).toBe(400);
    const local = await send("POST", `/organisations/${orgA.slug}/offers`, partnerA, offerBody(regionA, { municipalities: ["maastricht"] }));
    expect(local.status).toBe(201);
    expect(local.body.offer.municipalities).toEqual(["Maastricht"]);
  });

  it("should flag an offer not checked for 12 months to its organisation until it is confirmed", async () => {
    const offer = await publishedOffer(orgA, partnerA, adminA);
    await platform.client.execute({ sql: "update offers set last_checked_at = ? where id = ?", args: [Date.now() - 400 * 86_400_000, offer.id] });
    const list = await send("GET", `/organisations/${orgA.slug}/offers`, partnerA);
    expect((list.body.offers as OfferAnswer[]).find((o) => o.id === offer.id)?.stale).toBe(true);
    const confirmed = offerOf(await send("PATCH", `/organisations/${orgA.slug}/offers/${offer.id}`, partnerA, { confirmChecked: true }));
    expect(confirmed).toMatchObject({ stale: false, revision: null, status: "published" });
  });
});

describe("who may do what", () => {
  it("should hide one organisation's offers from another organisation's partner (404)", async () => {
    const offer = offerOf(await send("POST", `/organisations/${orgA.slug}/offers`, partnerA, offerBody(regionA)));
    for (const [method, path, body] of [
      ["GET", `/organisations/${orgA.slug}/offers`, undefined],
      ["POST", `/organisations/${orgA.slug}/offers`, offerBody(regionA)],
      ["PATCH", `/organisations/${orgA.slug}/offers/${offer.id}`, { title: "Overgenomen" }],
      ["POST", `/organisations/${orgA.slug}/offers/${offer.id}/submit`, undefined],
      ["POST", `/organisations/${orgA.slug}/offers/${offer.id}/archive`, undefined],
      // Its own organisation in the path does not reach another organisation's offer either.
      ["PATCH", `/organisations/${orgB.slug}/offers/${offer.id}`, { title: "Overgenomen" }],
      ["POST", `/organisations/${orgB.slug}/offers/${offer.id}/archive`, undefined],
    ] as const) {
      const answer = await send(method, path, partnerB, body);
      expect(answer.status, `${method} ${path}`).toBe(404);
    }
    const row = await platform.client.execute({ sql: "select title, status from offers where id = ?", args: [offer.id] });
    expect(row.rows[0]).toMatchObject({ status: "draft" });
  });

  it("should let only a region admin of the organisation's home region (or the platform admin) review", async () => {
    const offer = offerOf(await send("POST", `/organisations/${orgA.slug}/offers`, partnerA, offerBody(regionA)));
    await send("POST", `/organisations/${orgA.slug}/offers/${offer.id}/submit`, partnerA);
    expect((await send("POST", `/regions/${regionA.slug}/admin/offers/${offer.id}/review`, adminB, { decision: "approve" })).status).toBe(404);
    expect((await send("POST", `/regions/${regionB.slug}/admin/offers/${offer.id}/review`, adminB, { decision: "approve" })).status).toBe(404);
    expect((await send("POST", `/regions/${regionA.slug}/admin/offers/${offer.id}/review`, partnerA, { decision: "approve" })).status).toBe(403);
    expect((await send("POST", `/regions/${regionA.slug}/admin/offers/${offer.id}/review`, staffA, { decision: "approve" })).status).toBe(403);
    // The platform admin reviews through the organisation's home region.
    expect((await send("POST", `/regions/${regionB.slug}/admin/offers/${offer.id}/review`, platformAdmin, { decision: "approve" })).status).toBe(404);
    expect((await send("POST", `/regions/${regionA.slug}/admin/offers/${offer.id}/review`, platformAdmin, { decision: "approve" })).status).toBe(200);
  });

  it("should let a region admin manage offers of their region's organisations only", async () => {
    expect((await send("POST", `/organisations/${orgA.slug}/offers`, adminA, offerBody(regionA))).status).toBe(201);
    expect((await send("GET", `/organisations/${orgB.slug}/offers`, adminA)).status).toBe(404);
    expect((await send("POST", `/organisations/${orgB.slug}/offers`, adminA, offerBody(regionB))).status).toBe(404);
    expect((await send("GET", `/organisations/${orgA.slug}/offers`, staffA)).status).toBe(403);
  });

  it("should let a region admin create organisations of their own region and invite their partners", async () => {
    const slug = `org-${Date.now().toString(36)}`;
    const created = await send("POST", "/organisations", adminA, { slug, name: "Adviesbureau Test", kind: "advisor", regions: [regionA.slug] });
    expect(created.status).toBe(201);
    expect(created.body.organisation).toMatchObject({ slug, homeRegion: regionA.slug });
    expect((await send("POST", "/organisations", adminA, { slug, name: "Dubbel", kind: "advisor", regions: [regionA.slug] })).status).toBe(409);
    const foreign = await send("POST", "/organisations", adminA, {
      slug: `${slug}-b`,
      name: "Elders",
      kind: "bank",
      regions: [regionB.slug],
      homeRegion: regionB.slug,
    });
    expect(foreign.status).toBe(403);
    expect((await send("POST", "/organisations", partnerA, { slug: `${slug}-c`, name: "Partner", kind: "bank", regions: [regionA.slug] })).status).toBe(403);

    const email = `nieuw-${Date.now()}@example.test`;
    const invited = await send("POST", `/organisations/${slug}/invitations`, adminA, { email, name: "Nina Nieuw" });
    expect(invited.status).toBe(201);
    expect(invited.body.user).toMatchObject({ role: "partner", organisation: slug, hasPassword: false });
    const mail = await platform.client.execute({ sql: "select kind, text_body from outbox where recipient = ?", args: [email] });
    expect(mail.rows[0]?.kind).toBe("invitation");
    expect(String(mail.rows[0]?.text_body)).toContain("partner van Adviesbureau Test");
    expect((await send("POST", `/organisations/${slug}/invitations`, adminB, { email: `x-${email}`, name: "Niet" })).status).toBe(404);
    expect((await send("POST", `/organisations/${orgA.slug}/invitations`, partnerA, { email: `y-${email}`, name: "Niet" })).status).toBe(403);
  });

  it("should show a partner's organisation on the signed-in user", async () => {
    const me = await send("GET", "/auth/me", partnerA);
    expect(me.body.user).toMatchObject({ role: "partner", organisation: orgA.slug });
    expect(me.body.user.region).toBeUndefined();
  });
});

describe("organisations and contact points", () => {
  it("should list organisations by region and kind, and show one with its desks and published offers", async () => {
    const bank = await createOrganisation(platform.client, regionB, { kind: "bank", name: "Testbank" });
    const list = await send("GET", `/organisations?region=${regionB.slug}&kind=bank`, {});
    expect((list.body.organisations as { slug: string }[]).map((o) => o.slug)).toEqual([bank.slug]);
    const offer = await publishedOffer(orgA, partnerA, adminA, { title: "Zichtbaar op de organisatiepagina" });
    const detail = await send("GET", `/organisations/${orgA.slug}`, {});
    expect((detail.body.organisation.offers as { id: string }[]).map((o) => o.id)).toContain(offer.id);
    expect((await send("GET", "/organisations/bestaat-niet", {})).status).toBe(404);
  });

  it("should list a frontdesk as a contact point of the organisation that runs it, and follow its changes", async () => {
    const agency = await createOrganisation(platform.client, regionB, { kind: "development_agency", name: "Regio B Ontwikkeling" });
    const desk = await createFrontdesk(platform.client, regionB, { name: "Loket Contactpuntproef", topics: ["personeel", "vergunningen"] });
    await platform.runScheduled();
    const found = (await (await platform.fetch("/api/v1/offers?q=contactpuntproef&kind=contact_point")).json()) as {
      offers: { id: string; slug: string; organisation: { slug: string }; topics: string[] }[];
    };
    expect(found.offers).toHaveLength(1);
    expect(found.offers[0]).toMatchObject({ organisation: { slug: agency.slug }, topics: ["personeel", "vergunningen"] });
    const detail = (await (await platform.fetch(`/api/v1/offers/${found.offers[0]?.slug}`)).json()) as { offer: { frontdesk: { id: string; region: string } } };
    expect(detail.offer.frontdesk).toEqual({ id: desk.id, region: regionB.slug });
    const contactPointId = found.offers[0]?.id ?? "";
    expect((await send("PATCH", `/organisations/${agency.slug}/offers/${contactPointId}`, adminB, { title: "Handmatig" })).status).toBe(409);

    // Another organisation takes the desk over; then the desk is archived.
    const bank = await createOrganisation(platform.client, regionB, { kind: "bank", name: "Bank die het loket runt" });
    expect((await send("PUT", `/regions/${regionB.slug}/admin/frontdesks/${desk.id}/organisation`, adminB, { organisation: bank.slug })).status).toBe(200);
    await platform.runScheduled();
    const moved = (await (await platform.fetch("/api/v1/offers?q=contactpuntproef")).json()) as { offers: { organisation: { slug: string } }[] };
    expect(moved.offers[0]?.organisation.slug).toBe(bank.slug);
    await platform.client.execute({ sql: "update frontdesks set archived_at = ?, updated_at = ? where id = ?", args: [Date.now(), Date.now(), desk.id] });
    await platform.runScheduled();
    const gone = (await (await platform.fetch("/api/v1/offers?q=contactpuntproef")).json()) as { total: number };
    expect(gone.total).toBe(0);
  });
});
