/**
 * The public availability reads as the API and the web pages serve them: one read batch
 * each, through the edge cache (src/http/edge-cache.ts), so the JSON route and the page
 * for the same question share one cached answer.
 */
import { ReadPlan } from "../../db/read";
import { listingClock, readThroughCache } from "../../http/edge-cache";
import type { AppContext } from "../../lib/context";
import type { Mode, Topic } from "../../lib/vocabulary";
import { planDeskSlots, planEarliest, type DeskSlotsRead, type EarliestRead, type EarliestSlot, type SlotVersions } from "./availability.service";
import type { Slot } from "./slots";

/**
 * One active desk's free slots in a window, with its region and configuration, in one
 * round trip (a cache hit included). 404 for an unknown region or desk.
 * @example const { desk, slots } = await readDeskSlots(c, "zuid-limburg", id, { from, to }, Date.now());
 */
export async function readDeskSlots(
  c: AppContext,
  slug: string,
  deskId: string,
  window: { from: string; to: string; mode?: Mode | undefined },
  now: number,
): Promise<DeskSlotsRead & { slots: Slot[] }> {
  let read: DeskSlotsRead | null = null;
  const key = `slots/${slug}/${deskId}?from=${window.from}&to=${window.to}&mode=${window.mode ?? ""}`;
  const slots = await readThroughCache<SlotVersions, Slot[]>(c, key, now, async (known) => {
    const plan = new ReadPlan(c.var.db);
    const planned = planDeskSlots(plan, slug, deskId, window, listingClock(now), known);
    await plan.run();
    const result = planned();
    read = result;
    return { versions: result.versions, value: result.slots };
  });
  if (!read) throw new Error("readDeskSlots: nothing read");
  return { ...(read as DeskSlotsRead), slots };
}

/**
 * The soonest slots over the region's matching desks, with the region and its matching
 * desks, in one round trip unless the first window is (almost) fully booked.
 * @example await readEarliest(c, "zuid-limburg", { topic: "financiering" }, 10, Date.now())
 */
export async function readEarliest(
  c: AppContext,
  slug: string,
  filter: { municipality?: string | undefined; topic?: Topic | undefined; mode?: Mode | undefined },
  limit: number,
  now: number,
): Promise<EarliestRead & { slots: EarliestSlot[] }> {
  const clean = {
    ...(filter.municipality ? { municipality: filter.municipality } : {}),
    ...(filter.topic ? { topic: filter.topic } : {}),
    ...(filter.mode ? { mode: filter.mode } : {}),
  };
  const municipality = encodeURIComponent(clean.municipality?.trim().toLocaleLowerCase("nl") ?? "");
  const key = `earliest/${slug}?municipality=${municipality}&topic=${clean.topic ?? ""}&mode=${clean.mode ?? ""}&limit=${limit}`;
  let read: EarliestRead | null = null;
  const slots = await readThroughCache<SlotVersions, EarliestSlot[]>(c, key, now, async (known) => {
    const plan = new ReadPlan(c.var.db);
    const planned = planEarliest(plan, slug, clean, limit, listingClock(now), known);
    await plan.run();
    const result = await planned();
    read = result;
    return { versions: result.versions, value: result.slots };
  });
  if (!read) throw new Error("readEarliest: nothing read");
  return { ...(read as EarliestRead), slots };
}
