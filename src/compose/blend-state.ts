import { type BlendStepOptions, blendStep } from "./blend.js";

/**
 * A `blend` node's per-run state: the weights φ, and the alignment sums of the training step whose
 * batches are still arriving. As the `constrained` node does, a step's batches are accumulated and φ
 * moves once, from the step's mean alignment, when a call with a later step arrives; every sample of
 * step s is blended with the weights learnt from steps < s. A call with an older step (a replay, an
 * evaluation pass) is scored with the current weights and changes nothing.
 */
export interface BlendState {
  readonly weights: readonly number[];
  /** The step being accumulated; null before the first batch. */
  readonly step: number | null;
  /** Σ over the step's batches of alignment_i × rollouts counted. */
  readonly sums: readonly number[];
  readonly count: number;
}

export function initialBlendState(weights: readonly number[]): BlendState {
  return { weights: [...weights], step: null, sums: weights.map(() => 0), count: 0 };
}

export interface BlendUpdate {
  /** This batch's alignment of each auxiliary reward with the primary, and the rollouts it counted. */
  alignments: readonly number[];
  count: number;
  step: number;
  options: BlendStepOptions;
}

/** The state after one scored batch; pure, run inside the state store's atomic update. */
export function advanceBlendState(state: BlendState, update: BlendUpdate): BlendState {
  let current = state;
  if (current.step !== null && update.step < current.step) return current;
  if (current.step !== null && update.step > current.step) {
    const weights =
      current.count > 0
        ? blendStep(
            current.weights,
            current.sums.map((sum) => sum / current.count),
            update.options,
          )
        : current.weights;
    current = { weights, step: update.step, sums: current.sums.map(() => 0), count: 0 };
  }
  return {
    weights: current.weights,
    step: update.step,
    sums: current.sums.map((sum, index) => sum + (update.alignments[index] as number) * update.count),
    count: current.count + update.count,
  };
}
