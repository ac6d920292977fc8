import { z } from "zod";
import { defineNode, nodeRef, perBatch, type RewardResult, turnSamples } from "../core/index.js";
import { aggregateTurns, turnAggregates } from "./sequence-aggregate.js";
import { scoreParts, sequenceResult } from "./sequence-results.js";

export const turnsNode = defineNode({
  type: "turns",
  summary:
    "Scores every assistant turn of a conversation with its child (the turn and its tool results as the completion, the conversation before it as the prompt) and aggregates: last, sum, mean, min or discounted. Rows carry `turn_rewards`.",
  fields: z.object({
    reward: nodeRef.describe("The node that scores one turn."),
    aggregate: z
      .enum(turnAggregates)
      .default("mean")
      .describe(
        "How turn scores become the conversation's: last, sum, mean, min, or discounted (Σ γ^t·r_t).",
      ),
    gamma: z.number().min(0).max(1).default(0.95).describe("The discount of `discounted`."),
  }),
  example: "{ type: turns, aggregate: mean, reward: { type: tool_call_valid } }",
  async create(spec, tools) {
    const child = await tools.child(spec.reward, "reward");
    const aggregate = (scores: readonly number[]) =>
      aggregateTurns(scores, { aggregate: spec.aggregate, gamma: spec.gamma });
    return perBatch(async (batch, context) => {
      const parts = batch.map(turnSamples);
      const scored = await scoreParts(child, parts, context);
      return scored.map((turns): RewardResult => {
        if (turns.length === 0) {
          return {
            score: 0,
            error: { code: "NOT_APPLICABLE", message: "the completion has no assistant turn" },
          };
        }
        const turnRewards = turns.map((turn) => turn.score);
        const result = sequenceResult({
          score: aggregate(turnRewards),
          parts: turns,
          label: "turn",
          aggregate,
        });
        result.turnRewards = turnRewards;
        return result;
      });
    });
  },
});
