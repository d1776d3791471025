/** The answers of the privacy routes (the registry checks them in tests; tests parse with them). */
import * as v from "valibot";

export const ErasureAnswer = v.object({
  appointments: v.number(),
  cancelled: v.number(),
  messagesWithdrawn: v.number(),
  candidates: v.number(),
  eventRegistrations: v.number(),
});
