import { bestOfNKl, exactBestOfN } from "../../select/index.js";
import type { BanditWorld } from "../worlds/rlhf-world.js";
import type { BestOfNPoint } from "./best-of-n-curve.js";

/**
 * Best-of-n against a reward table, computed exactly on the world's finite candidate sets: with a
 * prompt's candidates sorted by the reward and F the base policy's CDF, the pick is candidate i with
 * probability F_i^n − F_{i−1}^n (the select room's `exactBestOfN`). No samples are drawn, so n can
 * reach 10^6 at no cost — the regime where Gao et al. see best-of-n over-optimize (KL of several
 * nats), which the unbiased estimator over N samples cannot reach (n ≤ N).
 *
 * `kl` here is the exact KL on the finite sets, not log n − (n − 1)/n: past n ≈ 10^3 the formula
 * overstates it (as n → ∞ best-of-n picks the top candidate and its KL tends to −log π_base(top)).
 */
export function exactBestOfNCurve(input: {
  world: BanditWorld;
  /** What best-of-n maximizes (a proxy or an ensemble aggregate). */
  reward: Float64Array;
  ns: readonly number[];
}): BestOfNPoint[] {
  const { world, reward, ns } = input;
  const sums = ns.map(() => ({ proxy: 0, gold: 0, kl: 0 }));
  for (let prompt = 0; prompt < world.prompts; prompt++) {
    const offset = prompt * world.candidates;
    const end = offset + world.candidates;
    const probabilities = Array.from(world.baseProbabilities.subarray(offset, end));
    const scores = Array.from(reward.subarray(offset, end));
    const gold = world.gold.subarray(offset, end);
    ns.forEach((n, at) => {
      const { pick, kl } = exactBestOfN({ probabilities, scores, n });
      const sum = sums[at] as { proxy: number; gold: number; kl: number };
      pick.forEach((mass, candidate) => {
        sum.proxy += mass * (scores[candidate] as number);
        sum.gold += mass * (gold[candidate] as number);
      });
      sum.kl += kl;
    });
  }
  return ns.map((n, at) => {
    const sum = sums[at] as { proxy: number; gold: number; kl: number };
    // Clamped: at n = 1 the sum of p·log(p/p) can round a hair below zero.
    const kl = Math.max(0, sum.kl / world.prompts);
    return {
      n,
      kl,
      exactKl: kl,
      formulaKl: bestOfNKl(n),
      proxy: sum.proxy / world.prompts,
      gold: sum.gold / world.prompts,
    };
  });
}
