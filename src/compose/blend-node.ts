import { z } from "zod";
import {
  column,
  compositeResult,
  defineNode,
  nodeRef,
  perBatch,
  type RewardResult,
  scoreChildren,
} from "../core/index.js";
import { rewardAlignment } from "./blend.js";
import { advanceBlendState, type BlendState, initialBlendState } from "./blend-state.js";
import { addComponents } from "./results.js";
import { refuseCache, specFieldError } from "./spec-checks.js";

export const blendNode = defineNode({
  type: "blend",
  summary:
    "The primary reward plus auxiliary (heuristic) rewards with weights learnt per run from the primary reward, once per training step (BARFI's bi-level update).",
  paper:
    "Behavior Alignment via Reward Function Optimization (#3, Gupta et al. 2023, BARFI): r_φ = r_p + Σ φ_i·r_aux,i; the outer step follows dJ_p/dφ_i ≈ g_p · g_aux,i (the code's first-order implicit gradient), estimated here from rewards alone as their within-group covariance (reconstructed)",
  fields: z.object({
    primary: nodeRef.describe("r_p: the reward that says what is wanted (task success, a verifier)."),
    auxiliary: z
      .array(
        z.strictObject({
          reward: nodeRef.describe("A heuristic reward (a designer's shaping, a proxy)."),
          weight: z
            .number()
            .default(1)
            .describe("φ_i's start (1: plain addition, the designer's guess; BARFI's code starts near 0)."),
        }),
      )
      .min(1)
      .describe("The auxiliary rewards, each `{ reward, weight }`."),
    learning_rate: z.number().positive().default(0.1).describe("β: the outer step size on φ."),
    regularization: z
      .number()
      .min(0)
      .default(0)
      .describe("λ of an L2 penalty pulling φ toward 0 (the code's `reward_L2`)."),
    min_weight: z.number().default(-5).describe("φ_i is clipped to [min_weight, max_weight]."),
    max_weight: z.number().default(5).describe("φ_i's upper bound."),
    normalize: z
      .boolean()
      .default(true)
      .describe(
        "Use the correlation of r_p and r_aux,i (scale-free) instead of their covariance as the alignment.",
      ),
    fixed: z.boolean().default(false).describe("Keep the weights at their start (plain weighted sum)."),
  }),
  example:
    "{ type: blend, primary: { type: math }, auxiliary: [{ weight: 1, reward: { type: length, max: 512 } }], learning_rate: 0.2 }",
  async create(spec, tools) {
    refuseCache(spec, tools.path, "weights learnt per run");
    if (spec.min_weight > spec.max_weight) {
      throw specFieldError(tools.path, "min_weight", "`min_weight` is above `max_weight`");
    }
    const primary = await tools.child(spec.primary, "primary");
    const auxiliary = await Promise.all(
      spec.auxiliary.map((term, index) => tools.child(term.reward, `auxiliary[${index}].reward`)),
    );
    const children = [primary, ...auxiliary];
    const names = children.map((child) => child.name);
    const weightKeys = auxiliary.map((child) => `${tools.name}.weight.${child.name}`);
    const stateKey = `${tools.stateKey}:blend`;
    const initial = initialBlendState(spec.auxiliary.map((term) => term.weight));
    const options = {
      learningRate: spec.learning_rate,
      regularization: spec.regularization,
      min: spec.min_weight,
      max: spec.max_weight,
    };
    return perBatch(async (batch, context) => {
      const table = await scoreChildren(children, batch, context);
      // Rollouts whose every reward scored take part in the update; failed ones are left out.
      const usable = batch.map((_, index) => column(table, index).every((result) => !result.error));
      const rows = batch.flatMap((_, index) => (usable[index] ? [index] : []));
      const scoreAt = (child: number, index: number) =>
        ((table[child] as RewardResult[])[index] as RewardResult).score;
      const primaryScores = rows.map((index) => scoreAt(0, index));
      const measured = auxiliary.map((_, term) =>
        rewardAlignment({
          primary: primaryScores,
          auxiliary: rows.map((index) => scoreAt(term + 1, index)),
          groups: rows.map((index) => batch[index]?.group),
          normalize: spec.normalize,
        }),
      );
      const state = spec.fixed
        ? initial
        : await context.state.update<BlendState>(stateKey, (previous) =>
            advanceBlendState(previous ?? initial, {
              alignments: measured.map((entry) => entry.alignment),
              count: measured[0]?.count ?? 0,
              step: context.step,
              options,
            }),
          );
      const diagnostics: Record<string, number> = {};
      weightKeys.forEach((key, term) => {
        diagnostics[key] = state.weights[term] as number;
      });
      return batch.map((_, index): RewardResult => {
        const results = column(table, index);
        let blended = (results[0] as RewardResult).score;
        for (let term = 0; term < auxiliary.length; term++) {
          blended += (state.weights[term] as number) * (results[term + 1] as RewardResult).score;
        }
        return addComponents(compositeResult(blended, results, names), diagnostics);
      });
    });
  },
});
