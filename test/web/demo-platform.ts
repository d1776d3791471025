/**
 * A test platform with the demo seed, for screenshots and manual checks:
 * `npx tsx test/web/demo-platform.ts` builds the bundle, starts workerd + libSQL and prints the URL.
 */
import { fileURLToPath } from "node:url";
import { seedDemoData } from "../../tools/seed/seed";
import { buildBundle } from "../support/global-setup";
import { startTestPlatform, type TestPlatform } from "../support/platform";

export async function startDemoPlatform(): Promise<TestPlatform> {
  const platform = await startTestPlatform();
  await seedDemoData(platform.dbUrl);
  return platform;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildBundle();
  const platform = await startDemoPlatform();
  console.log(`demo platform at ${platform.url}`);
  process.on("SIGTERM", () => void platform.close().then(() => process.exit(0)));
}
