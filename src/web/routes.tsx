import type { Hono } from "hono";
import type { AppContext, AppEnv } from "../lib/context";
import "./kit/layout";
import { errorPage, webContext } from "./kit/page";
import { registerPublicPages } from "./appointments/booking-pages";
import { registerManagePages } from "./appointments/manage-pages";
import { registerStaffPages } from "./auth/staff-pages";
import { registerAdminPages } from "./frontdesks/desk-pages";
import { registerProvincePages } from "./reports/province-pages";
import { registerAccountPages } from "./accounts/account-pages";
import { registerScoutingPages } from "./scouting/scouting-pages";

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
