import type { InStatement } from "@libsql/client/web";
import type { Db } from "../../db/client";
import { AUDIENCES, type OfferContent, type OrganisationKind } from "../../db/schema";
import type { Mode, Topic } from "../../lib/vocabulary";
import { writeBatch } from "../../db/write";
import { newId } from "../../lib/ids";
import { jsonColumn, slugify } from "./offer-dto";
import { indexOfferStatements, unindexOfferStatement } from "./search-index";

/**
 * Frontdesks appear in the catalogue by themselves: each active desk is a published
 * `contact_point` offer of the organisation that runs it (its `organisation_frontdesks`
 * link, else the development agency of its region, the one serving the fewest regions). The scheduled job calls
 * `syncContactPoints` every minute: it creates, updates and archives these offers (and
 * their search-index rows) from the desks, in one read and at most one write batch. The
 * offers are derived data: partners cannot edit them (409); change the desk instead.
 */

const TOPIC_LABELS: Record<Topic, string> = {
  financiering: "financiering",
  groei_en_innovatie: "groei en innovatie",
  subsidies: "subsidies",
  vergunningen: "vergunningen",
  personeel: "personeel",
  bedrijfsoverdracht: "bedrijfsoverdracht",
  duurzaamheid: "duurzaamheid",
  digitalisering: "digitalisering",
  internationaal: "internationaal ondernemen",
  overig: "andere vragen",
};

function list(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} en ${words[words.length - 1]}`;
}

interface DeskRow {
  id: string;
  regionSlug: string;
  name: string;
  municipality: string;
  address: string;
  modes: Mode[];
  topics: Topic[];
  phone: string | null;
  email: string | null;
  updatedAt: number;
  archived: boolean;
  organisationId: string | null;
  organisationName: string | null;
  organisationKind: OrganisationKind | null;
}

/** The catalogue text of a desk (Dutch). */
export function contactPointContent(
  desk: Pick<DeskRow, "name" | "municipality" | "address" | "modes" | "topics" | "phone" | "email" | "regionSlug">,
): OfferContent {
  const how =
    desk.modes.includes("in_person") && desk.modes.includes("video") ? "op locatie of per video" : desk.modes.includes("video") ? "per video" : "op locatie";
  const topics = list(desk.topics.map((t) => TOPIC_LABELS[t]));
  return {
    title: desk.name,
    summary: `Frontdesk in ${desk.municipality} voor vragen over ${topics}: gratis gesprek, ${how}.`,
    description: `${desk.name} is een frontdesk van de gemeenschappelijke MKB-aanpak voor Limburg. U kunt er terecht met vragen over ${topics}. De medewerker beantwoordt uw vraag of brengt u in contact met de juiste organisatie of regeling.\n\nAdres: ${desk.address}.`,
    kind: "contact_point",
    topics: desk.topics,
    audiences: [...AUDIENCES],
    phases: ["orientation", "plan"],
    regions: [desk.regionSlug],
    allLimburg: false,
    municipalities: [],
    cost: "free",
    deadline: null,
    opensAt: null,
    howToApply: `Maak online een afspraak ${how}: kies een tijd bij ${desk.name}.`,
    contact: desk.phone || desk.email ? { ...(desk.phone ? { phone: desk.phone } : {}), ...(desk.email ? { email: desk.email } : {}) } : null,
    url: null,
    uplUri: null,
  };
}

/** A slug that stays the desk's own: its name plus a short tag from its id. */
function deskSlug(desk: DeskRow): string {
  const tag = desk.id
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(0, 6);
  return `${slugify(desk.name).slice(0, 70)}-${tag}`;
}

/**
 * Brings the contact-point offers in line with the frontdesks.
 * @example await syncContactPoints(db, Date.now()) // { created: 13, updated: 0, archived: 0 }
 */
export async function syncContactPoints(db: Db, now: number): Promise<{ created: number; updated: number; archived: number }> {
  const [deskRs, offerRs, regionRs] = await db.client.batch(
    [
      `select f.id, r.slug as region_slug, f.name, f.municipality, f.address, f.modes, f.topics, f.phone, f.email, f.updated_at, f.archived_at,
         g.id as org_id, g.name as org_name, g.kind as org_kind
       from frontdesks f join regions r on r.id = f.region_id
         left join organisation_frontdesks l on l.frontdesk_id = f.id
         left join organisations g on g.id = coalesce(l.organisation_id,
           (select d.id from organisations d where d.kind = 'development_agency' and d.home_region_id = f.region_id
             order by json_array_length(d.regions), d.created_at, d.id limit 1))`,
      "select id, frontdesk_id, organisation_id, status, updated_at from offers where frontdesk_id is not null",
      "select slug, name from regions",
    ],
    "read",
  );
  const regionNames = new Map((regionRs?.rows ?? []).map((r) => [String(r.slug), String(r.name)]));
  const existing = new Map((offerRs?.rows ?? []).map((r) => [String(r.frontdesk_id), r]));
  const statements: InStatement[] = [];
  const tally = { created: 0, updated: 0, archived: 0 };
  for (const r of deskRs?.rows ?? []) {
    const desk: DeskRow = {
      id: String(r.id),
      regionSlug: String(r.region_slug),
      name: String(r.name),
      municipality: String(r.municipality),
      address: String(r.address),
      modes: jsonColumn<Mode[]>(r.modes) ?? [],
      topics: jsonColumn<Topic[]>(r.topics) ?? [],
      phone: (r.phone as string | null) ?? null,
      email: (r.email as string | null) ?? null,
      updatedAt: Number(r.updated_at),
      archived: r.archived_at !== null,
      organisationId: (r.org_id as string | null) ?? null,
      organisationName: (r.org_name as string | null) ?? null,
      organisationKind: (r.org_kind as OrganisationKind | null) ?? null,
    };
    const offer = existing.get(desk.id);
    if (desk.archived || !desk.organisationId) {
      if (offer && offer.status !== "archived") {
        statements.push(
          {
            sql: "update offers set status = 'archived', archived_at = ?, updated_at = ?, version = version + 1 where id = ?",
            args: [now, now, String(offer.id)],
          },
          unindexOfferStatement(String(offer.id)),
        );
        tally.archived++;
      }
      continue;
    }
    const upToDate = offer && offer.status === "published" && Number(offer.updated_at) === desk.updatedAt && offer.organisation_id === desk.organisationId;
    if (upToDate) continue;
    const content = contactPointContent(desk);
    const id = offer ? String(offer.id) : newId();
    const values = [
      desk.organisationId,
      content.title,
      content.summary,
      content.description,
      JSON.stringify(content.topics),
      JSON.stringify(content.audiences),
      JSON.stringify(content.phases),
      JSON.stringify(content.regions),
      content.howToApply,
      content.contact ? JSON.stringify(content.contact) : null,
      now,
      desk.updatedAt,
    ];
    if (offer) {
      statements.push({
        sql: `update offers set organisation_id = ?, title = ?, summary = ?, description = ?, topics = ?, audiences = ?, phases = ?, regions = ?,
                how_to_apply = ?, contact = ?, last_checked_at = ?, updated_at = ?, status = 'published', archived_at = null, version = version + 1 where id = ?`,
        args: [...values, id],
      });
      tally.updated++;
    } else {
      statements.push({
        sql: `insert into offers (id, seq, slug, organisation_id, title, summary, description, topics, audiences, phases, regions, how_to_apply, contact,
                last_checked_at, updated_at, frontdesk_id, kind, all_limburg, municipalities, cost, status, published_at, created_at)
              values (?, (select coalesce(max(seq), 0) + 1 from offers), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'contact_point', 0, '[]', 'free', 'published', ?, ?)`,
        args: [id, deskSlug(desk), ...values, desk.id, now, now],
      });
      tally.created++;
    }
    statements.push(
      ...indexOfferStatements({
        id,
        content,
        organisation: { name: desk.organisationName ?? "", kind: desk.organisationKind ?? "other" },
        regionNames,
      }),
    );
  }
  if (statements.length > 0) await writeBatch(db, statements);
  return tally;
}
