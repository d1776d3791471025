import type { Hono } from "hono";
import type { AppContext, AppEnv } from "../lib/context";
import "./layout";
import { errorPage, webContext } from "./web";
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
  const w = await webContext(c);
  return errorPage(w, 404, "error.notFound");
}
