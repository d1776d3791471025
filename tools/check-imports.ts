/**
 * The layering rules no linter here checks (Biome 1.9 has no import-boundary rule), run by
 * `npm run lint`. Each rule names a folder, what it may not import, and why; a violation
 * prints the file, the import and the rule, and fails the run.
 *
 *   npx tsx tools/check-imports.ts
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

interface Rule {
  /** Files the rule applies to (path relative to the repository, with forward slashes). */
  from: RegExp;
  /** Imports (resolved, relative to the repository) they may not use. */
  forbidden: RegExp;
  why: string;
}

export const RULES: Rule[] = [
  {
    from: /^src\/lib\//,
    forbidden: /^src\/(features|http|web)\//,
    why: "src/lib is the bottom layer: it never imports a feature, the HTTP layer or the web front",
  },
  { from: /^src\/db\//, forbidden: /^src\/(features|http|web)\//, why: "the database layer knows no feature" },
  { from: /^src\/features\//, forbidden: /^src\/web\//, why: "features never depend on the web front (it is one of their two clients)" },
  { from: /^src\/web\//, forbidden: /\.repo$/, why: "web pages call services, never repositories (route → service → repo)" },
  { from: /\.routes\.ts$/, forbidden: /\.repo$/, why: "API routes call services, never repositories (route → service → repo)" },
];

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every rule a file breaks, as readable lines. */
export function violations(file: string, text: string): string[] {
  const from = relative(root, file).replaceAll("\\", "/");
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2] ?? "";
    if (!spec.startsWith(".")) continue;
    const target = relative(root, resolve(dirname(file), spec)).replaceAll("\\", "/");
    for (const rule of RULES) {
      if (rule.from.test(from) && rule.forbidden.test(target)) found.push(`${from}: imports "${spec}" — ${rule.why}`);
    }
  }
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = sourceFiles(join(root, "src")).flatMap((file) => violations(file, readFileSync(file, "utf8")));
  if (problems.length > 0) {
    console.error(`Layering rules broken (${problems.length}):\n${problems.map((p) => `  ${p}`).join("\n")}`);
    process.exit(1);
  }
  console.log("Imports follow the layering rules.");
}
