import { sigmoid } from "../../core/index.js";
import { deriveSeed, labRandom } from "../random.js";

/**
 * The adaptive-reasoning world (Adaptive Deep Reasoning, §8): prompts of varied difficulty d ∈ [0, 1]
 * answered in a short or a long chain-of-thought mode. Each mode's accuracy falls with difficulty,
 * the short one faster: p_mode(d) = σ(a_mode − b_mode·d). A long answer costs more tokens. The
 * policy sees a noisy reading of the difficulty (what a model can tell from the prompt).
 */
export interface ReasoningWorldOptions {
  seed: number;
  prompts: number;
  shortAccuracy: { intercept: number; slope: number };
  longAccuracy: { intercept: number; slope: number };
  /** Tokens of a short and a long answer (relative). */
  costs: { short: number; long: number };
  /** Std of the noise in the difficulty the policy observes. */
  observationNoise: number;
}

export const defaultReasoningWorld: Omit<ReasoningWorldOptions, "seed"> = {
  prompts: 512,
  shortAccuracy: { intercept: 4, slope: 9 },
  longAccuracy: { intercept: 4.5, slope: 6 },
  costs: { short: 1, long: 4 },
  observationNoise: 0.1,
};

export interface ReasoningWorld {
  difficulty: Float64Array;
  /** Per prompt: [1, observed difficulty] (what the mode policy reads). */
  features: Float64Array[];
  shortAccuracy: Float64Array;
  longAccuracy: Float64Array;
  costs: { short: number; long: number };
}

export function createReasoningWorld(options: ReasoningWorldOptions): ReasoningWorld {
  const random = labRandom(deriveSeed(options.seed, "reasoning-world"));
  const difficulty = Float64Array.from({ length: options.prompts }, () => random.next());
  return {
    difficulty,
    features: Array.from(difficulty, (value) =>
      Float64Array.of(1, value + options.observationNoise * random.normal()),
    ),
    shortAccuracy: difficulty.map((value) =>
      sigmoid(options.shortAccuracy.intercept - options.shortAccuracy.slope * value),
    ),
    longAccuracy: difficulty.map((value) =>
      sigmoid(options.longAccuracy.intercept - options.longAccuracy.slope * value),
    ),
    costs: options.costs,
  };
}
