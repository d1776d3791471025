import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { readConfig } from "./env";
import { openDb } from "./db/client";
import type { AppEnv } from "./lib/context";
import { DomainError } from "./lib/errors";
import { registerEndpoints, type Endpoint } from "./http/endpoint";
import { toErrorResponse } from "./lib/http-errors";
import { assetCacheControl } from "./http/assets";
import { BODY_LIMIT_BYTES, limitBody } from "./lib/body-limit";
import { requestNow } from "./lib/clock";
import { authEndpoints } from "./features/auth/auth.routes";
import { docsEndpoints, renderReference } from "./features/docs/docs.routes";
import { buildOpenApi } from "./features/docs/openapi";
import { publicFrontdeskEndpoints } from "./features/frontdesks/frontdesks.routes";
import { healthEndpoints } from "./features/health/health.routes";
import { regionEndpoints } from "./features/regions/regions.routes";
import { appointmentEndpoints } from "./features/appointments/appointments.routes";
import { agendaEndpoints } from "./features/appointments/agenda.routes";
import { availabilityEndpoints } from "./features/availability/availability.routes";
import { adminFrontdeskEndpoints } from "./features/frontdesks/frontdesks.admin.routes";
import { notificationEndpoints, renderDevMailbox } from "./features/notifications/notifications.routes";
import { accountEndpoints } from "./features/accounts/accounts.routes";
import { reportEndpoints } from "./features/reports/reports.routes";
import { scoutingEndpoints } from "./features/scouting/scouting.routes";
import { programmeEndpoints } from "./features/programme/programme.routes";
import { organisationEndpoints } from "./features/organisations/organisations.routes";
import { catalogueEndpoints } from "./features/catalogue/catalogue.routes";
import { offerEndpoints } from "./features/catalogue/offers.routes";
import { insightEndpoints } from "./features/insights/insights.routes";
import { entrepreneurEndpoints } from "./features/entrepreneurs/entrepreneurs.routes";
import { entrepreneurStaffEndpoints } from "./features/entrepreneurs/staff.routes";
import { scoutingDocumentEndpoints } from "./features/scouting/scouting-documents.routes";
import { registerWebPages, renderNotFoundPage, unavailablePage } from "./web/routes";
import { publicEventEndpoints } from "./features/events/events.routes";
import { organiserEventEndpoints } from "./features/events/events.admin.routes";
import { referralEndpoints } from "./features/referrals/referrals.routes";
import { webhookEndpoints } from "./features/webhooks/webhooks.routes";
import { embedOriginEndpoints } from "./features/embed/embed-origins.routes";
import { kvkEndpoints } from "./features/kvk/kvk.routes";
import { regionCors } from "./http/cors";
import { registerEmbed } from "./web/embed/embed";
import { apiKeyEndpoints } from "./features/api-keys/api-keys.routes";
import { communityEndpoints } from "./features/community/community.routes";

/** Every API endpoint, in one list: the router, the OpenAPI document and the isolation test all read it. */
export function apiEndpoints(): Endpoint[] {
  const endpoints: Endpoint[] = [
    ...healthEndpoints,
    ...regionEndpoints,
    ...publicFrontdeskEndpoints,
    ...availabilityEndpoints,
    ...appointmentEndpoints,
    ...authEndpoints,
    ...adminFrontdeskEndpoints,
    ...agendaEndpoints,
    ...notificationEndpoints,
    ...accountEndpoints,
    ...reportEndpoints,
    ...scoutingEndpoints,
    ...programmeEndpoints,
    ...organisationEndpoints,
    ...catalogueEndpoints,
    ...offerEndpoints,
    ...insightEndpoints,
    ...entrepreneurEndpoints,
    ...entrepreneurStaffEndpoints,
    ...scoutingDocumentEndpoints,
    ...publicEventEndpoints,
    ...organiserEventEndpoints,
    ...referralEndpoints,
    ...webhookEndpoints,
    ...embedOriginEndpoints,
    ...kvkEndpoints,
    ...apiKeyEndpoints,
    ...communityEndpoints,
  ];
  return [...endpoints, ...docsEndpoints(() => endpoints)];
}

export { BODY_LIMIT_BYTES };

/** Manage links are capabilities: logs keep the route, never the token in it. */
export function redactPath(path: string): string {
  return path.replace(/\/(appointments|afspraak|registrations|aanmelding|referrals|doorverwijzing)\/[^/]+/, "/$1/[token]");
}

/**
 * Assembles the Hono app: middleware, then one registration per feature.
 * `extra` lets a test add endpoints (e.g. to prove the isolation check catches an unprotected one).
 * @example export default { fetch: createApp().fetch }
 */
export function createApp(extra: Endpoint[] = []) {
  const app = new Hono<AppEnv>();
  const endpoints = [...apiEndpoints(), ...extra];

  // `/api/v1/regions/` means `/api/v1/regions`: serve it as such (no redirect, so a POST keeps its body).
  app.use("/api/*", async (c, next) => {
    const url = new URL(c.req.url);
    if (!url.pathname.endsWith("/")) return next();
    url.pathname = url.pathname.replace(/\/+$/, "");
    let ctx: ExecutionContext | undefined;
    try {
      ctx = c.executionCtx;
    } catch {
      // In-process calls (app.request in tests) have no execution context.
    }
    return app.fetch(new Request(url, c.req.raw), c.env, ctx);
  });
  app.use(requestId({ headerName: "X-Request-Id" }));
  app.use(async (c, next) => {
    const started = Date.now();
    c.set("config", readConfig(c.env));
    c.set("db", openDb(c.get("config")));
    c.set("actor", null);
    c.set("actorLoaded", false);
    c.set("now", requestNow(c.get("config"), c.req.header("x-test-now")));
    await next();
    // The contract promises the charset on every JSON answer; Hono's c.json leaves it out.
    if (c.res.headers.get("content-type") === "application/json") c.res.headers.set("content-type", "application/json; charset=utf-8");
    console.log(
      JSON.stringify({
        level: c.res.status >= 500 ? "error" : "info",
        msg: "request",
        requestId: c.get("requestId"),
        method: c.req.method,
        path: redactPath(new URL(c.req.url).pathname),
        status: c.res.status,
        ms: Date.now() - started,
      }),
    );
  });
  // Embed answers (src/web/embed/embed.ts) may be framed by the region's registered origins: their
  // CSP's frame-ancestors lists exactly those; X-Frame-Options cannot list origins, so it goes.
  app.use(async (c, next) => {
    await next();
    // The embed loader is loaded by partner sites: the one asset other origins may use.
    if (/^\/assets\/embed(\.[0-9a-f]{10})?\.js$/.test(new URL(c.req.url).pathname)) c.res.headers.set("Cross-Origin-Resource-Policy", "cross-origin");
    const ancestors = c.var.frameAncestors;
    if (ancestors === undefined) return;
    const csp = c.res.headers.get("Content-Security-Policy") ?? "";
    c.res.headers.set("Content-Security-Policy", csp.replace(/frame-ancestors [^;]*/, `frame-ancestors ${ancestors}`));
    c.res.headers.delete("X-Frame-Options");
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: "strict-origin-when-cross-origin",
      xFrameOptions: "DENY",
      strictTransportSecurity: false,
    }),
  );
  app.use(async (c, next) => {
    await next();
    if (!c.var.config.isLocal) c.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  });

  // CORS for the public reads of a region, from its registered origins only (issue 20).
  const publicRegionReads = endpoints
    .filter((e) => e.method === "get" && e.access.kind === "public" && e.path.startsWith("/regions/:region"))
    .map((e) => new RegExp(`^${e.path.replace(/:[A-Za-z]+/g, "[^/]+").replace(/\./g, "\\.")}$`));
  app.use("/api/v1/regions/*", regionCors(publicRegionReads));

  const api = new Hono<AppEnv>();
  api.use(limitBody(BODY_LIMIT_BYTES));
  registerEndpoints(api, endpoints);
  app.route("/api/v1", api);
  app.get("/dev/mail", renderDevMailbox);
  app.get("/api/docs", (c) => c.html(renderReference(buildOpenApi(endpoints, new URL(c.req.url).origin))));
  // A known path with another method is 405 with Allow; anything else under /api is 404.
  const routeMatchers = endpoints.map((e) => ({ method: e.method.toUpperCase(), pattern: new RegExp(`^/api/v1${e.path.replace(/:[A-Za-z]+/g, "[^/]+")}$`) }));
  app.all("/api/*", (c) => {
    const path = new URL(c.req.url).pathname;
    const allowed = [...new Set(routeMatchers.filter((m) => m.pattern.test(path)).map((m) => m.method))];
    if (allowed.length === 0) throw new DomainError("not_found", "There is no such API route. See /api/docs for the reference.");
    if (allowed.includes("GET")) allowed.push("HEAD");
    c.header("Allow", allowed.join(", "));
    throw new DomainError("method_not_allowed", `This route does not accept ${c.req.method}; it accepts ${allowed.join(", ")}.`);
  });

  // Static files live in web/public; the Worker runs first (run_worker_first) so every
  // response gets the security headers, then hands /assets/* to the assets binding.
  app.get("/assets/*", async (c) => {
    if (!c.env.ASSETS) return c.notFound();
    const response = await c.env.ASSETS.fetch(c.req.raw);
    const answer = new Response(response.body, response);
    // Hashed names never change content: a year, immutable; plain names a short while (src/http/assets.ts).
    if (response.ok) answer.headers.set("Cache-Control", assetCacheControl(new URL(c.req.url).pathname));
    return answer;
  });
  // The site icon (web/public): browsers ask for /favicon.ico on every page; its address
  // carries no version, so it may be cached for a day rather than for ever.
  for (const path of ["/favicon.ico", "/favicon.svg"]) {
    app.get(path, async (c) => {
      if (!c.env.ASSETS) return c.notFound();
      const response = await c.env.ASSETS.fetch(c.req.raw);
      const icon = new Response(response.body, response);
      if (response.ok) icon.headers.set("Cache-Control", "public, max-age=86400");
      return icon;
    });
  }
  // The embeddable booking pages (issue 20): the booking pages in a frame layout, framable by the region's registered origins.
  registerEmbed(app);
  registerWebPages(app);

  app.onError((error, c) => {
    const { status, body, headers, unexpected } = toErrorResponse(error);
    if (unexpected) {
      console.error(
        JSON.stringify({
          level: "error",
          msg: "unhandled error",
          requestId: c.get("requestId"),
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        }),
      );
    }
    // Web pages get a page while the database is away; the API keeps its JSON 503.
    if (status === 503 && !new URL(c.req.url).pathname.startsWith("/api/")) return unavailablePage(c);
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    return c.json(body, status as 400);
  });
  app.notFound((c) =>
    new URL(c.req.url).pathname.startsWith("/api/")
      ? c.json({ error: { code: "not_found", message: "This page does not exist." } }, 404)
      : renderNotFoundPage(c),
  );
  return app;
}
