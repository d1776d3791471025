/**
 * Demo data of the knowledge square (issue 18): three demo entrepreneurs with profiles (one
 * visible to peers), a few published questions with answers from an entrepreneur, a partner
 * and a desk (one question asked anonymously, one with an accepted answer), and a
 * best-practice story with the consent recorded. The questions are indexed for search the way
 * the Worker indexes them.
 */
import type { Client, InStatement } from "@libsql/client";
import { indexText } from "../../src/features/catalogue/dutch-search";
import { TOPIC_WORDS } from "../../src/features/catalogue/search-index";
import { newId } from "../../src/lib/ids";
import type { Topic } from "../../src/lib/vocabulary";

const HOUR = 3_600_000;

interface DemoQuestion {
  title: string;
  body: string;
  topic: Topic;
  region: string | null;
  asker: number;
  anonymous: boolean;
  answers: { by: "entrepreneur" | "partner" | "staff"; body: string; accepted?: boolean }[];
}

const ENTREPRENEURS = [
  { email: "bakkerij@ondernemer.test", company: "Bakkerij Van Gulpen", sector: "retail", municipality: "Maastricht", visible: false },
  { email: "metaal@ondernemer.test", company: "Metaalbewerking Peel", sector: "manufacturing", municipality: "Venlo", visible: true },
  { email: "studio@ondernemer.test", company: "Studio Roerdal", sector: "creative", municipality: "Roermond", visible: false },
];

const QUESTIONS: DemoQuestion[] = [
  {
    title: "Hoe financier ik een tweede oven zonder de bank?",
    body: "Mijn bakkerij groeit en ik heb een tweede oven nodig (ongeveer 40.000 euro). De bank is terughoudend. Welke andere vormen van financiering hebben jullie gebruikt?",
    topic: "financiering",
    region: "zuid-limburg",
    asker: 0,
    anonymous: false,
    answers: [
      {
        by: "partner",
        body: "Kijk eens naar microkrediet of een achtergestelde lening van een regionaal fonds; die vullen bankfinanciering vaak aan.",
        accepted: true,
      },
      { by: "entrepreneur", body: "Wij hebben onze machine geleased. Dat scheelde een grote investering in één keer." },
    ],
  },
  {
    title: "Mijn compagnon wil stoppen: hoe regel ik de overname?",
    body: "Na twaalf jaar wil mijn compagnon uit de zaak. Hoe bepalen we een eerlijke prijs, en waar moet ik op letten bij de overeenkomst?",
    topic: "bedrijfsoverdracht",
    region: "noord-limburg",
    asker: 2,
    anonymous: true,
    answers: [
      {
        by: "staff",
        body: "Maak eerst een waardering door een onafhankelijke adviseur. Het loket kan u in contact brengen met een overnameadviseur; boek gerust een gesprek.",
      },
    ],
  },
  {
    title: "Welke subsidie is er voor zonnepanelen op een bedrijfspand?",
    body: "We willen ons dak vol leggen met zonnepanelen. Is daar in Limburg nog subsidie of een fiscale regeling voor?",
    topic: "duurzaamheid",
    region: null,
    asker: 1,
    anonymous: false,
    answers: [
      { by: "partner", body: "De Energie-investeringsaftrek (EIA) is voor veel bedrijven interessant. Zie ook https://www.rvo.nl voor de voorwaarden." },
    ],
  },
];

/** Seeds the community demo data; returns whether it did (not when questions exist or the demo regions are missing). */
export async function seedCommunity(client: Client, now: number): Promise<boolean> {
  const [existing, regions, partner, staff, desk] = await client.batch(
    [
      "select count(*) as n from questions",
      "select id, slug, name from regions",
      "select u.id, o.name from users u join organisations o on o.id = u.organisation_id where u.role = 'partner' order by u.email limit 1",
      "select id, region_id from users where role = 'region_admin' order by email",
      "select id, region_id from frontdesks order by name",
    ],
    "read",
  );
  if (Number(existing?.rows[0]?.n) > 0) return false;
  const regionIds = new Map((regions?.rows ?? []).map((r) => [String(r.slug), { id: String(r.id), name: String(r.name) }]));
  if (!regionIds.has("zuid-limburg")) return false;
  const statements: InStatement[] = [];
  const ids = ENTREPRENEURS.map(() => newId());
  ENTREPRENEURS.forEach((e, i) => {
    statements.push(
      { sql: "insert into entrepreneurs (id, email, created_at, last_login_at) values (?, ?, ?, ?)", args: [ids[i] ?? "", e.email, now, now] },
      {
        sql: `insert into entrepreneur_profiles (entrepreneur_id, company_name, sector, municipality, description, visible_to_peers, created_at, updated_at)
              values (?, ?, ?, ?, ?, ?, ?, ?)`,
        args: [ids[i] ?? "", e.company, e.sector, e.municipality, `Demo: ${e.company} in ${e.municipality}.`, e.visible ? 1 : 0, now, now],
      },
    );
  });
  statements.push({
    sql: "insert into peer_topics (entrepreneur_id, topic) values (?, 'groei_en_innovatie'), (?, 'personeel')",
    args: [ids[1] ?? "", ids[1] ?? ""],
  });
  const partnerRow = partner?.rows[0];
  QUESTIONS.forEach((q, n) => {
    const id = newId();
    const at = now - (10 - n * 3) * 24 * HOUR;
    const region = q.region ? (regionIds.get(q.region)?.id ?? null) : null;
    const label = q.anonymous ? null : ENTREPRENEURS[q.asker]?.company;
    statements.push({
      sql: `insert into questions (id, seq, region_id, asker_id, anonymous, asker_label, topic, title, body, status, answer_count, created_at, published_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'published', ?, ?, ?, ?)`,
      args: [id, n + 1, region, ids[q.asker] ?? "", q.anonymous ? 1 : 0, label ?? null, q.topic, q.title, q.body, q.answers.length, at, at, at],
    });
    statements.push({
      sql: "insert into questions_fts (rowid, title, body, tags) values (?, ?, ?, ?)",
      args: [n + 1, indexText(q.title), indexText(q.body), indexText(TOPIC_WORDS[q.topic])],
    });
    q.answers.forEach((a, k) => {
      const answerId = newId();
      const staffRow = staff?.rows.find((r) => String(r.region_id) === region) ?? staff?.rows[0];
      const staffRegion = [...regionIds.values()].find((r) => r.id === String(staffRow?.region_id));
      const author =
        a.by === "partner"
          ? { entrepreneur: null, user: String(partnerRow?.id ?? ""), name: String(partnerRow?.name ?? "LIOF") }
          : a.by === "staff"
            ? { entrepreneur: null, user: String(staffRow?.id ?? ""), name: staffRegion?.name ?? "MKB Limburg" }
            : { entrepreneur: ids[(q.asker + 1) % ids.length] ?? "", user: null, name: ENTREPRENEURS[(q.asker + 1) % ids.length]?.company ?? "Ondernemer" };
      statements.push({
        sql: `insert into answers (id, question_id, author_kind, author_entrepreneur_id, author_user_id, author_name, body, offer_slugs, event_slugs, status, useful_count, created_at)
              values (?, ?, ?, ?, ?, ?, ?, '[]', '[]', 'published', 0, ?)`,
        args: [answerId, id, a.by, author.entrepreneur, author.user, author.name, a.body, at + (k + 1) * 5 * HOUR],
      });
      if (a.accepted) statements.push({ sql: "update questions set accepted_answer_id = ? where id = ?", args: [answerId, id] });
    });
  });
  const zuid = regionIds.get("zuid-limburg");
  const zuidAdmin = staff?.rows.find((r) => String(r.region_id) === zuid?.id);
  const zuidDesk = desk?.rows.find((r) => String(r.region_id) === zuid?.id);
  statements.push({
    sql: `insert into stories (id, slug, region_id, title, company_name, summary, body, topics, offer_slugs, frontdesk_ids, consent_date, consent_recorded_by, published_at, created_at)
          values (?, 'van-keukentafel-naar-bakkerij', ?, 'Van keukentafel naar bakkerij met drie filialen', 'Bakkerij Van Gulpen',
            'Hoe een thuisbakker met hulp van het ondernemersloket financiering vond en groeide.',
            ?, '["financiering","groei_en_innovatie"]', '[]', ?, ?, ?, ?, ?)`,
    args: [
      newId(),
      zuid?.id ?? "",
      "Het begon aan de keukentafel. Het ondernemersloket hielp met een ondernemingsplan en bracht ons in contact met een financier.\n\nNu hebben we drie filialen en twaalf medewerkers.",
      JSON.stringify(zuidDesk ? [String(zuidDesk.id)] : []),
      new Date(now - 14 * 24 * HOUR).toISOString().slice(0, 10),
      String(zuidAdmin?.id ?? "seed"),
      now - 7 * 24 * HOUR,
      now - 7 * 24 * HOUR,
    ],
  });
  await client.batch(statements, "write");
  return true;
}
