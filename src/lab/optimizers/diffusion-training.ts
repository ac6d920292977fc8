import {
  type AccumulatingAdam,
  flowMatchingBatch,
  flowMatchingLoss,
  type Random,
  type SampledPaths,
  samplePaths,
  sdeStep,
  stepLogProbabilities,
  stepLogProbabilityGradient,
  type VelocityNetwork,
} from "../../models/index.js";
import { d3poStepLoss, flowDpoBeta, flowDpoPairLoss } from "../../preference/index.js";

/** The sampler every method shares: K steps of the SDE with noise level a. */
export interface SamplerSettings {
  steps: number;
  noise: number;
}

/**
 * D3PO online (the authors' `train_d3po.py` loop): each round samples pairs of trajectories from
 * the current model, the rule picks the preferred one, and every denoising step of every pair is
 * a DPO term against the frozen reference; one optimizer step per denoising step (shuffled).
 */
export function d3poRound(input: {
  network: VelocityNetwork;
  reference: VelocityNetwork;
  optimizer: AccumulatingAdam;
  pairs: number;
  sampler: SamplerSettings;
  beta: number;
  clip: readonly [number, number] | null;
  prefer: (points: Float64Array, a: number, b: number) => number;
  random: Random;
}): void {
  const { network, reference, sampler } = input;
  const paths = samplePaths(network, {
    rows: 2 * input.pairs,
    steps: sampler.steps,
    noise: sampler.noise,
    random: input.random,
  });
  const final = paths.states[paths.steps] as Float64Array;
  const labels = Array.from({ length: input.pairs }, (_, pair) =>
    input.prefer(final, 2 * pair, 2 * pair + 1),
  );
  const order = Array.from({ length: sampler.steps }, (_, k) => k);
  for (let index = order.length - 1; index > 0; index--) {
    const swap = input.random.int(index + 1);
    [order[index], order[swap]] = [order[swap] as number, order[index] as number];
  }
  for (const k of order) {
    const times = new Float64Array(paths.rows).fill(paths.times[k] as number);
    const own = network.forward(paths.states[k] as Float64Array, times, true);
    const base = reference.forward(paths.states[k] as Float64Array, times).velocity;
    const ownLog = stepLogProbabilities(paths, k, own.velocity, sampler.noise);
    const baseLog = stepLogProbabilities(paths, k, base, sampler.noise);
    const slopes = stepLogProbabilityGradient(paths, k, own.velocity, sampler.noise);
    const outputGradient = new Float64Array(2 * paths.rows);
    for (let pair = 0; pair < input.pairs; pair++) {
      const label = labels[pair] as number;
      if (label === 0) continue;
      const [winner, loser] = label > 0 ? [2 * pair, 2 * pair + 1] : [2 * pair + 1, 2 * pair];
      const step = d3poStepLoss({
        policyWinner: ownLog[winner] as number,
        policyLoser: ownLog[loser] as number,
        referenceWinner: baseLog[winner] as number,
        referenceLoser: baseLog[loser] as number,
        beta: input.beta,
        clip: input.clip,
      });
      for (let axis = 0; axis < 2; axis++) {
        outputGradient[2 * winner + axis] =
          (step.winner * (slopes[2 * winner + axis] as number)) / input.pairs;
        outputGradient[2 * loser + axis] = (step.loser * (slopes[2 * loser + axis] as number)) / input.pairs;
      }
    }
    network.backward(own.cache as NonNullable<typeof own.cache>, outputGradient, input.optimizer.gradient);
    input.optimizer.step();
  }
}

/**
 * One Flow-DPO step on a batch of (preferred, other) final samples: both noised at a shared t and
 * ε per pair, the loss of `flowDpoPairLoss` averaged over the batch.
 */
export function flowDpoStep(input: {
  network: VelocityNetwork;
  reference: VelocityNetwork;
  optimizer: AccumulatingAdam;
  winners: Float64Array;
  losers: Float64Array;
  beta: number;
  schedule: "constant" | "timestep";
  random: Random;
}): number {
  const pairs = input.winners.length / 2;
  const points = new Float64Array(4 * pairs);
  const times = new Float64Array(2 * pairs);
  const targets = new Float64Array(4 * pairs);
  for (let pair = 0; pair < pairs; pair++) {
    const t = input.random.next();
    times[2 * pair] = t;
    times[2 * pair + 1] = t;
    for (let axis = 0; axis < 2; axis++) {
      const noise = input.random.normal();
      for (const [side, source] of [
        [0, input.winners],
        [1, input.losers],
      ] as const) {
        const x0 = source[2 * pair + axis] as number;
        points[2 * (2 * pair + side) + axis] = (1 - t) * x0 + t * noise;
        targets[2 * (2 * pair + side) + axis] = noise - x0;
      }
    }
  }
  const own = input.network.forward(points, times, true);
  const base = input.reference.forward(points, times).velocity;
  const outputGradient = new Float64Array(4 * pairs);
  let loss = 0;
  for (let pair = 0; pair < pairs; pair++) {
    const w = 2 * pair;
    const l = 2 * pair + 1;
    const slice = (values: Float64Array, row: number) => values.subarray(2 * row, 2 * row + 2);
    const result = flowDpoPairLoss({
      policyWinner: slice(own.velocity, w),
      policyLoser: slice(own.velocity, l),
      referenceWinner: slice(base, w),
      referenceLoser: slice(base, l),
      targetWinner: slice(targets, w),
      targetLoser: slice(targets, l),
      beta: flowDpoBeta(input.beta, times[w] as number, input.schedule),
    });
    loss += result.loss / pairs;
    for (let axis = 0; axis < 2; axis++) {
      outputGradient[2 * w + axis] = (result.winner[axis] as number) / pairs;
      outputGradient[2 * l + axis] = (result.loser[axis] as number) / pairs;
    }
  }
  input.network.backward(
    own.cache as NonNullable<typeof own.cache>,
    outputGradient,
    input.optimizer.gradient,
  );
  input.optimizer.step();
  return loss;
}

/** One reward-weighted flow-matching step (Flow-RWR) on samples with per-sample weights. */
export function weightedFlowStep(input: {
  network: VelocityNetwork;
  optimizer: AccumulatingAdam;
  samples: Float64Array;
  weights: ArrayLike<number>;
  random: Random;
}): number {
  const batch = flowMatchingBatch(input.samples, input.random);
  const own = input.network.forward(batch.points, batch.times, true);
  const { loss, gradient } = flowMatchingLoss(own.velocity, batch.targets, input.weights);
  input.network.backward(own.cache as NonNullable<typeof own.cache>, gradient, input.optimizer.gradient);
  input.optimizer.step();
  return loss;
}

/** Final states of two completions of each path from step `branch` on, with fresh noise (Ctrl-U's pair). */
export function branchCompletions(input: {
  network: VelocityNetwork;
  paths: SampledPaths;
  branch: number;
  sampler: SamplerSettings;
  random: Random;
}): Float64Array {
  const { paths, sampler } = input;
  let current = (paths.states[input.branch] as Float64Array).slice();
  const h = 1 / paths.steps;
  for (let k = input.branch; k < paths.steps; k++) {
    const t = paths.times[k] as number;
    const { velocity } = input.network.forward(current, new Float64Array(paths.rows).fill(t));
    const step = sdeStep(t, h, sampler.noise);
    current = current.map(
      (value, index) =>
        step.shrink * value -
        step.velocityScale * (velocity[index] as number) +
        step.std * input.random.normal(),
    );
  }
  return current;
}
