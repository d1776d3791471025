import * as v from "valibot";
import type { AppContext } from "../../lib/context";
import { decodeOffsetCursor } from "../../lib/cursor";
import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import { DomainError } from "../../lib/errors";
import { linksFor, requestLocale } from "../../lib/links";
import { requestLimits } from "../../lib/rate-limit";
import { PUBLIC } from "../auth/policy";
import { deliverSoon } from "../notifications/notify";
import { RegionSlugParam } from "../regions/regions.schemas";
import { getPublicEvent, listPublicEvents, regionEventFeed } from "./events.public";
import {
  EventDetailDto,
  EventListDto,
  EventListQuery,
  EventSlugParam,
  FeedbackBody,
  OwnRegistrationDto,
  RegistrationAnswer,
  RegistrationBody,
  TokenParam,
} from "./events.schemas";
import { cancelRegistration, giveFeedback, registerForEvent, registrationCalendar, viewRegistration } from "./registrations.service";

const IdempotencyKey = v.pipe(v.string(), v.minLength(1), v.maxLength(200), v.regex(/^[\x21-\x7E]+$/, "Use printable ASCII in the Idempotency-Key."));

function idempotencyKey(c: AppContext): string | undefined {
  const raw = c.req.header("idempotency-key");
  if (raw === undefined) return undefined;
  const parsed = v.safeParse(IdempotencyKey, raw);
  if (!parsed.success) {
    throw new DomainError("validation_failed", "The Idempotency-Key header is not valid.", [
      { path: "Idempotency-Key", message: parsed.issues[0]?.message ?? "Invalid" },
    ]);
  }
  return parsed.output;
}

const LIST_DESCRIPTION =
  "Published events with a session from `from` (default: now, i.e. not yet over) up to `to`, soonest first. `q` matches words the way the catalogue search does (accents ignored, prefixes, plurals, compounds, a typo in a word of 5+ letters corrected), over title, summary, description, location, organiser and the vocabulary words of type, format, topics, audiences and regions. Filters with several values (comma-separated) match any of them. Never the join link. One database round trip.";
const manageErrors = { 404: { description: "Unknown link" } };

/** The public event routes: list and search, one event, registering, the manage link and the region feed. */
export const publicEventEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "get",
    path: "/events",
    tag: "Events",
    summary: "Upcoming events (masterclasses, awareness sessions, workshops, network meetings), filtered or searched",
    description: LIST_DESCRIPTION,
    access: PUBLIC,
    query: EventListQuery,
    responses: { 200: { description: "A page of events", schema: EventListDto }, 400: { description: "Invalid filters, dates or cursor" } },
    handler: async (c, { query }) => {
      const answer = await listPublicEvents(
        c.var.db,
        {
          q: query.q,
          region: query.region,
          topics: query.topic,
          audiences: query.audience,
          types: query.type,
          formats: query.format,
          from: query.from,
          to: query.to,
          limit: query.limit,
          offset: decodeOffsetCursor(query.cursor),
        },
        c.var.now,
      );
      return c.json(answer);
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/events/:slug",
    tag: "Events",
    summary: "One event, with its description, sessions, places left and the organiser's contact",
    description: 'A cancelled event is still answered, with `status: "cancelled"`. Never the join link.',
    access: PUBLIC,
    params: EventSlugParam,
    responses: { 200: { description: "The event", schema: v.object({ event: EventDetailDto }) }, 404: { description: "No published event with this slug" } },
    handler: async (c, { params }) => c.json({ event: await getPublicEvent(c.var.db, params.slug, c.var.now) }),
  }),
  defineEndpoint({
    method: "post",
    path: "/events/:slug/registrations",
    tag: "Events",
    summary: "Register for an event without an account; when it is full, join the wait-list",
    description:
      "The database decides `confirmed` or `waitlisted` (with `position`, 1 = next) in the inserting statement, so parallel registrations never overbook. A place freed by a cancellation goes to the first on the wait-list automatically, with a mail. The same Idempotency-Key with the same body returns the same registration (in its current state); with another body it is refused (422). One live registration per e-mail address and event (409). `followUpConsent: true` lets the organiser invite you afterwards to the Support Process.",
    access: PUBLIC,
    params: EventSlugParam,
    body: RegistrationBody,
    headers: [{ name: "Idempotency-Key", description: "Optional; makes a retried registration safe. Kept at least 24 hours." }],
    responses: {
      201: { description: "Registered (confirmed or on the wait-list)", schema: RegistrationAnswer },
      400: { description: "Invalid input" },
      404: { description: "No published event with this slug" },
      409: {
        description:
          "registration_closed after the deadline, once the event has started or when it was cancelled; conflict when the address is already registered",
      },
      422: { description: "Idempotency-Key reused with another body" },
      429: { description: "Too many registrations from this address" },
    },
    handler: async (c, { params, body }) => {
      const key = idempotencyKey(c);
      const { locale, ...input } = body;
      const { result, replayed } = await registerForEvent(
        c.var.db,
        params.slug,
        { ...input, locale: requestLocale(c, locale) },
        {
          now: c.var.now,
          links: linksFor(c),
          limits: requestLimits(c),
          ...(key ? { idempotency: { key, body } } : {}),
        },
      );
      if (replayed) c.header("Idempotent-Replayed", "true");
      else deliverSoon(c);
      c.header("Cache-Control", "no-store");
      return c.json(result, 201);
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/registrations/:token",
    tag: "Events",
    summary: "The participant's own registration, through its manage link (with the join link when confirmed for an online or hybrid event)",
    access: PUBLIC,
    params: TokenParam,
    responses: { 200: { description: "The registration", schema: v.object({ registration: OwnRegistrationDto }) }, ...manageErrors },
    handler: async (c, { params }) => {
      c.header("Cache-Control", "no-store");
      return c.json({ registration: await viewRegistration(c.var.db, params.token, c.var.now) });
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/registrations/:token/ics",
    tag: "Events",
    summary: "The registration as an RFC 5545 calendar file: one VEVENT per session",
    description: "Times in UTC, so calendars show the right Amsterdam time on both sides of a DST change. The join link only for a confirmed registration.",
    access: PUBLIC,
    params: TokenParam,
    responses: { 200: { description: "text/calendar", contentType: "text/calendar" }, ...manageErrors },
    handler: async (c, { params }) => {
      const { ics, filename } = await registrationCalendar(c.var.db, params.token, { now: c.var.now, links: linksFor(c) });
      return c.body(ics, 200, {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/registrations/:token/cancel",
    tag: "Events",
    summary: "Cancel the registration (until the first session starts); the first on the wait-list gets the place",
    access: PUBLIC,
    params: TokenParam,
    responses: {
      200: { description: "Cancelled", schema: v.object({ registration: OwnRegistrationDto }) },
      409: { description: "too_late once the first session has started; conflict when already cancelled or the event was cancelled" },
      ...manageErrors,
    },
    handler: async (c, { params }) => {
      const registration = await cancelRegistration(c.var.db, params.token, { now: c.var.now, links: linksFor(c) });
      deliverSoon(c);
      return c.json({ registration });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/registrations/:token/feedback",
    tag: "Events",
    summary: "Feedback after the event: a rating of 1–5 and an optional comment, once, by a participant who attended",
    description: "The organiser sees the ratings and comments without names.",
    access: PUBLIC,
    params: TokenParam,
    body: FeedbackBody,
    responses: {
      200: { description: "Thank you", schema: v.object({ registration: OwnRegistrationDto }) },
      400: { description: "Invalid input" },
      409: { description: "Before the event is over, not attended, or already given" },
      ...manageErrors,
    },
    handler: async (c, { params, body }) => c.json({ registration: await giveFeedback(c.var.db, params.token, body, c.var.now) }),
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/events.ics",
    tag: "Events",
    summary: "Subscribable iCalendar feed of the region's public events (one VEVENT per session; never a join link)",
    description: "Events for the region from 30 days ago onwards; cancelled events as STATUS:CANCELLED. Calendars are asked to refresh every 6 hours.",
    access: PUBLIC,
    regionInBatch: true,
    params: RegionSlugParam,
    responses: { 200: { description: "text/calendar", contentType: "text/calendar" }, 404: { description: "Unknown region" } },
    handler: async (c, { params }) => {
      const { region, ics } = await regionEventFeed(c.var.db, params.region, { now: c.var.now, origin: linksFor(c).origin });
      return c.body(ics, 200, {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `inline; filename="bijeenkomsten-${region.slug}.ics"`,
        "Cache-Control": "public, max-age=900",
      });
    },
  }),
];
