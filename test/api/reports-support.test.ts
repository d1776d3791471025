import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRegion, createUser, signInAs, type RegionFixture } from "../support/factories";
import { startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;
let busy: RegionFixture;
let quiet: RegionFixture;

beforeAll(async () => {
  platform = await startTestPlatform();
  busy = await createRegion(platform.client);
  quiet = await createRegion(platform.client);
});
afterAll(async () => {
  await platform?.close();
});

async function selfRegister(region: RegionFixture, i: number): Promise<void> {
  const response = await platform.fetch(`/api/v1/regions/${region.slug}/candidates/self-registration`, {
    method: "POST",
    json: {
      company: { name: `Groeibedrijf ${i}`, kvkNumber: String(10_000_000 + i) },
      contact: { name: `Contact ${i}`, email: `groei${i}@example.test` },
      municipality: "Maastricht",
      ambition: "Internationaal groeien.",
      topic: "groei_en_innovatie",
      consent: true,
    },
  });
  expect(response.status).toBe(201);
}

describe("the Support Process in the province summary", () => {
  it("should count candidates per region and in total, hide small counts and show no person", async () => {
    for (let i = 0; i < 6; i++) await selfRegister(busy, i);
    for (let i = 10; i < 12; i++) await selfRegister(quiet, i);
    const viewer = await signInAs(platform, await createUser(platform.client, "province_viewer", null));
    const response = await platform.fetch("/api/v1/province/summary", { headers: viewer });
    expect(response.status).toBe(200);
    const summary = (await response.json()) as {
      supportProcess: {
        regions: { region: { slug: string }; candidates: number | string; byStage: Record<string, number | string> }[];
        total: { candidates: number | string };
      };
    };
    const bySlug = new Map(summary.supportProcess.regions.map((r) => [r.region.slug, r]));
    expect(bySlug.get(busy.slug)?.candidates).toBe(6);
    expect(bySlug.get(busy.slug)?.byStage.registered).toBe(6);
    expect(bySlug.get(quiet.slug)?.candidates).toBe("<5");
    expect(summary.supportProcess.total.candidates).toBe(8);
    const text = JSON.stringify(summary);
    expect(text).not.toMatch(/Groeibedrijf|groei\d+@example|Contact \d/);

    const csv = await (await platform.fetch("/api/v1/province/summary.csv", { headers: viewer })).text();
    expect(csv).toContain(`${busy.slug},support_candidates,,6`);
    expect(csv).toContain("total,support_candidates,,8");
    expect(csv).not.toMatch(/Groeibedrijf|groei\d+@example/);
  });
});
