import { carnivalDays, dutchPublicHolidays, easterSunday, type HolidaySettings } from "../../src/features/availability/holidays";
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

/** A calendar date (YYYY-MM-DD) moved by whole days. */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/**
 * The first year's date from this year on, made by `dateIn(year)`, that lies more than
 * `daysAhead` days after today: e.g. the next Easter with its whole week still ahead.
 * @example nextYearly((year) => easterSunday(year), 3)
 */
export function nextYearly(dateIn: (year: number) => string, daysAhead = 0): string {
  const after = amsterdamDate(daysAhead);
  for (let year = Number(after.slice(0, 4)); ; year++) {
    const date = dateIn(year);
    if (date > after) return date;
  }
}

/** The next Easter Sunday whose Thursday before is still ahead (Good Friday to Easter Monday all in the future). */
export function nextEaster(): string {
  return nextYearly((year) => easterSunday(year), 3);
}

/** The next Carnival (Monday and Tuesday) that starts after `date`. */
export function nextCarnival(after: string): { year: number; days: [string, string] } {
  for (let year = Number(after.slice(0, 4)); ; year++) {
    const days = carnivalDays(year);
    if (days[0] > after) return { year, days };
  }
}

/** The holiday settings of a region made by `createRegion` without overrides. */
export const DEFAULT_HOLIDAYS: HolidaySettings = { goodFridayClosed: true, liberationDayClosed: false };

/** Whether desks are closed on `date` (YYYY-MM-DD) for a public holiday. */
export function isPublicHoliday(date: string, settings: HolidaySettings = DEFAULT_HOLIDAYS): boolean {
  return dutchPublicHolidays(Number(date.slice(0, 4)), settings).has(date);
}

/** The first date from today + `days` on that is no public holiday (a desk open every day has times then). */
export function openDate(days: number, settings: HolidaySettings = DEFAULT_HOLIDAYS): string {
  for (let d = days; d < days + 10; d++) {
    const date = amsterdamDate(d);
    if (!isPublicHoliday(date, settings)) return date;
  }
  throw new Error(`no day without a public holiday from ${amsterdamDate(days)} on`);
}

/** A desk's free slots between two dates; `headers` may pin the instant (`x-test-now`). */
export async function listSlots(
  platform: TestPlatform,
  region: RegionFixture,
  desk: FrontdeskFixture,
  from: string,
  to: string,
  headers: Record<string, string> = {},
): Promise<SlotView[]> {
  const response = await platform.fetch(`/api/v1/regions/${region.slug}/frontdesks/${desk.id}/slots?from=${from}&to=${to}`, { headers });
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

export type { BookingAnswer } from "./answers";

export async function book(platform: TestPlatform, region: RegionFixture, body: unknown, headers: Record<string, string> = {}) {
  return platform.fetch(`/api/v1/regions/${region.slug}/appointments`, { method: "POST", json: body, headers: { origin: ORIGIN, ...headers } });
}
