import { adjustWeights } from "./dimensional-control.js";

/**
 * A `dimensional_control` node's per-run state: the controller's weights and the gap sums of the
 * training step whose batches are still arriving. As with `constrained`, batches with the same step
 * accumulate, and the weights move once, from the step's mean gaps, when a later step arrives; every
 * sample of step s is scored with weights learnt from steps < s. An earlier step (a replay, an
 * evaluation) is scored with the current weights and changes nothing.
 */
export interface DimensionalControlState {
  readonly weights: readonly number[];
  readonly step: number | null;
  readonly gapSums: readonly number[];
  readonly count: number;
}

export function initialControlState(weights: readonly number[]): DimensionalControlState {
  return { weights: [...weights], step: null, gapSums: weights.map(() => 0), count: 0 };
}

/** The state after one scored batch (`gaps`: one row of per-dimension gaps per scored sample). */
export function advanceControlState(
  state: DimensionalControlState,
  update: { gaps: readonly (readonly number[])[]; step: number; rate: number },
): DimensionalControlState {
  let current = state;
  if (current.step !== null && update.step < current.step) return current;
  if (current.step !== null && update.step > current.step) {
    const weights =
      current.count > 0
        ? adjustWeights({
            weights: current.weights,
            meanGaps: current.gapSums.map((sum) => sum / current.count),
            rate: update.rate,
          })
        : current.weights;
    current = { weights, step: update.step, gapSums: weights.map(() => 0), count: 0 };
  }
  const gapSums = [...current.gapSums];
  for (const row of update.gaps) {
    for (let index = 0; index < gapSums.length; index++)
      gapSums[index] = (gapSums[index] as number) + (row[index] as number);
  }
  return { weights: current.weights, step: update.step, gapSums, count: current.count + update.gaps.length };
}
