import * as v from "valibot";
import { html } from "hono/html";
import { defineEndpoint } from "../../http/endpoint";
import { regionScope } from "../../db/scope";
import { notFound } from "../../lib/errors";
import { rolesAccess } from "../auth/policy";
import { RegionSlugParam } from "../regions/regions.schemas";
import { Id } from "../frontdesks/frontdesks.schemas";
import { listAudit } from "../audit/audit.service";
import { listNotifications, recentMessages, retryNotification } from "./notifications.service";
import { deliverSoon } from "./notify";
import type { AppContext } from "../../lib/context";
import { formatOffsetIso } from "../../lib/time";
import { AuditAnswer, NotificationListAnswer, QueuedAnswer } from "./notifications.schemas";

const ADMIN = rolesAccess("region_admin");
const common = { 401: { description: "Not signed in" }, 403: { description: "Not a region admin" }, 404: { description: "Unknown here" } };

export const notificationEndpoints = [
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/notifications",
    tag: "Region staff",
    summary: "The region's notifications by status (default: failed, i.e. undelivered after every retry)",
    access: ADMIN,
    params: RegionSlugParam,
    query: v.object({ status: v.optional(v.picklist(["pending", "sent", "failed"], "Choose pending, sent or failed."), "failed") }),
    responses: {
      200: {
        description: "Notifications (no message bodies)",
        schema: NotificationListAnswer,
      },
      ...common,
    },
    handler: async (c, { query }) => {
      const rows = await listNotifications(regionScope(c.var.db, c.var.region), query.status);
      return c.json({ notifications: rows.map((r) => ({ ...r, createdAt: formatOffsetIso(r.createdAt), nextAttemptAt: formatOffsetIso(r.nextAttemptAt) })) });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/notifications/:id/retry",
    tag: "Region staff",
    summary: "Queue a failed notification again",
    access: ADMIN,
    params: v.object({ region: v.string(), id: Id }),
    responses: { 202: { description: "Queued", schema: QueuedAnswer }, ...common },
    handler: async (c, { params }) => {
      await retryNotification(regionScope(c.var.db, c.var.region), params.id, c.var.now);
      deliverSoon(c);
      return c.json({ queued: true as const }, 202);
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/audit",
    tag: "Region staff",
    summary: "The region's audit log, newest first",
    access: ADMIN,
    params: RegionSlugParam,
    responses: {
      200: {
        description: "Audit entries",
        schema: AuditAnswer,
      },
      ...common,
    },
    handler: async (c) => {
      const rows = await listAudit(regionScope(c.var.db, c.var.region));
      return c.json({ entries: rows.map((r) => ({ ...r, createdAt: formatOffsetIso(r.createdAt) })) });
    },
  }),
];

/**
 * Local development only: the newest e-mails as an entrepreneur would receive them.
 * Registered by the app only when the configuration is local; 404 in production.
 */
export async function renderDevMailbox(c: AppContext): Promise<Response> {
  if (!c.var.config.isLocal) throw notFound("This page");
  const rows = await recentMessages(c.var.db, 50);
  return c.html(html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dev mailbox</title><link rel="stylesheet" href="/assets/site.css"></head>
<body><main class="container"><h1>Dev mailbox (local only)</h1><p>The newest ${rows.length} messages in the outbox.</p>
${rows.map(
  (
    r,
  ) => html`<article class="card"><h2>${r.subject}</h2><p><strong>To</strong> ${r.recipient} · <strong>${r.kind}</strong> · ${r.status} · attempts ${r.attempts}${r.lastError ? html` · <em>${r.lastError}</em>` : ""} · due ${formatOffsetIso(r.nextAttemptAt)}</p>
<pre>${r.textBody}</pre>${r.icsBody ? html`<details><summary>Calendar file</summary><pre>${r.icsBody}</pre></details>` : ""}</article>`,
)}</main></body></html>`);
}
