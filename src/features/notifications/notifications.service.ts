/**
 * What region admins (and local developers) see of the outbox: failed notifications and a
 * retry. Delivery itself is `delivery.service.ts`; messages are written by the services whose
 * change they announce, in the same batch.
 */
import type { Db } from "../../db/client";
import type { RegionScope } from "../../db/scope";
import { notFound } from "../../lib/errors";
import { listRecentMessages, listRegionMessages, requeueMessage, type OutboxRow } from "./outbox.repo";

export type NotificationStatus = "pending" | "sent" | "failed";

/** The region's notifications with this status, newest first (no message bodies). */
export function listNotifications(scope: RegionScope, status: NotificationStatus) {
  return listRegionMessages(scope, status);
}

/**
 * Queues a failed notification again (attempts start over); 404 when the region has no
 * failed notification with this id.
 * @example await retryNotification(scope, id, now); deliverSoon(c);
 */
export async function retryNotification(scope: RegionScope, id: string, now: number): Promise<void> {
  if (!(await requeueMessage(scope, id, now))) throw notFound("This failed notification");
}

/** Local development: the newest messages of all regions, to read what entrepreneurs receive. */
export function recentMessages(db: Db, limit: number): Promise<OutboxRow[]> {
  return listRecentMessages(db, limit);
}
