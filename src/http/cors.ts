/**
 * CORS for the public reads of a region (issue 20): a browser on an origin the region registered
 * (`/api/v1/regions/{region}/admin/embed-origins`) may read `GET /api/v1/regions/{region}/…`
 * public routes; any other origin gets no CORS header, so the browser keeps the answer from it.
 * Credentials are never allowed. The registered origins come with the region row the route's own
 * read batch already holds (`src/lib/origins.ts`), so a GET costs no extra round trip; a
 * preflight (OPTIONS) reads the region row once.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/context";
import { regionOriginsSeen } from "../lib/origins";
import { ReadPlan } from "../db/read";
import { isRegionSlug, regionLookup } from "../features/regions/regions.service";

const ALLOWED_HEADERS = "Accept, Accept-Language, Content-Type, If-None-Match";

function allow(headers: Headers, origin: string): void {
  headers.set("Access-Control-Allow-Origin", origin);
  headers.append("Vary", "Origin");
}

/**
 * @param publicReads patterns (below `/api/v1`) of the public GET routes about one region.
 * @example app.use("/api/v1/regions/*", regionCors(patterns));
 */
export function regionCors(publicReads: RegExp[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const path = url.pathname.replace(/^\/api\/v1/, "");
    const slug = /^\/regions\/([^/]+)/.exec(path)?.[1];
    const origin = c.req.header("origin");
    const isPublicRead = slug !== undefined && publicReads.some((p) => p.test(path));
    if (c.req.method === "OPTIONS" && isPublicRead && origin && c.req.header("access-control-request-method")) {
      const response = new Response(null, { status: 204 });
      response.headers.set("Vary", "Origin");
      if (isRegionSlug(slug)) {
        const plan = new ReadPlan(c.var.db);
        const region = regionLookup(plan, slug);
        await plan.run();
        const origins = region()?.embedOrigins ?? [];
        const method = c.req.header("access-control-request-method")?.toUpperCase();
        if (origins.includes(origin) && (method === "GET" || method === "HEAD")) {
          allow(response.headers, origin);
          response.headers.set("Access-Control-Allow-Methods", "GET, HEAD");
          response.headers.set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
          response.headers.set("Access-Control-Max-Age", "600");
        }
      }
      return response;
    }
    await next();
    if (!isPublicRead || (c.req.method !== "GET" && c.req.method !== "HEAD")) return;
    c.res.headers.append("Vary", "Origin");
    if (!origin || !slug) return;
    const origins = regionOriginsSeen(c.var.db, slug);
    if (origins?.includes(origin)) c.res.headers.set("Access-Control-Allow-Origin", origin);
  };
}
