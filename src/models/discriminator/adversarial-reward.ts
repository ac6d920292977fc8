import { sigmoid } from "../../core/index.js";

/**
 * The learner's reward from a discriminator logit s (D = σ(s)):
 * - `minimax`: −log(1 − D) = softplus(s) — the methods doc's default (rm-rl.md §21), ≥ 0;
 * - `non-saturating`: log D = −softplus(−s), ≤ 0;
 * - `logit`: log D − log(1 − D) = s, the sum of both (AIRL's form; Blondé et al.'s code default).
 */
export type AdversarialRewardForm = "minimax" | "non-saturating" | "logit";

/** r(s) for one logit. @example adversarialReward(0, "minimax") // log 2 */
export function adversarialReward(logit: number, form: AdversarialRewardForm): number {
  if (form === "minimax") return softplus(logit);
  if (form === "non-saturating") return -softplus(-logit);
  return logit;
}

/** dr/ds: how fast the reward moves with the logit (σ(s), 1 − σ(s) or 1). */
export function adversarialRewardSlope(logit: number, form: AdversarialRewardForm): number {
  if (form === "minimax") return sigmoid(logit);
  if (form === "non-saturating") return 1 - sigmoid(logit);
  return 1;
}

/** log(1 + eˣ) without overflow. */
export function softplus(value: number): number {
  return value > 0 ? value + Math.log1p(Math.exp(-value)) : Math.log1p(Math.exp(value));
}
