/**
 * Demo events (issue 16): a handful per region, written for this platform, with sessions
 * relative to the moment of seeding (so the demo always has upcoming events and one that has
 * just taken place, with attendance and feedback for the figures). Published events are
 * indexed through the same code the Worker uses.
 */
import type { Client, InStatement } from "@libsql/client";
import { Temporal } from "temporal-polyfill";
import type { EventFormat, EventType } from "../../src/db/schema";
import type { Topic } from "../../src/lib/vocabulary";
import { newId } from "../../src/lib/ids";
import { slugify } from "../../src/features/catalogue/offer-dto";
import { indexEventStatements } from "../../src/features/events/events.search";

const REGION_NAMES = new Map([
  ["zuid-limburg", "Zuid-Limburg"],
  ["midden-limburg", "Midden-Limburg"],
  ["noord-limburg", "Noord-Limburg"],
]);

interface DemoEvent {
  region: string;
  /** Organised by this demo organisation (partner) instead of the region. */
  organisation?: string;
  status?: "published" | "in_review";
  title: string;
  summary: string;
  description: string;
  type: EventType;
  format: EventFormat;
  topics: Topic[];
  /** [days from today, start "HH:MM", end "HH:MM"], Amsterdam time. */
  sessions: [number, string, string][];
  location?: string;
  capacity: number;
  priceNote?: string;
  contact: { name: string; email: string; phone?: string };
  /** Demo participants (past event: with attendance and feedback). */
  participants?: number;
}

const LED = { name: "Team Ondernemersondersteuning LED", email: "events@led-limburg.test", phone: "043 123 4567" };
const KEYPORT = { name: "Keyport 2020 evenementen", email: "events@keyport2020.test" };
const EDB = { name: "EDB Noord-Limburg", email: "events@edb-noord-limburg.test" };

export const DEMO_EVENTS: DemoEvent[] = [
  {
    region: "zuid-limburg",
    title: "Masterclass Financiering voor groeiende bedrijven",
    summary: "Drie avonden over krediet, subsidies, investeerders en hoe u uw financieringsaanvraag sterk maakt.",
    description:
      "Wilt u groeien, maar weet u niet hoe u dat financiert? In deze reeks van drie avonden leert u de belangrijkste financieringsvormen kennen: bancair krediet, leasing, subsidies en participaties.\n\nAvond 1: waar staat u financieel? Avond 2: de financieringsmix. Avond 3: uw verhaal voor de financier, met feedback van een bankier en een investeerder uit de regio.",
    type: "masterclass",
    format: "hybrid",
    topics: ["financiering", "groei_en_innovatie"],
    sessions: [
      [14, "19:00", "21:30"],
      [21, "19:00", "21:30"],
      [28, "19:00", "21:30"],
    ],
    location: "Brightlands Chemelot Campus, Urmonderbaan 22, Geleen",
    capacity: 30,
    priceNote: "Gratis",
    contact: LED,
  },
  {
    region: "zuid-limburg",
    title: "Bewustwordingssessie: is uw bedrijf klaar voor de volgende stap?",
    summary: "Een korte sessie over groeiambities, met een scan van uw bedrijf en de ondersteuning die er is.",
    description:
      "In anderhalf uur ontdekt u waar uw bedrijf staat en welke stap past bij uw ambitie. U maakt een korte groeiscan en hoort van andere ondernemers hoe zij hun plannen waarmaakten.\n\nNa afloop kunt u zich aanmelden voor het Begeleidingstraject van de MKB-aanpak Limburg.",
    type: "awareness_session",
    format: "in_person",
    topics: ["groei_en_innovatie"],
    sessions: [[9, "16:00", "17:30"]],
    location: "Ondernemershuis, Markt 1, Maastricht",
    capacity: 25,
    contact: LED,
  },
  {
    region: "zuid-limburg",
    title: "Workshop Digitaliseren in het mkb",
    summary: "Praktische workshop over het digitaliseren van uw administratie en klantcontact.",
    description: "Online workshop met voorbeelden van Limburgse ondernemers: welke processen digitaliseert u eerst, en wat levert het op?",
    type: "workshop",
    format: "online",
    topics: ["digitalisering"],
    sessions: [[-20, "10:00", "12:00"]],
    capacity: 40,
    contact: LED,
    participants: 12,
  },
  {
    region: "zuid-limburg",
    organisation: "liof",
    title: "Workshop Innovatiekrediet aanvragen",
    summary: "Hoe vraagt u innovatiekrediet aan en waar let de beoordelaar op?",
    description: "Een adviseur van LIOF loopt met u door de aanvraag: de innovatie, de markt, het team en de begroting.",
    type: "workshop",
    format: "online",
    topics: ["financiering", "groei_en_innovatie"],
    sessions: [[11, "14:00", "16:00"]],
    capacity: 50,
    contact: { name: "LIOF", email: "events@liof.test" },
  },
  {
    region: "zuid-limburg",
    organisation: "liof",
    status: "in_review",
    title: "Meet-up Scale-ups Limburg",
    summary: "Ontmoet andere snelgroeiende bedrijven en investeerders uit de Euregio.",
    description: "Een middag met korte pitches, tafelgesprekken en een netwerkborrel.",
    type: "network_meeting",
    format: "in_person",
    topics: ["groei_en_innovatie", "financiering"],
    sessions: [[35, "15:00", "18:00"]],
    location: "Brightlands Maastricht Health Campus, Oxfordlaan 55, Maastricht",
    capacity: 80,
    contact: { name: "LIOF", email: "events@liof.test" },
  },
  {
    region: "midden-limburg",
    title: "Netwerkbijeenkomst Maakindustrie Midden-Limburg",
    summary: "Ondernemers uit de maakindustrie ontmoeten elkaar, kennisinstellingen en de gemeente.",
    description: "Met een rondleiding, een korte presentatie over personeel vinden en binden, en ruim tijd om te netwerken.",
    type: "network_meeting",
    format: "in_person",
    topics: ["personeel", "groei_en_innovatie"],
    sessions: [[12, "17:00", "19:30"]],
    location: "Stadhuis Roermond, Markt 31, Roermond",
    capacity: 60,
    contact: KEYPORT,
  },
  {
    region: "midden-limburg",
    title: "Webinar Subsidies voor duurzame investeringen",
    summary: "Welke regelingen helpen bij investeringen in energiebesparing en circulair ondernemen?",
    description: "In een uur het overzicht: landelijke en provinciale regelingen, voorwaarden en tips voor de aanvraag.",
    type: "masterclass",
    format: "online",
    topics: ["subsidies", "duurzaamheid"],
    sessions: [[6, "12:00", "13:00"]],
    capacity: 100,
    contact: KEYPORT,
  },
  {
    region: "noord-limburg",
    title: "Masterclass Internationaal ondernemen: de Duitse markt",
    summary: "Twee avonden over zakendoen in Duitsland: cultuur, recht en de eerste klant.",
    description: "Met ervaringen van ondernemers uit de grensregio en een specialist in Duits contractrecht.",
    type: "masterclass",
    format: "hybrid",
    topics: ["internationaal"],
    sessions: [
      [16, "19:00", "21:00"],
      [23, "19:00", "21:00"],
    ],
    location: "Villa Flora, Villapark 1, Venlo",
    capacity: 20,
    priceNote: "€ 25 per persoon (excl. btw)",
    contact: EDB,
  },
  {
    region: "noord-limburg",
    title: "Bewustwordingssessie Bedrijfsoverdracht",
    summary: "Over vijf jaar stoppen? Begin nu met nadenken over de overdracht van uw bedrijf.",
    description: "Een notaris, een accountant en een ondernemer die zijn bedrijf overdroeg vertellen wat er komt kijken bij een overdracht.",
    type: "awareness_session",
    format: "in_person",
    topics: ["bedrijfsoverdracht"],
    sessions: [[18, "19:30", "21:00"]],
    location: "Schouwburg Venray, Kruisstraat 1, Venray",
    capacity: 30,
    contact: EDB,
  },
];

function instant(now: number, days: number, hhmm: string): number {
  const [hour, minute] = hhmm.split(":").map(Number);
  return Temporal.Instant.fromEpochMilliseconds(now)
    .toZonedDateTimeISO("Europe/Amsterdam")
    .add({ days })
    .with({ hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0, microsecond: 0, nanosecond: 0 }).epochMilliseconds;
}

/**
 * Seeds the demo events. `regionIds`: region slug → id; organisations are looked up by slug
 * (an event of a missing organisation is skipped).
 * @example await seedEvents(client, regionIds, Date.now())
 */
export async function seedEvents(client: Client, regionIds: ReadonlyMap<string, string>, now: number): Promise<number> {
  const orgRows = await client.execute("select id, slug, name, home_region_id from organisations");
  const orgs = new Map(orgRows.rows.map((r) => [String(r.slug), { id: String(r.id), name: String(r.name), homeRegionId: String(r.home_region_id) }]));
  const regionOperators = new Map((await client.execute("select slug, operator from regions")).rows.map((r) => [String(r.slug), String(r.operator)]));
  const statements: InStatement[] = [];
  let seq = Number((await client.execute("select coalesce(max(seq), 0) as n from events")).rows[0]?.n ?? 0);
  let count = 0;
  for (const e of DEMO_EVENTS) {
    const org = e.organisation ? orgs.get(e.organisation) : undefined;
    if (e.organisation && !org) continue;
    const regionId = org?.homeRegionId ?? regionIds.get(e.region);
    if (!regionId) continue;
    const id = newId();
    const ref = newId();
    const status = e.status ?? "published";
    const sessions = e.sessions.map(([days, from, to]) => ({ start: instant(now, days, from), end: instant(now, days, to) }));
    const first = sessions[0]?.start ?? now;
    const last = sessions.at(-1)?.end ?? now;
    const joinUrl = e.format === "in_person" ? null : `https://meet.jit.si/mkb-limburg-demo-${id}`;
    seq++;
    count++;
    statements.push({
      sql: `insert into events (id, seq, slug, region_id, organisation_id, title, summary, description, type, format, topics, audiences, regions, location, join_url,
              capacity, price_note, registration_deadline, contact, first_start_at, last_end_at, status, submitted_at, published_at, version, change_ref, created_by, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '["established_sme","growth"]', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, null, ?, ?)`,
      args: [
        id,
        seq,
        slugify(e.title),
        regionId,
        org?.id ?? null,
        e.title,
        e.summary,
        e.description,
        e.type,
        e.format,
        JSON.stringify(e.topics),
        JSON.stringify([e.region]),
        e.location ?? null,
        joinUrl,
        e.capacity,
        e.priceNote ?? null,
        first,
        JSON.stringify(e.contact),
        first,
        last,
        status,
        status === "in_review" ? now : null,
        status === "published" ? now - 30 * 86_400_000 : null,
        ref,
        now - 30 * 86_400_000,
        now,
      ],
    });
    sessions.forEach((s, idx) =>
      statements.push({
        sql: "insert into event_sessions (event_id, idx, region_id, start_at, end_at) values (?, ?, ?, ?, ?)",
        args: [id, idx, regionId, s.start, s.end],
      }),
    );
    for (let n = 1; n <= (e.participants ?? 0); n++) {
      const reg = newId();
      const came = n % 4 !== 0;
      statements.push({
        sql: `insert into event_registrations (id, region_id, event_id, seq, status, locale, name, email, company_name, consent_at, follow_up_consent, manage_token_hash,
                confirmed_at, feedback_rating, feedback_at, created_at, updated_at)
              values (?, ?, ?, ?, 'confirmed', 'nl', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        args: [
          reg,
          regionId,
          id,
          n,
          `Demo-deelnemer ${n}`,
          `deelnemer${n}@voorbeeld.test`,
          `Voorbeeldbedrijf ${n}`,
          first - 7 * 86_400_000,
          n % 2,
          newId(),
          first - 7 * 86_400_000,
          came && n % 3 !== 0 ? 3 + (n % 3) : null,
          came && n % 3 !== 0 ? last + 86_400_000 : null,
          first - 7 * 86_400_000,
          now,
        ],
      });
      statements.push({
        sql: "insert into event_attendance (registration_id, session_idx, event_id, region_id, attended, marked_at) values (?, 0, ?, ?, ?, ?)",
        args: [reg, id, regionId, came ? 1 : 0, last],
      });
    }
    if (status === "published") {
      statements.push(
        ...indexEventStatements({
          id,
          ref,
          content: { ...e, location: e.location ?? null, audiences: ["established_sme", "growth"], regions: [e.region] },
          organiserName: org?.name ?? regionOperators.get(e.region) ?? e.region,
          regionNames: REGION_NAMES,
        }),
      );
    }
  }
  if (statements.length > 0) await client.batch(statements, "write");
  return count;
}

/** For a local database seeded before events existed: seeds the demo events once. Returns whether it seeded. */
export async function seedEventsIntoExisting(client: Client, now: number): Promise<boolean> {
  const [events, regions] = await client.batch(["select count(*) as n from events", "select id, slug from regions"], "read");
  if (Number(events?.rows[0]?.n) > 0) return false;
  const regionIds = new Map((regions?.rows ?? []).map((r) => [String(r.slug), String(r.id)]));
  if ([...REGION_NAMES.keys()].some((slug) => !regionIds.has(slug))) return false;
  return (await seedEvents(client, regionIds, now)) > 0;
}
