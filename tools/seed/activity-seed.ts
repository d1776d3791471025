/**
 * Demo activity (issue 13): appointments over the last four months and the coming three
 * weeks at every demo desk, with outcomes, some no-shows and cancellations, a failed mail,
 * audit entries for the recent outcomes, and Support Process candidates at each stage. All
 * dates derive from the seed's `now` (never a literal date); a fixed pseudo-random sequence
 * keeps the demo the same from one seeding to the next. Only open, non-holiday times on each
 * desk's grid are used, within its capacity.
 */
import type { Client, InStatement } from "@libsql/client";
import { newId } from "../../src/lib/ids";
import { DAY_MS, formatEpochDay, isoWeekday, localEpochDay, MINUTE_MS, resolveWallClock } from "../../src/lib/time";
import { dutchPublicHolidays } from "../../src/features/availability/holidays";
import { renderAppointmentMessage } from "../../src/features/notifications/messages";
import type { Mode, Topic } from "../../src/lib/vocabulary";
import { DEMO_FRONTDESKS, DEMO_REGIONS } from "./demo-data";

const PAST_DAYS = 120;
const FUTURE_DAYS = 21;

const FIRST = [
  "Anouk",
  "Bram",
  "Chantal",
  "Daan",
  "Eva",
  "Frank",
  "Gert",
  "Hanneke",
  "Ingrid",
  "Jeroen",
  "Kim",
  "Luc",
  "Maud",
  "Niels",
  "Olga",
  "Pim",
  "Roel",
  "Sanne",
  "Tom",
  "Yvonne",
];
const LAST = [
  "Smeets",
  "Janssen",
  "Peeters",
  "Hermans",
  "Vossen",
  "Claessens",
  "Geurts",
  "Wouters",
  "Lemmens",
  "Houben",
  "Schreurs",
  "Dassen",
  "Coumans",
  "Willems",
  "Kusters",
];
const TRADE = [
  "Bakkerij",
  "Installatiebedrijf",
  "Fietsenmaker",
  "Webbureau",
  "Hoveniersbedrijf",
  "Kapsalon",
  "Schildersbedrijf",
  "Adviesbureau",
  "Brouwerij",
  "Timmerwerken",
];
const QUESTIONS = [
  "Ik wil mijn bedrijf uitbreiden en zoek financiering.",
  "Welke vergunning heb ik nodig voor een terras?",
  "Kan ik subsidie krijgen voor zonnepanelen op mijn bedrijfspand?",
  "Ik wil mijn eerste medewerker aannemen. Waar moet ik op letten?",
  "Mijn webshop groeit; hoe pak ik digitalisering aan?",
  null,
];
const NOTES = ["Doorverwezen naar de subsidieadviseur.", "Vervolgafspraak over twee weken.", "Ondernemingsplan besproken; stuurt cijfers na.", null, null];

/** A small deterministic generator (mulberry32), so every seeding gives the same demo. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

interface Person {
  name: string;
  email: string;
  phone: string;
  companyName: string;
  kvkNumber: string;
}

function person(random: () => number, i: number): Person {
  const first = FIRST[Math.floor(random() * FIRST.length)] ?? "Anouk";
  const last = LAST[Math.floor(random() * LAST.length)] ?? "Smeets";
  const trade = TRADE[Math.floor(random() * TRADE.length)] ?? "Bakkerij";
  return {
    name: `${first} ${last}`,
    email: `${first}.${last}.${i}@voorbeeld.test`.toLowerCase(),
    phone: `06 ${String(10_000_000 + Math.floor(random() * 89_999_999)).replace(/(\d{2})(\d{2})(\d{2})(\d{2})/, "$1 $2 $3 $4")}`,
    companyName: `${trade} ${last}`,
    kvkNumber: String(10_000_000 + Math.floor(random() * 89_999_999)),
  };
}

/**
 * Writes the demo activity for freshly seeded regions and desks.
 * @example await seedActivity(client, regionIds, frontdeskIds, userIds, Date.now());
 */
export async function seedActivity(
  client: Client,
  regionIds: Map<string, string>,
  frontdeskIds: Map<string, { id: string; regionId: string }>,
  userIds: Map<string, string>,
  now: number,
): Promise<void> {
  const random = generator(13);
  const statements: InStatement[] = [];
  const today = localEpochDay(now);
  const holidays = new Map<string, Set<string>>();
  for (const r of DEMO_REGIONS) {
    const days = new Set<string>();
    for (const year of new Set([formatEpochDay(today - PAST_DAYS), formatEpochDay(today + FUTURE_DAYS)].map((d) => Number(d.slice(0, 4))))) {
      for (const date of dutchPublicHolidays(year, r).keys()) days.add(date);
    }
    holidays.set(r.slug, days);
  }
  let n = 0;
  let failedMailWritten = false;
  const outcomes: { regionId: string; id: string; status: string; at: number; desk: string }[] = [];
  const appointmentsForCandidates = new Map<string, { id: string; deskId: string; person: Person; topic: Topic }[]>();
  for (const desk of DEMO_FRONTDESKS) {
    const ids = frontdeskIds.get(desk.key);
    if (!ids) continue;
    const closed = holidays.get(desk.region) ?? new Set<string>();
    for (let d = today - PAST_DAYS; d <= today + FUTURE_DAYS; d++) {
      const date = formatEpochDay(d);
      if (closed.has(date)) continue;
      const intervals = desk.hours.filter(([weekday]) => weekday === isoWeekday(d));
      const slots = intervals.flatMap(([, opens, closes]) => {
        const out: number[] = [];
        for (let m = minutesOf(opens); m + desk.slotMinutes <= minutesOf(closes); m += desk.slotMinutes) out.push(m);
        return out;
      });
      if (slots.length === 0) continue;
      // The Maastricht desk (the demo desk account's) is busier, so its agenda always shows work.
      const busy = desk.key === "maastricht" ? 4 : 2;
      const count = d === today && desk.key === "maastricht" ? 4 : Math.floor(random() * (busy + 1));
      const chosen = new Set<number>();
      for (let i = 0; i < count; i++) chosen.add(slots[Math.floor(random() * slots.length)] ?? slots[0] ?? 0);
      for (const minute of chosen) {
        const start = resolveWallClock(d * DAY_MS + minute * MINUTE_MS, false);
        if (start === null) continue;
        const end = start + desk.slotMinutes * MINUTE_MS;
        const p = person(random, n++);
        const topic = desk.topics[Math.floor(random() * desk.topics.length)] ?? desk.topics[0];
        const mode: Mode = desk.modes[Math.floor(random() * desk.modes.length)] ?? "in_person";
        const roll = random();
        const past = end <= now;
        // Past: mostly completed, some no-shows and cancellations, the last few days partly still open.
        let status: "confirmed" | "completed" | "no_show" | "cancelled" = "confirmed";
        if (past) status = roll < 0.09 ? "no_show" : roll < 0.17 ? "cancelled" : d >= today - 2 && roll > 0.8 ? "confirmed" : "completed";
        else if (roll < 0.08) status = "cancelled";
        const id = newId();
        const createdAt = Math.min(now, start - Math.floor(2 + random() * 12) * DAY_MS);
        const outcomeAt = status === "completed" || status === "no_show" ? end + 30 * MINUTE_MS : null;
        const note = status === "completed" ? (NOTES[Math.floor(random() * NOTES.length)] ?? null) : null;
        statements.push({
          sql: `insert into appointments (id, region_id, frontdesk_id, start_at, end_at, mode, topic, municipality, status, locale, question,
                  name, email, phone, company_name, kvk_number, manage_token_hash, sequence, outcome_note, outcome_at, cancelled_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'nl', ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
          args: [
            id,
            ids.regionId,
            ids.id,
            start,
            end,
            mode,
            topic ?? "overig",
            desk.municipality,
            status,
            QUESTIONS[Math.floor(random() * QUESTIONS.length)] ?? null,
            p.name,
            p.email,
            p.phone,
            p.companyName,
            p.kvkNumber,
            `demo-${id}`,
            note,
            outcomeAt,
            status === "cancelled" ? Math.min(now, start - DAY_MS) : null,
            createdAt,
            outcomeAt ?? createdAt,
          ],
        });
        if (outcomeAt !== null && d >= today - 14) outcomes.push({ regionId: ids.regionId, id, status, at: outcomeAt, desk: desk.key });
        if (status === "completed" && random() < 0.15) {
          const list = appointmentsForCandidates.get(desk.region) ?? [];
          list.push({ id, deskId: ids.id, person: p, topic: topic ?? "overig" });
          appointmentsForCandidates.set(desk.region, list);
        }
        if (!failedMailWritten && !past && status === "confirmed" && d >= today + 2) {
          failedMailWritten = true;
          statements.push(failedMail(ids.regionId, id, p, desk, topic ?? "overig", mode, start, end, now));
        }
      }
    }
  }
  for (const o of outcomes) {
    const actor = o.desk === "maastricht" ? userIds.get("balie@zuid-limburg.test") : userIds.get(`beheer@${regionSlugOf(regionIds, o.regionId)}.test`);
    statements.push({
      sql: "insert into audit_log (id, region_id, actor_user_id, action, target_type, target_id, detail, created_at) values (?, ?, ?, 'appointment.outcome', 'appointment', ?, ?, ?)",
      args: [newId(), o.regionId, actor ?? null, o.id, JSON.stringify({ outcome: o.status, previous: "confirmed" }), o.at],
    });
  }
  for (const [slug, list] of appointmentsForCandidates) {
    const regionId = regionIds.get(slug);
    if (regionId) statements.push(...candidates(regionId, list, userIds.get(`adviseur@${slug}.test`) ?? null, now));
  }
  // Several smaller batches: one huge batch is slow to send to the local server.
  for (let i = 0; i < statements.length; i += 400) await client.batch(statements.slice(i, i + 400), "write");
}

function regionSlugOf(regionIds: Map<string, string>, id: string): string {
  for (const [slug, regionId] of regionIds) if (regionId === id) return slug;
  return "";
}

function failedMail(
  regionId: string,
  appointmentId: string,
  p: Person,
  desk: (typeof DEMO_FRONTDESKS)[number],
  topic: Topic,
  mode: Mode,
  start: number,
  end: number,
  now: number,
): InStatement {
  const region = DEMO_REGIONS.find((r) => r.slug === desk.region);
  const message = renderAppointmentMessage(
    "confirmation",
    {
      entrepreneurName: p.name,
      regionName: region?.name ?? "",
      frontdeskName: desk.name,
      frontdeskAddress: desk.address,
      frontdeskPhone: null,
      mode,
      topic,
      start,
      end,
      videoUrl: null,
      manageUrl: null,
      icsUrl: null,
      cancelledByDesk: false,
      cancelCutoffHours: 2,
    },
    "nl",
  );
  return {
    sql: `insert into outbox (id, region_id, appointment_id, kind, dedupe_key, recipient, subject, text_body, html_body, status, attempts, next_attempt_at, last_error, created_at)
          values (?, ?, ?, 'confirmation', ?, ?, ?, ?, ?, 'failed', 5, ?, ?, ?)`,
    args: [
      newId(),
      regionId,
      appointmentId,
      `${appointmentId}:confirmation:0`,
      p.email,
      message.subject,
      message.text,
      message.html,
      now - 2 * 3_600_000,
      "550 5.1.1 Mailbox unavailable (demo)",
      now - 6 * 3_600_000,
    ],
  };
}

const STAGE_PATH = ["registered", "intake", "ambition_assessed", "plan_in_development", "business_plan_delivered", "financing_arranged"] as const;

/** Candidates at each stage of the Support Process (and one stopped), with their stage history. */
function candidates(
  regionId: string,
  from: { id: string; deskId: string; person: Person; topic: Topic }[],
  consultant: string | null,
  now: number,
): InStatement[] {
  const out: InStatement[] = [];
  const targets = [...STAGE_PATH, "stopped", "registered", "intake"] as const;
  targets.forEach((target, i) => {
    const source = from[i];
    if (!source) return;
    const id = newId();
    const reachedIndex = target === "stopped" ? 2 : STAGE_PATH.indexOf(target);
    const created = now - (90 - i * 6) * DAY_MS;
    const assigned = reachedIndex >= 1 && consultant;
    out.push({
      sql: `insert into scouting_candidates (id, region_id, source, frontdesk_id, appointment_id, company_name, kvk_number, contact_name, email, phone, municipality,
              ambition, topic, consent_at, stage, consultant_user_id, assigned_at, qualified_at, stop_reason, stopped_at, change_id, created_at, updated_at)
            values (?, ?, 'frontdesk', ?, ?, ?, ?, ?, ?, ?, (select municipality from appointments where id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [
        id,
        regionId,
        source.deskId,
        source.id,
        source.person.companyName,
        source.person.kvkNumber,
        source.person.name,
        source.person.email,
        source.person.phone,
        source.id,
        "Doorgroeien naar vijf medewerkers en een tweede vestiging.",
        source.topic,
        created,
        target,
        assigned ? consultant : null,
        assigned ? created + 2 * DAY_MS : null,
        reachedIndex >= 2 && target !== "stopped" ? created + 20 * DAY_MS : null,
        target === "stopped" ? "no_go" : null,
        target === "stopped" ? created + 30 * DAY_MS : null,
        newId(),
        created,
        created + reachedIndex * 10 * DAY_MS,
      ],
    });
    const path = [...STAGE_PATH.slice(0, reachedIndex + 1), ...(target === "stopped" ? ["stopped"] : [])];
    path.forEach((stage, k) => {
      out.push({
        sql: `insert into scouting_stage_changes (id, region_id, candidate_id, from_stage, to_stage, decision, stop_reason, actor_user_id, changed_at)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        args: [
          newId(),
          regionId,
          id,
          k === 0 ? null : (path[k - 1] ?? null),
          stage,
          stage === "ambition_assessed" ? "go" : stage === "stopped" ? "no_go" : null,
          stage === "stopped" ? "no_go" : null,
          k === 0 ? null : consultant,
          created + k * 10 * DAY_MS,
        ],
      });
    });
  });
  return out;
}
