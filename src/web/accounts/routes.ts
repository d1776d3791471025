/** Account pages: one-time links, passwords, the region's staff and the region-admin invitation. */
import type { Hono } from "hono";
import type { AppEnv } from "../../lib/context";
import { page } from "../kit/page";
import { changePage, changeSubmit, forgotPage, forgotSubmit, tokenGet, tokenPost } from "./password-pages";
import { platformInvitePage, platformInviteSubmit } from "./platform-invite";
import { createStaffSubmit, editStaffPage, editStaffSubmit, newStaffPage, resendSubmit, setDisabled, staffListPage } from "./staff-admin";

export function registerAccountPages(app: Hono<AppEnv>): void {
  app.get("/account/uitnodiging", page(tokenGet("invitation")));
  app.post("/account/uitnodiging", page(tokenPost("invitation")));
  app.get("/account/wachtwoord-herstellen", page(tokenGet("password_reset")));
  app.post("/account/wachtwoord-herstellen", page(tokenPost("password_reset")));
  app.get(
    "/account/wachtwoord-vergeten",
    page((w) => forgotPage(w, "", [])),
  );
  app.post("/account/wachtwoord-vergeten", page(forgotSubmit));
  app.get(
    "/account/wachtwoord",
    page((w) => changePage(w)),
  );
  app.post("/account/wachtwoord", page(changeSubmit));
  app.get("/beheer/:region/medewerkers", page(staffListPage));
  app.get("/beheer/:region/medewerkers/nieuw", page(newStaffPage));
  app.post("/beheer/:region/medewerkers/nieuw", page(createStaffSubmit));
  app.get("/beheer/:region/medewerkers/:id", page(editStaffPage));
  app.post("/beheer/:region/medewerkers/:id", page(editStaffSubmit));
  app.post("/beheer/:region/medewerkers/:id/uitschakelen", page(setDisabled(true)));
  app.post("/beheer/:region/medewerkers/:id/inschakelen", page(setDisabled(false)));
  app.post("/beheer/:region/medewerkers/:id/uitnodiging", page(resendSubmit));
  app.get(
    "/beheer/regiobeheerder-uitnodigen",
    page((w) => platformInvitePage(w)),
  );
  app.post("/beheer/regiobeheerder-uitnodigen", page(platformInviteSubmit));
}
