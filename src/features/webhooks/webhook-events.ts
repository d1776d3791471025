/**
 * What each event says, and to whom (issue 20). Services call these builders and put the
 * statement in the write batch of the change (the outbox pattern of the mails): a delivery
 * exists exactly when its change does. Payloads are thin on purpose: ids, times and the facts
 * the subscriber may see anyway, never a name, e-mail address, phone number, company, KvK
 * number or question of an entrepreneur; a subscriber that needs more reads it through the API
 * with its own access rules.
 *
 * | event | who is told | data |
 * | --- | --- | --- |
 * | `appointment.booked`, `.cancelled`, `.rescheduled` | the appointment's region | appointment id, region, desk id, start and end, mode, topic, status (and the previous start for a reschedule) |
 * | `referral.created`, `referral.updated` | the receiving organisation and the referring region | referral id, referring region, organisation, offer id, status |
 * | `registration.created` | the event's organiser (its organisation, or its region) | registration id, event id and slug, confirmed or waitlisted |
 * | `offer.published` | the offer's organisation and its home region | offer id, slug, title, organisation |
 */
import type { InStatement, InValue, ResultSet } from "@libsql/client/web";
import type { Db } from "../../db/client";
import type { WebhookEvent } from "../../db/schema";
import { newId } from "../../lib/ids";
import { enqueueStatement } from "./webhooks.repo";

/** The statements built here, to recognise them in a batch's results. */
const built = new WeakSet<object>();
/** Requests (their per-request `Db`) whose write batch queued at least one delivery. */
const queued = new WeakSet<Db>();

/**
 * After a write batch: remembers whether it queued a delivery, so the after-answer delivery
 * runs (one round trip) only then and a request without subscribers costs nothing more.
 * @example const results = await writeBatch(db, statements); noteWebhooksQueued(db, statements, results);
 */
export function noteWebhooksQueued(db: Db, statements: readonly unknown[], results: readonly ResultSet[]): void {
  statements.forEach((statement, i) => {
    if (typeof statement === "object" && statement !== null && built.has(statement) && (results[i]?.rowsAffected ?? 0) > 0) queued.add(db);
  });
}

/** Marks a request as having queued a delivery (a replay). */
export function markWebhooksQueued(db: Db): void {
  queued.add(db);
}

/** Whether this request queued a delivery. */
export function webhooksQueued(db: Db): boolean {
  return queued.has(db);
}

export interface WebhookTargets {
  regionIds?: string[];
  organisationIds?: string[];
}

/**
 * The statement that queues one event for every subscribed webhook of the targets, or null when there are none to ask.
 * @example statements.push(...maybe(webhookEvent("offer.published", { offerId }, now, { organisationIds: [org.id] })));
 */
export function webhookEvent(
  type: WebhookEvent,
  data: Record<string, unknown>,
  now: number,
  targets: WebhookTargets,
  guard?: { sql: string; args: InValue[] },
): InStatement | null {
  const payload = JSON.stringify({ type, timestamp: new Date(now).toISOString(), data });
  const statement = enqueueStatement(
    { messageId: `msg_${newId()}`, type, payload, now },
    { regionIds: targets.regionIds ?? [], organisationIds: targets.organisationIds ?? [] },
    guard,
  );
  if (statement && typeof statement === "object") built.add(statement);
  return statement;
}

/** The fields of an appointment an event names (never the entrepreneur's). */
export interface AppointmentFacts {
  id: string;
  regionId: string;
  frontdeskId: string;
  startAt: number;
  endAt: number;
  mode: string;
  topic: string;
  status: string;
  sequence: number;
}

/**
 * `appointment.*` for the appointment's region, queued only when the appointment reached this
 * state (same sequence and status) in the same batch.
 */
export function appointmentWebhook(
  type: "appointment.booked" | "appointment.cancelled" | "appointment.rescheduled",
  row: AppointmentFacts,
  regionSlug: string,
  now: number,
  previousStartAt?: number,
): InStatement | null {
  return webhookEvent(
    type,
    {
      appointmentId: row.id,
      region: regionSlug,
      frontdeskId: row.frontdeskId,
      startsAt: new Date(row.startAt).toISOString(),
      endsAt: new Date(row.endAt).toISOString(),
      mode: row.mode,
      topic: row.topic,
      status: row.status,
      ...(previousStartAt !== undefined ? { previousStartsAt: new Date(previousStartAt).toISOString() } : {}),
    },
    now,
    { regionIds: [row.regionId] },
    {
      sql: "exists (select 1 from appointments where region_id = ? and id = ? and sequence = ? and status = ?)",
      args: [row.regionId, row.id, row.sequence, row.status],
    },
  );
}
