/**
 * The page pattern: `page(handler)` builds the request's {@link Web}, and turns a thrown
 * error into the right HTML answer; `regionPage`/`signedInPage` apply an access rule (the
 * same `src/http/access.ts` as the API); `render` puts a body in the layout (hono's
 * `jsxRenderer`, registered in `src/web/routes.tsx`); a successful form post answers
 * `seeOther`. See docs/decisions/0005-one-page-pattern.md.
 */
import type { Handler } from "hono";
import type { Child } from "hono/jsx";
import { safeNextPath } from "../../features/auth/safe-next";
import type { Access } from "../../features/auth/policy";
import { regionScope, type RegionScope } from "../../db/scope";
import { enforceAccess } from "../../http/access";
import type { Actor, AppContext, AppEnv } from "../../lib/context";
import { DomainError, ERROR_STATUS, type ErrorCode } from "../../lib/errors";
import type { MessageKey } from "../i18n";
import { webContext, type Web } from "./context";

/** A page body and its metadata. */
export interface PageSpec {
  title: string;
  body: Child;
  status?: number;
}

/** Renders a body into the page layout (never cached: pages can show personal data). */
export function render(w: Web, page: PageSpec): Response | Promise<Response> {
  w.c.header("Cache-Control", "no-store");
  if (page.status) w.c.status(page.status as 200);
  return w.c.render(page.body, { title: page.title, w });
}

/** 303 See Other: the answer to a successful form post (the browser then GETs `to`). */
export function seeOther(w: Web, to: string): Response {
  return w.c.redirect(to, 303);
}

/** A local path only: never an open redirect to another site. */
export function safeNext(next: string | undefined | null): string | null {
  return safeNextPath(next, "") || null;
}

/** A link with query parameters; empty ones are left out (keeps URLs clean). */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") search.set(k, String(v));
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}

const ERROR_KEYS: Partial<Record<ErrorCode, MessageKey>> = {
  forbidden: "error.forbidden",
  not_found: "error.notFound",
  conflict: "error.conflict",
  slot_unavailable: "error.slotUnavailable",
  too_late: "error.tooLate",
  has_future_appointments: "error.hasFuture",
  payload_too_large: "error.tooLarge",
  rate_limited: "error.rateLimited",
  service_unavailable: "error.unavailable",
  validation_failed: "error.validation",
};

/** The translated message for a domain error's code. */
export function errorText(w: Web, code: ErrorCode): string {
  return w.t(ERROR_KEYS[code] ?? "error.generic");
}

/** Renders an error as an HTML page (never JSON, never a stack). */
function errorPage(w: Web, status: number, key: MessageKey): Response | Promise<Response> {
  const title = w.t(status === 404 ? "error.notFoundTitle" : "error.title");
  return render(w, {
    title,
    status,
    body: (
      <>
        <h1>{title}</h1>
        <p class="lead">{w.t(key)}</p>
        <p>
          <a href="/">{w.t("error.home")}</a>
        </p>
      </>
    ),
  });
}

/**
 * Turns a handler's error into the right answer: 401 → the sign-in page (with a way back),
 * a DomainError → an HTML error page with its status, anything else → a logged 500 page.
 */
function handlePageError(w: Web, error: unknown): Response | Promise<Response> {
  if (error instanceof DomainError) {
    if (error.code === "unauthenticated") {
      const url = new URL(w.c.req.url);
      const next = w.c.req.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
      return w.c.redirect(`/inloggen?next=${encodeURIComponent(next)}`, 303);
    }
    return errorPage(w, ERROR_STATUS[error.code], ERROR_KEYS[error.code] ?? "error.generic");
  }
  console.error(
    JSON.stringify({
      level: "error",
      msg: "page error",
      requestId: w.c.get("requestId"),
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    }),
  );
  return errorPage(w, 500, "error.generic");
}

/**
 * Wraps a page handler: builds the web context and catches errors into HTML pages.
 * @example app.get("/", page(async (w) => render(w, { title: "…", body: … })));
 */
export function page(fn: (w: Web) => Response | Promise<Response>): Handler<AppEnv> {
  return async (c) => {
    const w = await webContext(c);
    try {
      return await fn(w);
    } catch (error) {
      return handlePageError(w, error);
    }
  };
}

/** The page for an unknown address outside the API. */
export async function renderNotFoundPage(c: AppContext): Promise<Response> {
  return errorPage(await webContext(c), 404, "error.notFound");
}

/**
 * For a page about one region (`:region` in its path): applies `access`, notes the user and
 * the region on `w` (for the layout) and returns the region's scope.
 * @example const scope = await regionPage(w, ADMIN);
 */
export async function regionPage(w: Web, access: Access): Promise<RegionScope> {
  await enforceAccess(w.c, access);
  w.actor = w.c.var.actor;
  w.region = w.c.var.region;
  return regionScope(w.c.var.db, w.c.var.region);
}

/** For a signed-in page without a region: applies `access` and returns the user. */
export async function signedInPage(w: Web, access: Access): Promise<Actor> {
  await enforceAccess(w.c, access);
  return actorOf(w);
}

/** The signed-in user, on a page whose access check has passed. */
export function actorOf(w: Web): Actor {
  w.actor = w.c.var.actor ?? w.actor;
  if (!w.actor) throw new DomainError("unauthenticated", "Sign in");
  return w.actor;
}
