import { and, eq, gte, isNull, notExists, sql } from "drizzle-orm";
import { appointments, frontdesks } from "../../db/schema";
import type { RegionScope } from "../../db/scope";
import { writeBatch, type WriteStatement } from "../../db/write";
import type { Actor } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { auditEntry, auditEntryIf } from "../audit/audit.repo";
import { futureConfirmedQuery, listFutureConfirmed, cancelStatement } from "../appointments/appointments.repo";
import { outboxMessage } from "../appointments/appointments.messages";
import { withdrawPendingReminders } from "../notifications/outbox.repo";
import { carnivalDays, dutchPublicHolidays } from "../availability/holidays";
import { updateRegionSettingsStatement } from "../regions/regions.repo";
import { canonicalMunicipality } from "../regions/regions.service";
import { listMunicipalities } from "../regions/regions.repo";
import {
  deleteClosureStatement,
  findFrontdesk,
  insertClosureUnlessCoveredStatement,
  insertClosureStatement,
  insertFrontdeskStatement,
  allClosuresQuery,
  allHolidayOpeningsQuery,
  listFrontdesks,
  replaceHolidayOpeningsStatements,
  replaceOpeningHoursStatements,
  updateFrontdeskStatement,
  type FrontdeskRow,
} from "./frontdesks.repo";
import { frontdeskDetailOf, toFrontdeskSummary } from "./frontdesks.service";
import { planRegionConfig } from "./desk-config";
import { ReadPlan } from "../../db/read";
import { todayLocal } from "../../lib/time";
import type { Mode, Topic, FrontdeskKind } from "../../lib/vocabulary";

export interface FrontdeskInput {
  name: string;
  kind: FrontdeskKind;
  municipality: string;
  address: string;
  modes: Mode[];
  topics: Topic[];
  slotMinutes: number;
  capacityPerSlot: number;
  minNoticeHours: number;
  maxAdvanceDays: number;
  cancelCutoffHours: number;
  videoUrlTemplate: string | null;
  phone: string | null;
  email: string | null;
  servedMunicipalities: string[] | null;
  visitInfo: string | null;
  accessInfo: string | null;
}

/** The admin view of a desk: every setting, and whether it is archived. */
export function toAdminFrontdesk(row: FrontdeskRow) {
  return {
    ...toFrontdeskSummary(row),
    capacityPerSlot: row.capacityPerSlot,
    minNoticeHours: row.minNoticeHours,
    maxAdvanceDays: row.maxAdvanceDays,
    cancelCutoffHours: row.cancelCutoffHours,
    videoUrlTemplate: row.videoUrlTemplate,
    phone: row.phone,
    email: row.email,
    visitInfo: row.visitInfo,
    accessInfo: row.accessInfo,
    isDemo: row.isDemo,
    archived: row.archivedAt !== null,
  };
}

async function requireDesk(scope: RegionScope, id: string): Promise<FrontdeskRow> {
  const desk = await findFrontdesk(scope, id);
  if (!desk) throw notFound("This frontdesk");
  return desk;
}

/**
 * A desk that may still be changed: an archived desk is history (reports count its past
 * appointments), so its settings, hours, closures and holiday openings stay as they were (409).
 */
async function requireActiveDesk(scope: RegionScope, id: string): Promise<FrontdeskRow> {
  const desk = await requireDesk(scope, id);
  if (desk.archivedAt !== null) {
    throw new DomainError("frontdesk_archived", "This frontdesk is archived, so it can no longer be changed. Nothing was changed.");
  }
  return desk;
}

export async function listAdminFrontdesks(scope: RegionScope) {
  return (await listFrontdesks(scope, { includeArchived: true })).map(toAdminFrontdesk);
}

/**
 * One desk for its admins (archived ones too), with every holiday opening: one read batch
 * (the region's configuration from isolate memory when current).
 * @example await getAdminFrontdesk(scope, id, Date.now())
 */
export async function getAdminFrontdesk(scope: RegionScope, id: string, now: number) {
  return (await readAdminFrontdesk(scope, id, now)).desk;
}

/**
 * What the admin pages of one desk show, in one read batch: the desk (as `getAdminFrontdesk`),
 * the region's municipalities and every closure of the desk, past ones included (and with
 * `upcoming`, its confirmed appointments ahead, soonest first).
 * @example const { desk, municipalities, closures } = await readAdminFrontdesk(scope, id, Date.now());
 */
export async function readAdminFrontdesk(scope: RegionScope, id: string, now: number, opts: { upcoming?: boolean } = {}) {
  const plan = new ReadPlan(scope.db);
  const regionConfig = planRegionConfig(plan, scope.region.slug, todayLocal(now));
  const openings = plan.add(allHolidayOpeningsQuery(scope, id));
  const closures = plan.add(allClosuresQuery(scope, id));
  // The closures page: the confirmed appointments ahead, to show which a closure affects.
  const upcoming = opts.upcoming ? plan.add(futureConfirmedQuery(scope, id, now)) : null;
  await plan.run();
  const config = regionConfig()?.config;
  const desk = config?.desks.find((d) => d.id === id);
  if (!config || !desk) throw notFound("This frontdesk");
  return {
    desk: { ...frontdeskDetailOf(config, desk, todayLocal(now)), ...toAdminFrontdesk(desk), holidayOpenings: openings.value.map((r) => r.date) },
    municipalities: config.municipalities,
    closures: closures.value,
    upcoming: (upcoming?.value ?? []).map((a) => ({ id: a.id, startAt: a.startAt, endAt: a.endAt, name: a.name, topic: a.topic })),
  };
}

/**
 * What archiving a desk would touch, in one read batch: the desk (as `getAdminFrontdesk`)
 * and its confirmed appointments still ahead, soonest first.
 * @example const { desk, upcoming } = await readArchivePreview(scope, id, now);
 */
export async function readArchivePreview(scope: RegionScope, id: string, now: number) {
  const plan = new ReadPlan(scope.db);
  const regionConfig = planRegionConfig(plan, scope.region.slug, todayLocal(now));
  const upcoming = plan.add(futureConfirmedQuery(scope, id, now));
  await plan.run();
  const config = regionConfig()?.config;
  const desk = config?.desks.find((d) => d.id === id);
  if (!config || !desk) throw notFound("This frontdesk");
  return {
    desk: toAdminFrontdesk(desk),
    upcoming: upcoming.value.map((a) => ({ id: a.id, startAt: a.startAt, endAt: a.endAt, name: a.name, topic: a.topic, mode: a.mode })),
  };
}

/**
 * The region's own spellings of the municipalities a desk serves (each must be one of the
 * region's: else a validation error on `servedMunicipalities`); the region's whole list is
 * stored as null, so a desk on the default keeps serving a municipality added later.
 */
async function canonicalServed(scope: RegionScope, names: string[] | null): Promise<string[] | null> {
  if (names === null) return null;
  const known = (await listMunicipalities(scope)).map((m) => m.name);
  const chosen = new Set<string>();
  for (const name of names) {
    const match = known.find((m) => m.toLocaleLowerCase("nl") === name.trim().toLocaleLowerCase("nl"));
    if (!match) {
      throw new DomainError("validation_failed", "This municipality is not one of the region's.", [
        { path: "servedMunicipalities", message: `Choose from: ${known.join(", ")}.` },
      ]);
    }
    chosen.add(match);
  }
  return chosen.size === known.length ? null : known.filter((m) => chosen.has(m));
}

/**
 * Creates a desk, optionally with its weekly hours, and audits it.
 * @example await createFrontdesk(scope, actor, input, undefined, Date.now());
 */
export async function createFrontdesk(
  scope: RegionScope,
  actor: Actor,
  input: FrontdeskInput,
  weekly: { weekday: number; opens: string; closes: string }[] | undefined,
  now: number,
) {
  const id = newId();
  const municipality = await canonicalMunicipality(scope, input.municipality);
  const servedMunicipalities = await canonicalServed(scope, input.servedMunicipalities);
  await writeBatch(scope.db, [
    insertFrontdeskStatement(scope, { ...input, id, municipality, servedMunicipalities, isDemo: false, createdAt: now, updatedAt: now }),
    ...(weekly ? replaceOpeningHoursStatements(scope, id, weekly, newId) : []),
    auditEntry(scope, actor, "frontdesk.created", { type: "frontdesk", id }, { name: input.name }, now),
  ]);
  return getAdminFrontdesk(scope, id, now);
}

export async function updateFrontdesk(scope: RegionScope, actor: Actor, id: string, patch: Partial<FrontdeskInput>, now: number) {
  const desk = await requireActiveDesk(scope, id);
  const changes = {
    ...patch,
    ...(patch.municipality ? { municipality: await canonicalMunicipality(scope, patch.municipality) } : {}),
    ...(patch.servedMunicipalities !== undefined ? { servedMunicipalities: await canonicalServed(scope, patch.servedMunicipalities) } : {}),
    updatedAt: now,
  };
  await writeBatch(scope.db, [
    updateFrontdeskStatement(scope, desk.id, changes),
    auditEntry(scope, actor, "frontdesk.updated", { type: "frontdesk", id }, { fields: Object.keys(patch) }, now),
  ]);
  return getAdminFrontdesk(scope, id, now);
}

/**
 * Archives a desk. With future appointments it refuses (409) unless `cancelFuture`.
 * First the desk is archived (without `cancelFuture` the statement re-checks that nothing
 * is booked, so a booking made meanwhile stops it, and the audit entry is written only if
 * the archive happened). An archived desk takes no bookings (the booking insert checks it),
 * so with `cancelFuture` the appointments still ahead are then final: each is cancelled and
 * its notice queued, in rounds until none is left (one moved meanwhile is picked up again).
 */
export async function archiveFrontdesk(scope: RegionScope, actor: Actor, id: string, opts: { cancelFuture: boolean; now: number }) {
  const desk = await requireDesk(scope, id);
  if (desk.archivedAt !== null) return { frontdesk: toAdminFrontdesk(desk), cancelled: 0 };
  const future = await listFutureConfirmed(scope, id, opts.now);
  if (future.length > 0 && !opts.cancelFuture) {
    throw new DomainError(
      "has_future_appointments",
      `This frontdesk still has ${future.length} upcoming appointment(s). Archive with cancelFuture=true to cancel them and notify each entrepreneur.`,
    );
  }
  const nothingAhead = notExists(
    scope.db.db
      .select({ one: sql`1` })
      .from(appointments)
      .where(
        and(
          eq(appointments.regionId, scope.region.id),
          eq(appointments.frontdeskId, id),
          eq(appointments.status, "confirmed"),
          gte(appointments.startAt, opts.now),
        ),
      ),
  );
  const archive = scope.db.db
    .update(frontdesks)
    .set({ archivedAt: opts.now, updatedAt: opts.now })
    .where(and(eq(frontdesks.regionId, scope.region.id), eq(frontdesks.id, id), isNull(frontdesks.archivedAt), ...(opts.cancelFuture ? [] : [nothingAhead])));
  const audit = auditEntryIf(
    scope,
    actor,
    "frontdesk.archived",
    { type: "frontdesk", id },
    { cancelFuture: opts.cancelFuture, upcomingAppointments: future.length },
    opts.now,
    { sql: "exists (select 1 from frontdesks where region_id = ? and id = ? and archived_at = ?)", args: [scope.region.id, id, opts.now] },
  );
  const [archived] = await writeBatch(scope.db, [archive, audit]);
  if ((archived?.rowsAffected ?? 0) !== 1) {
    throw new DomainError("has_future_appointments", "An appointment was booked at this frontdesk just now; nothing was changed. Please try again.");
  }
  let cancelled = 0;
  for (let round = 0; round < 5; round++) {
    const ahead = await listFutureConfirmed(scope, id, opts.now);
    if (ahead.length === 0) break;
    const statements: WriteStatement[] = [];
    for (const row of ahead) {
      const done = { ...row, status: "cancelled" as const, sequence: row.sequence + 1, cancelledAt: opts.now, updatedAt: opts.now };
      statements.push(
        cancelStatement(scope, { id: row.id, now: opts.now, expectedSequence: row.sequence }),
        withdrawPendingReminders(scope, row.id, done.sequence),
      );
      const notice = outboxMessage(scope, "cancellation", done, desk, { links: null, token: null, now: opts.now, cancelledByDesk: true });
      if (notice) statements.push(notice);
    }
    const results = await writeBatch(scope.db, statements);
    // Each appointment's statements start with its cancel; count those that took effect.
    let index = 0;
    for (const row of ahead) {
      if ((results[index]?.rowsAffected ?? 0) === 1) cancelled++;
      index += row.email ? 3 : 2;
    }
  }
  return { frontdesk: toAdminFrontdesk({ ...desk, archivedAt: opts.now }), cancelled };
}

export async function replaceOpeningHours(
  scope: RegionScope,
  actor: Actor,
  id: string,
  weekly: { weekday: number; opens: string; closes: string }[],
  now: number,
) {
  await requireActiveDesk(scope, id);
  await writeBatch(scope.db, [
    ...replaceOpeningHoursStatements(scope, id, weekly, newId),
    updateFrontdeskStatement(scope, id, { updatedAt: now }),
    auditEntry(scope, actor, "frontdesk.hours_changed", { type: "frontdesk", id }, { intervals: weekly.length }, now),
  ]);
  return { weekly: [...weekly].sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens)) };
}

export async function addClosure(scope: RegionScope, actor: Actor, id: string, closure: { from: string; to: string; reason: string }, now: number) {
  await requireActiveDesk(scope, id);
  const closureId = newId();
  await writeBatch(scope.db, [
    insertClosureStatement(scope, { id: closureId, frontdeskId: id, fromDate: closure.from, toDate: closure.to, reason: closure.reason, createdAt: now }),
    auditEntry(scope, actor, "frontdesk.closure_added", { type: "frontdesk", id }, { from: closure.from, to: closure.to }, now),
  ]);
  return { id: closureId, ...closure };
}

/** Every closure of a desk, past ones included: one read batch with the desk check. */
export async function listDeskClosures(scope: RegionScope, id: string) {
  const plan = new ReadPlan(scope.db);
  const desk = plan.add(
    scope.db.db
      .select({ id: frontdesks.id })
      .from(frontdesks)
      .where(and(eq(frontdesks.regionId, scope.region.id), eq(frontdesks.id, id)))
      .limit(1),
  );
  const closures = plan.add(allClosuresQuery(scope, id));
  await plan.run();
  if (!desk.value[0]) throw notFound("This frontdesk");
  return closures.value;
}

export async function removeClosure(scope: RegionScope, actor: Actor, id: string, closureId: string, now: number) {
  await requireActiveDesk(scope, id);
  const [result] = await writeBatch(scope.db, [
    deleteClosureStatement(scope, id, closureId),
    auditEntry(scope, actor, "frontdesk.closure_removed", { type: "frontdesk", id }, { closureId }, now),
  ]);
  if ((result?.rowsAffected ?? 0) !== 1) throw notFound("This closure");
}

/**
 * The one-click Carnival preset: closes the Monday and Tuesday before Ash Wednesday of `year`
 * at one desk, or at every active desk of the region when `frontdeskId` is null. Idempotent:
 * a desk already closed on both days (by an earlier press, at region or desk level, or by any
 * closure covering them) gets nothing new; the database decides per desk, so two presses at
 * once still make one closure. Returns the closures made now (empty when all were closed).
 */
export async function addCarnivalClosure(scope: RegionScope, actor: Actor, frontdeskId: string | null, year: number, now: number) {
  const desks = frontdeskId ? [await requireActiveDesk(scope, frontdeskId)] : await listFrontdesks(scope);
  const [monday, tuesday] = carnivalDays(year);
  const wanted = desks.map((desk) => ({ id: newId(), frontdeskId: desk.id, from: monday, to: tuesday, reason: `Carnaval ${year}` }));
  const made = wanted.map((c) => `'${c.id}'`).join(", ");
  const results = await writeBatch(scope.db, [
    ...wanted.map((c) =>
      insertClosureUnlessCoveredStatement(scope, { id: c.id, frontdeskId: c.frontdeskId, fromDate: c.from, toDate: c.to, reason: c.reason, createdAt: now }),
    ),
    auditEntryIf(
      scope,
      actor,
      "frontdesk.carnival_closure",
      frontdeskId ? { type: "frontdesk", id: frontdeskId } : null,
      { year, desks: desks.length },
      now,
      // Ids are generated here (no user input), so they can stand in the SQL text.
      { sql: `exists (select 1 from closures where region_id = ? and id in (${made || "''"}))`, args: [scope.region.id] },
    ),
  ]);
  return wanted.filter((_, i) => (results[i]?.rowsAffected ?? 0) === 1);
}

/** Whether a desk's closures cover both Carnival days of `year` (the Carnival button then says it is done). */
export function closedForCarnival(closures: ReadonlyArray<{ from: string; to: string }>, year: number): boolean {
  const [monday, tuesday] = carnivalDays(year);
  return closures.some((c) => c.from <= monday && c.to >= tuesday);
}

/**
 * The region admin's desk list in one read batch (the configuration from isolate memory when
 * current): every desk, archived ones included, and which active desks are closed for `carnivalYear`.
 */
export async function readDeskList(scope: RegionScope, carnivalYear: number, now: number) {
  const plan = new ReadPlan(scope.db);
  const regionConfig = planRegionConfig(plan, scope.region.slug, todayLocal(now));
  await plan.run();
  const config = regionConfig()?.config;
  if (!config) throw notFound("This region");
  const active = config.desks.filter((d) => d.archivedAt === null);
  const closed = active.filter((d) =>
    closedForCarnival(
      config.closures.filter((c) => c.frontdeskId === d.id),
      carnivalYear,
    ),
  );
  return { desks: config.desks.map(toAdminFrontdesk), carnivalDone: active.length > 0 && closed.length === active.length };
}

export async function setHolidayOpenings(scope: RegionScope, actor: Actor, id: string, dates: string[], now: number) {
  await requireActiveDesk(scope, id);
  const unique = [...new Set(dates)].sort();
  await writeBatch(scope.db, [
    ...replaceHolidayOpeningsStatements(scope, id, unique, newId),
    auditEntry(scope, actor, "frontdesk.holiday_openings", { type: "frontdesk", id }, { dates: unique }, now),
  ]);
  return unique;
}

/** The public holidays of a year under the region's settings (for the admin's overview). */
export function regionHolidays(scope: RegionScope, year: number) {
  return [
    ...dutchPublicHolidays(year, { goodFridayClosed: scope.region.goodFridayClosed, liberationDayClosed: scope.region.liberationDayClosed }).entries(),
  ].map(([date, key]) => ({ date, key }));
}

export async function updateRegionSettings(
  scope: RegionScope,
  actor: Actor,
  patch: { goodFridayClosed?: boolean; liberationDayClosed?: boolean; retentionMonths?: number },
  now: number,
) {
  await writeBatch(scope.db, [
    updateRegionSettingsStatement(scope, patch),
    auditEntry(scope, actor, "region.settings_changed", { type: "region", id: scope.region.id }, patch, now),
  ]);
  return { ...scope.region, ...patch };
}
