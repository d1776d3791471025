/**
 * The typed client (issue 20): the checked-in types (`client/schema.d.ts`) are what
 * openapi-typescript makes of the document the Worker serves now, and the client built on them
 * with openapi-fetch talks to the real Worker with an API key.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type components, createPlatformClient } from "../../client";
import { CLIENT_SCHEMA_PATH, clientSchemaSource } from "../../tools/generate-client";
import { createRegion, createUser, signInAs, type RegionFixture } from "../support/factories";
import { createOrganisation, createPartner, offerBody, type OrganisationFixture } from "../support/catalogue";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { createKey, type KeyFixture } from "../support/api-keys";

let platform: TestPlatform;
let region: RegionFixture;
let org: OrganisationFixture;
let orgKey: KeyFixture;
let regionKey: KeyFixture;

beforeAll(async () => {
  platform = await startTestPlatform();
  region = await createRegion(platform.client);
  org = await createOrganisation(platform.client, region);
  const partner = await signInAs(platform, await createPartner(platform.client, org));
  const admin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
  orgKey = await createKey(platform, `/api/v1/organisations/${org.slug}/api-keys`, partner, ["offers:write", "referrals:read"]);
  regionKey = await createKey(platform, `/api/v1/regions/${region.slug}/admin/api-keys`, admin, ["reports:read"]);
});
afterAll(async () => {
  await platform?.close();
});

describe("the OpenAPI document and the typed client", () => {
  it("should declare the cookie session and the bearer key, and which scope opens each key route", async () => {
    const doc = (await (await platform.fetch("/api/v1/openapi.json")).json()) as {
      components: { securitySchemes: Record<string, { type: string; scheme?: string; in?: string }> };
      paths: Record<string, Record<string, { security: Record<string, string[]>[] }>>;
    };
    expect(doc.components.securitySchemes.session).toMatchObject({ type: "apiKey", in: "cookie" });
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.paths["/api/v1/regions/{region}/admin/report"]?.get?.security).toEqual([{ session: [] }, { apiKey: ["reports:read"] }]);
    expect(doc.paths["/api/v1/regions/{region}/admin/frontdesks"]?.get?.security).toEqual([{ session: [] }]);
    expect(doc.paths["/api/v1/regions"]?.get?.security).toEqual([]);
  });

  it("should have checked-in client types equal to what the live document generates (run `npm run client:generate` after an API change)", async () => {
    const document = (await (await platform.fetch("/api/v1/openapi.json")).json()) as Record<string, unknown>;
    const generated = await clientSchemaSource(document);
    const checkedIn = readFileSync(CLIENT_SCHEMA_PATH, "utf8");
    if (generated !== checkedIn) {
      const a = generated.split("\n");
      const b = checkedIn.split("\n");
      const line = a.findIndex((text, i) => text !== b[i]);
      expect.fail(
        `client/schema.d.ts is out of date from line ${line + 1} (generated: ${a[line]?.trim()} | checked in: ${b[line]?.trim()}); run npm run client:generate`,
      );
    }
  }, 120_000);

  it("should call the running Worker with a key through the typed client", async () => {
    const api = createPlatformClient(platform.url, orgKey.secret);
    const created = await api.POST("/api/v1/organisations/{org}/offers", {
      params: { path: { org: org.slug } },
      // The shared test data is an untyped record; the client checks the real shape of what it sends.
      body: offerBody(region, { title: "Via de getypte client" }) as never,
    });
    expect(created.response.status).toBe(201);
    expect(created.data?.offer.title).toBe("Via de getypte client");
    const inbox = await api.GET("/api/v1/organisations/{org}/referrals", { params: { path: { org: org.slug } } });
    expect(inbox.response.status).toBe(200);
    expect(inbox.data?.referrals).toEqual([]);
    const report = await createPlatformClient(platform.url, regionKey.secret).GET("/api/v1/regions/{region}/admin/report", {
      params: { path: { region: region.slug } },
    });
    expect(report.response.status).toBe(200);
    const refused = await api.GET("/api/v1/regions/{region}/admin/report", { params: { path: { region: region.slug } } });
    expect(refused.response.status).toBe(403);
    // The answer's type is the document's error schema.
    const problem: components["schemas"]["Error"] | undefined = refused.error;
    expect(problem?.error.code).toBe("forbidden");
    const anonymous = await createPlatformClient(platform.url).GET("/api/v1/regions", {});
    expect(anonymous.response.status).toBe(200);
  });
});
