import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app";
import { safeNextPath } from "../../src/features/auth/safe-next";
import { readError } from "../support/answers";
import { createFrontdesk, createRegion, createUser, signInAs, type RegionFixture } from "../support/factories";
import { ORIGIN, startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;
let region: RegionFixture;
let admin: Record<string, string>;

beforeAll(async () => {
  platform = await startTestPlatform();
  region = await createRegion(platform.client);
  await createFrontdesk(platform.client, region, { name: "Geheim beheerloket" });
  admin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
});
afterAll(async () => {
  await platform?.close();
});

function expectSecurityHeaders(response: Response, what: string) {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp, what).toMatch(/frame-ancestors 'none'/);
  expect(csp, what).toMatch(/script-src 'self'/);
  expect(csp, what).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp, what).not.toMatch(/script-src[^;]*unsafe-eval/);
  expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), what).toMatch(/^(no-referrer|strict-origin|strict-origin-when-cross-origin|same-origin)$/);
  expect(response.headers.get("x-frame-options"), what).toBe("DENY");
  expect(response.headers.get("access-control-allow-origin"), what).toBeNull();
  expect(response.headers.get("access-control-allow-credentials"), what).toBeNull();
}

describe("security headers", () => {
  it("should be on every kind of response: API, pages, 404s, errors and assets, with no CORS for a foreign Origin", async () => {
    const foreign = { origin: "https://evil.example" };
    const cases: [string, RequestInit & { json?: unknown }][] = [
      ["/api/v1/health", { headers: foreign }],
      ["/api/v1/regions", { headers: foreign }],
      ["/api/v1/does-not-exist", { headers: foreign }],
      ["/bestaat-niet", { headers: foreign }],
      ["/", { headers: foreign }],
      ["/assets/does-not-exist.css", { headers: foreign }],
      [`/api/v1/regions/${region.slug}/admin/frontdesks`, { headers: foreign }],
      ["/api/v1/auth/login", { method: "POST", json: { email: "x" }, headers: foreign }],
      ["/api/v1/auth/login", { method: "OPTIONS", headers: { ...foreign, "access-control-request-method": "POST" } }],
    ];
    for (const [path, init] of cases) {
      const response = await platform.fetch(path, init);
      expectSecurityHeaders(response, `${init.method ?? "GET"} ${path} → ${response.status}`);
    }
  });

  it("should serve a real asset with the same headers", async () => {
    const { readdirSync } = await import("node:fs");
    const files = readdirSync(new URL("../../web/public/assets", import.meta.url)).filter((f) => /\.(css|js|svg|png)$/.test(f));
    if (files.length === 0) return;
    const response = await platform.fetch(`/assets/${files[0]}`);
    expect(response.status).toBe(200);
    expectSecurityHeaders(response, `/assets/${files[0]}`);
  });

  it("should send HSTS outside local development only", async () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const app = createApp();
    const production = await app.request(`${ORIGIN}/api/v1/health`, {}, { LIBSQL_URL: platform.dbUrl, APP_ENV: "production" });
    expect(production.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    const notFound = await app.request(`${ORIGIN}/nergens`, {}, { LIBSQL_URL: platform.dbUrl, APP_ENV: "production" });
    expect(notFound.headers.get("strict-transport-security")).toMatch(/max-age=/);
    const local = await platform.fetch("/api/v1/health");
    expect(local.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("path tricks", () => {
  it("should never reach protected data through encoded or doubled paths", async () => {
    const paths = [
      `/api/v1/regions/${region.slug}/admin%2Ffrontdesks`,
      `/api/v1/regions/${region.slug}%2Fadmin%2Ffrontdesks`,
      `/api/v1/regions/${region.slug}/frontdesks/%2e%2e/admin/frontdesks`,
      `/api/v1/regions/${region.slug}/frontdesks/..%2fadmin%2ffrontdesks`,
      `/api/v1/regions/${region.slug}/%2e%2e/${region.slug}/admin/frontdesks`,
      `//api/v1/regions/${region.slug}/admin/frontdesks`,
      `/api/v1//regions/${region.slug}/admin/frontdesks`,
      `/api/v1/regions/${region.slug}//admin/frontdesks`,
      `/api/v1/regions/${region.slug}/admin/frontdesks%00`,
      `/api/v1/regions/${region.slug}/ADMIN/frontdesks`,
      `/assets/..%2fapi/v1/regions/${region.slug}/admin/frontdesks`,
      `/assets/%2e%2e/api/v1/regions/${region.slug}/admin/frontdesks`,
    ];
    for (const path of paths) {
      const response = await platform.fetch(path);
      const text = await response.text();
      expect(response.status, path).not.toBe(200);
      expect(text, path).not.toContain("Geheim beheerloket");
    }
  });
});

describe("request bodies", () => {
  it("should answer 415 for a body that is not JSON and 413 for one over 64 KB", async () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    const form = await platform.fetch(`/api/v1/regions/${region.slug}/admin/frontdesks`, {
      method: "POST",
      headers: { ...admin, "content-type": "application/x-www-form-urlencoded" },
      body: "name=x",
    });
    expect(form.status).toBe(415);
    expect((await readError(form)).code).toBe("unsupported_media_type");
    // In-process, so the 413 is read before the connection would be cut.
    const app = createApp();
    const big = await app.request(
      `${ORIGIN}/api/v1/auth/login`,
      {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ email: "a@b.nl", password: "x".repeat(70_000) }),
      },
      { LIBSQL_URL: platform.dbUrl, APP_ENV: "test" },
    );
    expect(big.status).toBe(413);
    expect((await readError(big)).code).toBe("payload_too_large");
  });
});

describe("safeNextPath", () => {
  it("should keep same-origin relative paths with their query and fragment", () => {
    expect(safeNextPath("/beheer/zuid-limburg/agenda")).toBe("/beheer/zuid-limburg/agenda");
    expect(safeNextPath("/beheer?tab=1#x")).toBe("/beheer?tab=1#x");
    expect(safeNextPath("/")).toBe("/");
  });

  it("should refuse absolute, protocol-relative, backslash and scheme targets", () => {
    for (const bad of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "data:text/html,x",
      "evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "",
      null,
      undefined,
      " /beheer",
      "http:/evil.example",
    ]) {
      const result = safeNextPath(bad as string);
      expect(result, String(bad)).toBe("/");
    }
    expect(safeNextPath("//evil.example", "/beheer")).toBe("/beheer");
  });

  it("should normalise dot segments without leaving the origin", () => {
    expect(safeNextPath("/a/../../b")).toBe("/b");
    expect(safeNextPath("/./beheer")).toBe("/beheer");
  });
});
