import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFrontdesk, createRegion, createUser, signInAs, type RegionFixture } from "../support/factories";
import { book, bookingBody, futureSlot } from "../support/slots";
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

describe("the province summary without dates", () => {
  it("should include the bookings just made for the coming weeks", async () => {
    const desk = await createFrontdesk(platform.client, busy);
    const slot = await futureSlot(platform, busy, desk, 2);
    expect((await book(platform, busy, bookingBody(desk, slot.start))).status).toBe(201);
    const viewer = await signInAs(platform, await createUser(platform.client, "province_viewer", null));
    const summary = (await (await platform.fetch("/api/v1/province/summary", { headers: viewer })).json()) as {
      period: { from: string; to: string };
      total: { totals: { booked: number } };
    };
    expect(summary.total.totals.booked).toBe(1);
    expect(summary.period.to >= slot.start.slice(0, 10)).toBe(true);
  });
});

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
