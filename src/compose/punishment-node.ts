import { z } from "zod";
import { defineNode, perBatch, RewardkitError, type RewardResult } from "../core/index.js";
import { failedResult } from "./results.js";
import { parseDecision, parseMove, punishmentRewards, rowValue } from "./social-terms.js";
import { refuseCache } from "./spec-checks.js";

interface PunishmentTally {
  just: number;
  unjust: number;
  spared: number;
}

/**
 * `punishment`: the direct-punishment reward term (Dasgupta & Musolesi, §25) for one punishment
 * decision: the punisher's reward (just +2, unjust −10; costly variant: just −3) or the victim's
 * penalty (−3). Per run it tallies each punisher's decisions, so a multi-agent training run can see
 * how just its agents' punishments are (`<name>.just_share`).
 */
export const punishmentNode = defineNode({
  type: "punishment",
  summary:
    "Direct punishment as a reward term: a row is one punishment decision; the punisher's reward (just / unjust) or the victim's penalty, with a per-run tally of each punisher's decisions.",
  paper:
    "Direct Punishment in MARL (#43, Dasgupta & Musolesi: victim −3; punisher +2 just, −10 unjust, 0 when sparing; the costly-punishment variant pays −3 for just punishment; their Mechanisms/Punishment.py)",
  fields: z.object({
    role: z
      .enum(["punisher", "victim"])
      .default("punisher")
      .describe("Whose reward the row is: the punisher's or its victim's."),
    punisher_field: z
      .string()
      .min(1)
      .default("meta.punisher")
      .describe("The (dotted) field naming the punisher."),
    punish_field: z.string().min(1).default("meta.punish").describe('The decision: true/false or "P"/"NP".'),
    victim_move_field: z
      .string()
      .min(1)
      .default("meta.victim_move")
      .describe("The victim's move in the round: C/D, cooperate/defect or 0/1."),
    victim_penalty: z.number().default(-3).describe("Added to the victim's reward when punished."),
    just_reward: z
      .number()
      .default(2)
      .describe("The punisher's reward for punishing a defector (costly variant: −3)."),
    unjust_reward: z.number().default(-10).describe("The punisher's reward for punishing a cooperator."),
  }),
  example: "{ type: punishment, role: punisher, just_reward: -3 }",
  create(spec, tools) {
    refuseCache(spec, tools.path, "a per-run tally of punishments");
    const stateKey = `${tools.stateKey}:punishments`;
    const payoffs = {
      victimPenalty: spec.victim_penalty,
      just: spec.just_reward,
      unjust: spec.unjust_reward,
    };
    const shareKey = `${tools.name}.just_share`;
    const countKey = `${tools.name}.punishments`;
    return Promise.resolve(
      perBatch(async (batch, context) => {
        const results: RewardResult[] = [];
        await context.state.update<Record<string, PunishmentTally>>(stateKey, (previous) => {
          const tallies = { ...(previous ?? {}) };
          for (const [index, sample] of batch.entries()) {
            const punisher = rowValue(sample, spec.punisher_field);
            const decision = parseDecision(rowValue(sample, spec.punish_field));
            const victimMove = parseMove(rowValue(sample, spec.victim_move_field));
            const problem =
              typeof punisher !== "string" && typeof punisher !== "number"
                ? `${spec.punisher_field} must name the punisher (a string or number)`
                : decision === undefined
                  ? `${spec.punish_field} must be true/false or P/NP`
                  : victimMove === undefined
                    ? `${spec.victim_move_field} must be C/D, cooperate/defect or 0/1`
                    : undefined;
            if (problem || decision === undefined || victimMove === undefined) {
              results[index] = failedResult(new RewardkitError("INPUT_INVALID", `row ${index}: ${problem}`));
              continue;
            }
            const key = String(punisher);
            const tally = { ...(tallies[key] ?? { just: 0, unjust: 0, spared: 0 }) };
            if (decision === "spare") tally.spared++;
            else if (victimMove === "defect") tally.just++;
            else tally.unjust++;
            tallies[key] = tally;
            const rewards = punishmentRewards(decision, victimMove, payoffs);
            const punished = tally.just + tally.unjust;
            results[index] = {
              score: spec.role === "punisher" ? rewards.punisher : rewards.victim,
              components: {
                [countKey]: punished,
                // Unknown (not 0) until the punisher has punished at all.
                ...(punished > 0 ? { [shareKey]: tally.just / punished } : {}),
              },
            };
          }
          return tallies;
        });
        return results;
      }),
    );
  },
});
