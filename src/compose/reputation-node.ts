import { z } from "zod";
import { defineNode, perBatch, RewardkitError, type RewardResult } from "../core/index.js";
import { failedResult } from "./results.js";
import { parseDecision, parseMove, reputationChange, rowValue } from "./social-terms.js";
import { refuseCache } from "./spec-checks.js";

/**
 * `reputation`: a global reputation scalar per agent kept in the run's state (Dasgupta & Musolesi,
 * §25: C +1, D −1, just punishment +2, unjust −3), updated row by row in batch order; a row scores
 * the acting agent's reputation after it (or the change). Rows of a multi-agent run name the agent,
 * its move and, optionally, its punishment decision and the victim's move.
 */
export const reputationNode = defineNode({
  type: "reputation",
  summary:
    "A per-agent reputation scalar kept per run: each row (one agent's move and optional punishment decision) updates it; the score is the reputation after the row or its change.",
  paper:
    "Direct Punishment in MARL (#43, Dasgupta & Musolesi: reputation C +1, D −1, just punishment +2, unjust −3, no punishment 0; their Mechanisms/Reputation.py); Cultural Evolution of Cooperation among LLM Agents (#23: reputation from visible traces)",
  fields: z.object({
    agent_field: z
      .string()
      .min(1)
      .default("meta.agent")
      .describe("The (dotted) row field naming the acting agent."),
    move_field: z
      .string()
      .min(1)
      .default("meta.move")
      .describe('The agent\'s move: "C"/"D", "cooperate"/"defect", 0 (C) / 1 (D) as in the paper\'s code.'),
    punish_field: z
      .string()
      .min(1)
      .default("meta.punish")
      .describe('Optional: the agent\'s punishment decision (true/false, "P"/"NP").'),
    victim_move_field: z
      .string()
      .min(1)
      .default("meta.victim_move")
      .describe("With a punishment decision: the victim's move, which makes it just (D) or unjust (C)."),
    output: z
      .enum(["level", "change"])
      .default("level")
      .describe("level: the reputation after the row; change: what the row added."),
    cooperate: z.number().default(1).describe("Added for cooperating."),
    defect: z.number().default(-1).describe("Added for defecting."),
    just_punishment: z.number().default(2).describe("Added for punishing a defector."),
    unjust_punishment: z.number().default(-3).describe("Added for punishing a cooperator."),
  }),
  example: "{ type: reputation, agent_field: meta.agent, move_field: meta.move, output: level }",
  create(spec, tools) {
    refuseCache(spec, tools.path, "a reputation kept per run");
    const stateKey = `${tools.stateKey}:reputation`;
    const values = {
      cooperate: spec.cooperate,
      defect: spec.defect,
      justPunishment: spec.just_punishment,
      unjustPunishment: spec.unjust_punishment,
    };
    const levelKey = `${tools.name}.level`;
    const changeKey = `${tools.name}.change`;
    return Promise.resolve(
      perBatch(async (batch, context) => {
        const results: RewardResult[] = [];
        await context.state.update<Record<string, number>>(stateKey, (previous) => {
          const levels = { ...(previous ?? {}) };
          for (const [index, sample] of batch.entries()) {
            const agent = rowValue(sample, spec.agent_field);
            const moveValue = rowValue(sample, spec.move_field);
            const move = moveValue === undefined ? undefined : parseMove(moveValue);
            const decisionValue = rowValue(sample, spec.punish_field);
            const decision = decisionValue === undefined ? undefined : parseDecision(decisionValue);
            const victimMove = parseMove(rowValue(sample, spec.victim_move_field));
            const problem =
              typeof agent !== "string" && typeof agent !== "number"
                ? `${spec.agent_field} must name the agent (a string or number)`
                : moveValue !== undefined && move === undefined
                  ? `${spec.move_field} must be C/D, cooperate/defect or 0/1, got ${JSON.stringify(moveValue)}`
                  : decisionValue !== undefined && decision === undefined
                    ? `${spec.punish_field} must be true/false or P/NP, got ${JSON.stringify(decisionValue)}`
                    : decision === "punish" && victimMove === undefined
                      ? `a punishment needs ${spec.victim_move_field} (C or D)`
                      : move === undefined && decision === undefined
                        ? `the row has neither ${spec.move_field} nor ${spec.punish_field}`
                        : undefined;
            if (problem) {
              results[index] = failedResult(new RewardkitError("INPUT_INVALID", `row ${index}: ${problem}`));
              continue;
            }
            const change = reputationChange({
              move,
              punishment:
                decision === undefined ? undefined : { decision, victimMove: victimMove ?? "cooperate" },
              values,
            });
            const key = String(agent);
            const added = change.move + change.punishment;
            const level = (levels[key] ?? 0) + added;
            levels[key] = level;
            results[index] = {
              score: spec.output === "level" ? level : added,
              components: { [levelKey]: level, [changeKey]: added },
            };
          }
          return levels;
        });
        return results;
      }),
    );
  },
});
