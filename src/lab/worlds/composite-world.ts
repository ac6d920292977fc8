import { sigmoid } from "../../core/index.js";
import { deriveSeed, labRandom } from "../random.js";
import { exponentiate, logSoftmaxRows } from "../softmax.js";
import { type BanditWorld, standardizeUnderBase } from "./rlhf-world.js";

/**
 * The constrained-RLHF world (Moskovitz et al.): two correlated component reward models scoring in
 * (0, 1) — think METEOR and an intent classifier — and a gold evaluation that rises with each
 * component only up to a point:
 *   c_1 = σ(s·x_1),  c_2 = σ(s·(ρ·x_1 + √(1 − ρ²)·x_2))
 *   gold = Σ_i [c_i − penalty·max(0, c_i − knee_i)²] + other·x_3 + hidden quality
 * The policy-level "proxy point" of each component — the expected component value where the gold
 * evaluation peaks — is read off an unconstrained run, as the paper does.
 */
export interface CompositeWorldOptions {
  seed: number;
  prompts: number;
  candidates: number;
  /** ρ: correlation of the components' underlying scores. */
  correlation: number;
  /** s: slope of the components' sigmoids. */
  sharpness: number;
  /** Per-component value past which it stops helping the gold evaluation. */
  knees: readonly [number, number];
  penalty: number;
  /** Weight of a quality feature the components do not see. */
  other: number;
  hiddenQuality: number;
}

export const defaultCompositeWorld: Omit<CompositeWorldOptions, "seed"> = {
  prompts: 32,
  candidates: 128,
  correlation: 0.5,
  sharpness: 1.5,
  knees: [0.7, 0.65],
  penalty: 6,
  other: 0.1,
  hiddenQuality: 0.05,
};

export interface CompositeWorld {
  world: BanditWorld;
  components: [Float64Array, Float64Array];
}

export function createCompositeWorld(options: CompositeWorldOptions): CompositeWorld {
  const random = labRandom(deriveSeed(options.seed, "composite-world"));
  const size = options.prompts * options.candidates;
  const dimensions = 3;
  const features = new Float64Array(size * dimensions);
  const first = new Float64Array(size);
  const second = new Float64Array(size);
  const rawGold = new Float64Array(size);
  const mixing = Math.sqrt(1 - options.correlation ** 2);
  const squash = (value: number) => sigmoid(options.sharpness * value);
  for (let index = 0; index < size; index++) {
    const x = [random.normal(), random.normal(), random.normal()] as const;
    features.set(x, index * dimensions);
    const components = [squash(x[0]), squash(options.correlation * x[0] + mixing * x[1])] as const;
    first[index] = components[0];
    second[index] = components[1];
    let gold = options.other * x[2] + options.hiddenQuality * random.normal();
    components.forEach((value, at) => {
      const excess = Math.max(0, value - (options.knees[at] as number));
      gold += value - options.penalty * excess * excess;
    });
    rawGold[index] = gold;
  }
  const baseLogProbabilities = logSoftmaxRows(new Float64Array(size), options.candidates);
  const baseProbabilities = exponentiate(baseLogProbabilities);
  return {
    world: {
      prompts: options.prompts,
      candidates: options.candidates,
      dimensions,
      features,
      baseLogProbabilities,
      baseProbabilities,
      gold: standardizeUnderBase(rawGold, baseProbabilities, options.prompts),
    },
    components: [first, second],
  };
}
