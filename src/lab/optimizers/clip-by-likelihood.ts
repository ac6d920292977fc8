import type { SampledResponse } from "./surrogate.js";

/**
 * He et al.'s mechanism for more PPO epochs: in the epochs after the first, the samples that were
 * already likely hit the clip sooner. Counts, over samples with a non-zero advantage in epochs ≥ 2,
 * how many of the likelier half of each group (by log-probability under the sampling policy) and of
 * the rarer half were clipped.
 */
export interface ClipByLikelihood {
  likely: number;
  likelyMoved: number;
  rare: number;
  rareMoved: number;
}

export function countClipped(
  counts: ClipByLikelihood,
  input: {
    samples: readonly SampledResponse[];
    advantages: readonly number[];
    likely: boolean[];
    clipped: Uint8Array;
  },
): void {
  input.samples.forEach((_, at) => {
    if ((input.advantages[at] as number) === 0) return;
    const wasClipped = input.clipped[at] === 1 ? 1 : 0;
    if (input.likely[at]) {
      counts.likelyMoved++;
      counts.likely += wasClipped;
    } else {
      counts.rareMoved++;
      counts.rare += wasClipped;
    }
  });
}

/** Whether each sample is in the likelier half of its prompt's group (ties broken by position). */
export function likelyHalf(samples: readonly SampledResponse[]): boolean[] {
  const groups = new Map<number, number[]>();
  samples.forEach((sample, at) => {
    const group = groups.get(sample.prompt) ?? [];
    group.push(at);
    groups.set(sample.prompt, group);
  });
  const out = new Array<boolean>(samples.length).fill(false);
  for (const members of groups.values()) {
    const sorted = [...members].sort(
      (a, b) =>
        (samples[b] as SampledResponse).oldLogProbability - (samples[a] as SampledResponse).oldLogProbability,
    );
    sorted.slice(0, Math.floor(sorted.length / 2)).forEach((at) => {
      out[at] = true;
    });
  }
  return out;
}
