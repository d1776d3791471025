/**
 * Peer contact (issue 18): entrepreneurs who chose to be visible (profile `visibleToPeers`,
 * with topics, sector, municipality and description) can be found by other signed-in
 * entrepreneurs and sent a contact request. The receiver sees the sender's profile and
 * message (in a mail and their inbox) and decides: reply (only then both addresses are
 * shared, by mail), decline, block the sender, or report. Rate-limited per account.
 */
import type { Row } from "@libsql/client/web";
import type { Db } from "../../db/client";
import { type ReadPlan, resultSetRead } from "../../db/read";
import { type WriteStatement, writeBatch } from "../../db/write";
import { DomainError, notFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { limitInBatch } from "../../lib/rate-limit";
import { formatOffsetIso } from "../../lib/time";
import { auditStatement } from "../audit/audit.repo";
import { renderContactReply, renderContactRequest, renderContactShared } from "./community-messages";
import type { CompanyListInput, CompanyView, ContactReplyInput, InboxItem } from "./community.schemas";
import {
  blockStatement,
  companiesStatement,
  contactCheckStatement,
  decideStatement,
  inboxStatement,
  insertContactStatements,
  setTopicsStatements,
  sharedAddressMail,
} from "./peers.repo";

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));
const strOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

function topicsOf(v: unknown): string[] {
  try {
    const parsed = JSON.parse(str(v) || "[]") as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

/** Visible companies for a signed-in entrepreneur (never themselves), in a read plan. */
export function planCompanies(plan: ReadPlan, meId: string, filters: CompanyListInput): () => CompanyView[] {
  const rows = plan.add(resultSetRead(companiesStatement(meId, filters)));
  return () =>
    rows.value.rows.map((r: Row) => ({
      id: str(r.id),
      companyName: str(r.company_name),
      sector: strOrNull(r.sector),
      municipality: strOrNull(r.municipality),
      description: strOrNull(r.description),
      topics: topicsOf(r.topics),
    }));
}

/** Reads the sender (by the session) and the receiver's visibility in a plan: one round trip with the session. */
export function planContact(plan: ReadPlan, sessionIdHash: string, toId: string) {
  const rows = plan.add(resultSetRead(contactCheckStatement(sessionIdHash, toId)));
  return () => rows.value.rows[0] ?? null;
}

/**
 * Sends a contact request: the receiver gets a mail with the sender's profile and message and
 * no address. 404 for a company that is not visible (or oneself), 403 without a profile of
 * one's own, 429 past 5 a day; a block by the receiver is answered as if sent (202), and nothing is sent.
 */
export async function sendContact(
  db: Db,
  sender: Row | null,
  toId: string,
  message: string,
  ctx: { now: number; rateLimits: string | undefined; origin: string },
): Promise<void> {
  if (!sender) throw new DomainError("unauthenticated", "Sign in to continue.");
  if (!(sender.visible === 1 || sender.visible === 1n)) throw notFound("This company");
  if (sender.company_name === null || sender.company_name === undefined) {
    throw new DomainError("forbidden", "Fill in your company profile first: the receiver sees it with your message.");
  }
  const fromId = str(sender.from_id);
  const mail = renderContactRequest({
    companyName: str(sender.company_name),
    sector: strOrNull(sender.sector),
    municipality: strOrNull(sender.municipality),
    description: strOrNull(sender.description),
    message,
    url: `${ctx.origin}/kennisplein/contact`,
  });
  const limit = limitInBatch(ctx.rateLimits, "peerContactPerAccount", `e:${fromId}`, ctx.now);
  const results = await writeBatch(db, [limit.count, ...insertContactStatements({ id: newId(), fromId, toId, message, now: ctx.now, ...mail }, limit.within)]);
  if (limit.exceeded(results[0])) throw limit.error();
}

/** The receiver's requests with each sender's profile (no addresses), in a plan. */
export function planInbox(plan: ReadPlan, meId: string): () => InboxItem[] {
  const rows = plan.add(resultSetRead(inboxStatement(meId)));
  return () =>
    rows.value.rows.map((r) => ({
      id: str(r.id),
      from: {
        id: str(r.from_id),
        companyName: str(r.company_name) || "Ondernemer",
        sector: strOrNull(r.sector),
        municipality: strOrNull(r.municipality),
        description: strOrNull(r.description),
      },
      message: str(r.message),
      status: str(r.status),
      receivedAt: formatOffsetIso(Number(r.created_at)),
    }));
}

/** The receiver decides on a request addressed to them: reply (shares both addresses by mail), decline, block or report. */
export async function decideContact(db: Db, meId: string, id: string, input: ContactReplyInput, now: number): Promise<{ id: string; status: string }> {
  if (input.decision === "reply" && !input.message)
    throw new DomainError("validation_failed", "Some body fields are not valid.", [{ path: "message", message: "Write your reply." }]);
  const status = input.decision === "reply" ? "replied" : "declined";
  const statements: WriteStatement[] = [decideStatement(id, meId, { status, reply: input.message, reported: input.decision === "report" }, now)];
  if (input.decision === "reply") {
    const toSender = renderContactReply({ reply: input.message ?? "" });
    const toReceiver = renderContactShared();
    statements.push(
      sharedAddressMail({ id: newId(), to: "sender", contactId: id, now, ...toSender }),
      sharedAddressMail({ id: newId(), to: "receiver", contactId: id, now, ...toReceiver }),
    );
  }
  if (input.decision === "block") statements.push(blockStatement(meId, id, now));
  if (input.decision === "report")
    statements.push(auditStatement(db, null, null, "community.contact.reported", { type: "peer_contact", id }, { by: meId }, now));
  const results = await writeBatch(db, statements);
  if (!results[0]?.rows[0]) throw notFound("This contact request");
  return { id, status };
}

/** Replaces the topics an entrepreneur offers to talk about. */
export async function setPeerTopics(db: Db, meId: string, topics: readonly string[]): Promise<string[]> {
  const unique = [...new Set(topics)];
  await writeBatch(db, setTopicsStatements(meId, unique));
  return unique;
}
