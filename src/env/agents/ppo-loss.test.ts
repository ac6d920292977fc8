import { describe, expect, it } from "vitest";
import { seededRandom } from "../../models/random.js";
import { type PpoMinibatch, ppoMinibatchGradients } from "./ppo-loss.js";

const cleanRl = {
  normalize_advantages: true,
  clip_coefficient: 0.2,
  clip_value_loss: true,
  entropy_coefficient: 0.01,
  value_coefficient: 0.5,
};

describe("PPO's minibatch loss", () => {
  it("passes no policy gradient where the clip binds and the full ratio where it does not (worked example)", () => {
    // Old π(a=0) = 0.5, new π(a=0) = 0.75: ratio 1.5, outside 1 ± 0.2.
    const base = {
      logits: Float64Array.of(Math.log(3), 0),
      values: Float64Array.of(0),
      actions: [0],
      oldLogits: [Float64Array.of(0, 0)],
      oldValues: [0],
      returns: [0],
      options: { ...cleanRl, normalize_advantages: false, entropy_coefficient: 0 },
    };
    // A = +1: max(−1.5, −1.2) = −1.2, the clipped branch, constant in the logits.
    const positive = ppoMinibatchGradients({ ...base, advantages: [1] });
    expect(positive.policyLoss).toBeCloseTo(-1.2, 12);
    expect(Array.from(positive.logits)).toEqual([0, 0]);
    expect(positive.clipFraction).toBe(1);
    // A = −1: max(1.5, 1.2) = 1.5, the unclipped branch: d/dlogπ = 1.5, d/dz = 1.5 ([1, 0] − [0.75, 0.25]).
    const negative = ppoMinibatchGradients({ ...base, advantages: [-1] });
    expect(negative.policyLoss).toBeCloseTo(1.5, 12);
    expect(negative.logits[0]).toBeCloseTo(0.375, 12);
    expect(negative.logits[1]).toBeCloseTo(-0.375, 12);
    // KL estimate (ρ − 1) − log ρ.
    expect(negative.approximateKl).toBeCloseTo(0.5 - Math.log(1.5), 12);
  });

  it.each([true, false])(
    "has the gradient of its own loss (central differences, value clipping %s)",
    (clipValue) => {
      const random = seededRandom(11);
      const rows = 6;
      const actions = 3;
      const batch: PpoMinibatch = {
        logits: Float64Array.from({ length: rows * actions }, () => random.normal()),
        values: Float64Array.from({ length: rows }, () => random.normal()),
        actions: Array.from({ length: rows }, () => random.int(actions)),
        oldLogits: Array.from({ length: rows }, () =>
          Float64Array.from({ length: actions }, () => random.normal() * 0.3),
        ),
        oldValues: Array.from({ length: rows }, () => random.normal()),
        advantages: Array.from({ length: rows }, () => random.normal()),
        returns: Array.from({ length: rows }, () => random.normal()),
        options: { ...cleanRl, clip_value_loss: clipValue },
      };
      const result = ppoMinibatchGradients(batch);
      expect(result.clipFraction).toBeGreaterThan(0);
      for (const [field, gradient] of [
        ["logits", result.logits],
        ["values", result.values],
      ] as const) {
        const data = batch[field];
        for (let index = 0; index < data.length; index++) {
          const held = data[index] as number;
          data[index] = held + 1e-6;
          const up = ppoMinibatchGradients(batch).loss;
          data[index] = held - 1e-6;
          const down = ppoMinibatchGradients(batch).loss;
          data[index] = held;
          expect(gradient[index]).toBeCloseTo((up - down) / 2e-6, 5);
        }
      }
    },
  );
});
