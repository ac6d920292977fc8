import { z } from "zod";
import {
  type Context,
  compositeResult,
  defineNode,
  nodeRef,
  perBatch,
  type Reward,
  RewardkitError,
  type RewardResult,
  type Sample,
  sigmoid,
} from "../core/index.js";
import { groupIndices } from "./groups.js";
import { addComponents, failedResult } from "./results.js";
import { refuseCache } from "./spec-checks.js";

/**
 * DR-IRL's GRPO-S difficulty scale (rlhf.md §9, reconstructed: the paper's formula is not public):
 * s(x) = 1 + a·h_data(x) + b·h_model(x), with h_data the prompt's hardness (e.g. 1 − cosine similarity
 * to its category prototype) and h_model = σ(r(y_demo) − mean_i r(y_i)), the gap between the
 * demonstration's reward and the group's.
 * @example difficultyScale({ hardness: 0.4, demonstrationReward: 1.5, groupRewards: [1, 1] }) // 2.0225
 */
export function difficultyScale(input: {
  hardness: number;
  demonstrationReward: number;
  groupRewards: readonly number[];
  a?: number;
  b?: number;
}): number {
  const groupMean = input.groupRewards.reduce((sum, value) => sum + value, 0) / input.groupRewards.length;
  return (
    1 + (input.a ?? 1) * input.hardness + (input.b ?? 1) * sigmoid(input.demonstrationReward - groupMean)
  );
}

/** Scaling every reward of a group by one s(x) cancels under std normalization, so the default scales advantages. */
export function scaleAdvantages(advantages: readonly number[], scale: number): number[] {
  return advantages.map((advantage) => advantage * scale);
}

export const difficultyScaledNode = defineNode({
  type: "difficulty_scaled",
  groupwise: true,
  summary:
    "Computes a per-prompt difficulty scale s(x) = 1 + a·hardness + b·σ(r_demo − mean group reward) and reports it, or multiplies the reward by it (GRPO-S, reconstructed).",
  paper:
    "DR-IRL / GRPO-S (#51: reward scaled by task difficulty from data hardness and model responsiveness; the exact formula is not public, this is a reconstruction)",
  fields: z.object({
    reward: nodeRef.describe("The reward r (also scores the demonstration when the row gives it as text)."),
    hardness: nodeRef
      .optional()
      .describe(
        "h_data per row in [0, 1], e.g. 1 − cosine similarity to the category's prototype. Absent: 0.",
      ),
    a: z.number().min(0).default(1).describe("Weight of the data hardness."),
    b: z.number().min(0).default(1).describe("Weight of the model responsiveness σ(r_demo − mean r)."),
    apply: z
      .enum(["advantage", "reward"])
      .default("advantage")
      .describe(
        "advantage: leave the score and report s(x) as `<name>.scale` for the advantage estimator to multiply advantages by (scaling a whole group's rewards cancels under std normalization); reward: score s(x)·r.",
      ),
  }),
  example:
    "{ type: difficulty_scaled, reward: { type: model, path: safety.rk }, hardness: { type: module, path: clip-hardness.mjs } }",
  async create(spec, tools) {
    refuseCache(spec, tools.path, "the rest of its group");
    const reward = await tools.child(spec.reward, "reward");
    const hardness = spec.hardness ? await tools.child(spec.hardness, "hardness") : undefined;
    const names = hardness ? [reward.name, hardness.name] : [reward.name];
    const scaleKey = `${tools.name}.scale`;
    return perBatch(async (batch, context) => {
      const [rewards, hardnesses, demonstrations] = await Promise.all([
        reward.score(batch, context),
        hardness?.score(batch, context),
        demonstrationRewards(batch, reward, context),
      ]);
      const out = new Array<RewardResult>(batch.length);
      for (const members of groupIndices(batch)) {
        const first = members[0] as number;
        const demonstration = demonstrations[first];
        const groupRewards = members.map((index) => (rewards[index] as RewardResult).score);
        const hardnessValues = members.map((index) => hardnesses?.[index]?.score ?? 0);
        for (const index of members) {
          if (RewardkitError.isInstance(demonstration) || demonstration === undefined) {
            out[index] = failedResult(demonstration ?? new RewardkitError("INTERNAL", "no demonstration"));
            continue;
          }
          const scale = difficultyScale({
            hardness: hardnessValues.reduce((sum, value) => sum + value, 0) / hardnessValues.length,
            demonstrationReward: demonstration,
            groupRewards,
            a: spec.a,
            b: spec.b,
          });
          const own = rewards[index] as RewardResult;
          const children = hardnesses ? [own, hardnesses[index] as RewardResult] : [own];
          const score = spec.apply === "reward" ? scale * own.score : own.score;
          out[index] = addComponents(compositeResult(score, children, names), { [scaleKey]: scale });
        }
      }
      return out;
    });
  },
});

/** r(y_demo) per row: `meta.demonstration_reward`, or `meta.demonstration` scored by the reward. */
async function demonstrationRewards(
  batch: readonly Sample[],
  reward: Reward,
  context: Context,
): Promise<(number | RewardkitError)[]> {
  const out = new Array<number | RewardkitError>(batch.length);
  const pending: number[] = [];
  batch.forEach((sample, index) => {
    const given = sample.meta?.demonstration_reward;
    if (typeof given === "number" && Number.isFinite(given)) out[index] = given;
    else if (typeof sample.meta?.demonstration === "string") pending.push(index);
    else {
      out[index] = new RewardkitError(
        "NOT_APPLICABLE",
        "difficulty scaling needs the demonstration's reward: give meta.demonstration_reward (a number) or meta.demonstration (its text)",
      );
    }
  });
  if (pending.length > 0) {
    const samples = pending.map((index) => {
      const sample = batch[index] as Sample;
      return { ...sample, completion: sample.meta?.demonstration as string };
    });
    const scored = await reward.score(samples, context);
    pending.forEach((index, position) => {
      const result = scored[position] as RewardResult;
      out[index] = result.error
        ? new RewardkitError("NODE_FAILED", `scoring meta.demonstration failed: ${result.error.message}`)
        : result.score;
    });
  }
  return out;
}
