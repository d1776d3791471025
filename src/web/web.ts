/**
 * The web front's request context: locale, translator, signed-in user, and the helpers
 * every page handler shares (rendering, form parsing, error pages, redirects).
 */
import type { Handler } from "hono";
import { html } from "hono/html";
import { getCookie, setCookie } from "hono/cookie";
import type { Actor, AppContext, AppEnv, RegionRef } from "../lib/context";
import { DomainError, ERROR_STATUS, type ErrorCode } from "../lib/errors";
import { safeNextPath } from "../features/auth/safe-next";
import type { Access } from "../features/auth/policy";
import { regionScope, type RegionScope } from "../db/scope";
import { translator, type MessageKey, type T } from "./i18n";
import type { Locale } from "../lib/vocabulary";
import { enforceAccess, prefetchRequest } from "../http/access";
import { loadAssetManifest } from "../http/assets";

export interface Web {
  c: AppContext;
  locale: Locale;
  t: T;
  actor: Actor | null;
  now: number;
  /** The region the page is about, when it has one (shown in the header). */
  region: RegionRef | null;
}

export const LANG_COOKIE = "lang";

function isLocale(value: string | undefined): value is Locale {
  return value === "nl" || value === "en";
}

/** Dutch by default; `?lang=en` switches and remembers the choice in the `lang` cookie. */
export async function webContext(c: AppContext): Promise<Web> {
  const asked = c.req.query("lang");
  let locale: Locale = "nl";
  if (isLocale(asked)) {
    locale = asked;
    setCookie(c, LANG_COOKIE, asked, { path: "/", sameSite: "Lax", maxAge: 365 * 24 * 3600, secure: !c.var.config.isLocal });
  } else {
    const stored = getCookie(c, LANG_COOKIE);
    if (isLocale(stored)) locale = stored;
  }
  await Promise.all([prefetchRequest(c), loadAssetManifest(c.env)]);
  return { c, locale, t: translator(locale), actor: c.var.actor, now: Date.now(), region: null };
}

/** A page body and its metadata, rendered into the layout by `pages.tsx`. */
export interface PageSpec {
  title: string;
  body: unknown;
  status?: number;
}

type Renderer = (w: Web, page: PageSpec) => Response | Promise<Response>;
let renderer: Renderer | null = null;

/** The layout registers itself here so page modules need not import it (no cycles). */
export function setRenderer(r: Renderer): void {
  renderer = r;
}

export function render(w: Web, page: PageSpec): Response | Promise<Response> {
  if (!renderer) throw new Error("web renderer not set");
  w.c.header("Cache-Control", "no-store");
  return renderer(w, page);
}

/** 303 See Other: the answer to a successful form post (the browser then GETs `to`). */
export function seeOther(w: Web, to: string): Response {
  return w.c.redirect(to, 303);
}

/** A local path only: never an open redirect to another site. */
export function safeNext(next: string | undefined | null): string | null {
  return safeNextPath(next, "") || null;
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

/** Renders an error as an HTML page (never JSON, never a stack). */
export function errorPage(w: Web, status: number, key: MessageKey, detail?: string): Response | Promise<Response> {
  return render(w, {
    title: w.t(status === 404 ? "error.notFoundTitle" : "error.title"),
    status,
    body: html`<h1>${w.t(status === 404 ? "error.notFoundTitle" : "error.title")}</h1>
      <p class="lead">${w.t(key)}</p>
      ${detail ? html`<p>${detail}</p>` : ""}
      <p><a href="/">${w.t("error.home")}</a></p>`,
  });
}

/**
 * Turns a handler's error into the right answer: 401 → the sign-in page (with a way back),
 * a DomainError → an HTML error page with its status, anything else → a logged 500 page.
 */
export function handlePageError(w: Web, error: unknown): Response | Promise<Response> {
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

/** For a page about one region: checks `access`, notes the user and the region on `w` (for the layout) and returns the region's scope. */
export async function regionPageScope(w: Web, access: Access): Promise<RegionScope> {
  await enforceAccess(w.c, access);
  w.actor = w.c.var.actor;
  w.region = w.c.var.region;
  return regionScope(w.c.var.db, w.c.var.region);
}

/** The signed-in user, on a page whose access check has passed. */
export function actorOf(w: Web): Actor {
  if (!w.actor) throw new DomainError("unauthenticated", "Sign in");
  return w.actor;
}

const FORM_LIMIT_BYTES = 64 * 1024;

/** Form fields as strings; repeated names are kept as lists. */
export type FormData = Record<string, string | string[]>;

/** Reads a url-encoded or multipart form post (files are ignored), with a size limit. */
export async function readForm(w: Web): Promise<FormData> {
  const length = Number(w.c.req.header("content-length") ?? "0");
  if (length > FORM_LIMIT_BYTES) throw new DomainError("payload_too_large", "Form too large");
  const raw = await w.c.req.parseBody({ all: true });
  const out: FormData = {};
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) out[name] = value.filter((v): v is string => typeof v === "string");
    else if (typeof value === "string") out[name] = value;
  }
  return out;
}

export function field(form: FormData, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export function fields(form: FormData, name: string): string[] {
  const value = form[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Field errors keyed by the input's id, in the order they appear on the page. */
export type FieldErrors = Array<{ id: string; message: string }>;

export function errorFor(errors: FieldErrors, id: string): string | undefined {
  return errors.find((e) => e.id === id)?.message;
}

/** Adds the current language to a link only when it is not the default (keeps URLs clean). */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") search.set(k, String(v));
  const s = search.toString();
  return s ? `${path}?${s}` : path;
}
