// `npm run bench`: runs every benchmark under bench/ and writes bench/RESULTS.md.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { runApiBench } from "./api.bench";
import { runLibsqlServerBench } from "./libsql-server.bench";
import { runSlotsBench } from "./slots.bench";
import { runEdgeBench } from "./edge.bench";
import { runScaleBench } from "./scale.bench";
import { cleanupSides } from "./harness";

const root = fileURLToPath(new URL("..", import.meta.url));
type Bench = () => Promise<{ title: string; markdown: string }>;
const benches: [string, Bench][] = [
  ["libsql-server", runLibsqlServerBench],
  ["slots", runSlotsBench],
  ["api", runApiBench],
  ["edge", runEdgeBench],
];
const reportsModule = "./reports.bench";
// Loaded by name so the runner also works while the reports benchmark is absent.
const extra = (await import(reportsModule).catch(() => null)) as { runReportsBench?: Bench } | null;
if (extra?.runReportsBench) benches.push(["reports", extra.runReportsBench]);
benches.push(["scale", runScaleBench]);
const { runCatalogueBench } = await import("./catalogue.bench");
benches.push(["catalogue", runCatalogueBench]);

const only = process.argv.slice(2);
// The API benches run the deployable bundle: build it the way production does.
execFileSync(process.execPath, [`${root}node_modules/wrangler/bin/wrangler.js`, "deploy", "--dry-run", "--outdir", "dist"], {
  cwd: root,
  stdio: "ignore",
  env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
});

// Each section is marked with its bench name, so `npm run bench -- edge` replaces only that
// section and keeps the others (the 10M scale run takes long; it is fine to run it alone).
const previous = new Map<string, string>();
const file = `${root}bench/RESULTS.md`;
if (existsSync(file)) {
  for (const part of readFileSync(file, "utf8").split("<!-- bench:").slice(1)) {
    const name = part.slice(0, part.indexOf(" -->"));
    previous.set(name, `<!-- bench:${part.trimEnd()}\n`);
  }
}
const sections = new Map<string, string>();
try {
  for (const [name, bench] of benches) {
    if (only.length && !only.includes(name)) {
      const kept = previous.get(name);
      if (kept) sections.set(name, kept);
      continue;
    }
    console.log(`running ${name} …`);
    const { title, markdown } = await bench();
    console.log(markdown);
    sections.set(name, `<!-- bench:${name} -->\n## ${title}\n\n${markdown}\n`);
  }
} finally {
  cleanupSides();
}
const cpu = cpus()[0]?.model ?? "unknown CPU";
const header = `# Benchmark results\n\nMachine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}. Last run: ${new Date().toISOString().slice(0, 10)}${only.length ? ` (sections: ${only.join(", ")}; the others are kept from earlier runs)` : ""}.\nProduced by \`npm run bench\` (\`npm run bench -- <name> …\` reruns only those sections); figures vary between runs on this shared machine.\n`;
writeFileSync(file, `${header}\n${[...sections.values()].join("\n")}`);
console.log("bench/RESULTS.md written");
