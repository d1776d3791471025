import type { Hono } from "hono";
import type { AppContext, AppEnv } from "../lib/context";
import "./layout";
import { errorPage, isUnavailable, unavailablePage, webContext } from "./web";
export { unavailablePage } from "./web";
import { registerPublicPages } from "./public-pages";
import { registerManagePages } from "./manage-pages";
import { registerStaffPages } from "./staff-pages";
import { registerAdminPages } from "./admin-pages";
import { registerProvincePages } from "./province-pages";
import { registerAccountPages } from "./account-pages";
import { registerScoutingPages } from "./scouting-pages";

/**
 * Registers the server-rendered web front (entrepreneurs, staff, province) on the app.
 * @example registerWebPages(app);
 */
export function registerWebPages(app: Hono<AppEnv>): void {
  registerPublicPages(app);
  registerManagePages(app);
  registerStaffPages(app);
  registerAdminPages(app);
  registerProvincePages(app);
  registerAccountPages(app);
  registerScoutingPages(app);
}

/** The page for an unknown address outside the API. */
export async function renderNotFoundPage(c: AppContext): Promise<Response> {
  let w: Awaited<ReturnType<typeof webContext>>;
  try {
    w = await webContext(c);
  } catch (error) {
    // The database is away (the session could not be read): say so rather than a bare 500.
    if (isUnavailable(error)) return unavailablePage(c);
    throw error;
  }
  return errorPage(w, 404, "error.notFound");
}
