import { type Claim, claim } from "../results.js";

/** A reward gain that counts. */
export const vasGain = 0.3;
/** The share of best-of-n's gain VAS must reach at the same KL to count as on par. */
export const frontierShare = 0.9;

/** Best-of-n's reward at a KL, linearly interpolated between its points (undefined outside them). */
export function interpolate(
  points: readonly { kl: number; reward: number }[],
  kl: number,
): number | undefined {
  const sorted = [...points].sort((a, b) => a.kl - b.kl);
  for (let index = 1; index < sorted.length; index++) {
    const low = sorted[index - 1] as { kl: number; reward: number };
    const high = sorted[index] as { kl: number; reward: number };
    if (kl >= low.kl && kl <= high.kl) {
      return high.kl === low.kl
        ? high.reward
        : low.reward + ((high.reward - low.reward) * (kl - low.kl)) / (high.kl - low.kl);
    }
  }
  return undefined;
}

export function vasClaims(input: {
  byBeta: readonly { beta: number; reward: number; kl: number }[];
  bestOf: readonly { n: number; kl: number; reward: number }[];
}): Claim[] {
  const sorted = [...input.byBeta].sort((a, b) => a.beta - b.beta);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const baseReward = input.bestOf.find((entry) => entry.n === 1)?.reward ?? first?.reward ?? Number.NaN;
  const matched = sorted
    .filter((entry) => entry.beta > 0)
    .map((entry) => ({ entry, bestOfN: interpolate(input.bestOf, entry.kl) }))
    .filter(
      (item): item is { entry: (typeof sorted)[number]; bestOfN: number } => item.bestOfN !== undefined,
    );
  const shares = matched.map(
    ({ entry, bestOfN }) => (entry.reward - baseReward) / Math.max(1e-9, bestOfN - baseReward),
  );
  const evidence: Record<string, number> = { required_share: frontierShare, compared_betas: matched.length };
  matched.forEach(({ entry, bestOfN }, index) => {
    evidence[`beta_${entry.beta}_vas`] = entry.reward;
    evidence[`beta_${entry.beta}_best_of_n_at_same_kl`] = bestOfN;
    evidence[`beta_${entry.beta}_share`] = shares[index] as number;
  });
  return [
    claim(
      "Han et al.: VAS trades KL for reward — the reward at the largest β exceeds the base model's (β = 0)",
      (last?.reward ?? Number.NaN) - (first?.reward ?? Number.NaN) >= vasGain,
      {
        beta_0: first?.reward ?? Number.NaN,
        largest_beta: last?.beta ?? Number.NaN,
        reward: last?.reward ?? Number.NaN,
        required_gain: vasGain,
      },
    ),
    claim(
      "VAS's KL to the base model grows with β",
      sorted.every((entry, index) => index === 0 || entry.kl > (sorted[index - 1] as { kl: number }).kl),
      Object.fromEntries(sorted.map((entry) => [`kl_beta_${entry.beta}`, entry.kl])),
    ),
    claim(
      `At the same KL, VAS reaches at least ${frontierShare * 100}% of best-of-n's reward gain (every β whose KL lies within best-of-n's range)`,
      matched.length > 0 && shares.every((share) => share >= frontierShare),
      evidence,
    ),
  ];
}
