/**
 * `npm run test:clock`: runs the suite with the clock faked to the moments that used to make
 * it fail, so it is green at any hour and on any date. The moments are derived from today
 * (the next ones), so this script does not rot:
 * - the next working day (Monday to Friday, no public holiday) at 09:15 and at 16:00
 *   Europe/Amsterdam (office hours, and late in the afternoon);
 * - the next Sunday at 11:00;
 * - the day before the next DST switch at 12:00;
 * - the next 31 December at 16:30.
 * Or name instants yourself: `npm run test:clock -- 2027-03-27T23:30:00+01:00 …`.
 *
 * Each moment runs the unit, API and web projects (`TEST_NOW`, see test/support/clock.ts).
 * Not the libSQL server's conformance tests: the protocol server has no notion of a date.
 * The bundle is built once for all moments. Exit code 1 when any moment fails.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Temporal } from "temporal-polyfill";
import { dutchPublicHolidays } from "../src/features/availability/holidays";
import { TIMEZONE } from "../src/lib/time";
import { buildBundle } from "../test/support/global-setup";

const root = fileURLToPath(new URL("..", import.meta.url));

interface Moment {
  label: string;
  at: Temporal.ZonedDateTime;
}

function isHoliday(date: Temporal.PlainDate): boolean {
  return dutchPublicHolidays(date.year, { goodFridayClosed: true, liberationDayClosed: false }).has(date.toString());
}

/** The first day from `from` on (today counts when `time` is still ahead) that `matches`, at `time`. */
function next(now: Temporal.ZonedDateTime, time: string, matches: (date: Temporal.PlainDate) => boolean): Temporal.ZonedDateTime {
  let date = now.toPlainDate();
  for (let i = 0; i < 800; i++, date = date.add({ days: 1 })) {
    const at = date.toZonedDateTime({ timeZone: TIMEZONE, plainTime: Temporal.PlainTime.from(time) });
    if (matches(date) && Temporal.ZonedDateTime.compare(at, now) > 0) return at;
  }
  throw new Error(`no day within 800 days matches for ${time}`);
}

/** The moments this run fakes, the next of each kind after `now`. */
export function clockMoments(now = Temporal.Now.zonedDateTimeISO(TIMEZONE)): Moment[] {
  const workingDay = (d: Temporal.PlainDate) => d.dayOfWeek <= 5 && !isHoliday(d);
  const morning = next(now, "09:15", workingDay);
  const switchAt = now.getTimeZoneTransition("next");
  if (!switchAt) throw new Error(`${TIMEZONE} has no next DST switch`);
  const switchDay = switchAt.toPlainDate();
  return [
    { label: "a working day at 09:15", at: morning },
    { label: "a working day at 16:00", at: morning.with({ hour: 16, minute: 0 }) },
    { label: "a Sunday", at: next(now, "11:00", (d) => d.dayOfWeek === 7) },
    { label: "the day before a DST switch", at: next(now, "12:00", (d) => d.equals(switchDay.subtract({ days: 1 }))) },
    { label: "31 December", at: next(now, "16:30", (d) => d.month === 12 && d.day === 31) },
  ];
}

function iso(at: Temporal.ZonedDateTime): string {
  return at.toString({ timeZoneName: "never", smallestUnit: "second" });
}

function main(): void {
  const named = process.argv.slice(2);
  const moments: Moment[] = named.length
    ? named.map((value) => ({ label: "named", at: Temporal.Instant.from(value).toZonedDateTimeISO(TIMEZONE) }))
    : clockMoments();
  console.log("test:clock runs the unit, API and web tests at:");
  for (const m of moments) console.log(`  ${iso(m.at)}  ${m.at.toPlainDate().dayOfWeek === 7 ? "Sunday  " : "        "}${m.label}`);

  const bundleLog = buildBundle();
  const results: { moment: Moment; ok: boolean; seconds: number }[] = [];
  for (const moment of moments) {
    console.log(`\n=== ${iso(moment.at)} (${moment.label}) ===`);
    const started = performance.now();
    const run = spawnSync(process.execPath, [`${root}node_modules/vitest/vitest.mjs`, "run", "--project", "unit", "--project", "api", "--project", "web"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, TEST_NOW: iso(moment.at), MKB_BUNDLE_LOG: bundleLog },
    });
    results.push({ moment, ok: run.status === 0, seconds: Math.round((performance.now() - started) / 1000) });
  }

  console.log("\ntest:clock summary:");
  for (const r of results) console.log(`  ${r.ok ? "pass" : "FAIL"}  ${iso(r.moment.at)}  ${r.moment.label}  (${r.seconds} s)`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
