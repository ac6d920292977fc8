import { z } from "zod";
import { defineEstimator, type Sample } from "../core/index.js";
import { estimate } from "./estimate.js";
import type { Groups } from "./groups.js";
import { fitMonotonicMixer } from "./monotonic-mixer.js";
import { metaNumber, sampleError } from "./sample-fields.js";

/**
 * Credit assignment for team rewards by value factorization: each group is one team episode, each
 * sample one agent's part in it (its reward = the agent's utility q_a, `meta[team_key]` = the team's
 * return). A monotonic mixer R ≈ b + Σ w_a·q_a (w_a ≥ 0; `additive`: w_a = 1, VDN) is fitted over the
 * batch's episodes, and an agent's advantage is its weighted utility against its own mean,
 * w_a·(q_{a,g} − q̄_a): what its part added to the team's return by the mixer. Reconstructed: QMIX
 * conditions the mixing weights on the global state through hypernetworks; here they are per agent.
 */
export function factorizedCredit(input: {
  rewards: readonly number[];
  samples: readonly Sample[];
  groups: Groups;
  agentKey: string;
  teamKey: string;
  mixer: "monotonic" | "additive";
}): { advantages: number[]; diagnostics: Record<string, number> } {
  const agentOf = input.samples.map((sample, index) => {
    const agent = sample.meta?.[input.agentKey];
    if (typeof agent !== "string" && typeof agent !== "number")
      throw sampleError(index, `meta.${input.agentKey}`, "expected the agent's name (a string or number)");
    return String(agent);
  });
  const agents = [...new Set(agentOf)].sort();
  const column = new Map(agents.map((agent, position) => [agent, position]));
  const utilities: number[][] = [];
  const returns: number[] = [];
  for (const members of input.groups.members) {
    const row = new Array<number>(agents.length).fill(0);
    let team: number | undefined;
    for (const index of members) {
      const value = metaNumber(input.samples[index] as Sample, index, input.teamKey);
      if (team !== undefined && value !== team)
        throw sampleError(
          index,
          `meta.${input.teamKey}`,
          `a team episode has one return: ${value} ≠ ${team}`,
        );
      team = value;
      const position = column.get(agentOf[index] as string) as number;
      row[position] = (row[position] as number) + (input.rewards[index] as number);
    }
    utilities.push(row);
    returns.push(team as number);
  }
  const fit =
    input.mixer === "additive"
      ? { weights: agents.map(() => 1), bias: 0, explained: Number.NaN }
      : fitMonotonicMixer({ utilities, returns });
  const means = agents.map(
    (_, a) => utilities.reduce((total, row) => total + (row[a] as number), 0) / utilities.length,
  );
  const advantages = input.rewards.map((reward, index) => {
    const a = column.get(agentOf[index] as string) as number;
    return (fit.weights[a] as number) * (reward - (means[a] as number));
  });
  const diagnostics: Record<string, number> = { mixer_bias: fit.bias };
  if (Number.isFinite(fit.explained)) diagnostics.mixer_explained = fit.explained;
  agents.forEach((agent, a) => {
    diagnostics[`mixer_weight.${agent}`] = fit.weights[a] as number;
  });
  return { advantages, diagnostics };
}

export const valueFactorizationEstimator = defineEstimator({
  type: "value_factorization",
  summary:
    "Team-reward credit assignment: a monotonic (QMIX-style, w ≥ 0) or additive (VDN) mixer of the agents' utilities fitted to the team returns; each agent's advantage is its weighted utility against its mean.",
  paper:
    "QMIX (Rashid et al. 2018: Q_tot monotonic in each Q_a) and VDN (Sunehag et al. 2017: Q_tot = Σ Q_a), as used by Subgoal-based HRL for multi-agent collaboration (#28); per-agent weights instead of state hypernetworks (reconstructed)",
  fields: z.object({
    mixer: z
      .enum(["monotonic", "additive"])
      .default("monotonic")
      .describe(
        "monotonic: non-negative weights fitted by least squares (QMIX's constraint); additive: all 1 (VDN).",
      ),
    agent_key: z.string().min(1).default("agent").describe("`meta` key naming each sample's agent."),
    team_key: z
      .string()
      .min(1)
      .default("team_reward")
      .describe("`meta` key holding the episode's team return."),
  }),
  create(options) {
    return {
      type: "value_factorization",
      compute: (input) =>
        estimate(input, undefined, (batch, groups) =>
          factorizedCredit({
            rewards: batch.rewards,
            samples: batch.samples,
            groups,
            agentKey: options.agent_key,
            teamKey: options.team_key,
            mixer: options.mixer,
          }),
        ),
    };
  },
});
