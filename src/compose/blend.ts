/**
 * BARFI's outer update of the blend weights (Gupta et al. 2023, "Behavior Alignment via Reward
 * Function Optimization"; rm-rl.md §16). The blended reward is r_φ = r_p + Σ_i φ_i·r_aux,i; the inner
 * learner trains on r_φ, the outer loop moves φ so that the learner does well on r_p alone.
 *
 * The authors' code (barfi-gw, `outer_first_order`) approximates the implicit gradient with the
 * Hessian taken as −I: dJ_p/dφ ≈ ∇_θJ_p · ∂(∇_θJ_φ)/∂φ. With r_φ linear in φ_i,
 * ∂(∇_θJ_φ)/∂φ_i = ∇_θJ_aux,i (the policy gradient of the auxiliary reward alone), so
 * dJ_p/dφ_i ≈ g_p · g_aux,i: the alignment of the two policy gradients.
 */

export interface BlendStepOptions {
  /** β: the outer step size. */
  learningRate: number;
  /** λ of an L2 penalty ½λ‖φ‖² (the code's `reward_L2`). */
  regularization: number;
  /** Bounds the weights are clipped to after each step. */
  min: number;
  max: number;
}

/** φ_i ← clip(φ_i + β·(alignment_i − λ·φ_i)) for every auxiliary reward i. */
export function blendStep(
  weights: readonly number[],
  alignments: readonly number[],
  options: BlendStepOptions,
): number[] {
  if (alignments.length !== weights.length) {
    throw new RangeError(`${weights.length} blend weights but ${alignments.length} alignments`);
  }
  return weights.map((weight, index) => {
    const next =
      weight + options.learningRate * ((alignments[index] as number) - options.regularization * weight);
    return Math.min(options.max, Math.max(options.min, next));
  });
}

/** g_p · g_aux: the dot product of two gradients (flat vectors of the same length). */
export function gradientAlignment(primary: ArrayLike<number>, auxiliary: ArrayLike<number>): number {
  if (primary.length !== auxiliary.length) {
    throw new RangeError(`gradients of length ${primary.length} and ${auxiliary.length}`);
  }
  let total = 0;
  for (let index = 0; index < primary.length; index++) {
    total += (primary[index] as number) * (auxiliary[index] as number);
  }
  return total;
}

/**
 * g_p · g_aux estimated from rewards alone, for a trainer whose gradients the reward server never
 * sees (reconstructed, labelled so). A REINFORCE gradient over N rollouts is
 * (1/N) Σ_j ψ_j (R_j − b), ψ_j the rollout's score function. If the ψ_j of different rollouts are
 * near-orthogonal with equal norms (as for a policy over many distinct sequences), the dot product
 * of two such gradients is proportional to Σ_j (R_p,j − b_p)(R_aux,j − b_aux): the covariance of the
 * two rewards over the rollouts, centred within each group (GRPO's groups share a prompt). With
 * `normalize`, the covariance is divided by both standard deviations (a correlation in [−1, 1]), so
 * the step size does not depend on the rewards' scales.
 */
export function rewardAlignment(input: {
  primary: readonly number[];
  auxiliary: readonly number[];
  /** Group of each rollout (undefined: one group). */
  groups?: readonly (string | number | undefined)[];
  normalize: boolean;
}): { alignment: number; count: number } {
  const { primary, auxiliary } = input;
  const byGroup = new Map<string | number | undefined, number[]>();
  primary.forEach((_, index) => {
    const key = input.groups?.[index];
    const members = byGroup.get(key);
    if (members) members.push(index);
    else byGroup.set(key, [index]);
  });
  let covariance = 0;
  let primarySquares = 0;
  let auxiliarySquares = 0;
  let count = 0;
  for (const members of byGroup.values()) {
    if (members.length < 2) continue;
    const meanOf = (values: readonly number[]) =>
      members.reduce((sum, index) => sum + (values[index] as number), 0) / members.length;
    const primaryMean = meanOf(primary);
    const auxiliaryMean = meanOf(auxiliary);
    for (const index of members) {
      const p = (primary[index] as number) - primaryMean;
      const a = (auxiliary[index] as number) - auxiliaryMean;
      covariance += p * a;
      primarySquares += p * p;
      auxiliarySquares += a * a;
    }
    count += members.length;
  }
  if (count === 0) return { alignment: 0, count: 0 };
  if (!input.normalize) return { alignment: covariance / count, count };
  const scale = Math.sqrt(primarySquares * auxiliarySquares);
  return { alignment: scale > 0 ? covariance / scale : 0, count };
}
