import { z } from "zod";
import {
  column,
  compositeResult,
  defineNode,
  nodeRef,
  perBatch,
  RewardkitError,
  type Sample,
  scoreChildren,
} from "../core/index.js";
import { controlledReward, type Dimension, targetGap } from "./dimensional-control.js";
import {
  advanceControlState,
  type DimensionalControlState,
  initialControlState,
} from "./dimensional-control-state.js";
import { addComponents, failedResult } from "./results.js";
import { refuseCache } from "./spec-checks.js";

export const dimensionalControlNode = defineNode({
  type: "dimensional_control",
  summary:
    "Dimension rewards steered toward targets (e.g. novelty 0.8, feasibility 0.6): −Σ w_d·gap_d², with a controller that moves weight, once per training step, to the dimensions furthest from their targets (per-run state).",
  paper:
    "Learning to Generate Research Idea with Dynamic Control (#64): dimensional controllers over novelty, feasibility and effectiveness, adjusted dynamically (reconstructed: the penalty and the weight update are this library's, no public code)",
  fields: z.object({
    dimensions: z
      .array(
        z.strictObject({
          reward: nodeRef.describe("The dimension's score; its `name` is the dimension's name."),
          target: z.number().describe("The level the reward steers this dimension toward."),
          kind: z
            .enum(["match", "at_least"])
            .default("match")
            .describe("match: any distance from the target costs; at_least: only a shortfall does."),
          weight: z.number().positive().default(1).describe("The dimension's starting weight."),
        }),
      )
      .min(1)
      .describe("The controlled dimensions: `{ reward, target, kind?, weight? }` each."),
    rate: z
      .number()
      .nonnegative()
      .default(1)
      .describe(
        "η of the controller: after each training step w_d ← w_d·exp(η·mean gap_d), rescaled to mean 1 (0: fixed weights).",
      ),
    request_targets: z
      .boolean()
      .default(true)
      .describe(
        "Let rows set their own targets: `meta.targets`, an object by dimension name (missing names keep the spec's).",
      ),
  }),
  example:
    "{ type: dimensional_control, dimensions: [{ reward: { type: judge, name: novelty, ... }, target: 0.8 }, { reward: { type: judge, name: feasibility, ... }, target: 0.6, kind: at_least }] }",
  async create(spec, tools) {
    refuseCache(spec, tools.path, "controller weights learnt per run");
    const children = await Promise.all(
      spec.dimensions.map((dimension, index) => tools.child(dimension.reward, `dimensions[${index}].reward`)),
    );
    const names = children.map((child) => child.name);
    const weightKeys = names.map((name) => `${tools.name}.weight.${name}`);
    const stateKey = `${tools.stateKey}:controller`;
    const initial = initialControlState(spec.dimensions.map((dimension) => dimension.weight));
    const rowDimensions = (sample: Sample): Dimension[] | RewardkitError => {
      const given = sample.meta?.targets;
      if (!spec.request_targets || given === undefined) return spec.dimensions;
      if (typeof given !== "object" || given === null || Array.isArray(given)) {
        return new RewardkitError("INPUT_INVALID", "meta.targets must be an object by dimension name");
      }
      const byName = given as Record<string, unknown>;
      const unknown = Object.keys(byName).filter((key) => !names.includes(key));
      const bad = Object.entries(byName).filter(
        ([, value]) => typeof value !== "number" || !Number.isFinite(value),
      );
      if (unknown.length > 0 || bad.length > 0) {
        return new RewardkitError(
          "INPUT_INVALID",
          unknown.length > 0
            ? `meta.targets names unknown dimensions: ${unknown.join(", ")} (known: ${names.join(", ")})`
            : `meta.targets.${bad[0]?.[0]} must be a finite number`,
        );
      }
      return spec.dimensions.map((dimension, index) => ({
        target: (byName[names[index] as string] as number | undefined) ?? dimension.target,
        kind: dimension.kind,
      }));
    };
    return perBatch(async (batch, context) => {
      const table = await scoreChildren(children, batch, context);
      const rows = batch.map((sample, index) => {
        const dimensions = rowDimensions(sample);
        const results = column(table, index);
        return { dimensions, results };
      });
      // The controller learns from the rows every dimension scored and whose targets are valid.
      const gaps = rows.flatMap(({ dimensions, results }) =>
        RewardkitError.isInstance(dimensions) || results.some((result) => result.error)
          ? []
          : [results.map((result, at) => targetGap(result.score, dimensions[at] as Dimension))],
      );
      const state = await context.state.update<DimensionalControlState>(stateKey, (previous) =>
        advanceControlState(previous ?? initial, { gaps, step: context.step, rate: spec.rate }),
      );
      const used: Record<string, number> = {};
      weightKeys.forEach((key, at) => {
        used[key] = state.weights[at] as number;
      });
      return rows.map(({ dimensions, results }) => {
        if (RewardkitError.isInstance(dimensions)) return failedResult(dimensions);
        const score = controlledReward({
          scores: results.map((result) => result.score),
          dimensions,
          weights: state.weights,
        });
        return addComponents(compositeResult(score, results, names), { ...used });
      });
    });
  },
});
