import { describe, expect, it } from "vitest";
import { loadSpec } from "../../engine/index.js";
import { makeSample, testContext } from "../../testing/index.js";
import { defaultMathOptions, verifyMath } from "./verify-math.js";

const correct = (completion: string, reference: string) => verifyMath({ completion, reference }).correct;

describe("math answer extraction", () => {
  it("reads the answer from boxes (nested braces), tags, ####, answer phrases, LaTeX and the last number", () => {
    expect(correct("so $\\boxed{\\frac{1}{2}}$", "1/2")).toBe(true);
    expect(correct("\\boxed{\\frac{\\sqrt{3}}{2}}", "\\frac{\\sqrt3}{2}")).toBe(true);
    expect(correct("<think>2+3</think><answer>5</answer>", "5")).toBe(true);
    expect(correct("... so 9 * 2 = 18\n#### 18", "18")).toBe(true);
    expect(correct("Therefore the answer is 42.", "42")).toBe(true);
    expect(correct("Final Answer: The largest $n$ is 34.", "34")).toBe(true);
    expect(correct("We get $x = 7$ in the end", "7")).toBe(true);
    expect(correct("3 + 4 = 7 apples, then 7 - 2 = 5", "5")).toBe(true);
  });

  it("takes the last box, and joins boxes that list one answer", () => {
    expect(correct("first \\boxed{3} then corrected: \\boxed{4}", "4")).toBe(true);
    expect(correct("first \\boxed{3} then corrected: \\boxed{4}", "3")).toBe(false);
    expect(correct("$\\boxed{(2, 2)} \\quad \\text{and} \\quad \\boxed{(6, 2)}$", "(2, 2), (6, 2)")).toBe(
      true,
    );
    expect(correct("\\boxed{1} no no no no no \\boxed{2}", "1, 2")).toBe(false);
  });

  it("reads a later final statement over a box that was a step, and ignores one without a value", () => {
    expect(correct("First, \\boxed{12} apples. Then 12 + 18 = 30. So the final answer is 30.", "30")).toBe(
      true,
    );
    expect(correct("The answer is \\boxed{5}.\n\nNote: the answer is positive.", "5")).toBe(true);
    expect(
      correct("Step 1 gives **3**, step 2 gives **2**. Therefore, the final answer is **5**.", "5"),
    ).toBe(true);
    expect(correct("The cost is **12**. Then she has 30 apples.", "30")).toBe(true);
  });

  it("reads the reference as a bare answer, a #### solution or a boxed solution", () => {
    expect(correct("18", "She makes 9 * 2 = $<<9*2=18>>18.\n#### 18")).toBe(true);
    expect(correct("\\boxed{3}", "The sum is $1+2=\\boxed{3}$.")).toBe(true);
    expect(
      correct("\\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}", "\\left( 3, \\frac{\\pi}{2} \\right)"),
    ).toBe(true);
  });

  it("reads thousands separated by spaces or commas in prose", () => {
    expect(correct("It costs 1 000 dollars", "1000")).toBe(true);
    expect(correct("It costs $1,000.99 in all", "1000.99")).toBe(true);
    expect(correct("AZYUK2A", "2")).toBe(false);
  });

  it("takes a short answer in words when nothing else is there", () => {
    expect(correct("north america", "North America")).toBe(true);
    expect(correct("South America", "North America")).toBe(false);
    expect(correct("\\boxed{\\text{north america}}", "\\text{North America}")).toBe(true);
  });

  it("says what it extracted and why in the reason", () => {
    const verdict = verifyMath({ completion: "... #### 18", reference: "18" });
    expect(verdict.reason).toBe('extracted "18" from #### ; equal to reference "18": 18 = 18 (numbers)');
    expect(verifyMath({ completion: "no digits here", reference: "18" })).toMatchObject({
      correct: false,
      reason: "no answer found in the completion",
    });
  });
});

describe("math equivalence", () => {
  const cases: [string, string, boolean][] = [
    ["1,000", "1000", true],
    ["\\$1,234.50", "1234.5", true],
    ["0.5", "\\frac{1}{2}", true],
    ["\\dfrac{3}{4}", "3/4", true],
    ["-\\frac{10}{9}", "-10/9", true],
    ["50\\%", "50", true],
    ["0.5", "50\\%", true],
    ["1.5 \\times 10^{3}", "1500", true],
    ["1.5e3", "1500", true],
    ["6.02E23", "6.02 \\times 10^{23}", true],
    ["\\frac{1}{2004!}", "\\frac{1}{2006!}", false],
    ["2^{100}", "2^{100}+1", false],
    ["2^{100}", "1267650600228229401496703205376", true],
    ["0.\\overline{3}", "\\frac{1}{3}", true],
    ["0.1\\overline{6}", "\\frac{1}{6}", true],
    ["0.\\overline{3}", "0.3", false],
    ["+5", "5", true],
    ["\\left( 1, 2 \\right)", "(1,2)", true],
    ["15 \\text{ cm}^2", "15", true],
    ["90^\\circ", "90", true],
    ["\\tan 45^\\circ", "1", true],
    ["\\sin 30^{\\circ}", "\\frac{1}{2}", true],
    ["\\log_2 8", "3", true],
    ["\\binom{5}{2}", "10", true],
    ["\\sqrt[3]{-8}", "-2", true],
    ["|-3|", "3", true],
    ["\\frac{x^2-1}{x-1}", "x+1", true],
    ["(3,4),(1,2)", "(1,2),(3,4)", true],
    ["x=2", "x=2, y=3", false],
    ["\\frac{\\sqrt{2}}{2}", "\\frac{1}{\\sqrt{2}}", true],
    ["2\\pi", "6.283185", true],
    ["3.14", "\\pi", true],
    ["3.15", "\\pi", false],
    ["3", "\\pi", false],
    ["[0, 1)", "[0,1)", true],
    ["(0, 1]", "[0,1)", false],
    ["(-\\infty, 2) \\cup (3, \\infty)", "(-\\infty,2)\\cup(3,\\infty)", true],
    ["(2, 1)", "(1, 2)", false],
    ["\\{2, 1\\}", "\\{1, 2\\}", true],
    ["3, 1, 2", "1, 2, 3", true],
    ["x = 5", "5", true],
    ["5", "x = 5", true],
    ["y = 2x + 1", "y = 1 + 2x", true],
    ["2y - 4x = 2", "y = 2x + 1", true],
    ["x \\ge 5", "x \\geq 5", true],
    ["5 \\le x", "x \\ge 5", true],
    ["x > 5", "x \\geq 5", false],
    ["2(x+1)", "2x+2", true],
    ["(x+1)^2", "x^2+2x+1", true],
    ["(x+1)^2", "x^2+1", false],
    ["\\sin^2 x + \\cos^2 x", "1", true],
    ["1 \\pm \\sqrt{19}", "1 + \\sqrt{19}, 1 - \\sqrt{19}", true],
    ["\\pm 2", "2", false],
    [
      "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}",
      "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}",
      true,
    ],
    ["\\text{Evelyn}", "\\text{Evelyn}", true],
    ["\\text{(C)}", "C", true],
    ["odd", "\\text{odd}", true],
    ["x + 1", "y + 1", false],
    ["204_5", "54", false],
    ["15\\frac{39}{40}", "\\frac{639}{40}", true],
    ["12:00", "1:00", false],
    ["-5i + 6", "6 - 5i", true],
    ["(2+i)(3-i)", "7+i", true],
    ["i^2", "-1", true],
    ["\\frac{1}{1+i}", "\\frac{1}{2} - \\frac{1}{2}i", true],
    ["\\sqrt{-4}", "2i", true],
    ["2i", "-2i", false],
    ["xi + x", "x(1+i)", true],
  ];
  it.each(cases)("%s against reference %s → %s", (answer, reference, expected) => {
    expect(correct(`\\boxed{${answer}}`, reference)).toBe(expected);
  });

  it("rounds to float_rounding places when a side is written as a decimal", () => {
    expect(correct("0.333333", "\\frac{1}{3}")).toBe(true);
    expect(correct("0.333334", "\\frac{1}{3}")).toBe(false);
    expect(
      verifyMath(
        { completion: "\\boxed{4.12311}", reference: "\\sqrt{17}" },
        { ...defaultMathOptions, floatRounding: 5 },
      ).correct,
    ).toBe(true);
  });

  it("compares a shorter decimal at the precision it was written with, and says so", () => {
    const verdict = verifyMath({ completion: "\\boxed{0.33}", reference: "\\frac{1}{3}" });
    expect(verdict.correct).toBe(true);
    expect(verdict.reason).toContain(
      "rounded to 2 decimal places (0.33), the precision the answer was written with",
    );
    expect(correct("0.67", "\\frac{2}{3}")).toBe(true);
    expect(correct("0.66", "\\frac{2}{3}")).toBe(false); // truncated, not rounded
    expect(correct("0.3", "\\frac{1}{3}")).toBe(false); // one significant digit says too little
    expect(correct("0.13", "\\frac{1}{8}")).toBe(false); // 1/8 = 0.125 has a finite expansion: give it
    expect(correct("1.41", "\\sqrt{2}")).toBe(true);
    expect(correct("33.3\\%", "\\frac{1}{3}")).toBe(true);
    const strict = { ...defaultMathOptions, roundedAnswers: false };
    expect(verifyMath({ completion: "0.33", reference: "\\frac{1}{3}" }, strict).correct).toBe(false);
    const asked = {
      completion: "0.33",
      reference: "\\frac{1}{3}",
      prompt: "Express your answer as a common fraction.",
    };
    expect(verifyMath(asked).correct).toBe(false);
  });

  it("reads inequalities, intervals and unions as sets of x (solved answers by default)", () => {
    expect(correct("\\boxed{-2 \\le x \\le 7}", "[-2, 7]")).toBe(true);
    expect(correct("\\boxed{x < -2 \\text{ or } x > 3}", "(-\\infty, -2) \\cup (3, \\infty)")).toBe(true);
    expect(correct("\\boxed{x \\le -2 \\text{ or } x > 3}", "(-\\infty, -2) \\cup (3, \\infty)")).toBe(false);
    expect(correct("\\boxed{x \\ge 1 \\text{ and } x \\le 5}", "[1, 5]")).toBe(true);
    expect(correct("\\boxed{(-3, 3)}", "|x| < 3")).toBe(true);
    expect(correct("\\boxed{x < -3 \\text{ or } x > 3}", "|x| > 3")).toBe(true);
    expect(correct("\\boxed{[-2, 7]}", "-2 \\le x \\le 7")).toBe(true);
    // Not solved for x: may just restate the problem.
    const unsolved = verifyMath({ completion: "\\boxed{|x - 2| \\le 5}", reference: "[-3, 7]" });
    expect(unsolved.correct).toBe(false);
    expect(unsolved.reason).toContain("not solved for it");
    const any = { ...defaultMathOptions, allowSetRelation: true };
    expect(verifyMath({ completion: "\\boxed{|x - 2| \\le 5}", reference: "[-3, 7]" }, any).correct).toBe(
      true,
    );
    const never = { ...defaultMathOptions, allowSetRelation: false };
    expect(verifyMath({ completion: "\\boxed{-2 \\le x \\le 7}", reference: "[-2, 7]" }, never).correct).toBe(
      false,
    );
    expect(correct("\\boxed{2x + 4 = 8}", "x = 2")).toBe(false);
    expect(correct("\\boxed{2x < 6}", "x < 3")).toBe(false);
  });
});

describe("math on pathological inputs", () => {
  it("refuses a 1 MB completion with LIMIT_EXCEEDED", () => {
    const huge = `${"blah ".repeat(210_000)}\\boxed{5}`;
    expect(() => verifyMath({ completion: huge, reference: "5" })).toThrow(/over max_chars=200000/);
  });

  // Each scanner is linear or bounded: these once took seconds (repeated "answer" phrases did).
  it("reads long adversarial completions without quadratic scans", { timeout: 10_000 }, () => {
    const size = 190_000;
    for (const unit of [
      "answer is ",
      "\\boxed{",
      "$",
      "\\(",
      "\\[",
      "1,",
      "{",
      "answer: ",
      "A:\n",
      "<answer>",
    ]) {
      const completion = unit.repeat(Math.floor(size / unit.length));
      expect(verifyMath({ completion, reference: "5" }).correct).toBe(false);
    }
  });

  it("fails deeply nested braces with LIMIT_EXCEEDED, quickly", () => {
    const nested = `\\boxed{${"{".repeat(50_000)}1${"}".repeat(50_000)}}`;
    expect(() => verifyMath({ completion: nested, reference: "1" })).toThrow(
      /has 100001 characters, over 2000/,
    );
    const deep = `\\boxed{${"(".repeat(200)}1${")".repeat(200)}}`;
    expect(() => verifyMath({ completion: deep, reference: "1" })).toThrow(/nests deeper than 48 levels/);
    const unclosed = "\\boxed{\\frac{".repeat(15_000);
    expect(verifyMath({ completion: unclosed, reference: "1" }).correct).toBe(false);
  });
});

describe("math node", () => {
  it("scores 1 or 0 with the reason, and says NOT_APPLICABLE without a reference", async () => {
    const loaded = await loadSpec({ version: 1, reward: { type: "math", name: "correct" } });
    const results = await loaded.reward.score(
      [
        makeSample({ completion: "<answer>\\frac{1}{2}</answer>", reference: "0.5" }),
        makeSample({ completion: "The answer is 3", reference: 4 }),
        makeSample({ completion: "5" }),
        makeSample({ completion: "\\boxed{x = 4}", reference: ["3", "4"] }),
      ],
      testContext(),
    );
    expect(results.map((result) => result.score)).toEqual([1, 0, 0, 1]);
    expect(results[0]?.reason).toContain('extracted "\\frac{1}{2}" from <answer> tags');
    expect(results[1]?.components).toEqual({ correct: 0 });
    expect(results[2]?.error?.code).toBe("NOT_APPLICABLE");
  });

  it("reports an oversized completion as an error row, and scores the others", async () => {
    const loaded = await loadSpec({ version: 1, reward: { type: "math", max_chars: 100 } });
    const results = await loaded.reward.score(
      [
        makeSample({ completion: "x".repeat(101), reference: "1" }),
        makeSample({ completion: "1", reference: "1" }),
      ],
      testContext(),
    );
    expect(results[0]?.error?.code).toBe("LIMIT_EXCEEDED");
    expect(results[1]?.score).toBe(1);
  });
});
