import type * as v from "valibot";
import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import type { AppContext } from "../../lib/context";
import { requireActor } from "../../lib/context";
import { organisationScope, regionScope } from "../../db/scope";
import { rolesAccess } from "../auth/policy";
import { deliverSoon } from "../notifications/notify";
import type { WebhookScope } from "./webhooks.service";
import {
  CreatedWebhookAnswer,
  DeliveryAnswer,
  DeliveryListAnswer,
  EnabledWebhookAnswer,
  NewWebhookBody,
  OrgDeliveryParams,
  OrgWebhookParams,
  OrgWebhooksParams,
  RegionDeliveryParams,
  RegionWebhookParams,
  RegionWebhooksParams,
  WebhookListAnswer,
} from "./webhooks.schemas";
import { createWebhook, enableWebhook, listWebhookDeliveries, listWebhookDtos, removeWebhook, replayDelivery } from "./webhooks.service";

const errors = {
  401: { description: "Not signed in" },
  403: { description: "Role not allowed, or the Origin check failed" },
};

const EVENTS_NOTE =
  "Events: `appointment.booked`, `appointment.cancelled`, `appointment.rescheduled` (regions), `referral.created`, `referral.updated` (the organisation and the referring region), `registration.created` (the event's organiser), `offer.published` (the organisation and its home region). Signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`); payloads carry ids and facts, no personal data.";

interface Owner {
  base: string;
  tag: string;
  who: string;
  access: ReturnType<typeof rolesAccess>;
  scope: (c: AppContext) => WebhookScope;
  listParams: v.GenericSchema;
  oneParams: v.GenericSchema;
  deliveryParams: v.GenericSchema;
}

function ownerWebhookEndpoints(owner: Owner): Endpoint[] {
  const { base, tag, who, access, scope } = owner;
  return [
    defineEndpoint({
      method: "get",
      path: `${base}/webhooks`,
      tag,
      summary: `The ${who}'s webhooks`,
      access,
      params: owner.listParams,
      responses: {
        200: { description: "Webhooks, newest first (never their secrets)", schema: WebhookListAnswer },
        404: { description: "Not found" },
        ...errors,
      },
      handler: async (c) => c.json({ webhooks: await listWebhookDtos(scope(c)) }),
    }),
    defineEndpoint({
      method: "post",
      path: `${base}/webhooks`,
      tag,
      summary: `Subscribe an endpoint of the ${who} to events`,
      description: `${EVENTS_NOTE} The URL must be HTTPS on a public host. The secret is shown once.`,
      access,
      params: owner.listParams,
      body: NewWebhookBody,
      responses: {
        201: { description: "Subscribed; keep the secret to verify signatures", schema: CreatedWebhookAnswer },
        400: { description: "Invalid URL (not HTTPS, a private or local address) or events" },
        404: { description: "Not found" },
        409: { description: "Too many webhooks" },
        503: { description: "Webhooks are not configured (no key to seal secrets)" },
        ...errors,
      },
      handler: async (c, { body }) => c.json(await createWebhook(scope(c), requireActor(c), body, c.var.config, c.var.now), 201),
    }),
    defineEndpoint({
      method: "delete",
      path: `${base}/webhooks/:id`,
      tag,
      summary: "Remove a webhook and its delivery log",
      access,
      params: owner.oneParams,
      responses: { 204: { description: "Removed" }, 404: { description: "Unknown webhook" }, ...errors },
      handler: async (c) => {
        await removeWebhook(scope(c), requireActor(c), c.req.param("id") ?? "", c.var.now);
        return c.body(null, 204);
      },
    }),
    defineEndpoint({
      method: "post",
      path: `${base}/webhooks/:id/enable`,
      tag,
      summary: "Enable a webhook again (after it was disabled for repeated failures)",
      description: "Sets it active and resets its failure count; audited. Deliveries that already failed stay failed (replay them).",
      access,
      params: owner.oneParams,
      responses: { 200: { description: "The webhook, active", schema: EnabledWebhookAnswer }, 404: { description: "Unknown webhook" }, ...errors },
      handler: async (c) => c.json({ webhook: await enableWebhook(scope(c), requireActor(c), c.req.param("id") ?? "", c.var.now) }),
    }),
    defineEndpoint({
      method: "get",
      path: `${base}/webhooks/:id/deliveries`,
      tag,
      summary: "The delivery log of a webhook (last 100)",
      access,
      params: owner.oneParams,
      responses: { 200: { description: "Deliveries, newest first", schema: DeliveryListAnswer }, 404: { description: "Unknown webhook" }, ...errors },
      handler: async (c) => c.json({ deliveries: await listWebhookDeliveries(scope(c), c.req.param("id") ?? "") }),
    }),
    defineEndpoint({
      method: "post",
      path: `${base}/webhooks/:id/deliveries/:deliveryId/replay`,
      tag,
      summary: "Send a delivery again (same webhook-id and body)",
      access,
      params: owner.deliveryParams,
      responses: {
        202: { description: "Queued; sent at once and retried like any delivery", schema: DeliveryAnswer },
        404: { description: "Unknown webhook or delivery" },
        409: { description: "The webhook is disabled" },
        ...errors,
      },
      handler: async (c) => {
        const delivery = await replayDelivery(scope(c), c.req.param("id") ?? "", c.req.param("deliveryId") ?? "", c.var.now);
        deliverSoon(c);
        return c.json({ delivery }, 202);
      },
    }),
  ];
}

/** Webhooks of regions (their admins) and of organisations (their partners and their home region's admins). */
export const webhookEndpoints: Endpoint[] = [
  ...ownerWebhookEndpoints({
    base: "/regions/:region/admin",
    tag: "Open platform",
    who: "region",
    access: rolesAccess("region_admin"),
    scope: (c) => regionScope(c.var.db, c.var.region),
    listParams: RegionWebhooksParams,
    oneParams: RegionWebhookParams,
    deliveryParams: RegionDeliveryParams,
  }),
  ...ownerWebhookEndpoints({
    base: "/organisations/:org",
    tag: "Open platform",
    who: "organisation",
    access: rolesAccess("partner", "region_admin"),
    scope: (c) => organisationScope(c.var.db, c.var.organisation),
    listParams: OrgWebhooksParams,
    oneParams: OrgWebhookParams,
    deliveryParams: OrgDeliveryParams,
  }),
];
