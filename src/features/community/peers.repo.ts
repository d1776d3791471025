/**
 * The SQL of peer contact (issue 18). Addresses stay in the database: every mail's recipient,
 * and the address a reply shares, are filled in by the statement that writes the mail.
 */
import type { InStatement, InValue } from "@libsql/client/web";
import { joinSql, type SqlFragment, sql } from "../../lib/sql-template";

/** Entrepreneurs who chose to be visible to peers (never the viewer), filtered on topic, sector and municipality. */
export function companiesStatement(
  viewerId: string,
  f: { topic?: string | undefined; sector?: string | undefined; municipality?: string | undefined },
): InStatement {
  const conditions: SqlFragment[] = [sql`p.visible_to_peers = 1`, sql`p.entrepreneur_id <> ${viewerId}`];
  if (f.topic) conditions.push(sql`exists (select 1 from peer_topics t where t.entrepreneur_id = p.entrepreneur_id and t.topic = ${f.topic})`);
  if (f.sector) conditions.push(sql`p.sector = ${f.sector}`);
  if (f.municipality) conditions.push(sql`p.municipality = ${f.municipality} collate nocase`);
  return sql`select p.entrepreneur_id as id, p.company_name, p.sector, p.municipality, p.description,
      (select json_group_array(topic) from peer_topics t where t.entrepreneur_id = p.entrepreneur_id) as topics
    from entrepreneur_profiles p where ${joinSql(conditions, " and ")} order by p.company_name collate nocase, p.entrepreneur_id limit 200`.statement();
}

/** The sender's profile (by the request's session) and whether the receiver can be contacted by them. */
export function contactCheckStatement(sessionIdHash: string, toId: string): InStatement {
  return {
    sql: `select s.entrepreneur_id as from_id, p.company_name, p.sector, p.municipality, p.description,
            exists (select 1 from entrepreneur_profiles t where t.entrepreneur_id = ? and t.visible_to_peers = 1 and t.entrepreneur_id <> s.entrepreneur_id) as visible
          from entrepreneur_sessions s left join entrepreneur_profiles p on p.entrepreneur_id = s.entrepreneur_id where s.id_hash = ?`,
    args: [toId, sessionIdHash],
  };
}

/** The contact request and its mail to the receiver (whose address the database fills in); nothing when blocked or past the limit. */
export function insertContactStatements(
  c: { id: string; fromId: string; toId: string; message: string; now: number; subject: string; text: string; html: string },
  within: { sql: string; args: InValue[] },
): InStatement[] {
  return [
    {
      sql: `insert into peer_contacts (id, from_id, to_id, message, status, reported, created_at)
            select ?, ?, ?, ?, 'sent', 0, ? where exists (select 1 from entrepreneur_profiles where entrepreneur_id = ? and visible_to_peers = 1)
              and not exists (select 1 from peer_blocks where blocker_id = ? and blocked_id = ?) and ${within.sql} returning id`,
      args: [c.id, c.fromId, c.toId, c.message, c.now, c.toId, c.toId, c.fromId, ...within.args],
    },
    {
      sql: `insert or ignore into outbox (id, region_id, kind, dedupe_key, recipient, subject, text_body, html_body, status, attempts, next_attempt_at, created_at)
            select ?, null, 'peer_contact', ?, e.email, ?, ?, ?, 'pending', 0, ?, ? from entrepreneurs e
            where e.id = ? and exists (select 1 from peer_contacts where id = ?)`,
      args: [`${c.id}-mail`, `contact:${c.id}`, c.subject, c.text, c.html, c.now, c.now, c.toId, c.id],
    },
  ];
}

/** The receiver's requests, newest first, with each sender's profile (no address). */
export function inboxStatement(meId: string): InStatement {
  return {
    sql: `select c.id, c.message, c.status, c.created_at, c.from_id, p.company_name, p.sector, p.municipality, p.description
          from peer_contacts c left join entrepreneur_profiles p on p.entrepreneur_id = c.from_id
          where c.to_id = ? order by c.created_at desc limit 100`,
    args: [meId],
  };
}

const escapedEmail = "replace(replace(replace(replace(x.email, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '\"', '&quot;')";

/**
 * After a reply, a mail to one side with the other side's address filled in (`{{address}}`):
 * `to` "sender" mails the sender the receiver's address, "receiver" the other way round.
 */
export function sharedAddressMail(m: {
  id: string;
  to: "sender" | "receiver";
  contactId: string;
  subject: string;
  text: string;
  html: string;
  now: number;
}): InStatement {
  const recipient = m.to === "sender" ? "c.from_id" : "c.to_id";
  const other = m.to === "sender" ? "c.to_id" : "c.from_id";
  return {
    sql: `insert or ignore into outbox (id, region_id, kind, dedupe_key, recipient, subject, text_body, html_body, status, attempts, next_attempt_at, created_at)
          select ?, null, 'peer_reply', ?, r.email, ?, replace(?, '{{address}}', x.email), replace(?, '{{address}}', ${escapedEmail}), 'pending', 0, ?, ?
          from peer_contacts c join entrepreneurs r on r.id = ${recipient} join entrepreneurs x on x.id = ${other}
          where c.id = ? and c.status = 'replied' and c.answered_at = ?`,
    args: [m.id, `${m.contactId}:${m.to}`, m.subject, m.text, m.html, m.now, m.now, m.contactId, m.now],
  };
}

/** The receiver's decision on a request addressed to them (`returning from_id`; no row: not theirs, or decided already). */
export function decideStatement(
  id: string,
  meId: string,
  set: { status: "replied" | "declined"; reply?: string | undefined; reported?: boolean },
  now: number,
): InStatement {
  return {
    sql: `update peer_contacts set status = ?, reply = ?, reported = reported or ?, answered_at = ? where id = ? and to_id = ? and status = 'sent' returning from_id`,
    args: [set.status, set.reply ?? null, set.reported ? 1 : 0, now, id, meId],
  };
}

export function blockStatement(blockerId: string, contactId: string, now: number): InStatement {
  return {
    sql: "insert or ignore into peer_blocks (blocker_id, blocked_id, created_at) select to_id, from_id, ? from peer_contacts where id = ? and to_id = ?",
    args: [now, contactId, blockerId],
  };
}

/** Replaces an entrepreneur's peer topics. */
export function setTopicsStatements(meId: string, topics: readonly string[]): InStatement[] {
  return [
    { sql: "delete from peer_topics where entrepreneur_id = ?", args: [meId] },
    ...topics.map((topic) => ({ sql: "insert into peer_topics (entrepreneur_id, topic) values (?, ?)", args: [meId, topic] })),
  ];
}
