import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../engine/index.js";
import { makeSample, testContext } from "../testing/index.js";
import { aggregateSteps } from "./sequence-aggregate.js";
import { splitSteps } from "./split-steps.js";

const stepNumber = {
  type: "module",
  name: "step_value",
  path: resolve(import.meta.dirname, "../../test/fixtures/compose/content-number.mjs"),
};

async function score(
  node: Record<string, unknown>,
  completion: unknown,
  extra: Record<string, unknown> = {},
) {
  const loaded = await loadSpec({ version: 1, reward: node });
  const sample = makeSample({ prompt: "Q", completion: completion as string, ...extra });
  const [result] = await loaded.reward.score([sample], testContext());
  return result;
}

describe("step aggregation (PRM papers)", () => {
  it("worked numbers: steps 0.9, 0.8, 0.5", () => {
    const steps = [0.9, 0.8, 0.5];
    expect(aggregateSteps(steps, "min")).toBe(0.5);
    expect(aggregateSteps(steps, "last")).toBe(0.5);
    // Lightman et al.: the probability that every step is correct, 0.9 × 0.8 × 0.5.
    expect(aggregateSteps(steps, "product")).toBeCloseTo(0.36, 12);
    expect(aggregateSteps(steps, "mean")).toBeCloseTo(2.2 / 3, 12);
    // min and product disagree on ranking: [0.6, 0.6] (min 0.6, product 0.36) vs [0.95, 0.5].
    expect(aggregateSteps([0.6, 0.6], "min")).toBeGreaterThan(aggregateSteps([0.95, 0.5], "min"));
    expect(aggregateSteps([0.6, 0.6], "product")).toBeLessThan(aggregateSteps([0.95, 0.5], "product"));
  });
});

describe("splitting into steps", () => {
  it("cuts at blank lines, trims, drops empty steps and keeps offsets", () => {
    const text = "First step.\n\nSecond step\ncontinues.\n \n\n\nThird.\n\n";
    const spans = splitSteps(text, { split: "paragraphs" });
    expect(spans.map((span) => span.text)).toEqual(["First step.", "Second step\ncontinues.", "Third."]);
    for (const span of spans) expect(text.slice(span.start, span.start + span.text.length)).toBe(span.text);
  });

  it("cuts before Step k labels, keeping a preamble as its own step", () => {
    const text = "Let me solve it.\nStep 1: add 2 and 3.\n**Step 2:** that is 5.\n## Step 3. Answer: 5";
    expect(splitSteps(text, { split: "step_labels" }).map((span) => span.text)).toEqual([
      "Let me solve it.",
      "Step 1: add 2 and 3.",
      "**Step 2:** that is 5.",
      "## Step 3. Answer: 5",
    ]);
    expect(splitSteps("no labels here", { split: "step_labels" }).map((span) => span.text)).toEqual([
      "no labels here",
    ]);
  });

  it("cuts at a step tag (Math-Shepherd's ки) and at a user regex", () => {
    const shepherd = "Step 1: 2+3=5 ки\nStep 2: The answer is 5 ки";
    expect(splitSteps(shepherd, { split: "separator", separator: "ки" }).map((span) => span.text)).toEqual([
      "Step 1: 2+3=5",
      "Step 2: The answer is 5",
    ]);
    const lines = "a) one\nb) two\nc) three";
    expect(
      splitSteps(lines, { split: "regex", pattern: /(?=^[a-z]\) )/gm }).map((span) => span.text),
    ).toEqual(["a) one", "b) two", "c) three"]);
  });
});

describe("process", () => {
  const solution = "0.9\n\n0.8\n\n0.5";

  it("scores each step and aggregates min | last | product | mean, writing step rewards", async () => {
    for (const [aggregate, expected] of [
      ["min", 0.5],
      ["last", 0.5],
      ["product", 0.36],
      ["mean", 2.2 / 3],
    ] as const) {
      const result = await score({ type: "process", aggregate, reward: stepNumber }, solution);
      expect(result?.score).toBeCloseTo(expected, 12);
      expect(result?.stepRewards).toEqual([0.9, 0.8, 0.5]);
    }
  });

  it("gives each step the solution so far as context and the whole solution in meta.process", async () => {
    const seen: unknown[] = [];
    const recorder = {
      type: "module",
      path: resolve(import.meta.dirname, "../../test/fixtures/compose/record-step.mjs"),
      options: { into: "seen" },
    };
    const loaded = await loadSpec({ version: 1, reward: { type: "process", reward: recorder } });
    const context = testContext();
    await loaded.reward.score([makeSample({ prompt: "Q", completion: "A\n\nB\n\nC" })], context);
    seen.push(...((await context.state.get("seen")) as unknown[]));
    expect(seen).toEqual([
      { prompt: "Q", completion: "A", process: { step: 0, steps: ["A", "B", "C"], question: "Q" } },
      {
        prompt: [
          { role: "user", content: "Q" },
          { role: "assistant", content: "A" },
        ],
        completion: "B",
        process: { step: 1, steps: ["A", "B", "C"], question: "Q" },
      },
      {
        prompt: [
          { role: "user", content: "Q" },
          { role: "assistant", content: "A\n\nB" },
        ],
        completion: "C",
        process: { step: 2, steps: ["A", "B", "C"], question: "Q" },
      },
    ]);
  });

  it("reads the steps from the last assistant message or its reasoning_content", async () => {
    const completion = [{ role: "assistant", content: "0.2", reasoning_content: "0.9\n\n0.7" }];
    const content = await score({ type: "process", reward: stepNumber }, completion);
    expect(content?.stepRewards).toEqual([0.2]);
    const reasoning = await score(
      { type: "process", from: "reasoning_content", reward: stepNumber },
      completion,
    );
    expect(reasoning?.stepRewards).toEqual([0.9, 0.7]);
    const none = await score({ type: "process", from: "reasoning_content", reward: stepNumber }, "0.9");
    expect(none?.error?.code).toBe("NOT_APPLICABLE");
  });

  it("rejects a spec whose split lacks its separator or pattern, naming the field", async () => {
    await expect(
      loadSpec({ version: 1, reward: { type: "process", split: "separator", reward: stepNumber } }),
    ).rejects.toMatchObject({
      code: "SPEC_INVALID",
      path: "reward.separator",
    });
    await expect(
      loadSpec({ version: 1, reward: { type: "process", split: "regex", pattern: "(", reward: stepNumber } }),
    ).rejects.toMatchObject({ code: "SPEC_INVALID", path: "reward.pattern" });
  });
});
