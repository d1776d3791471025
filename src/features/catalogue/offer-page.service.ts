import type { ResultSet } from "@libsql/client/web";
import type * as v from "valibot";
import type { Db } from "../../db/client";
import { ReadPlan, resultSetRead } from "../../db/read";
import type { OfferContact } from "../../db/schema";
import type { Topic } from "../../lib/vocabulary";
import { notFound } from "../../lib/errors";
import { sql, raw } from "../../lib/sql-template";
import { formatOffsetIso, todayLocal } from "../../lib/time";
import { isExpired, jsonColumn, summaryFromRow } from "./offer-dto";
import type { OfferDetailDto } from "./offers.schemas";
import { SUMMARY_COLUMNS } from "./search-sql";

export type OfferDetail = v.InferOutput<typeof OfferDetailDto>;

const RELATED_LIMIT = 4;

/**
 * One published offer with its related offers (same topics, not expired), in ONE read
 * batch. An offer whose deadline passed is still shown (marked `expired`), so old links
 * keep working; drafts and archived offers are 404.
 * @example await getPublishedOffer(db, "innovatiekrediet-limburg", Date.now())
 */
export async function getPublishedOffer(db: Db, slug: string, now: number): Promise<OfferDetail> {
  const plan = new ReadPlan(db);
  const offer = planPublishedOffer(plan, slug, now);
  await plan.run();
  return offer();
}

/**
 * {@link getPublishedOffer} as part of a read plan (the offer page reads its region list in the
 * same round trip); the returned function throws 404 for an offer that is not published.
 * @example const offer = planPublishedOffer(plan, slug, now); await plan.run(); offer();
 */
export function planPublishedOffer(plan: ReadPlan, slug: string, now: number): () => OfferDetail {
  const today = todayLocal(now);
  const offer = sql`select ${raw(SUMMARY_COLUMNS)}, b.description, b.how_to_apply, b.contact, b.url, b.upl_uri, b.last_checked_at,
      fr.slug as desk_region
    from offers b join organisations g on g.id = b.organisation_id
      left join frontdesks f on f.id = b.frontdesk_id left join regions fr on fr.id = f.region_id
    where b.slug = ${slug} and b.status = 'published'`;
  const related = sql`select * from (
      select ${raw(SUMMARY_COLUMNS)},
        (select count(*) from json_each(b.topics) a where a.value in (select value from json_each(x.topics))) as overlap
      from offers b join organisations g on g.id = b.organisation_id, (select id, topics from offers where slug = ${slug}) x
      where b.status = 'published' and b.id <> x.id and (b.deadline is null or b.deadline >= ${today})
    ) b where overlap > 0 order by overlap desc, b.updated_at desc, b.id limit ${RELATED_LIMIT}`;
  const offerRead = plan.add(resultSetRead(offer.statement()));
  const relatedRead = plan.add(resultSetRead(related.statement()));
  return () => offerDetailOf(offerRead.value, relatedRead.value, now);
}

function offerDetailOf(offerRs: ResultSet, relatedRs: ResultSet, now: number): OfferDetail {
  const row = offerRs.rows[0] as unknown as Record<string, unknown> | undefined;
  if (!row) throw notFound("This offer");
  const summary = summaryFromRow(row, false);
  return {
    ...summary,
    description: String(row.description),
    howToApply: String(row.how_to_apply),
    contact: jsonColumn<OfferContact>(row.contact),
    url: (row.url as string | null) ?? null,
    uplUri: (row.upl_uri as string | null) ?? null,
    lastCheckedAt: formatOffsetIso(Number(row.last_checked_at)),
    expired: isExpired(summary.deadline, now),
    frontdesk: row.frontdesk_id ? { id: String(row.frontdesk_id), region: String(row.desk_region) } : null,
    talkToADeskUrl: `/api/v1/offers/${summary.slug}/talk-to-a-desk`,
    related: relatedRs.rows.map((r) => summaryFromRow(r as unknown as Record<string, unknown>, false)),
  };
}

export interface DeskLink {
  offerId: string;
  /** The region whose booking page opens (id and slug). */
  region: { id: string; slug: string };
  topic: Topic;
  municipality: string | null;
}

/**
 * Where "talk to a desk about this" leads: the booking page of the asked region if the
 * offer serves it, else of the region of the asked municipality, else of the offer's
 * contact-point desk or its organisation's home region; the topic is the asked one if the
 * offer has it, else the offer's first. One read batch.
 */
export async function deskLink(
  db: Db,
  slug: string,
  ask: { region?: string | undefined; topic?: Topic | undefined; municipality?: string | undefined },
): Promise<DeskLink> {
  const [offerRs, askedRs] = await db.client.batch(
    [
      sql`select b.id, b.topics, b.regions, b.all_limburg, hr.id as home_id, hr.slug as home_slug, fr.id as desk_region_id, fr.slug as desk_region_slug
        from offers b join organisations g on g.id = b.organisation_id join regions hr on hr.id = g.home_region_id
          left join frontdesks f on f.id = b.frontdesk_id left join regions fr on fr.id = f.region_id
        where b.slug = ${slug} and b.status = 'published'`.statement(),
      sql`select r.id, r.slug, mu.name as municipality from regions r left join municipalities mu on mu.region_id = r.id and mu.name = ${ask.municipality ?? null} collate nocase
        where r.slug = ${ask.region ?? null} or mu.name is not null order by (r.slug = ${ask.region ?? null}) desc limit 1`.statement(),
    ],
    "read",
  );
  const row = offerRs?.rows[0];
  if (!row) throw notFound("This offer");
  const topics = jsonColumn<Topic[]>(row.topics) ?? [];
  const regions = jsonColumn<string[]>(row.regions) ?? [];
  const asked = askedRs?.rows[0];
  const servesAsked = asked && (Number(row.all_limburg) === 1 || regions.includes(String(asked.slug)));
  const region = servesAsked
    ? { id: String(asked.id), slug: String(asked.slug) }
    : row.desk_region_id
      ? { id: String(row.desk_region_id), slug: String(row.desk_region_slug) }
      : { id: String(row.home_id), slug: String(row.home_slug) };
  const topic = ask.topic && topics.includes(ask.topic) ? ask.topic : (topics[0] ?? "overig");
  return { offerId: String(row.id), region, topic, municipality: servesAsked && asked?.municipality ? String(asked.municipality) : null };
}
