import type { Hono } from "hono";
import type { AppContext, AppEnv } from "../lib/context";

/**
 * Registers the server-rendered web front (entrepreneurs, staff, province) on the app.
 * @example registerWebPages(app);
 */
export function registerWebPages(_app: Hono<AppEnv>): void {}

/** The page for an unknown address outside the API. */
export function renderNotFoundPage(c: AppContext): Response | Promise<Response> {
  return c.html("<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Niet gevonden</title></head><body><main><h1>Pagina niet gevonden</h1><p><a href=\"/\">Naar de startpagina</a></p></main></body></html>", 404);
}
