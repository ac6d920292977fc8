/**
 * Dimensional control for multi-dimensional rewards (Learning to Generate Research Idea with Dynamic
 * Control, Li et al. 2024, #64): each dimension (novelty, feasibility, effectiveness) has a target
 * level the reward steers toward, and a controller shifts weight over training steps to the
 * dimensions that stay furthest from their targets. RECONSTRUCTED: the paper names dimensional
 * controllers and dynamic adjustment but its formulas and code are not available here; the penalty
 * (weighted squared or shortfall distance to the target) and the multiplicative weight update are
 * this library's construction.
 */

/** `match`: any distance from the target costs; `at_least`: only falling short of it does. */
export type TargetKind = "match" | "at_least";

export interface Dimension {
  target: number;
  kind: TargetKind;
}

/** How far one score is from its dimension's target (0 on target; a shortfall only for at_least). */
export function targetGap(score: number, dimension: Dimension): number {
  const gap = dimension.target - score;
  return dimension.kind === "at_least" ? Math.max(0, gap) : Math.abs(gap);
}

/** The controlled reward of one sample: −Σ_d w_d · gap_d², 0 when every dimension is on target. */
export function controlledReward(input: {
  scores: readonly number[];
  dimensions: readonly Dimension[];
  weights: readonly number[];
}): number {
  let penalty = 0;
  input.dimensions.forEach((dimension, index) => {
    penalty += (input.weights[index] as number) * targetGap(input.scores[index] as number, dimension) ** 2;
  });
  return penalty === 0 ? 0 : -penalty;
}

/**
 * The controller's step: w_d ← w_d · exp(η · ḡ_d), ḡ_d the step's mean gap of dimension d, then
 * rescaled so the weights sum to the number of dimensions (their mean stays 1). A dimension that
 * lags its target gains weight; one on target loses it relative to the others.
 * @example adjustWeights({ weights: [1, 1, 1], meanGaps: [0.2, 0.2, 0.05], rate: 1 }) // [1.0487, 1.0487, 0.9026]
 */
export function adjustWeights(input: {
  weights: readonly number[];
  meanGaps: readonly number[];
  rate: number;
}): number[] {
  const raised = input.weights.map(
    (weight, index) => weight * Math.exp(input.rate * (input.meanGaps[index] as number)),
  );
  const total = raised.reduce((sum, value) => sum + value, 0);
  return raised.map((value) => (value * raised.length) / total);
}
