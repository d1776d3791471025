/** The region admin's desk pages: list, create, change, opening hours, closures and Carnival. */
import type { Hono } from "hono";
import type { AppEnv } from "../../lib/context";
import { page } from "../kit/page";
import { closureRemove, closureSubmit, closuresPage } from "./closures";
import { createDeskSubmit, editDeskPage, editDeskSubmit, newDeskPage } from "./desk-form";
import { carnivalSubmit, deskListPage } from "./desk-list";
import { hoursPage, hoursSubmit } from "./opening-hours";

export function registerFrontdeskPages(app: Hono<AppEnv>): void {
  app.get("/beheer/:region/loketten", page(deskListPage));
  app.post("/beheer/:region/loketten/carnaval", page(carnivalSubmit));
  app.get("/beheer/:region/loketten/nieuw", page(newDeskPage));
  app.post("/beheer/:region/loketten/nieuw", page(createDeskSubmit));
  app.get("/beheer/:region/loketten/:id", page(editDeskPage));
  app.post("/beheer/:region/loketten/:id", page(editDeskSubmit));
  app.get(
    "/beheer/:region/loketten/:id/openingstijden",
    page((w) => hoursPage(w)),
  );
  app.post("/beheer/:region/loketten/:id/openingstijden", page(hoursSubmit));
  app.get(
    "/beheer/:region/loketten/:id/sluitingen",
    page((w) => closuresPage(w)),
  );
  app.post("/beheer/:region/loketten/:id/sluitingen", page(closureSubmit));
  app.post("/beheer/:region/loketten/:id/sluitingen/:closureId/verwijderen", page(closureRemove));
  app.post("/beheer/:region/loketten/:id/carnaval", page(carnivalSubmit));
}
