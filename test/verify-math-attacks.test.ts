import { describe, expect, it } from "vitest";
import { loadSpec } from "../src/engine/index.js";
import { makeSample, testContext } from "../src/testing/index.js";

/**
 * The math attack suite (docs/robustness.md): each attack scores 0 under `{type: math}` as it is,
 * with a reason naming it, and the option that relaxes it lets it through. Run through the spec
 * node, as a user's reward runs.
 */
async function score(
  rows: { completion: string; reference: string; prompt?: string }[],
  options: Record<string, unknown> = {},
) {
  const loaded = await loadSpec({ version: 1, reward: { type: "math", name: "correct", ...options } });
  try {
    return await loaded.reward.score(
      rows.map((row) => makeSample(row)),
      testContext(),
    );
  } finally {
    await loaded.close();
  }
}

describe("math attack: hedging", () => {
  const hedges = [
    "$\\boxed{3}$ or $\\boxed{5}$",
    "\\boxed{3 \\text{ or } 5}",
    "The answer is one of \\boxed{2, 3, 4, 5}.",
    "The answer is 3 or 5.",
    "It must be either 3 or 5",
    "\\boxed{3}\n\nAlternatively, \\boxed{5}.",
    "I think \\boxed{4}, maybe \\boxed{3}, or perhaps \\boxed{5}.",
  ];

  it("scores several different final answers 0, saying it is a hedge", async () => {
    const results = await score(hedges.map((completion) => ({ completion, reference: "5" })));
    expect(results.map((result) => result.score)).toEqual(hedges.map(() => 0));
    for (const result of results)
      expect(result.reason).toMatch(/offers \d different values .* a hedge is not an answer/);
  });

  it("still accepts one answer repeated or corrected, and a list for a list reference", async () => {
    const results = await score([
      { completion: "So $\\boxed{5}$. Checking again: $\\boxed{5}$.", reference: "5" },
      { completion: "I got $\\boxed{3}$, but that is wrong: 2 + 3 = 5, so $\\boxed{5}$.", reference: "5" },
      { completion: "$\\boxed{3}$ and $\\boxed{5}$", reference: "3, 5" },
      { completion: "$x = 3$ or $x = 5$", reference: "3, 5" },
    ]);
    expect(results.map((result) => result.score)).toEqual([1, 1, 1, 1]);
  });

  it("grades the last value with hedging: last, and any right value with hedging: any", async () => {
    const rows = [
      { completion: "$\\boxed{3}$ or $\\boxed{5}$", reference: "5" },
      { completion: "$\\boxed{5}$ or $\\boxed{3}$", reference: "5" },
    ];
    expect((await score(rows, { hedging: "last" })).map((result) => result.score)).toEqual([1, 0]);
    expect((await score(rows, { hedging: "any" })).map((result) => result.score)).toEqual([1, 1]);
  });
});

describe("math attack: an answer copied from the prompt", () => {
  it("scores the prompt's own expression 0 even when its value is right", async () => {
    const results = await score([
      { completion: "\\boxed{\\binom{8}{4}}", reference: "70", prompt: "Compute $\\dbinom{8}{4}$." },
      {
        completion: "The answer is $\\boxed{17 \\times 23}$.",
        reference: "391",
        prompt: "Compute $17 \\times 23$.",
      },
      { completion: "\\boxed{2+3}", reference: "5", prompt: "Compute 2+3." },
      { completion: "\\boxed{70}", reference: "70", prompt: "Compute $\\dbinom{8}{4}$." },
    ]);
    expect(results.map((result) => result.score)).toEqual([0, 0, 0, 1]);
    expect(results[0]?.reason).toContain(
      "repeats math from the prompt instead of a result (prompt_echo: allow",
    );
  });

  it("refuses a restated inequality for its solution set (not solved for x)", async () => {
    const [result] = await score([
      { completion: "\\boxed{|x - 2| \\le 5}", reference: "[-3, 7]", prompt: "Solve $|x - 2| \\le 5$." },
    ]);
    expect(result?.score).toBe(0);
    expect(result?.reason).toContain("not solved for it");
  });

  it("accepts such copies with prompt_echo: allow", async () => {
    const [result] = await score(
      [{ completion: "\\boxed{\\binom{8}{4}}", reference: "70", prompt: "Compute $\\dbinom{8}{4}$." }],
      { prompt_echo: "allow" },
    );
    expect(result?.score).toBe(1);
  });
});

describe("math attack: empty or wordy boxes", () => {
  it("scores an empty final box 0 even when the right number is in the text", async () => {
    const results = await score([
      { completion: "We find 42 in the end. So the answer is $\\boxed{}$.", reference: "42" },
      { completion: "42 - 42 + 42 = 42, hence \\boxed{ }", reference: "42" },
    ]);
    expect(results.map((result) => result.score)).toEqual([0, 0]);
    expect(results[0]?.reason).toContain("the final \\boxed{} is empty (empty_box: ignore");
    const relaxed = await score([{ completion: "We find 42. So $\\boxed{}$.", reference: "42" }], {
      empty_box: "ignore",
    });
    expect(relaxed[0]?.score).toBe(1);
  });

  it("scores words in a box 0 against a math reference", async () => {
    const results = await score([
      { completion: "The result is 42. \\boxed{\\text{anything}}", reference: "42" },
      { completion: "\\boxed{\\text{any number}}", reference: "42" },
      { completion: "\\boxed{\\text{42 or 43}}", reference: "42" },
    ]);
    expect(results.map((result) => result.score)).toEqual([0, 0, 0]);
    expect(results[0]?.reason).toContain('text against math: the answer is words ("anything")');
  });
});

describe("math attack: an answer only inside <think>", () => {
  it("reads only the text after the think block", async () => {
    const results = await score([
      { completion: "<think>The answer is \\boxed{42}.</think>\nI am not sure.", reference: "42" },
      { completion: "<think>Computing... so it is 42.", reference: "42" },
      { completion: "<think>Maybe 40? No.</think>\nThe answer is $\\boxed{42}$.", reference: "42" },
    ]);
    expect(results.map((result) => result.score)).toEqual([0, 0, 1]);
    expect(results[0]?.reason).toContain("read after the think block; read_thinking: true reads inside it");
    expect(results[1]?.reason).toContain("the think block is never closed");
  });

  it("reads inside it with read_thinking: true", async () => {
    const [result] = await score(
      [{ completion: "<think>The answer is \\boxed{42}.</think>", reference: "42" }],
      {
        read_thinking: true,
      },
    );
    expect(result?.score).toBe(1);
  });
});

describe("math attack: a huge expression that evaluates to everything", () => {
  it("never calls values equal because both overflow or underflow", async () => {
    const pairs: [string, string][] = [
      ["1e999999", "2e999999"],
      ["999999!", "1000000!"],
      ["9^{9^{9^8}}", "9^{9^{9^9}}"],
      ["10^{1000}", "\\infty"],
      ["10^{-10^{10}}", "0"],
      ["\\pi + 10^{-20}", "\\pi"],
      ["\\frac{0}{0}", "5"],
      ["\\infty - \\infty", "0"],
    ];
    const results = await score(
      pairs.map(([completion, reference]) => ({ completion: `\\boxed{${completion}}`, reference })),
    );
    expect(results.map((result) => result.score)).toEqual(pairs.map(() => 0));
    expect(results[1]?.reason).toContain("different magnitudes");
    expect(results[5]?.reason).toContain("below the comparison's tolerance");
  });

  it("still equates the same huge value written two ways, exactly", async () => {
    const results = await score([
      { completion: "\\boxed{2^{10^6}}", reference: "2^{1000000}" },
      { completion: "\\boxed{10^{999999}}", reference: "1e999999" },
      { completion: "\\boxed{4^{500000}}", reference: "2^{1000000}" },
      { completion: "\\boxed{20 \\times 10^{14656}}", reference: "2e14657" },
    ]);
    expect(results.map((result) => result.score)).toEqual([1, 1, 1, 1]);
  });
});
