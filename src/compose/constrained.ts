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
import { advanceConstraintState, type ConstraintState, initialConstraintState } from "./constraint-state.js";
import { cappedMixedValue, mixedValue, squashMultiplier } from "./lagrange.js";
import { addComponents } from "./results.js";
import { refuseCache } from "./spec-checks.js";

export const constrainedNode = defineNode({
  type: "constrained",
  summary:
    "Component rewards as constraints with thresholds (proxy points), weighted by Lagrange multipliers learnt per run, once per training step.",
  paper:
    "Confronting Reward Model Overoptimization with Constrained RLHF (#5, Moskovitz et al.: mixed value (N − Σλ_i)·r_task + Σ λ_i·r_i with λ_i = sigmoid (μ-PPO, v_i ≥ θ_i) or tanh (ξ-PPO, v_i = θ_i) of the raw multipliers, updated by SGD on Σ λ_i·(v_i − θ_i))",
  fields: z.object({
    objective: nodeRef
      .optional()
      .describe(
        "The task reward traded against the constraints. In the paper it is the KL reward −β·KL, which the trainer computes: leave it out and weight the KL penalty by the `<name>.task_weight` component.",
      ),
    constraints: z
      .array(
        z.strictObject({
          reward: nodeRef.describe("The component reward (e.g. a reward model, METEOR, intent accuracy)."),
          threshold: z
            .number()
            .describe("θ_i: its proxy point (the paper's dialog task: intent 0.44, METEOR 0.238)."),
        }),
      )
      .min(1)
      .describe("The constrained component rewards, each `{ reward, threshold }`."),
    kind: z
      .enum(["inequality", "equality", "upper"])
      .default("inequality")
      .describe(
        "inequality: v_i ≥ θ_i, sigmoid multipliers (μ-PPO); equality: v_i = θ_i, tanh multipliers (ξ-PPO, the paper's dialog runs); upper: All-PPO, reconstructed — every component in the objective and capped, v_i ≤ θ_i: r_task + Σ (1 − λ_i)·r_i with λ_i rising while v_i > θ_i.",
      ),
    squash: z.boolean().default(true).describe("Squash the multipliers (the code's `squash_lagrange`)."),
    learning_rate: z
      .number()
      .positive()
      .default(0.1)
      .describe("`lagrange_lr` (the paper's configs: 0.1; the class default is 0.01)."),
    momentum: z
      .number()
      .min(0)
      .lt(1)
      .default(0.1)
      .describe("SGD momentum on the raw multipliers (code: 0.1)."),
    max_grad_norm: z
      .number()
      .positive()
      .default(0.5)
      .describe("Gradient-norm clip of the multiplier update (PPO's max_grad_norm)."),
    initial_multiplier: z
      .number()
      .default(0)
      .describe(
        "The raw multipliers' start (the code draws N(0, 0.01²) when squashed; 0 keeps runs reproducible).",
      ),
    updates_per_step: z
      .number()
      .int()
      .min(1)
      .default(1)
      .describe(
        "Multiplier updates per training step (the code updates once per minibatch and epoch). The update uses the mean constraint values of all calls with a step and happens when a call with a later step arrives; calls with an older step change nothing; calls without a step (as in `rewardkit score`) keep the start values.",
      ),
    fixed: z.boolean().default(false).describe("Keep the multipliers at their start (`fixed_lagrange`)."),
  }),
  example:
    "{ type: constrained, kind: equality, constraints: [{ threshold: 0.44, reward: { type: model, name: intent, path: intent.rk } }, { threshold: 0.238, reward: { type: model, name: meteor_proxy, path: meteor.rk } }] }",
  async create(spec, tools) {
    refuseCache(spec, tools.path, "Lagrange multipliers learnt per run");
    const objective = spec.objective ? await tools.child(spec.objective, "objective") : undefined;
    const constraints = await Promise.all(
      spec.constraints.map((constraint, index) =>
        tools.child(constraint.reward, `constraints[${index}].reward`),
      ),
    );
    const thresholds = spec.constraints.map((constraint) => constraint.threshold);
    const children = objective ? [objective, ...constraints] : constraints;
    const names = children.map((child) => child.name);
    const lambdaKeys = constraints.map((child) => `${tools.name}.lambda.${child.name}`);
    const taskWeightKey = `${tools.name}.task_weight`;
    const stateKey = `${tools.stateKey}:lagrange`;
    const initial = initialConstraintState(constraints.length, spec.initial_multiplier);
    const optimizer = {
      kind: spec.kind,
      squashed: spec.squash,
      learningRate: spec.learning_rate,
      momentum: spec.momentum,
      maxGradNorm: spec.max_grad_norm,
    };
    return perBatch(async (batch, context) => {
      const table = await scoreChildren(children, batch, context);
      const constraintTable = objective ? table.slice(1) : table;
      const values: number[][] = [];
      for (let index = 0; index < batch.length; index++) {
        const results = column(constraintTable, index);
        if (results.every((result) => !result.error)) values.push(results.map((result) => result.score));
      }
      const state = spec.fixed
        ? initial
        : await context.state.update<ConstraintState>(stateKey, (previous) =>
            advanceConstraintState(previous ?? initial, {
              values,
              step: context.step,
              thresholds,
              updatesPerStep: spec.updates_per_step,
              optimizer,
            }),
          );
      const multipliers = state.multipliers.raw.map((raw) =>
        spec.squash ? squashMultiplier(raw, spec.kind) : raw,
      );
      const taskWeight =
        spec.squash && spec.kind !== "upper"
          ? constraints.length - multipliers.reduce((sum, value) => sum + value, 0)
          : 1;
      const diagnostics: Record<string, number> = { [taskWeightKey]: taskWeight };
      lambdaKeys.forEach((key, constraint) => {
        diagnostics[key] = multipliers[constraint] as number;
      });
      return batch.map((_, index): RewardResult => {
        const results = column(table, index);
        const task = objective ? (results[0] as RewardResult).score : 0;
        const constraintScores = (objective ? results.slice(1) : results).map((result) => result.score);
        const result = compositeResult(
          spec.kind === "upper"
            ? cappedMixedValue(task, constraintScores, multipliers)
            : mixedValue(task, constraintScores, multipliers, spec.squash),
          results,
          names,
        );
        return addComponents(result, diagnostics);
      });
    });
  },
});
