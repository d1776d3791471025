/**
 * While the database is away, web pages answer with a proper 503 page (Dutch or English, with
 * Retry-After), for anonymous and signed-in visitors alike; the API keeps its JSON 503.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdesk, createRegion, createUser, signInAs, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;
let region: RegionFixture;
let desk: FrontdeskFixture;
let session: Record<string, string>;

beforeAll(async () => {
  platform = await startTestPlatform();
  region = await createRegion(platform.client);
  desk = await createFrontdesk(platform.client, region);
  session = await signInAs(platform, await createUser(platform.client, "region_admin", region));
});
afterAll(async () => {
  await platform?.close();
});

async function expectUnavailablePage(response: Response, language: "nl" | "en", what: string) {
  expect(response.status, what).toBe(503);
  expect(response.headers.get("retry-after"), what).toMatch(/^\d+$/);
  expect(response.headers.get("content-type"), what).toMatch(/^text\/html/);
  expect(response.headers.get("content-security-policy"), what).toMatch(/default-src 'self'/);
  const html = await response.text();
  expect(html, what).toContain(`<html lang="${language}"`);
  if (language === "nl") {
    expect(html, what).toContain("Even niet bereikbaar");
    expect(html, what).toContain("De dienst is tijdelijk niet beschikbaar.");
  } else {
    expect(html, what).toContain("Temporarily unavailable");
  }
  expect(html, what).not.toContain("Dat lukte niet");
  expect(html, what).not.toMatch(/sqlite|libsql|ECONN|127\.0\.0\.1|stack|at [A-Za-z]+ \(/i);
}

describe("web pages while the database is away", () => {
  it("should serve a 503 page with Retry-After to anonymous and signed-in visitors, keep JSON for the API, and recover", async () => {
    const cookieOnly = { cookie: session.cookie ?? "" };
    const form = new URLSearchParams({ name: "An Jansen", email: "an@example.test" }).toString();
    await platform.stopDatabase();
    try {
      await expectUnavailablePage(await platform.fetch("/"), "nl", "GET / anonymous");
      await expectUnavailablePage(await platform.fetch(`/boeken/${region.slug}`), "nl", "region page anonymous");
      await expectUnavailablePage(await platform.fetch("/?lang=en"), "en", "GET /?lang=en");
      await expectUnavailablePage(await platform.fetch("/", { headers: { cookie: "lang=en" } }), "en", "English by cookie");
      await expectUnavailablePage(await platform.fetch(`/beheer/${region.slug}/agenda`, { headers: cookieOnly }), "nl", "signed-in agenda");
      await expectUnavailablePage(await platform.fetch("/", { headers: cookieOnly }), "nl", "signed-in start page");
      await expectUnavailablePage(await platform.fetch("/bestaat-niet", { headers: cookieOnly }), "nl", "signed-in unknown page");
      await expectUnavailablePage(
        await platform.fetch(`/boeken/${region.slug}/loket/${desk.id}/afspraak`, {
          method: "POST",
          body: form,
          headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
        }),
        "nl",
        "booking form post",
      );
      // The API keeps its JSON answer.
      for (const headers of [{}, cookieOnly]) {
        const api = await platform.fetch(`/api/v1/regions/${region.slug}/frontdesks`, { headers });
        expect(api.status).toBe(503);
        expect(api.headers.get("content-type")).toMatch(/^application\/json/);
        expect(((await api.json()) as { error: { code: string } }).error.code).toBe("service_unavailable");
      }
    } finally {
      await platform.startDatabase();
    }
    expect((await platform.fetch("/")).status).toBe(200);
    expect((await platform.fetch(`/beheer/${region.slug}/agenda`, { headers: cookieOnly })).status).toBe(200);
  });
});
