/**
 * The province summary of one day, read by someone who tries to undo the small-count rule
 * with everything the summary shows (JSON and CSV): the topic cells, each region's byTopic,
 * its exact bookings per month and in total, the province's byTopic and exact totals.
 * Before, the total showed `financiering: 0` next to a hidden financiering cell of Zuid, so
 * Zuid's hidden `overig` followed from its day total.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Topic } from "../../src/lib/vocabulary";
import { createFrontdesk, createRegion, createUser, insertAppointment, signInAs, type RegionFixture } from "../support/factories";
import { boundDerivable, enumerateDerivable, linearlyDerivable, type Figure, type Shown } from "../support/disclosure-reader";
import { startTestPlatform, type TestPlatform } from "../support/platform";

const TOPICS: Topic[] = [
  "financiering",
  "groei_en_innovatie",
  "subsidies",
  "vergunningen",
  "personeel",
  "bedrijfsoverdracht",
  "duurzaamheid",
  "digitalisering",
  "internationaal",
  "overig",
];

let platform: TestPlatform;
let province: Record<string, string>;
let regions: RegionFixture[];
/** A day well in the past (Amsterdam calendar), derived from now. */
const DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(
  new Date(Date.now() - 20 * 86_400_000),
);

/** Appointments of the day per region: [topic, how many]. */
const DAY_COUNTS: [string, [Topic, number][]][] = [
  [
    "Zuid",
    [
      ["overig", 3],
      ["subsidies", 7],
    ],
  ],
  [
    "Midden",
    [
      ["vergunningen", 6],
      ["personeel", 2],
      ["subsidies", 9],
    ],
  ],
  [
    "Noord",
    [
      ["digitalisering", 5],
      ["overig", 1],
      ["financiering", 8],
    ],
  ],
];

beforeAll(async () => {
  platform = await startTestPlatform();
  regions = [];
  // Noon UTC of DAY is 13:00 or 14:00 in Amsterdam: the same calendar day.
  const noon = Date.parse(`${DAY}T12:00:00Z`);
  for (const [name, counts] of DAY_COUNTS) {
    const region = await createRegion(platform.client, { name: `Regio ${name}` });
    regions.push(region);
    const desk = await createFrontdesk(platform.client, region, { capacityPerSlot: 50 });
    for (const [topic, n] of counts) {
      for (let i = 0; i < n; i++) {
        await insertAppointment(platform.client, desk, { startAt: noon, topic, status: "completed", name: null, email: null });
      }
    }
  }
  province = await signInAs(platform, await createUser(platform.client, "province_viewer", null));
});
afterAll(async () => {
  await platform?.close();
});

interface Summary {
  regions: Array<{
    region: { slug: string };
    totals: { booked: number };
    byTopic: Record<Topic, Shown>;
    byMonth: Array<{ month: string; booked: number }>;
    byTopicByMonth: Array<{ month: string; topics: Record<Topic, Shown> }>;
  }>;
  total: { totals: { booked: number }; byTopic: Record<Topic, Shown>; byMonth: Array<{ month: string; booked: number }> };
}

/** Everything the summary publishes about topics, as figures over the cells region × topic (one month). */
function figuresOf(summary: Summary): { cellCount: number; figures: Figure[] } {
  const R = summary.regions.length;
  const T = TOPICS.length;
  const at = (r: number, t: number) => r * T + t;
  const figures: Figure[] = [];
  summary.regions.forEach((region, r) => {
    expect(region.byTopicByMonth).toHaveLength(1);
    TOPICS.forEach((topic, t) => {
      figures.push({ name: `${region.region.slug}/${topic} (cell)`, cells: [at(r, t)], shown: region.byTopicByMonth[0]?.topics[topic] as Shown });
      figures.push({ name: `${region.region.slug}/${topic} (byTopic)`, cells: [at(r, t)], shown: region.byTopic[topic] });
    });
    const all = TOPICS.map((_, t) => at(r, t));
    figures.push({ name: `${region.region.slug} month`, cells: all, shown: region.byMonth[0]?.booked as number });
    figures.push({ name: `${region.region.slug} total`, cells: all, shown: region.totals.booked });
  });
  TOPICS.forEach((topic, t) => {
    figures.push({ name: `total/${topic}`, cells: summary.regions.map((_, r) => at(r, t)), shown: summary.total.byTopic[topic] });
  });
  const everything = [...Array(R * T).keys()];
  figures.push({ name: "total month", cells: everything, shown: summary.total.byMonth[0]?.booked as number });
  figures.push({ name: "total", cells: everything, shown: summary.total.totals.booked });
  return { cellCount: R * T, figures };
}

function expectNothingDerivable(summary: Summary) {
  const { cellCount, figures } = figuresOf(summary);
  expect(figures.some((f) => f.shown === "<5")).toBe(true);
  expect(linearlyDerivable(cellCount, figures)).toEqual([]);
  expect(boundDerivable(cellCount, figures)).toEqual([]);
  expect(enumerateDerivable(cellCount, figures)).toEqual([]);
}

/** RFC 4180 reader (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  return text
    .trim()
    .split("\r\n")
    .map((line) => line.split(","));
}

describe("the province summary of a single day", () => {
  it("should not let any hidden topic count be worked out from what the summary shows", async () => {
    const response = await platform.fetch(`/api/v1/province/summary?from=${DAY}&to=${DAY}`, { headers: province });
    expect(response.status).toBe(200);
    const summary = (await response.json()) as Summary;
    expect(summary.regions).toHaveLength(3);
    // The figures stay exact where shown.
    for (const region of summary.regions) {
      const index = regions.findIndex((r) => r.slug === region.region.slug);
      const counts = new Map(DAY_COUNTS[index]?.[1] ?? []);
      expect(region.totals.booked).toBe([...counts.values()].reduce((a, b) => a + b, 0));
      for (const topic of TOPICS) {
        const exact = counts.get(topic) ?? 0;
        const shown = region.byTopic[topic];
        if (typeof shown === "number") expect(shown).toBe(exact);
        else expect(shown).toBe(exact < 5 ? "<5" : "x");
      }
    }
    expect(summary.regions.find((r) => r.region.slug === regions[0]?.slug)?.byTopic.overig).toBe("<5");
    expectNothingDerivable(summary);
  });

  it("should hide the same figures in the CSV download", async () => {
    const path = `/api/v1/province/summary?from=${DAY}&to=${DAY}`;
    const summary = (await (await platform.fetch(path, { headers: province })).json()) as Summary;
    const csv = parseCsv(await (await platform.fetch(path.replace("summary", "summary.csv"), { headers: province })).text());
    const value = (region: string, metric: string, dimension: string) => csv.find((row) => row[0] === region && row[1] === metric && row[2] === dimension)?.[3];
    const month = DAY.slice(0, 7);
    for (const region of summary.regions) {
      for (const topic of TOPICS) {
        expect(value(region.region.slug, "booked_by_topic", topic)).toBe(String(region.byTopic[topic]));
        expect(value(region.region.slug, "booked_by_topic_month", `${month}/${topic}`)).toBe(String(region.byTopicByMonth[0]?.topics[topic]));
      }
    }
    for (const topic of TOPICS) expect(value("total", "booked_by_topic", topic)).toBe(String(summary.total.byTopic[topic]));
  });
});
