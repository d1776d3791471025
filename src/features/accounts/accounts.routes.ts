import * as v from "valibot";
import { defineEndpoint, type Endpoint } from "../../lib/endpoint";
import { requireActor, type AppContext } from "../../lib/context";
import { linksFor } from "../../lib/links";
import { notFound } from "../../lib/errors";
import { regionScope } from "../../db/scope";
import { clientAddress, consumeLimit, countWithinLimit, emailKey } from "../../lib/rate-limit";
import { PLATFORM_ADMIN, PUBLIC, REGIONAL_ROLES, assertSameOrigin, rolesAccess } from "../auth/policy";
import { deliverSoon } from "../notifications/notify";
import { RegionSlugParam } from "../regions/regions.schemas";
import { findRegionBySlug } from "../regions/regions.repo";
import { privacyEndpoints } from "../privacy/privacy.routes";
import { frontdeskIdsByUser, listAllUsers, listRegionUsers } from "./accounts.repo";
import {
  AcceptInvitationBody,
  AccountDtoSchema,
  AccountPatchBody,
  ChangePasswordBody,
  NewRegionBody,
  PasswordResetBody,
  PasswordResetConfirmBody,
  PlatformAccountBody,
  RegionalAccountBody,
  UserIdParams,
} from "./accounts.schemas";
import {
  changePassword,
  createAccount,
  createRegion,
  requestPasswordReset,
  resendInvitation,
  setPasswordWithToken,
  toAccountDto,
  updateRegionAccount,
} from "./accounts.service";

const ADMIN = rolesAccess("region_admin");
const SIGNED_IN = rolesAccess("platform_admin", "province_viewer", ...REGIONAL_ROLES);
const RESET_ANSWER = { message: "If an account with this e-mail address exists, we have sent it a link to choose a new password." };

const common = {
  401: { description: "Not signed in" },
  403: { description: "Not allowed for this role, or the Origin check failed" },
  404: { description: "Unknown region (or another region's)" },
};

/** Public account POSTs: a browser sends Origin; a foreign one is refused (login CSRF and friends). */
function checkOriginIfPresent(c: AppContext): void {
  if (c.req.header("origin")) assertSameOrigin(c);
}

const authAccountEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "post",
    path: "/auth/accept-invitation",
    tag: "Auth",
    summary: "Choose a password with the one-time invitation link",
    description:
      "The token comes from the invitation e-mail (valid 72 hours, one use). Passwords: at least 12 characters, not a common password, not the e-mail address.",
    access: PUBLIC,
    body: AcceptInvitationBody,
    responses: { 204: { description: "Password set; sign in next" }, 400: { description: "Invalid input, a weak password or a spent/expired link" } },
    handler: async (c, { body }) => {
      checkOriginIfPresent(c);
      await setPasswordWithToken(c.var.db, "invitation", body.token, body.password, c.var.now);
      return c.body(null, 204);
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/auth/password-reset",
    tag: "Auth",
    summary: "Ask for a password-reset link by e-mail",
    description: "Always answers 202 with the same body, whether or not the address has an account. Limited per client address (429).",
    access: PUBLIC,
    body: PasswordResetBody,
    responses: {
      202: { description: "Accepted", schema: v.object({ message: v.string() }) },
      400: { description: "Invalid input" },
      429: { description: "Too many requests" },
    },
    handler: async (c, { body }) => {
      checkOriginIfPresent(c);
      await consumeLimit(c, "resetPerIp", clientAddress(c));
      // Per address the answer never changes; past the limit no further mail is sent, so nobody can flood an inbox.
      if (await countWithinLimit(c, "resetPerEmail", await emailKey(body.email))) {
        await requestPasswordReset(c.var.db, body.email, linksFor(c).origin, c.var.now);
      }
      deliverSoon(c);
      return c.json(RESET_ANSWER, 202);
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/auth/password-reset/confirm",
    tag: "Auth",
    summary: "Choose a new password with the one-time reset link",
    description: "The token is valid 2 hours and for one use; every session of the account ends.",
    access: PUBLIC,
    body: PasswordResetConfirmBody,
    responses: { 204: { description: "Password changed; sign in again" }, 400: { description: "Invalid input, a weak password or a spent/expired link" } },
    handler: async (c, { body }) => {
      checkOriginIfPresent(c);
      await setPasswordWithToken(c.var.db, "password_reset", body.token, body.password, c.var.now);
      return c.body(null, 204);
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/auth/change-password",
    tag: "Auth",
    summary: "Change the signed-in user's password",
    description: "Every other session of the user ends; this one stays.",
    access: SIGNED_IN,
    body: ChangePasswordBody,
    responses: { 204: { description: "Changed" }, 400: { description: "Wrong current password or a weak new one" }, ...common },
    handler: async (c, { body }) => {
      await changePassword(c.var.db, requireActor(c), body.currentPassword, body.newPassword, c.var.now);
      return c.body(null, 204);
    },
  }),
];

const platformEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "post",
    path: "/platform/regions",
    tag: "Platform",
    summary: "Create a region (tenant) with its municipalities",
    access: PLATFORM_ADMIN,
    body: NewRegionBody,
    responses: {
      201: {
        description: "Created",
        schema: v.object({
          region: v.object({
            slug: v.string(),
            name: v.string(),
            operator: v.string(),
            municipalities: v.array(v.object({ cbsCode: v.string(), name: v.string() })),
          }),
        }),
      },
      400: { description: "Invalid input" },
      409: { description: "The slug is taken" },
      ...common,
    },
    handler: async (c, { body }) => c.json({ region: await createRegion(c.var.db, requireActor(c), body, c.var.now) }, 201),
  }),
  defineEndpoint({
    method: "get",
    path: "/platform/users",
    tag: "Platform",
    summary: "All accounts of the platform",
    access: PLATFORM_ADMIN,
    responses: { 200: { description: "Accounts", schema: v.object({ users: v.array(AccountDtoSchema) }) }, ...common },
    handler: async (c) => {
      const users = await listAllUsers(c.var.db);
      const desks = await frontdeskIdsByUser(
        c.var.db,
        users.map((u) => u.id),
      );
      c.header("Cache-Control", "no-store");
      return c.json({ users: users.map((u) => toAccountDto(u, u.regionSlug, desks.get(u.id))) });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/platform/users",
    tag: "Platform",
    summary: "Create any account (e.g. a region admin) and send its invitation",
    access: PLATFORM_ADMIN,
    body: PlatformAccountBody,
    responses: {
      201: { description: "Created; the invitation is on its way", schema: v.object({ user: AccountDtoSchema }) },
      400: { description: "Invalid input" },
      409: { description: "The e-mail address has an account" },
      ...common,
    },
    handler: async (c, { body }) => {
      const region = body.region ? await findRegionBySlug(c.var.db, body.region) : null;
      if (body.region && !region) throw notFound("This region");
      const user = await createAccount(c.var.db, requireActor(c), region, body, linksFor(c).origin, c.var.now);
      deliverSoon(c);
      return c.json({ user }, 201);
    },
  }),
];

const regionAccountEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/users",
    tag: "Region staff",
    summary: "The region's accounts",
    access: ADMIN,
    params: RegionSlugParam,
    responses: { 200: { description: "Accounts", schema: v.object({ users: v.array(AccountDtoSchema) }) }, ...common },
    handler: async (c) => {
      const scope = regionScope(c.var.db, c.var.region);
      const users = await listRegionUsers(scope);
      const desks = await frontdeskIdsByUser(
        c.var.db,
        users.map((u) => u.id),
      );
      c.header("Cache-Control", "no-store");
      return c.json({ users: users.map((u) => toAccountDto(u, c.var.region.slug, desks.get(u.id))) });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/users",
    tag: "Region staff",
    summary: "Create a staff account (frontdesk staff or consultant) and send its invitation",
    description: "A region admin gives the roles frontdesk_staff (with frontdeskIds of the region) and consultant; the platform admin also region_admin.",
    access: ADMIN,
    params: RegionSlugParam,
    body: RegionalAccountBody,
    responses: {
      201: { description: "Created", schema: v.object({ user: AccountDtoSchema }) },
      400: { description: "Invalid input" },
      409: { description: "The e-mail address has an account" },
      ...common,
    },
    handler: async (c, { body }) => {
      const user = await createAccount(c.var.db, requireActor(c), c.var.region, body, linksFor(c).origin, c.var.now);
      deliverSoon(c);
      return c.json({ user }, 201);
    },
  }),
  defineEndpoint({
    method: "patch",
    path: "/regions/:region/admin/users/:id",
    tag: "Region staff",
    summary: "Change an account's name, role or frontdesks, or disable it",
    description: "Takes effect on the user's next request; disabling also ends their sessions.",
    access: ADMIN,
    params: UserIdParams,
    body: AccountPatchBody,
    responses: { 200: { description: "Changed", schema: v.object({ user: AccountDtoSchema }) }, 400: { description: "Invalid input" }, ...common },
    handler: async (c, { params, body }) =>
      c.json({ user: await updateRegionAccount(regionScope(c.var.db, c.var.region), requireActor(c), params.id, body, c.var.now) }),
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/users/:id/invitation",
    tag: "Region staff",
    summary: "Send a fresh invitation to an account without a password",
    access: ADMIN,
    params: UserIdParams,
    responses: { 202: { description: "Sent" }, 409: { description: "The account has a password or is disabled" }, ...common },
    handler: async (c, { params }) => {
      await resendInvitation(regionScope(c.var.db, c.var.region), requireActor(c), params.id, linksFor(c).origin, c.var.now);
      deliverSoon(c);
      return c.body(null, 202);
    },
  }),
];

/** Account management: invitations, password reset, staff administration, and (privacy) erasure. */
export const accountEndpoints: Endpoint[] = [...authAccountEndpoints, ...platformEndpoints, ...regionAccountEndpoints, ...privacyEndpoints];
