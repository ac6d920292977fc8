#!/usr/bin/env -S npx tsx
// Agreement of the `math` verifier's defaults with expected verdicts, per category, on the dev
// corpus generated from the shared data (bench/verify/math-corpus/), its held-back part, and the
// shared half of Math-Verify's test cases — beside Math-Verify's defaults on the same cases.
// Usage: npx tsx bench/verify/math-corpus.ts [--math-verify DIR] [--split dev|heldback|all]
//        [--show CATEGORY] [--python python3]
//   DIR (or $MATH_VERIFY_SITE) holds the math_verify and latex2sympy2_extended packages (see
//   docs/BENCHMARKS.md); without it only rewardkit's column is printed.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { verifyMath } from "../../src/verify/math/verify-math.js";
import type { CorpusCase } from "./math-corpus/cases.js";
import { generateCorpus, type Split } from "./math-corpus/generate.js";
import { agreementTable, tallyByCategory } from "./math-corpus-table.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const args = process.argv.slice(2);
const option = (name: string, fallback?: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const dataDir = process.env.REWARDKIT_SHARED_DATA ?? join(root, "../shared/data");
const mathVerifySite = option("--math-verify", process.env.MATH_VERIFY_SITE);
const python = option("--python", "python3") as string;
const splitOption = option("--split", "all") as Split | "all";
const show = option("--show");

function rewardkitVerdict(testCase: CorpusCase): boolean {
  try {
    const input = { completion: testCase.pred, reference: testCase.gold };
    return verifyMath(testCase.prompt === undefined ? input : { ...input, prompt: testCase.prompt }).correct;
  } catch {
    return false;
  }
}

function mathVerifyVerdicts(
  cases: readonly CorpusCase[],
  name: string,
  wrapGold: boolean,
): boolean[] | undefined {
  if (!mathVerifySite || !existsSync(join(mathVerifySite, "math_verify"))) return undefined;
  const folder = join(tmpdir(), "rewardkit-math-corpus");
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${name}.jsonl`);
  // Bare gold answers in `$…$`, as Math-Verify's README passes them; the completion as it is.
  const lines = cases.map((testCase) =>
    JSON.stringify({ gold: wrapGold ? `$${testCase.gold}$` : testCase.gold, pred: testCase.pred }),
  );
  const content = `${lines.join("\n")}\n`;
  // Math-Verify takes minutes on these cases: its verdicts are kept for the same cases.
  const cache = join(
    folder,
    `${name}-${createHash("sha256").update(content).digest("hex").slice(0, 16)}.json`,
  );
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, "utf8")) as boolean[];
  writeFileSync(file, content);
  const run = spawnSync(
    python,
    [join(root, "bench/verify/math_verify_runner.py"), mathVerifySite, file, "1"],
    {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (run.status !== 0) throw new Error(`Math-Verify runner failed: ${run.stderr}`);
  const { verdicts } = JSON.parse(run.stdout.trim().split("\n").at(-1) as string) as { verdicts: boolean[] };
  writeFileSync(cache, JSON.stringify(verdicts));
  return verdicts;
}

/** The shared half of Math-Verify's own cases, run with both graders' defaults. */
function sharedHalf(): CorpusCase[] {
  const path = join(dataDir, "math-verify-tests/math_verify_test_cases.jsonl");
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as { gold: string; pred: string; expected: number; source_test: string })
    .map((row) => ({
      category: `Math-Verify ${row.source_test.split("::")[0]}`,
      rewrite: row.source_test,
      gold: row.gold,
      pred: row.pred,
      expected: row.expected === 1,
      source: row.source_test,
    }));
}

function report(name: string, cases: CorpusCase[]): void {
  const ours = cases.map(rewardkitVerdict);
  // The shared half's golds are written as Math-Verify's tests pass them: no extra `$…$`.
  const theirs = mathVerifyVerdicts(cases, name, name !== "shared");
  const columns = [{ name: "rewardkit", tallies: tallyByCategory(cases, ours) }];
  if (theirs) columns.push({ name: "Math-Verify", tallies: tallyByCategory(cases, theirs) });
  console.log(`\n### ${name} (${cases.length} cases)\n`);
  console.log(agreementTable(columns));
  if (show) {
    cases.forEach((testCase, index) => {
      if (!testCase.category.startsWith(show) || ours[index] === testCase.expected) return;
      const verdict = (() => {
        try {
          return verifyMath({
            completion: testCase.pred,
            reference: testCase.gold,
            ...(testCase.prompt ? { prompt: testCase.prompt } : {}),
          }).reason;
        } catch (error) {
          return String(error);
        }
      })();
      console.error(
        `[${testCase.rewrite}] expected ${testCase.expected}; gold ${testCase.gold.slice(0, 80)}\n  pred ${testCase.pred.slice(-160).replace(/\n/g, " ")}\n  ${verdict}`,
      );
    });
  }
}

for (const split of ["dev", "heldback"] as const) {
  if (splitOption === "all" || splitOption === split) report(split, generateCorpus({ dataDir, split }));
}
if (splitOption === "all" || splitOption === "dev") report("shared", sharedHalf());
