import * as v from "valibot";
import { type AppContext, requireActor } from "../../lib/context";
import { decodeOffsetCursor, encodeOffsetCursor } from "../../lib/cursor";
import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import { linksFor } from "../../lib/links";
import { type Access, rolesAccess } from "../auth/policy";
import type { ApiScope } from "../../db/schema";
import { deliverSoon } from "../notifications/notify";
import { OrgParam, RegionSlug } from "../organisations/organisations.schemas";
import {
  AttendanceBody,
  CancelEventBody,
  EventAdminAnswer,
  EventAdminList,
  EventPatchBody,
  MessageBody,
  NewEventBody,
  OrganiserListQuery,
  OrgEventParams,
  OrgRegistrationParams,
  ParticipantDto,
  ParticipantList,
  ParticipantsQuery,
  RegionEventParams,
  RegionRegistrationParams,
  ReviewBody,
} from "./events.schemas";
import { cancelEvent, changeEvent, createEvent, listOrganiserEvents, type OrganiserScope, reviewEvent, submitEvent } from "./events.service";
import { getOrganiserEvent, inviteCandidate, listParticipants, markAttendance, messageParticipants, participantsCsv } from "./organiser.service";

/**
 * The organisers' routes, declared twice from one definition: under
 * `/regions/{region}/admin/events` (region admins: the region's own events and those of its
 * organisations, which they review) and under `/organisations/{org}/events` (the
 * organisation's partners, and the region admins of its home region). Another region's or
 * organisation's event is a 404, as if it did not exist.
 */

interface Family {
  prefix: string;
  tag: string;
  access: Access;
  /** The API-key scope of the family (organisation keys only; region keys have no events scope). */
  keyScope?: ApiScope;
  base: v.GenericSchema;
  item: v.GenericSchema;
  registration: v.GenericSchema;
  scope: (c: AppContext) => OrganiserScope;
  who: string;
}

const REGION: Family = {
  prefix: "/regions/:region/admin/events",
  tag: "Events (organisers)",
  access: rolesAccess("region_admin"),
  base: v.object({ region: RegionSlug }),
  item: RegionEventParams,
  registration: RegionRegistrationParams,
  scope: (c) => ({ kind: "region", db: c.var.db, region: c.var.region }),
  who: "region admin: the region's events and those of its organisations",
};
const ORGANISATION: Family = {
  prefix: "/organisations/:org/events",
  tag: "Events (organisers)",
  access: rolesAccess("partner", "region_admin"),
  keyScope: "events:write",
  base: OrgParam,
  item: OrgEventParams,
  registration: OrgRegistrationParams,
  scope: (c) => ({ kind: "organisation", db: c.var.db, organisation: c.var.organisation }),
  who: "the organisation's partners and the region admins of its home region",
};

const errors = {
  401: { description: "Not signed in" },
  403: { description: "Not allowed for this role, or the Origin check failed" },
  404: { description: "Unknown region, organisation, event or registration (also one the caller may not act for)" },
};
const noStore = (c: AppContext) => c.header("Cache-Control", "no-store");
type IdParams = { id: string };
type RegistrationParams = { id: string; registrationId: string };

function familyEndpoints(f: Family): Endpoint[] {
  return [
    defineEndpoint({
      method: "get",
      path: f.prefix,
      tag: f.tag,
      summary: `The organiser's events in every state, latest first (${f.who}); \`status=in_review\` also lists published events with a change waiting`,
      access: f.access,
      keyScope: f.keyScope,
      params: f.base,
      query: OrganiserListQuery,
      responses: { 200: { description: "Events", schema: EventAdminList }, ...errors },
      handler: async (c, { query }) => {
        const page = await listOrganiserEvents(f.scope(c), query);
        noStore(c);
        return c.json(page);
      },
    }),
    defineEndpoint({
      method: "post",
      path: f.prefix,
      tag: f.tag,
      summary: f === REGION ? "Create an event of the region: published at once" : "Create a draft event of the organisation (submit it for review to publish)",
      description:
        "Sessions are ISO 8601 instants with an offset; the first must lie in the future. In-person and hybrid events need a `location`; online and hybrid ones may carry a `joinUrl` that only confirmed participants receive. Defaults: `regions` the organiser's region, `registrationDeadline` the first session's start, `contact` the creator.",
      access: f.access,
      keyScope: f.keyScope,
      params: f.base,
      body: NewEventBody,
      responses: { 201: { description: "Created", schema: EventAdminAnswer }, 400: { description: "Invalid input" }, ...errors },
      handler: async (c, { body }) => c.json({ event: await createEvent(f.scope(c), requireActor(c), body, c.var.now) }, 201),
    }),
    defineEndpoint({
      method: "get",
      path: `${f.prefix}/:id`,
      tag: f.tag,
      summary: "One event with its counts and the feedback (ratings and comments without names)",
      access: f.access,
      keyScope: f.keyScope,
      params: f.item,
      responses: { 200: { description: "The event", schema: EventAdminAnswer }, ...errors },
      handler: async (c, { params }) => {
        noStore(c);
        return c.json({ event: await getOrganiserEvent(f.scope(c), (params as IdParams).id) });
      },
    }),
    defineEndpoint({
      method: "patch",
      path: `${f.prefix}/:id`,
      tag: f.tag,
      summary: "Change an event; a partner's change of a published event waits for review while the published version stays",
      description:
        "Send only the fields that change. Sessions can change until the first one starts. Participants of a published event get a mail when the times, the place or the join link change; added places go to the wait-list at once. The capacity cannot drop below the confirmed participants (409).",
      access: f.access,
      keyScope: f.keyScope,
      params: f.item,
      body: EventPatchBody,
      responses: {
        200: { description: "Changed (or the change is pending review)", schema: EventAdminAnswer },
        400: { description: "Invalid input" },
        409: { description: "Cancelled, over, started (sessions), capacity below the confirmed participants, or changed meanwhile" },
        ...errors,
      },
      handler: async (c, { params, body }) => {
        const event = await changeEvent(f.scope(c), requireActor(c), (params as IdParams).id, body, c.var.now);
        deliverSoon(c);
        return c.json({ event });
      },
    }),
    defineEndpoint({
      method: "post",
      path: `${f.prefix}/:id/cancel`,
      tag: f.tag,
      summary: "Cancel an event: everyone registered (wait-list included) gets a mail with the reason",
      access: f.access,
      keyScope: f.keyScope,
      params: f.item,
      body: CancelEventBody,
      responses: { 200: { description: "Cancelled", schema: EventAdminAnswer }, 409: { description: "Already cancelled or over" }, ...errors },
      handler: async (c, { params, body }) => {
        const event = await cancelEvent(f.scope(c), requireActor(c), (params as IdParams).id, body.reason ?? null, c.var.now);
        deliverSoon(c);
        return c.json({ event });
      },
    }),
    defineEndpoint({
      method: "get",
      path: `${f.prefix}/:id/registrations`,
      tag: f.tag,
      summary: "The participants: confirmed first, then the wait-list in order, then cancelled; attendance per session",
      access: f.access,
      keyScope: f.keyScope,
      params: f.item,
      query: ParticipantsQuery,
      responses: { 200: { description: "Participants", schema: ParticipantList }, ...errors },
      handler: async (c, { params, query }) => {
        const offset = decodeOffsetCursor(query.cursor);
        const { participants, more } = await listParticipants(f.scope(c), (params as IdParams).id, { limit: query.limit, offset });
        noStore(c);
        return c.json({ participants, nextCursor: more ? encodeOffsetCursor(offset + query.limit) : null });
      },
    }),
    defineEndpoint({
      method: "get",
      path: `${f.prefix}/:id/registrations.csv`,
      tag: f.tag,
      summary: "The participant list for the day as CSV: confirmed, then the wait-list, with a column per session for attendance",
      access: f.access,
      keyScope: f.keyScope,
      params: f.item,
      responses: { 200: { description: "CSV download", contentType: "text/csv; charset=utf-8" }, ...errors },
      handler: async (c, { params }) => {
        const { csv, filename } = await participantsCsv(f.scope(c), (params as IdParams).id);
        return c.body(csv, 200, {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${filename}"`,
          "Cache-Control": "no-store",
        });
      },
    }),
    defineEndpoint({
      method: "post",
      path: `${f.prefix}/:id/attendance`,
      tag: f.tag,
      summary: "Mark a confirmed participant present or absent at one session (from the session's start)",
      access: f.access,
      keyScope: f.keyScope,
      params: f.item,
      body: AttendanceBody,
      responses: {
        200: { description: "Recorded", schema: v.object({ participant: ParticipantDto }) },
        400: { description: "Invalid input or no such session" },
        409: { description: "Session not started, event not published, or the registration is not confirmed" },
        ...errors,
      },
      handler: async (c, { params, body }) =>
        c.json({ participant: await markAttendance(f.scope(c), requireActor(c), (params as IdParams).id, body, c.var.now) }),
    }),
    defineEndpoint({
      method: "post",
      path: `${f.prefix}/:id/messages`,
      tag: f.tag,
      summary: "Send one message to the participants (confirmed; optionally the wait-list too), at most 3 per event per 24 hours",
      access: f.access,
      keyScope: f.keyScope,
      params: f.item,
      body: MessageBody,
      responses: {
        202: { description: "Queued in the outbox", schema: v.object({ message: v.object({ id: v.string(), sentAt: v.string() }) }) },
        400: { description: "Invalid input" },
        409: { description: "The event is not published" },
        429: { description: "Three messages in the last 24 hours (Retry-After)" },
        ...errors,
      },
      handler: async (c, { params, body }) => {
        const message = await messageParticipants(f.scope(c), requireActor(c), (params as IdParams).id, body, c.var.now);
        deliverSoon(c);
        return c.json({ message }, 202);
      },
    }),
    defineEndpoint({
      method: "post",
      path: `${f.prefix}/:id/registrations/:registrationId/candidate-invitation`,
      tag: f.tag,
      summary: "Invite an attendee who agreed to it to register for the Support Process (a mail with a one-time link; the candidate's source is `event`)",
      access: f.access,
      keyScope: f.keyScope,
      params: f.registration,
      responses: {
        200: { description: "Invited", schema: v.object({ participant: ParticipantDto }) },
        409: { description: "Did not attend, did not agree, or already invited" },
        ...errors,
      },
      handler: async (c, { params }) => {
        const p = params as RegistrationParams;
        const participant = await inviteCandidate(f.scope(c), requireActor(c), p.id, p.registrationId, { now: c.var.now, links: linksFor(c) });
        deliverSoon(c);
        return c.json({ participant });
      },
    }),
  ];
}

export const organiserEventEndpoints: Endpoint[] = [
  ...familyEndpoints(REGION),
  defineEndpoint({
    method: "post",
    path: `${REGION.prefix}/:id/review`,
    tag: REGION.tag,
    summary: "Approve or reject an event (or a pending change) of an organisation whose home region this is",
    description:
      "Approve: a new event is published (if its first session has not passed); a pending change replaces the published version (participants are told of new times or place). Reject: a new event goes back to draft; a change is marked rejected and the published version stays.",
    access: REGION.access,
    params: RegionEventParams,
    body: ReviewBody,
    responses: {
      200: { description: "Decided", schema: EventAdminAnswer },
      400: { description: "Invalid input" },
      409: { description: "Nothing waiting for review, already started, or changed meanwhile" },
      ...errors,
    },
    handler: async (c, { params, body }) => {
      const event = await reviewEvent({ kind: "region", db: c.var.db, region: c.var.region }, requireActor(c), params.id, body, c.var.now);
      deliverSoon(c);
      return c.json({ event });
    },
  }),
  ...familyEndpoints(ORGANISATION),
  defineEndpoint({
    method: "post",
    path: `${ORGANISATION.prefix}/:id/submit`,
    tag: ORGANISATION.tag,
    summary: "Send a draft event (or a rejected change of a published one) to review",
    access: ORGANISATION.access,
    keyScope: "events:write",
    params: OrgEventParams,
    responses: {
      200: { description: "In review", schema: EventAdminAnswer },
      409: { description: "Not a draft, already in review, or the first session has passed" },
      ...errors,
    },
    handler: async (c, { params }) =>
      c.json({ event: await submitEvent({ kind: "organisation", db: c.var.db, organisation: c.var.organisation }, requireActor(c), params.id, c.var.now) }),
  }),
];
