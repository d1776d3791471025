/**
 * The knowledge square through the API against the real Worker (issue 18): asking, the first
 * question's moderation, answers with their labels and linked offers, the accepted answer,
 * the useful mark once per person, reports and hiding, blocking, limits, the hourly digest,
 * region isolation of the moderation queue, and anonymity on every route that shows questions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRegion, createUser, type RegionFixture, signInAs } from "../support/factories";
import { createOrganisation, createPartner, offerBody, type OrganisationFixture } from "../support/catalogue";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { signInAsEntrepreneur } from "../support/entrepreneurs";

type H = Record<string, string>;
let platform: TestPlatform;
let zuid: RegionFixture;
let noord: RegionFixture;
let org: OrganisationFixture;
let zuidAdmin: H;
let noordAdmin: H;
let province: H;
let office: H;
let zuidDesk: H;
let noordDesk: H;
let partner: H;
let asker: H;
let anonymousAsker: H;
let peer: H;
let offerSlug = "";
const SECRET_COMPANY = "Geheime Bakkerij Zonder Naam BV";

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function ask(headers: H, body: Record<string, unknown>): Promise<{ id: string; status: string }> {
  const response = await platform.fetch("/api/v1/questions", { method: "POST", headers, json: body });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await json<{ question: { id: string; status: string } }>(response)).question;
}

async function publish(id: string, admin = zuidAdmin, region = zuid): Promise<Response> {
  return platform.fetch(`/api/v1/regions/${region.slug}/admin/moderation/question/${id}`, { method: "POST", headers: admin, json: { action: "publish" } });
}

beforeAll(async () => {
  platform = await startTestPlatform();
  const c = platform.client;
  zuid = await createRegion(c);
  noord = await createRegion(c);
  org = await createOrganisation(c, zuid, { name: "Kennisbank Limburg" });
  zuidAdmin = await signInAs(platform, await createUser(c, "region_admin", zuid));
  noordAdmin = await signInAs(platform, await createUser(c, "region_admin", noord));
  province = await signInAs(platform, await createUser(c, "province_viewer", null));
  office = await signInAs(platform, await createUser(c, "programme_office", null));
  zuidDesk = await signInAs(platform, await createUser(c, "frontdesk_staff", zuid));
  noordDesk = await signInAs(platform, await createUser(c, "frontdesk_staff", noord));
  partner = await signInAs(platform, await createPartner(c, org));
  asker = await signInAsEntrepreneur(platform, "vrager@bakkerij.test");
  anonymousAsker = await signInAsEntrepreneur(platform, "anoniem@ondernemer.test");
  peer = await signInAsEntrepreneur(platform, "collega@ondernemer.test");
  await platform.fetch("/api/v1/me/profile", { method: "PUT", headers: asker, json: { companyName: "Bakkerij De Vries", visibleToPeers: false } });
  await platform.fetch("/api/v1/me/profile", { method: "PUT", headers: anonymousAsker, json: { companyName: SECRET_COMPANY, visibleToPeers: false } });
  await platform.fetch("/api/v1/me/profile", { method: "PUT", headers: peer, json: { companyName: "Drukkerij Collega", visibleToPeers: true } });
  // A published offer to link from an answer.
  const created = await platform.fetch(`/api/v1/organisations/${org.slug}/offers`, { method: "POST", headers: partner, json: offerBody(zuid) });
  const offer = (await json<{ offer: { id: string; slug: string } }>(created)).offer;
  offerSlug = offer.slug;
  await c.execute({ sql: "update offers set status = 'published' where id = ?", args: [offer.id] });
}, 120_000);

afterAll(async () => {
  await platform?.close();
});

describe("asking and the first question's moderation", () => {
  it("keeps a new poster's first question pending until a moderator of its region publishes it, and publishes later ones at once", async () => {
    const first = await ask(asker, {
      title: "Hoe vind ik een goede accountant?",
      body: "Ik start een bakkerij en zoek een accountant die de branche kent.",
      topic: "financiering",
      region: zuid.slug,
      anonymous: false,
    });
    expect(first.status).toBe("pending");
    // Not public while pending; the asker sees it as theirs.
    expect((await platform.fetch(`/api/v1/questions/${first.id}`)).status).toBe(404);
    const own = await json<{ question: { mine: boolean; status: string } }>(await platform.fetch(`/api/v1/questions/${first.id}`, { headers: asker }));
    expect(own.question).toMatchObject({ mine: true, status: "pending" });
    const list = await json<{ questions: { id: string }[] }>(await platform.fetch("/api/v1/questions"));
    expect(list.questions.map((q) => q.id)).not.toContain(first.id);
    // Another region's admin cannot see or publish it: 404.
    expect((await publish(first.id, noordAdmin, noord)).status).toBe(404);
    expect((await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/moderation`, { headers: noordAdmin })).status).toBe(404);
    const queue = await json<{ items: { id: string; status: string }[] }>(
      await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/moderation`, { headers: zuidAdmin }),
    );
    expect(queue.items).toContainEqual(expect.objectContaining({ id: first.id, status: "pending" }));
    expect((await publish(first.id)).status).toBe(200);
    expect((await publish(first.id)).status).toBe(409);
    const second = await ask(asker, {
      title: "Welke vergunning voor een terras?",
      body: "Mag ik zomaar een terras voor mijn bakkerij plaatsen of heb ik een vergunning nodig?",
      topic: "vergunningen",
      anonymous: false,
    });
    expect(second.status).toBe("published");
    const audit = await platform.client.execute({ sql: "select action from audit_log where target_id = ?", args: [first.id] });
    expect(audit.rows.map((r) => r.action)).toEqual(["community.question.publish"]);
  });

  it("lets the programme office moderate every region's queue, which the province viewer cannot", async () => {
    const newcomer = await signInAsEntrepreneur(platform, "nieuwkomer@noord.test");
    const first = await ask(newcomer, {
      title: "Wie helpt bij een bedrijfsovername?",
      body: "Ik wil de zaak van mijn oom overnemen en zoek advies over de financiering.",
      topic: "financiering",
      region: noord.slug,
      anonymous: false,
    });
    expect(first.status).toBe("pending");
    expect((await platform.fetch(`/api/v1/regions/${noord.slug}/admin/moderation`, { headers: province })).status).toBe(403);
    const queue = await json<{ items: { id: string; status: string }[] }>(
      await platform.fetch(`/api/v1/regions/${noord.slug}/admin/moderation`, { headers: office }),
    );
    expect(queue.items).toContainEqual(expect.objectContaining({ id: first.id, status: "pending" }));
    expect((await publish(first.id, office, noord)).status).toBe(200);
    expect((await platform.fetch(`/api/v1/questions/${first.id}`)).status).toBe(200);
    const audit = await platform.client.execute({ sql: "select action, region_id from audit_log where target_id = ?", args: [first.id] });
    expect(audit.rows.map((r) => [r.action, r.region_id])).toEqual([["community.question.publish", noord.id]]);
  });

  it("shows the region's desks the questions that had no answer for 3 working days, until one comes", async () => {
    const body = (what: string) => ({
      title: `Wie weet een goede plek voor een ${what}?`,
      body: "Ik wil een maand lang mijn producten verkopen in het centrum en zoek een tijdelijke ruimte.",
      topic: "vergunningen",
      region: zuid.slug,
      anonymous: false,
    });
    // An asker of their own, so the answer below sends no digest to the other tests' askers.
    const starter = await signInAsEntrepreneur(platform, "popup@ondernemer.test");
    const old = await ask(starter, body("pop-upwinkel"));
    expect((await publish(old.id)).status).toBe(200);
    const fresh = await ask(starter, body("proeverij"));
    expect(fresh.status).toBe("published");
    // Published ten calendar days ago: always at least 3 working days (Christmas and New Year included).
    await platform.client.execute({ sql: "update questions set published_at = ? where id = ?", args: [Date.now() - 10 * 86_400_000, old.id] });
    const open = async (headers: H, region = zuid) => platform.fetch(`/beheer/${region.slug}/kennisplein/open`, { headers, redirect: "manual" });
    const page = await open(zuidDesk);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`/kennisplein/vragen/${old.id}`);
    expect(html).not.toContain(fresh.id);
    const queue = await json<{ unanswered: { id: string }[] }>(await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/moderation`, { headers: zuidAdmin }));
    expect(queue.unanswered.map((q) => q.id)).toContain(old.id);
    // Another region's desk: 404 on Zuid's page, and Noord's own page does not list a Zuid question.
    expect((await open(noordDesk)).status).toBe(404);
    const noordPage = await open(noordDesk, noord);
    expect(noordPage.status).toBe(200);
    expect(await noordPage.text()).not.toContain(old.id);
    // Once a desk answers, it leaves the list.
    const answered = await platform.fetch(`/api/v1/questions/${old.id}/answers`, {
      method: "POST",
      headers: zuidDesk,
      json: { body: "Het centrummanagement verhuurt panden tijdelijk; bel gerust het loket." },
    });
    expect(answered.status).toBe(201);
    expect(await (await open(zuidDesk)).text()).not.toContain(old.id);
  });

  it("finds questions with the catalogue's Dutch search and filters on topic and region", async () => {
    const hits = await json<{ questions: { title: string; asker: { label: string } }[] }>(await platform.fetch("/api/v1/questions?q=vergunningen"));
    expect(hits.questions.map((q) => q.title)).toContain("Welke vergunning voor een terras?");
    expect(hits.questions[0]?.asker.label).toBe("Bakkerij De Vries");
    const topic = await json<{ questions: { topic: string }[] }>(await platform.fetch("/api/v1/questions?topic=financiering"));
    expect(topic.questions.every((q) => q.topic === "financiering")).toBe(true);
    const other = await json<{ questions: { title: string }[] }>(await platform.fetch(`/api/v1/questions?region=${noord.slug}`));
    expect(other.questions.map((q) => q.title)).not.toContain("Hoe vind ik een goede accountant?");
    expect(other.questions.map((q) => q.title)).toContain("Welke vergunning voor een terras?");
    expect((await platform.fetch("/api/v1/questions?topic=bakken")).status).toBe(400);
  });

  it("refuses bad input with a clear 400 and an unknown region too", async () => {
    const bad = await platform.fetch("/api/v1/questions", {
      method: "POST",
      headers: asker,
      json: { title: "kort", body: "x", topic: "financiering", anonymous: "ja" },
    });
    expect(bad.status).toBe(400);
    const unknown = await platform.fetch("/api/v1/questions", {
      method: "POST",
      headers: asker,
      json: {
        title: "Een vraag voor een regio die er niet is",
        body: "Deze regio bestaat niet, dus dit moet een 400 geven.",
        topic: "overig",
        region: "nergens",
        anonymous: false,
      },
    });
    expect(unknown.status).toBe(400);
    // Staff and partners do not ask (entrepreneurs only).
    expect((await platform.fetch("/api/v1/questions", { method: "POST", headers: partner, json: {} })).status).toBe(401);
  });
});

describe("answers, the accepted answer and useful marks", () => {
  let questionId = "";
  let partnerAnswer = "";
  let peerAnswer = "";

  beforeAll(async () => {
    const list = await json<{ questions: { id: string; title: string }[] }>(await platform.fetch("/api/v1/questions?q=terras"));
    questionId = list.questions[0]?.id ?? "";
  });

  it("labels each answer by who wrote it and links only published offers", async () => {
    const byPartner = await platform.fetch(`/api/v1/questions/${questionId}/answers`, {
      method: "POST",
      headers: partner,
      json: { body: "Vraag een terrasvergunning aan bij de gemeente; zie ook dit aanbod.", offerSlugs: [offerSlug] },
    });
    expect(byPartner.status).toBe(201);
    partnerAnswer = (await json<{ answer: { id: string } }>(byPartner)).answer.id;
    const byPeer = await platform.fetch(`/api/v1/questions/${questionId}/answers`, {
      method: "POST",
      headers: peer,
      json: { body: "Bij ons duurde het twee weken." },
    });
    peerAnswer = (await json<{ answer: { id: string } }>(byPeer)).answer.id;
    const byAdmin = await platform.fetch(`/api/v1/questions/${questionId}/answers`, {
      method: "POST",
      headers: zuidAdmin,
      json: { body: "Het loket helpt u graag." },
    });
    expect(byAdmin.status).toBe(201);
    const unknownOffer = await platform.fetch(`/api/v1/questions/${questionId}/answers`, {
      method: "POST",
      headers: peer,
      json: { body: "Zie dit aanbod.", offerSlugs: ["bestaat-niet"] },
    });
    expect(unknownOffer.status).toBe(400);
    expect((await json<{ error: { issues: { path: string }[] } }>(unknownOffer)).error.issues[0]?.path).toBe("offerSlugs");
    const detail = await json<{
      question: { answerCount: number };
      answers: { id: string; author: { label: string; kind: string }; offers: { slug: string }[] }[];
    }>(await platform.fetch(`/api/v1/questions/${questionId}`));
    expect(detail.question.answerCount).toBe(3);
    const labels = Object.fromEntries(detail.answers.map((a) => [a.id, a.author]));
    expect(labels[partnerAnswer]).toEqual({ label: "Expert van Kennisbank Limburg", kind: "partner" });
    expect(labels[peerAnswer]).toEqual({ label: "Drukkerij Collega", kind: "entrepreneur" });
    expect(detail.answers.find((a) => a.author.kind === "staff")?.author.label).toBe(`Loket ${zuid.name}`);
    expect(detail.answers.find((a) => a.id === partnerAnswer)?.offers.map((o) => o.slug)).toEqual([offerSlug]);
    // Nobody answers without signing in.
    expect((await platform.fetch(`/api/v1/questions/${questionId}/answers`, { method: "POST", json: { body: "anoniem antwoord" } })).status).toBe(401);
  });

  it("lets only the asker accept an answer, and shows it first", async () => {
    expect((await platform.fetch(`/api/v1/questions/${questionId}/accept`, { method: "POST", headers: peer, json: { answerId: peerAnswer } })).status).toBe(
      404,
    );
    expect((await platform.fetch(`/api/v1/questions/${questionId}/accept`, { method: "POST", headers: asker, json: { answerId: peerAnswer } })).status).toBe(
      200,
    );
    const detail = await json<{ question: { accepted: boolean }; answers: { id: string; accepted: boolean }[] }>(
      await platform.fetch(`/api/v1/questions/${questionId}`),
    );
    expect(detail.question.accepted).toBe(true);
    expect(detail.answers[0]).toMatchObject({ id: peerAnswer, accepted: true });
  });

  it("counts a useful mark once per person: a second mark answers 200 with the same count", async () => {
    const mark = (headers: H) => platform.fetch(`/api/v1/answers/${partnerAnswer}/useful`, { method: "POST", headers });
    expect(await json(await mark(asker))).toEqual({ usefulCount: 1, marked: true });
    const again = await mark(asker);
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual({ usefulCount: 1, marked: true });
    expect(await json(await mark(zuidAdmin))).toEqual({ usefulCount: 2, marked: true });
    expect((await platform.fetch(`/api/v1/answers/${partnerAnswer}/useful`, { method: "POST" })).status).toBe(401);
    const marks = await platform.client.execute({ sql: "select count(*) as n from answer_marks where answer_id = ?", args: [partnerAnswer] });
    expect(Number(marks.rows[0]?.n)).toBe(2);
  });

  it("mails the asker a digest of new answers at most once an hour, through the outbox and the scheduled job", async () => {
    await platform.runScheduled();
    const digests = () =>
      platform.client.execute({
        sql: "select subject, text_body from outbox where kind = 'community_digest' and recipient = 'vrager@bakkerij.test'",
        args: [],
      });
    expect((await digests()).rows).toHaveLength(1);
    expect(String((await digests()).rows[0]?.subject)).toBe("3 nieuwe antwoorden op uw vraag");
    await platform.fetch(`/api/v1/questions/${questionId}/answers`, { method: "POST", headers: partner, json: { body: "Nog een aanvulling." } });
    await platform.runScheduled();
    expect((await digests()).rows).toHaveLength(1);
    // An hour later (the past moved back an hour instead of waiting), only the new answer goes out.
    await platform.client.batch([
      {
        sql: "update answers set created_at = created_at - 3600000 where question_id = ? and created_at <= (select digest_at from questions where id = ?)",
        args: [questionId, questionId],
      },
      { sql: "update questions set digest_at = digest_at - 3600000 where id = ?", args: [questionId] },
    ]);
    await platform.runScheduled();
    const rows = (await digests()).rows;
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => String(r.subject))).toContain("Nieuw antwoord op uw vraag");
  });
});

describe("reports, hiding, editing and blocking", () => {
  let questionId = "";
  let answerId = "";

  beforeAll(async () => {
    questionId = (
      await ask(asker, {
        title: "Wie weet een goede drukker?",
        body: "Ik zoek een drukker voor mijn folders in de regio.",
        topic: "overig",
        region: zuid.slug,
        anonymous: false,
      })
    ).id;
    const answered = await platform.fetch(`/api/v1/questions/${questionId}/answers`, {
      method: "POST",
      headers: peer,
      json: { body: "Koop nu goedkope pillen op http://spam.example/" },
    });
    answerId = (await json<{ answer: { id: string } }>(answered)).answer.id;
  });

  it("queues a reported answer for its region's moderators, who hide it with an audited action", async () => {
    const report = await platform.fetch(`/api/v1/answers/${answerId}/report`, { method: "POST", headers: asker, json: { reason: "Dit is reclame." } });
    expect(report.status).toBe(202);
    expect((await platform.fetch(`/api/v1/answers/${answerId}/report`, { method: "POST", headers: asker, json: { reason: "Nog eens." } })).status).toBe(202);
    const queue = await json<{ items: { kind: string; id: string; reports: { reason: string }[] }[] }>(
      await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/moderation`, { headers: zuidAdmin }),
    );
    expect(queue.items.find((i) => i.id === answerId)?.reports.map((r) => r.reason)).toEqual(["Dit is reclame."]);
    const hide = (headers: H, region: RegionFixture) =>
      platform.fetch(`/api/v1/regions/${region.slug}/admin/moderation/answer/${answerId}`, {
        method: "POST",
        headers,
        json: { action: "hide", note: "Reclame verwijderd." },
      });
    expect((await hide(noordAdmin, noord)).status).toBe(404);
    expect((await hide(province, zuid)).status).toBe(403);
    expect(await json(await hide(zuidAdmin, zuid))).toEqual({ kind: "answer", id: answerId, status: "hidden" });
    const detail = await json<{ question: { answerCount: number }; answers: { id: string }[] }>(await platform.fetch(`/api/v1/questions/${questionId}`));
    expect(detail.answers.map((a) => a.id)).not.toContain(answerId);
    expect(detail.question.answerCount).toBe(0);
    const audit = await platform.client.execute({ sql: "select action, detail from audit_log where target_id = ?", args: [answerId] });
    expect(audit.rows.map((r) => r.action)).toEqual(["community.answer.hide"]);
    expect((await platform.fetch(`/api/v1/answers/${answerId}/report`, { method: "POST", headers: asker, json: { reason: "weg" } })).status).toBe(404);
  });

  it("edits a question with a visible note, restores a hidden one, and blocks an author from posting", async () => {
    const edit = await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/moderation/question/${questionId}`, {
      method: "POST",
      headers: zuidAdmin,
      json: { action: "edit", title: "Wie weet een goede drukkerij?", note: "Titel verduidelijkt door de moderator." },
    });
    expect(edit.status).toBe(200);
    const detail = await json<{ question: { title: string; moderatorNote: string; edited: boolean } }>(await platform.fetch(`/api/v1/questions/${questionId}`));
    expect(detail.question).toMatchObject({ title: "Wie weet een goede drukkerij?", moderatorNote: "Titel verduidelijkt door de moderator.", edited: true });
    expect((await platform.fetch("/api/v1/questions?q=drukkerij").then((r) => json<{ questions: { id: string }[] }>(r))).questions.map((q) => q.id)).toContain(
      questionId,
    );
    const withoutNote = await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/moderation/question/${questionId}`, {
      method: "POST",
      headers: zuidAdmin,
      json: { action: "edit", title: "Zonder notitie maar lang genoeg" },
    });
    expect(withoutNote.status).toBe(400);
    const restore = await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/moderation/answer/${answerId}`, {
      method: "POST",
      headers: zuidAdmin,
      json: { action: "restore" },
    });
    expect(restore.status).toBe(200);
    const block = await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/moderation/answer/${answerId}`, {
      method: "POST",
      headers: zuidAdmin,
      json: { action: "block" },
    });
    expect(block.status).toBe(200);
    const blocked = await platform.fetch(`/api/v1/questions/${questionId}/answers`, { method: "POST", headers: peer, json: { body: "Nog meer reclame." } });
    expect(blocked.status).toBe(403);
    const blockedAsk = await platform.fetch("/api/v1/questions", {
      method: "POST",
      headers: peer,
      json: {
        title: "Een vraag van een geblokkeerd account",
        body: "Dit account mag niets meer plaatsen op het kennisplein.",
        topic: "overig",
        anonymous: false,
      },
    });
    expect(blockedAsk.status).toBe(403);
    const actions = await platform.client.execute({ sql: "select action from audit_log where action like 'community.%' order by created_at", args: [] });
    expect(actions.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(["community.question.edit", "community.answer.restore", "community.answer.block"]),
    );
  });

  it("limits posts per account per hour (429 with Retry-After)", async () => {
    const limited = await startTestPlatform({ vars: { RATE_LIMITS: JSON.stringify({ communityPostPerAccount: { limit: 2, windowSeconds: 3600 } }) } });
    try {
      const who = await signInAsEntrepreneur(limited, "veel@ondernemer.test");
      const body = (n: number) => ({
        title: `Vraag nummer ${n} over groei`,
        body: "Een vraag met genoeg tekst om geldig te zijn.",
        topic: "groei_en_innovatie",
        anonymous: false,
      });
      for (const n of [1, 2]) expect((await limited.fetch("/api/v1/questions", { method: "POST", headers: who, json: body(n) })).status).toBe(201);
      const third = await limited.fetch("/api/v1/questions", { method: "POST", headers: who, json: body(3) });
      expect(third.status).toBe(429);
      expect(third.headers.get("retry-after")).toMatch(/^\d+$/);
      const count = await limited.client.execute("select count(*) as n from questions");
      expect(Number(count.rows[0]?.n)).toBe(2);
    } finally {
      await limited.close();
    }
  }, 120_000);
});

describe("anonymity", () => {
  it("never shows who asked anonymously, on any route that shows questions, to anyone", async () => {
    const first = await ask(anonymousAsker, {
      title: "Mijn compagnon wil stoppen, wat nu?",
      body: "Mijn compagnon wil uit de zaak; hoe regel ik een overname netjes?",
      topic: "bedrijfsoverdracht",
      region: zuid.slug,
      anonymous: true,
    });
    // The queue shows it to moderators without the company.
    const queueText = await (await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/moderation`, { headers: zuidAdmin })).text();
    expect(queueText).toContain("Mijn compagnon wil stoppen");
    expect(queueText).toContain("Anonieme ondernemer");
    expect((await publish(first.id)).status).toBe(200);
    await platform.fetch(`/api/v1/questions/${first.id}/answers`, { method: "POST", headers: partner, json: { body: "Denk aan een overeenkomst." } });
    const viewers: [string, H][] = [
      ["nobody", {}],
      ["another entrepreneur", peer],
      ["a partner", partner],
      ["the region admin", zuidAdmin],
      ["another region's admin", noordAdmin],
      ["the province", province],
    ];
    const paths = [
      "/api/v1/questions",
      "/api/v1/questions?q=compagnon",
      `/api/v1/questions?region=${zuid.slug}`,
      `/api/v1/questions/${first.id}`,
      `/api/v1/regions/${zuid.slug}/admin/moderation`,
      "/kennisplein",
      `/kennisplein/vragen/${first.id}`,
      "/kennisplein?q=compagnon",
      `/beheer/${zuid.slug}/kennisplein`,
    ];
    const accountId = String((await platform.client.execute("select id from entrepreneurs where email = 'anoniem@ondernemer.test'")).rows[0]?.id);
    for (const [who, headers] of viewers) {
      for (const path of paths) {
        const response = await platform.fetch(path, { headers });
        const text = await response.text();
        // Every public route answers (so the check is not passing on an error page).
        if (!path.includes("/admin/") && !path.startsWith("/beheer")) expect(response.status, `${who} on ${path}`).toBe(200);
        if (who === "the region admin") expect(response.status, `${who} on ${path}`).toBe(200);
        expect(text, `${who} on ${path}`).not.toContain(SECRET_COMPANY);
        expect(text, `${who} on ${path}`).not.toContain("anoniem@ondernemer.test");
        expect(text, `${who} on ${path}`).not.toContain(accountId);
      }
    }
    const list = await json<{ questions: { id: string; asker: { label: string } }[] }>(await platform.fetch("/api/v1/questions"));
    expect(list.questions.find((q) => q.id === first.id)?.asker).toEqual({ label: "Anonieme ondernemer" });
    // The digest mail goes to the asker only and names nobody.
    await platform.runScheduled();
    const mails = await platform.client.execute({
      sql: "select recipient, text_body from outbox where kind = 'community_digest' and text_body like '%compagnon%'",
      args: [],
    });
    expect(mails.rows.map((r) => r.recipient)).toEqual(["anoniem@ondernemer.test"]);
  });
});

describe("plain text, links and XSS", () => {
  const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

  it("renders every posted text field as text in the pages, links only http(s) with rel nofollow ugc", async () => {
    const question = await ask(asker, {
      title: `Vraag ${XSS}`,
      body: `Zie https://voorbeeld.nl/pad?a=1&b=2. Niet: javascript:alert(1) en ${XSS}`,
      topic: "digitalisering",
      region: zuid.slug,
      anonymous: false,
    });
    const answered = await platform.fetch(`/api/v1/questions/${question.id}/answers`, {
      method: "POST",
      headers: partner,
      json: { body: `Antwoord ${XSS} http://a.example/"onmouseover="x` },
    });
    const answerId = (await json<{ answer: { id: string } }>(answered)).answer.id;
    await platform.fetch(`/api/v1/answers/${answerId}/report`, { method: "POST", headers: asker, json: { reason: `Reden ${XSS}` } });
    await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/moderation/answer/${answerId}`, {
      method: "POST",
      headers: zuidAdmin,
      json: { action: "edit", body: `Aangepast ${XSS}`, note: `Notitie ${XSS}` },
    });
    const pages = [
      ["/kennisplein", {}],
      [`/kennisplein/vragen/${question.id}`, {}],
      [`/kennisplein/vragen/${question.id}`, asker],
      [`/beheer/${zuid.slug}/kennisplein`, zuidAdmin],
    ] as const;
    for (const [path, headers] of pages) {
      const response = await platform.fetch(path, { headers: { ...headers } });
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html, path).not.toContain("<script>alert");
      expect(html, path).not.toContain("<img src=x");
      expect(html, path).not.toMatch(/href="javascript:/i);
      expect(html, path).not.toContain('onmouseover="x');
    }
    const page = await (await platform.fetch(`/kennisplein/vragen/${question.id}`)).text();
    expect(page).toContain('<a href="https://voorbeeld.nl/pad?a=1&amp;b=2" rel="nofollow ugc noopener"');
    expect(page).toContain("Notitie &lt;script&gt;");
    expect(page).toContain("Aangepast &lt;script&gt;");
    // The digest mail escapes the answer in its HTML part.
    await platform.runScheduled();
    const mail = await platform.client.execute({
      sql: "select html_body from outbox where kind = 'community_digest' and html_body like '%Aangepast%'",
      args: [],
    });
    expect(mail.rows.length).toBe(1);
    expect(String(mail.rows[0]?.html_body)).not.toContain("<script>alert");
    expect(String(mail.rows[0]?.html_body)).toContain("&lt;script&gt;");
  });
});
