/** The KvK lookup (issue 20) against the local stub of the KVK API: a round trip, validation, unknown numbers, and no key. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKvkStub } from "../../tools/kvk-stub";
import { startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;
let stub: Awaited<ReturnType<typeof startKvkStub>>;

beforeAll(async () => {
  stub = await startKvkStub();
  platform = await startTestPlatform({ vars: { KVK_API_URL: stub.url, KVK_API_KEY: "test-key" } });
});
afterAll(async () => {
  await Promise.all([platform?.close(), stub?.close()]);
});

describe("KvK lookup", () => {
  it("answers a demo number with the name, the address and the municipality in its official spelling", async () => {
    const before = stub.requests;
    const response = await platform.fetch("/api/v1/kvk/69599084");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      kvkNumber: "69599084",
      name: "Bakkerij De Maasoever (demo)",
      address: "Markt 12 6211 CL Maastricht",
      municipality: "Maastricht",
    });
    expect(stub.requests).toBe(before + 1);
    // The Dutch normaliser accepts dots and spaces.
    expect((await platform.fetch("/api/v1/kvk/6875.0110")).status).toBe(200);
  });

  it("refuses what is not 8 digits without asking the KVK, and answers 404 for an unknown number", async () => {
    const before = stub.requests;
    for (const bad of ["1234567", "123456789", "abcdefgh", "1234-5678"]) {
      const response = await platform.fetch(`/api/v1/kvk/${bad}`);
      expect(response.status, bad).toBe(400);
    }
    expect(stub.requests).toBe(before);
    const unknown = await platform.fetch("/api/v1/kvk/12345678");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("answers 503 with a clear message when no key is configured, and when the KVK API is away", async () => {
    const keyless = await platform.startSecondWorker({ KVK_API_KEY: "" });
    try {
      const response = await keyless.fetch("/api/v1/kvk/69599084");
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/not configured/);
    } finally {
      await keyless.dispose();
    }
    const away = await platform.startSecondWorker({ KVK_API_URL: "http://127.0.0.1:1" });
    try {
      expect((await away.fetch("/api/v1/kvk/69599084")).status).toBe(503);
    } finally {
      await away.dispose();
    }
  });
});
