import { z } from "zod";
import { assistantTurns, contentText, defineEstimator, type Sample } from "../core/index.js";
import { dynamicFilterField } from "./dynamic-filter.js";
import { estimate } from "./estimate.js";
import { type GigpoOptions, type GigpoTrajectory, gigpoAdvantages } from "./gigpo.js";
import { requireSteps, sampleError } from "./sample-fields.js";

type StepRewardSource = "auto" | "steps" | "final" | "results";

/**
 * The per-step rewards the reward tree produced for a sample: required and checked against the
 * step count for `results`; for `auto`, used only when there is one per step.
 */
function resultRewards(
  values: readonly number[] | undefined,
  count: number,
  place: { index: number; what: string; required: boolean },
): number[] | undefined {
  if (values !== undefined && values.length === count) return [...values];
  if (!place.required) return undefined;
  const message =
    values === undefined
      ? `step_rewards: results needs a reward that gives one score per step (${place.what})`
      : `expected ${count} rewards (one per step), the reward gave ${values.length}`;
  throw sampleError(place.index, place.what, message);
}

/** Reads a sample's trajectory for GiGPO, naming the sample and field when something is missing. */
interface ScoredSample {
  sample: Sample;
  index: number;
  reward: number;
  /** The reward tree's per-turn and per-step scores for the sample, where it gave any. */
  turnRewards: readonly number[] | undefined;
  stepRewards: readonly number[] | undefined;
}

function readTrajectory(
  scored: ScoredSample,
  options: { stepRewards: StepRewardSource; grouping: "exact" | "similarity" },
): GigpoTrajectory {
  const { sample, index, reward } = scored;
  if (!(Array.isArray(sample.steps) && sample.steps.length > 0) && Array.isArray(sample.completion)) {
    return conversationTrajectory(scored, options.stepRewards);
  }
  const steps = requireSteps(sample, index, "gigpo");
  const anchors = steps.map((step, position) => {
    const anchor = step.state !== undefined ? step.state : step.observation;
    if (anchor === undefined || anchor === null) {
      throw sampleError(
        index,
        `steps[${position}].state`,
        "gigpo groups steps by state: give each step a `state` or an `observation`",
      );
    }
    if (options.grouping === "similarity" && typeof anchor !== "string") {
      throw sampleError(
        index,
        `steps[${position}].state`,
        "similarity grouping compares text: the state must be a string",
      );
    }
    return anchor;
  });
  const allRewarded = steps.every((step) => typeof step.reward === "number" && Number.isFinite(step.reward));
  const fromResults =
    options.stepRewards === "results" || (options.stepRewards === "auto" && !allRewarded)
      ? resultRewards(scored.stepRewards, steps.length, {
          index,
          what: "step_rewards",
          required: options.stepRewards === "results",
        })
      : undefined;
  let stepRewards: number[];
  if (fromResults) {
    stepRewards = fromResults;
  } else if (options.stepRewards === "steps" || (options.stepRewards === "auto" && allRewarded)) {
    stepRewards = steps.map((step, position) => {
      if (typeof step.reward !== "number" || !Number.isFinite(step.reward)) {
        throw sampleError(
          index,
          `steps[${position}].reward`,
          "expected a finite number (step_rewards: steps)",
        );
      }
      return step.reward;
    });
  } else {
    stepRewards = steps.map((_, position) => (position === steps.length - 1 ? reward : 0));
  }
  return { episodeReward: reward, stepRewards, anchors };
}

/**
 * A conversation as a GiGPO trajectory: one step per assistant turn, anchored on what the agent
 * saw before acting (the prompt for the first turn, then the tool results and user messages since
 * its previous turn), rewarded by the reward's `turn_rewards` (`results`, or `auto` when there are
 * any) or by the episode reward on the last turn (`final`).
 */
function conversationTrajectory(scored: ScoredSample, source: StepRewardSource): GigpoTrajectory {
  const { sample, index, reward, turnRewards } = scored;
  const turns = assistantTurns(sample);
  if (turns.length === 0) throw sampleError(index, "completion", "gigpo needs at least one assistant turn");
  const anchors = turns.map((turn) => {
    let start = turn.context.length;
    while (start > 0 && turn.context[start - 1]?.role !== "assistant") start--;
    return turn.context
      .slice(start)
      .map((message) => contentText(message.content))
      .join("\n");
  });
  if (source === "steps") {
    throw sampleError(
      index,
      "steps",
      "step_rewards: steps needs `steps`; a conversation's turns are rewarded by results or final",
    );
  }
  const fromResults =
    source === "final"
      ? undefined
      : resultRewards(turnRewards, turns.length, {
          index,
          what: "turn_rewards",
          required: source === "results",
        });
  const stepRewards = fromResults ?? turns.map((_, position) => (position === turns.length - 1 ? reward : 0));
  return { episodeReward: reward, stepRewards, anchors };
}

export const gigpoEstimator = defineEstimator({
  type: "gigpo",
  summary:
    "GiGPO for agent trajectories: the episode's group-relative advantage plus ω × a step-level advantage computed over anchor-state groups (steps of the same task that saw the same state). Writes per-step advantages.",
  paper:
    "Group-in-Group Policy Optimization for LLM Agent Training (GiGPO), arXiv 2505.10978; verl-agent gigpo/core_gigpo.py",
  fields: z.object({
    gamma: z
      .number()
      .min(0)
      .max(1)
      .default(0.95)
      .describe("Discount for the step returns (verl-agent scripts: 0.95)."),
    step_weight: z
      .number()
      .default(1)
      .describe("ω, the weight of the step-level advantage (`step_advantage_w`)."),
    mode: z
      .enum(["mean_std_norm", "mean_norm"])
      .default("mean_std_norm")
      .describe(
        "`mean_std_norm`: (x - mean)/(std + ε), the paper's form; `mean_norm`: x - mean (Dr.GRPO-style).",
      ),
    epsilon: z.number().nonnegative().default(1e-6).describe("Added to the std in mean_std_norm."),
    grouping: z
      .enum(["exact", "similarity"])
      .default("exact")
      .describe(
        "Anchor states match when identical, or when their difflib similarity ratio reaches `similarity_threshold` (text states only).",
      ),
    similarity_threshold: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.95)
      .describe(
        "The difflib ratio at which two text states count as the same anchor (verl-agent default 0.95).",
      ),
    episode_stats: z
      .enum(["steps", "trajectories"])
      .default("steps")
      .describe(
        "Episode mean/std over every step row, so longer trajectories weigh more (verl-agent's compute_mean_std_cross_steps, the default), or one value per trajectory (the paper's Eq. 3).",
      ),
    step_rewards: z
      .enum(["auto", "steps", "final", "results"])
      .default("auto")
      .describe(
        "Where r_t comes from: each step's `reward` (`steps`), the reward tree's per-step scores (`results`: `step_rewards`, or `turn_rewards` for conversations), the episode reward on the last step (`final`), or `auto`: steps' rewards when every step has one, else the tree's, else final. A row without `steps` whose completion is a conversation is a trajectory of its assistant turns.",
      ),
    filter: dynamicFilterField,
  }),
  create(options) {
    const gigpoOptions: GigpoOptions = {
      gamma: options.gamma,
      stepWeight: options.step_weight,
      mode: options.mode,
      epsilon: options.epsilon,
      grouping: options.grouping,
      similarityThreshold: options.similarity_threshold,
      episodeStats: options.episode_stats,
    };
    return {
      type: "gigpo",
      compute: (input) =>
        estimate(input, options.filter, (batch, groups) => {
          const trajectories = batch.samples.map((sample, index) =>
            readTrajectory(
              {
                sample,
                index,
                reward: batch.rewards[index] as number,
                turnRewards: batch.turnRewards?.[index],
                stepRewards: batch.stepRewards?.[index],
              },
              { stepRewards: options.step_rewards, grouping: options.grouping },
            ),
          );
          const { episode, steps, anchorGroups } = gigpoAdvantages(trajectories, groups, gigpoOptions);
          const rows = anchorGroups.reduce((total, size) => total + size, 0);
          return {
            advantages: episode,
            stepAdvantages: steps,
            // verl-agent logs the average step-group size: 1 means no state was ever shared.
            diagnostics: {
              anchor_groups: anchorGroups.length,
              anchor_group_mean_size: anchorGroups.length > 0 ? rows / anchorGroups.length : 0,
              anchor_singleton_groups: anchorGroups.filter((size) => size === 1).length,
            },
          };
        }),
    };
  },
});
