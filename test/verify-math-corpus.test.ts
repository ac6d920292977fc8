import { describe, expect, it } from "vitest";
import type { CorpusCase } from "../bench/verify/math-corpus/cases.js";
import { generateCorpus, type Split } from "../bench/verify/math-corpus/generate.js";
import { type Tally, tallyByCategory } from "../bench/verify/math-corpus-table.js";
import { verifyMath } from "../src/verify/math/verify-math.js";
import { hasSharedData, sharedDataDir } from "./helpers/shared-data.js";

/**
 * The math dev corpus (bench/verify/math-corpus/): answers from GSM8K, MATH-500 and ProcessBench
 * rewritten into pairs whose verdict a careful grader gives, generated here from the shared data.
 * `{type: math}`'s defaults are held to the expected verdicts per category; the held-back part
 * (other source rows, other rewrite seeds) was only evaluated, never tuned on.
 * `npx tsx bench/verify/math-corpus.ts --math-verify DIR` prints the tables beside Math-Verify.
 */
function verdicts(cases: CorpusCase[]): boolean[] {
  return cases.map((testCase) => {
    const input = { completion: testCase.pred, reference: testCase.gold };
    return verifyMath(testCase.prompt === undefined ? input : { ...input, prompt: testCase.prompt }).correct;
  });
}

function run(split: Split): { cases: CorpusCase[]; tallies: Map<string, Tally> } {
  const cases = generateCorpus({ dataDir: sharedDataDir, split });
  return { cases, tallies: tallyByCategory(cases, verdicts(cases)) };
}

const share = (tally: Tally | undefined) => (tally ? tally.agree / tally.total : 0);

describe.skipIf(!hasSharedData("math500/test.jsonl") || !hasSharedData("processbench/math.json"))(
  "math on the dev corpus generated from the shared data",
  () => {
    it("agrees with the expected verdicts in every category of the dev part", { timeout: 120_000 }, () => {
      const { cases, tallies } = run("dev");
      expect(cases.length).toBeGreaterThan(8000);
      const below = [...tallies.entries()]
        .filter(([, tally]) => share(tally) < 0.97)
        .map(([category, tally]) => `${category}: ${tally.agree}/${tally.total}`);
      expect(below).toEqual([]);
      expect(share(tallies.get("all"))).toBeGreaterThanOrEqual(0.995);
      // Equivalent and non-equivalent rewrites in every category but the attacks that are all wrong.
      const oneSided = new Set(
        cases.filter((testCase) => !testCase.expected).map((testCase) => testCase.category),
      );
      for (const category of new Set(cases.map((testCase) => testCase.category))) {
        if (!category.startsWith("attack: empty")) expect(oneSided.has(category), category).toBe(true);
      }
    });

    it("agrees on the held-back part (other rows, other seeds) as measured at the end", {
      timeout: 120_000,
    }, () => {
      const { cases, tallies } = run("heldback");
      expect(cases.length).toBeGreaterThan(7000);
      expect(share(tallies.get("all"))).toBeGreaterThanOrEqual(0.99);
    });
  },
);
