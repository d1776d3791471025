/** Signing in and out, and the staff start page. */
import type { Hono } from "hono";
import type { AppEnv } from "../../lib/context";
import { page } from "../kit/page";
import { loginFormPage, loginSubmit, logoutSubmit, staffHome } from "./sign-in";

export function registerAuthPages(app: Hono<AppEnv>): void {
  app.get("/inloggen", page(loginFormPage));
  app.post("/inloggen", page(loginSubmit));
  app.post("/uitloggen", page(logoutSubmit));
  app.get("/beheer", page(staffHome));
}
