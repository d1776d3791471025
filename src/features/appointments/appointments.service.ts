import type { Db } from "../../db/client";
import { regionScope, type RegionScope } from "../../db/scope";
import { writeBatch, type WriteStatement } from "../../db/write";
import type { RegionRef } from "../../lib/context";
import { openText, sealText, stableStringify } from "../../lib/crypto";
import { DomainError, notFound } from "../../lib/errors";
import { databaseErrorCode } from "../../lib/http-errors";
import { newId, newToken, sha256Hex } from "../../lib/ids";
import { slotRulesOf } from "../availability/availability.service";
import { peekRegionConfig, planRegionConfig, type DeskConfig } from "../frontdesks/desk-config";
import { ReadPlan } from "../../db/read";
import type { AppointmentLinkScope } from "../../db/scope";
import { scopedRegionQuery } from "../regions/regions.repo";
import { findSlot, type SlotRules } from "../availability/slots";
import type { FrontdeskRow } from "../frontdesks/frontdesks.repo";
import { renderAppointmentMessage, type MessageKind } from "../notifications/messages";
import { insertOutboxIfAppointment, withdrawPendingReminders } from "../notifications/outbox.repo";
import { appointmentWebhook, noteWebhooksQueued } from "../webhooks/webhook-events";
import {
  cancelStatement,
  findAppointment,
  findIdempotencyRecord,
  idempotencyRecordQuery,
  appointmentLinkQueries,
  insertAppointmentIfFree,
  insertIdempotencyIfBooked,
  rescheduleIfFree,
  type AppointmentRow,
} from "./appointments.repo";
import { buildIcs } from "./ics";
import { formatOffsetIso, localDate } from "../../lib/time";
import { topicLabel, type Locale, type Mode, type Topic } from "../../lib/vocabulary";
import { formatPhone } from "../../lib/dutch";
import type { Limits } from "../../lib/rate-limit";

const HOUR_MS = 3_600_000;
/** Manage tokens are 32 random bytes in base64url (43 characters). */
const MANAGE_TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;
/** Platform default when a region set no template: Jitsi rooms need no account; the id is unguessable. */
export const DEFAULT_VIDEO_TEMPLATE = "https://meet.jit.si/mkb-limburg-{id}";

export interface EntrepreneurInput {
  name: string;
  email: string;
  phone?: string | undefined;
  companyName?: string | undefined;
  kvkNumber?: string | undefined;
  /** Where the company is (canonical Dutch municipality name). */
  municipality?: string | undefined;
}

export interface BookingInput {
  frontdeskId: string;
  start: number;
  mode: Mode;
  topic: Topic;
  question?: string | undefined;
  entrepreneur: EntrepreneurInput;
  locale: Locale;
}

/** Where links in answers and e-mails point (the web front's origin). */
export interface Links {
  origin: string;
}

export function manageUrl(links: Links, token: string): string {
  return `${links.origin}/afspraak/${token}`;
}
export function icsUrl(links: Links, token: string): string {
  return `${links.origin}/api/v1/appointments/${token}/ics`;
}

export function videoUrlFor(desk: FrontdeskRow, appointment: { id: string; mode: Mode }): string | null {
  if (appointment.mode !== "video") return null;
  return (desk.videoUrlTemplate ?? DEFAULT_VIDEO_TEMPLATE).replaceAll("{id}", appointment.id);
}

const REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U

/**
 * The short number people quote on the phone: 8 characters of Crockford base32 derived from
 * the appointment's id (40 of its 128 random bits), written as two groups of four.
 * @example appointmentReference(row.id) // "7KQ2-M9XD"
 */
export function appointmentReference(id: string): string {
  let bits = 0n;
  for (const ch of id.slice(0, 8)) bits = (bits << 6n) | BigInt("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(ch) & 63);
  let out = "";
  for (let i = 0; i < 8; i++) out += REFERENCE_ALPHABET[Number((bits >> BigInt(5 * (7 - i) + 8)) & 31n)];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/** The public shape of an appointment (contract fields first). */
export function toAppointmentDto(row: AppointmentRow, desk: FrontdeskRow) {
  const videoUrl = videoUrlFor(desk, row);
  return {
    id: row.id,
    status: row.status,
    frontdeskId: row.frontdeskId,
    frontdeskName: desk.name,
    start: formatOffsetIso(row.startAt),
    end: formatOffsetIso(row.endAt),
    mode: row.mode,
    topic: row.topic,
    reference: appointmentReference(row.id),
    ...(videoUrl ? { videoUrl } : {}),
    ...(row.mode === "in_person" ? { location: desk.address } : {}),
    locale: row.locale,
  };
}

/** Everything stored about the appointment, for its owner (the manage link). */
export function toOwnAppointmentDto(row: AppointmentRow, desk: FrontdeskRow, region: RegionRef, now: number) {
  const cutoff = row.startAt - desk.cancelCutoffHours * HOUR_MS;
  return {
    ...toAppointmentDto(row, desk),
    region: region.slug,
    question: row.question,
    entrepreneur: {
      name: row.name,
      email: row.email,
      phone: row.phone,
      companyName: row.companyName,
      kvkNumber: row.kvkNumber,
      municipality: row.entrepreneurMunicipality,
    },
    frontdesk: {
      id: desk.id,
      name: desk.name,
      address: desk.address,
      phone: desk.phone,
      email: desk.email,
      municipality: desk.municipality,
      visitInfo: desk.visitInfo,
      accessInfo: desk.accessInfo,
    },
    sequence: row.sequence,
    createdAt: formatOffsetIso(row.createdAt),
    canChange: row.status === "confirmed" && now < cutoff,
    changeDeadline: formatOffsetIso(cutoff),
  };
}

export function calendarFor(row: AppointmentRow, desk: FrontdeskRow, links: Links | null, token: string | null, now: number): string {
  const nl = row.locale === "nl";
  const videoUrl = videoUrlFor(desk, row);
  const manage = links && token ? manageUrl(links, token) : null;
  return buildIcs({
    uid: `${row.id}@mkb-limburg`,
    sequence: row.sequence,
    status: row.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    start: row.startAt,
    end: row.endAt,
    created: row.createdAt,
    stamp: now,
    summary: nl ? `Afspraak ${desk.name}` : `Appointment ${desk.name}`,
    description: [
      nl ? `Onderwerp: ${topicLabel(row.topic, row.locale)}` : `Topic: ${topicLabel(row.topic, row.locale)}`,
      nl ? `Afspraaknummer: ${appointmentReference(row.id)}` : `Appointment number: ${appointmentReference(row.id)}`,
      desk.phone ? (nl ? `Telefoon loket: ${formatPhone(desk.phone)}` : `Desk phone: ${formatPhone(desk.phone)}`) : null,
      videoUrl ? (nl ? `Videogesprek: ${videoUrl}` : `Video call: ${videoUrl}`) : null,
      manage ? (nl ? `Wijzigen of annuleren: ${manage}` : `Change or cancel: ${manage}`) : null,
    ]
      .filter(Boolean)
      .join("\n"),
    ...(row.mode === "in_person" ? { location: desk.address } : { location: videoUrl ?? "" }),
    ...(videoUrl ? { url: videoUrl } : {}),
    organizerName: desk.name,
    ...(desk.email ? { organizerEmail: desk.email } : {}),
  });
}

/** Builds the outbox statement for one message about an appointment in the state given. */
export function outboxMessage(
  scope: RegionScope,
  kind: MessageKind,
  row: AppointmentRow,
  desk: FrontdeskRow,
  opts: {
    links: Links | null;
    token: string | null;
    now: number;
    sendAt?: number;
    cancelledByDesk?: boolean;
    accountUrl?: string | null;
    /** With `cancelledByDesk`: the desk's message to the entrepreneur in the mail. */
    deskMessage?: string | null;
  },
): WriteStatement | null {
  if (!row.email) return null;
  const locale = row.locale;
  const message = renderAppointmentMessage(
    kind,
    {
      entrepreneurName: row.name ?? "",
      regionName: scope.region.name,
      frontdeskName: desk.name,
      frontdeskAddress: desk.address,
      frontdeskPhone: desk.phone,
      frontdeskEmail: desk.email,
      reference: appointmentReference(row.id),
      visitInfo: desk.visitInfo,
      accessInfo: desk.accessInfo,
      mode: row.mode,
      topic: row.topic,
      start: row.startAt,
      end: row.endAt,
      videoUrl: videoUrlFor(desk, row),
      manageUrl: row.status !== "confirmed" ? null : opts.links && opts.token ? manageUrl(opts.links, opts.token) : (opts.accountUrl ?? null),
      icsUrl: opts.links && opts.token ? icsUrl(opts.links, opts.token) : null,
      cancelledByDesk: opts.cancelledByDesk ?? false,
      deskMessage: opts.deskMessage ?? null,
      cancelCutoffHours: desk.cancelCutoffHours,
    },
    locale,
  );
  return insertOutboxIfAppointment(
    scope,
    {
      id: newId(),
      appointmentId: row.id,
      kind,
      dedupeKey: `${row.id}:${kind}:${row.sequence}`,
      recipient: row.email,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html,
      icsBody: calendarFor(row, desk, opts.links, opts.token, opts.now),
      nextAttemptAt: opts.sendAt ?? opts.now,
      createdAt: opts.now,
    },
    { id: row.id, sequence: row.sequence, status: row.status },
  );
}

/** A reminder 24 h before, written now and delivered when due; none when the appointment is too close. */
function reminderMessage(
  scope: RegionScope,
  row: AppointmentRow,
  desk: FrontdeskRow,
  links: Links,
  token: string | null,
  now: number,
  accountUrl: string | null = null,
): WriteStatement | null {
  const sendAt = row.startAt - 24 * HOUR_MS;
  if (sendAt < now + HOUR_MS) return null;
  return outboxMessage(scope, "reminder", row, desk, { links, token, now, sendAt, accountUrl });
}

export interface BookingResult {
  status: 201;
  body: {
    appointment: ReturnType<typeof toAppointmentDto>;
    manageToken: string;
    manageUrl: string;
    icsUrl: string;
  };
}

export interface Idempotency {
  key: string;
  body: unknown;
}

async function openReplay(
  region: { id: string },
  idempotency: Idempotency,
  record: { bodyHash: string; response: string },
  bodyHash: string,
): Promise<BookingResult> {
  if (record.bodyHash !== bodyHash) {
    throw new DomainError("idempotency_key_reused", "This Idempotency-Key was already used with a different request body. Use a new key for a new booking.");
  }
  return JSON.parse(await openText(`${region.id}:${idempotency.key}`, record.response)) as BookingResult;
}

async function replayIdempotent(scope: RegionScope, idempotency: Idempotency, keyHash: string, bodyHash: string): Promise<BookingResult | null> {
  const record = await findIdempotencyRecord(scope, keyHash);
  return record ? openReplay(scope.region, idempotency, record, bodyHash) : null;
}

/**
 * Books a place, in two round trips before the answer: one read batch (region, its
 * configuration unless this isolate holds it, an earlier answer under the same
 * Idempotency-Key) and one write batch. The time must be on the desk's grid and open; the
 * database decides capacity in the same statement that inserts (409 slot_unavailable when
 * full), and the client's `bookingPerIp` count travels in that batch too (429, nothing
 * written). The confirmation, the reminder and the idempotency record are written in the
 * same batch. Replays are not counted.
 * @example const { result } = await bookAppointment(db, "zuid-limburg", input, { now, links, limits: requestLimits(c), idempotency });
 */
export async function bookAppointment(
  db: Db,
  slug: string,
  input: BookingInput,
  opts: { now: number; links: Links; limits: Limits; idempotency?: Idempotency; byStaff?: StaffChange },
): Promise<{ result: BookingResult; replayed: boolean }> {
  const { now, links } = opts;
  const idempotency = opts.idempotency ?? null;
  const bodyHash = idempotency ? await sha256Hex(stableStringify(idempotency.body)) : null;

  const plan = new ReadPlan(db);
  const regionConfig = planRegionConfig(plan, slug, localDate(now));
  // The key's hash includes the region id: this isolate knows it for any region it served
  // before (checked against the region row below); a cold isolate looks the key up after.
  const knownId = peekRegionConfig(slug)?.regionId ?? null;
  const guessedHash = idempotency && knownId ? await sha256Hex(`${knownId}:${idempotency.key}`) : null;
  const keyRows = guessedHash ? plan.add(idempotencyRecordQuery({ db, slug }, guessedHash)) : null;
  await plan.run();
  const loaded = regionConfig();
  if (!loaded) throw notFound("This region");
  const scope = regionScope(db, loaded.region);
  const keyHash = idempotency ? await sha256Hex(`${loaded.region.id}:${idempotency.key}`) : null;
  if (idempotency && keyHash && bodyHash) {
    const record = keyRows && guessedHash === keyHash ? (keyRows.value[0] ?? null) : await findIdempotencyRecord(scope, keyHash);
    if (record) return { result: await openReplay(loaded.region, idempotency, record, bodyHash), replayed: true };
  }

  const desk = loaded.config.desks.find((d) => d.id === input.frontdeskId);
  if (!desk || desk.archivedAt !== null) throw notFound("This frontdesk");
  if (!desk.modes.includes(input.mode)) {
    throw new DomainError("validation_failed", "This frontdesk does not offer this kind of appointment.", [
      { path: "mode", message: `Choose one of: ${desk.modes.join(", ")}.` },
    ]);
  }
  const day = localDate(input.start);
  const rules = slotRulesOf(loaded.region, loaded.config, desk, day, day);
  const slot = findSlot(opts.byStaff ? staffRules(rules) : rules, input.start, now);
  if (!slot) throw slotUnavailable();

  const token = newToken(32);
  const row: AppointmentRow = {
    id: newId(),
    regionId: scope.region.id,
    frontdeskId: desk.id,
    startAt: slot.start,
    endAt: slot.end,
    mode: input.mode,
    topic: input.topic,
    municipality: desk.municipality,
    entrepreneurMunicipality: input.entrepreneur.municipality ?? null,
    status: "confirmed",
    locale: input.locale,
    question: input.question ?? null,
    name: input.entrepreneur.name,
    email: input.entrepreneur.email,
    phone: input.entrepreneur.phone ?? null,
    companyName: input.entrepreneur.companyName ?? null,
    kvkNumber: input.entrepreneur.kvkNumber ?? null,
    manageTokenHash: await sha256Hex(token),
    sequence: 0,
    outcomeNote: null,
    outcomeAt: null,
    cancelledAt: null,
    anonymisedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  const result: BookingResult = {
    status: 201,
    body: { appointment: toAppointmentDto(row, desk), manageToken: token, manageUrl: manageUrl(links, token), icsUrl: icsUrl(links, token) },
  };

  // A replayed answer is not a new booking: only new ones count against the client's limit,
  // counted in the booking's own batch (a refused count writes nothing else). Desk staff
  // booking for callers and walk-ins are not limited per address.
  const limit = opts.byStaff ? null : opts.limits.perClientInBatch("bookingPerIp");
  const statements: WriteStatement[] = [];
  if (limit) statements.push(limit.count);
  const bookingAt = statements.length;
  statements.push(insertAppointmentIfFree(scope, row, desk.capacityPerSlot, limit?.within));
  const confirmation = outboxMessage(scope, "confirmation", row, desk, { links, token, now });
  if (confirmation) statements.push(confirmation);
  const reminder = reminderMessage(scope, row, desk, links, token, now);
  if (reminder) statements.push(reminder);
  const booked = appointmentWebhook("appointment.booked", row, scope.region.slug, now);
  if (booked) statements.push(booked);
  if (opts.byStaff) statements.push(...opts.byStaff.audit(row.id, 0));
  if (idempotency && keyHash && bodyHash) {
    const sealed = await sealText(`${scope.region.id}:${idempotency.key}`, JSON.stringify(result));
    statements.push(insertIdempotencyIfBooked(scope, { keyHash, bodyHash, status: 201, response: sealed, now, appointmentId: row.id }));
  }

  let inserted: boolean;
  try {
    const results = await writeBatch(scope.db, statements);
    noteWebhooksQueued(scope.db, statements, results);
    if (limit && results[0]) limit.check(results[0]);
    inserted = (results[bookingAt]?.rowsAffected ?? 0) === 1;
  } catch (error) {
    // Two requests with the same key raced: the loser's batch rolled back whole; answer as the winner did.
    if (idempotency && keyHash && bodyHash && databaseErrorCode(error) === "SQLITE_CONSTRAINT") {
      const replay = await replayIdempotent(scope, idempotency, keyHash, bodyHash);
      if (replay) return { result: replay, replayed: true };
    }
    throw error;
  }
  if (!inserted && idempotency && keyHash && bodyHash) {
    // The same key may have just taken the last place in a parallel request: answer as it did.
    const replay = await replayIdempotent(scope, idempotency, keyHash, bodyHash);
    if (replay) return { result: replay, replayed: true };
  }
  if (!inserted) throw slotUnavailable();
  return { result, replayed: false };
}

/**
 * A change made by desk staff on the entrepreneur's behalf (issue 13): no cut-off and no
 * minimum notice (a caller or walk-in may be helped now), and an audit entry written in the
 * same batch, guarded on the change having happened (`audit(id, sequence)`).
 */
export interface StaffChange {
  audit(id: string, sequence: number): WriteStatement[];
}

function staffRules(rules: SlotRules): SlotRules {
  return { ...rules, minNoticeHours: 0 };
}

function slotUnavailable(): DomainError {
  return new DomainError("slot_unavailable", "This time is not available (full, closed, in the past or not a bookable time). Please choose another time.");
}

/**
 * Resolves a manage token to its appointment, desk and region in one read batch; with
 * `config`, the region's configuration travels along (for a reschedule's slot rules).
 * 404 for anything unknown.
 */
export async function resolveManageToken(db: Db, token: string, opts: { config?: string } = {}) {
  if (!MANAGE_TOKEN_FORMAT.test(token)) throw notFound("This appointment");
  const plan = new ReadPlan(db);
  const found = planAppointmentLink(plan, { db, manageTokenHash: await sha256Hex(token) }, opts);
  await plan.run();
  return found();
}

/**
 * Adds an appointment named by its manage link or by its owner's session (with its desk and
 * region, and with `config` the region's configuration) to a read plan, so a caller can read
 * it with other statements in one round trip. The returned function throws 404 for anything
 * unknown (or owned by someone else).
 * @example const found = planAppointmentLink(plan, { db, appointmentId, entrepreneurSessionHash }); await plan.run(); found();
 */
export function planAppointmentLink(plan: ReadPlan, scope: AppointmentLinkScope, opts: { config?: string } = {}): () => ResolvedAppointment {
  const queries = appointmentLinkQueries(scope);
  const appointment = plan.add(queries.appointment);
  const deskRows = plan.add(queries.desk);
  const config = opts.config ? planRegionConfig(plan, scope, opts.config) : null;
  const regionRows = config ? null : plan.add(scopedRegionQuery(scope));
  return () => {
    const loaded = config?.() ?? null;
    const region = loaded?.region ?? regionRows?.value[0] ?? null;
    const row = appointment.value[0];
    const desk = deskRows.value[0];
    if (!region || !row || !desk || row.regionId !== region.id) throw notFound("This appointment");
    return { scope: regionScope(plan.db, region), row, desk, config: loaded?.config ?? null };
  };
}

function assertChangeable(row: AppointmentRow, desk: FrontdeskRow, now: number, byStaff = false): void {
  if (row.status !== "confirmed") {
    throw new DomainError(
      "conflict",
      row.status === "cancelled" ? "This appointment has already been cancelled." : "This appointment has already taken place.",
    );
  }
  if (byStaff && now >= row.startAt) throw new DomainError("too_late", "This appointment has already started; record its outcome instead.");
  if (!byStaff && now >= row.startAt - desk.cancelCutoffHours * HOUR_MS) {
    const call = desk.phone ? ` Please call the frontdesk at ${desk.phone}.` : " Please contact the frontdesk by phone.";
    throw new DomainError(
      "too_late",
      `It is too late to change or cancel this appointment online (less than ${desk.cancelCutoffHours} hours before the start).${call}`,
    );
  }
}

/**
 * Cancels through the manage link: frees the place, withdraws the reminder and queues the
 * cancellation notice in one batch.
 * @example await cancelAppointment(db, token, { now: Date.now(), links });
 */
export async function cancelAppointment(db: Db, token: string, opts: { now: number; links: Links }) {
  return cancelResolved(await resolveManageToken(db, token), { token }, opts);
}

/** An appointment with its region and desk, found through its manage link or its owner's verified address. */
export interface ResolvedAppointment {
  scope: RegionScope;
  row: AppointmentRow;
  desk: FrontdeskRow;
  /** The region's desk configuration, when the lookup read it in the same batch. */
  config?: DeskConfig | null;
}

/** The region's desk configuration (one round trip; the isolate's copy when current). */
async function readDeskConfig(scope: RegionScope, now: number): Promise<DeskConfig> {
  const plan = new ReadPlan(scope.db);
  const read = planRegionConfig(plan, scope.region.slug, localDate(now));
  await plan.run();
  const loaded = read();
  if (!loaded) throw notFound("This appointment");
  return loaded.config;
}

/**
 * How the entrepreneur manages the appointment: its manage link, or (signed in, issue 17) their
 * account, whose overview page the e-mails then point to instead (we hold no token to link).
 */
export type ManagedBy = { token: string } | { accountUrl: string } | { staff: true };

/**
 * Cancels a resolved appointment, with the cut-off and the notice of {@link cancelAppointment}.
 * @example await cancelResolved(found, { accountUrl: "https://…/mijn" }, { now, links });
 */
export async function cancelResolved(
  { scope, row, desk }: ResolvedAppointment,
  by: ManagedBy,
  opts: { now: number; links: Links; byStaff?: StaffChange; deskMessage?: string | null },
) {
  const token = "token" in by ? by.token : null;
  const accountUrl = "accountUrl" in by ? by.accountUrl : null;
  assertChangeable(row, desk, opts.now, Boolean(opts.byStaff));
  const cancelled: AppointmentRow = { ...row, status: "cancelled", sequence: row.sequence + 1, cancelledAt: opts.now, updatedAt: opts.now };
  const statements: WriteStatement[] = [
    cancelStatement(scope, { id: row.id, now: opts.now, expectedSequence: row.sequence }),
    withdrawPendingReminders(scope, row.id, cancelled.sequence),
  ];
  // A desk that cancels with a message of its own (e.g. a closure) says so in the mail.
  const byDesk = opts.deskMessage ? { cancelledByDesk: true, deskMessage: opts.deskMessage } : {};
  const notice = outboxMessage(scope, "cancellation", cancelled, desk, { links: opts.links, token, now: opts.now, accountUrl, ...byDesk });
  if (notice) statements.push(notice);
  const hook = appointmentWebhook("appointment.cancelled", cancelled, scope.region.slug, opts.now);
  if (hook) statements.push(hook);
  if (opts.byStaff) statements.push(...opts.byStaff.audit(row.id, cancelled.sequence));
  const results = await writeBatch(scope.db, statements);
  noteWebhooksQueued(scope.db, statements, results);
  if ((results[0]?.rowsAffected ?? 0) !== 1) throw new DomainError("conflict", "This appointment was changed at the same moment; please reload and try again.");
  return toOwnAppointmentDto(cancelled, desk, scope.region, opts.now);
}

/**
 * Moves an appointment to another slot of the same desk, atomically: the new place is
 * taken and the old one freed in one statement, or nothing changes (409).
 * @example await rescheduleAppointment(db, token, Date.parse("2027-03-30T09:00:00+02:00"), { now, links });
 */
export async function rescheduleAppointment(db: Db, token: string, start: number, opts: { now: number; links: Links }) {
  return rescheduleResolved(await resolveManageToken(db, token, { config: localDate(opts.now) }), { token }, start, opts);
}

/**
 * Moves a resolved appointment, with the cut-off, the capacity check and the notices of {@link rescheduleAppointment}.
 * The region's desk configuration comes with `found` (the manage link reads it in its one batch) or is read here.
 * @example await rescheduleResolved(found, { accountUrl: "https://…/mijn" }, start, { now, links });
 */
export async function rescheduleResolved(found: ResolvedAppointment, by: ManagedBy, start: number, opts: { now: number; links: Links; byStaff?: StaffChange }) {
  const { scope, row, desk } = found;
  const token = "token" in by ? by.token : null;
  const accountUrl = "accountUrl" in by ? by.accountUrl : null;
  assertChangeable(row, desk, opts.now, Boolean(opts.byStaff));
  const config = found.config ?? (await readDeskConfig(scope, opts.now));
  const rules = slotRulesOf(scope.region, config, desk, localDate(start), localDate(start));
  const slot = findSlot(opts.byStaff ? staffRules(rules) : rules, start, opts.now);
  if (!slot) throw slotUnavailable();
  if (slot.start === row.startAt) throw new DomainError("conflict", "The appointment is already at this time.");
  const moved: AppointmentRow = { ...row, startAt: slot.start, endAt: slot.end, sequence: row.sequence + 1, updatedAt: opts.now };
  // One batch: the move decides; everything after it is guarded on the new sequence,
  // so a refused move withdraws nothing and announces nothing.
  const statements: WriteStatement[] = [
    rescheduleIfFree(scope, {
      id: row.id,
      frontdeskId: desk.id,
      start: slot.start,
      end: slot.end,
      now: opts.now,
      capacity: desk.capacityPerSlot,
      expectedSequence: row.sequence,
    }),
    withdrawPendingReminders(scope, row.id, moved.sequence),
  ];
  const notice = outboxMessage(scope, "reschedule", moved, desk, { links: opts.links, token, now: opts.now, accountUrl });
  if (notice) statements.push(notice);
  const reminder = reminderMessage(scope, moved, desk, opts.links, token, opts.now, accountUrl);
  if (reminder) statements.push(reminder);
  const hook = appointmentWebhook("appointment.rescheduled", moved, scope.region.slug, opts.now, row.startAt);
  if (hook) statements.push(hook);
  if (opts.byStaff) statements.push(...opts.byStaff.audit(row.id, moved.sequence));
  const results = await writeBatch(scope.db, statements);
  noteWebhooksQueued(scope.db, statements, results);
  if ((results[0]?.rowsAffected ?? 0) !== 1) {
    // Either the new time filled up, or the appointment itself changed meanwhile (cancelled, moved).
    const now = await findAppointment(scope, row.id);
    if (now && (now.status !== "confirmed" || now.sequence !== row.sequence)) {
      throw new DomainError("conflict", "This appointment was changed at the same moment; please reload and try again.");
    }
    throw slotUnavailable();
  }
  return toOwnAppointmentDto(moved, desk, scope.region, opts.now);
}

/** The calendar file for the owner of the manage link. */
export async function appointmentCalendar(db: Db, token: string, opts: { now: number; links: Links }): Promise<{ ics: string; filename: string }> {
  const { row, desk } = await resolveManageToken(db, token);
  return { ics: calendarFor(row, desk, opts.links, token, opts.now), filename: `afspraak-${localDate(row.startAt)}.ics` };
}
