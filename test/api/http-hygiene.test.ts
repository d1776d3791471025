/**
 * HTTP details a browser or client meets on every visit: the site icon, one body limit for
 * API and web forms (declared or chunked), and a connection that stays usable after a 413.
 * Real workerd (Miniflare) over real HTTP: `platform.url`, not dispatchFetch.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdesk, createRegion, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { twoFetches, twoRequestsOnOneConnection } from "../support/keep-alive";
import { startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;
let region: RegionFixture;
let desk: FrontdeskFixture;

beforeAll(async () => {
  platform = await startTestPlatform();
  region = await createRegion(platform.client);
  desk = await createFrontdesk(platform.client, region);
});
afterAll(async () => {
  await platform?.close();
});

const KB = 1024;
const MB = 1024 * 1024;

/** A form body of `total` bytes sent chunked (no Content-Length); `sent()` tells how much the server pulled. */
function chunkedForm(prefix: string, total: number) {
  const encoder = new TextEncoder();
  const filler = encoder.encode("a".repeat(64 * KB));
  let produced = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced >= total) return controller.close();
      const chunk = produced === 0 ? encoder.encode(prefix) : filler.subarray(0, Math.min(filler.byteLength, total - produced));
      produced += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, sent: () => produced };
}

async function postChunked(path: string, prefix: string, total: number) {
  const body = chunkedForm(prefix, total);
  const init = {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: platform.url },
    body: body.stream,
    duplex: "half",
    redirect: "manual",
  } as RequestInit;
  try {
    const response = await fetch(`${platform.url}${path}`, init);
    return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text(), sent: body.sent() };
  } catch (error) {
    // Past the drain limit the server closes the connection; the client may see that instead.
    return { status: 0, type: "", text: String(error), sent: body.sent() };
  }
}

describe("the site icon", () => {
  it("should serve /favicon.ico as an icon that browsers may cache", async () => {
    const response = await platform.fetch("/favicon.ico");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^image\/(vnd\.microsoft\.icon|x-icon)/);
    expect(response.headers.get("cache-control")).toMatch(/public, max-age=\d{4,}/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  });

  it("should serve /favicon.svg as SVG and link both icons from every page", async () => {
    const svg = await platform.fetch("/favicon.svg");
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(svg.headers.get("cache-control")).toMatch(/public, max-age=\d{4,}/);
    expect(await svg.text()).toContain("<svg");
    for (const path of ["/", "/inloggen", "/bestaat-niet"]) {
      const html = await (await platform.fetch(path)).text();
      expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
      expect(html).toContain('<link rel="icon" href="/favicon.ico" sizes="32x32"/>');
    }
  });
});

describe("the body limit of web forms", () => {
  it("should refuse a chunked sign-in form over 64 KB with an HTML 413 page", async () => {
    const result = await postChunked("/inloggen", "email=iemand%40example.nl&password=", 100 * KB);
    expect(result.status).toBe(413);
    expect(result.type).toMatch(/^text\/html/);
    expect(result.text).toContain("Het formulier is te groot.");
  });

  it("should refuse a chunked booking form of 10 MB with an HTML 413 page and book nothing", async () => {
    const result = await postChunked(`/boeken/${region.slug}/loket/${desk.id}/afspraak`, "name=Ans&email=ans%40example.nl&question=", 10 * 1000 * 1000);
    expect(result.status).toBe(413);
    expect(result.text).toContain("Het formulier is te groot.");
    const rows = await platform.client.execute({ sql: "select count(*) as n from appointments where frontdesk_id = ?", args: [desk.id] });
    expect(Number(rows.rows[0]?.n)).toBe(0);
  });

  it("should stop reading a 64 MB chunked sign-in long before its end", async () => {
    const result = await postChunked("/inloggen", "email=iemand%40example.nl&password=", 64 * MB);
    expect([0, 413]).toContain(result.status);
    expect(result.sent).toBeLessThan(32 * MB);
  });

  it("should still read a chunked form within the limit", async () => {
    const prefix = "email=niemand%40example.nl&password=";
    const result = await postChunked("/inloggen", prefix, prefix.length + 20);
    expect(result.status).toBe(401);
    expect(result.text).toContain("niemand@example.nl");
  });
});

describe("a keep-alive connection after a 413", () => {
  const json = Buffer.from(JSON.stringify({ question: "x".repeat(2 * MB) }));

  it("should answer the next request on the connection of a refused 2 MB API body at once", async () => {
    const result = await twoRequestsOnOneConnection(
      platform.url,
      { method: "POST", path: "/api/v1/regions/zuid-limburg/appointments", headers: { "content-type": "application/json" }, body: json },
      "/api/v1/health",
    );
    expect(result).toMatchObject({ first: 413, second: 200, reused: true });
  });

  it("should answer the next request on the connection of a refused 2 MB form at once", async () => {
    const result = await twoRequestsOnOneConnection(
      platform.url,
      {
        method: "POST",
        path: "/inloggen",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: platform.url },
        body: Buffer.from(`email=a%40b.nl&password=${"a".repeat(2 * MB)}`),
      },
      "/api/v1/health",
    );
    expect(result).toMatchObject({ first: 413, second: 200, reused: true });
  });

  it("should answer Node's fetch at once after a refused 2 MB body", async () => {
    const result = await twoFetches(
      platform.url,
      { method: "POST", path: "/api/v1/regions/zuid-limburg/appointments", headers: { "content-type": "application/json" }, body: json },
      "/api/v1/health",
    );
    expect(result).toMatchObject({ first: 413, second: 200 });
  });
});
