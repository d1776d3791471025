import { sql } from "drizzle-orm";
import { defineEndpoint } from "../../http/endpoint";
import { PUBLIC } from "../auth/policy";
import { DegradedAnswer, HealthAnswer } from "./health.schemas";

export const healthEndpoints = [
  defineEndpoint({
    method: "get",
    path: "/health",
    tag: "Platform",
    summary: "Whether the service and its database answer",
    access: PUBLIC,
    responses: {
      200: { description: "Healthy", schema: HealthAnswer },
      503: { description: "The database does not answer", schema: DegradedAnswer },
    },
    handler: async (c) => {
      try {
        await c.var.db.db.run(sql`select 1`);
        return c.json({ status: "ok", database: "ok" });
      } catch (error) {
        console.error(JSON.stringify({ level: "error", msg: "health: database unavailable", requestId: c.var.requestId, error: String(error) }));
        return c.json({ status: "degraded", database: "unavailable" }, 503);
      }
    },
  }),
];
