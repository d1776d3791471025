/** Scouting and the Support Process: registration (staff and self), candidates, caseloads, trajectories, assignment, settings and figures. */
import type { Hono } from "hono";
import type { AppEnv } from "../../lib/context";
import { page } from "../kit/page";
import { assignPage } from "./assignment-page";
import { candidatesPage, caseloadPage } from "./candidate-lists";
import { newCandidatePage, newCandidateSubmit, selfPage, selfSubmit } from "./candidate-form";
import { figuresPage } from "./figures-page";
import { settingsPage, settingsSubmit } from "./settings-page";
import { assignSubmit, commitmentSubmit, sessionSubmit, stageSubmit, trajectoryPage } from "./trajectory-page";

export function registerScoutingPages(app: Hono<AppEnv>): void {
  app.get("/boeken/:region/begeleidingstraject", page(selfPage));
  app.post("/boeken/:region/begeleidingstraject", page(selfSubmit));
  app.get("/beheer/:region/kandidaten", page(candidatesPage));
  app.get("/beheer/:region/kandidaten/nieuw", page(newCandidatePage));
  app.post("/beheer/:region/kandidaten/nieuw", page(newCandidateSubmit));
  app.get(
    "/beheer/:region/kandidaten/:id",
    page((w) => trajectoryPage(w)),
  );
  app.post("/beheer/:region/kandidaten/:id/fase", page(stageSubmit));
  app.post("/beheer/:region/kandidaten/:id/toezegging", page(commitmentSubmit));
  app.post("/beheer/:region/kandidaten/:id/sessie", page(sessionSubmit));
  app.post("/beheer/:region/kandidaten/:id/adviseur", page(assignSubmit));
  app.get("/beheer/:region/trajecten", page(caseloadPage));
  app.get(
    "/beheer/:region/toewijzen",
    page((w) => assignPage(w)),
  );
  app.get(
    "/beheer/:region/begeleiding/instellingen",
    page((w) => settingsPage(w)),
  );
  app.post("/beheer/:region/begeleiding/instellingen", page(settingsSubmit));
  app.get("/beheer/:region/begeleiding/cijfers", page(figuresPage));
}
