/**
 * The server-rendered web front: the page renderer, then every page. Each page is declared
 * beside its handler with `pageRoute` (path, access rule, handler); each feature folder lists
 * its pages here in order (see the README's "how to add a feature").
 */
import type { Hono } from "hono";
import type { AppEnv } from "../lib/context";
import { linkPages, passwordPages } from "./accounts/password-pages";
import { platformPages } from "./accounts/platform-invite";
import { platformRegionPages } from "./accounts/platform-regions";
import { staffChangePages, staffPages } from "./accounts/staff-admin";
import { agendaPages } from "./appointments/agenda-page";
import { agendaWeekPages } from "./appointments/agenda-week";
import { staffActionPages } from "./appointments/staff-actions";
import { bookingPages } from "./appointments/booking-form";
import { deskPages } from "./appointments/desk-page";
import { homePages } from "./appointments/home-page";
import { changePages, managePages } from "./appointments/manage-pages";
import { regionPages } from "./appointments/region-page";
import { authPages } from "./auth/sign-in";
import { offerPages } from "./catalogue/offer-page";
import { organisationPages } from "./catalogue/organisation-page";
import { searchPages } from "./catalogue/search-page";
import { appointmentPages as myAppointmentPages } from "./entrepreneurs/appointment-pages";
import { bookmarkPages } from "./entrepreneurs/bookmarks";
import { dataPages } from "./entrepreneurs/data-pages";
import { overviewPages } from "./entrepreneurs/overview";
import { profilePages } from "./entrepreneurs/profile-form";
import { signInPages } from "./entrepreneurs/sign-in";
import { staffProfilePages } from "./entrepreneurs/staff-profile";
import { eventFormPages } from "./events/event-form";
import { eventPages } from "./events/event-page";
import { eventListPages } from "./events/list-page";
import { organiserActionPages } from "./events/organiser-actions";
import { organiserEventPages } from "./events/organiser-event";
import { organiserListPages } from "./events/organiser-list";
import { participantPages } from "./events/participants";
import { registrationPages } from "./events/registration-pages";
import { closurePages } from "./frontdesks/closures";
import { deskFormPages } from "./frontdesks/desk-form";
import { deskListPages } from "./frontdesks/desk-list";
import { hoursPages } from "./frontdesks/opening-hours";
import { insightPages } from "./insights/region-insights";
import { pageRenderer } from "./kit/layout";
import { type PageRoute, registerPages } from "./kit/page";
import { notificationPages } from "./notifications/failed-notifications";
import { offerFormPages } from "./offers/offer-form";
import { originPages } from "./open-platform/origins-page";
import { webhookPages } from "./open-platform/webhooks-page";
import { organisationAdminPages } from "./offers/organisations-admin";
import { partnerListPages } from "./offers/partner-list";
import { reviewPages } from "./offers/review-page";
import { myReferralPages } from "./referrals/entrepreneur-page";
import { partnerInboxPages } from "./referrals/partner-inbox";
import { referFormPages } from "./referrals/refer-form";
import { referrerListPages } from "./referrals/referrer-list";
import { reportPages } from "./reports/province-dashboard";
import { municipalityPages } from "./programme/municipality-page";
import { programmePages } from "./programme/programme-page";
import { regionProgressPages } from "./programme/region-progress-page";
import { regionReportPages } from "./reports/region-report";
import { archivePages } from "./region-admin/archive-page";
import { auditPages } from "./region-admin/audit-page";
import { closureImpactPages } from "./region-admin/closure-impact";
import { erasurePages } from "./region-admin/erasure-page";
import { holidayOpeningPages } from "./region-admin/holiday-openings";
import { regionSettingsPages } from "./region-admin/settings-page";
import { assignmentPages } from "./scouting/assignment-page";
import { candidateFormPages } from "./scouting/candidate-form";
import { candidateListPages } from "./scouting/candidate-lists";
import { figuresPages } from "./scouting/figures-page";
import { settingsPages } from "./scouting/settings-page";
import { trajectoryPages } from "./scouting/trajectory-page";
import { statementPages } from "./site/statements";
import { apiKeyPages } from "./api-keys/api-keys-pages";
import { askPages } from "./community/ask-form";
import { moderationPages } from "./community/moderation-page";
import { questionListPages } from "./community/question-list";
import { questionPages } from "./community/question-page";
import { storyPages } from "./community/story-pages";
import { peerPages } from "./community/peer-pages";
import { unansweredPages } from "./community/unanswered-page";

export { renderNotFoundPage, unavailablePage } from "./kit/page";

const appointments = [homePages, regionPages, deskPages, bookingPages, managePages, changePages, agendaWeekPages, agendaPages, staffActionPages].flat();
const accounts = [authPages, linkPages, passwordPages, staffPages, staffChangePages, platformPages, platformRegionPages].flat();
const frontdesks = [deskListPages, deskFormPages, hoursPages, closurePages, notificationPages].flat();
const catalogue = [searchPages, offerPages, organisationPages, offerFormPages, partnerListPages, reviewPages, organisationAdminPages, insightPages].flat();
const entrepreneurs = [signInPages, overviewPages, myAppointmentPages, profilePages, dataPages, bookmarkPages, staffProfilePages].flat();
const events = [
  eventListPages,
  eventPages,
  registrationPages,
  organiserListPages,
  eventFormPages,
  organiserEventPages,
  organiserActionPages,
  participantPages,
].flat();
const regionAdmin = [auditPages, regionSettingsPages, holidayOpeningPages, archivePages, erasurePages, closureImpactPages].flat();
const referrals = [referFormPages, referrerListPages, partnerInboxPages, myReferralPages].flat();
const community = [questionListPages, askPages, questionPages, moderationPages, unansweredPages, storyPages, peerPages].flat();
const scouting = [candidateFormPages, candidateListPages, trajectoryPages, assignmentPages, settingsPages, figuresPages].flat();

/** Every page of the web front, in registration order. */
export const webPages: PageRoute[] = [
  ...statementPages,
  ...appointments,
  ...accounts,
  ...frontdesks,
  ...regionAdmin,
  ...scouting,
  ...reportPages,
  ...programmePages,
  ...regionProgressPages,
  ...municipalityPages,
  ...regionReportPages,
  ...catalogue,
  ...entrepreneurs,
  ...events,
  ...referrals,
  ...apiKeyPages,
  ...community,
  ...originPages,
  ...webhookPages,
];

/**
 * Registers the web front on the app.
 * @example registerWebPages(app);
 */
export function registerWebPages(app: Hono<AppEnv>): void {
  app.use(pageRenderer);
  registerPages(app, webPages);
}
