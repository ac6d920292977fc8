/**
 * Feynman-Kac steering (Singhal et al. 2025, rm-rl.md §23; the authors' `fkd_class.py`): particles
 * are scored by intermediate rewards, the rewards become potentials, and particles are resampled in
 * proportion to them so that promising partial generations multiply.
 */
export type FkPotential = "diff" | "max" | "sum" | "current";

export interface FkWeightsInput {
  /** Each particle's intermediate reward now. */
  rewards: readonly number[];
  /** What each particle carries from its last resampling (the code's `population_rs`, initially reward_min_value). */
  carried: readonly number[];
  potential: FkPotential;
  /** λ: how sharply potentials favour high rewards (the code's default 10). */
  lambda: number;
  /** At the last step, max/sum/current potentials are divided by the product of the earlier potentials. */
  final: boolean;
  /** Each particle's product of its earlier potentials (initially 1). */
  productOfPotentials: readonly number[];
}

export interface FkWeights {
  /** Unnormalized resampling weights, clamped to [0, 1e10], NaN as 0, all 1 when all are 0. */
  weights: number[];
  /** What a particle carries forward if resampled: r (diff, current), max(r, carried) (max), r + carried (sum). */
  next: number[];
}

/**
 * The potentials of one resampling step: diff G = exp(λ(r − r_prev)); max exp(λ·max(r, r̃_prev));
 * sum ("add" in the code) exp(λ(r + r̃_prev)); current ("rt") exp(λr).
 * @example fkWeights({ rewards: [0.2, 0.5, 0.9, 0.1], carried: [0.1, 0.6, 0.3, 0.1], potential: "diff", lambda: 2, final: false, productOfPotentials: [1, 1, 1, 1] }).weights // [1.2214, 0.8187, 3.3201, 1]
 */
export function fkWeights(input: FkWeightsInput): FkWeights {
  const { rewards, carried, potential, lambda } = input;
  const next = rewards.map((reward, index) => {
    const before = carried[index] as number;
    if (potential === "max") return Math.max(reward, before);
    if (potential === "sum") return reward + before;
    return reward;
  });
  let weights = next.map((value, index) => {
    if (potential === "diff") return Math.exp(lambda * (value - (carried[index] as number)));
    const weight = Math.exp(lambda * value);
    return input.final ? weight / (input.productOfPotentials[index] as number) : weight;
  });
  weights = weights.map((weight) => (Number.isNaN(weight) ? 0 : Math.min(Math.max(weight, 0), 1e10)));
  if (weights.every((weight) => weight === 0)) weights = weights.map(() => 1);
  return { weights, next };
}

/** ESS = 1 / Σ w̄ᵢ² of the normalized weights: k when they are equal, 1 when one particle has all. */
export function effectiveSampleSize(weights: readonly number[]): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0) return 0;
  return 1 / weights.reduce((sum, weight) => sum + (weight / total) ** 2, 0);
}

/** `count` indices drawn with replacement in proportion to `weights` (multinomial resampling). */
export function resampleIndices(weights: readonly number[], count: number, random: () => number): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const indices: number[] = [];
  for (let draw = 0; draw < count; draw++) {
    let target = random() * total;
    let chosen = weights.length - 1;
    for (let index = 0; index < weights.length; index++) {
      target -= weights[index] as number;
      if (target < 0) {
        chosen = index;
        break;
      }
    }
    indices.push(chosen);
  }
  return indices;
}

/**
 * One resampling decision: weights, whether to resample (always, or when adaptive only if
 * ESS < ½·k as the code does), and the indices (identity when not resampling).
 */
export function fkResample(input: FkWeightsInput & { adaptive: boolean; random: () => number }): {
  indices: number[];
  resampled: boolean;
  ess: number;
  weights: number[];
  next: number[];
} {
  const { weights, next } = fkWeights(input);
  const ess = effectiveSampleSize(weights);
  const count = weights.length;
  const resampled = !input.adaptive || ess < 0.5 * count;
  const indices = resampled
    ? resampleIndices(weights, count, input.random)
    : Array.from({ length: count }, (_, index) => index);
  return { indices, resampled, ess, weights, next };
}
