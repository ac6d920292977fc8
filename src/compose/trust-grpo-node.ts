import { z } from "zod";
import {
  compositeResult,
  defineNode,
  nodeRef,
  perBatch,
  type RewardResult,
  type Sample,
} from "../core/index.js";
import { groupIndices } from "./groups.js";
import { addComponents } from "./results.js";
import { refuseCache } from "./spec-checks.js";
import { sophiaDefaults, type TrustOptions, thinkingQueried, trustGrpoGroup } from "./trust-grpo.js";

export const trustGrpoNode = defineNode({
  type: "trust_grpo",
  groupwise: true,
  summary:
    "Outcome reward plus a judged thinking reward, weighted per group by its trustworthiness and annealed over steps (Trust-GRPO).",
  paper:
    "SophiaVL-R1 (#71: r_i = a_i + 0.3·exp(−t/T)·γ·p_i, γ = exp(μ_correct − μ_wrong) when correct answers' thinking scores lower than wrong answers', else 1; code: verl/workers/reward/custom.py)",
  fields: z.object({
    outcome: nodeRef.describe("The outcome (answer) reward a_i in [0, 1]."),
    thinking: nodeRef.describe(
      "The thinking-process reward p_i in [0, 1], e.g. a `judge`; only run where needed.",
    ),
    mode: z
      .enum(["code", "paper"])
      .default("code")
      .describe(
        "code: uniform groups (all a ≥ 0.9 or all ≤ 0.1) get no thinking reward and the judge is asked only where a ≥ 0.2; paper: every response is judged.",
      ),
    scale: z
      .number()
      .min(0)
      .optional()
      .describe("The constant factor on the thinking reward: default 0.3 (code) or 1 (paper)."),
    time_constant: z
      .number()
      .positive()
      .default(12000)
      .describe("T of exp(−step/T) (the training config: 12000)."),
    correct_threshold: z.number().default(0.5).describe("Outcomes at or above this are correct."),
    query_threshold: z
      .number()
      .default(0.2)
      .describe("code: judge only responses with an outcome at or above this."),
  }),
  example:
    "{ type: trust_grpo, outcome: { type: math }, thinking: { type: judge, url: ..., range: [0, 1] } }",
  async create(spec, tools) {
    refuseCache(spec, tools.path, "the training step and the rest of its group");
    const options: TrustOptions = {
      ...sophiaDefaults,
      mode: spec.mode,
      scale: spec.scale ?? (spec.mode === "code" ? 0.3 : 1),
      timeConstant: spec.time_constant,
      correctThreshold: spec.correct_threshold,
      queryThreshold: spec.query_threshold,
    };
    const outcome = await tools.child(spec.outcome, "outcome");
    const thinking = await tools.child(spec.thinking, "thinking");
    const names = [outcome.name, thinking.name];
    const weightKey = `${tools.name}.weight`;
    const trustKey = `${tools.name}.trust`;
    return perBatch(async (batch, context) => {
      const outcomes = await outcome.score(batch, context);
      const groups = groupIndices(batch);
      // Ask the judge once, for every response that needs it across the batch.
      const asked: number[] = [];
      for (const members of groups) {
        const queried = thinkingQueried(
          members.map((index) => (outcomes[index] as RewardResult).score),
          options,
        );
        members.forEach((index, position) => {
          if (queried[position]) asked.push(index);
        });
      }
      const judged =
        asked.length > 0
          ? await thinking.score(
              asked.map((index) => batch[index] as Sample),
              context,
            )
          : [];
      const thinkingResults = new Map<number, RewardResult>(
        asked.map((index, position) => [index, judged[position] as RewardResult]),
      );
      const out = new Array<RewardResult>(batch.length);
      for (const members of groups) {
        const group = trustGrpoGroup(
          members.map((index) => (outcomes[index] as RewardResult).score),
          members.map((index) => thinkingResults.get(index)?.score),
          context.step,
          options,
        );
        members.forEach((index, position) => {
          const children = [outcomes[index] as RewardResult];
          const judgedResult = thinkingResults.get(index);
          if (judgedResult) children.push(judgedResult);
          const result = compositeResult(group.rewards[position] as number, children, names);
          out[index] = addComponents(result, { [weightKey]: group.weight, [trustKey]: group.trust });
        });
      }
      return out;
    });
  },
});
