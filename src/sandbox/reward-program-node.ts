import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { z } from "zod";
import {
  defineNode,
  perBatch,
  RewardkitError,
  type RewardParts,
  RewardProgram,
  type RewardResult,
  type Sample,
} from "../core/index.js";
import { BubblewrapRunner } from "./bubblewrap-runner.js";
import { limitsField, toLimits } from "./code/limits-field.js";

/**
 * What the program reads for a sample: each step's `state` (else its `observation`) for a
 * trajectory, else `meta.observation`; undefined when the sample has neither.
 */
export function observationsOf(sample: Sample): unknown[] | undefined {
  if (sample.steps && sample.steps.length > 0) {
    return sample.steps.map((step) => step.state ?? step.observation ?? null);
  }
  const single = sample.meta?.observation;
  return single === undefined ? undefined : [single];
}

function sourceOf(
  spec: { path?: string | undefined; source?: string | undefined },
  tools: { baseDir: string; path: string },
) {
  if ((spec.path === undefined) === (spec.source === undefined)) {
    throw new RewardkitError("SPEC_INVALID", "give exactly one of `path` (a .js file) and `source`", {
      path: tools.path,
    });
  }
  if (spec.source !== undefined) return spec.source;
  const file = isAbsolute(spec.path as string)
    ? (spec.path as string)
    : resolve(tools.baseDir, spec.path as string);
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new RewardkitError(
      "SPEC_INVALID",
      `cannot read the reward program ${file}: ${(error as Error).message}`,
      {
        path: `${tools.path}.path`,
      },
    );
  }
}

/** A sample's result from its observations' parts: the sum over steps, one step reward each. */
function resultOf(parts: readonly RewardParts[], steps: boolean): RewardResult {
  const score = parts.reduce((sum, part) => sum + part.reward, 0);
  const sparse = parts.reduce((sum, part) => sum + part.sparse, 0);
  const dense = parts.reduce((sum, part) => sum + part.dense, 0);
  const result: RewardResult = {
    score,
    reason: `sparse ${sparse}, dense ${dense} over ${parts.length} observation(s)`,
  };
  if (steps) result.stepRewards = parts.map((part) => part.reward);
  return result;
}

/**
 * Auto MC-Reward's generated reward program as a spec node (Li et al., CVPR 2024): the JavaScript
 * `dense(observation)` and `sparse(observation)` that `autoMcReward()` writes (its `program.source`)
 * run in the bubblewrap sandbox, once per batch, on each sample's observations; the reward per
 * observation is the paper's sgn(sparse)·1 + sgn(dense)·0.1, summed over a trajectory's steps.
 */
export const rewardProgramNode = defineNode({
  type: "reward_program",
  summary:
    "A generated reward program (Auto MC-Reward's `dense`/`sparse` JavaScript) run in the bubblewrap sandbox on each sample's observations: sgn(sparse) + 0.1·sgn(dense) per observation, summed over steps (step rewards kept).",
  paper: "Auto MC-Reward (#52)",
  fields: z.object({
    path: z
      .string()
      .min(1)
      .optional()
      .describe("A .js file defining dense(observation) and sparse(observation) (relative to the spec)."),
    source: z.string().min(1).optional().describe("The program's source, instead of `path`."),
    limits: limitsField,
    concurrency: z.number().int().positive().optional().describe("Sandboxes running at once."),
  }),
  example:
    "{ type: reward_program, path: generated/minecraft-reward.js }   # rows: steps[].state or meta.observation",
  create(spec, tools) {
    const source = sourceOf(spec, tools);
    const runner = new BubblewrapRunner({
      limits: toLimits(spec.limits),
      ...(spec.concurrency ? { concurrency: spec.concurrency } : {}),
    });
    const program = new RewardProgram(source, runner, toLimits(spec.limits));
    return perBatch(
      async (batch, context) => {
        const observed = batch.map(observationsOf);
        const all = observed.flatMap((observations) => observations ?? []);
        const parts = all.length > 0 ? await program.score(all, context.signal) : [];
        let next = 0;
        return batch.map((sample, index): RewardResult => {
          const observations = observed[index];
          if (observations === undefined) {
            return {
              score: 0,
              error: {
                code: "NOT_APPLICABLE",
                message:
                  "the reward program reads observations: give the sample steps (state or observation) or meta.observation",
              },
            };
          }
          const own = parts.slice(next, next + observations.length);
          next += observations.length;
          return resultOf(own, sample.steps !== undefined && sample.steps.length > 0);
        });
      },
      () => runner.close(),
    );
  },
});
