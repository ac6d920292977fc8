import { describe, expect, it } from "vitest";
import { loadError, loadNode, metaNumber } from "../../test/helpers/compose.js";
import { MemoryStateStore } from "../core/index.js";
import { makeSample, testContext } from "../testing/index.js";
import { adjustWeights, controlledReward, targetGap } from "./dimensional-control.js";

// A worked example of our own (the paper gives no formulas or numbers for its controllers; the
// mechanism here is reconstructed): targets novelty 0.8, feasibility 0.6, effectiveness 0.7, weights
// 1 each, η 1. Idea A scores (0.9, 0.4, 0.7), idea B (0.5, 0.8, 0.6).
//   reward A = −(0.1² + 0.2² + 0²) = −0.05;  reward B = −(0.3² + 0.2² + 0.1²) = −0.14
//   mean gaps of the step: novelty (0.1 + 0.3)/2 = 0.2, feasibility 0.2, effectiveness 0.05
//   next weights ∝ (e^0.2, e^0.2, e^0.05), rescaled to sum 3: (1.048691, 1.048691, 0.902617)
//   next step, A again: −(1.048691·0.01 + 1.048691·0.04) = −0.052435; B: −0.145356
const dimensions = [
  { target: 0.8, kind: "match" as const },
  { target: 0.6, kind: "match" as const },
  { target: 0.7, kind: "match" as const },
];
const ideaA = { novelty: 0.9, feasibility: 0.4, effectiveness: 0.7 };
const ideaB = { novelty: 0.5, feasibility: 0.8, effectiveness: 0.6 };

const spec = (fields: Record<string, unknown> = {}) => ({
  type: "dimensional_control",
  name: "idea",
  dimensions: [
    { reward: metaNumber("novelty", { name: "novelty" }), target: 0.8 },
    { reward: metaNumber("feasibility", { name: "feasibility" }), target: 0.6 },
    { reward: metaNumber("effectiveness", { name: "effectiveness" }), target: 0.7 },
  ],
  ...fields,
});
const ideas = (...metas: Record<string, unknown>[]) =>
  metas.map((meta) => makeSample({ completion: "", meta }));

describe("dimensional control (#64, reconstructed)", () => {
  it("the worked example in pure functions", () => {
    const scores = (idea: typeof ideaA) => [idea.novelty, idea.feasibility, idea.effectiveness];
    expect(controlledReward({ scores: scores(ideaA), dimensions, weights: [1, 1, 1] })).toBeCloseTo(
      -0.05,
      12,
    );
    expect(controlledReward({ scores: scores(ideaB), dimensions, weights: [1, 1, 1] })).toBeCloseTo(
      -0.14,
      12,
    );
    const weights = adjustWeights({ weights: [1, 1, 1], meanGaps: [0.2, 0.2, 0.05], rate: 1 });
    expect(weights[0]).toBeCloseTo(1.048691, 6);
    expect(weights[2]).toBeCloseTo(0.902617, 6);
    expect(targetGap(0.9, { target: 0.8, kind: "at_least" })).toBe(0);
    expect(targetGap(0.5, { target: 0.8, kind: "at_least" })).toBeCloseTo(0.3, 12);
  });

  it("the worked example through the node: weights move once per step, per run", async () => {
    const { reward } = await loadNode(spec());
    const store = new MemoryStateStore();
    const score = (step: number, runId = "run-a") =>
      reward.score(ideas(ideaA, ideaB), testContext({ stateStore: store, runId, step }));
    const first = await score(0);
    expect(first.map((result) => result.score)).toEqual([
      expect.closeTo(-0.05, 12),
      expect.closeTo(-0.14, 12),
    ]);
    expect(first[0]?.components).toMatchObject({ "idea.weight.novelty": 1, novelty: 0.9 });
    // More of step 0's rollouts: still the starting weights.
    expect((await score(0))[0]?.score).toBeCloseTo(-0.05, 12);
    const second = await score(1);
    expect(second[0]?.score).toBeCloseTo(-0.052435, 6);
    expect(second[1]?.score).toBeCloseTo(-0.145356, 6);
    expect(second[0]?.components?.["idea.weight.effectiveness"]).toBeCloseTo(0.902617, 6);
    // An older step (a replay) is scored with the current weights and moves nothing.
    expect((await score(0))[0]?.components?.["idea.weight.novelty"]).toBeCloseTo(1.048691, 6);
    // Another run starts from the starting weights.
    expect((await score(5, "run-b"))[0]?.components?.["idea.weight.novelty"]).toBe(1);
  });

  it("steers: over steps the weight goes to the dimension that stays off target", async () => {
    const { reward } = await loadNode(spec({ rate: 2 }));
    const store = new MemoryStateStore();
    let weights: Record<string, number> = {};
    for (let step = 0; step < 6; step++) {
      const [result] = await reward.score(
        ideas({ novelty: 0.3, feasibility: 0.6, effectiveness: 0.7 }),
        testContext({ stateStore: store, runId: "r", step }),
      );
      weights = result?.components as Record<string, number>;
    }
    expect(weights["idea.weight.novelty"]).toBeGreaterThan(1.5);
    expect(weights["idea.weight.feasibility"]).toBeLessThan(1);
  });

  it("rows may set their own targets; unknown names and non-numbers are row errors", async () => {
    const { reward } = await loadNode(spec());
    const results = await reward.score(
      ideas(
        { ...ideaA, targets: { novelty: 0.9, feasibility: 0.4 } },
        { ...ideaA, targets: { creativity: 1 } },
        { ...ideaA, targets: { novelty: "high" } },
      ),
      testContext({ stateStore: new MemoryStateStore(), runId: "r", step: 0 }),
    );
    expect(results[0]?.score).toBeCloseTo(0, 12);
    expect(results[1]?.error?.message).toMatch(/unknown dimensions: creativity/);
    expect(results[2]?.error?.message).toMatch(/meta\.targets\.novelty must be a finite number/);
  });

  it("at_least only charges a shortfall; a cache is refused", async () => {
    const { reward } = await loadNode(
      spec({
        rate: 0,
        dimensions: [{ reward: metaNumber("novelty", { name: "novelty" }), target: 0.8, kind: "at_least" }],
      }),
    );
    const results = await reward.score(ideas({ novelty: 0.95 }, { novelty: 0.6 }), testContext());
    expect(results.map((result) => result.score)).toEqual([0, expect.closeTo(-0.04, 12)]);
    expect((await loadError(spec({ cache: true }))).message).toMatch(/cache/);
  });
});
