/** The province's pages. */
import type { Hono } from "hono";
import type { AppEnv } from "../../lib/context";
import { page } from "../kit/page";
import { provinceDashboard } from "./province-dashboard";

export function registerReportPages(app: Hono<AppEnv>): void {
  app.get("/provincie", page(provinceDashboard));
}
