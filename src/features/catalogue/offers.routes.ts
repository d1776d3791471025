import * as v from "valibot";
import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import { requireActor, type AppContext } from "../../lib/context";
import { organisationScope, regionScope, type OrganisationScope } from "../../db/scope";
import { rolesAccess } from "../auth/policy";
import { RegionSlug } from "../organisations/organisations.schemas";
import { NewOfferBody, OfferAnswer, OfferIdParams, OfferList, OfferPatchBody, OrgOffersQuery, RegionOfferParams, ReviewBody } from "./offers.schemas";
import { OrgParam } from "../organisations/organisations.schemas";
import { deliverWebhooksSoon } from "../notifications/notify";
import { archiveOffer, changeOffer, createOffer, listOrganisationOfferPage, listRegionOfferPage, reviewOffer, submitOffer } from "./offers.service";

/**
 * Who acts for an organisation: its partners and the region admins of its home region
 * (the platform admin always). The `:org` segment makes the policy check the organisation.
 * (When the programme office role lands, it joins here and in REVIEWERS.)
 */
const ORGANISATION_STAFF = rolesAccess("partner", "region_admin");
const REVIEWERS = rolesAccess("region_admin");

const orgErrors = {
  401: { description: "Not signed in" },
  403: { description: "Not allowed for this role, or the Origin check failed" },
  404: { description: "Unknown organisation or offer (also one the caller may not act for)" },
};

function orgScope(c: AppContext): OrganisationScope {
  return organisationScope(c.var.db, c.var.organisation);
}

function noStore(c: AppContext): void {
  c.header("Cache-Control", "no-store");
}

export const offerEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "get",
    path: "/organisations/:org/offers",
    tag: "Catalogue",
    summary: "The organisation's offers in every state, with the review state and a flag for offers not checked for 12 months",
    access: ORGANISATION_STAFF,
    keyScope: "offers:write",
    params: OrgParam,
    query: OrgOffersQuery,
    responses: { 200: { description: "Offers, most recently changed first", schema: OfferList }, ...orgErrors },
    handler: async (c, { query }) => {
      const page = await listOrganisationOfferPage(orgScope(c), query, c.var.now);
      noStore(c);
      return c.json(page);
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/organisations/:org/offers",
    tag: "Catalogue",
    summary: "Create a draft offer",
    description: "Municipalities must lie in the offer's regions (or anywhere in Limburg with allLimburg). The slug follows from the title.",
    access: ORGANISATION_STAFF,
    keyScope: "offers:write",
    params: OrgParam,
    body: NewOfferBody,
    responses: { 201: { description: "Created as a draft", schema: OfferAnswer }, 400: { description: "Invalid input" }, ...orgErrors },
    handler: async (c, { body }) => c.json({ offer: await createOffer(orgScope(c), requireActor(c), body, c.var.now) }, 201),
  }),
  defineEndpoint({
    method: "patch",
    path: "/organisations/:org/offers/:id",
    tag: "Catalogue",
    summary: "Change an offer; a published offer's change waits for review while the published version stays",
    description: "Send only the fields that change. `confirmChecked: true` alone marks the offer as checked today.",
    access: ORGANISATION_STAFF,
    keyScope: "offers:write",
    params: OfferIdParams,
    body: OfferPatchBody,
    responses: {
      200: { description: "Changed (or, for a published offer, the change is pending review)", schema: OfferAnswer },
      400: { description: "Invalid input" },
      409: { description: "Archived, a frontdesk's contact point, or changed meanwhile" },
      ...orgErrors,
    },
    handler: async (c, { params, body }) => c.json({ offer: await changeOffer(orgScope(c), requireActor(c), params.id, body, c.var.now) }),
  }),
  defineEndpoint({
    method: "post",
    path: "/organisations/:org/offers/:id/submit",
    tag: "Catalogue",
    summary: "Send a draft (or a rejected change of a published offer) to review",
    access: ORGANISATION_STAFF,
    keyScope: "offers:write",
    params: OfferIdParams,
    responses: { 200: { description: "In review", schema: OfferAnswer }, 409: { description: "Not a draft, or already in review" }, ...orgErrors },
    handler: async (c, { params }) => c.json({ offer: await submitOffer(orgScope(c), requireActor(c), params.id, c.var.now) }),
  }),
  defineEndpoint({
    method: "post",
    path: "/organisations/:org/offers/:id/archive",
    tag: "Catalogue",
    summary: "Archive an offer: it leaves the catalogue and the search at once",
    access: ORGANISATION_STAFF,
    keyScope: "offers:write",
    params: OfferIdParams,
    responses: {
      200: { description: "Archived", schema: OfferAnswer },
      409: { description: "Already archived, or a frontdesk's contact point" },
      ...orgErrors,
    },
    handler: async (c, { params }) => c.json({ offer: await archiveOffer(orgScope(c), requireActor(c), params.id, c.var.now) }),
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/offers",
    tag: "Catalogue",
    summary: "Offers of the organisations whose home region this is (`status=in_review`: everything waiting for review, edits included)",
    access: REVIEWERS,
    params: v.object({ region: RegionSlug }),
    query: OrgOffersQuery,
    responses: { 200: { description: "Offers", schema: OfferList }, ...orgErrors, 404: { description: "Unknown region (also another region's)" } },
    handler: async (c, { query }) => {
      const page = await listRegionOfferPage(regionScope(c.var.db, c.var.region), query, c.var.now);
      noStore(c);
      return c.json(page);
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/offers/:id/review",
    tag: "Catalogue",
    summary: "Approve or reject an offer (or a pending change) of an organisation whose home region this is",
    description:
      "Approve: a new offer is published; a pending change replaces the published version. Reject: a new offer goes back to draft; a change is marked rejected and the published version stays.",
    access: REVIEWERS,
    params: RegionOfferParams,
    body: ReviewBody,
    responses: {
      200: { description: "Decided", schema: OfferAnswer },
      400: { description: "Invalid input" },
      409: { description: "Nothing waiting for review, or changed meanwhile" },
      ...orgErrors,
      404: { description: "Unknown offer, or one of another region's organisation" },
    },
    handler: async (c, { params, body }) => {
      const offer = await reviewOffer(regionScope(c.var.db, c.var.region), requireActor(c), params.id, body, c.var.now);
      deliverWebhooksSoon(c);
      return c.json({ offer });
    },
  }),
];
