/**
 * The referral figures of the region report and the province summary (JSON and CSV), checked
 * against values this test computes from the rows it inserts: counts per desk, topic and kind of
 * organisation, received, shares, the median working days to first contact (its own working-day
 * count: weekdays without the Dutch public holidays), overdue and the flows region × region,
 * with the small-count rule (1–4 never shown; no line with exactly one hidden figure). Times
 * derive from now.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/lib/ids";
import { createOrganisation, type OrganisationFixture } from "../support/catalogue";
import { createFrontdesk, createRegion, createUser, type FrontdeskFixture, type RegionFixture, signInAs } from "../support/factories";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { prng } from "../support/prng";
import { amsterdamDate, isPublicHoliday, shiftDate } from "../support/slots";

type Count = number | "<5" | "x";
interface Row {
  region: RegionFixture;
  desk: FrontdeskFixture | null;
  org: OrganisationFixture & { kind: string };
  topic: string;
  status: string;
  createdAt: number;
  dueAt: number;
  receivedAt: number | null;
  contactedAt: number | null;
}

const DAY = 86_400_000;
let platform: TestPlatform;
let zuid: RegionFixture;
let noord: RegionFixture;
let admin: Record<string, string>;
let province: Record<string, string>;
const rows: Row[] = [];
let now = 0;

beforeAll(async () => {
  platform = await startTestPlatform();
  const c = platform.client;
  zuid = await createRegion(c);
  noord = await createRegion(c);
  const desks = [await createFrontdesk(c, zuid, { name: "Loket Een" }), await createFrontdesk(c, zuid, { name: "Loket Twee" })];
  const noordDesk = await createFrontdesk(c, noord, { name: "Loket Drie" });
  const orgs = [
    { ...(await createOrganisation(c, noord, { kind: "bank" })), kind: "bank" },
    { ...(await createOrganisation(c, zuid, { kind: "advisor" })), kind: "advisor" },
    { ...(await createOrganisation(c, zuid, { kind: "municipality" })), kind: "municipality" },
  ];
  admin = await signInAs(platform, await createUser(c, "region_admin", zuid));
  province = await signInAs(platform, await createUser(c, "province_viewer", null));
  now = Date.now();
  const random = prng(15);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const topics = ["financiering", "financiering", "personeel", "innovatie"];
  for (let i = 0; i < 34; i++) {
    const fromZuid = i < 26;
    const createdAt = now - (2 + Math.floor(random() * 20)) * DAY - Math.floor(random() * 8) * 3_600_000;
    const step = random();
    const status =
      step < 0.2 ? "sent" : step < 0.3 ? "withdrawn" : step < 0.45 ? "received" : step < 0.6 ? "contacted" : step < 0.85 ? "helped" : "not_suitable";
    const receivedAt = ["sent", "withdrawn"].includes(status) ? null : createdAt + Math.floor(random() * 9) * DAY;
    const contactedAt = receivedAt !== null && ["contacted", "helped", "not_suitable"].includes(status) ? receivedAt + Math.floor(random() * 3) * DAY : null;
    rows.push({
      region: fromZuid ? zuid : noord,
      desk: fromZuid ? (random() < 0.7 ? (desks[0] ?? null) : i % 5 === 0 ? null : (desks[1] ?? null)) : noordDesk,
      org: pick(orgs),
      topic: pick(topics),
      status,
      createdAt,
      // Due either clearly past or clearly ahead, so "overdue" does not depend on the second the report runs.
      dueAt: random() < 0.5 ? now - DAY : now + 3 * DAY,
      receivedAt,
      contactedAt,
    });
  }
  // One referral made long before the period: never counted.
  rows.push({ ...(rows[0] as Row), createdAt: now - 200 * DAY });
  for (const r of rows) {
    await c.execute({
      sql: `insert into referrals (id, region_id, to_region_id, organisation_id, frontdesk_id, topic, consent_to_share, status, locale, due_at,
              received_at, contacted_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 1, ?, 'nl', ?, ?, ?, ?, ?)`,
      args: [
        newId(),
        r.region.id,
        r.org.homeRegion.id,
        r.org.id,
        r.desk?.id ?? null,
        r.topic,
        r.status,
        r.dueAt,
        r.receivedAt,
        r.contactedAt,
        r.createdAt,
        r.createdAt,
      ],
    });
  }
});
afterAll(async () => {
  await platform?.close();
});

const from = () => amsterdamDate(-40, now);
const to = () => amsterdamDate(0, now);
const inPeriod = () => rows.filter((r) => r.createdAt >= now - 40 * DAY);

/** Working days after the day of `a` up to the day of `b`: weekdays that are not public holidays. */
function workingDays(a: number, b: number): number {
  let date = amsterdamDate(0, a);
  const end = amsterdamDate(0, b);
  let n = 0;
  while (date < end) {
    date = shiftDate(date, 1);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !isPublicHoliday(date)) n++;
  }
  return n;
}

function expected(made: Row[]) {
  const median = (xs: number[]) => {
    if (xs.length < 5) return null;
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
  };
  const share = (n: number) => (made.length >= 5 ? Math.round((n / made.length) * 10_000) / 10_000 : null);
  return {
    made: made.length,
    feedbackShare: share(made.filter((r) => r.receivedAt !== null).length),
    helpedShare: share(made.filter((r) => r.status === "helped").length),
    medianWorkingDaysToContact: median(made.filter((r) => r.contactedAt !== null).map((r) => workingDays(r.createdAt, r.contactedAt ?? 0))),
    overdue: made.filter((r) => (r.receivedAt === null ? r.status !== "withdrawn" && now >= r.dueAt : r.receivedAt > r.dueAt)).length,
  };
}

/** A published count agrees with the exact one: shown exactly, or hidden truthfully ("<5" below 5, "x" from 5), and 1–4 never shown. */
function agrees(shown: Count, exact: number): boolean {
  if (typeof shown === "number") return shown === exact && (exact === 0 || exact >= 5);
  return shown === "<5" ? exact < 5 : exact >= 5;
}
const hiddenIn = (values: Count[]) => values.filter((v) => typeof v !== "number").length;
const tally = (list: Row[], key: (r: Row) => string) => list.reduce((m, r) => m.set(key(r), (m.get(key(r)) ?? 0) + 1), new Map<string, number>());

describe("referral figures", () => {
  it("should give the region report's figures as computed from the rows, per desk, topic and kind, with the flows", async () => {
    const response = await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/report?from=${from()}&to=${to()}`, { headers: admin });
    expect(response.status).toBe(200);
    const f = ((await response.json()) as { referrals: Record<string, unknown> }).referrals as {
      made: Count;
      received: Count;
      byDesk: Array<{ frontdesk: string | null; count: Count }>;
      byTopic: Record<string, Count>;
      byOrganisationKind: Record<string, Count>;
      feedbackShare: number | null;
      helpedShare: number | null;
      medianWorkingDaysToContact: number | null;
      overdue: Count;
      flows: Array<{ from: string; to: string; count: Count }>;
    };
    const made = inPeriod().filter((r) => r.region === zuid);
    const e = expected(made);
    expect(agrees(f.made, e.made)).toBe(true);
    expect(f.made).toBe(e.made);
    expect(f.feedbackShare).toBe(e.feedbackShare);
    expect(f.helpedShare).toBe(e.helpedShare);
    expect(f.medianWorkingDaysToContact).toBe(e.medianWorkingDaysToContact);
    expect(agrees(f.overdue, e.overdue)).toBe(true);
    expect(agrees(f.received, inPeriod().filter((r) => r.org.homeRegion.id === zuid.id).length)).toBe(true);

    const desks = tally(made, (r) => r.desk?.name ?? "");
    expect(f.byDesk.map((d) => d.frontdesk ?? "").sort()).toEqual([...desks.keys()].sort());
    for (const d of f.byDesk) expect(agrees(d.count, desks.get(d.frontdesk ?? "") ?? 0), d.frontdesk ?? "-").toBe(true);
    expect(hiddenIn(f.byDesk.map((d) => d.count))).not.toBe(1);
    const topics = tally(made, (r) => r.topic);
    for (const [topic, shown] of Object.entries(f.byTopic)) expect(agrees(shown, topics.get(topic) ?? 0), topic).toBe(true);
    expect(hiddenIn(Object.values(f.byTopic))).not.toBe(1);
    const kinds = tally(made, (r) => r.org.kind);
    for (const [kind, shown] of Object.entries(f.byOrganisationKind)) expect(agrees(shown, kinds.get(kind) ?? 0), kind).toBe(true);
    expect(hiddenIn(Object.values(f.byOrganisationKind))).not.toBe(1);

    const flows = tally(
      inPeriod().filter((r) => r.region === zuid || r.org.homeRegion.id === zuid.id),
      (r) => `${r.region.slug}>${r.org.homeRegion.slug}`,
    );
    expect(f.flows.map((x) => `${x.from}>${x.to}`).sort()).toEqual([...flows.keys()].sort());
    for (const x of f.flows) expect(agrees(x.count, flows.get(`${x.from}>${x.to}`) ?? 0)).toBe(true);

    const csv = await platform.fetch(`/api/v1/regions/${zuid.slug}/admin/report.csv?from=${from()}&to=${to()}`, { headers: admin });
    const text = await csv.text();
    expect(text).toContain(`${zuid.slug},,,,referrals_made,,${e.made}\r\n`);
    expect(text).toContain(`${zuid.slug},,,,referrals_by_desk,Loket Een,${f.byDesk.find((d) => d.frontdesk === "Loket Een")?.count}\r\n`);
  });

  it("should give the province summary's figures per region, in total and region × region", async () => {
    const response = await platform.fetch(`/api/v1/province/summary?from=${from()}&to=${to()}`, { headers: province });
    expect(response.status).toBe(200);
    const s = (await response.json()) as {
      referrals: {
        regions: Array<{ region: { slug: string }; made: Count; received: Count; helpedShare: number | null; byTopic: Record<string, Count> }>;
        total: { made: Count; feedbackShare: number | null; helpedShare: number | null; medianWorkingDaysToContact: number | null; overdue: Count };
        flows: Array<{ from: string; to: string; count: Count }>;
      };
    };
    const all = inPeriod();
    const total = expected(all);
    expect(s.referrals.total.made).toBe(total.made);
    expect(s.referrals.total.feedbackShare).toBe(total.feedbackShare);
    expect(s.referrals.total.helpedShare).toBe(total.helpedShare);
    expect(s.referrals.total.medianWorkingDaysToContact).toBe(total.medianWorkingDaysToContact);
    expect(agrees(s.referrals.total.overdue, total.overdue)).toBe(true);
    for (const region of [zuid, noord]) {
      const r = s.referrals.regions.find((x) => x.region.slug === region.slug);
      const made = all.filter((x) => x.region === region);
      expect(agrees(r?.made ?? "x", made.length)).toBe(true);
      expect(r?.helpedShare).toBe(expected(made).helpedShare);
      expect(agrees(r?.received ?? "x", all.filter((x) => x.org.homeRegion.id === region.id).length)).toBe(true);
      const topics = tally(made, (x) => x.topic);
      for (const [topic, shown] of Object.entries(r?.byTopic ?? {})) expect(agrees(shown, topics.get(topic) ?? 0)).toBe(true);
    }
    const flows = tally(all, (r) => `${r.region.slug}>${r.org.homeRegion.slug}`);
    for (const x of s.referrals.flows) expect(agrees(x.count, flows.get(`${x.from}>${x.to}`) ?? 0), `${x.from}>${x.to}`).toBe(true);
    // Every pair of regions is listed (zeros included), and a column with one hidden flow would give it away: none has exactly one.
    expect(s.referrals.flows.length).toBe(s.referrals.regions.length ** 2);
    for (const region of s.referrals.regions) expect(hiddenIn(s.referrals.flows.filter((x) => x.from === region.region.slug).map((x) => x.count))).not.toBe(1);

    const csv = await (await platform.fetch(`/api/v1/province/summary.csv?from=${from()}&to=${to()}`, { headers: province })).text();
    expect(csv).toContain(`total,referrals_made,,${total.made}\r\n`);
    expect(csv).toContain(`total,referral_flow,${zuid.slug}>${noord.slug},`);
  });
});
