/**
 * The page pattern. A page is declared once with `pageRoute(method, path, access, handler)`,
 * like an API endpoint: `registerPages` applies its access rule (the same
 * `src/http/access.ts` as the API; a `:region` path resolves the region, 404 when unknown),
 * builds the request's {@link Web}, and turns a thrown error into the right HTML answer.
 * Handlers `render` a body into the layout (hono's `jsxRenderer`), and answer a successful
 * form post with `seeOther`. See docs/decisions/0005-one-page-pattern.md.
 */
import type { Hono } from "hono";
import type { Child } from "hono/jsx";
import { safeNextPath } from "../../features/auth/safe-next";
import { LOGIN_LINK_PATH } from "../../features/entrepreneurs/login.service";
import type { Access } from "../../features/auth/policy";
import { regionScope, type RegionScope } from "../../db/scope";
import { enforceAccess, type AccessOptions } from "../../http/access";
import type { Actor, AppContext, AppEnv } from "../../lib/context";
import { DomainError, ERROR_STATUS, type ErrorCode } from "../../lib/errors";
import { toErrorResponse } from "../../lib/http-errors";
import { translator, type MessageKey } from "../i18n";
import { pageLocale, webContext, type Web } from "./context";

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
  frontdesk_archived: "error.deskArchived",
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
        {status === 403 && w.actor ? <p>{w.t("error.forbiddenAs", { name: w.actor.name, email: w.actor.email })}</p> : null}
        <p>
          {/* A signed-in user's way out is their own start page (`/beheer` sends each role there). */}
          {status === 403 && w.actor ? <a href="/beheer">{w.t("error.startPage")}</a> : <a href="/">{w.t("error.home")}</a>}
        </p>
      </>
    ),
  });
}

/** How long a client should wait before trying again while the database is away. */
const UNAVAILABLE_RETRY_SECONDS = 5;

/**
 * The page for "the database is away" (503 with Retry-After), in the page's language. It
 * reads nothing from the database, so it can be shown while the database is down, also to
 * a signed-in user (who is shown as signed out on this one page).
 */
export function unavailablePage(c: AppContext): Response | Promise<Response> {
  const locale = pageLocale(c);
  const w: Web = { c, locale, t: translator(locale), actor: null, now: c.var.now, region: null };
  c.header("Retry-After", String(UNAVAILABLE_RETRY_SECONDS));
  const url = new URL(c.req.url);
  const again = c.req.method === "GET" ? `${url.pathname}${url.search}` : "/";
  const title = w.t("error.unavailableTitle");
  return render(w, {
    title,
    status: 503,
    body: (
      <>
        <h1>{title}</h1>
        <p class="lead">{w.t("error.unavailable")}</p>
        <p>
          <a href={again}>{w.t("error.tryAgain")}</a>
        </p>
      </>
    ),
  });
}

/** Whether an error means "the database is not there" (503) rather than a bug. */
function isUnavailable(error: unknown): boolean {
  return (error instanceof DomainError && error.code === "service_unavailable") || (!(error instanceof DomainError) && toErrorResponse(error).status === 503);
}

/** The page's context; while the database is away (the session cannot be read), the 503 page instead. */
async function pageContext(c: AppContext): Promise<Web | Response> {
  try {
    return await webContext(c);
  } catch (error) {
    if (isUnavailable(error)) return unavailablePage(c);
    throw error;
  }
}

/**
 * Turns a handler's error into the right answer: the database away → a 503 page with
 * Retry-After, 401 → the sign-in page (with a way back; the entrepreneur's own for their pages), a DomainError → an HTML error page
 * with its status, anything else → a logged 500 page.
 */
function handlePageError(w: Web, error: unknown, signInPath = "/inloggen"): Response | Promise<Response> {
  if (isUnavailable(error)) return unavailablePage(w.c);
  if (error instanceof DomainError) {
    if (error.code === "unauthenticated") {
      const url = new URL(w.c.req.url);
      const next = w.c.req.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
      return w.c.redirect(`${signInPath}?next=${encodeURIComponent(next)}`, 303);
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

/** One page: its method and path, who may open it, and its handler. */
export interface PageRoute {
  method: "get" | "post";
  path: string;
  access: Access;
  handler: (w: Web) => Response | Promise<Response>;
  /** Public pages: `regionInBatch` leaves the region to the handler's own read batch (see `AccessOptions`). */
  options: AccessOptions;
}

/**
 * Declares a page; `registerPages` applies `access` before `handler` runs.
 * @example export const agenda = pageRoute("get", "/beheer/:region/agenda", STAFF, agendaPage);
 */
export function pageRoute(method: PageRoute["method"], path: string, access: Access, handler: PageRoute["handler"], options: AccessOptions = {}): PageRoute {
  return { method, path, access, handler, options };
}

/** Registers pages in order (a fixed path such as `…/nieuw` before a `…/:id` beside it). */
export function registerPages(app: Hono<AppEnv>, pages: readonly PageRoute[]): void {
  for (const route of pages) {
    app.on(route.method.toUpperCase(), route.path, async (c) => {
      const w = await pageContext(c);
      if (w instanceof Response) return w;
      try {
        await enforceAccess(c, route.access, route.options);
        w.actor = c.var.actor ?? w.actor;
        // With `regionInBatch` the region may not be read yet: the handler sets it from its batch.
        if (route.path.includes(":region")) w.region = c.var.region ?? null;
        return await route.handler(w);
      } catch (error) {
        return handlePageError(w, error, route.access.kind === "entrepreneur" || route.access.kind === "member" ? LOGIN_LINK_PATH : undefined);
      }
    });
  }
}

/** The page for an unknown address outside the API. */
export async function renderNotFoundPage(c: AppContext): Promise<Response> {
  const w = await pageContext(c);
  return w instanceof Response ? w : errorPage(w, 404, "error.notFound");
}

/** The scope of the page's region (a page whose path has `:region`). */
export function scopeOf(w: Web): RegionScope {
  if (!w.region) throw new Error("scopeOf on a page without a :region segment");
  return regionScope(w.c.var.db, w.region);
}

/** The signed-in user, on a page whose access rule demanded a session. */
export function actorOf(w: Web): Actor {
  if (!w.actor) throw new DomainError("unauthenticated", "Sign in");
  return w.actor;
}
