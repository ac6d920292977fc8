import { logSigmoid, sigmoid } from "../../core/index.js";
import type { FeatureMatrix } from "../features/feature-matrix.js";

/**
 * MiCRo (#29): K Bradley-Terry heads and a router over the prompt. Parameters, flat:
 * heads (responseColumns × K, feature-major, no bias — `Linear(hidden, K, bias=False)`), then the
 * router (promptColumns × K, feature-major) and its K biases. A static mixture is a router over
 * zero prompt columns: π = softmax(biases).
 */
export class MixtureModel {
  readonly parameters: Float32Array;
  readonly routerOffset: number;
  readonly biasOffset: number;

  constructor(
    readonly heads: number,
    readonly responseColumns: number,
    readonly promptColumns: number,
    parameters?: Float32Array,
  ) {
    this.routerOffset = responseColumns * heads;
    this.biasOffset = this.routerOffset + promptColumns * heads;
    const size = this.biasOffset + heads;
    if (parameters && parameters.length !== size) {
      throw new RangeError(
        `mixture ${heads}×(${responseColumns}, ${promptColumns}) needs ${size} parameters`,
      );
    }
    this.parameters = parameters ?? new Float32Array(size);
  }

  /** Every head's reward of a response row, written into `into`. */
  headRewards(matrix: FeatureMatrix, row: number, into: Float64Array): Float64Array {
    into.fill(0);
    const { heads, parameters } = this;
    for (
      let entry = matrix.indptr[row] as number, end = matrix.indptr[row + 1] as number;
      entry < end;
      entry++
    ) {
      const value = matrix.values[entry] as number;
      const base = (matrix.indices[entry] as number) * heads;
      for (let head = 0; head < heads; head++)
        into[head] = (into[head] as number) + value * (parameters[base + head] as number);
    }
    return into;
  }

  /** The routing weights π(x) of a prompt row (softmax of the router's logits). */
  routing(matrix: FeatureMatrix | undefined, row: number, into: Float64Array): Float64Array {
    const { heads, parameters, routerOffset, biasOffset } = this;
    for (let head = 0; head < heads; head++) into[head] = parameters[biasOffset + head] as number;
    if (matrix && this.promptColumns > 0) {
      for (
        let entry = matrix.indptr[row] as number, end = matrix.indptr[row + 1] as number;
        entry < end;
        entry++
      ) {
        const value = matrix.values[entry] as number;
        const base = routerOffset + (matrix.indices[entry] as number) * heads;
        for (let head = 0; head < heads; head++)
          into[head] = (into[head] as number) + value * (parameters[base + head] as number);
      }
    }
    return softmaxInPlace(into);
  }
}

export function softmaxInPlace(values: Float64Array): Float64Array {
  let largest = Number.NEGATIVE_INFINITY;
  for (const value of values) largest = Math.max(largest, value);
  let sum = 0;
  for (let index = 0; index < values.length; index++) {
    const value = Math.exp((values[index] as number) - largest);
    values[index] = value;
    sum += value;
  }
  for (let index = 0; index < values.length; index++) values[index] = (values[index] as number) / sum;
  return values;
}

/**
 * The mixture likelihood of one pair and its loss: p = Σ_k π_k σ(Δ_k), L_BT = −log p, and the
 * load-balance term L_lb = Σ_k π_k log π_k (MiCRo `learn.py`, loss_type `mixture_BT`).
 */
export function mixtureLoss(
  routing: ArrayLike<number>,
  deltas: ArrayLike<number>,
): { probability: number; loss: number; balance: number } {
  let probability = 0;
  let balance = 0;
  for (let head = 0; head < routing.length; head++) {
    const weight = routing[head] as number;
    probability += weight * sigmoid(deltas[head] as number);
    if (weight > 0) balance += weight * Math.log(weight);
  }
  return { probability, loss: -Math.log(Math.max(probability, 1e-300)), balance };
}

/** How a mixture turns head rewards into one reward for a context. */
export type MixtureReward = "weighted" | "logsigmoid";

/**
 * The mixture's reward: Σ_k π_k r_k (MiCRo `learn_sharebase.py` prediction_step, the default) or
 * Σ_k π_k log σ(r_k) (the `logsigmoid` option, the form the methods notes give for the eval script).
 */
export function combineHeads(
  routing: ArrayLike<number>,
  rewards: ArrayLike<number>,
  mode: MixtureReward = "weighted",
): number {
  let total = 0;
  for (let head = 0; head < routing.length; head++) {
    const reward = rewards[head] as number;
    total += (routing[head] as number) * (mode === "logsigmoid" ? logSigmoid(reward) : reward);
  }
  return total;
}

/**
 * MiCRo stage 2, reconstructed (the paper's online router update is not in the released code):
 * a multiplicative-weights (Hedge) update of the routing weights from a user's own labelled
 * pairs, π_k ← π_k · Π_pairs σ(Δ_k)^η / Z. `deltas[pair][k]` is head k's r(chosen) − r(rejected).
 */
export function hedgeRouting(
  prior: ArrayLike<number>,
  deltas: ReadonlyArray<ArrayLike<number>>,
  eta = 1,
): Float64Array {
  const logWeights = Float64Array.from(prior, (weight) => Math.log(Math.max(weight, 1e-300)));
  for (const pair of deltas) {
    for (let head = 0; head < logWeights.length; head++) {
      logWeights[head] = (logWeights[head] as number) + eta * logSigmoid(pair[head] as number);
    }
  }
  return softmaxInPlace(logWeights);
}
