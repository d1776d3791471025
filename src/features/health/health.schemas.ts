/** The answers of the health routes (the registry checks them in tests; tests parse with them). */
import * as v from "valibot";

export const HealthAnswer = v.object({ status: v.literal("ok"), database: v.literal("ok") });

export const DegradedAnswer = v.object({ status: v.literal("degraded"), database: v.literal("unavailable") });
