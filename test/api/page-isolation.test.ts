/**
 * Tenant isolation of the web pages, by enumeration: every signed-in GET page whose only path
 * parameters are `:region` and/or `:org` (the list and overview pages, catalogue included) is
 * opened for region A and organisation A by the region admin of A (who must not get a 404 or
 * an error, which shows the page works) and by callers who must not: the region admin of B and a partner of
 * B's organisation. They get no 2xx and never see A's data. A new page of that shape is
 * covered without editing this file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webPages } from "../../src/web/routes";
import { createFrontdesk, createRegion, createUser, signInAs, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { createOrganisation, createPartner, offerBody, type OrganisationFixture } from "../support/catalogue";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;
let regionA: RegionFixture;
let orgA: OrganisationFixture;
let ownerA: Record<string, string>;
let outsiders: Array<[string, Record<string, string>]>;
let deskA: FrontdeskFixture;
let regionBSlug: string;
const markers = ["Regio Paginagrens", "Organisatie Paginagrens", "Loket Paginagrens", "Aanbod Paginagrens"];

beforeAll(async () => {
  platform = await startTestPlatform();
  const c = platform.client;
  regionA = await createRegion(c, { name: "Regio Paginagrens" });
  const regionB = await createRegion(c);
  orgA = await createOrganisation(c, regionA, { name: "Organisatie Paginagrens" });
  const orgB = await createOrganisation(c, regionB);
  deskA = await createFrontdesk(c, regionA, { name: "Loket Paginagrens" });
  regionBSlug = regionB.slug;
  const partnerA = await signInAs(platform, await createPartner(c, orgA));
  const draft = await platform.fetch(`/api/v1/organisations/${orgA.slug}/offers`, {
    method: "POST",
    headers: partnerA,
    json: offerBody(regionA, { title: "Aanbod Paginagrens" }),
  });
  expect(draft.status).toBe(201);
  ownerA = await signInAs(platform, await createUser(c, "region_admin", regionA));
  outsiders = [
    ["region admin of B", await signInAs(platform, await createUser(c, "region_admin", regionB))],
    ["frontdesk staff of B", await signInAs(platform, await createUser(c, "frontdesk_staff", regionB))],
    ["partner of B's organisation", await signInAs(platform, await createPartner(c, orgB))],
  ];
});
afterAll(async () => {
  await platform?.close();
});

/** Signed-in GET pages about one region or organisation, with no other path parameter. */
function scopedPages(): string[] {
  return webPages
    .filter((p) => p.method === "get" && p.access.kind !== "public")
    .map((p) => p.path)
    .filter((path) => /:(region|org)\b/.test(path) && (path.match(/:\w+/g) ?? []).every((param) => param === ":region" || param === ":org"));
}

describe("web pages and tenant isolation", () => {
  it("should cover the catalogue's and the events' pages among the enumerated ones", () => {
    const pages = scopedPages();
    for (const path of [
      "/partner/:org/aanbod",
      "/partner/:org/aanbod/nieuw",
      "/beheer/:region/aanbod",
      "/beheer/:region/organisaties",
      "/beheer/:region/inzichten",
      "/beheer/:region/evenementen",
      "/beheer/:region/evenementen/nieuw",
      "/partner/:org/evenementen",
      "/partner/:org/evenementen/nieuw",
      "/beheer/:region/rapportage",
      "/beheer/:region/logboek",
      "/beheer/:region/instellingen",
      "/beheer/:region/gegevens-wissen",
      "/beheer/:region/doorverwijzingen",
      "/beheer/:region/doorverwijzingen/nieuw",
      "/partner/:org/doorverwijzingen",
      "/beheer/:region/kennisplein",
    ])
      expect(pages).toContain(path);
  });

  it("should show each such page to region A's admin and to nobody of region B", { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    for (const pattern of scopedPages()) {
      const path = pattern.replace(":region", regionA.slug).replace(":org", orgA.slug);
      const own = await platform.fetch(path, { headers: ownerA, redirect: "manual" });
      // 200, or a redirect where the page sends a role elsewhere (the consultant's caseload): never 404 or an error.
      if (own.status >= 400) failures.push(`${path}: region A's admin got ${own.status}`);
      await own.body?.cancel();
      for (const [who, headers] of outsiders) {
        const response = await platform.fetch(path, { headers, redirect: "manual" });
        const body = await response.text();
        if (response.status < 300 || response.status >= 500) failures.push(`${path}: ${who} got ${response.status}`);
        const leaked = markers.filter((m) => body.includes(m));
        if (leaked.length > 0) failures.push(`${path}: ${who} saw ${leaked.join(", ")}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("should answer another region's staff with 404 on a desk's holiday and archive pages, also under their own region", async () => {
    const failures: string[] = [];
    for (const page of ["feestdagen", "archiveren"]) {
      const own = await platform.fetch(`/beheer/${regionA.slug}/loketten/${deskA.id}/${page}`, { headers: ownerA, redirect: "manual" });
      if (own.status !== 200) failures.push(`${page}: region A's admin got ${own.status}`);
      await own.body?.cancel();
      for (const [who, headers] of outsiders.slice(0, 2)) {
        for (const path of [`/beheer/${regionA.slug}/loketten/${deskA.id}/${page}`, `/beheer/${regionBSlug}/loketten/${deskA.id}/${page}`]) {
          for (const method of ["GET", "POST"]) {
            const response = await platform.fetch(path, { method, headers: { ...headers, origin: ORIGIN }, redirect: "manual" });
            const body = await response.text();
            // Region B's admin: 404 (A's region or A's desk does not exist for them); B's desk staff: no access to admin pages at all.
            if (who === "region admin of B" ? response.status !== 404 : response.status < 400 || response.status >= 500)
              failures.push(`${method} ${path}: ${who} got ${response.status}`);
            if (body.includes("Loket Paginagrens")) failures.push(`${method} ${path}: ${who} saw the desk`);
          }
        }
      }
    }
    // The platform admin's region pages are for the platform admin only.
    for (const path of ["/beheer/regiobeheerders", "/beheer/regio-nieuw"]) {
      const response = await platform.fetch(path, { headers: ownerA, redirect: "manual" });
      if (response.status !== 403) failures.push(`${path}: a region admin got ${response.status}`);
      await response.body?.cancel();
    }
    expect(failures).toEqual([]);
  });
});
