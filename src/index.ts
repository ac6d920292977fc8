/**
 * rewardkit: everything between a model's output and the number that trains it.
 * @example
 * ```ts
 * import { loadSpec, createContext } from "rewardkit";
 * const spec = await loadSpec({ version: 1, reward: { type: "regex", pattern: "<answer>" } });
 * const [result] = await spec.reward.score([{ prompt: "2+3?", completion: "<answer>5</answer>" }], createContext());
 * ```
 */

export { builtinEstimators } from "./advantage/estimators.js";
export * as advantage from "./advantage/index.js";
/** Composition math (ensembles, PAR, Lagrange multipliers, Nelder–Mead, schedules...) as plain functions. */
export * as compose from "./compose/index.js";
export * from "./core/index.js";
/** Gao et al.'s over-optimization forms (R(d) for best-of-n and RL) and their least-squares fits. */
export * as diagnose from "./diagnose/index.js";
export * from "./engine/index.js";
/**
 * Sequential decision making: the Gymnasium-style environment interface, the environments
 * (`createEnvironment("four-rooms")`), vector stepping, reward and bonus wrappers, trajectories as rows.
 */
export * as env from "./env/index.js";
export * from "./io/index.js";
export * from "./judges/index.js";
/** The reward lab: `runLab({ experiment, seed })` and the experiments behind `rewardkit lab`. */
export * as lab from "./lab/index.js";
export { builtinNodes } from "./nodes.js";
export { BubblewrapRunner, type BubblewrapRunnerOptions } from "./sandbox/index.js";
/** Best-of-n: its exact KL, the unbiased estimator from N samples, exact selection over finite sets. */
export * as select from "./select/index.js";
