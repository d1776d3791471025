import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import { PUBLIC } from "../auth/policy";
import { todayLocal } from "../../lib/time";
import { countAfterAnswer, deskClickStatement, offerViewStatement } from "../insights/record";
import { deskLink, getPublishedOffer } from "./offer-page.service";
import { DeskLinkQuery, OfferDetailAnswer, OfferSearchDto, OfferSearchQuery, OfferSlugParam } from "./offers.schemas";
import { catalogueSearch } from "./search.service";

const SEARCH_DESCRIPTION = `Published offers whose deadline has not passed. Words are matched Dutch-friendly: accents ignored, prefixes ("subsid" finds "subsidie"), plurals and compounds ("bedrijven" finds "bedrijf", "subsidie" finds "innovatiesubsidie"), and a typo in a word of 5+ letters is corrected to the closest indexed word. Ranked by relevance (bm25 over title, summary, description, organisation and tags) with offers local to \`municipality\` first; without words, local first and then the most recently updated. Filters with several values (comma-separated) match any of them; facet counts apply every filter except their own dimension. Frontdesks are listed as \`contact_point\` offers of the organisation that runs them. One database round trip.`;

/** The public catalogue: search, one offer, and the "talk to a desk about this" link. */
export const catalogueEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "get",
    path: "/offers",
    tag: "Catalogue",
    summary: "Search the catalogue of support offers",
    description: SEARCH_DESCRIPTION,
    access: PUBLIC,
    query: OfferSearchQuery,
    responses: { 200: { description: "A page of offers with facets", schema: OfferSearchDto }, 400: { description: "Invalid filters or cursor" } },
    handler: async (c, { query }) => {
      const { answer, counts } = await catalogueSearch(c.var.db, query, c.var.now);
      countAfterAnswer(c, counts);
      return c.json(answer);
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/offers/:slug",
    tag: "Catalogue",
    summary: "One published offer, with how to apply, contact and related offers",
    description: "An offer whose deadline has passed is still answered, with `expired: true`. Counts an anonymous view.",
    access: PUBLIC,
    params: OfferSlugParam,
    responses: { 200: { description: "The offer", schema: OfferDetailAnswer }, 404: { description: "No published offer with this slug" } },
    handler: async (c, { params }) => {
      const now = c.var.now;
      const offer = await getPublishedOffer(c.var.db, params.slug, now);
      countAfterAnswer(c, [offerViewStatement(todayLocal(now), offer.id)]);
      return c.json({ offer });
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/offers/:slug/talk-to-a-desk",
    tag: "Catalogue",
    summary: "Talk to a desk about this offer: counts the click, then forwards to the booking page with the topic set",
    description:
      "303 to `/boeken/{region}?topic=…` (and `municipality` when given and served). The region is the asked one if the offer serves it, else the offer's desk's or its organisation's home region. Only an anonymous per-day counter is written.",
    access: PUBLIC,
    params: OfferSlugParam,
    query: DeskLinkQuery,
    responses: {
      303: { description: "To the booking page" },
      400: { description: "Invalid region or topic" },
      404: { description: "No published offer with this slug" },
    },
    handler: async (c, { params, query }) => {
      const now = c.var.now;
      const link = await deskLink(c.var.db, params.slug, query);
      countAfterAnswer(c, [deskClickStatement(todayLocal(now), link.region.id, link.topic, link.offerId)]);
      const target = new URLSearchParams({ topic: link.topic, ...(link.municipality ? { municipality: link.municipality } : {}) });
      c.header("Cache-Control", "no-store");
      return c.redirect(`/boeken/${link.region.slug}?${target.toString()}`, 303);
    },
  }),
];
