import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultMathOptions, verifyMath } from "../src/verify/math/verify-math.js";
import { hasSharedData, sharedDataPath } from "./helpers/shared-data.js";

function readJsonl<T>(...parts: string[]): T[] {
  // vitest still runs a skipped describe's body to collect its tests: no data, no rows.
  if (!existsSync(sharedDataPath(...parts))) return [];
  return readFileSync(sharedDataPath(...parts), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

describe.skipIf(!hasSharedData("gsm8k/test.jsonl"))("math on GSM8K", () => {
  const rows = readJsonl<{ question: string; answer: string }>("gsm8k/test.jsonl");

  it("verifies every gold solution against its own #### answer, phrased several ways", () => {
    const failures: string[] = [];
    for (const row of rows) {
      const final = row.answer.split("####").pop()?.trim() ?? "";
      const value = Number(final.replace(/,/g, ""));
      const phrasings = [
        row.answer,
        `The answer is ${final}.`,
        `So she makes $\\boxed{${final}}$ dollars.`,
        `<think>${row.answer.split("####")[0]}</think><answer>${final}</answer>`,
        `${value.toLocaleString("en-US")}`,
        `Final Answer: ${value}.0`,
      ];
      for (const phrasing of phrasings) {
        const verdict = verifyMath({ completion: phrasing, reference: row.answer });
        if (!verdict.correct) failures.push(`${final} | ${phrasing.slice(-60)} | ${verdict.reason}`);
      }
      const wrong = verifyMath({ completion: `The answer is ${value + 1}.`, reference: row.answer });
      if (wrong.correct) failures.push(`accepted ${value + 1} for ${final}`);
    }
    expect(failures).toEqual([]);
  });
});

describe.skipIf(!hasSharedData("gsm8k/example_model_solutions.jsonl"))(
  "math on GSM8K labelled model solutions",
  () => {
    it("agrees with the 5276 correctness labels (Math-Verify: 5276/5276)", () => {
      type Solution = { is_correct: boolean; solution: string };
      const rows = readJsonl<Record<string, unknown> & { ground_truth: string }>(
        "gsm8k/example_model_solutions.jsonl",
      );
      let total = 0;
      const disagreements: string[] = [];
      for (const row of rows) {
        for (const key of ["6b_finetuning", "6b_verification", "175b_finetuning", "175b_verification"]) {
          const solution = row[key] as Solution;
          total++;
          const verdict = verifyMath({ completion: solution.solution, reference: row.ground_truth });
          if (verdict.correct !== solution.is_correct) disagreements.push(`${key}: ${verdict.reason}`);
        }
      }
      expect(total).toBe(5276);
      expect(disagreements).toEqual([]);
    });
  },
);

/** Rewrites of a MATH answer that a careful grader still accepts. */
function reformattings(answer: string): string[] {
  const out = [answer.replace(/\\frac/g, "\\dfrac"), answer.replace(/\\left|\\right/g, "")];
  if (!/\d,(?:\\!)?\s*\d{3}/.test(answer)) out.push(` ${answer.replace(/,/g, ", ")} `);
  const fraction = /^(-?)\\frac\{(\d+)\}\{(\d+)\}$/.exec(answer);
  if (fraction) {
    const [, sign, numerator, denominator] = fraction as unknown as [string, string, string, string];
    out.push(`${sign}${numerator}/${denominator}`);
    const value = Number(`${sign}${numerator}`) / Number(denominator);
    if (Number.isInteger(value * 10_000)) out.push(String(value));
  }
  if (/^\d{4,}$/.test(answer)) out.push(Number(answer).toLocaleString("en-US"));
  if (/^-?\d+$/.test(answer)) out.push(`x = ${answer}`, `${answer}.0`);
  const sqrt = /^\\sqrt\{(\d)\}$/.exec(answer);
  if (sqrt) out.push(`\\sqrt${sqrt[1]}`, `${sqrt[1]}^{1/2}`);
  return out;
}

describe.skipIf(!hasSharedData("math500/test.jsonl"))("math on MATH-500", () => {
  const rows = readJsonl<{ answer: string; solution: string; problem: string }>("math500/test.jsonl");

  it("accepts each gold answer boxed, in an answer phrase, in tags, and its own solution", () => {
    const failures: string[] = [];
    for (const { answer, solution } of rows) {
      for (const completion of [
        `So the answer is $\\boxed{${answer}}$.`,
        `The final answer is $${answer}$. I hope it is correct.`,
        `<answer>${answer}</answer>`,
        solution,
      ]) {
        const verdict = verifyMath({ completion, reference: answer });
        if (!verdict.correct) failures.push(`${answer} | ${verdict.reason}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("accepts reformatted equivalents of the gold answers", () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { answer } of rows) {
      for (const variant of reformattings(answer)) {
        checked++;
        const verdict = verifyMath({ completion: `\\boxed{${variant}}`, reference: answer });
        if (!verdict.correct) failures.push(`${answer} ← ${variant} | ${verdict.reason}`);
      }
    }
    expect(checked).toBeGreaterThan(1600);
    expect(failures).toEqual([]);
  });

  it("rejects other problems' answers (except ones that state the same value)", () => {
    const accepted: string[] = [];
    let compared = 0;
    for (let index = 0; index < rows.length; index++) {
      const { answer: gold, problem: prompt } = rows[index] as { answer: string; problem: string };
      for (const offset of [1, 7, 101, 250]) {
        const other = (rows[(index + offset) % rows.length] as { answer: string }).answer;
        if (other === gold) continue;
        compared++;
        const verdict = verifyMath({ completion: `\\boxed{${other}}`, reference: gold, prompt });
        if (verdict.correct) accepted.push(`${gold} ← ${other}`);
      }
    }
    expect(compared).toBeGreaterThan(1950);
    // `x=5` states 5: the one pair among these that is the same answer written two ways. (`\pi`
    // for `180^\circ` is the same angle, refused because that question asks for degrees.)
    expect(accepted).toEqual(["5 ← x=5"]);
  });
});

interface MathVerifyCase {
  gold: string;
  pred: string;
  expected: 0 | 1;
  source_test: string;
  harness: "compare_strings" | "parse_verify_default";
  config: { match_types?: string[]; precision?: number; strict?: boolean; allow_set_relation_comp?: boolean };
}

/**
 * Math-Verify's own test cases, replayed as its harness calls it: `match_types` says what the
 * extractor reads (LaTeX and/or plain expressions, whose numbers Math-Verify reads with decimal
 * commas), `precision` is float_rounding.
 */
export function mathVerifyCaseOptions(config: MathVerifyCase["config"]) {
  const types = config.match_types ?? ["latex", "expr"];
  return {
    ...defaultMathOptions,
    floatRounding: config.precision ?? 6,
    allowSetRelation: config.allow_set_relation_comp ?? false,
    extraction: {
      latex: types.includes("latex"),
      numbers: types.includes("expr"),
      decimalComma: !types.includes("latex"),
    },
  };
}

describe.skipIf(!hasSharedData("math-verify-tests/math_verify_test_cases.jsonl"))(
  "math on Math-Verify's test cases",
  () => {
    it("agrees with the expected verdicts in every category (target ≥ 98%)", () => {
      const cases = readJsonl<MathVerifyCase>("math-verify-tests/math_verify_test_cases.jsonl");
      const byCategory = new Map<string, { agree: number; total: number }>();
      const disagreements: string[] = [];
      for (const testCase of cases) {
        const verdict = verifyMath(
          { completion: testCase.pred, reference: testCase.gold },
          mathVerifyCaseOptions(testCase.config),
        );
        const category = testCase.source_test.replace(/\[\d+\]$/, "");
        const tally = byCategory.get(category) ?? { agree: 0, total: 0 };
        tally.total++;
        if (Number(verdict.correct) === testCase.expected) tally.agree++;
        else disagreements.push(`${testCase.source_test}: ${verdict.reason}`);
        byCategory.set(category, tally);
      }
      const agreeing = [...byCategory.values()].reduce((sum, tally) => sum + tally.agree, 0);
      expect(cases.length).toBe(135);
      expect(agreeing / cases.length).toBeGreaterThanOrEqual(0.98);
      expect(disagreements).toEqual([]);
    });
  },
);
