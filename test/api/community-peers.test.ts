/**
 * Best-practice stories and peer contact through the API against the real Worker (issue 18):
 * a region admin publishes a story with the entrepreneur's consent recorded; entrepreneurs who
 * chose to be visible are found by topic, sector and municipality; a contact request reaches
 * the receiver with the sender's profile and no address; only a reply shares the addresses;
 * block, report and the daily limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { amsterdamDate } from "../support/slots";
import { createFrontdesk, createRegion, createUser, type FrontdeskFixture, type RegionFixture, signInAs } from "../support/factories";
import { signInAsEntrepreneur } from "../support/entrepreneurs";
import { startTestPlatform, type TestPlatform } from "../support/platform";

type H = Record<string, string>;
let platform: TestPlatform;
let zuid: RegionFixture;
let noord: RegionFixture;
let desk: FrontdeskFixture;
let zuidAdmin: H;
let noordAdmin: H;
let sender: H;
let receiver: H;
let hidden: H;
let receiverId = "";
let hiddenId = "";

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  const c = platform.client;
  zuid = await createRegion(c);
  noord = await createRegion(c);
  desk = await createFrontdesk(c, zuid, { name: "Ondernemersloket Verhaal" });
  zuidAdmin = await signInAs(platform, await createUser(c, "region_admin", zuid));
  noordAdmin = await signInAs(platform, await createUser(c, "region_admin", noord));
  sender = await signInAsEntrepreneur(platform, "afzender@bedrijf.test");
  receiver = await signInAsEntrepreneur(platform, "ontvanger@bedrijf.test");
  hidden = await signInAsEntrepreneur(platform, "verborgen@bedrijf.test");
  await platform.fetch("/api/v1/me/profile", {
    method: "PUT",
    headers: sender,
    json: { companyName: "Afzender <b>BV</b>", sector: "retail", municipality: "Maastricht", description: "Winkel in <i>fietsen</i>", visibleToPeers: false },
  });
  await platform.fetch("/api/v1/me/profile", {
    method: "PUT",
    headers: receiver,
    json: { companyName: "Ontvanger Techniek", sector: "manufacturing", municipality: "Venlo", description: "Metaalbewerking", visibleToPeers: true },
  });
  await platform.fetch("/api/v1/me/profile", { method: "PUT", headers: hidden, json: { companyName: "Verborgen BV", visibleToPeers: false } });
  await platform.fetch("/api/v1/me/peer-topics", { method: "PUT", headers: receiver, json: { topics: ["groei_en_innovatie", "personeel"] } });
  const ids = await c.execute("select id, email from entrepreneurs");
  const idOf = (email: string) => String(ids.rows.find((r) => r.email === email)?.id);
  receiverId = idOf("ontvanger@bedrijf.test");
  hiddenId = idOf("verborgen@bedrijf.test");
}, 120_000);

afterAll(async () => {
  await platform?.close();
});

describe("best-practice stories", () => {
  it("lets a region admin publish a story with the consent recorded, shown publicly by topic and region", async () => {
    const body = {
      title: "Van garage naar fabriek",
      companyName: "Fietsen <script>x</script> BV",
      summary: "Hoe een kleine werkplaats groeide met hulp van het loket.",
      body: "Het begon in een garage. Het loket hielp met financiering en personeel.",
      topics: ["groei_en_innovatie"],
      frontdeskIds: [desk.id],
      consentDate: amsterdamDate(-3),
    };
    const created = await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/stories`, { method: "POST", headers: zuidAdmin, json: body });
    expect(created.status).toBe(201);
    const { story } = await json<{ story: { id: string; slug: string } }>(created);
    expect((await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/stories`, { method: "POST", headers: noordAdmin, json: body })).status).toBe(404);
    const otherDesk = await platform.fetch(`/api/v1/regions/${noord.slug}/admin/stories`, { method: "POST", headers: noordAdmin, json: body });
    expect(otherDesk.status).toBe(400);
    expect(
      (await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/stories`, { method: "POST", headers: zuidAdmin, json: { ...body, consentDate: undefined } }))
        .status,
    ).toBe(400);
    const list = await json<{ stories: { slug: string; frontdesks: { name: string }[] }[] }>(
      await platform.fetch(`/api/v1/stories?topic=groei_en_innovatie&region=${zuid.slug}`),
    );
    expect(list.stories.map((s) => s.slug)).toEqual([story.slug]);
    expect(list.stories[0]?.frontdesks.map((d) => d.name)).toEqual(["Ondernemersloket Verhaal"]);
    expect((await json<{ stories: unknown[] }>(await platform.fetch("/api/v1/stories?topic=personeel"))).stories).toEqual([]);
    const row = await platform.client.execute({ sql: "select consent_date, consent_recorded_by from stories where id = ?", args: [story.id] });
    expect(row.rows[0]?.consent_date).toBe(body.consentDate);
    const audit = await platform.client.execute({ sql: "select action from audit_log where target_id = ?", args: [story.id] });
    expect(audit.rows.map((r) => r.action)).toEqual(["community.story.published"]);
    const page = await (await platform.fetch(`/kennisplein/verhalen/${story.slug}`)).text();
    expect(page).toContain("Fietsen &lt;script&gt;x&lt;/script&gt; BV");
    expect(page).not.toContain("<script>x");
  });
});

describe("peer contact", () => {
  it("finds only companies that chose to be visible, by topic, sector and municipality, for signed-in entrepreneurs only", async () => {
    expect((await platform.fetch("/api/v1/community/companies")).status).toBe(401);
    expect((await platform.fetch("/api/v1/community/companies", { headers: zuidAdmin })).status).toBe(401);
    const all = await json<{ companies: { id: string; companyName: string; topics: string[] }[] }>(
      await platform.fetch("/api/v1/community/companies", { headers: sender }),
    );
    expect(all.companies.map((x) => x.companyName)).toEqual(["Ontvanger Techniek"]);
    expect(all.companies[0]?.topics.sort()).toEqual(["groei_en_innovatie", "personeel"]);
    expect(JSON.stringify(all)).not.toContain("@");
    const byTopic = await json<{ companies: unknown[] }>(await platform.fetch("/api/v1/community/companies?topic=subsidies", { headers: sender }));
    expect(byTopic.companies).toEqual([]);
    const bySector = await json<{ companies: unknown[] }>(
      await platform.fetch("/api/v1/community/companies?sector=manufacturing&municipality=venlo", { headers: sender }),
    );
    expect(bySector.companies).toHaveLength(1);
    // The receiver does not see themselves.
    expect((await json<{ companies: unknown[] }>(await platform.fetch("/api/v1/community/companies", { headers: receiver }))).companies).toEqual([]);
  });

  it("sends a contact request with the sender's profile and message but no address; a reply shares both addresses", async () => {
    expect(
      (
        await platform.fetch(`/api/v1/community/companies/${hiddenId}/contact`, {
          method: "POST",
          headers: sender,
          json: { message: "Hallo, mag ik u iets vragen?" },
        })
      ).status,
    ).toBe(404);
    const sent = await platform.fetch(`/api/v1/community/companies/${receiverId}/contact`, {
      method: "POST",
      headers: sender,
      json: { message: "Hallo, wij zoeken een <script>partner</script> voor metaal." },
    });
    expect(sent.status).toBe(202);
    const mail = await platform.client.execute("select recipient, text_body, html_body from outbox where kind = 'peer_contact'");
    expect(mail.rows.map((r) => r.recipient)).toEqual(["ontvanger@bedrijf.test"]);
    const text = String(mail.rows[0]?.text_body);
    const html = String(mail.rows[0]?.html_body);
    expect(text).toContain("Afzender <b>BV</b>");
    expect(text).not.toContain("afzender@bedrijf.test");
    expect(html).not.toContain("afzender@bedrijf.test");
    expect(html).toContain("Afzender &lt;b&gt;BV&lt;/b&gt;");
    expect(html).toContain("&lt;script&gt;partner");
    expect(html).toContain("Winkel in &lt;i&gt;fietsen&lt;/i&gt;");
    const inbox = await json<{ contacts: { id: string; from: { companyName: string }; message: string }[] }>(
      await platform.fetch("/api/v1/me/contacts", { headers: receiver }),
    );
    expect(inbox.contacts[0]?.from.companyName).toBe("Afzender <b>BV</b>");
    expect(JSON.stringify(inbox)).not.toContain("afzender@bedrijf.test");
    const id = inbox.contacts[0]?.id ?? "";
    // Only the receiver decides.
    expect((await platform.fetch(`/api/v1/me/contacts/${id}`, { method: "POST", headers: sender, json: { decision: "reply", message: "zelf" } })).status).toBe(
      404,
    );
    const replied = await platform.fetch(`/api/v1/me/contacts/${id}`, {
      method: "POST",
      headers: receiver,
      json: { decision: "reply", message: "Graag, bel me." },
    });
    expect(await json(replied)).toEqual({ id, status: "replied" });
    const shared = await platform.client.execute("select recipient, text_body from outbox where kind = 'peer_reply' order by recipient");
    expect(
      shared.rows.map((r) => [
        r.recipient,
        String(r.text_body).includes(r.recipient === "afzender@bedrijf.test" ? "ontvanger@bedrijf.test" : "afzender@bedrijf.test"),
      ]),
    ).toEqual([
      ["afzender@bedrijf.test", true],
      ["ontvanger@bedrijf.test", true],
    ]);
    expect((await platform.fetch(`/api/v1/me/contacts/${id}`, { method: "POST", headers: receiver, json: { decision: "decline" } })).status).toBe(404);
  });

  it("lets the receiver block a sender (later requests reach nobody) and limits requests per day", async () => {
    await platform.fetch(`/api/v1/community/companies/${receiverId}/contact`, {
      method: "POST",
      headers: sender,
      json: { message: "Nog een vraag over metaal." },
    });
    const inbox = await json<{ contacts: { id: string; status: string }[] }>(await platform.fetch("/api/v1/me/contacts", { headers: receiver }));
    const open = inbox.contacts.find((x) => x.status === "sent");
    expect((await platform.fetch(`/api/v1/me/contacts/${open?.id}`, { method: "POST", headers: receiver, json: { decision: "block" } })).status).toBe(200);
    const before = Number((await platform.client.execute("select count(*) as n from peer_contacts")).rows[0]?.n);
    expect(
      (
        await platform.fetch(`/api/v1/community/companies/${receiverId}/contact`, {
          method: "POST",
          headers: sender,
          json: { message: "Geblokkeerd bericht." },
        })
      ).status,
    ).toBe(202);
    expect(Number((await platform.client.execute("select count(*) as n from peer_contacts")).rows[0]?.n)).toBe(before);
    // Five a day per account: the blocked one counted too; the next ones are refused.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (
          await platform.fetch(`/api/v1/community/companies/${receiverId}/contact`, {
            method: "POST",
            headers: sender,
            json: { message: `Bericht nummer ${i}` },
          })
        ).status,
      );
    }
    expect(statuses).toEqual([202, 202, 429]);
  });
});
