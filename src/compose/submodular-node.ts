import { z } from "zod";
import { defineNode, perBatch, RewardkitError, type RewardResult, type Sample } from "../core/index.js";
import { failedResult } from "./results.js";
import { MarginalGains } from "./submodular.js";

/**
 * `submodular`: a set-valued reward over a trajectory's steps turned into per-step marginal gains
 * (SubPO, Prajapat et al. 2024). Each step names the items it covers (cells seen, facts found, pages
 * visited); the row's score is F of all of them and `step_rewards` are the gains Δ_j, which sum to F.
 */
export const submodularNode = defineNode({
  type: "submodular",
  summary:
    "A coverage-style (diminishing-returns) reward over the items a trajectory's steps cover: score F(all items), step_rewards the marginal gain of each step.",
  paper:
    "Submodular Reinforcement Learning (#67, Prajapat et al. 2024, SubPO): Δ(s_{j+1} | τ_{0:j}) = F(τ_{0:j} ∪ {s_{j+1}}) − F(τ_{0:j}), F monotone submodular",
  fields: z.object({
    function: z
      .enum(["coverage", "concave_counts"])
      .default("coverage")
      .describe(
        "coverage: F = Σ w_i over the distinct items covered; concave_counts: F = Σ_i w_i·g(count_i) (repeats pay less each time).",
      ),
    items_field: z
      .string()
      .min(1)
      .default("items")
      .describe(
        "The (dotted) field of each step holding what it covers: a string, a number, or a list of them (e.g. `items`, `info.cells`, `state`).",
      ),
    weights: z
      .record(z.string(), z.number().min(0))
      .optional()
      .describe("w_i by item (weighted coverage); items not listed weigh `default_weight`."),
    default_weight: z.number().min(0).default(1).describe("The weight of items not in `weights`."),
    concave: z.enum(["sqrt", "log1p"]).default("sqrt").describe("concave_counts: g(c) = √c or log(1 + c)."),
  }),
  example: "{ type: submodular, function: coverage, items_field: info.cells }",
  create(spec, tools) {
    const path = spec.items_field.split(".");
    const options = {
      function: spec.function,
      defaultWeight: spec.default_weight,
      concave: spec.concave,
      ...(spec.weights ? { weights: spec.weights } : {}),
    };
    const distinctKey = `${tools.name}.distinct_items`;
    return Promise.resolve(
      perBatch((batch) =>
        Promise.resolve(
          batch.map((sample): RewardResult => {
            const items = stepItems(sample, path, spec.items_field);
            if (RewardkitError.isInstance(items)) return failedResult(items);
            const tracker = new MarginalGains(options);
            const gains = items.map((each) => tracker.add(each));
            return {
              score: tracker.value,
              components: { [distinctKey]: tracker.distinct },
              stepRewards: gains,
            };
          }),
        ),
      ),
    );
  },
});

/** Each step's items as strings, or the error naming the first bad step. */
function stepItems(sample: Sample, path: readonly string[], field: string): string[][] | RewardkitError {
  const steps = sample.steps;
  if (!steps || steps.length === 0) {
    return new RewardkitError("NOT_APPLICABLE", "submodular needs a trajectory: the row has no `steps`");
  }
  const out: string[][] = [];
  for (let index = 0; index < steps.length; index++) {
    let value: unknown = steps[index];
    for (const key of path) {
      value =
        typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    }
    const list = Array.isArray(value) ? value : value === undefined || value === null ? undefined : [value];
    if (!list?.every((item) => typeof item === "string" || Number.isFinite(item))) {
      return new RewardkitError(
        "INPUT_INVALID",
        `steps[${index}].${field} must be a string, a finite number or a list of them (the items the step covers)`,
      );
    }
    out.push(list.map(String));
  }
  return out;
}
