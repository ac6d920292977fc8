import { sigmoid } from "../../core/index.js";
import { deriveSeed, labRandom } from "../random.js";
import { exponentiate, logSoftmaxRows } from "../softmax.js";
import type { BanditWorld } from "./rlhf-world.js";

/**
 * A verifier world (Rewarding the Unlikely, §7): each prompt's candidates are right or wrong (a
 * perfect verifier), and the base policy is skewed toward "typical" candidates — those high on
 * feature 0, which the policy's shared weights can move for every prompt at once. On some prompts the
 * correct candidates tend to be typical (GRPO finds them and learns "be typical"); on the others they
 * tend to be atypical, so they are rare under the base policy and become rarer as it sharpens.
 */
export interface VerifierWorldOptions {
  seed: number;
  prompts: number;
  candidates: number;
  /** Style features per candidate (feature 0 is typicality). */
  dimensions: number;
  /** Base logits skew·typicality + noise: how peaked the base policy is. */
  skew: number;
  baseNoise: number;
  /** Share of prompts whose correct answers lean typical. */
  typicalShare: number;
  /** How strongly correctness follows typicality (its sign flips on atypical-solvable prompts). */
  correctnessSlope: number;
  /** Range of the per-prompt correctness level (logit), from hard to easy. */
  levels: readonly [number, number];
}

export const defaultVerifierWorld: Omit<VerifierWorldOptions, "seed"> = {
  prompts: 64,
  candidates: 64,
  dimensions: 4,
  skew: 1.5,
  baseNoise: 0.5,
  typicalShare: 0.7,
  correctnessSlope: 2,
  levels: [-4, -1],
};

export interface VerifierWorld {
  /** `gold` is correctness (1 or 0). */
  world: BanditWorld;
  /** Whether each prompt's correct answers lean typical. */
  typicalSolvable: boolean[];
}

export function createVerifierWorld(options: VerifierWorldOptions): VerifierWorld {
  const random = labRandom(deriveSeed(options.seed, "verifier-world"));
  const { prompts, candidates, dimensions } = options;
  const size = prompts * candidates;
  const features = new Float64Array(size * dimensions);
  const logits = new Float64Array(size);
  const correct = new Float64Array(size);
  const typicalSolvable: boolean[] = [];
  for (let prompt = 0; prompt < prompts; prompt++) {
    const typical = random.next() < options.typicalShare;
    typicalSolvable.push(typical);
    const level = options.levels[0] + (options.levels[1] - options.levels[0]) * random.next();
    for (let k = 0; k < candidates; k++) {
      const index = prompt * candidates + k;
      for (let dimension = 0; dimension < dimensions; dimension++)
        features[index * dimensions + dimension] = random.normal();
      const typicality = features[index * dimensions] as number;
      logits[index] = options.skew * typicality + options.baseNoise * random.normal();
      const slope = (typical ? 1 : -1) * options.correctnessSlope;
      correct[index] = random.next() < sigmoid(level + slope * typicality) ? 1 : 0;
    }
  }
  const baseLogProbabilities = logSoftmaxRows(logits, candidates);
  return {
    world: {
      prompts,
      candidates,
      dimensions,
      features,
      baseLogProbabilities,
      baseProbabilities: exponentiate(baseLogProbabilities),
      gold: correct,
    },
    typicalSolvable,
  };
}

/** pass@N per prompt, exactly: 1 − (1 − q)^N with q the policy's probability of a correct answer. */
export function passAtN(
  probabilities: Float64Array,
  correct: Float64Array,
  candidates: number,
  n: number,
): number[] {
  const out: number[] = [];
  for (let offset = 0; offset < probabilities.length; offset += candidates) {
    let solved = 0;
    for (let k = 0; k < candidates; k++)
      solved += (probabilities[offset + k] as number) * (correct[offset + k] as number);
    out.push(1 - (1 - Math.min(1, solved)) ** n);
  }
  return out;
}
