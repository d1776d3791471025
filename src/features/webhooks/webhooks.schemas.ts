import * as v from "valibot";
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENTS, WEBHOOK_STATUSES } from "../../db/schema";
import { SLUG_PATTERN } from "../organisations/organisations.schemas";

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "This id is not valid."));
const RegionSlug = v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,60}$/, "Unknown region."));
const OrgSlug = v.pipe(v.string(), v.regex(SLUG_PATTERN, "Unknown organisation."));

export const RegionWebhooksParams = v.object({ region: RegionSlug });
export const OrgWebhooksParams = v.object({ org: OrgSlug });
export const RegionWebhookParams = v.object({ region: RegionSlug, id: Id });
export const OrgWebhookParams = v.object({ org: OrgSlug, id: Id });
export const RegionDeliveryParams = v.object({ region: RegionSlug, id: Id, deliveryId: Id });
export const OrgDeliveryParams = v.object({ org: OrgSlug, id: Id, deliveryId: Id });

export const WebhookEventName = v.picklist(WEBHOOK_EVENTS, `Choose events from: ${WEBHOOK_EVENTS.join(", ")}.`);

export const NewWebhookBody = v.strictObject({
  url: v.pipe(
    v.string("Give the endpoint's URL."),
    v.trim(),
    v.minLength(1, "Give the endpoint's URL."),
    v.maxLength(500, "The URL may have at most 500 characters."),
    v.description("HTTPS endpoint on a public host (no private, loopback or link-local address)."),
  ),
  events: v.pipe(
    v.array(WebhookEventName, "Give the events as a list."),
    v.minLength(1, "Choose at least one event."),
    v.maxLength(WEBHOOK_EVENTS.length, "Name each event once."),
    v.check((list) => new Set(list).size === list.length, "Name each event once."),
  ),
});
export type NewWebhookInput = v.InferOutput<typeof NewWebhookBody>;

export const WebhookDto = v.object({
  id: v.string(),
  url: v.string(),
  events: v.array(WebhookEventName),
  status: v.picklist(WEBHOOK_STATUSES),
  createdAt: v.string(),
  disabledAt: v.nullable(v.string()),
});
export type WebhookDtoOut = v.InferOutput<typeof WebhookDto>;

export const CreatedWebhookAnswer = v.object({
  webhook: WebhookDto,
  secret: v.pipe(v.string(), v.description("Standard Webhooks signing secret (`whsec_…`), shown once.")),
});
export const WebhookListAnswer = v.object({ webhooks: v.array(WebhookDto) });
export const EnabledWebhookAnswer = v.object({ webhook: WebhookDto });

export const DeliveryDto = v.object({
  id: v.string(),
  messageId: v.pipe(v.string(), v.description("The `webhook-id` header: the same for a retry and a replay.")),
  eventType: WebhookEventName,
  status: v.picklist(WEBHOOK_DELIVERY_STATUSES),
  attempts: v.number(),
  lastStatusCode: v.nullable(v.number()),
  lastError: v.nullable(v.string()),
  createdAt: v.string(),
  nextAttemptAt: v.nullable(v.string()),
  deliveredAt: v.nullable(v.string()),
});
export type DeliveryDtoOut = v.InferOutput<typeof DeliveryDto>;
export const DeliveryListAnswer = v.object({ deliveries: v.array(DeliveryDto) });
export const DeliveryAnswer = v.object({ delivery: DeliveryDto });
