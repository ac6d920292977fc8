import { bestOfNKl, bestOfNWeights, exactBestOfN, unbiasedBestOfNCurve } from "../../select/index.js";
import type { LabRandom } from "../random.js";
import type { BanditWorld } from "../worlds/rlhf-world.js";

export interface BestOfNPoint {
  n: number;
  /** The KL on the curve's x-axis: log n − (n − 1)/n for the sampled estimator, the exact KL for the exact curve. */
  kl: number;
  /** log n − (n − 1)/n, the x-axis of Gao's and Coste's plots. */
  formulaKl: number;
  /** KL of best-of-n on this world's finite candidate sets (≤ kl), averaged over prompts. */
  exactKl: number;
  /** Expected optimized reward of the pick (unbiased estimator). */
  proxy: number;
  /** Expected gold reward of the pick (unbiased estimator). */
  gold: number;
}

/**
 * Best-of-n against a reward table: N samples per prompt from the base policy, and for each n the
 * unbiased estimator (select room) of the expected proxy and gold score of the pick, averaged over
 * prompts. Also the exact best-of-n KL on the finite candidate set, to show how far the continuous
 * formula is from this world.
 */
export function bestOfNCurve(input: {
  world: BanditWorld;
  /** What best-of-n maximizes (a proxy or an ensemble aggregate). */
  reward: Float64Array;
  ns: readonly number[];
  samplesPerPrompt: number;
  random: LabRandom;
}): BestOfNPoint[] {
  const { world, reward, ns, samplesPerPrompt, random } = input;
  const weights = new Map(ns.map((n) => [n, bestOfNWeights(samplesPerPrompt, n)]));
  const sums = ns.map(() => ({ proxy: 0, gold: 0, exactKl: 0 }));
  for (let prompt = 0; prompt < world.prompts; prompt++) {
    const offset = prompt * world.candidates;
    const scores: number[] = [];
    const gold: number[] = [];
    const cumulative = new Float64Array(world.candidates);
    let total = 0;
    for (let k = 0; k < world.candidates; k++) {
      total += world.baseProbabilities[offset + k] as number;
      cumulative[k] = total;
    }
    for (let sample = 0; sample < samplesPerPrompt; sample++) {
      const index = offset + searchCumulative(cumulative, random.next() * total);
      scores.push(reward[index] as number);
      gold.push(world.gold[index] as number);
    }
    const probabilities = Array.from(world.baseProbabilities.subarray(offset, offset + world.candidates));
    const candidateScores = Array.from(reward.subarray(offset, offset + world.candidates));
    const nWeights = (n: number) => weights.get(n) as number[];
    const proxyEstimates = unbiasedBestOfNCurve({ scores, ns, weights: nWeights });
    const goldEstimates = unbiasedBestOfNCurve({ scores, values: gold, ns, weights: nWeights });
    ns.forEach((n, at) => {
      const sum = sums[at] as { proxy: number; gold: number; exactKl: number };
      sum.proxy += proxyEstimates[at] as number;
      sum.gold += goldEstimates[at] as number;
      sum.exactKl += exactBestOfN({ probabilities, scores: candidateScores, n }).kl;
    });
  }
  return ns.map((n, at) => {
    const sum = sums[at] as { proxy: number; gold: number; exactKl: number };
    return {
      n,
      kl: bestOfNKl(n),
      formulaKl: bestOfNKl(n),
      exactKl: sum.exactKl / world.prompts,
      proxy: sum.proxy / world.prompts,
      gold: sum.gold / world.prompts,
    };
  });
}

/** The first index whose cumulative probability exceeds `target` (binary search). */
function searchCumulative(cumulative: Float64Array, target: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((cumulative[middle] as number) > target) high = middle;
    else low = middle + 1;
  }
  return low;
}
