import { createHash } from "node:crypto";

/**
 * The preference of i over j from both presentation orders, cancelling position bias:
 * P_ij = (v(i first) − v(j first)) / 2, where v is the judge's signed "first is better" verdict.
 * With one order missing, the other stands alone.
 */
export function pairPreference(iFirst: number | undefined, jFirst: number | undefined): number | undefined {
  if (iFirst === undefined && jFirst === undefined) return undefined;
  if (jFirst === undefined) return iFirst;
  if (iFirst === undefined) return -jFirst;
  return (iFirst - jFirst) / 2;
}

/**
 * Voting@n (Writing-Zero): n order-corrected preferences of one pair become one — their mean, or
 * a majority vote (the sign of their sum, scaled to the verdict's maximum; 0 on a tie).
 */
export function aggregateVotes(values: readonly number[], method: "mean" | "majority", maximum = 1): number {
  if (values.length === 0) throw new RangeError("aggregateVotes needs at least one vote");
  const sum = values.reduce((total, value) => total + value, 0);
  return method === "mean" ? sum / values.length : Math.sign(sum) * maximum;
}

/** A group's preference matrix: `matrix[i][j]` = P_ij = −P_ji, undefined where no comparison succeeded. */
export type PreferenceMatrix = ReadonlyArray<ReadonlyArray<number | undefined>>;

/**
 * Round-robin win rate of each response: the mean over its comparisons of (1 + P_ij / maxPreference) / 2,
 * so a win counts 1, a tie (or orders that disagree) ½ and a loss 0. Undefined for a response with
 * no successful comparison.
 */
export function winRates(matrix: PreferenceMatrix, maxPreference = 1): Array<number | undefined> {
  return matrix.map((row, i) => {
    let total = 0;
    let count = 0;
    row.forEach((value, j) => {
      if (j === i || value === undefined) return;
      total += (1 + value / maxPreference) / 2;
      count++;
    });
    return count > 0 ? total / count : undefined;
  });
}

/**
 * Think-RM pairwise advantage as the authors' code computes it (PairwiseRLHF `core_algos.py`,
 * `compute_grpo_difference_advantage`): A_i = (Σ_j P_ij / G) / sqrt(Σ_ij P_ij² / (2·G·(G−1)) + ε),
 * with missing entries skipped (nansum) and ε = 1e-6.
 */
export function thinkRmAdvantages(matrix: PreferenceMatrix, epsilon = 1e-6): number[] {
  const size = matrix.length;
  let squares = 0;
  const sums = matrix.map((row, i) => {
    let sum = 0;
    row.forEach((value, j) => {
      if (j === i || value === undefined) return;
      sum += value;
      squares += value * value;
    });
    return sum / size;
  });
  const denominator = Math.sqrt(size > 1 ? squares / (2 * size * (size - 1)) + epsilon : 1);
  return sums.map((sum) => sum / denominator);
}

/**
 * The reconstructed pairwise advantage (rm-rl.md §8.1): A_i = mean over j ≠ i of P_ij, zero-mean over
 * a complete group. Undefined for a response with no successful comparison.
 */
export function meanPreferences(matrix: PreferenceMatrix): Array<number | undefined> {
  return matrix.map((row, i) => {
    const values = row.filter((value, j): value is number => j !== i && value !== undefined);
    return values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : undefined;
  });
}

/**
 * BRPO (Writing-Zero, rlhf.md §10; reconstructed mapping): each response's advantage is the sign of
 * its preference over the group's bootstrapped reference; the reference itself gets 0.
 */
export function brpoAdvantages(
  preferencesOverReference: ReadonlyArray<number | undefined>,
  referenceIndex: number,
) {
  return preferencesOverReference.map((value, index) =>
    index === referenceIndex ? 0 : value === undefined ? undefined : Math.sign(value),
  );
}

/**
 * Pairwise-RL's anchored reward (rm-rl.md §8.2): 0.5 · [P(first better | y, anchor) + 1 − P(first better | anchor, y)],
 * the probability that y beats the anchor with both presentation orders averaged.
 */
export function anchoredReward(firstWhenYFirst: number, firstWhenAnchorFirst: number): number {
  return 0.5 * (firstWhenYFirst + (1 - firstWhenAnchorFirst));
}

/** A reproducible index in [0, size) from a seed string (the same group, step and run pick the same). */
export function seededIndex(seed: string, size: number): number {
  const digest = createHash("sha256").update(seed).digest();
  return digest.readUInt32BE(0) % size;
}
