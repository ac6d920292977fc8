import { sigmoid } from "../../core/index.js";
import { type Random, seededRandom } from "../random.js";
import type { PairInput } from "../train/pair-set.js";

/**
 * A synthetic preference set with a known true reward: `items` random feature vectors and pairs
 * labelled by a Bradley-Terry draw from `trueReward` (or deterministically when `noise` is
 * "none"), with a share of labels flipped. Tests and the lab use it to check that a method
 * recovers what it should.
 */
export function syntheticPreferences(options: {
  items: number;
  pairs: number;
  dimensions: number;
  trueReward: (vector: Float32Array) => number;
  labels?: "bradley-terry" | "none";
  flipFraction?: number;
  seed?: number;
}): { features: Float32Array[]; pairs: PairInput[]; flipped: boolean[]; random: Random } {
  const random = seededRandom(options.seed ?? 1);
  const features = Array.from({ length: options.items }, () => {
    const vector = new Float32Array(options.dimensions);
    for (let index = 0; index < vector.length; index++) vector[index] = random.normal();
    return vector;
  });
  const rewards = features.map(options.trueReward);
  const pairs: PairInput[] = [];
  const flipped: boolean[] = [];
  while (pairs.length < options.pairs) {
    const first = random.int(options.items);
    const second = random.int(options.items);
    if (first === second) continue;
    const gap = (rewards[first] as number) - (rewards[second] as number);
    const firstWins = options.labels === "none" ? gap > 0 : random.next() < sigmoid(gap);
    const flip = random.next() < (options.flipFraction ?? 0);
    const winner = firstWins !== flip ? first : second;
    pairs.push({ chosen: winner, rejected: winner === first ? second : first });
    flipped.push(flip);
  }
  return { features, pairs, flipped, random };
}

/** Share of pairs the true reward orders as labelled... by a model's scores instead. */
export function pairAccuracy(scores: ArrayLike<number>, pairs: readonly PairInput[]): number {
  let correct = 0;
  for (const pair of pairs)
    if ((scores[pair.chosen] as number) > (scores[pair.rejected] as number)) correct++;
  return correct / pairs.length;
}
