import { type HypergridShape, hypergridCoordinates, hypergridReward } from "../../env/index.js";
import { type Claim, claim, type MeasuredCurve } from "../results.js";
import {
  adaptOutcomeSampler,
  meanReachProbability,
  pretrainOutcomeConditioned,
} from "../worlds/gflownet-outcome.js";
import { rewardDistribution, trainSampler } from "../worlds/gflownet-training.js";

/** The adaptation half of the gflownet experiment: exact L1 curves on the new reward. */
export interface Adaptation {
  reachProbability: number;
  adapted: { step: number; exactL1: number }[];
  scratch: { step: number; exactL1: number }[];
}

interface AdaptationSettings {
  steps: number;
  batch: number;
  learning_rate: number;
  log_z_learning_rate: number;
  window: number;
  pretrain_steps: number;
  outcome_floor: number;
  adapt_steps: number;
  adapt_evaluate_every: number;
}

/**
 * The new reward (reconstructed; Pan et al. adapt to unseen rewards): the hypergrid's reward with every
 * coordinate shifted by ⌊H/2⌋ (mod H), so the ring modes move to the middle of the grid.
 */
export function shiftedReward(shape: HypergridShape): (state: number) => number {
  const shift = Math.floor(shape.side / 2);
  return (state) =>
    hypergridReward(
      hypergridCoordinates(state, shape).map((value) => (value + shift) % shape.side),
      shape,
    );
}

/** Pre-trains the OC-GFN without reward, then adapts it and trains TB from scratch on the new reward. */
export function runAdaptation(input: {
  shape: HypergridShape;
  settings: AdaptationSettings;
  seed: number;
}): Adaptation {
  const { shape, settings, seed } = input;
  const reward = shiftedReward(shape);
  const target = rewardDistribution(shape, reward).probabilities;
  const conditioned = pretrainOutcomeConditioned({
    shape,
    steps: settings.pretrain_steps,
    batch: settings.batch,
    learningRate: settings.learning_rate,
    floor: settings.outcome_floor,
    seed,
  });
  const common = {
    steps: settings.adapt_steps,
    batch: settings.batch,
    learningRate: settings.learning_rate,
    logPartitionRate: settings.log_z_learning_rate,
    evaluateEvery: settings.adapt_evaluate_every,
    seed: seed + 1,
  };
  const adapted = adaptOutcomeSampler({ conditioned, reward, target, ...common });
  const scratch = trainSampler({ shape, method: "tb", reward, window: settings.window, ...common });
  return {
    reachProbability: meanReachProbability(conditioned),
    adapted,
    scratch: scratch.checkpoints.map((point) => ({ step: point.step, exactL1: point.exactL1 })),
  };
}

export function adaptationCurves(adaptation: Adaptation): MeasuredCurve[] {
  const curve = (method: string, points: Adaptation["adapted"]) => ({
    method,
    x: "adaptation step",
    y: "exact L1 to the new R'(x)/Z'",
    points: points.map((point) => ({ x: point.step, y: point.exactL1 })),
  });
  return [curve("OC-GFN adapted", adaptation.adapted), curve("TB from scratch", adaptation.scratch)];
}

/** The first checkpoint step at which the L1 is at most `threshold` (Infinity when never). */
function stepsTo(points: Adaptation["adapted"], threshold: number): number {
  return points.find((point) => point.exactL1 <= threshold)?.step ?? Number.POSITIVE_INFINITY;
}

function mean(points: Adaptation["adapted"]): number {
  return points.reduce((sum, point) => sum + point.exactL1, 0) / points.length;
}

/** The L1 threshold of "adapted": this share of the from-scratch sampler's first (near-uniform) L1. */
export const adaptedShare = 0.1;

export function adaptationClaims(adaptation: Adaptation): Claim[] {
  const scratchStart = adaptation.scratch[0]?.exactL1 ?? Number.NaN;
  const threshold = adaptedShare * scratchStart;
  const adaptedSteps = stepsTo(adaptation.adapted, threshold);
  const scratchSteps = stepsTo(adaptation.scratch, threshold);
  return [
    claim(
      "Pan et al.: the outcome-conditioned GFlowNet, pre-trained without any task reward, reaches the outcome it is asked for (mean P_T(y | y) at least 0.9)",
      adaptation.reachProbability >= 0.9,
      { mean_reach_probability: adaptation.reachProbability },
    ),
    claim(
      `Pan et al.: adapted to a new reward, the pre-trained OC-GFN gets its exact L1 under ${adaptedShare} of the starting L1 in fewer steps than TB from scratch`,
      adaptedSteps < scratchSteps,
      {
        adapted_steps: Number.isFinite(adaptedSteps) ? adaptedSteps : -1,
        scratch_steps: Number.isFinite(scratchSteps) ? scratchSteps : -1,
        threshold_l1: threshold,
      },
    ),
    claim(
      "Pan et al.: over the adaptation budget the adapted OC-GFN's exact L1 is lower on average than TB from scratch's (the end of the budget is reported too)",
      mean(adaptation.adapted) < mean(adaptation.scratch),
      {
        adapted_mean_l1: mean(adaptation.adapted),
        scratch_mean_l1: mean(adaptation.scratch),
        adapted_final_l1: adaptation.adapted.at(-1)?.exactL1 ?? Number.NaN,
        scratch_final_l1: adaptation.scratch.at(-1)?.exactL1 ?? Number.NaN,
      },
    ),
  ];
}
