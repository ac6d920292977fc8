import { z } from "zod";
import { defineEstimator, RewardkitError, type Step } from "../core/index.js";
import { dynamicFilterField } from "./dynamic-filter.js";
import { estimate } from "./estimate.js";
import type { Groups } from "./groups.js";
import { hashedStepFeatures } from "./hashed-features.js";
import {
  type ProgressEstimator,
  progressContributions,
  progressEstimatorSchema,
} from "./progress-estimator.js";
import { fitProgress } from "./progress-fit.js";
import { requireSteps, sampleError } from "./sample-fields.js";

/**
 * SPA-RL's grounding signal g_t ∈ {0, 1} (prm/rl_data_org.py): 1 when action t did something, i.e.
 * the observation that followed it does not contain `pattern` ("Nothing happens" in ALFWorld), and 1
 * for the last step. A step's own boolean `valid` field, when present, decides instead.
 * `observation: before` (the default) reads each step's observation as what the agent saw before
 * acting, so the one after action t is step t+1's; `after` reads step t's own observation.
 */
export function groundingSignals(
  steps: readonly Step[],
  options: { pattern: string; observation: "before" | "after" },
): number[] {
  return steps.map((step, position) => {
    if (typeof step.valid === "boolean") return step.valid ? 1 : 0;
    if (position === steps.length - 1) return 1;
    const following = options.observation === "before" ? steps[position + 1]?.observation : step.observation;
    return typeof following === "string" && following.includes(options.pattern) ? 0 : 1;
  });
}

/** The leave-one-out variant of the released data script: every step gets R_i - mean of the other R_j. */
export function leaveOneOutProgress(rewards: readonly number[], groups: Groups, index: number): number {
  const members = groups.members[groups.groupOf[index] as number] as readonly number[];
  const reward = rewards[index] as number;
  if (members.length === 1) return reward;
  let others = 0;
  for (const member of members) if (member !== index) others += rewards[member] as number;
  return reward - others / (members.length - 1);
}

export const spaEstimator = defineEstimator({
  type: "spa",
  summary:
    "SPA-RL stepwise progress attribution: a progress estimator fitted so each trajectory's per-step contributions sum to its final reward, plus a grounding bonus for actions that did something. Writes the dense per-step rewards r_t = α·c_t + β·g_t to `step_advantages` (for a PPO critic) and their sum to `advantage`.",
  paper:
    "SPA-RL: Reinforcing LLM Agents via Stepwise Progress Attribution, arXiv 2505.20732; SPA-RL-Agent prm/",
  fields: z.object({
    progress: z
      .enum(["fit", "model", "steps", "loo"])
      .default("fit")
      .describe(
        "Where c_t comes from: `fit` a least-squares progress estimator on the batch (hashed words of each step's state and action → c_t, Σ_t c_t ≈ final reward); `model` the trained estimator in `progress_model` (from `trainProgressEstimator` on earlier trajectories); `steps` read each step's `progress_field` (from your own progress model); `loo` the released script's baseline path, R_i - mean of the group's other rewards on every step.",
      ),
    progress_model: progressEstimatorSchema
      .optional()
      .describe(
        "`progress: model`: a trained progress estimator `{ features, weights }` (trainProgressEstimator's output).",
      ),
    progress_field: z
      .string()
      .default("progress")
      .describe("The step field holding c_t when `progress: steps`."),
    progress_weight: z.number().default(1).describe("α, the weight of c_t (the code: 1)."),
    grounding_weight: z.number().default(0.5).describe("β, the bonus for a grounded action (the code: 0.5)."),
    invalid_pattern: z
      .string()
      .default("Nothing happens")
      .describe("Text in the observation after an action that marks it as not executed."),
    observation: z
      .enum(["before", "after"])
      .default("before")
      .describe(
        "Whether a step's `observation` is what the agent saw before acting (default) or what its action returned.",
      ),
    features: z
      .number()
      .int()
      .min(8)
      .max(65536)
      .default(256)
      .describe("Hash buckets for the progress fit's word features."),
    l2: z.number().positive().default(1e-3).describe("Ridge penalty of the progress fit."),
    filter: dynamicFilterField,
  }),
  create(options, path) {
    if (options.progress === "model" && !options.progress_model) {
      throw new RewardkitError(
        "SPEC_INVALID",
        "progress: model needs `progress_model` (a trained estimator)",
        {
          path: `${path}.progress_model`,
        },
      );
    }
    return {
      type: "spa",
      compute: (input) =>
        estimate(input, options.filter, (batch, groups) => {
          const trajectories = batch.samples.map((sample, index) => requireSteps(sample, index, "spa"));
          let progress: number[][];
          let diagnostics: Record<string, number> | undefined;
          if (options.progress === "fit") {
            const features = trajectories.map((steps) =>
              steps.map((step) =>
                hashedStepFeatures(
                  { state: step.state ?? step.observation, action: step.action },
                  options.features,
                ),
              ),
            );
            const fit = fitProgress(features, batch.rewards, {
              dimensions: options.features,
              l2: options.l2,
            });
            progress = fit.contributions;
            diagnostics = { progress_fit_r2: fit.r2, progress_fit_rmse: fit.rmse };
          } else if (options.progress === "model") {
            const estimator = options.progress_model as ProgressEstimator;
            progress = trajectories.map((steps) => progressContributions(estimator, steps));
          } else if (options.progress === "steps") {
            progress = trajectories.map((steps, index) =>
              steps.map((step, position) => {
                const value = step[options.progress_field];
                if (typeof value === "number" && Number.isFinite(value)) return value;
                throw sampleError(
                  index,
                  `steps[${position}].${options.progress_field}`,
                  "expected a finite number (progress: steps)",
                );
              }),
            );
          } else {
            progress = trajectories.map((steps, index) => {
              const value = leaveOneOutProgress(batch.rewards, groups, index);
              return steps.map(() => value);
            });
          }
          const stepRewards = trajectories.map((steps, index) => {
            const grounding = groundingSignals(steps, {
              pattern: options.invalid_pattern,
              observation: options.observation,
            });
            return (progress[index] as number[]).map(
              (value, position) =>
                options.progress_weight * value + options.grounding_weight * (grounding[position] as number),
            );
          });
          return {
            advantages: stepRewards.map((values) => values.reduce((total, value) => total + value, 0)),
            stepAdvantages: stepRewards,
            ...(diagnostics ? { diagnostics } : {}),
          };
        }),
    };
  },
});
