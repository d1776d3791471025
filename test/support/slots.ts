import { ORIGIN, type TestPlatform } from "./platform";
import type { FrontdeskFixture, RegionFixture } from "./factories";

export interface SlotView {
  start: string;
  end: string;
  remaining: number;
}

/** Today's date in Europe/Amsterdam plus `days`, as YYYY-MM-DD. */
export function amsterdamDate(days = 0, from = Date.now()): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(from + days * 86_400_000),
  );
  return parts;
}

export async function listSlots(platform: TestPlatform, region: RegionFixture, desk: FrontdeskFixture, from: string, to: string): Promise<SlotView[]> {
  const response = await platform.fetch(`/api/v1/regions/${region.slug}/frontdesks/${desk.id}/slots?from=${from}&to=${to}`);
  if (response.status !== 200) throw new Error(`slots: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { slots: SlotView[] }).slots;
}

/** A bookable slot a few days ahead (skips holidays and past times by asking the API). */
export async function futureSlot(platform: TestPlatform, region: RegionFixture, desk: FrontdeskFixture, offsetDays = 3, index = 0): Promise<SlotView> {
  const slots = await listSlots(platform, region, desk, amsterdamDate(offsetDays), amsterdamDate(offsetDays + 10));
  const slot = slots[index];
  if (!slot) throw new Error("no free slot found");
  return slot;
}

export function bookingBody(desk: FrontdeskFixture, start: string, overrides: Record<string, unknown> = {}) {
  return {
    frontdeskId: desk.id,
    start,
    mode: "in_person",
    topic: "financiering",
    question: "Hoe financier ik een nieuwe machine?",
    entrepreneur: { name: "Anna de Vries", email: "anna@bakkerij.test", phone: "06 12345678", companyName: "Bakkerij De Vries", kvkNumber: "1234 5678" },
    consent: true,
    ...overrides,
  };
}

export interface BookingAnswer {
  appointment: {
    id: string;
    status: string;
    frontdeskId: string;
    start: string;
    end: string;
    mode: string;
    topic: string;
    videoUrl?: string;
    location?: string;
  };
  manageToken: string;
  manageUrl: string;
  icsUrl: string;
}

export async function book(platform: TestPlatform, region: RegionFixture, body: unknown, headers: Record<string, string> = {}) {
  return platform.fetch(`/api/v1/regions/${region.slug}/appointments`, { method: "POST", json: body, headers: { origin: ORIGIN, ...headers } });
}
