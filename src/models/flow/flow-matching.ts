import type { Random } from "../random.js";
import { accumulatingAdam } from "../train/dense-adam.js";
import type { VelocityNetwork } from "./velocity-network.js";

/**
 * One batch of conditional flow matching (rectified flow, the convention of SD3 and the video
 * models of Liu et al. 2025): x_t = (1 − t)·x₀ + t·ε, target velocity v = ε − x₀, t ~ U(0, 1).
 */
export function flowMatchingBatch(
  data: ArrayLike<number>,
  random: Random,
): {
  points: Float64Array;
  times: Float64Array;
  targets: Float64Array;
} {
  const rows = data.length / 2;
  const points = new Float64Array(2 * rows);
  const times = new Float64Array(rows);
  const targets = new Float64Array(2 * rows);
  for (let row = 0; row < rows; row++) {
    const t = random.next();
    times[row] = t;
    for (let axis = 0; axis < 2; axis++) {
      const x0 = data[2 * row + axis] as number;
      const noise = random.normal();
      points[2 * row + axis] = (1 - t) * x0 + t * noise;
      targets[2 * row + axis] = noise - x0;
    }
  }
  return { points, times, targets };
}

/**
 * The (optionally weighted) flow-matching loss Σ wᵢ‖v_θ(xᵢ, tᵢ) − vᵢ‖² / Σ wᵢ and its gradient with
 * respect to each predicted velocity. Uniform weights are the base model's loss; reward weights
 * make it reward-weighted regression (Flow-RWR).
 */
export function flowMatchingLoss(
  predicted: ArrayLike<number>,
  targets: ArrayLike<number>,
  weights?: ArrayLike<number>,
): { loss: number; gradient: Float64Array } {
  const rows = predicted.length / 2;
  let total = 0;
  for (let row = 0; row < rows; row++) total += weights ? (weights[row] as number) : 1;
  const gradient = new Float64Array(predicted.length);
  let loss = 0;
  for (let row = 0; row < rows; row++) {
    const weight = (weights ? (weights[row] as number) : 1) / total;
    for (let axis = 0; axis < 2; axis++) {
      const difference = (predicted[2 * row + axis] as number) - (targets[2 * row + axis] as number);
      loss += weight * difference * difference;
      gradient[2 * row + axis] = 2 * weight * difference;
    }
  }
  return { loss, gradient };
}

/** Trains `network` by flow matching on draws from `sampleData` (n points, flat x/y pairs). */
export function trainFlowMatching(input: {
  network: VelocityNetwork;
  sampleData: (count: number, random: Random) => Float64Array;
  steps: number;
  batchSize: number;
  learningRate: number;
  random: Random;
}): { losses: number[] } {
  const optimizer = accumulatingAdam(input.network.parameters, { learningRate: input.learningRate });
  const losses: number[] = [];
  for (let step = 0; step < input.steps; step++) {
    const batch = flowMatchingBatch(input.sampleData(input.batchSize, input.random), input.random);
    const { velocity, cache } = input.network.forward(batch.points, batch.times, true);
    const { loss, gradient } = flowMatchingLoss(velocity, batch.targets);
    input.network.backward(cache as NonNullable<typeof cache>, gradient, optimizer.gradient);
    optimizer.step();
    losses.push(loss);
  }
  return { losses };
}
