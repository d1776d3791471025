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
import { createFrontdesk, createRegion, createUser, signInAs, type RegionFixture } from "../support/factories";
import { createOrganisation, createPartner, offerBody, type OrganisationFixture } from "../support/catalogue";
import { startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;
let regionA: RegionFixture;
let orgA: OrganisationFixture;
let ownerA: Record<string, string>;
let outsiders: Array<[string, Record<string, string>]>;
const markers = ["Regio Paginagrens", "Organisatie Paginagrens", "Loket Paginagrens", "Aanbod Paginagrens"];

beforeAll(async () => {
  platform = await startTestPlatform();
  const c = platform.client;
  regionA = await createRegion(c, { name: "Regio Paginagrens" });
  const regionB = await createRegion(c);
  orgA = await createOrganisation(c, regionA, { name: "Organisatie Paginagrens" });
  const orgB = await createOrganisation(c, regionB);
  await createFrontdesk(c, regionA, { name: "Loket Paginagrens" });
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
      "/beheer/:region/doorverwijzingen",
      "/beheer/:region/doorverwijzingen/nieuw",
      "/partner/:org/doorverwijzingen",
      "/beheer/:region/inbedden",
      "/beheer/:region/webhooks",
      "/partner/:org/webhooks",
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
});
