import { fittedPolySigmoid } from "./fitted-poly.js";
import {
  centeredReward,
  logSigmoid,
  lscReward,
  parReward,
  relativeMean,
  sgfcReward,
  sigmoid,
} from "./par.js";

/** The `shape` node's methods: PAR, every baseline of PAR's comparison table, and potential shaping. */
export const shapeMethods = [
  "par",
  "vanilla",
  "ceil",
  "normalize",
  "clip",
  "minmax",
  "sigmoid",
  "log_sigmoid",
  "tanh",
  "arctan",
  "fitted_poly",
  "centered",
  "sgfc",
  "lsc",
  "potential",
] as const;
export type ShapeMethod = (typeof shapeMethods)[number];

/** Which methods each optional field belongs to; giving a field to another method is a spec error. */
export const fieldMethods: Readonly<Record<string, readonly ShapeMethod[]>> = {
  k: ["par", "sigmoid", "log_sigmoid", "sgfc"],
  max_references: ["par", "centered", "sgfc", "tanh", "arctan", "fitted_poly"],
  reference_rewards: ["par", "centered", "sgfc", "lsc", "tanh", "arctan", "fitted_poly"],
  relative: ["tanh", "arctan", "fitted_poly"],
  shift: ["sgfc"],
  percentile: ["lsc"],
  mean: ["normalize"],
  std: ["normalize"],
  min: ["clip"],
  max: ["clip"],
  gamma: ["potential"],
  potential: ["potential"],
  potential_field: ["potential"],
  learn_potential: ["potential"],
};

export interface MethodOptions {
  method: ShapeMethod;
  k: number;
  maxReferences: number;
  relative: boolean;
  shift: number;
  percentile: number;
}

/** Whether the method compares against reference rewards. */
export function usesReferences(options: Pick<MethodOptions, "method" | "relative">): boolean {
  switch (options.method) {
    case "par":
    case "centered":
    case "sgfc":
    case "lsc":
      return true;
    case "tanh":
    case "arctan":
    case "fitted_poly":
      return options.relative;
    default:
      return false;
  }
}

/**
 * The per-value transform of a method that needs neither running statistics nor a trajectory, as
 * `(reward, referenceRewards) → shaped`. Returns undefined for the stateful and trajectory methods.
 */
export function valueTransform(
  options: MethodOptions,
): ((reward: number, references: readonly number[]) => number) | undefined {
  const relative = { maxReferences: options.maxReferences };
  const absoluteOrRelative = (transform: (x: number) => number) =>
    options.relative
      ? (reward: number, references: readonly number[]) =>
          relativeMean(reward, references, transform, relative)
      : (reward: number) => transform(reward);
  switch (options.method) {
    case "par":
      return (reward, references) => parReward(reward, references, { k: options.k, ...relative });
    case "vanilla":
    case "ceil":
      return (reward) => reward;
    case "sigmoid":
      return (reward) => sigmoid(options.k * reward);
    case "log_sigmoid":
      return (reward) => logSigmoid(options.k * reward);
    case "tanh":
      return absoluteOrRelative(Math.tanh);
    case "arctan":
      return absoluteOrRelative(Math.atan);
    case "fitted_poly":
      return absoluteOrRelative(fittedPolySigmoid);
    case "centered":
      return (reward, references) => centeredReward(reward, references, relative);
    case "sgfc":
      return (reward, references) =>
        sgfcReward(reward, references, { k: options.k, shift: options.shift, ...relative });
    case "lsc":
      return (reward, references) => lscReward(reward, references, { percentile: options.percentile });
    case "normalize":
    case "clip":
    case "minmax":
    case "potential":
      return undefined;
  }
}
