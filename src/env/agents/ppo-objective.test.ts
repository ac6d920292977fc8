import { describe, expect, it } from "vitest";
import { driftParameterCount, lpoObjective } from "./lpo-drift.js";
import { ppoMinibatchGradients } from "./ppo-loss.js";

describe("PPO's minibatch loss with a plugged-in objective (LPO's drift)", () => {
  it("a zero drift reproduces the clipped surrogate's loss and logit gradients (the worked example)", () => {
    const network = {
      hidden: 2,
      temporal: false,
      parameters: new Float64Array(driftParameterCount({ hidden: 2, temporal: false })),
    };
    const base = {
      // Old π(a=0) = 0.5, new π(a=0) = 0.75: ratio 1.5.
      logits: Float64Array.of(Math.log(3), 0),
      values: Float64Array.of(0),
      actions: [0],
      oldLogits: [Float64Array.of(0, 0)],
      oldValues: [0],
      returns: [0],
      options: {
        normalize_advantages: false,
        clip_coefficient: 0.2,
        clip_value_loss: true,
        entropy_coefficient: 0,
        value_coefficient: 0.5,
      },
    };
    for (const advantage of [1, -1]) {
      const clipped = ppoMinibatchGradients({ ...base, advantages: [advantage] });
      const learned = ppoMinibatchGradients({
        ...base,
        advantages: [advantage],
        objective: lpoObjective({ network }),
      });
      // Equal up to LPO's 1e-4 drift margin, which only acts where the drift is positive.
      expect(learned.policyLoss).toBeCloseTo(clipped.policyLoss, 3);
      expect(learned.logits[0]).toBeCloseTo(clipped.logits[0] as number, 12);
      expect(learned.logits[1]).toBeCloseTo(clipped.logits[1] as number, 12);
    }
  });
});
