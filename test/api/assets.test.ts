import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashedName, SOURCE } from "../../tools/build-assets";
import { startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});

afterAll(async () => {
  await platform?.close();
});

describe("static assets", () => {
  it("should link content-hashed stylesheet and script names from every page", async () => {
    const page = await (await platform.fetch("/")).text();
    const css = hashedName("site.css", readFileSync(`${SOURCE}/assets/site.css`));
    const js = hashedName("app.js", readFileSync(`${SOURCE}/assets/app.js`));
    expect(page).toContain(`href="/assets/${css}"`);
    expect(page).toContain(`src="/assets/${js}"`);
    expect(css).toMatch(/^site\.[0-9a-f]{10}\.css$/);
  });

  it("should serve a hashed name as immutable for a year, with the same bytes as the plain name", async () => {
    const name = hashedName("site.css", readFileSync(`${SOURCE}/assets/site.css`));
    const hashed = await platform.fetch(`/assets/${name}`);
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(hashed.headers.get("content-type")).toMatch(/^text\/css/);
    expect(hashed.headers.get("x-content-type-options")).toBe("nosniff");
    const plain = await platform.fetch("/assets/site.css");
    expect(plain.status).toBe(200);
    expect(plain.headers.get("cache-control")).toBe("public, max-age=300");
    expect(await hashed.text()).toBe(await plain.text());
  });

  it("should answer 404 for a hashed name that does not exist", async () => {
    const response = await platform.fetch("/assets/site.0000000000.css");
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control") ?? "").not.toContain("immutable");
  });
});
