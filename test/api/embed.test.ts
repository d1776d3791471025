/**
 * Registered origins (issue 20): the region admin's list, the embed pages' CSP `frame-ancestors`
 * (exactly the region's origins; every other page stays unframeable), the rewritten links that keep
 * the booking flow inside the frame, and CORS for the region's public reads without an extra round trip.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdesk, createRegion, createUser, signInAs, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { startTestPlatform, type TestPlatform, settleDatabase } from "../support/platform";

let platform: TestPlatform;
let region: RegionFixture;
let bare: RegionFixture;
let desk: FrontdeskFixture;
let adminHeaders: Record<string, string>;
let otherAdminHeaders: Record<string, string>;
const ALLOWED = "https://www.gemeente-voorbeeld.nl";
const LOCAL = "http://127.0.0.1:8345";

beforeAll(async () => {
  platform = await startTestPlatform({ vars: { MAIL_TRANSPORT: "log" } });
  region = await createRegion(platform.client);
  bare = await createRegion(platform.client);
  desk = await createFrontdesk(platform.client, region);
  await createFrontdesk(platform.client, bare);
  adminHeaders = await signInAs(platform, await createUser(platform.client, "region_admin", region));
  otherAdminHeaders = await signInAs(platform, await createUser(platform.client, "region_admin", bare));
  const put = await platform.fetch(`/api/v1/regions/${region.slug}/admin/embed-origins`, {
    method: "PUT",
    headers: adminHeaders,
    json: { origins: [`${ALLOWED}/`, LOCAL, ALLOWED.toUpperCase()] },
  });
  expect(put.status, await put.clone().text()).toBe(200);
  expect(await put.json()).toEqual({ origins: [ALLOWED, LOCAL] });
});
afterAll(async () => {
  await platform?.close();
});

function directives(response: Response): Map<string, string> {
  const csp = response.headers.get("content-security-policy") ?? "";
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name = "", ...values] = d.split(/\s+/);
        return [name, values.join(" ")];
      }),
  );
}

const settle = () => settleDatabase(platform);

describe("registered origins", () => {
  it("are kept canonical, refuse what is not an https origin, and are the region admin's own", async () => {
    const path = `/api/v1/regions/${region.slug}/admin/embed-origins`;
    for (const bad of [
      "http://www.gemeente.nl",
      "https://www.gemeente.nl/boeken",
      "https://user@www.gemeente.nl",
      "javascript:alert(1)",
      "*",
      "https://*.gemeente.nl",
    ]) {
      const response = await platform.fetch(path, { method: "PUT", headers: adminHeaders, json: { origins: [bad] } });
      expect(response.status, bad).toBe(400);
    }
    expect(await (await platform.fetch(path, { headers: adminHeaders })).json()).toEqual({ origins: [ALLOWED, LOCAL] });
    expect((await platform.fetch(path, { headers: otherAdminHeaders })).status).toBe(404);
    expect((await platform.fetch(path, { method: "PUT", headers: otherAdminHeaders, json: { origins: [] } })).status).toBe(404);
  });
});

describe("the embed pages", () => {
  it("may be framed by exactly the region's registered origins, while every other page stays unframeable", async () => {
    for (const path of [`/embed/${region.slug}`, `/embed/${region.slug}/${desk.id}`]) {
      const response = await platform.fetch(path);
      expect(response.status, path).toBe(200);
      const csp = directives(response);
      expect(csp.get("frame-ancestors"), path).toBe(`${ALLOWED} ${LOCAL}`);
      expect(csp.get("script-src")).toBe("'self'");
      expect(csp.get("default-src")).toBe("'self'");
      expect(response.headers.get("x-frame-options")).toBeNull();
      const html = await response.text();
      expect(html).toContain('class="embedded"');
      expect(html).not.toContain("site-header");
      expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline script
    }
    // A region without registered origins: nobody may frame its embed.
    const none = await platform.fetch(`/embed/${bare.slug}`);
    expect(none.status).toBe(200);
    expect(directives(none).get("frame-ancestors")).toBe("'none'");
    // The ordinary pages and the API stay as strict as before.
    for (const path of [`/boeken/${region.slug}`, `/boeken/${region.slug}/loket/${desk.id}`, "/", `/api/v1/regions/${region.slug}`]) {
      const response = await platform.fetch(path);
      expect(directives(response).get("frame-ancestors"), path).toBe("'none'");
      expect(response.headers.get("x-frame-options"), path).toBe("DENY");
    }
    expect((await platform.fetch("/embed/onbekende-regio")).status).toBe(404);
    expect((await platform.fetch(`/embed/${region.slug}/p/inloggen`)).status).toBe(404);
  });

  it("keeps the booking flow inside the frame and opens other links in a new tab", async () => {
    const overview = await (await platform.fetch(`/embed/${region.slug}`)).text();
    expect(overview).toContain(`href="/embed/${region.slug}/${desk.id}`);
    expect(overview).not.toMatch(new RegExp(`href="/boeken/${region.slug}/loket/`));
    const deskPage = await (await platform.fetch(`/embed/${region.slug}/${desk.id}`)).text();
    const bookingLink = new RegExp(`href="(/embed/${region.slug}/p/boeken/${region.slug}/loket/${desk.id}/afspraak[^"]*)"`).exec(deskPage);
    expect(bookingLink, "a slot links to the embedded booking form").not.toBeNull();
    const form = await platform.fetch((bookingLink?.[1] ?? "").replace(/&amp;/g, "&"));
    expect(form.status).toBe(200);
    expect(directives(form).get("frame-ancestors")).toBe(`${ALLOWED} ${LOCAL}`);
    expect(await form.text()).toMatch(new RegExp(`<form[^>]+action="/embed/${region.slug}/p/boeken/${region.slug}/loket/${desk.id}/afspraak`));
    // The breadcrumb home link leaves the booking flow: a new tab.
    expect(deskPage).toMatch(/<a href="\/" target="_blank" rel="noopener"/);
  });
});

describe("CORS for the region's public reads", () => {
  it("echoes a registered origin, never allows credentials, and tells any other origin nothing", async () => {
    const path = `/api/v1/regions/${region.slug}/frontdesks`;
    const allowed = await platform.fetch(path, { headers: { origin: ALLOWED } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();
    expect(allowed.headers.get("vary")).toMatch(/Origin/);
    for (const origin of ["https://evil.example", "null", `${ALLOWED}.evil.example`]) {
      const refused = await platform.fetch(path, { headers: { origin } });
      expect(refused.status).toBe(200);
      expect(refused.headers.get("access-control-allow-origin"), origin).toBeNull();
    }
    // Another region's reads are not opened by this region's registration.
    const other = await platform.fetch(`/api/v1/regions/${bare.slug}/frontdesks`, { headers: { origin: ALLOWED } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    // Signed-in routes never answer CORS.
    const admin = await platform.fetch(`/api/v1/regions/${region.slug}/admin/embed-origins`, { headers: { ...adminHeaders, origin: ALLOWED } });
    expect(admin.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers a preflight for a registered origin and refuses others", async () => {
    const path = `/api/v1/regions/${region.slug}/slots/earliest`;
    const ok = await platform.fetch(path, {
      method: "OPTIONS",
      headers: { origin: ALLOWED, "access-control-request-method": "GET", "access-control-request-headers": "accept-language" },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(ALLOWED);
    expect(ok.headers.get("access-control-allow-methods")).toBe("GET, HEAD");
    expect(ok.headers.get("access-control-allow-credentials")).toBeNull();
    const refused = await platform.fetch(path, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "GET" } });
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const post = await platform.fetch(`/api/v1/regions/${region.slug}/appointments`, {
      method: "OPTIONS",
      headers: { origin: ALLOWED, "access-control-request-method": "POST" },
    });
    expect(post.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("costs no extra round trip: a public read with a registered origin is still one", async () => {
    for (const path of [`/api/v1/regions/${region.slug}/frontdesks`, `/api/v1/regions/${region.slug}`, `/api/v1/regions/${region.slug}/slots/earliest`]) {
      await platform.fetch(path, { headers: { origin: ALLOWED } }); // warm the isolate
      await settle();
      platform.server.resetStats();
      const response = await platform.fetch(path, { headers: { origin: ALLOWED } });
      expect(response.headers.get("access-control-allow-origin"), path).toBe(ALLOWED);
      await settle();
      expect(platform.server.stats().requests, path).toBe(1);
    }
  });
});
