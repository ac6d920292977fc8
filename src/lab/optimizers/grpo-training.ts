import type { AdvantageEstimator, Sample } from "../../core/index.js";
import type { LabRandom } from "../random.js";
import { type ClipByLikelihood, countClipped, likelyHalf } from "./clip-by-likelihood.js";
import type { SoftmaxPolicy } from "./softmax-policy.js";
import { type SampledResponse, sampleGroups, surrogateGradient } from "./surrogate.js";

export interface GrpoStepSettings {
  /** The library's advantage estimator (`grpo`, `unlikeliness`...), compiled from a spec section. */
  estimator: AdvantageEstimator;
  groupSize: number;
  /** PPO epochs: passes of the clipped surrogate over the same batch. */
  epochs: number;
  clip: number;
  learningRate: number;
  /** β of a KL(π ‖ π_base) loss added to the surrogate (0: none). */
  klCoefficient: number;
  random: LabRandom;
  /** The prompts trained on (default all); the others are left for evaluation. */
  prompts?: readonly number[];
}

/**
 * One GRPO step on a softmax policy: sample a group per prompt, score each response with `reward`,
 * compute advantages with the library's estimator — the samples carry their group and their
 * log-probability under the sampling policy in `meta.logprobs`, as a trainer would send them — then
 * `epochs` passes of PPO's clipped surrogate on that batch.
 */
export function grpoStep(
  policy: SoftmaxPolicy,
  reward: (index: number) => number,
  settings: GrpoStepSettings,
): { meanReward: number; clippedFraction: number; clipByLikelihood: ClipByLikelihood } {
  const prompts = settings.prompts ?? Array.from({ length: policy.prompts }, (_, prompt) => prompt);
  const samples = sampleGroups(policy, { groupSize: settings.groupSize, random: settings.random, prompts });
  const rewards = samples.map((sample) => reward(sample.index));
  const { advantages } = settings.estimator.compute({
    rewards,
    samples: samples.map(toSample),
    components: samples.map(() => undefined),
  });
  let clipped = 0;
  const likely = likelyHalf(samples);
  const byLikelihood: ClipByLikelihood = { likely: 0, likelyMoved: 0, rare: 0, rareMoved: 0 };
  // Each sample moves its own logit by about learningRate·K·A/G, whatever the batch size.
  const stepSize = settings.learningRate * policy.candidates * prompts.length;
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    const surrogate = surrogateGradient(policy, samples, advantages, settings.clip);
    clipped += surrogate.clippedFraction;
    if (epoch > 0)
      countClipped(byLikelihood, { samples, advantages, likely, clipped: surrogate.clippedSamples });
    const gradient = surrogate.gradient;
    if (settings.klCoefficient > 0) addKlGradient(policy, gradient, settings.klCoefficient, prompts);
    policy.ascend(gradient, stepSize);
  }
  return {
    meanReward: rewards.reduce((total, value) => total + value, 0) / Math.max(1, rewards.length),
    clippedFraction: clipped / settings.epochs,
    clipByLikelihood: byLikelihood,
  };
}

/** A sampled response as the advantage estimators read it. */
function toSample(sample: SampledResponse): Sample {
  return {
    prompt: `prompt ${sample.prompt}`,
    completion: `candidate ${sample.index}`,
    group: sample.prompt,
    meta: { logprobs: sample.oldLogProbability },
  };
}

/** Adds −β·∇KL(π ‖ π_base) on the trained prompts' logits, −β·π_j·(L_j − E_π L), averaged over them. */
function addKlGradient(
  policy: SoftmaxPolicy,
  gradient: Float64Array,
  coefficient: number,
  trained: readonly number[],
): void {
  const probabilities = policy.probabilities();
  const logProbabilities = policy.logProbabilities();
  const base = policy.baseLogProbabilities;
  const { candidates } = policy;
  const prompts = trained.length;
  for (const prompt of trained) {
    const offset = prompt * candidates;
    let expected = 0;
    for (let k = 0; k < candidates; k++) {
      expected +=
        (probabilities[offset + k] as number) *
        ((logProbabilities[offset + k] as number) - (base[offset + k] as number));
    }
    for (let k = 0; k < candidates; k++) {
      const index = offset + k;
      const ratio = (logProbabilities[index] as number) - (base[index] as number);
      gradient[index] =
        (gradient[index] as number) -
        (coefficient * (probabilities[index] as number) * (ratio - expected)) / prompts;
    }
  }
}
