import { z } from "zod";
import { defineEstimator } from "../core/index.js";
import { dynamicFilterField } from "./dynamic-filter.js";
import { estimate } from "./estimate.js";
import type { Groups } from "./groups.js";

/**
 * The largest |mean| of a group's advantages. Trainers that centre rewards by their group mean
 * (verl with `norm_adv_by_std_in_grpo: false`, TRL `scale_rewards: none`, OpenRLHF `dr_grpo`) pass
 * an advantage on unchanged exactly when this is 0 — as for Think-RM's, whose preference matrix is
 * antisymmetric, so Σ_i Σ_j P_ij = 0 in every group.
 */
export function largestGroupMean(advantages: readonly number[], groups: Groups): number {
  let largest = 0;
  for (const members of groups.members) {
    let sum = 0;
    for (const index of members) sum += advantages[index] as number;
    largest = Math.max(largest, Math.abs(sum / members.length));
  }
  return largest;
}

export const passthroughEstimator = defineEstimator({
  type: "passthrough",
  summary:
    "The reward already is an advantage (a pairwise judge's `output: think_rm`, BRPO's ±1): it is passed on unchanged, not centred or divided by a std a second time. Diagnostics add `largest_group_mean`: 0 means a trainer that subtracts the group mean leaves it unchanged too.",
  paper: "Think-RM (#39): pairwise RLHF trains on the judge's pairwise advantage directly, arXiv 2505.16265",
  fields: z.object({ filter: dynamicFilterField }),
  create(options) {
    return {
      type: "passthrough",
      compute: (input) =>
        estimate(input, options.filter, (batch, groups) => ({
          advantages: [...batch.rewards],
          diagnostics: { largest_group_mean: largestGroupMean(batch.rewards, groups) },
        })),
    };
  },
});
