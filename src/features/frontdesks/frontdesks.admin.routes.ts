import * as v from "valibot";
import { defineEndpoint } from "../../http/endpoint";
import { requireActor } from "../../lib/context";
import { regionScope } from "../../db/scope";
import { rolesAccess } from "../auth/policy";
import { RegionSlugParam } from "../regions/regions.schemas";
import { deliverSoon } from "../notifications/notify";
import { FrontdeskParams, Id } from "./frontdesks.schemas";
import {
  ArchiveQuery,
  CarnivalBody,
  ClosureBody,
  CreateFrontdeskBody,
  HolidayOpeningsBody,
  OpeningHoursBody,
  RegionSettingsBody,
  UpdateFrontdeskBody,
  AdminFrontdeskAnswer,
  AdminFrontdeskListAnswer,
  ArchiveAnswer,
  CarnivalAnswer,
  ClosureAnswer,
  ClosureListAnswer,
  HolidayDatesAnswer,
  HolidayOpeningsAnswer,
  OpeningHoursAnswer,
  RegionSettingsAnswer,
} from "./frontdesks.admin.schemas";
import {
  addCarnivalClosure,
  addClosure,
  archiveFrontdesk,
  createFrontdesk,
  getAdminFrontdesk,
  listAdminFrontdesks,
  listDeskClosures,
  regionHolidays,
  removeClosure,
  replaceOpeningHours,
  setHolidayOpenings,
  updateFrontdesk,
  updateRegionSettings,
} from "./frontdesks.admin.service";

const ADMIN = rolesAccess("region_admin");
const CreateBody = v.object({ ...CreateFrontdeskBody.entries, openingHours: v.optional(OpeningHoursBody) });
const ClosureParams = v.object({ region: v.string(), id: Id, closureId: Id });
const common = {
  401: { description: "Not signed in" },
  403: { description: "Not a region admin" },
  404: { description: "Unknown here (also another region's)" },
};
/** Every write to one desk: an archived desk can no longer be changed. */
const archived = { 409: { description: "The frontdesk is archived (`frontdesk_archived`); nothing was changed" } };
const scope = (c: Parameters<typeof requireActor>[0]) => regionScope(c.var.db, c.var.region);

const CARNIVAL_NOTE =
  "Idempotent: a desk whose closures already cover both days (an earlier press, at region or desk level) gets nothing new; the answer lists only the closures added now.";

export const adminFrontdeskEndpoints = [
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/frontdesks",
    tag: "Region staff",
    summary: "All frontdesks of the region, archived ones included",
    access: ADMIN,
    params: RegionSlugParam,
    responses: { 200: { description: "Frontdesks", schema: AdminFrontdeskListAnswer }, ...common },
    handler: async (c) => c.json({ frontdesks: await listAdminFrontdesks(scope(c)) }),
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/frontdesks",
    tag: "Region staff",
    summary: "Create a frontdesk (slotMinutes 30, capacityPerSlot 1, minNoticeHours 24, maxAdvanceDays 60 by default)",
    access: ADMIN,
    params: RegionSlugParam,
    body: CreateBody,
    responses: { 201: { description: "Created", schema: AdminFrontdeskAnswer }, 400: { description: "Invalid input" }, ...common },
    handler: async (c, { body }) => {
      const { openingHours, ...input } = body;
      const frontdesk = await createFrontdesk(scope(c), requireActor(c), input, openingHours?.weekly, c.var.now);
      return c.json({ frontdesk }, 201);
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/frontdesks/:id",
    tag: "Region staff",
    summary: "One frontdesk with every setting, its hours, closures and holiday openings",
    access: ADMIN,
    params: FrontdeskParams,
    responses: { 200: { description: "The frontdesk", schema: AdminFrontdeskAnswer }, ...common },
    handler: async (c, { params }) => c.json({ frontdesk: await getAdminFrontdesk(scope(c), params.id, c.var.now) }),
  }),
  defineEndpoint({
    method: "patch",
    path: "/regions/:region/admin/frontdesks/:id",
    tag: "Region staff",
    summary: "Change a frontdesk; existing appointments stay as they are",
    access: ADMIN,
    params: FrontdeskParams,
    body: UpdateFrontdeskBody,
    responses: { 200: { description: "Changed", schema: AdminFrontdeskAnswer }, 400: { description: "Invalid input" }, ...common, ...archived },
    handler: async (c, { params, body }) => c.json({ frontdesk: await updateFrontdesk(scope(c), requireActor(c), params.id, body, c.var.now) }),
  }),
  defineEndpoint({
    method: "delete",
    path: "/regions/:region/admin/frontdesks/:id",
    tag: "Region staff",
    summary: "Archive a frontdesk (409 while future appointments exist, unless cancelFuture=true, which cancels and notifies them)",
    access: ADMIN,
    params: FrontdeskParams,
    query: ArchiveQuery,
    responses: {
      200: { description: "Archived", schema: ArchiveAnswer },
      409: { description: "has_future_appointments" },
      ...common,
    },
    handler: async (c, { params, query }) => {
      const { frontdesk, cancelled } = await archiveFrontdesk(scope(c), requireActor(c), params.id, {
        cancelFuture: query.cancelFuture === "true",
        now: c.var.now,
      });
      if (cancelled > 0) deliverSoon(c);
      return c.json({ frontdesk, cancelledAppointments: cancelled });
    },
  }),
  defineEndpoint({
    method: "put",
    path: "/regions/:region/admin/frontdesks/:id/opening-hours",
    tag: "Region staff",
    summary: "Replace the weekly opening hours (several intervals per day allowed; ISO weekday 1 = Monday)",
    access: ADMIN,
    params: FrontdeskParams,
    body: OpeningHoursBody,
    responses: {
      200: { description: "The new hours", schema: OpeningHoursAnswer },
      400: { description: "Invalid or overlapping intervals" },
      ...common,
      ...archived,
    },
    handler: async (c, { params, body }) => c.json(await replaceOpeningHours(scope(c), requireActor(c), params.id, body.weekly, c.var.now)),
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/frontdesks/:id/closures",
    tag: "Region staff",
    summary: "All closures of a frontdesk",
    access: ADMIN,
    params: FrontdeskParams,
    responses: { 200: { description: "Closures", schema: ClosureListAnswer }, ...common },
    handler: async (c, { params }) => c.json({ closures: await listDeskClosures(scope(c), params.id) }),
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/frontdesks/:id/closures",
    tag: "Region staff",
    summary: "Close a frontdesk on a range of dates",
    access: ADMIN,
    params: FrontdeskParams,
    body: ClosureBody,
    responses: { 201: { description: "Closure added", schema: ClosureAnswer }, 400: { description: "Invalid dates" }, ...common, ...archived },
    handler: async (c, { params, body }) => c.json({ closure: await addClosure(scope(c), requireActor(c), params.id, body, c.var.now) }, 201),
  }),
  defineEndpoint({
    method: "delete",
    path: "/regions/:region/admin/frontdesks/:id/closures/:closureId",
    tag: "Region staff",
    summary: "Remove a closure",
    access: ADMIN,
    params: ClosureParams,
    responses: { 204: { description: "Removed" }, ...common, ...archived },
    handler: async (c, { params }) => {
      await removeClosure(scope(c), requireActor(c), params.id, params.closureId, c.var.now);
      return c.body(null, 204);
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/frontdesks/:id/closures/carnival",
    tag: "Region staff",
    summary: "One-click Carnival closure (Monday and Tuesday before Ash Wednesday) for one frontdesk",
    description: CARNIVAL_NOTE,
    access: ADMIN,
    params: FrontdeskParams,
    body: CarnivalBody,
    responses: {
      201: { description: "Closure added", schema: ClosureListAnswer },
      200: { description: "Already closed on both days: nothing added (empty list)", schema: ClosureListAnswer },
      ...common,
      ...archived,
    },
    handler: async (c, { params, body }) => {
      const created = await addCarnivalClosure(scope(c), requireActor(c), params.id, body.year, c.var.now);
      return c.json({ closures: created.map(({ id, from, to, reason }) => ({ id, from, to, reason })) }, created.length > 0 ? 201 : 200);
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/closures/carnival",
    tag: "Region staff",
    summary: "One-click Carnival closure for every active frontdesk of the region",
    description: CARNIVAL_NOTE,
    access: ADMIN,
    params: RegionSlugParam,
    body: CarnivalBody,
    responses: {
      201: { description: "Closures added (for the desks not yet closed then)", schema: CarnivalAnswer },
      200: { description: "Every active desk is already closed on both days: nothing added (empty list)", schema: CarnivalAnswer },
      ...common,
    },
    handler: async (c, { body }) => {
      const closures = await addCarnivalClosure(scope(c), requireActor(c), null, body.year, c.var.now);
      return c.json({ closures }, closures.length > 0 ? 201 : 200);
    },
  }),
  defineEndpoint({
    method: "put",
    path: "/regions/:region/admin/frontdesks/:id/holiday-openings",
    tag: "Region staff",
    summary: "Public holidays on which this frontdesk opens anyway (replaces the list)",
    access: ADMIN,
    params: FrontdeskParams,
    body: HolidayOpeningsBody,
    responses: { 200: { description: "The dates", schema: HolidayDatesAnswer }, ...common, ...archived },
    handler: async (c, { params, body }) => c.json({ dates: await setHolidayOpenings(scope(c), requireActor(c), params.id, body.dates, c.var.now) }),
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/settings",
    tag: "Region staff",
    summary: "The region's settings and its public holidays this year and next",
    access: ADMIN,
    params: RegionSlugParam,
    responses: {
      200: {
        description: "Settings",
        schema: HolidayOpeningsAnswer,
      },
      ...common,
    },
    handler: async (c) => {
      const s = scope(c);
      const year = new Date(c.var.now).getUTCFullYear();
      const { goodFridayClosed, liberationDayClosed, retentionMonths } = c.var.region;
      return c.json({
        settings: { goodFridayClosed, liberationDayClosed, retentionMonths },
        holidays: [...regionHolidays(s, year), ...regionHolidays(s, year + 1)],
      });
    },
  }),
  defineEndpoint({
    method: "patch",
    path: "/regions/:region/admin/settings",
    tag: "Region staff",
    summary: "Change the region's settings (Good Friday, Liberation Day, retention period)",
    access: ADMIN,
    params: RegionSlugParam,
    body: RegionSettingsBody,
    responses: {
      200: {
        description: "Settings",
        schema: RegionSettingsAnswer,
      },
      400: { description: "Invalid input" },
      ...common,
    },
    handler: async (c, { body }) => {
      const { goodFridayClosed, liberationDayClosed, retentionMonths } = await updateRegionSettings(scope(c), requireActor(c), body, c.var.now);
      return c.json({ settings: { goodFridayClosed, liberationDayClosed, retentionMonths } });
    },
  }),
];
