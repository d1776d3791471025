// `npm run bench`: runs every benchmark under bench/ and writes bench/RESULTS.md.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { runApiBench } from "./api.bench";
import { runLibsqlServerBench } from "./libsql-server.bench";
import { runSlotsBench } from "./slots.bench";

const root = fileURLToPath(new URL("..", import.meta.url));
type Bench = () => Promise<{ title: string; markdown: string }>;
const benches: [string, Bench][] = [
  ["libsql-server", runLibsqlServerBench],
  ["slots", runSlotsBench],
  ["api", runApiBench],
];
const reportsModule = "./reports.bench";
// Loaded by name so the runner also works while the reports benchmark is absent.
const extra = (await import(reportsModule).catch(() => null)) as { runReportsBench?: Bench } | null;
if (extra?.runReportsBench) benches.push(["reports", extra.runReportsBench]);
const { runCatalogueBench } = await import("./catalogue.bench");
benches.push(["catalogue", runCatalogueBench]);

const only = process.argv.slice(2);
// The API benches run the deployable bundle: build it the way production does.
execFileSync(process.execPath, [`${root}node_modules/wrangler/bin/wrangler.js`, "deploy", "--dry-run", "--outdir", "dist"], {
  cwd: root,
  stdio: "ignore",
  env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
});

const sections: string[] = [];
for (const [name, bench] of benches) {
  if (only.length && !only.includes(name)) continue;
  console.log(`running ${name} …`);
  const { title, markdown } = await bench();
  console.log(markdown);
  sections.push(`## ${title}\n\n${markdown}\n`);
}
const cpu = cpus()[0]?.model ?? "unknown CPU";
const header = `# Benchmark results\n\nMachine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}. Date: ${new Date().toISOString().slice(0, 10)}.\nProduced by \`npm run bench\`${only.length ? ` (only: ${only.join(", ")})` : ""}; figures vary a few percent between runs on this shared machine.\n`;
writeFileSync(`${root}bench/RESULTS.md`, `${header}\n${sections.join("\n")}`);
console.log("bench/RESULTS.md written");
