import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../tools/seed/seed";
import { DEMO_PASSWORD, DEMO_USERS } from "../../tools/seed/demo-data";
import { readError } from "../support/answers";
import { startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
  await seedDemoData(platform.dbUrl);
});
afterAll(async () => {
  await platform?.close();
});

describe("the platform foundation", () => {
  it("should list the three seeded regions with their operators", async () => {
    const response = await platform.fetch("/api/v1/regions");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await response.json()) as { regions: { slug: string; name: string; operator: string }[] };
    expect(body.regions.map((r) => r.slug).sort()).toEqual(["midden-limburg", "noord-limburg", "zuid-limburg"]);
    expect(body.regions.find((r) => r.slug === "midden-limburg")?.operator).toBe("Keyport 2020");
  });

  it("should serve a region with its real municipalities", async () => {
    const response = await platform.fetch("/api/v1/regions/noord-limburg");
    const body = (await response.json()) as { region: { municipalities: { cbsCode: string; name: string }[] } };
    expect(body.region.municipalities).toHaveLength(8);
    expect(body.region.municipalities).toContainEqual({ cbsCode: "1894", name: "Peel en Maas" });
  });

  it("should seed at least four frontdesks of mixed kinds per region, with opening hours", async () => {
    for (const slug of ["zuid-limburg", "midden-limburg", "noord-limburg"]) {
      const list = (await (await platform.fetch(`/api/v1/regions/${slug}/frontdesks`)).json()) as { frontdesks: { id: string; kind: string }[] };
      expect(list.frontdesks.length).toBeGreaterThanOrEqual(4);
      expect(new Set(list.frontdesks.map((f) => f.kind)).size).toBeGreaterThanOrEqual(3);
      const first = list.frontdesks[0];
      const detail = (await (await platform.fetch(`/api/v1/regions/${slug}/frontdesks/${first?.id}`)).json()) as {
        frontdesk: { openingHours: { weekly: unknown[] } };
      };
      expect(detail.frontdesk.openingHours.weekly.length).toBeGreaterThan(0);
    }
  });

  it("should seed upcoming demo events in every region, relative to the day of seeding", async () => {
    const response = await platform.fetch("/api/v1/events?limit=100");
    const body = (await response.json()) as { events: { regions: string[]; sessions: { start: string }[]; organiser: { kind: string } }[] };
    for (const region of ["zuid-limburg", "midden-limburg", "noord-limburg"]) {
      expect(body.events.filter((e) => e.regions.includes(region)).length, region).toBeGreaterThanOrEqual(2);
    }
    expect(body.events.every((e) => e.sessions.some((s) => Date.parse(s.start) > Date.now()))).toBe(true);
    expect(body.events.some((e) => e.organiser.kind === "organisation")).toBe(true);
  });

  it("should report a healthy database", async () => {
    const response = await platform.fetch("/api/v1/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("should put a request id on every response", async () => {
    const ok = await platform.fetch("/api/v1/regions");
    const missing = await platform.fetch("/api/v1/nope");
    expect(ok.headers.get("x-request-id")).toMatch(/.{8,}/);
    expect(missing.headers.get("x-request-id")).toMatch(/.{8,}/);
    expect(ok.headers.get("x-request-id")).not.toBe(missing.headers.get("x-request-id"));
  });

  it("should answer an unknown API route with 404 in the contract's error shape", async () => {
    const response = await platform.fetch("/api/v1/does-not-exist");
    expect(response.status).toBe(404);
    const error = await readError(response);
    expect(error.code).toBe("not_found");
    expect(error.message).toMatch(/\w/);
  });

  it("should answer an unknown region with 404", async () => {
    const response = await platform.fetch("/api/v1/regions/atlantis/frontdesks");
    expect(response.status).toBe(404);
  });

  it("should answer a known path with another method with 405 and Allow, in the contract's error shape", async () => {
    const response = await platform.fetch("/api/v1/regions", { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect((await readError(response)).code).toBe("method_not_allowed");
    expect((await platform.fetch("/api/v1/regions/zuid-limburg/appointments")).status).toBe(405);
  });

  it("should send JSON with its charset, and tolerate a trailing slash", async () => {
    const response = await platform.fetch("/api/v1/regions/");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(((await response.json()) as { regions: unknown[] }).regions).toHaveLength(3);
  });

  it("should refuse malformed JSON with 400 validation_failed", async () => {
    const response = await platform.fetch("/api/v1/auth/login", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } });
    expect(response.status).toBe(400);
    expect((await readError(response)).code).toBe("validation_failed");
  });

  it("should refuse a body that is not JSON with 415", async () => {
    const response = await platform.fetch("/api/v1/auth/login", {
      method: "POST",
      body: "email=a",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(415);
    expect((await readError(response)).code).toBe("unsupported_media_type");
  });

  it("should refuse a body over 64 KB with 413", async () => {
    const response = await platform.fetch("/api/v1/auth/login", { method: "POST", json: { email: "a@b.nl", password: "x".repeat(70_000) } });
    expect(response.status).toBe(413);
    expect((await readError(response)).code).toBe("payload_too_large");
  });

  it("should list each invalid field with a readable message", async () => {
    const response = await platform.fetch("/api/v1/auth/login", { method: "POST", json: { email: "not-an-email" } });
    expect(response.status).toBe(400);
    const error = await readError(response);
    expect(error.issues?.map((i) => i.path).sort()).toEqual(["email", "password"]);
  });

  it("should let every demo account sign in with the demo password", async () => {
    for (const user of DEMO_USERS) {
      const response = await platform.fetch("/api/v1/auth/login", { method: "POST", json: { email: user.email, password: DEMO_PASSWORD } });
      expect(response.status, user.email).toBe(200);
      const body = (await response.json()) as { user: { role: string; region?: string } };
      expect(body.user.role).toBe(user.role);
      expect(body.user.region).toBe(user.region);
    }
  });

  it("should send security headers with a script policy that forbids inline scripts", async () => {
    const response = await platform.fetch("/api/v1/regions");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("should describe every registered route in the OpenAPI document", async () => {
    const doc = (await (await platform.fetch("/api/v1/openapi.json")).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/regions", "/api/v1/regions/{region}/frontdesks", "/api/v1/auth/login", "/api/v1/health"]),
    );
    const login = doc.paths["/api/v1/auth/login"]?.post as { requestBody: { content: Record<string, { schema: { required: string[] } }> } };
    expect(login.requestBody.content["application/json"]?.schema.required).toEqual(["email", "password"]);
  });

  it("should render a readable API reference page", async () => {
    const response = await platform.fetch("/api/docs");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("/api/v1/regions/{region}/frontdesks");
    expect(html).not.toContain("<script");
  });
});
