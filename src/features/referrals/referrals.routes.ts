import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import { requireActor } from "../../lib/context";
import { linksFor } from "../../lib/links";
import { organisationScope, regionScope } from "../../db/scope";
import { PUBLIC, rolesAccess } from "../auth/policy";
import { deliverSoon, deliverWebhooksSoon } from "../notifications/notify";
import { RegionSlugParam } from "../regions/regions.schemas";
import { OrgParam } from "../organisations/organisations.schemas";
import { assertSameOriginIfPresent } from "../../http/access";
import {
  CreatedAnswer,
  InboxAnswer,
  InboxListAnswer,
  InboxParams,
  InboxQuery,
  MyReferralAnswer,
  ReferralBody,
  RegionListAnswer,
  RegionListQuery,
  StatusBody,
  TokenParam,
} from "./referrals.schemas";
import { changeReferralStatus, createReferral, getInboxReferral, getMyReferral, listInbox, listRegionReferrals, withdrawConsent } from "./referrals.service";

/** Who refers: the region's desk staff, consultants and admins. */
const REFERRERS = rolesAccess("region_admin", "frontdesk_staff", "consultant");
/** Who answers: the organisation's partners (and the admins of its home region, through the organisation rule). */
const RECEIVERS = rolesAccess("partner", "region_admin");
const errors = {
  401: { description: "Not signed in" },
  403: { description: "Role not allowed, or the Origin check failed" },
};

export const referralEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/referrals",
    tag: "Referrals",
    summary: "Refer an entrepreneur to an organisation or one of its offers",
    description:
      "From an appointment (`appointmentId`), a Support Process candidate (`candidateId`) or on its own (`entrepreneur`). Mails the organisation's partners and the entrepreneur (who will contact them, how to reach the organisation, and, with consent, a link to withdraw it). Overdue when not picked up within 5 working days.",
    access: REFERRERS,
    keyScope: "referrals:write",
    params: RegionSlugParam,
    body: ReferralBody,
    responses: {
      201: { description: "Referred", schema: CreatedAnswer },
      400: { description: "Invalid input (unknown organisation, offer not of that organisation, no entrepreneur)" },
      404: { description: "Unknown appointment or candidate (also another region's or desk's)" },
      409: { description: "The appointment was cancelled, or its personal data erased" },
      ...errors,
    },
    handler: async (c, { body }) => {
      const referral = await createReferral(regionScope(c.var.db, c.var.region), requireActor(c), body, linksFor(c).origin, c.var.now);
      deliverSoon(c);
      return c.json({ referral }, 201);
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/referrals",
    tag: "Referrals",
    summary: "The referrals the region made, with what became of them (status, history, overdue)",
    description:
      "Frontdesk staff and consultants see their own and their desks' referrals; region admins all, and with `direction=received` those made to organisations of the region (by any region).",
    access: REFERRERS,
    keyScope: "referrals:read",
    params: RegionSlugParam,
    query: RegionListQuery,
    responses: {
      200: { description: "Newest first", schema: RegionListAnswer },
      400: { description: "Invalid filter" },
      404: { description: "Unknown region" },
      ...errors,
    },
    handler: async (c, { query }) => {
      c.header("Cache-Control", "no-store");
      return c.json(await listRegionReferrals(regionScope(c.var.db, c.var.region), requireActor(c), query, c.var.now));
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/organisations/:org/referrals",
    tag: "Referrals",
    summary: "Partner inbox: referrals to the organisation (contact details only with consent)",
    access: RECEIVERS,
    keyScope: "referrals:read",
    params: OrgParam,
    query: InboxQuery,
    responses: {
      200: { description: "Newest first", schema: InboxListAnswer },
      400: { description: "Invalid filter" },
      404: { description: "Unknown organisation" },
      ...errors,
    },
    handler: async (c, { query }) => {
      c.header("Cache-Control", "no-store");
      return c.json(await listInbox(organisationScope(c.var.db, c.var.organisation), query, c.var.now));
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/organisations/:org/referrals/:id",
    tag: "Referrals",
    summary: "One referral of the partner inbox",
    access: RECEIVERS,
    keyScope: "referrals:read",
    params: InboxParams,
    responses: { 200: { description: "The referral", schema: InboxAnswer }, 404: { description: "Unknown referral or organisation" }, ...errors },
    handler: async (c, { params }) => {
      c.header("Cache-Control", "no-store");
      return c.json({ referral: await getInboxReferral(organisationScope(c.var.db, c.var.organisation), params.id, c.var.now) });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/organisations/:org/referrals/:id/status",
    tag: "Referrals",
    summary: "Report back: received, contacted, helped, not_suitable (with a reason in note) or no_contact",
    description:
      "Forward only; each change is timestamped in `history` and visible to the referring region. 409 after an end or once the entrepreneur withdrew consent.",
    access: RECEIVERS,
    keyScope: "referrals:write",
    params: InboxParams,
    body: StatusBody,
    responses: {
      200: { description: "Changed", schema: InboxAnswer },
      400: { description: "Invalid input (not_suitable needs a reason)" },
      404: { description: "Unknown referral or organisation" },
      409: { description: "Not a step forward, closed, or withdrawn" },
      ...errors,
    },
    handler: async (c, { params, body }) => {
      const referral = await changeReferralStatus(organisationScope(c.var.db, c.var.organisation), requireActor(c), params.id, body, c.var.now);
      deliverWebhooksSoon(c);
      return c.json({ referral });
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/referrals/:token",
    tag: "Referrals",
    summary: "The entrepreneur's referral (link in their mail): who will contact them and how to reach that organisation",
    access: PUBLIC,
    params: TokenParam,
    responses: { 200: { description: "The referral", schema: MyReferralAnswer }, 400: { description: "Malformed link" }, 404: { description: "Unknown link" } },
    handler: async (c, { params }) => {
      c.header("Cache-Control", "no-store");
      return c.json({ referral: await getMyReferral(c.var.db, params.token) });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/referrals/:token/withdraw",
    tag: "Referrals",
    summary: "Withdraw consent: the organisation then sees only that it was withdrawn",
    access: PUBLIC,
    params: TokenParam,
    responses: {
      200: { description: "Withdrawn (also when it already was)", schema: MyReferralAnswer },
      400: { description: "Malformed link" },
      404: { description: "Unknown link" },
    },
    handler: async (c, { params }) => {
      assertSameOriginIfPresent(c);
      const referral = await withdrawConsent(c.var.db, params.token, c.var.now);
      deliverWebhooksSoon(c);
      return c.json({ referral });
    },
  }),
];
