/**
 * The embeddable booking in a real browser (issue 20): a partner page on a registered origin frames
 * the booking and the loader sizes the frame; the same page on an origin the region did not
 * register is refused by the browser (CSP frame-ancestors); without JavaScript the link remains.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdesk, createRegion, createUser, signInAs } from "../support/factories";
import { hasBrowser, useBrowserPlatform } from "./browser";

describe.runIf(hasBrowser)("the embeddable booking in the browser", () => {
  const web = useBrowserPlatform();
  let partner: Server;
  let port = 0;

  beforeAll(async () => {
    partner = createServer((req, res) => {
      const platform = new URL(req.url ?? "/", "http://x").searchParams.get("platform") ?? "";
      const region = new URL(req.url ?? "/", "http://x").searchParams.get("region") ?? "";
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Gemeente Voorbeeld</title></head>
<body><main><h1>Ondernemersloket van de gemeente</h1>
<a href="${platform}/boeken/${region}" data-mkb-embed="${platform}/embed/${region}">Maak een afspraak bij het ondernemersloket</a>
<script src="${platform}/assets/embed.js"></script></main></body></html>`);
    });
    await new Promise<void>((resolve) => partner.listen(0, "127.0.0.1", resolve));
    port = (partner.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => partner?.close(() => resolve()));
  });

  it("loads in a page of a registered origin, sized by the loader, and is refused on any other origin", { timeout: 120_000 }, async () => {
    const { platform } = web;
    const region = await createRegion(platform.client, { name: "Regio Inbedtest" });
    await createFrontdesk(platform.client, region, { name: "Ondernemersloket Inbedtest" });
    const admin = await signInAs(platform, await createUser(platform.client, "region_admin", region));
    const allowedOrigin = `http://127.0.0.1:${port}`;
    const put = await platform.fetch(`/api/v1/regions/${region.slug}/admin/embed-origins`, {
      method: "PUT",
      headers: admin,
      json: { origins: [allowedOrigin] },
    });
    expect(put.status).toBe(200);
    const query = `?platform=${encodeURIComponent(platform.url)}&region=${region.slug}`;

    // A registered origin: the frame shows the region's booking page and gets its height.
    const page = await web.newPage({ viewport: { width: 1024, height: 900 } });
    await page.goto(`${allowedOrigin}/${query}`);
    const frameElement = page.locator("iframe");
    await expect.poll(() => frameElement.count()).toBe(1);
    expect(await frameElement.getAttribute("title")).toBe("Maak een afspraak bij het ondernemersloket");
    const frame = page.frameLocator("iframe");
    await expect
      .poll(
        () =>
          frame
            .locator("h1")
            .first()
            .innerText({ timeout: 10_000 })
            .catch(() => ""),
        { timeout: 20_000 },
      )
      .toContain("Regio Inbedtest");
    expect(await frame.getByText("Ondernemersloket Inbedtest").count()).toBeGreaterThan(0);
    await expect.poll(() => frameElement.evaluate((el) => (el as HTMLIFrameElement).style.height), { timeout: 10_000 }).toMatch(/^\d+px$/);

    // Another origin (same page, but served as localhost): the browser refuses to show the frame.
    const refused = await web.newPage({ viewport: { width: 1024, height: 900 } });
    const blocked: string[] = [];
    refused.on("console", (message) => {
      if (/frame-ancestors|Refused to frame/i.test(message.text())) blocked.push(message.text());
    });
    await refused.goto(`http://localhost:${port}/${query}`);
    await expect.poll(() => refused.locator("iframe").count()).toBe(1);
    await expect.poll(() => blocked.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const refusedFrame = refused.frames().find((f) => f !== refused.mainFrame());
    const text = await refusedFrame
      ?.locator("body")
      .innerText({ timeout: 2_000 })
      .catch(() => "");
    expect(text ?? "").not.toContain("Regio Inbedtest");
  });

  it("leaves the plain link without JavaScript, and the framed page is accessible", { timeout: 120_000 }, async () => {
    const { platform } = web;
    const region = await createRegion(platform.client, { name: "Regio Zonderscript" });
    await createFrontdesk(platform.client, region);
    const query = `?platform=${encodeURIComponent(platform.url)}&region=${region.slug}`;
    const page = await web.newPage({ javaScriptEnabled: false });
    await page.goto(`http://127.0.0.1:${port}/${query}`);
    expect(await page.locator("iframe").count()).toBe(0);
    expect(await page.getByRole("link", { name: "Maak een afspraak bij het ondernemersloket" }).getAttribute("href")).toBe(
      `${platform.url}/boeken/${region.slug}`,
    );

    const framed = await web.newPage({ viewport: { width: 390, height: 800 } });
    await framed.goto(`${platform.url}/embed/${region.slug}`);
    expect(await framed.locator("h1").first().innerText()).toContain("Regio Zonderscript");
    await web.accessible(framed);
  });
});
