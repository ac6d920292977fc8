/**
 * Ensemble aggregations over one sample's member scores (Coste et al. 2024; Eisenstein et al. 2023;
 * Yan et al. 2024). Pure functions: the `ensemble` node and the lab call the same ones.
 */

/** `population` divides by k (numpy `np.var`); `unbiased` by k − 1 (`torch.var`, Bessel). */
export type VarianceMode = "population" | "unbiased";

export function mean(scores: readonly number[]): number {
  let total = 0;
  for (const score of scores) total += score;
  return total / scores.length;
}

/**
 * The middle score (the mean of the middle two for an even count). A zero median is +0: −0 and +0
 * compare equal, so sorting leaves them in input order and the sign of a middle zero would otherwise
 * depend on member order; a reward has no signed zero.
 * @example median([0.2, 1, 3]) // 1
 */
export function median(scores: readonly number[]): number {
  const sorted = [...scores].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const value =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return value === 0 ? 0 : value;
}

/** The variance of the scores; a single score has variance 0 in either mode. */
export function variance(scores: readonly number[], mode: VarianceMode): number {
  const count = scores.length;
  if (count < 2) return 0;
  const center = mean(scores);
  let squares = 0;
  for (const score of scores) squares += (score - center) ** 2;
  return squares / (mode === "unbiased" ? count - 1 : count);
}

export function standardDeviation(scores: readonly number[], mode: VarianceMode): number {
  return Math.sqrt(variance(scores, mode));
}

/** Worst-case optimization (WCO, Coste et al. §2): the lowest member score. */
export function worstCase(scores: readonly number[]): number {
  let lowest = Number.POSITIVE_INFINITY;
  for (const score of scores) if (score < lowest) lowest = score;
  return lowest;
}

export interface PenaltyOptions {
  lambda: number;
  variance: VarianceMode;
}

/**
 * Uncertainty-weighted optimization (UWO, Coste et al. §2): mean − λ·Var. The penalty is on the
 * variance, not the standard deviation. The paper's BoN runs use λ 0.5 with population variance,
 * its PPO runs λ 0.1 with unbiased variance.
 * @example uwo([1, 2, 3], { lambda: 0.5, variance: "population" }) // 1.666667
 */
export function uwo(scores: readonly number[], options: PenaltyOptions): number {
  return mean(scores) - options.lambda * variance(scores, options.variance);
}

/**
 * Mean minus λ standard deviations (Eisenstein et al. §3). The coefficient is not given in the
 * paper; λ = 1 is our default.
 * @example meanMinusStd([0.2, 1, 3], { lambda: 1, variance: "population" }) // 0.2224
 */
export function meanMinusStd(scores: readonly number[], options: PenaltyOptions): number {
  return mean(scores) - options.lambda * standardDeviation(scores, options.variance);
}

/** How BRME's "nominal" reward is picked; the paper's exact choice is not public (reconstructed). */
export type NominalChoice = "mean" | "first" | "lowest_sigma";

export interface BrmeOptions {
  lambda: number;
  nominal: NominalChoice;
  /** Each member's σ, needed for `lowest_sigma`. */
  sigmas?: readonly number[] | undefined;
}

/**
 * Reward-robust RLHF (BRME, Yan et al. §4): λ·nominal + (1 − λ)·min over the ensemble. The objective
 * is confirmed by the paper's abstract; which member is "nominal" is a reconstruction.
 * @example brme([1.2, 0.9, 0.4], { lambda: 0.5, nominal: "lowest_sigma", sigmas: [0.3, 0.1, 0.6] }) // 0.65
 */
export function brme(scores: readonly number[], options: BrmeOptions): number {
  return options.lambda * nominalReward(scores, options) + (1 - options.lambda) * worstCase(scores);
}

export function nominalReward(scores: readonly number[], options: Omit<BrmeOptions, "lambda">): number {
  switch (options.nominal) {
    case "mean":
      return mean(scores);
    case "first":
      return scores[0] as number;
    case "lowest_sigma": {
      const sigmas = options.sigmas;
      if (!sigmas || sigmas.length !== scores.length) {
        throw new RangeError(`lowest_sigma needs one sigma per member (${scores.length})`);
      }
      let best = 0;
      for (let index = 1; index < sigmas.length; index++) {
        if ((sigmas[index] as number) < (sigmas[best] as number)) best = index;
      }
      return scores[best] as number;
    }
  }
}
