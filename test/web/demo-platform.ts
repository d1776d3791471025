/**
 * A test platform with the demo seed, for screenshots and manual checks:
 * `npx tsx test/web/demo-platform.ts` builds the bundle, starts workerd + libSQL and prints the URL.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { seedDemoData } from "../../tools/seed/seed";
import { startTestPlatform, type TestPlatform } from "../support/platform";

export function buildBundle(): void {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  execFileSync(process.execPath, [`${root}node_modules/wrangler/bin/wrangler.js`, "deploy", "--dry-run", "--outdir", "dist"], {
    cwd: root,
    stdio: "pipe",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
}

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
