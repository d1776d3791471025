import type { Config } from "../../env";
import type { Actor } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { openText, sealText } from "../../lib/crypto";
import { newId } from "../../lib/ids";
import { hashKeyMaterial } from "../../lib/keyed-hash";
import { ReadPlan } from "../../db/read";
import { auditStatement, auditStatementIf } from "../audit/audit.repo";
import { writeBatch } from "../../db/write";
import type { WebhookEvent } from "../../db/schema";
export type { WebhookScope } from "./webhooks.repo";
import { checkWebhookUrl } from "./url-guard";
import { markWebhooksQueued } from "./webhook-events";
import {
  deleteWebhookStatements,
  findDelivery,
  deliveriesQuery,
  enableWebhookStatement,
  insertDelivery,
  insertWebhook,
  listWebhooks,
  webhookQuery,
  type DeliveryRow,
  type WebhookRow,
  type WebhookScope,
} from "./webhooks.repo";
import type { DeliveryDtoOut, NewWebhookInput, WebhookDtoOut } from "./webhooks.schemas";

/** At most this many webhooks per region or organisation. */
export const MAX_WEBHOOKS = 10;

type KeyConfig = Pick<Config, "WEBHOOK_SECRET_KEY" | "AUDIT_HASH_KEY" | "LIBSQL_AUTH_TOKEN" | "isLocal">;

/**
 * The key that seals signing secrets at rest: `WEBHOOK_SECRET_KEY`, else the audit hash key
 * material (`src/lib/keyed-hash.ts`) for this purpose; null when production has neither.
 */
export function webhookSealKey(config: KeyConfig): string | null {
  if (config.WEBHOOK_SECRET_KEY) return `webhook-secrets\n${config.WEBHOOK_SECRET_KEY}`;
  const material = hashKeyMaterial(config);
  return material === null ? null : `webhook-secrets\n${material}`;
}

function requireSealKey(config: KeyConfig): string {
  const key = webhookSealKey(config);
  if (key === null) throw new DomainError("service_unavailable", "Webhooks are not configured on this platform (WEBHOOK_SECRET_KEY is not set).");
  return key;
}

/** The signing secret of a stored webhook, for the delivery. */
export async function webhookSecret(config: KeyConfig, row: Pick<WebhookRow, "secretSealed">): Promise<string> {
  return openText(requireSealKey(config), row.secretSealed);
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toWebhookDto(row: WebhookRow): WebhookDtoOut {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    status: row.status,
    createdAt: new Date(row.createdAt).toISOString(),
    disabledAt: iso(row.disabledAt),
  };
}

export function toDeliveryDto(row: DeliveryRow): DeliveryDtoOut {
  return {
    id: row.id,
    messageId: row.messageId,
    eventType: row.eventType as WebhookEvent,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: new Date(row.createdAt).toISOString(),
    nextAttemptAt: row.status === "pending" ? iso(row.nextAttemptAt) : null,
    deliveredAt: iso(row.deliveredAt),
  };
}

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
function newSigningSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return `whsec_${btoa(binary)}`;
}

/**
 * Subscribes an endpoint: checks the URL (SSRF guard), makes a signing secret, stores it sealed.
 * The secret is in the answer once and never again.
 * @example await createWebhook(scope, actor, { url: "https://hooks.example.nl/mkb", events: ["appointment.booked"] }, config, now)
 */
export async function createWebhook(
  scope: WebhookScope,
  actor: Pick<Actor, "id" | "email">,
  input: NewWebhookInput,
  config: KeyConfig & Pick<Config, "APP_ENV">,
  now: number,
): Promise<{ webhook: WebhookDtoOut; secret: string }> {
  const verdict = checkWebhookUrl(input.url, config.APP_ENV);
  if (!verdict.ok) throw new DomainError("validation_failed", verdict.reason, [{ path: "url", message: verdict.reason }]);
  const key = requireSealKey(config);
  const existing = await listWebhooks(scope);
  if (existing.length >= MAX_WEBHOOKS) throw new DomainError("conflict", `At most ${MAX_WEBHOOKS} webhooks; delete one first.`);
  const secret = newSigningSecret();
  const row: WebhookRow = {
    id: `wh_${newId()}`,
    regionId: "region" in scope ? scope.region.id : null,
    organisationId: "organisation" in scope ? scope.organisation.id : null,
    url: verdict.url,
    events: input.events,
    secretSealed: await sealText(key, secret),
    status: "active",
    consecutiveFailures: 0,
    ownerEmail: actor.email,
    createdBy: actor.id,
    createdAt: now,
    disabledAt: null,
  };
  const { regionId: _r, organisationId: _o, ...values } = row;
  await writeBatch(scope.db, [
    insertWebhook(scope, values),
    auditStatement(scope.db, auditRegionOf(scope), actor, "webhook.created", { type: "webhook", id: row.id }, { url: row.url, events: row.events }, now),
  ]);
  return { webhook: toWebhookDto(row), secret };
}

/** Where a webhook's changes are audited: its region, or its organisation's home region. */
function auditRegionOf(scope: WebhookScope): string {
  return "region" in scope ? scope.region.id : scope.organisation.homeRegionId;
}

export async function listWebhookDtos(scope: WebhookScope): Promise<WebhookDtoOut[]> {
  return (await listWebhooks(scope)).map(toWebhookDto);
}

/**
 * Re-enables the owner's webhook (after it was disabled for repeated failures): active, failure
 * count reset, audited in the owner's region (an organisation's home region). 404 when not the owner's.
 * @example await enableWebhook(scope, actor, "wh_…", now)
 */
export async function enableWebhook(scope: WebhookScope, actor: Pick<Actor, "id">, id: string, now: number): Promise<WebhookDtoOut> {
  const [row] = await webhookQuery(scope, id);
  if (!row) throw notFound("This webhook");
  await writeBatch(scope.db, [
    enableWebhookStatement(scope, id),
    auditStatement(
      scope.db,
      auditRegionOf(scope),
      actor,
      "webhook.enabled",
      { type: "webhook", id },
      { url: row.url, was: row.status, failures: row.consecutiveFailures },
      now,
    ),
  ]);
  return toWebhookDto({ ...row, status: "active", consecutiveFailures: 0, disabledAt: null });
}

/**
 * Removes a webhook and its delivery log, audited with the URL it sent to; 404 when it is not
 * the owner's. The entry is written only when the webhook is gone after the delete.
 * @example await removeWebhook(scope, actor, "wh_…", now)
 */
export async function removeWebhook(scope: WebhookScope, actor: Pick<Actor, "id">, id: string, now: number): Promise<void> {
  const [row] = await webhookQuery(scope, id);
  if (!row) throw notFound("This webhook");
  const [deleted] = await writeBatch(scope.db, [
    ...deleteWebhookStatements(scope, id),
    auditStatementIf(auditRegionOf(scope), actor, "webhook.deleted", { type: "webhook", id }, { url: row.url, events: row.events }, now, {
      sql: "not exists (select 1 from webhooks where id = ?)",
      args: [id],
    }),
  ]);
  if ((deleted?.rowsAffected ?? 0) !== 1) throw notFound("This webhook");
}

/** The owner's webhook and its last 100 deliveries, newest first (one read round trip). */
export async function webhookWithDeliveries(scope: WebhookScope, id: string): Promise<{ webhook: WebhookDtoOut; deliveries: DeliveryDtoOut[] }> {
  const plan = new ReadPlan(scope.db);
  const found = plan.add(webhookQuery(scope, id));
  const log = plan.add(deliveriesQuery(scope, id, 100));
  await plan.run();
  const [webhook] = found.value;
  if (!webhook) throw notFound("This webhook");
  return { webhook: toWebhookDto(webhook), deliveries: log.value.map((r) => toDeliveryDto(r.d)) };
}

/** The last 100 deliveries of the owner's webhook, newest first. */
export async function listWebhookDeliveries(scope: WebhookScope, id: string): Promise<DeliveryDtoOut[]> {
  return (await webhookWithDeliveries(scope, id)).deliveries;
}

/**
 * Sends a delivery again: a new delivery row with the same message (`webhook-id` and body, so a
 * receiver that already handled it can tell), due at once. Only for an active webhook.
 */
export async function replayDelivery(scope: WebhookScope, webhookId: string, deliveryId: string, now: number): Promise<DeliveryDtoOut> {
  const found = await findDelivery(scope, webhookId, deliveryId);
  if (!found) throw notFound("This delivery");
  if (found.webhook.status !== "active")
    throw new DomainError("conflict", "This webhook is disabled after repeated failures; enable it again to receive events.");
  const row: DeliveryRow = {
    id: `whd_${newId()}`,
    webhookId,
    messageId: found.delivery.messageId,
    eventType: found.delivery.eventType,
    payload: found.delivery.payload,
    status: "pending",
    attempts: 0,
    nextAttemptAt: now,
    lastStatusCode: null,
    lastError: null,
    createdAt: now,
    deliveredAt: null,
  };
  await writeBatch(scope.db, [insertDelivery(scope.db, row)]);
  markWebhooksQueued(scope.db);
  return toDeliveryDto(row);
}
