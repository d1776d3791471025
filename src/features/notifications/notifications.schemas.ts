/** The answers of the notifications routes (the registry checks them in tests; tests parse with them). */
import * as v from "valibot";

export const NotificationListAnswer = v.object({
  notifications: v.array(
    v.object({
      id: v.string(),
      appointmentId: v.nullable(v.string()),
      kind: v.string(),
      recipient: v.string(),
      subject: v.string(),
      status: v.string(),
      attempts: v.number(),
      lastError: v.nullable(v.string()),
      createdAt: v.string(),
      nextAttemptAt: v.string(),
    }),
  ),
});

export const QueuedAnswer = v.object({ queued: v.literal(true) });

export const AuditAnswer = v.object({
  entries: v.array(
    v.object({
      id: v.string(),
      actorUserId: v.nullable(v.string()),
      action: v.string(),
      targetType: v.nullable(v.string()),
      targetId: v.nullable(v.string()),
      detail: v.unknown(),
      createdAt: v.string(),
    }),
  ),
});
