import { z } from "zod";
import {
  compositeResult,
  defineNode,
  nodeRef,
  perBatch,
  type RewardResult,
  scoreChildren,
} from "../core/index.js";

/** Σ wᵢ·sᵢ, or the weighted mean when `normalize` is set. */
export function weightedSum(
  scores: readonly number[],
  weights: readonly number[],
  normalize: boolean,
): number {
  let total = 0;
  let weightTotal = 0;
  for (let index = 0; index < scores.length; index++) {
    const weight = weights[index] ?? 0;
    total += weight * (scores[index] ?? 0);
    weightTotal += Math.abs(weight);
  }
  if (!normalize) return total;
  return weightTotal > 0 ? total / weightTotal : 0;
}

export const weightedNode = defineNode({
  type: "weighted",
  summary: "The sum of weight × score over its terms (the weighted mean with `normalize: true`).",
  fields: z.object({
    terms: z
      .array(z.strictObject({ weight: z.number(), reward: nodeRef }))
      .min(1)
      .describe("The weighted children."),
    normalize: z.boolean().default(false).describe("Divide by the sum of |weights|."),
  }),
  example: "{ type: weighted, terms: [{ weight: 0.2, reward: { type: regex, pattern: '<answer>' } }, ...] }",
  async create(spec, tools) {
    const children = await Promise.all(
      spec.terms.map((term, index) => tools.child(term.reward, `terms[${index}].reward`)),
    );
    const weights = spec.terms.map((term) => term.weight);
    const weightTotal = weights.reduce((sum, weight) => sum + Math.abs(weight), 0);
    const names = children.map((child) => child.name);
    return perBatch(async (batch, context) => {
      const table = await scoreChildren(children, batch, context);
      // One sample's children at a time, in a row reused across samples (compositeResult keeps
      // nothing of the array itself).
      const results = new Array<RewardResult>(children.length);
      return batch.map((_, index) => {
        let total = 0;
        for (let child = 0; child < results.length; child++) {
          const result = (table[child] as RewardResult[])[index] as RewardResult;
          results[child] = result;
          total += (weights[child] as number) * result.score;
        }
        const score = spec.normalize ? (weightTotal > 0 ? total / weightTotal : 0) : total;
        return compositeResult(score, results, names);
      });
    });
  },
});
