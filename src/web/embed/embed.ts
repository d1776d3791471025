/**
 * The embeddable booking (issue 20): `/embed/{region}` and `/embed/{region}/{frontdeskId}` are the
 * booking pages (`/boeken/{region}`, `/boeken/{region}/loket/{id}`) in a minimal frame layout, and
 * the steps after them (booking form, confirmation, manage link) under `/embed/{region}/p/…`.
 * Only these answers may be framed, and only by the origins the region registered
 * (`/api/v1/regions/{region}/admin/embed-origins`): CSP `frame-ancestors` lists exactly those
 * (`'none'` without any), and X-Frame-Options is dropped for them alone. Every other page keeps
 * `frame-ancestors 'none'` and `X-Frame-Options: DENY`.
 *
 * How: the embed route serves the same page through the app (an inner request marked in
 * `kit/embed-flag.ts`), so the booking pages, their one read batch, their forms and their no-JS
 * behaviour are the very same; the page's links and redirects into the booking flow are rewritten
 * to stay under `/embed/{region}`, other links open in a new tab. The registered origins come with
 * the region row of the page's own batch (`src/lib/origins.ts`): no extra round trip.
 */
import type { Context, Hono, MiddlewareHandler } from "hono";
import type { AppEnv } from "../../lib/context";
import { regionOriginsSeen } from "../../lib/origins";
import { embedOf, markEmbedRequest } from "../kit/embed-flag";

const SLUG = /^[a-z0-9-]{1,60}$/;

/** The page path an embed path shows, or null. */
export function pagePathOf(region: string, rest: string): string | null {
  if (rest === "") return `/boeken/${region}`;
  if (/^[A-Za-z0-9_-]{1,64}$/.test(rest)) return `/boeken/${region}/loket/${rest}`;
  const inner = rest.startsWith("p/") ? `/${rest.slice(2)}` : null;
  if (inner && (inner.startsWith(`/boeken/${region}/`) || inner.startsWith("/afspraak/"))) return inner;
  return null;
}

/** The embed path for a link of a framed page, or null for a link that leaves the booking flow. */
export function embedPathOf(region: string, href: string): string | null {
  if (!href.startsWith("/") || href.startsWith("//")) return null;
  const at = href.indexOf("?");
  const path = at === -1 ? href : href.slice(0, at);
  const suffix = at === -1 ? "" : href.slice(at);
  if (path === `/boeken/${region}`) return `/embed/${region}${suffix}`;
  const desk = new RegExp(`^/boeken/${region}/loket/([A-Za-z0-9_-]{1,64})$`).exec(path);
  if (desk) return `/embed/${region}/${desk[1]}${suffix}`;
  if (path.startsWith(`/boeken/${region}/`) || path.startsWith("/afspraak/")) return `/embed/${region}/p${path}${suffix}`;
  return null;
}

function rewriteLinks(response: Response, region: string): Response {
  const type = response.headers.get("content-type") ?? "";
  const location = response.headers.get("location");
  if (location) {
    const to = embedPathOf(region, location);
    const headers = new Headers(response.headers);
    if (to) headers.set("location", to);
    return new Response(response.body, { status: response.status, headers });
  }
  if (!type.startsWith("text/html")) return response;
  const link = (attr: "href" | "action") => ({
    element(el: Element) {
      const value = el.getAttribute(attr);
      if (value === null) return;
      const to = embedPathOf(region, value);
      if (to) el.setAttribute(attr, to);
      else if (attr === "href" && !value.startsWith("#") && !value.startsWith("/assets/") && !value.startsWith("/favicon")) {
        // Leaving the booking flow: a new tab, never the partner's page replaced by ours.
        el.setAttribute("target", "_blank");
        el.setAttribute("rel", "noopener");
      }
    },
  });
  return new HTMLRewriter()
    .on("a[href]", link("href"))
    .on("link[href]", { element() {} })
    .on("form[action]", link("action"))
    .transform(response);
}

/** Inner requests: note the region's origins read by the page's own batch. */
const noteOrigins: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const embed = embedOf(c.req.raw);
  if (embed) embed.origins = regionOriginsSeen(c.var.db, embed.region);
};

/**
 * Registers `/embed/…` on the app (before the pages).
 * @example registerEmbed(app);
 */
export function registerEmbed(app: Hono<AppEnv>): void {
  app.use("/boeken/*", noteOrigins);
  app.use("/afspraak/*", noteOrigins);
  const serve = async (c: Context<AppEnv>) => {
    const url = new URL(c.req.url);
    const match = /^\/embed\/([^/]+)\/?(.*)$/.exec(url.pathname);
    const region = match?.[1] ?? "";
    const path = SLUG.test(region) ? pagePathOf(region, match?.[2] ?? "") : null;
    if (!path) return c.notFound();
    const inner = new Request(new URL(`${path}${url.search}`, url.origin), c.req.raw);
    markEmbedRequest(inner, region);
    let ctx: ExecutionContext | undefined;
    try {
      ctx = c.executionCtx;
    } catch {
      // In-process calls have no execution context.
    }
    const response = await app.fetch(inner, c.env, ctx);
    const origins = embedOf(inner)?.origins ?? [];
    // The outer answer's CSP (src/app.ts) reads this: exactly the region's origins, or 'none'.
    c.set("frameAncestors", origins.length > 0 ? origins.join(" ") : "'none'");
    const answer = rewriteLinks(response, region);
    const headers = new Headers(answer.headers);
    headers.delete("content-security-policy");
    headers.delete("x-frame-options");
    return new Response(answer.body, { status: answer.status, headers });
  };
  app.get("/embed/*", serve);
  app.post("/embed/*", serve);
}
