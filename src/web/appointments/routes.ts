/** The appointment pages: finding a desk and booking, the manage link, and the staff agenda. */
import type { Hono } from "hono";
import type { AppEnv } from "../../lib/context";
import { page } from "../kit/page";
import { agendaPage, outcomeSubmit } from "./agenda-page";
import { bookingFormPage, bookingSubmit } from "./booking-form";
import { deskPage } from "./desk-page";
import { homePage, searchRedirect } from "./home-page";
import { cancelPage, cancelSubmit, confirmationPage, managePage, reschedulePage, rescheduleSubmit } from "./manage-pages";
import { regionOverviewPage } from "./region-page";

export function registerAppointmentPages(app: Hono<AppEnv>): void {
  app.get("/", page(homePage));
  app.get("/zoeken", page(searchRedirect));
  app.get("/boeken/:region", page(regionOverviewPage));
  app.get("/boeken/:region/loket/:id", page(deskPage));
  app.get("/boeken/:region/loket/:id/afspraak", page(bookingFormPage));
  app.post("/boeken/:region/loket/:id/afspraak", page(bookingSubmit));
  app.get("/afspraak/:token/bevestigd", page(confirmationPage));
  app.get("/afspraak/:token", page(managePage));
  app.get(
    "/afspraak/:token/annuleren",
    page((w) => cancelPage(w)),
  );
  app.post("/afspraak/:token/annuleren", page(cancelSubmit));
  app.get(
    "/afspraak/:token/verzetten",
    page((w) => reschedulePage(w)),
  );
  app.post("/afspraak/:token/verzetten", page(rescheduleSubmit));
  app.get("/beheer/:region/agenda", page(agendaPage));
  app.post("/beheer/:region/afspraken/:id/uitkomst", page(outcomeSubmit));
}
