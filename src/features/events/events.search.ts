import type { InStatement } from "@libsql/client/web";
import type { Audience, EventContent, EventFormat, EventType } from "../../db/schema";
import type { Topic } from "../../lib/vocabulary";
import { joinSql, raw, type SqlFragment, sql, sqlList } from "../../lib/sql-template";
import { indexText, parseQuery } from "../catalogue/dutch-search";
import { AUDIENCE_WORDS, TOPIC_WORDS } from "../catalogue/search-index";
import { wordExpression } from "../catalogue/search-sql";
import { EVENT_COLUMNS, EVENT_FROM } from "./events.repo";

/**
 * Events in the catalogue's full-text search: published events have a row in `events_fts`
 * (rowid = events.seq) with the same Dutch text preparation as offers (stems, compound parts,
 * accents ignored), and `GET /events?q=` matches query words the way `GET /offers?q=` does,
 * typo correction included (against the shared vocabulary of `search_terms`).
 */

const TYPE_WORDS: Record<EventType, string> = {
  masterclass: "masterclass les cursus",
  awareness_session: "bewustwording voorlichting informatiebijeenkomst",
  workshop: "workshop training",
  network_meeting: "netwerk netwerkbijeenkomst ontmoeting",
};
const FORMAT_WORDS: Record<EventFormat, string> = { online: "online webinar", in_person: "fysiek", hybrid: "hybride online" };

/**
 * Replaces the event's index row, only when the batch's own change happened (the event carries
 * `ref`) and the event is published once the earlier statements of the batch have run.
 */
export function indexEventStatements(event: {
  id: string;
  ref: string;
  content: Pick<EventContent, "title" | "summary" | "description" | "location" | "type" | "format" | "topics" | "audiences" | "regions">;
  organiserName: string;
  regionNames: ReadonlyMap<string, string>;
}): InStatement[] {
  const c = event.content;
  const tags = [
    TYPE_WORDS[c.type],
    FORMAT_WORDS[c.format],
    ...c.topics.map((t: Topic) => TOPIC_WORDS[t]),
    ...c.audiences.map((a: Audience) => AUDIENCE_WORDS[a]),
    ...c.regions.map((slug) => event.regionNames.get(slug) ?? slug),
  ].join(" ");
  return [
    unindexEventStatement(event.id, event.ref),
    {
      sql: `insert into events_fts (rowid, title, summary, body, organiser, tags)
            select seq, ?, ?, ?, ?, ? from events where id = ? and status = 'published' and change_ref = ?`,
      args: [
        indexText(c.title),
        indexText(c.summary),
        indexText(`${c.description}\n${c.location ?? ""}`),
        indexText(event.organiserName),
        indexText(tags),
        event.id,
        event.ref,
      ],
    },
  ];
}

/** Removes the event from the index, when the batch's own change happened (cancelled, or about to be re-indexed). */
export function unindexEventStatement(eventId: string, ref: string): InStatement {
  return { sql: "delete from events_fts where rowid = (select seq from events where id = ? and change_ref = ?)", args: [eventId, ref] };
}

export interface EventFilters {
  q?: string | undefined;
  region?: string | undefined;
  topics?: readonly Topic[] | undefined;
  audiences?: readonly Audience[] | undefined;
  types?: readonly EventType[] | undefined;
  formats?: readonly EventFormat[] | undefined;
  /** Instants: events with a session ending after `from` and starting before `to`. */
  from: number;
  to: number | null;
}

const inJson = (column: "e.topics" | "e.audiences", values: readonly string[]) =>
  sql`exists (select 1 from json_each(${raw(column)}) j where j.value in ${sqlList(values)})`;

/** The public list (or search): published events with a session in the window, soonest first; `limit + 1` rows. */
export function listPublicEventsStatement(filters: EventFilters, limit: number, offset: number): InStatement {
  const conditions: SqlFragment[] = [
    sql`e.status = 'published'`,
    filters.to === null
      ? sql`exists (select 1 from event_sessions s where s.event_id = e.id and s.end_at > ${filters.from})`
      : sql`exists (select 1 from event_sessions s where s.event_id = e.id and s.end_at > ${filters.from} and s.start_at < ${filters.to})`,
  ];
  if (filters.region) conditions.push(sql`exists (select 1 from json_each(e.regions) j where j.value = ${filters.region})`);
  if (filters.topics?.length) conditions.push(inJson("e.topics", filters.topics));
  if (filters.audiences?.length) conditions.push(inJson("e.audiences", filters.audiences));
  if (filters.types?.length) conditions.push(sql`e.type in ${sqlList(filters.types)}`);
  if (filters.formats?.length) conditions.push(sql`e.format in ${sqlList(filters.formats)}`);
  const words = parseQuery(filters.q ?? "");
  if (words.length > 0) {
    const match = joinSql(
      words.map((w) => wordExpression(w, "events_fts_vocab")),
      " || ' AND ' || ",
    );
    conditions.push(sql`e.seq in (select rowid from events_fts where events_fts match (select ${match}))`);
  }
  return sql`select ${EVENT_COLUMNS} from ${EVENT_FROM} where ${joinSql(conditions, " and ")}
    order by (select min(s.start_at) from event_sessions s where s.event_id = e.id and s.end_at > ${filters.from}), e.id
    limit ${limit + 1} offset ${offset}`.statement();
}

/** A region's feed: its published and cancelled events with a session in the last 30 days or later. */
export function regionFeedStatement(regionSlug: string, since: number): InStatement {
  return sql`select ${EVENT_COLUMNS} from ${EVENT_FROM}
    where e.status in ('published', 'cancelled') and exists (select 1 from json_each(e.regions) j where j.value = ${regionSlug})
      and e.last_end_at > ${since}
    order by e.first_start_at, e.id limit 500`.statement();
}
