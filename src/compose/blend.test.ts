import { describe, expect, it } from "vitest";
import { loadError, loadNode, metaNumber } from "../../test/helpers/compose.js";
import { MemoryStateStore } from "../core/index.js";
import { makeSample, testContext } from "../testing/index.js";
import { blendStep, gradientAlignment, rewardAlignment } from "./blend.js";
import { advanceBlendState, initialBlendState } from "./blend-state.js";

const options = { learningRate: 0.5, regularization: 0, min: -5, max: 5 };

describe("BARFI's outer step (rm-rl.md §16)", () => {
  it("moves each weight by β·(g_p·g_aux − λφ) and clips it", () => {
    expect(gradientAlignment([1, 2, -1], [0.5, -1, 2])).toBeCloseTo(-3.5, 12);
    expect(blendStep([1, 0], [-3.5, 2], options)).toEqual([-0.75, 1]);
    expect(blendStep([1], [0], { ...options, regularization: 0.2 })).toEqual([0.9]);
    expect(blendStep([4.9], [10], options)).toEqual([5]);
  });

  it("estimates the alignment from rewards: within-group covariance, or correlation when normalized", () => {
    // Group g: primary [1, 0], auxiliary [0, 2] (misleading); group h: [1, 0] and [3, 1] (helpful).
    const input = {
      primary: [1, 0, 1, 0],
      auxiliary: [0, 2, 3, 1],
      groups: ["g", "g", "h", "h"],
    };
    const covariance = rewardAlignment({ ...input, normalize: false });
    // Centred products: g: (0.5)(−1) + (−0.5)(1) = −1; h: (0.5)(1) + (−0.5)(−1) = 1; sum 0 over 4.
    expect(covariance).toEqual({ alignment: 0, count: 4 });
    const misleading = rewardAlignment({ primary: [1, 0, 0], auxiliary: [0, 2, 2], normalize: true });
    expect(misleading.alignment).toBeCloseTo(-1, 12);
    // A single-rollout group carries no signal and is not counted.
    expect(rewardAlignment({ primary: [1], auxiliary: [3], normalize: true })).toEqual({
      alignment: 0,
      count: 0,
    });
  });

  it("updates once per training step, from the finished step's mean alignment; older steps change nothing", () => {
    let state = initialBlendState([1]);
    state = advanceBlendState(state, { alignments: [-1], count: 2, step: 0, options });
    state = advanceBlendState(state, { alignments: [0], count: 2, step: 0, options });
    expect(state.weights).toEqual([1]);
    state = advanceBlendState(state, { alignments: [1], count: 4, step: 1, options });
    // Step 0's mean alignment −0.5 → 1 + 0.5·(−0.5).
    expect(state.weights).toEqual([0.75]);
    expect(advanceBlendState(state, { alignments: [9], count: 9, step: 0, options })).toBe(state);
  });
});

describe("the blend node: weights learnt per run", () => {
  const node = (extra: Record<string, unknown> = {}) => ({
    type: "blend",
    name: "mix",
    primary: metaNumber("p", { name: "task" }),
    auxiliary: [
      { reward: metaNumber("good", { name: "good" }) },
      { reward: metaNumber("bad", { name: "bad" }) },
    ],
    learning_rate: 0.5,
    ...extra,
  });
  // Rollouts of one prompt: the helpful heuristic rises with the task reward, the misleading one falls.
  const batch = [
    makeSample({ completion: "a", group: 1, meta: { p: 1, good: 0.8, bad: 0 } }),
    makeSample({ completion: "b", group: 1, meta: { p: 0, good: 0.1, bad: 1 } }),
    makeSample({ completion: "c", group: 1, meta: { p: 1, good: 0.9, bad: 0.2 } }),
    makeSample({ completion: "d", group: 1, meta: { p: 0, good: 0.3, bad: 0.7 } }),
  ];

  it("starts as r_p + Σ φ_i r_aux,i and moves φ toward the helpful and away from the misleading reward", async () => {
    const loaded = await loadNode(node());
    const store = new MemoryStateStore();
    const at = (step: number) => testContext({ stateStore: store, runId: "r1", step });
    const first = await loaded.reward.score(batch, at(0));
    expect(first[0]?.score).toBeCloseTo(1 + 0.8 + 0, 12);
    expect(first[0]?.components?.["mix.weight.good"]).toBe(1);
    const weights: number[][] = [];
    for (let step = 1; step <= 4; step++) {
      const results = await loaded.reward.score(batch, at(step));
      weights.push([
        results[0]?.components?.["mix.weight.good"] as number,
        results[0]?.components?.["mix.weight.bad"] as number,
      ]);
    }
    for (let step = 1; step < weights.length; step++) {
      expect(weights[step]?.[0]).toBeGreaterThan(weights[step - 1]?.[0] as number);
      expect(weights[step]?.[1]).toBeLessThan(weights[step - 1]?.[1] as number);
    }
    // Another run starts from the spec's weights.
    const other = await loaded.reward.score(batch, testContext({ stateStore: store, runId: "r2", step: 9 }));
    expect(other[0]?.components?.["mix.weight.bad"]).toBe(1);
  });

  it("keeps the start weights with `fixed`, and refuses cache and inverted bounds at load", async () => {
    const loaded = await loadNode(node({ fixed: true }));
    const store = new MemoryStateStore();
    for (let step = 0; step < 3; step++)
      await loaded.reward.score(batch, testContext({ stateStore: store, step }));
    const results = await loaded.reward.score(batch, testContext({ stateStore: store, step: 3 }));
    expect(results[0]?.components?.["mix.weight.bad"]).toBe(1);
    expect((await loadError(node({ cache: true }))).path).toBe("reward.cache");
    expect((await loadError(node({ min_weight: 2, max_weight: 1 }))).path).toBe("reward.min_weight");
  });
});
