import { z } from "zod";
import { column, compositeResult, defineNode, nodeRef, perBatch, scoreChildren } from "../core/index.js";
import { standardDeviation } from "./aggregate.js";
import { groupIndices } from "./groups.js";
import { addComponents } from "./results.js";
import { uncertaintyRegularized } from "./uncertainty.js";

export type GroupUncertaintyMeasure = "mean_abs" | "halves" | "std";

/**
 * Ctrl-U's uncertainty in its own form (rlhf.md §14; grenoble-zhang/Ctrl-U `train/ctrlu-depth.py`):
 * the reward model's disagreement across generations from the same condition, one U per member.
 * `halves`: the code pairs generation i of the first half (primary) with i of the second
 * (auxiliary), U = |f_i − f_{i+G/2}| for both; `mean_abs`: the mean |f_i − f_j| over the group's other
 * members (= the code's for G = 2); `std`: the group's population std, the same for every member.
 * A group of one has no disagreement to measure: U = 0.
 */
export function groupUncertainties(values: readonly number[], measure: GroupUncertaintyMeasure): number[] {
  const size = values.length;
  if (size < 2) return values.map(() => 0);
  if (measure === "std") {
    const std = standardDeviation(values, "population");
    return values.map(() => std);
  }
  if (measure === "halves") {
    const half = size / 2;
    return values.map((value, index) => Math.abs(value - (values[(index + half) % size] as number)));
  }
  return values.map(
    (value, index) =>
      values.reduce(
        (total, other, position) => total + (position === index ? 0 : Math.abs(value - other)),
        0,
      ) /
      (size - 1),
  );
}

export const groupUncertaintyWeightedNode = defineNode({
  type: "group_uncertainty_weighted",
  groupwise: true,
  summary:
    "Ctrl-U's group form: U is the reward model's disagreement across the generations of one prompt/condition (a group); each member's reward is r·exp(−U) − u_scale·U, and exp(−U) is kept as the member's loss weight.",
  paper:
    "Ctrl-U (#38): two generations of one condition, U = |f(x_primary) − f(x_auxiliary)|, the reward loss weighted by exp(−U) plus u_scale·U",
  fields: z.object({
    reward: nodeRef.describe("The reward r of each generation (Ctrl-U: the negated reward loss)."),
    evaluation: nodeRef
      .optional()
      .describe(
        "The reward model's output f whose disagreement across the group is U (default: the reward itself).",
      ),
    measure: z
      .enum(["mean_abs", "halves", "std"])
      .default("mean_abs")
      .describe(
        "U per member: mean |f_i − f_j| over the group's others (the code's |f₁ − f₂| for two), `halves` (the code's pairing: first half with second half; groups of even size), or the group's std.",
      ),
    regularization: z
      .number()
      .min(0)
      .default(0.1)
      .describe("u_scale, the weight of U subtracted (Ctrl-U's depth runs: 0.1)."),
  }),
  example:
    "{ type: group_uncertainty_weighted, reward: { type: model, path: rm.rkrm } }   # rows share `group` per prompt",
  async create(spec, tools) {
    const reward = await tools.child(spec.reward, "reward");
    const children = [reward];
    if (spec.evaluation !== undefined) children.push(await tools.child(spec.evaluation, "evaluation"));
    const names = children.map((child) => child.name);
    const uncertaintyKey = `${tools.name}.uncertainty`;
    const weightKey = `${tools.name}.weight`;
    return perBatch(async (batch, context) => {
      const table = await scoreChildren(children, batch, context);
      const rows = batch.map((_, index) => column(table, index));
      const out = new Array<ReturnType<typeof compositeResult>>(batch.length);
      for (const members of groupIndices(batch)) {
        if (spec.measure === "halves" && members.length % 2 === 1 && members.length > 1) {
          for (const index of members) {
            out[index] = {
              score: 0,
              error: {
                code: "NOT_APPLICABLE",
                message: `measure halves pairs the first half of a group with the second; this group has ${members.length} members`,
              },
            };
          }
          continue;
        }
        const evaluated = members.map((index) => {
          const results = rows[index] as ReturnType<typeof column>;
          return (results[results.length - 1] as { score: number }).score;
        });
        const uncertainties = groupUncertainties(evaluated, spec.measure);
        members.forEach((index, position) => {
          const results = rows[index] as ReturnType<typeof column>;
          const uncertainty = uncertainties[position] as number;
          const score = uncertaintyRegularized(
            (results[0] as { score: number }).score,
            uncertainty,
            spec.regularization,
          );
          out[index] = addComponents(compositeResult(score, results, names), {
            [uncertaintyKey]: uncertainty,
            [weightKey]: Math.exp(-uncertainty),
          });
        });
      }
      return out;
    });
  },
});
