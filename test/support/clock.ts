/**
 * The test clock: one moment for the whole run, everywhere.
 *
 * `TEST_NOW=<ISO instant>` (read only by `vitest.config.ts`) becomes one offset from
 * the real time, computed once per run and handed to every test process as
 * `TEST_CLOCK_OFFSET_MS`. With it:
 * - Node test processes see a shifted `Date` (time still advances, so timeouts and polling
 *   work; installed by `clock-setup.ts`);
 * - the Worker gets the same offset as a binding (honoured only under `APP_ENV=test`,
 *   see `src/lib/clock.ts`);
 * - browser contexts get the same shifted `Date` through an init script (`test/web/browser.ts`).
 * Without `TEST_NOW` the offset is 0 and nothing is replaced.
 */

const REAL_DATE = Symbol.for("mkb.test.realDate");
type WithRealDate = typeof globalThis & { [REAL_DATE]?: DateConstructor };

/** The unshifted `Date`, kept across test files of one worker so the shift is applied once. */
(globalThis as WithRealDate)[REAL_DATE] ??= globalThis.Date;
const RealDate: DateConstructor = (globalThis as WithRealDate)[REAL_DATE] ?? globalThis.Date;

/** Milliseconds this run's clock is ahead of the real one (negative: behind). */
export const CLOCK_OFFSET_MS = parseOffset(process.env.TEST_CLOCK_OFFSET_MS);

function parseOffset(value: string | undefined): number {
  if (value === undefined || value === "") return 0;
  const offset = Number(value);
  if (!Number.isSafeInteger(offset)) throw new Error(`TEST_CLOCK_OFFSET_MS must be whole milliseconds, not "${value}"`);
  return offset;
}

/** The real time, whatever the test clock says (for the Worker's own clock input). */
export function realNow(): number {
  return RealDate.now();
}

/** Replaces this process's `Date` with one running `offset` ms ahead (no-op for 0). */
export function installShiftedDate(offset = CLOCK_OFFSET_MS): void {
  if (offset === 0 || globalThis.Date !== RealDate) return;
  globalThis.Date = shiftedDate(RealDate, offset);
}

/** A `Date` constructor whose "now" runs `offset` ms ahead; everything else is the real one. */
function shiftedDate(Real: DateConstructor, offset: number): DateConstructor {
  function ShiftedDate(this: unknown, ...args: unknown[]): Date | string {
    if (!new.target) return new Real(Real.now() + offset).toString();
    return args.length === 0 ? new Real(Real.now() + offset) : (Reflect.construct(Real, args) as Date);
  }
  ShiftedDate.prototype = Real.prototype;
  ShiftedDate.now = () => Real.now() + offset;
  ShiftedDate.parse = Real.parse;
  ShiftedDate.UTC = Real.UTC;
  return ShiftedDate as unknown as DateConstructor;
}

/**
 * The same shift for a browser page, as an init script (runs before the page's own scripts).
 * @example await context.addInitScript({ content: browserClockScript() });
 */
export function browserClockScript(offset = CLOCK_OFFSET_MS): string {
  if (offset === 0) return "";
  return `(() => {
  const Real = Date, offset = ${offset};
  function ShiftedDate(...args) {
    if (!new.target) return new Real(Real.now() + offset).toString();
    return args.length === 0 ? new Real(Real.now() + offset) : new Real(...args);
  }
  ShiftedDate.prototype = Real.prototype;
  ShiftedDate.now = () => Real.now() + offset;
  ShiftedDate.parse = Real.parse;
  ShiftedDate.UTC = Real.UTC;
  globalThis.Date = ShiftedDate;
})();`;
}
