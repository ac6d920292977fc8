import { type HypergridShape, hypergridCoordinates, hypergridReward } from "../../env/index.js";
import { DenseAdam } from "../../models/index.js";
import { labRandom } from "../random.js";
import {
  createTabularSampler,
  forwardProbabilities,
  type SampledTrajectory,
  sampleTrajectory,
  type TabularSampler,
  terminatingDistribution,
  uniformBackwardLog,
} from "./gflownet-tabular.js";

/** "tb": trajectory balance (Malkin et al. 2022); "reinforce": reward maximization (Williams 1992). */
export type SamplerMethod = "tb" | "reinforce";

export interface SamplerTrainingOptions {
  shape: HypergridShape;
  method: SamplerMethod;
  steps: number;
  batch: number;
  learningRate: number;
  /** Adam's learning rate for log Z (torchgfn's hypergrid example: 0.1, larger than the policy's). */
  logPartitionRate: number;
  /** Terminal states of the last `window` trajectories make the empirical distribution. */
  window: number;
  evaluateEvery: number;
  seed: number;
  /** R(x) by state index; the hypergrid's own reward when absent. */
  reward?: (state: number) => number;
}

export interface SamplerCheckpoint {
  step: number;
  /** mean_x |p̂(x) − R(x)/Z| over the last `window` samples (Malkin et al.'s empirical L1). */
  empiricalL1: number;
  /** The same with the sampler's exact terminating distribution. */
  exactL1: number;
  /** Distinct highest-reward states sampled so far during training. */
  modesFound: number;
  meanReward: number;
}

export interface SamplerTraining {
  checkpoints: SamplerCheckpoint[];
  /** The trained sampler's exact terminating distribution, by state index. */
  distribution: Float64Array;
  target: Float64Array;
  modes: number[];
  logPartition: number;
  trueLogPartition: number;
}

/** R(x)/Z over every state by enumeration, the highest-reward states (the modes) and log Z. */
export function rewardDistribution(
  shape: HypergridShape,
  reward: (state: number) => number,
): { probabilities: Float64Array; modes: number[]; logPartition: number } {
  const count = shape.side ** shape.dimension;
  const values = Float64Array.from({ length: count }, (_, state) => reward(state));
  const total = values.reduce((sum, value) => sum + value, 0);
  const best = Math.max(...values);
  const modes = [...values.keys()].filter((state) => values[state] === best);
  return { probabilities: values.map((value) => value / total), modes, logPartition: Math.log(total) };
}

/** mean_x |p(x) − q(x)| (torchgfn's hypergrid validation `l1_dist`). */
export function meanAbsoluteDifference(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < p.length; index++)
    total += Math.abs((p[index] as number) - (q[index] as number));
  return total / p.length;
}

/**
 * Adds one trajectory's gradient of its objective to `gradient` (state-major logits) scaled by
 * `coefficient`. TB: L = (log Z + Σ log P_F − log R(x) − Σ log P_B)², ∂L/∂logit = 2δ(1[a] − P_F(·|s)),
 * ∂L/∂log Z = 2δ. REINFORCE: −(R(x) − b) Σ log P_F, the same score term with coefficient −(R − b).
 */
export function accumulateScore(
  sampler: TabularSampler,
  trajectory: SampledTrajectory,
  coefficient: number,
  gradient: Float64Array,
): void {
  const width = sampler.shape.dimension + 1;
  trajectory.states.forEach((state, position) => {
    const probabilities = forwardProbabilities(sampler, state);
    const action = trajectory.actions[position] as number;
    for (let other = 0; other < width; other++) {
      const indicator = other === action ? 1 : 0;
      const cell = state * width + other;
      gradient[cell] =
        (gradient[cell] as number) + coefficient * (indicator - (probabilities[other] as number));
    }
  });
}

/** The TB residual δ of one trajectory whose terminal state has reward R (`logReward` = log R). */
export function trajectoryBalanceResidual(
  sampler: TabularSampler,
  trajectory: SampledTrajectory,
  logReward: number,
): number {
  const { dimension, side } = sampler.shape;
  let forward = 0;
  let backward = 0;
  trajectory.states.forEach((state, position) => {
    const action = trajectory.actions[position] as number;
    forward += Math.log(forwardProbabilities(sampler, state)[action] as number);
    if (action < dimension) backward += uniformBackwardLog(state + side ** action, sampler.shape);
  });
  return (sampler.logPartition[0] as number) + forward - logReward - backward;
}

/** Trains a tabular sampler with TB or REINFORCE from uniform logits, on-policy, seeded. */
export function trainSampler(options: SamplerTrainingOptions): SamplerTraining {
  const { shape } = options;
  const sampler = createTabularSampler(shape);
  const reward =
    options.reward ?? ((state: number) => hypergridReward(hypergridCoordinates(state, shape), shape));
  const target = rewardDistribution(shape, reward);
  const modeSet = new Set(target.modes);
  const random = labRandom(options.seed);
  const policyAdam = new DenseAdam([sampler.logits], { learningRate: options.learningRate });
  const partitionAdam = new DenseAdam([sampler.logPartition], { learningRate: options.logPartitionRate });
  const recent: number[] = [];
  const found = new Set<number>();
  const checkpoints: SamplerCheckpoint[] = [];
  let rewardSum = 0;
  let rewardCount = 0;
  for (let step = 1; step <= options.steps; step++) {
    const trajectories = Array.from({ length: options.batch }, () => sampleTrajectory(sampler, random));
    const rewards = trajectories.map((each) => reward(each.terminal));
    const baseline = rewards.reduce((sum, value) => sum + value, 0) / rewards.length;
    const gradient = new Float64Array(sampler.logits.length);
    let partitionGradient = 0;
    trajectories.forEach((trajectory, index) => {
      if (options.method === "tb") {
        const residual = trajectoryBalanceResidual(sampler, trajectory, Math.log(rewards[index] as number));
        accumulateScore(sampler, trajectory, (2 * residual) / options.batch, gradient);
        partitionGradient += (2 * residual) / options.batch;
      } else {
        accumulateScore(
          sampler,
          trajectory,
          -((rewards[index] as number) - baseline) / options.batch,
          gradient,
        );
      }
      recent.push(trajectory.terminal);
      if (modeSet.has(trajectory.terminal)) found.add(trajectory.terminal);
      rewardSum += rewards[index] as number;
      rewardCount++;
    });
    while (recent.length > options.window) recent.shift();
    policyAdam.step([gradient]);
    if (options.method === "tb") partitionAdam.step([[partitionGradient]]);
    if (step === 1 || step % options.evaluateEvery === 0 || step === options.steps) {
      const empirical = new Float64Array(target.probabilities.length);
      for (const state of recent) empirical[state] = (empirical[state] as number) + 1 / recent.length;
      checkpoints.push({
        step,
        empiricalL1: meanAbsoluteDifference(empirical, target.probabilities),
        exactL1: meanAbsoluteDifference(terminatingDistribution(sampler), target.probabilities),
        modesFound: found.size,
        meanReward: rewardSum / rewardCount,
      });
      rewardSum = 0;
      rewardCount = 0;
    }
  }
  return {
    checkpoints,
    distribution: terminatingDistribution(sampler),
    target: target.probabilities,
    modes: target.modes,
    logPartition: sampler.logPartition[0] as number,
    trueLogPartition: target.logPartition,
  };
}
