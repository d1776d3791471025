import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import { requireActor } from "../../lib/context";
import { linksFor } from "../../lib/links";
import { regionScope } from "../../db/scope";
import { requestLimits } from "../../lib/rate-limit";
import { ANY_ROLE, PLATFORM_ADMIN, PUBLIC, rolesAccess } from "../auth/policy";
import { deliverSoon } from "../notifications/notify";
import { RegionSlugParam } from "../regions/regions.schemas";
import { privacyEndpoints } from "../privacy/privacy.routes";
import {
  AcceptInvitationBody,
  AccountPatchBody,
  ChangePasswordBody,
  NewRegionBody,
  PasswordResetBody,
  PasswordResetConfirmBody,
  PlatformAccountBody,
  RegionalAccountBody,
  UserIdParams,
  AccountAnswer,
  AccountListAnswer,
  PasswordResetAnswer,
  RegionCreatedAnswer,
} from "./accounts.schemas";
import {
  changePassword,
  createAccount,
  createAccountInRegion,
  createRegion,
  listPlatformAccounts,
  listRegionAccounts,
  requestPasswordReset,
  resendInvitation,
  setPasswordWithToken,
  updateRegionAccount,
} from "./accounts.service";
import { assertSameOriginIfPresent } from "../../http/access";

const ADMIN = rolesAccess("region_admin");
const SIGNED_IN = rolesAccess(...ANY_ROLE);
const RESET_ANSWER = { message: "If an account with this e-mail address exists, we have sent it a link to choose a new password." };

const common = {
  401: { description: "Not signed in" },
  403: { description: "Not allowed for this role, or the Origin check failed" },
  404: { description: "Unknown region (or another region's)" },
};

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
      assertSameOriginIfPresent(c);
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
      202: { description: "Accepted", schema: PasswordResetAnswer },
      400: { description: "Invalid input" },
      429: { description: "Too many requests" },
    },
    handler: async (c, { body }) => {
      assertSameOriginIfPresent(c);
      await requestPasswordReset(c.var.db, body.email, { origin: linksFor(c).origin, now: c.var.now, limits: requestLimits(c) });
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
      assertSameOriginIfPresent(c);
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
        schema: RegionCreatedAnswer,
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
    responses: { 200: { description: "Accounts", schema: AccountListAnswer }, ...common },
    handler: async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json({ users: await listPlatformAccounts(c.var.db) });
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
      201: { description: "Created; the invitation is on its way", schema: AccountAnswer },
      400: { description: "Invalid input" },
      409: { description: "The e-mail address has an account" },
      ...common,
    },
    handler: async (c, { body }) => {
      const user = await createAccountInRegion(c.var.db, requireActor(c), body.region, body, linksFor(c).origin, c.var.now);
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
    responses: { 200: { description: "Accounts", schema: AccountListAnswer }, ...common },
    handler: async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json({ users: await listRegionAccounts(regionScope(c.var.db, c.var.region)) });
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
      201: { description: "Created", schema: AccountAnswer },
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
    responses: { 200: { description: "Changed", schema: AccountAnswer }, 400: { description: "Invalid input" }, ...common },
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
