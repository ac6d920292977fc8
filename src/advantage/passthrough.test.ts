import { describe, expect, it } from "vitest";
import { batchOf, runEstimator } from "../../test/helpers/advantage-batch.js";

describe("passthrough", () => {
  it("keeps each reward as its advantage and reports the largest group mean", () => {
    // Think-RM's worked matrix [[0,2,1],[-2,0,-1],[-1,1,0]] gives [1, -1, 0]/sqrt(1 + 1e-6): zero-mean.
    const denominator = Math.sqrt(1 + 1e-6);
    const rewards = [1 / denominator, -1 / denominator, 0, 0.5, 0.25];
    const out = runEstimator({ type: "passthrough" }, batchOf(rewards, ["a", "a", "a", "b", "b"]));
    expect(out.advantages).toEqual(rewards);
    // Group b's mean is 0.375: a trainer that centres by the group mean would change it.
    expect(out.diagnostics?.largest_group_mean).toBeCloseTo(0.375, 12);
  });

  it("still refuses a non-finite reward, naming the sample", () => {
    expect(() => runEstimator({ type: "passthrough" }, batchOf([1, Number.NaN], ["a", "a"]))).toThrow(
      expect.objectContaining({
        path: "samples[1].reward",
        message: "expected a finite number, received NaN",
      }),
    );
  });
});
