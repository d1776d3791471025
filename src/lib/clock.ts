/**
 * The Worker's one clock. Production reads the real time; only under `APP_ENV=test` may a
 * test move it, so the whole suite can run at a chosen moment (a Sunday, 31 December, the
 * day before a DST switch) without waiting for it:
 * - the `TEST_CLOCK_OFFSET_MS` binding shifts every reading by a fixed amount (time still
 *   advances; `npm run test:clock` sets it for the whole suite);
 * - the `X-Test-Now: <ISO instant>` request header pins one request's "now".
 * This file is the only place that decides whether either is honoured. Routes and pages take
 * `now` from the request context (`c.var.now`, set once per request in `src/app.ts`); the
 * scheduled handler takes it from {@link clock}; services never read the time themselves.
 */
import type { Config } from "../env";
import { DomainError } from "./errors";

/** Milliseconds the test clock runs ahead of the real one: always 0 outside `APP_ENV=test`. */
function testOffset(config: Config): number {
  if (config.APP_ENV !== "test" || config.TEST_CLOCK_OFFSET_MS === undefined || config.TEST_CLOCK_OFFSET_MS === "") return 0;
  const offset = Number(config.TEST_CLOCK_OFFSET_MS);
  if (!Number.isSafeInteger(offset))
    throw new Error(`Invalid configuration: TEST_CLOCK_OFFSET_MS must be whole milliseconds, not "${config.TEST_CLOCK_OFFSET_MS}"`);
  return offset;
}

/**
 * The clock for this configuration: called without an argument it reads "now"; given an
 * instant from the platform (a Cron Trigger's `scheduledTime`) it moves it onto the same clock.
 * @example const now = clock(config)(controller.scheduledTime);
 */
export function clock(config: Config): (instant?: number) => number {
  const offset = testOffset(config);
  return (instant = Date.now()) => instant + offset;
}

/**
 * The instant a request happens at: the clock's reading, or under `APP_ENV=test` the
 * `X-Test-Now` header when the request carries one. Production ignores the header.
 * @example c.set("now", requestNow(config, c.req.header("x-test-now")));
 */
export function requestNow(config: Config, testNow: string | undefined): number {
  if (config.APP_ENV === "test" && testNow !== undefined) {
    const pinned = Date.parse(testNow);
    if (Number.isNaN(pinned)) throw new DomainError("validation_failed", "X-Test-Now must be an ISO 8601 instant, e.g. 2027-03-29T09:15:00+02:00.");
    return pinned;
  }
  return clock(config)();
}
