/**
 * Reward-weighted regression's sample weights (Flow-RWR, Liu et al. 2025: the flow-matching loss
 * weighted by exp(r/τ)): exp((rᵢ − max r)/τ), normalized to sum to the batch size so that the
 * weighted loss stays on the scale of the plain one. τ → ∞ is plain fine-tuning on the samples.
 */
export function rewardWeights(rewards: ArrayLike<number>, temperature: number): Float64Array {
  if (!(temperature > 0))
    throw new RangeError(`rewardWeights: temperature must be positive, got ${temperature}`);
  let largest = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < rewards.length; index++) largest = Math.max(largest, rewards[index] as number);
  const weights = Float64Array.from(rewards, (reward) => Math.exp((reward - largest) / temperature));
  const total = weights.reduce((sum, value) => sum + value, 0);
  return weights.map((value) => (value * weights.length) / total);
}
