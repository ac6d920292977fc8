import { type P3oClip, p3oPairLoss } from "../../advantage/index.js";
import type { LabRandom } from "../random.js";
import type { SoftmaxPolicy } from "./softmax-policy.js";
import { type SampledResponse, sampleGroups, surrogateGradient } from "./surrogate.js";

export interface PairStepSettings {
  /** PPO epochs: passes of the clipped objective over the same batch. */
  epochs: number;
  clip: number;
  learningRate: number;
  /** β of the KL penalty folded into the reward, R = r − β·log(π_old(y)/π_base(y)) (P3O's form). */
  klCoefficient: number;
  random: LabRandom;
}

export interface PairStepResult {
  /** Mean of the reward the optimizer was given (before the KL penalty). */
  meanReward: number;
  clippedFraction: number;
}

/**
 * Two responses per prompt from the policy, each with its KL-penalized reward
 * R = r − β·(log π_old(y) − log π_base(y)) — the reward every method here optimizes.
 */
function samplePairs(
  policy: SoftmaxPolicy,
  reward: (index: number) => number,
  settings: PairStepSettings,
): { samples: SampledResponse[]; rewards: number[]; penalized: number[] } {
  const samples = sampleGroups(policy, { groupSize: 2, random: settings.random });
  const rewards = samples.map((sample) => reward(sample.index));
  const base = policy.baseLogProbabilities;
  const penalized = samples.map(
    (sample, at) =>
      (rewards[at] as number) -
      settings.klCoefficient * (sample.oldLogProbability - (base[sample.index] as number)),
  );
  return { samples, rewards, penalized };
}

/** Adds weight·∇_logits log π(y) = weight·(e_y − π_prompt) to a logit gradient. */
function addLogProbabilityGradient(input: {
  gradient: Float64Array;
  policy: SoftmaxPolicy;
  sample: SampledResponse;
  weight: number;
}): void {
  const { gradient, policy, sample, weight } = input;
  if (weight === 0) return;
  const probabilities = policy.probabilities();
  const offset = sample.prompt * policy.candidates;
  gradient[sample.index] = (gradient[sample.index] as number) + weight;
  for (let k = 0; k < policy.candidates; k++) {
    gradient[offset + k] = (gradient[offset + k] as number) - weight * (probabilities[offset + k] as number);
  }
}

/**
 * One P3O step (Wu et al. 2023) on a softmax policy: a pair per prompt, Δ = R(y1) − R(y2), then
 * `epochs` passes ascending the clipped trajectory-wise objective (`p3oPairLoss`, separate or joint
 * clipping, reconstructed). Only Δ enters, so a reward shift that depends only on the prompt
 * changes nothing. The gradient is averaged over samples, as `grpoStep`'s and `ppoValueStep`'s are.
 */
export function p3oStep(
  policy: SoftmaxPolicy,
  reward: (index: number) => number,
  settings: PairStepSettings & { variant: P3oClip },
): PairStepResult {
  const { samples, rewards, penalized } = samplePairs(policy, reward, settings);
  const stepSize = settings.learningRate * policy.candidates * policy.prompts;
  let clipped = 0;
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    const gradient = new Float64Array(policy.probabilities().length);
    const logProbabilities = policy.logProbabilities();
    for (let at = 0; at + 1 < samples.length; at += 2) {
      const first = samples[at] as SampledResponse;
      const second = samples[at + 1] as SampledResponse;
      const loss = p3oPairLoss({
        delta: (penalized[at] as number) - (penalized[at + 1] as number),
        logRatioFirst: (logProbabilities[first.index] as number) - first.oldLogProbability,
        logRatioSecond: (logProbabilities[second.index] as number) - second.oldLogProbability,
        epsilon: settings.clip,
        clip: settings.variant,
      });
      if (loss.clipped) clipped++;
      const scale = 1 / samples.length;
      addLogProbabilityGradient({ gradient, policy, sample: first, weight: loss.gradientFirst * scale });
      addLogProbabilityGradient({ gradient, policy, sample: second, weight: loss.gradientSecond * scale });
    }
    policy.ascend(gradient, stepSize);
  }
  return { meanReward: mean(rewards), clippedFraction: clipped / ((settings.epochs * samples.length) / 2) };
}

/**
 * One PPO step with a learned value baseline (the critic PPO-RLHF trains; here one value per
 * prompt): the same pair per prompt, advantage A = R − V(x), `epochs` passes of PPO's clipped
 * surrogate, then V(x) moves toward the prompt's mean R by `valueLearningRate`. A prompt-only reward
 * shift reaches the advantages until the critic has caught up with it.
 */
export function ppoValueStep(
  policy: SoftmaxPolicy,
  reward: (index: number) => number,
  settings: PairStepSettings & { values: Float64Array; valueLearningRate: number },
): PairStepResult {
  const { samples, rewards, penalized } = samplePairs(policy, reward, settings);
  const advantages = samples.map(
    (sample, at) => (penalized[at] as number) - (settings.values[sample.prompt] as number),
  );
  const stepSize = settings.learningRate * policy.candidates * policy.prompts;
  let clipped = 0;
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    const surrogate = surrogateGradient(policy, samples, advantages, settings.clip);
    clipped += surrogate.clippedFraction;
    policy.ascend(surrogate.gradient, stepSize);
  }
  const totals = new Float64Array(policy.prompts);
  const counts = new Float64Array(policy.prompts);
  samples.forEach((sample, at) => {
    totals[sample.prompt] = (totals[sample.prompt] as number) + (penalized[at] as number);
    counts[sample.prompt] = (counts[sample.prompt] as number) + 1;
  });
  for (let prompt = 0; prompt < policy.prompts; prompt++) {
    if ((counts[prompt] as number) === 0) continue;
    const target = (totals[prompt] as number) / (counts[prompt] as number);
    const value = settings.values[prompt] as number;
    settings.values[prompt] = value + settings.valueLearningRate * (target - value);
  }
  return { meanReward: mean(rewards), clippedFraction: clipped / settings.epochs };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((total, value) => total + value, 0) / values.length;
}
