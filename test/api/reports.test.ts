/**
 * Province summary and region report against a known dataset inserted straight into the
 * database. Every expected figure is computed here from the raw rows with independent
 * means (Intl for Amsterdam dates, plain loops for capacity), never by the code under test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments, closures, holidayOpenings } from "../../src/db/schema";
import { MODES, TOPICS, type Mode, type Topic } from "../../src/lib/vocabulary";
import { newId } from "../../src/lib/ids";
import { readError } from "../support/answers";
import { createFrontdesk, createRegion, createUser, signInAs, testDb, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { prng } from "../support/prng";

type Status = "confirmed" | "cancelled" | "completed" | "no_show";
type Count = number | "<5" | "x";

const ymd = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" });
/** Local Amsterdam date of an instant, computed by ICU rather than by the code under test. */
const amsterdamDate = (ms: number): string => ymd.format(new Date(ms));
const HOUR = 3_600_000;

interface Seeded {
  id: string;
  regionId: string;
  deskId: string;
  municipality: string;
  start: number;
  created: number;
  status: Status;
  mode: Mode;
  topic: Topic;
  name: string;
  email: string;
  phone: string;
  company: string;
  kvk: string;
  question: string;
}

interface StatusCounts {
  booked: number;
  confirmed: number;
  completed: number;
  noShow: number;
  cancelled: number;
}
interface Figures {
  totals: StatusCounts;
  byMode: Record<Mode, number>;
  byTopic: Record<Topic, Count>;
  byMonth: Array<{ month: string } & StatusCounts>;
  activeFrontdesks: number;
  capacity: { bookedPlaces: number; bookablePlaces: number; utilisation: number | null };
  leadTimeHours: { median: number | null; p90: number | null };
  noShowRate: number | null;
}
interface RegionFigures extends Figures {
  region: { slug: string; name: string };
  byTopicByMonth: Array<{ month: string; topics: Record<Topic, Count> }>;
}
interface Summary {
  period: { from: string; to: string };
  timezone: string;
  generatedAt: string;
  regions: RegionFigures[];
  total: Figures;
}
interface RegionReport {
  period: { from: string; to: string };
  region: RegionFigures;
  frontdesks: Array<{ frontdesk: { id: string; name: string; municipality: string; archived: boolean } } & Figures>;
  municipalities: Array<{ municipality: string } & Figures>;
}

// ---------------------------------------------------------------------------
// Independent expectations

const PERIOD = { from: "2027-01-01", to: "2027-12-31" };
const MONTHS_2027 = Array.from({ length: 12 }, (_, i) => `2027-${String(i + 1).padStart(2, "0")}`);
/** Dutch public holidays 2027 written out by hand (Good Friday only where the region closes). */
const HOLIDAYS_2027 = ["2027-01-01", "2027-03-28", "2027-03-29", "2027-04-27", "2027-05-06", "2027-05-16", "2027-05-17", "2027-12-25", "2027-12-26"];
const GOOD_FRIDAY_2027 = "2027-03-26";

/** Plain calendar walk: dates from..to with their ISO weekday (Date.UTC is only a day counter here). */
function* days(from: string, to: string): Generator<{ date: string; weekday: number }> {
  for (let t = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10))); ; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    if (date > to) return;
    yield { date, weekday: ((new Date(t).getUTCDay() + 6) % 7) + 1 };
  }
}

function slotsOnOpenDays(from: string, to: string, perWeekday: Record<number, number>, closed: (date: string) => boolean): number {
  let n = 0;
  for (const { date, weekday } of days(from, to)) if (!closed(date)) n += perWeekday[weekday] ?? 0;
  return n;
}

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] ?? null;
}

const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

function statusCounts(rows: Seeded[]): StatusCounts {
  return {
    booked: rows.length,
    confirmed: rows.filter((r) => r.status === "confirmed").length,
    completed: rows.filter((r) => r.status === "completed").length,
    noShow: rows.filter((r) => r.status === "no_show").length,
    cancelled: rows.filter((r) => r.status === "cancelled").length,
  };
}

/** The expected figures of a set of appointments (already limited to the period). */
function expectedFigures(
  rows: Seeded[],
  months: string[],
  bookablePlaces: number,
  activeFrontdesks: number,
): Omit<Figures, "byTopic"> & { byTopic: Record<Topic, number> } {
  const totals = statusCounts(rows);
  const held = rows.filter((r) => r.status !== "cancelled");
  const leads = held.map((r) => Math.max(0, Math.floor((r.start - r.created) / HOUR)));
  return {
    totals,
    byMode: Object.fromEntries(MODES.map((m) => [m, rows.filter((r) => r.mode === m).length])) as Record<Mode, number>,
    byTopic: Object.fromEntries(TOPICS.map((t) => [t, rows.filter((r) => r.topic === t).length])) as Record<Topic, number>,
    byMonth: months.map((month) => ({ month, ...statusCounts(rows.filter((r) => amsterdamDate(r.start).startsWith(month))) })),
    activeFrontdesks,
    capacity: { bookedPlaces: held.length, bookablePlaces, utilisation: ratio(held.length, bookablePlaces) },
    leadTimeHours: { median: percentile(leads, 0.5), p90: percentile(leads, 0.9) },
    noShowRate: ratio(totals.noShow, totals.completed + totals.noShow),
  };
}

function inPeriod(rows: Seeded[], period: { from: string; to: string }): Seeded[] {
  return rows.filter((r) => {
    const date = amsterdamDate(r.start);
    return date >= period.from && date <= period.to;
  });
}

/**
 * Checks a published topic × month table against the exact counts: visible cells are exact,
 * hidden ones are "<5" below 5 and "x" otherwise, no count of 1–4 is visible, and no row or
 * column holds exactly one hidden cell (the margins would give it away).
 */
function checkSuppressedTable(published: RegionFigures["byTopicByMonth"], rows: Seeded[], months: string[]): { hidden: number } {
  expect(published.map((m) => m.month)).toEqual(months);
  let hidden = 0;
  const hiddenAt = (t: Topic, m: number) => typeof published[m]?.topics[t] === "string";
  months.forEach((month, m) => {
    for (const topic of TOPICS) {
      const exact = rows.filter((r) => r.topic === topic && amsterdamDate(r.start).startsWith(month)).length;
      const shown = published[m]?.topics[topic];
      if (exact > 0 && exact < 5) expect(shown).toBe("<5");
      if (typeof shown === "string") {
        hidden++;
        expect(shown).toBe(exact < 5 ? "<5" : "x");
      } else {
        expect(shown).toBe(exact);
      }
    }
  });
  for (const topic of TOPICS) {
    const n = months.filter((_, m) => hiddenAt(topic, m)).length;
    if (months.length > 1) expect(n === 0 || n >= 2, `row ${topic}`).toBe(true);
  }
  months.forEach((month, m) => {
    const n = TOPICS.filter((t) => hiddenAt(t, m)).length;
    expect(n === 0 || n >= 2, `column ${month}`).toBe(true);
  });
  return { hidden };
}

/** Counts per topic: exact where shown, never 1–4, hidden ones "<5" below 5 and "x" otherwise. */
function expectCounts(actual: Record<Topic, Count>, exact: Record<Topic, number>): void {
  for (const topic of TOPICS) {
    const shown = actual[topic];
    const n = exact[topic];
    if (typeof shown === "number") {
      expect(shown, topic).toBe(n);
      expect(n > 0 && n < 5, `${topic} shows ${n}`).toBe(false);
    } else {
      expect(shown, topic).toBe(n < 5 ? "<5" : "x");
    }
  }
}

function expectFigures(actual: Figures, expected: ReturnType<typeof expectedFigures>, months: string[]): void {
  expect(actual.totals).toEqual(expected.totals);
  expect(actual.byMode).toEqual(expected.byMode);
  expect(actual.byMonth).toEqual(expected.byMonth);
  expect(actual.byMonth.map((m) => m.month)).toEqual(months);
  expect(actual.activeFrontdesks).toBe(expected.activeFrontdesks);
  expect(actual.capacity).toEqual(expected.capacity);
  expect(actual.leadTimeHours).toEqual(expected.leadTimeHours);
  expect(actual.noShowRate).toBe(expected.noShowRate);
}

/** RFC 4180 reader for the assertions (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string, separator = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

// ---------------------------------------------------------------------------
// The dataset

let platform: TestPlatform;
let regionA: RegionFixture;
let regionB: RegionFixture;
let regionC: RegionFixture;
let deskA1: FrontdeskFixture;
let deskA2: FrontdeskFixture;
let deskA3: FrontdeskFixture;
let deskB1: FrontdeskFixture;
let deskC1: FrontdeskFixture;
const seeded: Seeded[] = [];
const headers: Record<string, Record<string, string>> = {};
const A3_ARCHIVED_AT = Date.parse("2027-06-15T10:00:00+02:00");

/** Instant of a local wall-clock time in 2027 (CET before 28 March 02:00, CEST until 31 October 03:00). */
function local2027(date: string, time: string): number {
  const summer = date > "2027-03-28" && date < "2027-10-31";
  return Date.parse(`${date}T${time}:00${summer ? "+02:00" : "+01:00"}`);
}

function addAppointment(
  rand: () => number,
  desk: FrontdeskFixture,
  municipality: string,
  start: number,
  overrides: Partial<Pick<Seeded, "status" | "topic" | "mode">> = {},
): void {
  const n = seeded.length;
  const roll = rand();
  const status: Status = overrides.status ?? (roll < 0.15 ? "cancelled" : roll < 0.3 ? "no_show" : roll < 0.75 ? "completed" : "confirmed");
  // Topics skewed on purpose: financiering is common, the tail produces small cells.
  const topicRoll = rand();
  const topic =
    overrides.topic ?? (topicRoll < 0.45 ? "financiering" : topicRoll < 0.65 ? "vergunningen" : (TOPICS[Math.floor(rand() * TOPICS.length)] ?? "overig"));
  seeded.push({
    id: `appt-${newId()}`,
    regionId: desk.regionId,
    deskId: desk.id,
    municipality,
    start,
    // Lead times from minutes to ~60 days, fractional hours included.
    created: start - Math.floor(rand() * 60 * 24 * 60) * 60_000 - 17_000,
    status,
    mode: overrides.mode ?? (rand() < 0.3 ? "video" : "in_person"),
    topic,
    name: `Naam Ondernemer ${n} Zwxq`,
    email: `ondernemer${n}.zwxq@voorbeeld.test`,
    phone: `+3161234${String(n).padStart(4, "0")}`,
    company: `Bedrijf Zwxq ${n} BV`,
    kvk: String(90_000_000 + n),
    question: `Vraag zwxq nummer ${n} over mijn onderneming`,
  });
}

function randomDate(rand: () => number, from: string, to: string): string {
  const all = [...days(from, to)];
  return all[Math.floor(rand() * all.length)]?.date ?? from;
}

async function insertAll(rows: Seeded[]): Promise<void> {
  const db = testDb(platform.client);
  const values = rows.map((r): typeof appointments.$inferInsert => ({
    id: r.id,
    regionId: r.regionId,
    frontdeskId: r.deskId,
    startAt: r.start,
    endAt: r.start + 30 * 60_000,
    mode: r.mode,
    topic: r.topic,
    municipality: r.municipality,
    status: r.status,
    locale: "nl",
    question: r.question,
    name: r.name,
    email: r.email,
    phone: r.phone,
    companyName: r.company,
    kvkNumber: r.kvk,
    manageTokenHash: `hash-${r.id}`,
    sequence: 0,
    createdAt: r.created,
    updatedAt: r.created,
  }));
  // One write batch, in chunks that stay below SQLite's limit on bound parameters.
  const chunks = Array.from({ length: Math.ceil(values.length / 100) }, (_, i) => db.insert(appointments).values(values.slice(i * 100, i * 100 + 100)));
  const [first, ...rest] = chunks;
  if (first) await db.batch([first, ...rest]);
}

beforeAll(async () => {
  platform = await startTestPlatform();
  const client = platform.client;
  regionA = await createRegion(client, { name: "Regio Alfa" });
  regionB = await createRegion(client, { name: "Regio Beta", goodFridayClosed: false });
  regionC = await createRegion(client, { name: "Regio Gamma" });
  const weekdays = (opens: string, closes: string, list = [1, 2, 3, 4, 5]): [number, string, string][] => list.map((d) => [d, opens, closes]);
  deskA1 = await createFrontdesk(client, regionA, {
    name: "Loket Maastricht",
    municipality: "Maastricht",
    capacityPerSlot: 2,
    hours: [...weekdays("09:00", "12:30"), ...weekdays("13:30", "17:00")],
  });
  deskA2 = await createFrontdesk(client, regionA, {
    name: 'Ondernemersloket "Parkstad", Heerlen',
    municipality: "Heerlen",
    hours: weekdays("09:00", "12:00", [1, 3]),
  });
  deskA3 = await createFrontdesk(client, regionA, { name: "Oud loket", municipality: "Maastricht", hours: weekdays("09:00", "11:00") });
  deskB1 = await createFrontdesk(client, regionB, {
    name: "Loket Venlo",
    municipality: "Venlo",
    hours: [...weekdays("09:00", "12:00"), [7, "01:00", "04:00"]],
  });
  deskC1 = await createFrontdesk(client, regionC, {
    name: "Loket Roermond",
    municipality: "Roermond",
    capacityPerSlot: 3,
    hours: weekdays("10:00", "12:00", [2, 3, 4]),
  });
  // Desks existed long before the period, so their whole year of capacity counts.
  await client.execute({
    sql: "update frontdesks set created_at = ? where region_id in (?, ?, ?)",
    args: [Date.parse("2026-01-01T12:00:00Z"), regionA.id, regionB.id, regionC.id],
  });
  await client.execute({ sql: "update frontdesks set archived_at = ? where id = ?", args: [A3_ARCHIVED_AT, deskA3.id] });
  const db = testDb(client);
  await db.batch([
    db.insert(closures).values({
      id: newId(),
      regionId: regionA.id,
      frontdeskId: deskA1.id,
      fromDate: "2027-07-12",
      toDate: "2027-07-23",
      reason: "Zomersluiting",
      createdAt: Date.now(),
    }),
    // Easter Sunday, and the spring DST night, open anyway at the night desk of region B.
    db
      .insert(holidayOpenings)
      .values({ id: newId(), regionId: regionB.id, frontdeskId: deskB1.id, date: "2027-03-28" }),
  ]);

  const rand = prng(20_270_328);
  for (let i = 0; i < 260; i++)
    addAppointment(
      rand,
      deskA1,
      "Maastricht",
      local2027(randomDate(rand, "2027-01-01", "2027-12-31"), `${String(9 + Math.floor(rand() * 8)).padStart(2, "0")}:${rand() < 0.5 ? "00" : "30"}`),
    );
  for (let i = 0; i < 50; i++) addAppointment(rand, deskA2, "Heerlen", local2027(randomDate(rand, "2027-02-01", "2027-11-30"), "10:00"));
  for (let i = 0; i < 30; i++) addAppointment(rand, deskA3, "Maastricht", local2027(randomDate(rand, "2027-01-01", "2027-06-14"), "09:30"));
  for (let i = 0; i < 140; i++) addAppointment(rand, deskB1, "Venlo", local2027(randomDate(rand, "2027-01-01", "2027-12-31"), "11:00"));
  // Edges where the UTC date (or month) differs from the Amsterdam one.
  const edges: [FrontdeskFixture, string, number][] = [
    [deskA1, "Maastricht", Date.parse("2026-12-31T23:30:00Z")], // 1 Jan 2027 00:30 local: in
    [deskA1, "Maastricht", Date.parse("2026-12-31T22:59:00Z")], // 31 Dec 2026 23:59 local: out
    [deskA1, "Maastricht", Date.parse("2027-03-31T22:30:00Z")], // 1 Apr 00:30 CEST: April, not March
    [deskA1, "Maastricht", Date.parse("2027-03-31T21:30:00Z")], // 31 Mar 23:30 CEST: March
    [deskB1, "Venlo", Date.parse("2027-03-28T00:30:00Z")], // DST night 01:30 CET
    [deskB1, "Venlo", Date.parse("2027-03-28T01:30:00Z")], // DST night 03:30 CEST
    [deskB1, "Venlo", Date.parse("2027-10-31T00:30:00Z")], // autumn fold 02:30 CEST
    [deskB1, "Venlo", Date.parse("2027-10-31T01:30:00Z")], // autumn fold 02:30 CET
    [deskB1, "Venlo", Date.parse("2027-10-31T23:30:00Z")], // 1 Nov 00:30 CET: November
    [deskB1, "Venlo", Date.parse("2027-10-31T22:30:00Z")], // 31 Oct 23:30 CET: October
    [deskB1, "Venlo", Date.parse("2027-12-31T22:30:00Z")], // 31 Dec 23:30 local: in
    [deskB1, "Venlo", Date.parse("2027-12-31T23:30:00Z")], // 1 Jan 2028 00:30 local: out (UTC date still 2027)
  ];
  for (const [desk, municipality, start] of edges) addAppointment(rand, desk, municipality, start, { status: "completed" });
  // One appointment booked after its start (entered afterwards): its lead time counts as 0.
  addAppointment(rand, deskB1, "Venlo", local2027("2027-05-03", "11:00"), { status: "completed" });
  const last = seeded[seeded.length - 1];
  if (last) last.created = last.start + 5 * HOUR;
  await insertAll(seeded);

  const users = {
    province: await createUser(client, "province_viewer", null),
    platform: await createUser(client, "platform_admin", null),
    adminA: await createUser(client, "region_admin", regionA),
    adminB: await createUser(client, "region_admin", regionB),
    staffA: await createUser(client, "frontdesk_staff", regionA, [deskA1]),
    consultantA: await createUser(client, "consultant", regionA),
  };
  for (const [key, user] of Object.entries(users)) headers[key] = await signInAs(platform, user);
}, 120_000);

afterAll(async () => {
  await platform?.close();
});

async function getJson<T>(path: string, who: string): Promise<T> {
  const response = await platform.fetch(path, { headers: headers[who] });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

// Capacity, by hand: open weekdays × slots per day × capacity per slot.
function expectedBookable(): Record<string, number> {
  const closedA = (date: string) => HOLIDAYS_2027.includes(date) || date === GOOD_FRIDAY_2027;
  const a1 =
    slotsOnOpenDays("2027-01-01", "2027-12-31", { 1: 14, 2: 14, 3: 14, 4: 14, 5: 14 }, (d) => closedA(d) || (d >= "2027-07-12" && d <= "2027-07-23")) * 2;
  const a2 = slotsOnOpenDays("2027-01-01", "2027-12-31", { 1: 6, 3: 6 }, closedA);
  const a3 = slotsOnOpenDays("2027-01-01", "2027-06-14", { 1: 4, 2: 4, 3: 4, 4: 4, 5: 4 }, closedA); // archived on 15 June
  // Region B opens on Good Friday; its night desk opens on Easter Sunday, which is the spring
  // DST night: 02:00 and 02:30 do not exist, so that Sunday has 4 slots instead of 6.
  const b1 = slotsOnOpenDays("2027-01-01", "2027-12-31", { 1: 6, 2: 6, 3: 6, 4: 6, 5: 6, 7: 6 }, (d) => HOLIDAYS_2027.includes(d) && d !== "2027-03-28") - 2;
  const c1 = slotsOnOpenDays("2027-01-01", "2027-12-31", { 2: 4, 3: 4, 4: 4 }, closedA) * 3;
  return { a1, a2, a3, b1, c1 };
}

describe("the province summary", () => {
  it("should answer 401 without a session, 403 for a region admin and 200 for a province viewer and a platform admin", async () => {
    for (const path of ["/api/v1/province/summary", "/api/v1/province/summary.csv"]) {
      expect((await platform.fetch(path)).status).toBe(401);
      expect((await platform.fetch(path, { headers: headers.adminA })).status).toBe(403);
      expect((await platform.fetch(path, { headers: headers.staffA })).status).toBe(403);
      expect((await platform.fetch(`${path}?from=2027-01-01&to=2027-01-31`, { headers: headers.province })).status).toBe(200);
      expect((await platform.fetch(`${path}?from=2027-01-01&to=2027-01-31`, { headers: headers.platform })).status).toBe(200);
    }
  });

  it("should compute every figure per region and in total, counting by the Amsterdam start date", async () => {
    const summary = await getJson<Summary>(`/api/v1/province/summary?from=${PERIOD.from}&to=${PERIOD.to}`, "province");
    expect(summary.period).toEqual(PERIOD);
    expect(summary.timezone).toBe("Europe/Amsterdam");
    expect(summary.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    const rows = inPeriod(seeded, PERIOD);
    // The edges landed where Amsterdam time puts them.
    expect(rows.some((r) => r.start === Date.parse("2026-12-31T23:30:00Z"))).toBe(true);
    expect(rows.some((r) => r.start === Date.parse("2027-12-31T23:30:00Z"))).toBe(false);

    const cap = expectedBookable();
    const expected = new Map([
      [
        regionA.slug,
        expectedFigures(
          rows.filter((r) => r.regionId === regionA.id),
          MONTHS_2027,
          (cap.a1 ?? 0) + (cap.a2 ?? 0) + (cap.a3 ?? 0),
          2,
        ),
      ],
      [
        regionB.slug,
        expectedFigures(
          rows.filter((r) => r.regionId === regionB.id),
          MONTHS_2027,
          cap.b1 ?? 0,
          1,
        ),
      ],
      [regionC.slug, expectedFigures([], MONTHS_2027, cap.c1 ?? 0, 1)],
    ]);
    expect(summary.regions.map((r) => r.region.slug).sort()).toEqual([regionA.slug, regionB.slug, regionC.slug].sort());
    let hidden = 0;
    for (const region of summary.regions) {
      const want = expected.get(region.region.slug);
      if (!want) throw new Error("unexpected region");
      expectFigures(region, want, MONTHS_2027);
      // byTopic is exact where shown; a small one (or a cover for one) is hidden.
      expectCounts(region.byTopic, want.byTopic);
      const regionId = [regionA, regionB, regionC].find((r) => r.slug === region.region.slug)?.id;
      hidden += checkSuppressedTable(
        region.byTopicByMonth,
        rows.filter((r) => r.regionId === regionId),
        MONTHS_2027,
      ).hidden;
    }
    expect(hidden).toBeGreaterThan(0);
    expect(summary.regions.find((r) => r.region.slug === regionA.slug)?.region.name).toBe("Regio Alfa");

    const total = expectedFigures(
      rows,
      MONTHS_2027,
      Object.values(cap).reduce((a, b) => a + b, 0),
      4,
    );
    expectFigures(summary.total, total, MONTHS_2027);
    expectCounts(summary.total.byTopic, total.byTopic);
    // Region C has no appointments: ratios and percentiles are null, not 0 or NaN.
    const c = summary.regions.find((r) => r.region.slug === regionC.slug);
    expect(c?.leadTimeHours).toEqual({ median: null, p90: null });
    expect(c?.noShowRate).toBeNull();
    expect(c?.capacity.utilisation).toBe(0);
  });

  it("should hide topic cells of one month below five, also in byTopic, when the period is a single month", async () => {
    const march = { from: "2027-03-01", to: "2027-03-31" };
    const summary = await getJson<Summary>(`/api/v1/province/summary?from=${march.from}&to=${march.to}`, "province");
    const rows = inPeriod(seeded, march);
    for (const region of summary.regions) {
      const regionId = [regionA, regionB, regionC].find((r) => r.slug === region.region.slug)?.id;
      const own = rows.filter((r) => r.regionId === regionId);
      checkSuppressedTable(region.byTopicByMonth, own, ["2027-03"]);
      for (const topic of TOPICS) expect(region.byTopic[topic]).toEqual(region.byTopicByMonth[0]?.topics[topic]);
      expect(region.totals.booked).toBe(own.length);
    }
    // Across regions, a topic hidden in one region is hidden in at least one other too, or in the total.
    for (const topic of TOPICS) {
      const hiddenIn = summary.regions.filter((r) => typeof r.byTopic[topic] === "string").length;
      expect(hiddenIn === 0 || hiddenIn >= 2 || typeof summary.total.byTopic[topic] === "string", topic).toBe(true);
    }
    expect(summary.regions.some((r) => Object.values(r.byTopic).includes("<5"))).toBe(true);
  });

  it("should default to this calendar year with the bookings already made, and refuse bad or too long periods with 400", async () => {
    const today = amsterdamDate(Date.now());
    const horizonYear = amsterdamDate(Date.now() + 60 * 86_400_000).slice(0, 4);
    const summary = await getJson<Summary>("/api/v1/province/summary", "province");
    expect(summary.period).toEqual({ from: `${today.slice(0, 4)}-01-01`, to: `${horizonYear}-12-31` });
    expect((await platform.fetch("/api/v1/province/summary?from=2025-01-01&to=2027-12-31", { headers: headers.province })).status).toBe(200);
    for (const query of ["from=2027-02-30", "to=27-01-01", "from=2027-05-01&to=2027-04-30", "from=2025-01-01&to=2028-01-01"]) {
      const response = await platform.fetch(`/api/v1/province/summary?${query}`, { headers: headers.province });
      expect(response.status, query).toBe(400);
      const error = await readError(response);
      expect(error.code).toBe("validation_failed");
      expect(error.issues?.[0]?.message).toMatch(/\w/);
    }
  });

  it("should serve the same figures as a tidy CSV download", async () => {
    const response = await platform.fetch(`/api/v1/province/summary.csv?from=${PERIOD.from}&to=${PERIOD.to}`, { headers: headers.province });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="provincie-samenvatting-${PERIOD.from}-${PERIOD.to}.csv"`);
    const text = await response.text();
    expect(text.endsWith("\r\n")).toBe(true);
    const table = parseCsv(text);
    expect(table[0]).toEqual(["region", "metric", "dimension", "value"]);
    const summary = await getJson<Summary>(`/api/v1/province/summary?from=${PERIOD.from}&to=${PERIOD.to}`, "province");
    const value = (region: string, metric: string, dimension = "") => table.find((r) => r[0] === region && r[1] === metric && r[2] === dimension)?.[3];
    for (const region of summary.regions) {
      const slug = region.region.slug;
      expect(value(slug, "booked")).toBe(String(region.totals.booked));
      expect(value(slug, "no_show")).toBe(String(region.totals.noShow));
      expect(value(slug, "booked_by_mode", "video")).toBe(String(region.byMode.video));
      expect(value(slug, "booked_by_month", "2027-04")).toBe(String(region.byMonth[3]?.booked));
      expect(value(slug, "bookable_places")).toBe(String(region.capacity.bookablePlaces));
      expect(value(slug, "utilisation")).toBe(region.capacity.utilisation === null ? "" : String(region.capacity.utilisation));
      expect(value(slug, "lead_time_hours_median")).toBe(region.leadTimeHours.median === null ? "" : String(region.leadTimeHours.median));
      for (const month of region.byTopicByMonth)
        for (const topic of TOPICS) expect(value(slug, "booked_by_topic_month", `${month.month}/${topic}`)).toBe(String(month.topics[topic]));
    }
    expect(value("total", "booked")).toBe(String(summary.total.totals.booked));
    expect(table.some((r) => r[3] === "<5")).toBe(true);
    expect(new Set(table.slice(1).map((r) => r.length))).toEqual(new Set([4]));
  });

  it("should keep every figure after the personal data has been anonymised, and never show any of it", async () => {
    const path = `/api/v1/province/summary?from=${PERIOD.from}&to=${PERIOD.to}`;
    const before = await getJson<Summary>(path, "province");
    const beforeCsv = await (await platform.fetch(`${path.replace("summary", "summary.csv")}`, { headers: headers.province })).text();
    const beforeText = JSON.stringify(before);
    for (const r of seeded) {
      for (const secret of [r.id, r.name, r.email, r.phone, r.company, r.kvk, r.question]) {
        expect(beforeText).not.toContain(secret);
        expect(beforeCsv).not.toContain(secret);
      }
    }
    expect(beforeText.toLowerCase()).not.toContain("zwxq");
    expect(beforeCsv.toLowerCase()).not.toContain("zwxq");

    // What the retention job does to old appointments.
    await platform.client.execute({
      sql: "update appointments set name = null, email = null, phone = null, company_name = null, kvk_number = null, question = null, anonymised_at = ? where region_id in (?, ?)",
      args: [Date.now(), regionA.id, regionB.id],
    });
    const after = await getJson<Summary>(path, "province");
    expect({ ...after, generatedAt: "" }).toEqual({ ...before, generatedAt: "" });
  });
});

describe("the region report", () => {
  it("should let only the region's own admin (and a platform admin) read it", async () => {
    for (const suffix of ["report", "report.csv"]) {
      const own = `/api/v1/regions/${regionA.slug}/admin/${suffix}?from=2027-01-01&to=2027-01-31`;
      expect((await platform.fetch(own)).status).toBe(401);
      expect((await platform.fetch(own, { headers: headers.adminA })).status).toBe(200);
      expect((await platform.fetch(own, { headers: headers.platform })).status).toBe(200);
      expect((await platform.fetch(own, { headers: headers.adminB })).status).toBe(404);
      expect((await platform.fetch(own, { headers: headers.staffA })).status).toBe(403);
      expect((await platform.fetch(own, { headers: headers.consultantA })).status).toBe(403);
      expect((await platform.fetch(own, { headers: headers.province })).status).toBe(403);
      expect((await platform.fetch(`/api/v1/regions/bestaat-niet/admin/${suffix}`, { headers: headers.adminA })).status).toBe(404);
    }
  });

  it("should break the region's figures down per frontdesk and per municipality, with nothing of other regions", async () => {
    const report = await getJson<RegionReport>(`/api/v1/regions/${regionA.slug}/admin/report?from=${PERIOD.from}&to=${PERIOD.to}`, "adminA");
    const rows = inPeriod(seeded, PERIOD).filter((r) => r.regionId === regionA.id);
    const cap = expectedBookable();
    expect(report.period).toEqual(PERIOD);
    expect(report.region.region).toEqual({ slug: regionA.slug, name: "Regio Alfa" });
    const regionWant = expectedFigures(rows, MONTHS_2027, (cap.a1 ?? 0) + (cap.a2 ?? 0) + (cap.a3 ?? 0), 2);
    expectFigures(report.region, regionWant, MONTHS_2027);
    expectCounts(report.region.byTopic, regionWant.byTopic);
    checkSuppressedTable(report.region.byTopicByMonth, rows, MONTHS_2027);

    const desks = [
      { desk: deskA1, bookable: cap.a1 ?? 0, active: 1, municipality: "Maastricht" },
      { desk: deskA2, bookable: cap.a2 ?? 0, active: 1, municipality: "Heerlen" },
      { desk: deskA3, bookable: cap.a3 ?? 0, active: 0, municipality: "Maastricht" },
    ];
    expect(report.frontdesks.map((d) => d.frontdesk.id).sort()).toEqual(desks.map((d) => d.desk.id).sort());
    for (const { desk, bookable, active, municipality } of desks) {
      const got = report.frontdesks.find((d) => d.frontdesk.id === desk.id);
      if (!got) throw new Error("desk missing");
      expect(got.frontdesk).toEqual({ id: desk.id, name: desk.name, municipality, archived: active === 0 });
      const want = expectedFigures(
        rows.filter((r) => r.deskId === desk.id),
        MONTHS_2027,
        bookable,
        active,
      );
      expectFigures(got, want, MONTHS_2027);
      expect(got.byTopic).toEqual(want.byTopic);
    }
    expect(report.municipalities.map((m) => m.municipality).sort()).toEqual(["Heerlen", "Maastricht"]);
    const maastricht = report.municipalities.find((m) => m.municipality === "Maastricht");
    const mWant = expectedFigures(
      rows.filter((r) => r.deskId === deskA1.id || r.deskId === deskA3.id),
      MONTHS_2027,
      (cap.a1 ?? 0) + (cap.a3 ?? 0),
      1,
    );
    if (!maastricht) throw new Error("municipality missing");
    expectFigures(maastricht, mWant, MONTHS_2027);

    const text = JSON.stringify(report);
    for (const foreign of [regionB.slug, regionB.name, deskB1.id, deskB1.name, regionC.slug, deskC1.id]) expect(text).not.toContain(foreign);
    expect(text.toLowerCase()).not.toContain("zwxq");
  });

  it("should offer the region report as CSV with desk names escaped per RFC 4180", async () => {
    const response = await platform.fetch(`/api/v1/regions/${regionA.slug}/admin/report.csv?from=${PERIOD.from}&to=${PERIOD.to}`, { headers: headers.adminA });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="regio-${regionA.slug}-rapportage-${PERIOD.from}-${PERIOD.to}.csv"`);
    const text = await response.text();
    expect(text).toContain('"Ondernemersloket ""Parkstad"", Heerlen"');
    const table = parseCsv(text);
    expect(table[0]).toEqual(["region", "frontdesk_id", "frontdesk", "municipality", "metric", "dimension", "value"]);
    expect(new Set(table.slice(1).map((r) => r.length))).toEqual(new Set([7]));
    const report = await getJson<RegionReport>(`/api/v1/regions/${regionA.slug}/admin/report?from=${PERIOD.from}&to=${PERIOD.to}`, "adminA");
    const a2 = report.frontdesks.find((d) => d.frontdesk.id === deskA2.id);
    expect(table.find((r) => r[1] === deskA2.id && r[4] === "booked")).toEqual([
      regionA.slug,
      deskA2.id,
      deskA2.name,
      "Heerlen",
      "booked",
      "",
      String(a2?.totals.booked),
    ]);
    expect(table.find((r) => r[1] === "" && r[3] === "Heerlen" && r[4] === "booked")?.[6]).toBe(String(a2?.totals.booked));
    expect(table.find((r) => r[1] === "" && r[3] === "" && r[4] === "booked")?.[6]).toBe(String(report.region.totals.booked));
    expect(text.toLowerCase()).not.toContain("zwxq");
    expect(text).not.toContain(regionB.slug);
  });

  it("should offer both reports for Dutch Excel with format=excel: a UTF-8 BOM, semicolons, Dutch headers and decimal commas, the same rows", async () => {
    const cases = [
      {
        path: `/api/v1/regions/${regionA.slug}/admin/report.csv?from=${PERIOD.from}&to=${PERIOD.to}`,
        who: headers.adminA,
        file: `regio-${regionA.slug}-rapportage-${PERIOD.from}-${PERIOD.to}-excel.csv`,
        header: ["Regio", "Loket-id", "Loket", "Gemeente", "Cijfer", "Uitsplitsing", "Waarde"],
      },
      {
        path: `/api/v1/province/summary.csv?from=${PERIOD.from}&to=${PERIOD.to}`,
        who: headers.province,
        file: `provincie-samenvatting-${PERIOD.from}-${PERIOD.to}-excel.csv`,
        header: ["Regio", "Cijfer", "Uitsplitsing", "Waarde"],
      },
    ];
    for (const c of cases) {
      const tidy = parseCsv(await (await platform.fetch(c.path, { headers: c.who })).text());
      const response = await platform.fetch(`${c.path}&format=excel`, { headers: c.who });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${c.file}"`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.slice(3));
      expect(text.endsWith("\r\n")).toBe(true);
      const table = parseCsv(text, ";");
      expect(table[0]).toEqual(c.header);
      expect(table.length).toBe(tidy.length);
      const width = c.header.length;
      expect(new Set(table.slice(1).map((r) => r.length))).toEqual(new Set([width]));
      // Row by row the same figures, a fraction with a decimal comma ("0,4321"), whole numbers and "<5" as they were.
      for (let i = 1; i < table.length; i++) {
        const expected = tidy[i]?.map((v, col) => (col === width - 1 && /^\d+\.\d+$/.test(v) ? v.replace(".", ",") : v));
        expect(table[i]).toEqual(expected);
      }
      expect(table.some((r) => /^\d+,\d+$/.test(r[width - 1] ?? ""))).toBe(true);
    }
    // The tidy default stays as the contract has it.
    const plain = await platform.fetch(`/api/v1/province/summary.csv?from=${PERIOD.from}&to=${PERIOD.to}&format=tidy`, { headers: headers.province });
    expect((await plain.text()).startsWith("region,metric,dimension,value\r\n")).toBe(true);
    const unknown = await platform.fetch("/api/v1/province/summary.csv?format=xlsx", { headers: headers.province });
    expect(unknown.status).toBe(400);
  });

  it("should be described in the OpenAPI document with its response schemas", async () => {
    const doc = (await (await platform.fetch("/api/v1/openapi.json")).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    expect(doc.paths["/api/v1/province/summary"]?.get?.responses["200"]?.content?.["application/json"]).toBeDefined();
    expect(doc.paths["/api/v1/province/summary.csv"]?.get?.responses["200"]?.content?.["text/csv; charset=utf-8"]).toBeDefined();
    expect(Object.keys(doc.paths).some((p) => p.endsWith("/admin/report"))).toBe(true);
  });
});
