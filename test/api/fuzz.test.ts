/**
 * Fuzzes every JSON route of the registry with malformed and random bodies (seeded, so a
 * failure reproduces: set FUZZ_SEED to replay). Never a 500, and a refused body never
 * changes a row: a hash of every table's content is compared before and after.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as v from "valibot";
import { apiEndpoints } from "../../src/app";
import type { Endpoint } from "../../src/http/endpoint";
import { newId } from "../../src/lib/ids";
import { createFrontdesk, createRegion, createUser, insertAppointment, signInAs, type RegionFixture } from "../support/factories";
import { createOrganisation } from "../support/catalogue";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";
import { prng } from "../support/prng";
import { signInAsEntrepreneur } from "../support/entrepreneurs";
import { createKey } from "../support/api-keys";
import { KEY_SCOPES } from "../../src/features/auth/policy";

const SEED = Number(process.env.FUZZ_SEED ?? 20270329);
/** Bodies per route: the 12 fixed nasty ones, then random ones. FUZZ_BODIES=25 (CI) fuzzes harder. */
const BODIES_PER_ROUTE = Number(process.env.FUZZ_BODIES ?? 16);

const NASTY_STRINGS = [
  "",
  " ",
  "' OR 1=1 --",
  "'; drop table users; --",
  '" or ""="',
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "../../etc/passwd",
  "%00",
  "\u0000",
  "line\r\nBcc: evil@example.test",
  "😀🇳🇱",
  "Ĳsselmeer Ærø Straße",
  "\u202e\u2066",
  "null",
  "undefined",
  "1e309",
  "-0",
  "2027-02-30T25:61:00+02:00",
  "__proto__",
  "a@b",
  "x".repeat(300),
];

function randomValue(rand: () => number, depth = 0): unknown {
  const pick = Math.floor(rand() * 12);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return [0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31][Math.floor(rand() * 7)];
    case 3:
    case 4:
      return NASTY_STRINGS[Math.floor(rand() * NASTY_STRINGS.length)];
    case 5:
      return "€".repeat(Math.floor(rand() * 5000));
    case 6:
      return depth < 3 ? Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1)) : [];
    case 7:
      return depth < 3 ? { [NASTY_STRINGS[Math.floor(rand() * NASTY_STRINGS.length)] ?? "k"]: randomValue(rand, depth + 1) } : {};
    case 8:
      return String.fromCodePoint(...Array.from({ length: 20 }, () => Math.floor(rand() * 0x10ffff) % 0xd7ff));
    case 9:
      return newId();
    case 10:
      return { __proto__: { admin: true }, constructor: { prototype: { x: 1 } } };
    default:
      return Math.floor(rand() * 100) - 50;
  }
}

function nested(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** The top-level field names of a valibot object schema (if it is one). */
function fieldNames(schema: unknown): string[] {
  const entries = (schema as { entries?: Record<string, unknown> }).entries;
  return entries ? Object.keys(entries) : [];
}

/** Raw request bodies (strings) for one route: fixed nasty ones first, then random ones. */
function bodiesFor(endpoint: Endpoint, rand: () => number): string[] {
  const fields = fieldNames(endpoint.body);
  const fixed: string[] = [
    "null",
    "42",
    '"a string"',
    "[]",
    "[{}]",
    "{",
    '{"a":}',
    JSON.stringify(nested(3000)),
    JSON.stringify(Object.fromEntries(fields.map((f) => [f, "x".repeat(60_000 / Math.max(1, fields.length))]))),
    JSON.stringify(Object.fromEntries(fields.map((f) => [f, null]))),
    JSON.stringify(Object.fromEntries(fields.map((f) => [f, ["' OR 1=1 --"]]))),
    JSON.stringify(Object.fromEntries(fields.map((f) => [f, { $gt: "" }]))),
  ];
  const random: string[] = [];
  while (fixed.length + random.length < BODIES_PER_ROUTE) {
    const body: Record<string, unknown> = {};
    for (const f of fields) if (rand() < 0.8) body[f] = randomValue(rand);
    if (rand() < 0.3) body[NASTY_STRINGS[Math.floor(rand() * NASTY_STRINGS.length)] ?? "x"] = randomValue(rand);
    random.push(JSON.stringify(rand() < 0.1 ? randomValue(rand) : body));
  }
  return [...fixed, ...random];
}

let platform: TestPlatform;
let region: RegionFixture;
let sessions: {
  regionAdmin: Record<string, string>;
  platformAdmin: Record<string, string>;
  staff: Record<string, string>;
  entrepreneur: Record<string, string>;
};
let ids: { frontdesk: string; appointment: string; user: string; org: string; offer: string; event: string; eventSlug: string; registration: string };
/** API keys (issue 20) with every scope of their owner: the region's and its organisation's. */
let keys: { region: Record<string, string>; organisation: Record<string, string> };

/** Every table, and whether it has a rowid to order by (FTS5's vocabulary and index tables do not). */
let tables: { name: string; rowid: boolean }[] = [];

/** A hash of every table's content (one per table, "name=hash;…"), read in one round trip. */
async function tableHash(exclude: Set<string>): Promise<string> {
  const read = tables.filter(({ name }) => !exclude.has(name));
  const names = read.map(({ name }) => name);
  const results = await platform.client.batch(
    read.map(({ name, rowid }) => {
      // A session's last_seen_at is refreshed every 5 minutes of use, whatever the body, and mail an earlier
      // request queued is delivered after its answer (status, attempts, sent_at): not changes the body made.
      // A mail the body queued is still a new outbox row.
      const columns =
        name === "sessions"
          ? "id_hash, user_id, created_at"
          : name === "entrepreneur_sessions"
            ? "id_hash, entrepreneur_id, created_at"
            : name === "outbox"
              ? "id, region_id, appointment_id, kind, dedupe_key, recipient, subject, created_at"
              : "*";
      return `select ${columns} from "${name}"${rowid ? " order by rowid" : ""}`;
    }),
    "read",
  );
  return results
    .map(
      (rows, i) =>
        `${names[i]}=${createHash("sha256")
          .update(`${rows.rows.length}:${JSON.stringify(rows.rows)}`)
          .digest("hex")}`,
    )
    .join(";");
}

/** The tables whose content differs between two {@link tableHash} results. */
function changedTables(before: string, after: string): string {
  const was = new Set(before.split(";"));
  return after
    .split(";")
    .filter((entry) => !was.has(entry))
    .map((entry) => entry.split("=")[0])
    .join(", ");
}

function fillPath(path: string): string {
  const parts = path.split("/");
  return parts
    .map((part, i) => {
      if (part === ":region") return region.slug;
      if (part === ":org") return ids.org;
      if (part === ":token") return newId() + newId();
      if (part === ":slug" && parts[i - 1] === "events") return ids.eventSlug;
      if (part === ":registrationId") return ids.registration;
      if (part === ":id") {
        const before = parts[i - 1];
        if (before === "frontdesks") return ids.frontdesk;
        if (before === "appointments") return ids.appointment;
        if (before === "users") return ids.user;
        if (before === "offers") return ids.offer;
        if (before === "events") return ids.event;
        return newId();
      }
      return part.startsWith(":") ? newId() : part;
    })
    .join("/");
}

function headersFor(endpoint: Endpoint): Record<string, string> {
  if (endpoint.access.kind === "public") return { origin: ORIGIN };
  if (endpoint.access.kind === "entrepreneur") return sessions.entrepreneur;
  if (endpoint.path.startsWith("/platform") || endpoint.path.startsWith("/province") || endpoint.path.startsWith("/organisations"))
    return sessions.platformAdmin;
  if (endpoint.path.startsWith("/regions/")) return sessions.regionAdmin;
  return sessions.staff;
}

beforeAll(async () => {
  platform = await startTestPlatform();
  region = await createRegion(platform.client);
  const desk = await createFrontdesk(platform.client, region);
  const staffUser = await createUser(platform.client, "consultant", region);
  const start = Date.now() - 86_400_000;
  const appointment = await insertAppointment(platform.client, desk, { startAt: start, name: "Fuzz Persoon", email: "fuzz@example.test", createdAt: start });
  const org = await createOrganisation(platform.client, region);
  const offer = newId();
  await platform.client.execute({
    sql: `insert into offers (id, seq, slug, organisation_id, title, summary, description, kind, topics, audiences, phases, regions, municipalities, cost, how_to_apply, last_checked_at, status, created_at, updated_at)
          values (?, 1, ?, ?, 'Fuzz-aanbod', 'Samenvatting', 'Omschrijving', 'subsidy', '["subsidies"]', '["starter"]', '["plan"]', ?, '[]', 'free', 'Aanvragen', ?, 'in_review', ?, ?)`,
    args: [offer, `fuzz-${offer.toLowerCase()}`, org.id, JSON.stringify([region.slug]), Date.now(), Date.now(), Date.now()],
  });
  // An event of the organisation (so both the region's and the organisation's event routes reach it) with one registration;
  // it started yesterday, so a valid cancel body is refused (409) and changes nothing either.
  const event = newId();
  const eventSlug = `fuzz-${event.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
  await platform.client.execute({
    sql: `insert into events (id, seq, slug, region_id, organisation_id, title, summary, description, type, format, topics, audiences, regions, location, join_url,
            capacity, registration_deadline, contact, first_start_at, last_end_at, status, version, change_ref, created_at, updated_at)
          values (?, 1, ?, ?, ?, 'Fuzz-evenement', 'Samenvatting', 'Omschrijving', 'workshop', 'in_person', '["financiering"]', '[]', ?, 'Markt 1', null,
            10, ?, '{"name":"Org","email":"org@example.test"}', ?, ?, 'published', 0, ?, ?, ?)`,
    args: [
      event,
      `fuzz-${event.toLowerCase()}`,
      region.id,
      org.id,
      JSON.stringify([region.slug]),
      start,
      start,
      start + 3_600_000,
      newId(),
      Date.now(),
      Date.now(),
    ],
  });
  await platform.client.execute({
    sql: "insert into event_sessions (event_id, idx, region_id, start_at, end_at) values (?, 0, ?, ?, ?)",
    args: [event, region.id, start, start + 3_600_000],
  });
  const registration = newId();
  await platform.client.execute({
    sql: `insert into event_registrations (id, region_id, event_id, seq, status, locale, name, email, consent_at, manage_token_hash, created_at, updated_at)
          values (?, ?, ?, 1, 'confirmed', 'nl', 'Fuzz Deelnemer', 'fuzz-deelnemer@example.test', ?, ?, ?, ?)`,
    args: [registration, region.id, event, Date.now(), newId(), Date.now(), Date.now()],
  });
  ids = { frontdesk: desk.id, appointment, user: staffUser.id, org: org.slug, offer, event, eventSlug, registration };
  const list = await platform.client.execute(
    "select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%drizzle%' order by name",
  );
  tables = list.rows.map((row) => ({ name: String(row.name), rowid: !/without rowid|using fts5vocab/i.test(String(row.sql ?? "")) }));
  sessions = {
    regionAdmin: await signInAs(platform, await createUser(platform.client, "region_admin", region)),
    platformAdmin: await signInAs(platform, await createUser(platform.client, "platform_admin", null)),
    staff: await signInAs(platform, staffUser),
    // The entrepreneur whose address made the appointment above (so /me/appointments/:id reaches it).
    entrepreneur: await signInAsEntrepreneur(platform, "fuzz@example.test"),
  };
  keys = {
    region: (await createKey(platform, `/api/v1/regions/${region.slug}/admin/api-keys`, sessions.regionAdmin, [...KEY_SCOPES.region])).headers,
    organisation: (await createKey(platform, `/api/v1/organisations/${org.slug}/api-keys`, sessions.platformAdmin, [...KEY_SCOPES.organisation])).headers,
  };
});
afterAll(async () => {
  await platform?.close();
});

describe("fuzzing every JSON route", () => {
  const jsonEndpoints = apiEndpoints().filter((e) => e.body !== undefined);

  it("should have JSON routes to fuzz", () => {
    expect(jsonEndpoints.length).toBeGreaterThan(10);
  });

  for (const endpoint of jsonEndpoints) {
    it(`should never answer 500 or change a row for malformed bodies on ${endpoint.method.toUpperCase()} ${endpoint.path}`, async () => {
      const exclude = new Set(endpoint.path === "/auth/login" ? ["sessions", "audit_log", "rate_limits"] : []);
      await fuzzRoute(endpoint, headersFor(endpoint), exclude);
    });
  }
});

// API keys (issue 20): the routes a key opens, called with a key of every scope (its use is counted after the answer).
describe("fuzzing the JSON routes an API key opens, with a key", () => {
  for (const endpoint of apiEndpoints().filter((e) => e.body !== undefined && e.keyScope !== undefined)) {
    it(`should never answer 500 or change a row for malformed bodies on ${endpoint.method.toUpperCase()} ${endpoint.path} with a key`, async () => {
      const key = endpoint.path.startsWith("/organisations/") ? keys.organisation : keys.region;
      await fuzzRoute(endpoint, key, new Set(["rate_limits", "api_keys"]));
    });
  }
});

async function fuzzRoute(endpoint: Endpoint, headers: Record<string, string>, exclude: Set<string>): Promise<void> {
  const rand = prng(SEED ^ [...endpoint.path].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) | 0, endpoint.method.length));
  const problems: string[] = [];
  let before = await tableHash(exclude);
  for (const [i, body] of bodiesFor(endpoint, rand).entries()) {
    const response = await platform.fetch(`/api/v1${fillPath(endpoint.path)}`, {
      method: endpoint.method.toUpperCase(),
      headers: { ...headers, "content-type": "application/json" },
      body,
    });
    const text = await response.text();
    if (response.status >= 500) problems.push(`#${i} → ${response.status} for body ${body.slice(0, 160)}`);
    if (/stack|at [A-Za-z]+ \(|SQLITE|select |insert /i.test(text)) problems.push(`#${i} → the body shows internals: ${text.slice(0, 200)}`);
    const after = await tableHash(exclude);
    if (response.status >= 400 && after !== before)
      problems.push(`#${i} → ${response.status} but a row of ${changedTables(before, after)} changed (body ${body.slice(0, 120)})`);
    // An accepted body (2xx) is not malformed: its change is legitimate, so start again from here.
    before = after;
  }
  // Not JSON at all, and JSON beyond the 64 KB limit.
  const wrongType = await platform.fetch(`/api/v1${fillPath(endpoint.path)}`, {
    method: endpoint.method.toUpperCase(),
    headers: { ...headers, "content-type": "text/plain" },
    body: "{}",
  });
  if (![401, 403, 404, 415, 429].includes(wrongType.status)) problems.push(`text/plain → ${wrongType.status}`);
  // The Worker may answer 413 before it has read the whole body; the client then sees the
  // connection reset while still writing. Either way the body was refused.
  const huge = await platform
    .fetch(`/api/v1${fillPath(endpoint.path)}`, {
      method: endpoint.method.toUpperCase(),
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ x: "y".repeat(70_000) }),
    })
    .catch((error: unknown) => ({ status: /ECONNRESET|EPIPE|fetch failed/.test(String((error as { cause?: unknown }).cause ?? error)) ? 413 : 599 }));
  if (![401, 403, 404, 413, 429].includes(huge.status)) problems.push(`70 KB → ${huge.status}`);
  const last = await tableHash(exclude);
  if (last !== before) problems.push(`a row of ${changedTables(before, last)} changed after the 415/413 requests`);
  expect(problems, `seed ${SEED}`).toEqual([]);
}

// valibot's v.object drops unknown keys: a documented, uniform behaviour the fuzzing relies on.
describe("unknown fields", () => {
  it("should be dropped by the body schemas rather than refused", () => {
    const schema = v.object({ a: v.string() });
    expect(v.parse(schema, { a: "x", role: "platform_admin" })).toEqual({ a: "x" });
  });
});
