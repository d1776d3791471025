/**
 * The one test clock (src/lib/clock.ts, test/support/clock.ts): the Worker and the tests
 * agree on "now" at any faked moment, a test can pin one request's instant, and a Worker
 * with the production configuration honours none of it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BookingResponse, readAnswer } from "../support/answers";
import { CLOCK_OFFSET_MS, realNow } from "../support/clock";
import { createFrontdesk, createRegion, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { amsterdamDate, book, bookingBody, futureSlot, openDate } from "../support/slots";

const DAY_MS = 86_400_000;
const AHEAD_MS = 40 * DAY_MS;

let platform: TestPlatform;
let region: RegionFixture;
let desk: FrontdeskFixture;

beforeAll(async () => {
  platform = await startTestPlatform();
  region = await createRegion(platform.client);
  desk = await createFrontdesk(platform.client, region, { maxAdvanceDays: 365 });
});
afterAll(async () => {
  await platform?.close();
});

/** The first day of the default slot window: the Worker's "today" in Amsterdam. */
async function workerToday(fetch: TestPlatform["fetch"], headers: Record<string, string> = {}): Promise<{ from: string; slots: { start: string }[] }> {
  const response = await fetch(`/api/v1/regions/${region.slug}/frontdesks/${desk.id}/slots`, { headers });
  expect(response.status).toBe(200);
  return (await response.json()) as { from: string; slots: { start: string }[] };
}

async function reminderStatus(appointmentId: string): Promise<string> {
  const rows = await platform.client.execute({ sql: "select status from outbox where appointment_id = ? and kind = 'reminder'", args: [appointmentId] });
  return String(rows.rows[0]?.status);
}

describe("the test clock", () => {
  it("should give the tests and the Worker the same now, the run's faked moment when TEST_NOW is set", async () => {
    expect(Math.abs(Date.now() - (realNow() + CLOCK_OFFSET_MS))).toBeLessThan(1000);
    const before = amsterdamDate(0);
    const { from } = await workerToday(platform.fetch);
    expect([before, amsterdamDate(0)]).toContain(from);
  });

  it("should pin one request's instant with X-Test-Now under APP_ENV=test, and refuse one that is not an instant", async () => {
    const date = openDate(40);
    const offset = new Date(`${date}T12:00:00Z`).toLocaleString("en", { timeZone: "Europe/Amsterdam", timeZoneName: "longOffset" }).slice(-6);
    const pinned = Date.parse(`${date}T09:15:00${offset}`);
    const answer = await workerToday(platform.fetch, { "x-test-now": new Date(pinned).toISOString() });
    expect(answer.from).toBe(date);
    // Opening at 09:00 with 30-minute slots: the first slot still ahead at 09:15 is 09:30.
    expect(Date.parse(answer.slots[0]?.start ?? "")).toBe(pinned + 15 * 60_000);
    const bad = await platform.fetch(`/api/v1/regions/${region.slug}/frontdesks/${desk.id}/slots`, { headers: { "x-test-now": "morgen" } });
    expect(bad.status).toBe(400);
  });

  it("should move the Worker's clock, scheduled jobs included, by the TEST_CLOCK_OFFSET_MS binding under APP_ENV=test", async () => {
    const slot = await futureSlot(platform, region, desk, 32);
    const booked = await readAnswer(await book(platform, region, bookingBody(desk, slot.start)), BookingResponse);
    const ahead = await platform.startSecondWorker({ TEST_CLOCK_OFFSET_MS: String(CLOCK_OFFSET_MS + AHEAD_MS) });
    try {
      expect((await workerToday(ahead.fetch)).from).toBe(amsterdamDate(40));
      // Forty days on, the reminder (due a day before the appointment) is due: the job sends it.
      expect(await reminderStatus(booked.appointment.id)).toBe("pending");
      await ahead.runScheduled();
      expect(await reminderStatus(booked.appointment.id)).toBe("sent");
    } finally {
      await ahead.dispose();
    }
  });

  it("should ignore the offset binding and X-Test-Now with the production configuration", async () => {
    // A month after the real time as well, also when TEST_NOW lies in the past.
    const slot = await futureSlot(platform, region, desk, 33 + Math.max(0, Math.ceil(-CLOCK_OFFSET_MS / DAY_MS)));
    const booked = await readAnswer(await book(platform, region, bookingBody(desk, slot.start)), BookingResponse);
    const production = await platform.startSecondWorker({ APP_ENV: "production", TEST_CLOCK_OFFSET_MS: String(CLOCK_OFFSET_MS + AHEAD_MS) });
    try {
      const realToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date(realNow()));
      const before = realToday();
      const { from } = await workerToday(production.fetch, { "x-test-now": new Date(realNow() + AHEAD_MS).toISOString() });
      expect([before, realToday()]).toContain(from);
      // Its scheduled job runs at the real time too: a reminder due in a month stays pending.
      await production.runScheduled();
      expect(await reminderStatus(booked.appointment.id)).toBe("pending");
    } finally {
      await production.dispose();
    }
  });
});
