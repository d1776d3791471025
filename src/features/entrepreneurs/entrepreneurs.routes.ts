/**
 * The entrepreneur's own routes (`/me`, api.md "Entrepreneurs"): sign-in by e-mail link, the
 * overview, the company profile, bookmarks, their appointments, and their data (export,
 * deletion). Every route but the two sign-in steps needs an entrepreneur session; no staff
 * session is ever accepted here.
 */
import { defineEndpoint } from "../../http/endpoint";
import { linksFor, requestLocale } from "../../lib/links";
import { clientAddress } from "../../lib/rate-limit";
import { notFound } from "../../lib/errors";
import { assertSameOriginIfPresent } from "../../http/access";
import { ENTREPRENEUR, PUBLIC } from "../auth/policy";
import { RescheduleBody } from "../appointments/appointments.schemas";
import { deliverSoon } from "../notifications/notify";
import { addBookmark, cancelMyAppointment, hasBookmark, listBookmarks, putProfile, removeBookmark, rescheduleMyAppointment } from "./account.service";
import { deleteMyAccount } from "./deletion.service";
import { clearEntrepreneurCookie, requireEntrepreneur, setEntrepreneurCookie } from "./entrepreneur-session";
import {
  AppointmentIdParam,
  BookmarkedAnswer,
  BookmarkListAnswer,
  DeletionAnswer,
  ExportDto,
  LoginAnswer,
  LoginBody,
  LoginLinkAnswer,
  LoginLinkBody,
  MyOwnAppointmentAnswer,
  OfferSlugParam,
  OverviewDto,
  ProfileAnswer,
  ProfileBody,
} from "./entrepreneurs.schemas";
import { exportMyData } from "./export.service";
import { requestLoginLink, signInWithToken, signOut } from "./login.service";
import { getOverview } from "./overview.service";

const TAG = "Entrepreneurs";
const signedIn = { 401: { description: "No entrepreneur session (a staff session does not count)" } };

export const entrepreneurEndpoints = [
  defineEndpoint({
    method: "post",
    path: "/me/login-link",
    tag: TAG,
    summary: "Mail a one-time sign-in link (15 minutes, one use)",
    description:
      "Always answers 202 `{ sent: true }`, whether or not the address has an account (the account is created at the first sign-in); the work done is the same either way. At most 5 links per address per hour (past that, the answer stays the same and no mail is sent) and 20 per network per hour (429). The link opens `/mijn/inloggen?token=…`, a page whose button posts the token to `POST /me/login`; locally the mail is at `/dev/mail`.",
    access: PUBLIC,
    body: LoginLinkBody,
    responses: {
      202: { description: "Accepted (also for an unknown address)", schema: LoginLinkAnswer },
      400: { description: "Invalid input" },
      429: { description: "Too many links asked for from this network" },
    },
    handler: async (c, { body }) => {
      // Login CSRF: a browser always sends Origin on a cross-site POST; refuse foreign ones.
      assertSameOriginIfPresent(c);
      await requestLoginLink(c.var.db, body.email, {
        now: c.var.now,
        origin: linksFor(c).origin,
        locale: requestLocale(c, body.locale),
        rateLimits: c.var.config.RATE_LIMITS,
        clientKey: clientAddress(c),
      });
      deliverSoon(c);
      c.header("Cache-Control", "no-store");
      return c.json({ sent: true as const }, 202);
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/me/login",
    tag: TAG,
    summary: "Sign in with the token of a sign-in link; sets the entrepreneur session cookie",
    description:
      "Spends the token (one use; of two concurrent uses exactly one signs in) and starts a session of the role `entrepreneur`, creating the account at the first sign-in. Unknown, used and expired tokens get the same 400.",
    access: PUBLIC,
    body: LoginBody,
    responses: {
      200: { description: "Signed in", schema: LoginAnswer },
      400: { description: "The link is not valid (any more)" },
      429: { description: "Too many sign-in attempts from this network" },
    },
    handler: async (c, { body }) => {
      assertSameOriginIfPresent(c);
      const { sessionToken, entrepreneur } = await signInWithToken(c.var.db, body.token, {
        now: c.var.now,
        rateLimits: c.var.config.RATE_LIMITS,
        clientKey: clientAddress(c),
      });
      setEntrepreneurCookie(c, sessionToken);
      c.header("Cache-Control", "no-store");
      return c.json({ entrepreneur: { id: entrepreneur.id, email: entrepreneur.email } });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/me/logout",
    tag: TAG,
    summary: "Sign out; ends the entrepreneur session server-side",
    access: ENTREPRENEUR,
    responses: { 204: { description: "Signed out" }, ...signedIn },
    handler: async (c) => {
      await signOut(c.var.db, requireEntrepreneur(c));
      clearEntrepreneurCookie(c);
      return c.body(null, 204);
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/me",
    tag: TAG,
    summary: "My overview: profile, appointments, registrations, referrals, bookmarks and the Support Process trajectory",
    description:
      "Everything linked to the verified e-mail address, in every region: appointments past and upcoming (with the actions still allowed online), event registrations and referrals (empty until those features land), bookmarks, and, when there is a Support Process trajectory for the address, its stage, commitments, sessions, next step and shared documents.",
    access: ENTREPRENEUR,
    responses: { 200: { description: "The overview", schema: OverviewDto }, ...signedIn },
    handler: async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await getOverview(c.var.db, requireEntrepreneur(c), c.var.now));
    },
  }),
  defineEndpoint({
    method: "put",
    path: "/me/profile",
    tag: TAG,
    summary: "Create or replace the company profile",
    description:
      "A PUT: a field left out is cleared. `kvkNumber` is 8 digits (spaces and dots are removed); several accounts may name the same KvK number. `municipality` is a Dutch municipality, stored in its official spelling. `visibleToPeers` (other entrepreneurs may find the company) defaults to false.",
    access: ENTREPRENEUR,
    body: ProfileBody,
    responses: { 200: { description: "The profile", schema: ProfileAnswer }, 400: { description: "Invalid input" }, ...signedIn },
    handler: async (c, { body }) => c.json({ profile: await putProfile(c.var.db, requireEntrepreneur(c), body, c.var.now) }),
  }),
  defineEndpoint({
    method: "get",
    path: "/me/export",
    tag: TAG,
    summary: "Everything held about me, as JSON (AVG/GDPR)",
    access: ENTREPRENEUR,
    responses: { 200: { description: "The data", schema: ExportDto }, ...signedIn },
    handler: async (c) => {
      const data = await exportMyData(c.var.db, requireEntrepreneur(c), c.var.now);
      c.header("Cache-Control", "no-store");
      c.header("Content-Disposition", `attachment; filename="mkb-limburg-mijn-gegevens-${data.exportedAt.slice(0, 10)}.json"`);
      return c.json(data);
    },
  }),
  defineEndpoint({
    method: "delete",
    path: "/me",
    tag: TAG,
    summary: "Delete my account and erase my personal data in every region; the figures keep counting",
    description:
      "Removes the account, profile, sessions and bookmarks, and runs the region erasure for the verified address in every region: future appointments are cancelled (without e-mail), appointments and Support Process data lose their personal data. The answer says how much was erased.",
    access: ENTREPRENEUR,
    responses: {
      200: {
        description: "Deleted",
        schema: DeletionAnswer,
      },
      ...signedIn,
    },
    handler: async (c) => {
      const erased = await deleteMyAccount(c.var.db, requireEntrepreneur(c), c.var.now);
      clearEntrepreneurCookie(c);
      return c.json({ deleted: true as const, erased });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/me/appointments/:id/cancel",
    tag: TAG,
    summary: "Cancel one of my appointments (until the desk's cut-off)",
    access: ENTREPRENEUR,
    // The session travels with the appointment (one read batch), then the write: two round trips.
    sessionInBatch: true,
    params: AppointmentIdParam,
    responses: {
      200: { description: "Cancelled", schema: MyOwnAppointmentAnswer },
      ...signedIn,
      404: { description: "Not an appointment of this address" },
      409: { description: "too_late after the cut-off, or already cancelled" },
    },
    handler: async (c, { params }) => {
      const appointment = await cancelMyAppointment(c, params.id, { now: c.var.now, links: linksFor(c) });
      deliverSoon(c);
      return c.json({ appointment });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/me/appointments/:id/reschedule",
    tag: TAG,
    summary: "Move one of my appointments to another free time of the same desk (until the cut-off)",
    access: ENTREPRENEUR,
    // The session travels with the appointment (one read batch), then the write: two round trips.
    sessionInBatch: true,
    params: AppointmentIdParam,
    body: RescheduleBody,
    responses: {
      200: { description: "Moved", schema: MyOwnAppointmentAnswer },
      400: { description: "Invalid input" },
      ...signedIn,
      404: { description: "Not an appointment of this address" },
      409: { description: "slot_unavailable or too_late; nothing changed" },
    },
    handler: async (c, { params, body }) => {
      const appointment = await rescheduleMyAppointment(c, params.id, body.start, { now: c.var.now, links: linksFor(c) });
      deliverSoon(c);
      return c.json({ appointment });
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/me/bookmarks",
    tag: TAG,
    summary: "The catalogue offers I keep, newest first",
    access: ENTREPRENEUR,
    responses: { 200: { description: "The bookmarks", schema: BookmarkListAnswer }, ...signedIn },
    handler: async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json({ bookmarks: await listBookmarks(c.var.db, requireEntrepreneur(c), c.var.now) });
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/me/bookmarks/:offerSlug",
    tag: TAG,
    summary: "Whether I keep this offer",
    access: ENTREPRENEUR,
    params: OfferSlugParam,
    responses: { 200: { description: "Kept", schema: BookmarkedAnswer }, ...signedIn, 404: { description: "Not kept" } },
    handler: async (c, { params }) => {
      if (!(await hasBookmark(c.var.db, requireEntrepreneur(c), params.offerSlug))) throw notFound("This bookmark");
      return c.json({ bookmarked: true as const });
    },
  }),
  defineEndpoint({
    method: "put",
    path: "/me/bookmarks/:offerSlug",
    tag: TAG,
    summary: "Keep a published offer (idempotent)",
    access: ENTREPRENEUR,
    params: OfferSlugParam,
    responses: {
      201: { description: "Kept", schema: BookmarkedAnswer },
      200: { description: "Was kept already", schema: BookmarkedAnswer },
      ...signedIn,
      404: { description: "No published offer with this slug" },
      409: { description: "At most 200 bookmarks" },
    },
    handler: async (c, { params }) => {
      const { created } = await addBookmark(c.var.db, requireEntrepreneur(c), params.offerSlug, c.var.now);
      return c.json({ bookmarked: true as const }, created ? 201 : 200);
    },
  }),
  defineEndpoint({
    method: "delete",
    path: "/me/bookmarks/:offerSlug",
    tag: TAG,
    summary: "Stop keeping an offer",
    access: ENTREPRENEUR,
    params: OfferSlugParam,
    responses: { 204: { description: "Removed" }, ...signedIn, 404: { description: "Not kept" } },
    handler: async (c, { params }) => {
      await removeBookmark(c.var.db, requireEntrepreneur(c), params.offerSlug);
      return c.body(null, 204);
    },
  }),
];
