import type { InStatement } from "@libsql/client";
/**
 * The province summary reads monthly rollups kept by database triggers; the region report
 * still counts the raw appointments. For any data and any period both must show the same
 * figures for a region: random appointments, random changes, random periods (whole
 * months and periods that start or end inside a month).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { localDayBounds } from "../../src/lib/time";
import { createFrontdesk, createRegion, createUser, signInAs, type FrontdeskFixture, type RegionFixture } from "../support/factories";
import { startTestPlatform, type TestPlatform } from "../support/platform";

let platform: TestPlatform;
const regions: { region: RegionFixture; desks: FrontdeskFixture[]; admin: Record<string, string> }[] = [];
let province: Record<string, string>;

/** Small deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const random = prng(2027);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const YEAR = "2031";

beforeAll(async () => {
  platform = await startTestPlatform();
  for (let r = 0; r < 2; r++) {
    const region = await createRegion(platform.client);
    const desks = [await createFrontdesk(platform.client, region), await createFrontdesk(platform.client, region, { capacityPerSlot: 2 })];
    regions.push({ region, desks, admin: await signInAs(platform, await createUser(platform.client, "region_admin", region)) });
  }
  province = await signInAs(platform, await createUser(platform.client, "province_viewer", null));

  // Instants around month ends and the DST switches of a year far from today.
  const anchors = ["01-01", "01-31", "02-28", "03-30", "03-31", "06-15", "10-26", "10-31", "11-30", "12-31"].map((d) => localDayBounds(`${YEAR}-${d}`).start);
  const ids: { id: string }[] = [];
  // Every row and change in order, in one write batch (one transaction; the triggers fire per statement).
  const changes: InStatement[] = [];
  for (let i = 0; i < 400; i++) {
    const { region, desks } = pick(regions);
    const desk = pick(desks);
    const start = pick(anchors) + Math.floor((random() - 0.3) * 30) * 1_800_000;
    const created = start - Math.floor(random() * 50 * 24) * 3_600_000 - Math.floor(random() * 3_600_000) + (random() < 0.03 ? 7_200_000 : 0);
    const id = newId();
    changes.push({
      sql: `insert into appointments (id, region_id, frontdesk_id, start_at, end_at, mode, topic, municipality, status, manage_token_hash, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, 'Maastricht', ?, ?, ?, ?)`,
      args: [
        id,
        region.id,
        desk.id,
        start,
        start + 1_800_000,
        pick(["in_person", "video"]),
        pick(["financiering", "vergunningen", "subsidies"]),
        pick(["confirmed", "completed", "no_show", "cancelled"]),
        newId(),
        created,
        created,
      ],
    });
    ids.push({ id });
  }
  // Changes after the fact: outcomes, cancellations, moves, anonymisation, deletion.
  for (let i = 0; i < 120; i++) {
    const { id } = pick(ids);
    const op = random();
    if (op < 0.3) changes.push({ sql: "update appointments set status = ? where id = ?", args: [pick(["completed", "no_show", "cancelled"]), id] });
    else if (op < 0.6)
      changes.push({
        sql: "update appointments set start_at = start_at + ?, end_at = end_at + ? where id = ?",
        args: [86_400_000 * 20, 86_400_000 * 20, id],
      });
    else if (op < 0.9) changes.push({ sql: "update appointments set name = null, email = null, anonymised_at = 1 where id = ?", args: [id] });
    else changes.push({ sql: "delete from appointments where id = ?", args: [id] });
  }
  await platform.client.batch(changes, "write");
});

afterAll(async () => {
  await platform?.close();
});

type Figures = Record<string, unknown> & { byTopic?: unknown; byTopicByMonth?: unknown };

/** The figures that need no small-count rule (the rule differs between the two reports). */
function comparable(figures: Figures) {
  const { byTopic: _t, byTopicByMonth: _m, region: _r, ...rest } = figures as Figures & { region?: unknown };
  return rest;
}

describe("the province summary on rollups", () => {
  it("should show every region exactly as its region report counts the raw rows, for whole and partial months", async () => {
    const periods = [
      { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
      { from: `${YEAR}-03-01`, to: `${YEAR}-03-31` },
      { from: `${YEAR}-03-15`, to: `${YEAR}-11-10` },
      { from: `${YEAR}-10-31`, to: `${YEAR}-11-01` },
      { from: `${YEAR}-02-20`, to: `${Number(YEAR) + 1}-01-10` },
      { from: `${YEAR}-06-15`, to: `${YEAR}-06-15` },
    ];
    let compared = 0;
    for (const period of periods) {
      const query = `?from=${period.from}&to=${period.to}`;
      const summary = (await (await platform.fetch(`/api/v1/province/summary${query}`, { headers: province })).json()) as {
        regions: (Figures & { region: { slug: string } })[];
      };
      for (const { region, admin } of regions) {
        const report = (await (await platform.fetch(`/api/v1/regions/${region.slug}/admin/report${query}`, { headers: admin })).json()) as { region: Figures };
        const fromSummary = summary.regions.find((r) => r.region.slug === region.slug);
        expect(fromSummary, `${region.slug} in the summary`).toBeDefined();
        expect(comparable(fromSummary as Figures), `${region.slug} ${period.from}…${period.to}`).toEqual(comparable(report.region));
        compared++;
      }
    }
    expect(compared).toBe(periods.length * regions.length);
  });
});
