import { defineConfig } from "vitest/config";

/**
 * `TEST_NOW=<ISO instant>` runs everything at that moment: one offset from the real time,
 * computed once here and handed to every test process as TEST_CLOCK_OFFSET_MS, which passes
 * it on to the Worker and the browser (test/support/clock.ts). An instant without a zone is
 * refused: it would mean another moment on another machine.
 */
function testClockEnv(testNow: string | undefined): Record<string, string> {
  if (testNow === undefined || testNow === "") return {};
  const target = Date.parse(testNow);
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(testNow) || Number.isNaN(target)) {
    throw new Error(`TEST_NOW must be an ISO 8601 instant with a zone, e.g. 2027-12-31T16:30:00+01:00 (got "${testNow}")`);
  }
  return { TEST_CLOCK_OFFSET_MS: String(target - Date.now()) };
}
const clockEnv = testClockEnv(process.env.TEST_NOW);

/** Five projects: `npm run test:unit`, `test:api`, `test:web`, `test:libsql`, `test:dev`; `npm test` runs all. */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: API suites each start workerd and a libSQL server.
    maxWorkers: 2,
    env: clockEnv,
    setupFiles: ["test/support/clock-setup.ts"],
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        extends: true,
        // The Worker bundle, built once per run by the global setup.
        test: { name: "api", include: ["test/api/**/*.test.ts"], globalSetup: ["test/support/global-setup.ts"] },
      },
      {
        extends: true,
        test: { name: "web", include: ["test/web/**/*.test.ts"], globalSetup: ["test/support/global-setup.ts", "test/support/browser-setup.ts"] },
      },
      { extends: true, test: { name: "libsql", include: ["test/libsql-server/**/*.test.ts"] } },
      // `npm start` itself: wrangler dev builds its own bundle.
      { extends: true, test: { name: "dev", include: ["test/dev/**/*.test.ts"] } },
    ],
  },
});
