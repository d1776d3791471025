import * as v from "valibot";
import { defineEndpoint } from "../../http/endpoint";
import { PUBLIC } from "../auth/policy";
import { DomainError } from "../../lib/errors";
import { requestLimits } from "../../lib/rate-limit";
import { linksFor, requestLocale } from "../../lib/links";
import { RegionSlugParam } from "../regions/regions.schemas";
import { deliverSoon } from "../notifications/notify";
import { BookingBody, BookingResponse, ManageTokenParam, RescheduleBody, OwnAppointmentAnswer } from "./appointments.schemas";
import { bookAppointment } from "./appointments.booking";
import { cancelAppointment } from "./appointments.cancel";
import { toOwnAppointmentDto } from "./appointments.dto";
import { appointmentCalendar, resolveManageToken } from "./appointments.manage-link";
import { rescheduleAppointment } from "./appointments.reschedule";

const IdempotencyKey = v.pipe(v.string(), v.minLength(1), v.maxLength(200), v.regex(/^[\x21-\x7E]+$/, "Use printable ASCII in the Idempotency-Key."));

export const appointmentEndpoints = [
  defineEndpoint({
    method: "post",
    path: "/regions/:region/appointments",
    tag: "Public",
    summary: "Book an appointment at a frontdesk",
    description:
      "The same Idempotency-Key with the same body returns the first answer again; with another body it is refused (422). Keys are kept at least 24 hours.",
    access: PUBLIC,
    regionInBatch: true,
    params: RegionSlugParam,
    body: BookingBody,
    headers: [{ name: "Idempotency-Key", description: "Optional; makes a retried booking safe." }],
    responses: {
      201: { description: "Booked", schema: BookingResponse },
      400: { description: "Invalid input" },
      404: { description: "Unknown region or frontdesk" },
      409: { description: "slot_unavailable: full, closed, in the past or not on the grid" },
      422: { description: "Idempotency-Key reused with another body" },
      429: { description: "Too many bookings from this address" },
    },
    handler: async (c, { params, body }) => {
      const rawKey = c.req.header("idempotency-key");
      let key: string | undefined;
      if (rawKey !== undefined) {
        const parsed = v.safeParse(IdempotencyKey, rawKey);
        if (!parsed.success)
          throw new DomainError("validation_failed", "The Idempotency-Key header is not valid.", [
            { path: "Idempotency-Key", message: parsed.issues[0]?.message ?? "Invalid" },
          ]);
        key = parsed.output;
      }
      const { locale, ...input } = body;
      const { result, replayed } = await bookAppointment(
        c.var.db,
        params.region,
        { ...input, locale: requestLocale(c, locale) },
        {
          now: c.var.now,
          links: linksFor(c),
          limits: requestLimits(c),
          ...(key ? { idempotency: { key, body } } : {}),
        },
      );
      if (!replayed) deliverSoon(c);
      else c.header("Idempotent-Replayed", "true");
      return c.json(result.body, 201);
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/appointments/:token",
    tag: "Public",
    summary: "The entrepreneur's own appointment, through its manage token",
    description: "Shows everything stored about the appointment.",
    access: PUBLIC,
    params: ManageTokenParam,
    responses: { 200: { description: "The appointment", schema: OwnAppointmentAnswer }, 404: { description: "Unknown link" } },
    handler: async (c, { params }) => {
      const { scope, row, desk } = await resolveManageToken(c.var.db, params.token);
      c.header("Cache-Control", "no-store");
      return c.json({ appointment: toOwnAppointmentDto(row, desk, scope.region, c.var.now) });
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/appointments/:token/ics",
    tag: "Public",
    summary: "The appointment as an RFC 5545 calendar file",
    access: PUBLIC,
    params: ManageTokenParam,
    responses: { 200: { description: "text/calendar", contentType: "text/calendar" }, 404: { description: "Unknown link" } },
    handler: async (c, { params }) => {
      const { ics, filename } = await appointmentCalendar(c.var.db, params.token, { now: c.var.now, links: linksFor(c) });
      return c.body(ics, 200, {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
      });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/appointments/:token/cancel",
    tag: "Public",
    summary: "Cancel the appointment; frees the place",
    access: PUBLIC,
    params: ManageTokenParam,
    responses: {
      200: { description: "Cancelled", schema: OwnAppointmentAnswer },
      404: { description: "Unknown link" },
      409: { description: "too_late after the cut-off, or already cancelled" },
    },
    handler: async (c, { params }) => {
      const appointment = await cancelAppointment(c.var.db, params.token, { now: c.var.now, links: linksFor(c) });
      deliverSoon(c);
      return c.json({ appointment });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/appointments/:token/reschedule",
    tag: "Public",
    summary: "Move the appointment to another time at the same desk (atomic)",
    access: PUBLIC,
    params: ManageTokenParam,
    body: RescheduleBody,
    responses: {
      200: { description: "Moved", schema: OwnAppointmentAnswer },
      400: { description: "Invalid input" },
      404: { description: "Unknown link" },
      409: { description: "slot_unavailable or too_late; nothing changed" },
    },
    handler: async (c, { params, body }) => {
      const appointment = await rescheduleAppointment(c.var.db, params.token, body.start, { now: c.var.now, links: linksFor(c) });
      deliverSoon(c);
      return c.json({ appointment });
    },
  }),
];
