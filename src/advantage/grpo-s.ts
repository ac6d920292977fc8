import { z } from "zod";
import { defineEstimator, type Sample, sigmoid } from "../core/index.js";
import { dynamicFilterField } from "./dynamic-filter.js";
import { estimate } from "./estimate.js";
import { groupNormalize } from "./group-normalize.js";
import { type Groups, groupName } from "./groups.js";
import { reconstructedField, requireReconstructed } from "./reconstructed.js";
import { optionalMetaNumber, sampleError } from "./sample-fields.js";

/**
 * GRPO-S's difficulty scale, RECONSTRUCTED (methods/rlhf.md §9; no code was published):
 * s = 1 + a·h_data + b·h_model with h_data = 1 - cos(E(x), E(c_x)) (the prompt's distance from its
 * category's demonstrations) and h_model = σ(r(y_demo) - mean_i r(y_i)) (how far the policy's samples
 * fall short of the demonstration's reward).
 */
export function difficultyScale(input: {
  similarity: number | undefined;
  demoReward: number | undefined;
  meanReward: number;
  dataWeight: number;
  modelWeight: number;
}): number {
  const data = input.similarity === undefined ? 0 : 1 - input.similarity;
  const model = input.demoReward === undefined ? 0 : sigmoid(input.demoReward - input.meanReward);
  return 1 + input.dataWeight * data + input.modelWeight * model;
}

/** One value per group from its samples' meta; samples that carry it must agree. */
function groupMeta(
  samples: readonly Sample[],
  groups: Groups,
  position: number,
  key: string,
): number | undefined {
  let found: number | undefined;
  for (const index of groups.members[position] as readonly number[]) {
    const value = optionalMetaNumber(samples[index] as Sample, index, key);
    if (value === undefined) continue;
    if (found !== undefined && value !== found) {
      throw sampleError(
        index,
        `meta.${key}`,
        `samples of group ${groupName(groups, position)} disagree (${found} vs ${value})`,
      );
    }
    found = value;
  }
  return found;
}

export const grpoScalingEstimator = defineEstimator({
  type: "grpo_s",
  summary:
    "RECONSTRUCTED. GRPO-S (DR-IRL): GRPO advantages scaled per prompt by task difficulty, s = 1 + a·(1 - prompt similarity to its category) + b·σ(demonstration reward - mean sample reward). Needs `reconstructed: true` and the similarity / demonstration reward in `meta`.",
  paper:
    "Inverse Reinforcement Learning with Dynamic Reward Scaling for LLM Alignment (DR-IRL, GRPO-S), arXiv 2503.18991 (formula reconstructed)",
  fields: z.object({
    reconstructed: reconstructedField,
    similarity_field: z
      .string()
      .default("prompt_similarity")
      .describe(
        "The `meta` key with cos(E(x), E(c_x)), the prompt's text-encoder similarity to its category prototype.",
      ),
    demo_reward_field: z
      .string()
      .default("demo_reward")
      .describe("The `meta` key with the reward of the prompt's demonstration response r(y_demo)."),
    data_weight: z.number().default(1).describe("a: the weight of data-level hardness (0 turns it off)."),
    model_weight: z
      .number()
      .default(1)
      .describe("b: the weight of model-level responsiveness (0 turns it off)."),
    apply: z
      .enum(["advantage", "reward"])
      .default("advantage")
      .describe(
        "Scale the GRPO advantages (default: scaling rewards by one constant per group cancels under std normalization) or the rewards before GRPO.",
      ),
    epsilon: z.number().nonnegative().default(1e-6).describe("Added to the group std."),
    filter: dynamicFilterField,
  }),
  create(options, path) {
    requireReconstructed(options, path, "grpo_s");
    return {
      type: "grpo_s",
      compute: (input) =>
        estimate(input, options.filter, (batch, groups) => {
          const scales = groups.members.map((members, position) => {
            const similarity = groupMeta(batch.samples, groups, position, options.similarity_field);
            const demoReward = groupMeta(batch.samples, groups, position, options.demo_reward_field);
            const first = members[0] as number;
            if (options.data_weight !== 0 && similarity === undefined) {
              throw sampleError(
                first,
                `meta.${options.similarity_field}`,
                "grpo_s needs the prompt's similarity (or data_weight: 0)",
              );
            }
            if (options.model_weight !== 0 && demoReward === undefined) {
              throw sampleError(
                first,
                `meta.${options.demo_reward_field}`,
                "grpo_s needs the demonstration's reward (or model_weight: 0)",
              );
            }
            const meanReward =
              members.reduce((total, index) => total + (batch.rewards[index] as number), 0) / members.length;
            return difficultyScale({
              similarity,
              demoReward,
              meanReward,
              dataWeight: options.data_weight,
              modelWeight: options.model_weight,
            });
          });
          const scaleOf = (index: number) => scales[groups.groupOf[index] as number] as number;
          const normalize = {
            scale: "group",
            epsilon: options.epsilon,
            std: "unbiased",
            singleton: "raw",
          } as const;
          if (options.apply === "reward") {
            const scaled = batch.rewards.map((reward, index) => reward * scaleOf(index));
            return {
              advantages: groupNormalize(scaled, groups, normalize),
              diagnostics: scaleDiagnostics(scales),
            };
          }
          const advantages = groupNormalize(batch.rewards, groups, normalize).map(
            (value, index) => value * scaleOf(index),
          );
          return { advantages, diagnostics: scaleDiagnostics(scales) };
        }),
    };
  },
});

function scaleDiagnostics(scales: readonly number[]): Record<string, number> {
  const mean = scales.reduce((total, value) => total + value, 0) / Math.max(scales.length, 1);
  return { difficulty_scale_mean: mean, difficulty_scale_max: Math.max(...scales) };
}
