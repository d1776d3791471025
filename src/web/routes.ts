/**
 * The server-rendered web front: the page renderer, then each feature's pages (every folder
 * here has a `routes.ts` that registers its pages; see the README's "how to add a feature").
 */
import type { Hono } from "hono";
import type { AppEnv } from "../lib/context";
import { registerAccountPages } from "./accounts/routes";
import { registerAppointmentPages } from "./appointments/routes";
import { registerAuthPages } from "./auth/routes";
import { registerFrontdeskPages } from "./frontdesks/routes";
import { pageRenderer } from "./kit/layout";
import { registerNotificationPages } from "./notifications/routes";
import { registerReportPages } from "./reports/routes";
import { registerScoutingPages } from "./scouting/routes";
import { registerSitePages } from "./site/routes";

export { renderNotFoundPage } from "./kit/page";

/**
 * Registers the web front on the app.
 * @example registerWebPages(app);
 */
export function registerWebPages(app: Hono<AppEnv>): void {
  app.use(pageRenderer);
  registerSitePages(app);
  registerAppointmentPages(app);
  registerAuthPages(app);
  registerAccountPages(app);
  registerFrontdeskPages(app);
  registerNotificationPages(app);
  registerScoutingPages(app);
  registerReportPages(app);
}
