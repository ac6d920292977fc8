import {
  type AdversarialRewardForm,
  adversarialReward,
  adversarialRewardSlope,
} from "./adversarial-reward.js";

/**
 * Pessimistic reward preconditioning (Blondé, Strasser & Kalousis 2020, §6), in two reconstructed
 * forms — the paper's exact form is not in the methods doc, which marks it [UNCONFIRMED]:
 * - `lower-bound` (the methods doc): the reward's lower bound over an input ball of radius ε,
 *   r(x) − ε·‖∇ₓ r(x)‖ (first order), so a reward that changes fast around x counts for less;
 * - `lipschitz-modulation` (the authors' code's reward modulation, `mod = exp(−pen)` clamped below):
 *   r(x)·max(floor, exp(−max(0, ‖∇ₓ s(x)‖ − k)²)), shrinking the reward where the discriminator is
 *   locally steeper than k.
 */
export type Pessimism =
  | { kind: "lower-bound"; radius: number }
  | { kind: "lipschitz-modulation"; target: number; floor: number };

/**
 * The preconditioned rewards of a batch from the discriminator's logits and their input-gradient
 * norms ‖∇ₓ s‖ (`Discriminator.logitGradientNorms`).
 * @example pessimisticRewards({ logits: [0], logitGradientNorms: [2], form: "minimax",
 *   pessimism: { kind: "lower-bound", radius: 0.05 } }) // [log 2 − 0.05·½·2]
 */
export function pessimisticRewards(input: {
  logits: ArrayLike<number>;
  logitGradientNorms: ArrayLike<number>;
  form: AdversarialRewardForm;
  pessimism: Pessimism;
}): Float64Array {
  const { logits, logitGradientNorms, form, pessimism } = input;
  if (logits.length !== logitGradientNorms.length)
    throw new RangeError(
      `pessimisticRewards: ${logits.length} logits but ${logitGradientNorms.length} gradient norms`,
    );
  return Float64Array.from({ length: logits.length }, (_, index) => {
    const logit = logits[index] as number;
    const norm = logitGradientNorms[index] as number;
    const reward = adversarialReward(logit, form);
    if (pessimism.kind === "lower-bound")
      return reward - pessimism.radius * adversarialRewardSlope(logit, form) * norm;
    const excess = Math.max(0, norm - pessimism.target);
    return reward * Math.max(pessimism.floor, Math.exp(-excess * excess));
  });
}
