/**
 * Booking a place: the desk's slot rules, capacity decided by the database in the insert,
 * the client's booking limit, the e-mails and webhook in the same batch, and replays of an
 * earlier answer under the same Idempotency-Key.
 */
import type { Db } from "../../db/client";
import { ReadPlan } from "../../db/read";
import { regionScope, type RegionScope } from "../../db/scope";
import { writeBatch, type WriteStatement } from "../../db/write";
import { openText, sealText, stableStringify } from "../../lib/crypto";
import { DomainError, notFound } from "../../lib/errors";
import { databaseErrorCode } from "../../lib/http-errors";
import { newId, newToken, sha256Hex } from "../../lib/ids";
import type { Limits } from "../../lib/rate-limit";
import { localDate } from "../../lib/time";
import type { Locale, Mode, Topic } from "../../lib/vocabulary";
import { slotRulesOf } from "../availability/availability.service";
import { findSlot } from "../availability/slots";
import { peekRegionConfig, planRegionConfig } from "../frontdesks/desk-config";
import { appointmentWebhook, noteWebhooksQueued } from "../webhooks/webhook-events";
import { findIdempotencyRecord, idempotencyRecordQuery, insertAppointmentIfFree, insertIdempotencyIfBooked, type AppointmentRow } from "./appointments.repo";
import { icsUrl, manageUrl, toAppointmentDto, type Links } from "./appointments.dto";
import { outboxMessage, reminderMessage } from "./appointments.messages";
import { slotUnavailable, staffRules, type StaffChange } from "./appointments.rules";

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
