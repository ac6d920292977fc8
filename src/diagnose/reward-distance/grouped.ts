import { normalizeReward, type RewardNorm, rewardNorm } from "./starc.js";

/**
 * STARC's VAL canonicalization for one-step episodes (a prompt, one completion, done: γ plays no
 * part) under the policy that wrote the completions: c(R)(s, a) = R(s, a) − mean_{a' ~ π(s)} R(s, a'),
 * the policy's completions of prompt s being the rows of its group. Rewards that differ by a
 * per-prompt offset (what group-relative advantages ignore) get the same canonical form.
 */
export function groupCentered(rewards: ArrayLike<number>, groups: readonly string[]): Float64Array {
  if (rewards.length !== groups.length) {
    throw new RangeError(`groupCentered: ${rewards.length} rewards for ${groups.length} groups`);
  }
  const totals = new Map<string, { sum: number; count: number }>();
  groups.forEach((group, index) => {
    const entry = totals.get(group) ?? { sum: 0, count: 0 };
    entry.sum += rewards[index] as number;
    entry.count += 1;
    totals.set(group, entry);
  });
  return Float64Array.from(groups, (group, index) => {
    const entry = totals.get(group) as { sum: number; count: number };
    return (rewards[index] as number) - entry.sum / entry.count;
  });
}

/**
 * The STARC distance of two rewards scored on the same rows (coverage = the rows, uniform):
 * canonicalize per group, normalize, measure with the same norm. `halve` maps [0, 2] onto [0, 1].
 * NaN marks a side whose canonical reward is 0 everywhere (it ranks no completion above another).
 */
export function groupedStarcDistance(input: {
  rewardsA: ArrayLike<number>;
  rewardsB: ArrayLike<number>;
  groups: readonly string[];
  norm?: RewardNorm;
  halve?: boolean;
}): { distance: number; normA: number; normB: number } {
  const norm = input.norm ?? "l2";
  const canonicalA = groupCentered(input.rewardsA, input.groups);
  const canonicalB = groupCentered(input.rewardsB, input.groups);
  const normA = rewardNorm(canonicalA, norm);
  const normB = rewardNorm(canonicalB, norm);
  const a = normalizeReward(canonicalA, { norm });
  const b = normalizeReward(canonicalB, { norm });
  const flat = (values: Float64Array) => values.every((value) => value === 0);
  if (flat(a) || flat(b)) return { distance: Number.NaN, normA, normB };
  const distance = rewardNorm(
    a.map((value, index) => value - (b[index] as number)),
    norm,
  );
  return { distance: input.halve ? distance / 2 : distance, normA, normB };
}
