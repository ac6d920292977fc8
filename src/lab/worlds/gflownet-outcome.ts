import type { HypergridShape } from "../../env/index.js";
import { DenseAdam } from "../../models/index.js";
import { labRandom } from "../random.js";
import { exponentiate, logSoftmaxRows } from "../softmax.js";
import { sampleTrajectory, type TabularSampler, terminatingDistribution } from "./gflownet-tabular.js";
import { accumulateScore, meanAbsoluteDifference, trajectoryBalanceResidual } from "./gflownet-training.js";

/**
 * An outcome-conditioned GFlowNet (Pan et al. 2024, OC-GFN), TABULAR and reconstructed: one table of
 * forward logits and one log Z per target outcome y, pre-trained WITHOUT the task reward to reach y —
 * R_y(x) = 1 if x = y else `floor` — by trajectory balance on the sampled trajectory and on its
 * hindsight relabelling (y := the reached x, reward 1), as the paper does.
 */
export interface OutcomeConditioned {
  readonly shape: HypergridShape;
  /** One sampler per outcome (views into one table). */
  readonly samplers: TabularSampler[];
  /** P_T(x | y) by [y][x], exact. */
  readonly reach: Float64Array[];
}

export function pretrainOutcomeConditioned(input: {
  shape: HypergridShape;
  steps: number;
  batch: number;
  learningRate: number;
  floor: number;
  seed: number;
}): OutcomeConditioned {
  const { shape } = input;
  const count = shape.side ** shape.dimension;
  const width = shape.dimension + 1;
  const size = count * width;
  const logits = new Float64Array(count * size);
  const logPartitions = new Float64Array(count);
  const samplers = Array.from({ length: count }, (_, outcome) => ({
    shape,
    logits: logits.subarray(outcome * size, (outcome + 1) * size),
    logPartition: logPartitions.subarray(outcome, outcome + 1),
  }));
  const adam = new DenseAdam([logits, logPartitions], { learningRate: input.learningRate });
  const random = labRandom(input.seed);
  const logFloor = Math.log(input.floor);
  for (let step = 0; step < input.steps; step++) {
    const gradient = new Float64Array(logits.length);
    const partitionGradient = new Float64Array(count);
    const learn = (outcome: number, trajectory: ReturnType<typeof sampleTrajectory>, logReward: number) => {
      const sampler = samplers[outcome] as TabularSampler;
      const coefficient = (2 * trajectoryBalanceResidual(sampler, trajectory, logReward)) / input.batch;
      accumulateScore(
        sampler,
        trajectory,
        coefficient,
        gradient.subarray(outcome * size, (outcome + 1) * size),
      );
      partitionGradient[outcome] = (partitionGradient[outcome] as number) + coefficient;
    };
    for (let draw = 0; draw < input.batch; draw++) {
      const outcome = random.int(count);
      const trajectory = sampleTrajectory(samplers[outcome] as TabularSampler, random);
      learn(outcome, trajectory, trajectory.terminal === outcome ? 0 : logFloor);
      if (trajectory.terminal !== outcome) learn(trajectory.terminal, trajectory, 0);
    }
    adam.step([gradient, partitionGradient]);
  }
  return { shape, samplers, reach: samplers.map((sampler) => terminatingDistribution(sampler)) };
}

/** The mean over outcomes of P_T(y | y): how reliably the pre-trained sampler reaches what it is asked. */
export function meanReachProbability(conditioned: OutcomeConditioned): number {
  const total = conditioned.reach.reduce((sum, row, outcome) => sum + (row[outcome] as number), 0);
  return total / conditioned.reach.length;
}

/**
 * Adapts to a new reward R' by learning only a distribution q(y) over outcomes with the OC-GFN frozen
 * (reconstructed from Pan et al.'s amortized fine-tuning): a one-step trajectory balance
 * (log Z + log q(y) − log R'(x))², x the state the conditioned sampler reached for y. Returns the exact
 * L1 of Σ_y q(y) P_T(x | y) to R'(x)/Z' at each checkpoint.
 */
export function adaptOutcomeSampler(input: {
  conditioned: OutcomeConditioned;
  reward: (state: number) => number;
  target: Float64Array;
  steps: number;
  batch: number;
  learningRate: number;
  logPartitionRate: number;
  evaluateEvery: number;
  seed: number;
}): { step: number; exactL1: number }[] {
  const count = input.target.length;
  const outcomeLogits = new Float64Array(count);
  const logPartition = new Float64Array(1);
  const policyAdam = new DenseAdam([outcomeLogits], { learningRate: input.learningRate });
  const partitionAdam = new DenseAdam([logPartition], { learningRate: input.logPartitionRate });
  const random = labRandom(input.seed);
  const checkpoints: { step: number; exactL1: number }[] = [];
  for (let step = 1; step <= input.steps; step++) {
    const outcomes = softmax(outcomeLogits);
    const gradient = new Float64Array(count);
    let partitionGradient = 0;
    for (let draw = 0; draw < input.batch; draw++) {
      const outcome = random.categorical(outcomes);
      const reached = sampleTrajectory(
        input.conditioned.samplers[outcome] as TabularSampler,
        random,
      ).terminal;
      const residual =
        (logPartition[0] as number) + Math.log(outcomes[outcome] as number) - Math.log(input.reward(reached));
      const coefficient = (2 * residual) / input.batch;
      for (let other = 0; other < count; other++) {
        const indicator = other === outcome ? 1 : 0;
        gradient[other] =
          (gradient[other] as number) + coefficient * (indicator - (outcomes[other] as number));
      }
      partitionGradient += coefficient;
    }
    policyAdam.step([gradient]);
    partitionAdam.step([[partitionGradient]]);
    if (step === 1 || step % input.evaluateEvery === 0 || step === input.steps) {
      const mixture = new Float64Array(count);
      softmax(outcomeLogits).forEach((weight, outcome) => {
        const row = input.conditioned.reach[outcome] as Float64Array;
        for (let state = 0; state < count; state++)
          mixture[state] = (mixture[state] as number) + weight * (row[state] as number);
      });
      checkpoints.push({ step, exactL1: meanAbsoluteDifference(mixture, input.target) });
    }
  }
  return checkpoints;
}

/** softmax over one row of logits (the lab's shared log-softmax). */
function softmax(logits: Float64Array): Float64Array {
  return exponentiate(logSoftmaxRows(logits, logits.length));
}
