/** Peer contact between entrepreneurs (api.md "Knowledge square and community"). */
import * as v from "valibot";
import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import { ReadPlan } from "../../db/read";
import { DomainError } from "../../lib/errors";
import { linksFor } from "../../lib/links";
import { ENTREPRENEUR } from "../auth/policy";
import { planEntrepreneur, requireEntrepreneur } from "../entrepreneurs/entrepreneur-session";
import { Id } from "../frontdesks/frontdesks.schemas";
import { deliverSoon } from "../notifications/notify";
import {
  CompanyListAnswer,
  CompanyListQuery,
  ContactAcceptedAnswer,
  ContactBody,
  ContactDecidedAnswer,
  ContactReplyBody,
  InboxAnswer,
  PeerTopicsBody,
} from "./community.schemas";
import { decideContact, planCompanies, planContact, planInbox, sendContact, setPeerTopics } from "./peers.service";

const TAG = "Community";
const IdParam = v.object({ id: Id });
const signedIn = { 401: { description: "No entrepreneur session (a staff session does not count)" }, 403: { description: "The Origin check failed" } };

export const peerEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "get",
    path: "/community/companies",
    tag: TAG,
    summary: "Entrepreneurs visible to peers (signed-in entrepreneurs only), by topic, sector and municipality",
    description: "Only companies whose profile has `visibleToPeers: true`; never an address. Topics come from `PUT /me/peer-topics`.",
    access: ENTREPRENEUR,
    query: CompanyListQuery,
    responses: { 200: { description: "The companies", schema: CompanyListAnswer }, 400: { description: "Invalid filter" }, ...signedIn },
    handler: async (c, { query }) => {
      const plan = new ReadPlan(c.var.db);
      const companies = planCompanies(plan, requireEntrepreneur(c).id, query);
      await plan.run();
      c.header("Cache-Control", "no-store");
      return c.json({ companies: companies() });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/community/companies/:id/contact",
    tag: TAG,
    summary: "Ask a visible company for contact; the receiver decides whether to answer",
    description:
      "202: the receiver gets a mail and an inbox item with your company profile and message, and no address; addresses are shared by mail only when the receiver replies. At most 5 requests per account per day (429). 404 for a company that is not visible (or yourself); 403 without a company profile of your own. A receiver who blocked you gets nothing (the answer is the same).",
    access: ENTREPRENEUR,
    sessionInBatch: true,
    params: IdParam,
    body: ContactBody,
    responses: {
      202: { description: "Sent", schema: ContactAcceptedAnswer },
      400: { description: "Invalid input" },
      404: { description: "Not a visible company" },
      429: { description: "Too many contact requests today" },
      ...signedIn,
    },
    handler: async (c, { params, body }) => {
      const plan = new ReadPlan(c.var.db);
      const session = await planEntrepreneur(c, plan);
      if (!session.sessionIdHash) throw new DomainError("unauthenticated", "Sign in to continue.");
      const sender = planContact(plan, session.sessionIdHash, params.id);
      await plan.run();
      if (!session.me()) throw new DomainError("unauthenticated", "Sign in to continue.");
      await sendContact(c.var.db, sender(), params.id, body.message, { now: c.var.now, rateLimits: c.var.config.RATE_LIMITS, origin: linksFor(c).origin });
      deliverSoon(c);
      return c.json({ sent: true as const }, 202);
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/me/contacts",
    tag: TAG,
    summary: "Contact requests to me, with each sender's profile and message (no addresses)",
    access: ENTREPRENEUR,
    responses: { 200: { description: "Newest first", schema: InboxAnswer }, ...signedIn },
    handler: async (c) => {
      const plan = new ReadPlan(c.var.db);
      const contacts = planInbox(plan, requireEntrepreneur(c).id);
      await plan.run();
      c.header("Cache-Control", "no-store");
      return c.json({ contacts: contacts() });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/me/contacts/:id",
    tag: TAG,
    summary: "Decide on a contact request: reply (shares both addresses by mail), decline, block the sender, or report",
    access: ENTREPRENEUR,
    params: IdParam,
    body: ContactReplyBody,
    responses: {
      200: { description: "Decided", schema: ContactDecidedAnswer },
      400: { description: "Invalid input (a reply needs a message)" },
      404: { description: "Not a request to you, or decided already" },
      ...signedIn,
    },
    handler: async (c, { params, body }) => {
      const result = await decideContact(c.var.db, requireEntrepreneur(c).id, params.id, body, c.var.now);
      deliverSoon(c);
      return c.json(result);
    },
  }),
  defineEndpoint({
    method: "put",
    path: "/me/peer-topics",
    tag: TAG,
    summary: "The topics I am willing to talk to peers about (shown when my profile is visible to peers)",
    access: ENTREPRENEUR,
    body: PeerTopicsBody,
    responses: { 200: { description: "Saved", schema: PeerTopicsBody }, 400: { description: "Invalid input" }, ...signedIn },
    handler: async (c, { body }) => {
      const topics = await setPeerTopics(c.var.db, requireEntrepreneur(c).id, body.topics);
      return c.json({ topics });
    },
  }),
];
