import * as v from "valibot";
import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import { requireActor } from "../../lib/context";
import { linksFor } from "../../lib/links";
import { regionScope } from "../../db/scope";
import { PUBLIC, rolesAccess } from "../auth/policy";
import { deliverSoon } from "../notifications/notify";
import { AccountDtoSchema } from "../accounts/accounts.schemas";
import { OfferSummaryDto } from "../catalogue/offers.schemas";
import {
  NewOrganisationBody,
  OrganisationDeskDto,
  OrganisationsQuery,
  OrganisationSummaryDto,
  OrgParam,
  PartnerInvitationBody,
  RegionSlug,
  SLUG_PATTERN,
} from "./organisations.schemas";
import { createOrganisation, getOrganisationDetail, invitePartner, listOrganisationPage, setFrontdeskOrganisation } from "./organisations.service";

/** Creating organisations and inviting their partners: region admins (own region) and the platform admin. */
const ORGANISATION_ADMINS = rolesAccess("region_admin");
/** Creating an organisation: also the programme office, which manages the organisations of the whole approach (issue 19). */
const ORGANISATION_CREATORS = rolesAccess("region_admin", "programme_office");

const OrganisationDetailDto = v.object({
  ...OrganisationSummaryDto.entries,
  email: v.nullable(v.string()),
  phone: v.nullable(v.string()),
  description: v.nullable(v.string()),
  desks: v.pipe(v.array(OrganisationDeskDto), v.description("Active frontdesks it runs (bookable at /regions/{region}/frontdesks/{id}).")),
  offers: v.pipe(v.array(OfferSummaryDto), v.description("Its published offers that have not expired.")),
});
const errors = {
  401: { description: "Not signed in" },
  403: { description: "Not allowed for this role, or the Origin check failed" },
};

export const organisationEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "get",
    path: "/organisations",
    tag: "Catalogue",
    summary: "Support providers, optionally serving a region or of one kind",
    access: PUBLIC,
    query: OrganisationsQuery,
    responses: {
      200: { description: "Organisations by name", schema: v.object({ organisations: v.array(OrganisationSummaryDto), nextCursor: v.nullable(v.string()) }) },
      400: { description: "Invalid filters or cursor" },
    },
    handler: async (c, { query }) => c.json(await listOrganisationPage(c.var.db, query)),
  }),
  defineEndpoint({
    method: "get",
    path: "/organisations/:org",
    tag: "Catalogue",
    summary: "One organisation with its public contact, desks and published offers",
    access: PUBLIC,
    params: OrgParam,
    responses: {
      200: { description: "The organisation", schema: v.object({ organisation: OrganisationDetailDto }) },
      404: { description: "Unknown organisation" },
    },
    handler: async (c, { params }) => c.json({ organisation: await getOrganisationDetail(c.var.db, params.org, c.var.now) }),
  }),
  defineEndpoint({
    method: "post",
    path: "/organisations",
    tag: "Catalogue",
    summary: "Create an organisation (platform admin or programme office; a region admin for their own region)",
    description: "`homeRegion` (default: a region admin's own region, else the first of `regions`) decides whose region admins review its offers.",
    access: ORGANISATION_CREATORS,
    body: NewOrganisationBody,
    responses: {
      201: { description: "Created", schema: v.object({ organisation: OrganisationDetailDto }) },
      400: { description: "Invalid input" },
      409: { description: "The slug is taken" },
      ...errors,
    },
    handler: async (c, { body }) => c.json({ organisation: await createOrganisation(c.var.db, requireActor(c), body, c.var.now) }, 201),
  }),
  defineEndpoint({
    method: "post",
    path: "/organisations/:org/invitations",
    tag: "Catalogue",
    summary: "Invite a partner user of the organisation (an account plus the invitation e-mail)",
    access: ORGANISATION_ADMINS,
    params: OrgParam,
    body: PartnerInvitationBody,
    responses: {
      201: { description: "Invited", schema: v.object({ user: v.object({ ...AccountDtoSchema.entries, organisation: v.string() }) }) },
      400: { description: "Invalid input" },
      409: { description: "The e-mail address has an account" },
      ...errors,
      404: { description: "Unknown organisation (also one of another region)" },
    },
    handler: async (c, { body }) => {
      const user = await invitePartner(c.var.db, requireActor(c), c.var.organisation, body, linksFor(c).origin, c.var.now);
      deliverSoon(c);
      return c.json({ user }, 201);
    },
  }),
  defineEndpoint({
    method: "put",
    path: "/regions/:region/admin/frontdesks/:id/organisation",
    tag: "Catalogue",
    summary: "Say which organisation runs a frontdesk (null: the region's development agency)",
    description: "The desk's contact point in the catalogue moves to that organisation within a minute.",
    access: ORGANISATION_ADMINS,
    params: v.object({ region: RegionSlug, id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "This id is not valid.")) }),
    body: v.object({ organisation: v.nullable(v.pipe(v.string(), v.regex(SLUG_PATTERN, "Give an organisation slug."))) }),
    responses: {
      200: { description: "Set", schema: v.object({ organisation: v.nullable(v.string()) }) },
      400: { description: "Unknown organisation, or one that does not serve the region" },
      ...errors,
      404: { description: "Unknown frontdesk or region (also another region's)" },
    },
    handler: async (c, { params, body }) =>
      c.json(await setFrontdeskOrganisation(regionScope(c.var.db, c.var.region), requireActor(c), params.id, body.organisation, c.var.now)),
  }),
];
