import { describe, expect, it } from "vitest";
import { batchOf, runEstimator } from "../../test/helpers/advantage-batch.js";
import { AdvantageDiagnostics } from "./diagnostics.js";
import { groupSamples } from "./groups.js";

describe("advantage diagnostics", () => {
  it("counts zero-std, all-correct and all-wrong groups and summarizes advantages", () => {
    const rewards = [1, 1, 0, 0, 1, 0, 0.5];
    const out = runEstimator({ type: "grpo" }, batchOf(rewards, ["a", "a", "b", "b", "c", "c", "d"]));
    expect(out.diagnostics).toMatchObject({
      samples: 7,
      groups: 4,
      singleton_groups: 1,
      zero_std_groups: 2,
      zero_std_fraction: 2 / 3,
      all_correct_groups: 1,
      // "b" (0, 0) and "d" (0.5): no sample reaches correct-at 1, so both are all wrong.
      all_wrong_groups: 2,
      filtered_groups: 0,
    });
    expect(out.diagnostics?.reward_mean).toBeCloseTo(3.5 / 7, 12);
    const advantages = out.advantages;
    const mean = advantages.reduce((a, b) => a + b, 0) / advantages.length;
    expect(out.diagnostics?.advantage_mean).toBeCloseTo(mean, 12);
  });

  it("gives per-group summaries and accumulates over batches", () => {
    const diagnostics = new AdvantageDiagnostics({ correctAt: 0.9, wrongAt: 0.1 });
    const first = batchOf([0.95, 0.92], ["x", "x"]).samples;
    const summaries = diagnostics.add({
      rewards: [0.95, 0.92],
      advantages: [0.7, -0.7],
      groups: groupSamples(first),
    });
    expect(summaries).toEqual([
      expect.objectContaining({
        group: "x",
        size: 2,
        all_correct: true,
        zero_std: false,
        advantage_min: -0.7,
        advantage_max: 0.7,
      }),
    ]);
    diagnostics.add({ rewards: [0.05], advantages: [0], groups: groupSamples([{}]), keep: [false] });
    expect(diagnostics.toJSON()).toMatchObject({
      groups: 2,
      all_correct_groups: 1,
      all_wrong_groups: 1,
      filtered_samples: 1,
    });
  });
});
