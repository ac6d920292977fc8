import type { LabRandom } from "../random.js";
import type { SoftmaxPolicy } from "./softmax-policy.js";

/** One sampled response: its flat candidate index, its prompt and its log-probability when sampled. */
export interface SampledResponse {
  index: number;
  prompt: number;
  oldLogProbability: number;
}

/** `groupSize` responses per prompt drawn from the policy (GRPO-style groups). */
export function sampleGroups(
  policy: SoftmaxPolicy,
  options: { groupSize: number; random: LabRandom; prompts?: readonly number[] },
): SampledResponse[] {
  const probabilities = policy.probabilities();
  const logProbabilities = policy.logProbabilities();
  const prompts = options.prompts ?? Array.from({ length: policy.prompts }, (_, prompt) => prompt);
  const out: SampledResponse[] = [];
  for (const prompt of prompts) {
    const offset = prompt * policy.candidates;
    for (let sample = 0; sample < options.groupSize; sample++) {
      const index = offset + options.random.categorical(probabilities, offset, policy.candidates);
      out.push({ index, prompt, oldLogProbability: logProbabilities[index] as number });
    }
  }
  return out;
}

/**
 * The gradient, with respect to every logit, of PPO's clipped surrogate averaged over the samples:
 * mean_g min(ρ_g·A_g, clip(ρ_g, 1 − ε, 1 + ε)·A_g) with ρ = π(y)/π_old(y). Where the clip binds the
 * sample contributes nothing; elsewhere A·ρ·(e_y − π). Without `clip` it is REINFORCE (ρ = 1 on the
 * first pass over a batch).
 */
export function surrogateGradient(
  policy: SoftmaxPolicy,
  samples: readonly SampledResponse[],
  advantages: readonly number[],
  clip?: number,
): { gradient: Float64Array; clippedFraction: number; clippedSamples: Uint8Array } {
  const probabilities = policy.probabilities();
  const logProbabilities = policy.logProbabilities();
  const { candidates } = policy;
  const gradient = new Float64Array(probabilities.length);
  let clipped = 0;
  const clippedSamples = new Uint8Array(samples.length);
  samples.forEach((sample, at) => {
    const advantage = advantages[at] as number;
    if (advantage === 0) return;
    const ratio = Math.exp((logProbabilities[sample.index] as number) - sample.oldLogProbability);
    if (clip !== undefined && ((advantage > 0 && ratio > 1 + clip) || (advantage < 0 && ratio < 1 - clip))) {
      clipped++;
      clippedSamples[at] = 1;
      return;
    }
    const weight = (advantage * ratio) / samples.length;
    const offset = sample.prompt * candidates;
    gradient[sample.index] = (gradient[sample.index] as number) + weight;
    for (let k = 0; k < candidates; k++) {
      gradient[offset + k] =
        (gradient[offset + k] as number) - weight * (probabilities[offset + k] as number);
    }
  });
  return { gradient, clippedFraction: samples.length === 0 ? 0 : clipped / samples.length, clippedSamples };
}

/** Each sample's value minus the mean of its prompt's group (a per-prompt baseline). */
export function centerByPrompt(samples: readonly SampledResponse[], values: readonly number[]): number[] {
  const totals = new Map<number, { sum: number; count: number }>();
  samples.forEach((sample, at) => {
    const entry = totals.get(sample.prompt) ?? { sum: 0, count: 0 };
    entry.sum += values[at] as number;
    entry.count++;
    totals.set(sample.prompt, entry);
  });
  return samples.map((sample, at) => {
    const entry = totals.get(sample.prompt) as { sum: number; count: number };
    return (values[at] as number) - entry.sum / entry.count;
  });
}
