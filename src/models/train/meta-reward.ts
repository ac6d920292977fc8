import { logSigmoid, sigmoid } from "../../core/index.js";
import { seededRandom } from "../random.js";
import { accumulatingAdam } from "./dense-adam.js";

/** A linear reward w·x + b over dense features. */
export interface LinearReward {
  weights: Float64Array;
  bias: number;
  score(vector: ArrayLike<number>): number;
}

type ShiftedPair = { first: ArrayLike<number>; second: ArrayLike<number> };

function dot(weights: ArrayLike<number>, vector: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < vector.length; index++)
    total += (weights[index] as number) * (vector[index] as number);
  return total;
}

/**
 * MetaRM (Secrets of RLHF Part II, §4; Dou et al. 2024 "MetaRM: Shifted Distributions Alignment via
 * Meta Learning"), reconstructed at this scale for a linear reward: each step first takes a gradient
 * *ascent* step of size `innerRate` on the difference loss J(θ) = mean_k (r(u_k) − r(v_k))² over
 * unlabelled response pairs (u_k, v_k) from the shifted distribution (the new policy's outputs for
 * the same prompt) — keeping the RM able to tell them apart — then the Bradley–Terry loss on a
 * preference batch is evaluated at the adapted θ' and θ is updated by the exact meta-gradient
 * ∇_θ L(θ') = (I + α·∇²J)·∇L(θ') (for a linear reward ∇²J = 2·mean_k d_k d_kᵀ is constant, so the
 * second-order MAML term is exact and cheap). innerRate 0 is plain BT training.
 */
export function trainMetaRewardModel(options: {
  features: readonly ArrayLike<number>[];
  pairs: readonly { chosen: number; rejected: number }[];
  /** Unlabelled pairs of responses from the shifted distribution, as feature vectors. */
  shifted: readonly { first: ArrayLike<number>; second: ArrayLike<number> }[];
  innerRate?: number;
  epochs?: number;
  batchSize?: number;
  shiftedBatch?: number;
  learningRate?: number;
  seed?: number;
}): LinearReward & {
  differenceLoss(pairs: readonly { first: ArrayLike<number>; second: ArrayLike<number> }[]): number;
} {
  const width = options.features[0]?.length ?? 0;
  const random = seededRandom(options.seed ?? 0);
  const parameters = new Float64Array(width + 1);
  const optimizer = accumulatingAdam(parameters, { learningRate: options.learningRate ?? 0.02 });
  const innerRate = options.innerRate ?? 0.05;
  const batchSize = options.batchSize ?? 32;
  const shiftedBatch = options.shiftedBatch ?? 32;
  const order = options.pairs.map((_, index) => index);
  for (let epoch = 0; epoch < (options.epochs ?? 10); epoch++) {
    for (let index = order.length - 1; index > 0; index--) {
      const swap = random.int(index + 1);
      [order[index], order[swap]] = [order[swap] as number, order[index] as number];
    }
    for (let start = 0; start < order.length; start += batchSize) {
      // Inner step: θ' = θ + α·∇J(θ), ∇J = mean 2·(w·d)·d over shifted differences d = u − v.
      const differences: number[][] = [];
      if (innerRate > 0 && options.shifted.length > 0) {
        for (let draw = 0; draw < shiftedBatch; draw++) {
          const pair = options.shifted[random.int(options.shifted.length)] as ShiftedPair;
          differences.push(
            Array.from(
              { length: width },
              (_, at) => (pair.first[at] as number) - (pair.second[at] as number),
            ),
          );
        }
      }
      const adapted = parameters.slice();
      for (const difference of differences) {
        const projection = dot(parameters, difference);
        for (let at = 0; at < width; at++) {
          adapted[at] =
            (adapted[at] as number) +
            (innerRate * 2 * projection * (difference[at] as number)) / differences.length;
        }
      }
      // Outer step: the BT gradient at θ', through the inner step: (I + α·∇²J)·∇L(θ').
      const batch = order.slice(start, start + batchSize);
      const outer = new Float64Array(width);
      for (const at of batch) {
        const pair = options.pairs[at] as { chosen: number; rejected: number };
        const chosen = options.features[pair.chosen] as ArrayLike<number>;
        const rejected = options.features[pair.rejected] as ArrayLike<number>;
        const slope = (sigmoid(dot(adapted, chosen) - dot(adapted, rejected)) - 1) / batch.length;
        for (let column = 0; column < width; column++) {
          outer[column] =
            (outer[column] as number) + slope * ((chosen[column] as number) - (rejected[column] as number));
        }
      }
      for (let at = 0; at < width; at++) optimizer.gradient[at] = outer[at] as number;
      for (const difference of differences) {
        const projection = dot(outer, difference);
        for (let at = 0; at < width; at++) {
          optimizer.gradient[at] =
            (optimizer.gradient[at] as number) +
            (2 * innerRate * projection * (difference[at] as number)) / differences.length;
        }
      }
      optimizer.step();
    }
  }
  const weights = parameters.subarray(0, width);
  return {
    weights,
    bias: parameters[width] as number,
    score: (vector) => dot(weights, vector) + (parameters[width] as number),
    differenceLoss: (pairs) =>
      pairs.reduce((total, pair) => total + (dot(weights, pair.first) - dot(weights, pair.second)) ** 2, 0) /
      pairs.length,
  };
}

/** The Bradley–Terry loss −log σ(r(c) − r(r)) of a linear reward on pairs (for reports). */
export function linearPairLoss(
  model: LinearReward,
  pairs: readonly { chosen: ArrayLike<number>; rejected: ArrayLike<number> }[],
): number {
  return (
    -pairs.reduce(
      (total, pair) => total + logSigmoid(model.score(pair.chosen) - model.score(pair.rejected)),
      0,
    ) / pairs.length
  );
}
