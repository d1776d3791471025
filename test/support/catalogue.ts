/**
 * Catalogue scenario builders and a counting proxy for the libSQL server.
 */
import { createServer, type Server } from "node:http";
import type { Client } from "@libsql/client";
import { newId } from "../../src/lib/ids";
import { hashPassword } from "../../src/lib/password";
import type { OrganisationKind } from "../../src/db/schema";
import type { RegionFixture } from "./factories";
import { TEST_PASSWORD } from "./factories";

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export interface OrganisationFixture {
  id: string;
  slug: string;
  name: string;
  homeRegion: RegionFixture;
}

export async function createOrganisation(
  client: Client,
  home: RegionFixture,
  overrides: Partial<{ slug: string; name: string; kind: OrganisationKind; regions: string[] }> = {},
): Promise<OrganisationFixture> {
  const id = newId();
  const slug = overrides.slug ?? unique("org");
  const name = overrides.name ?? `Organisatie ${slug}`;
  await client.execute({
    sql: "insert into organisations (id, slug, name, kind, home_region_id, regions, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
    args: [id, slug, name, overrides.kind ?? "advisor", home.id, JSON.stringify(overrides.regions ?? [home.slug]), Date.now(), Date.now()],
  });
  return { id, slug, name, homeRegion: home };
}

let cachedHash: string | null = null;

/** A partner user of the organisation, with the test password. */
export async function createPartner(client: Client, org: OrganisationFixture): Promise<{ id: string; email: string }> {
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  const id = newId();
  const email = `${unique("partner")}@example.test`;
  await client.execute({
    sql: "insert into users (id, email, name, role, region_id, organisation_id, password_hash, created_at) values (?, ?, ?, 'partner', null, ?, ?, ?)",
    args: [id, email, `Partner ${org.slug}`, org.id, cachedHash, Date.now()],
  });
  return { id, email };
}

/** A valid create-offer body for a region, with overrides. */
export function offerBody(region: RegionFixture, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `Testregeling ${unique("aanbod")}`,
    summary: "Een korte samenvatting van het aanbod.",
    description: "Eerste alinea over het aanbod.\n\nTweede alinea met voorwaarden.",
    kind: "subsidy",
    topics: ["subsidies"],
    audiences: ["established_sme"],
    phases: ["plan"],
    regions: [region.slug],
    cost: "free",
    howToApply: "Vraag het aan via het formulier.",
    ...overrides,
  };
}

export interface CountingProxy {
  url: string;
  /** Hrana requests (method, path, body) seen since the last reset. */
  requests: { path: string; body: string }[];
  setUpstream(url: string): void;
  reset(): void;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of the libSQL server that records every request, so a test can
 * count the Worker's round trips to the database (each request is one round trip).
 */
export async function startCountingProxy(): Promise<CountingProxy> {
  let upstream = "";
  const requests: { path: string; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      requests.push({ path: req.url ?? "", body: body.toString("utf8") });
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && k !== "host" && k !== "content-length") headers.set(k, v);
      fetch(`${upstream}${req.url ?? ""}`, { method: req.method ?? "GET", headers, ...(body.length ? { body } : {}) })
        .then(async (answer) => {
          const text = Buffer.from(await answer.arrayBuffer());
          res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
          res.end(text);
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setUpstream(url) {
      upstream = url;
    },
    reset() {
      requests.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The fixed relevance queries over the demo catalogue (tools/seed/catalogue-data.ts): each
 * expected offer must be among the first three results. Used by the search test and the bench.
 */
export const RELEVANCE_QUERIES: { q: string; what: string; expected: string }[] = [
  { q: "subsidie innovatie", what: "two words", expected: "MIT-haalbaarheidsproject: subsidie voor innovatie in het mkb" },
  { q: "overname bedrijf", what: "compound in the text (bedrijfsovername)", expected: "Begeleiding bij bedrijfsovername voor koper en verkoper" },
  { q: "personeel", what: "one word", expected: "Personeel werven met ondersteuning" },
  { q: "export Duitsland", what: "two words", expected: "Exportspreekuur Duitsland" },
  { q: "finaciering", what: "typo (financiering)", expected: "Bedrijfsfinanciering: krediet en lease voor het mkb" },
  { q: "persooneel", what: "typo (personeel)", expected: "Personeel werven met ondersteuning" },
  { q: "subsidies", what: "plural", expected: "Subsidiecheck: welke regelingen passen bij uw plan?" },
  { q: "exportspreek", what: "prefix", expected: "Exportspreekuur Duitsland" },
  { q: "bedrijven overname", what: "plural + word", expected: "Overnamekrediet: een bedrijf kopen of overnemen" },
  { q: "innovatiesubsidie", what: "compound query", expected: "Limburgse innovatiesubsidie voor samenwerkingsprojecten" },
  { q: "Duitse márkt", what: "accent", expected: "Exportspreekuur Duitsland" },
  { q: "duurzame lening", what: "inflection (duurzaam)", expected: "Duurzaam investeren: groene lening voor ondernemers" },
];
