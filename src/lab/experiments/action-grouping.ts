import { z } from "zod";
import { deriveSeed, type LabRandom, labRandom } from "../random.js";
import { groupingReport } from "../report/grouping-report.js";
import type { Curve } from "../results.js";
import { type GroupedMdp, groupedMdp, nestedGroupings } from "../worlds/grouped-mdp.js";
import { evaluatePolicy, type Outcome, type TabularMdp, valueIteration } from "../worlds/tabular-mdp.js";
import { defineExperiment } from "./experiment.js";
import { groupingClaims } from "./grouping-claims.js";

const options = z.object({
  states: z.number().int().min(2).default(20).describe("States of the random MDP."),
  actions: z.number().int().min(2).default(32).describe("Actions (A)."),
  clusters: z.number().int().min(1).default(8).describe("Latent clusters of similar actions."),
  perturbation: z
    .number()
    .min(0)
    .max(1)
    .default(0.15)
    .describe(
      "How far each action's kernel and reward stray from its cluster's (0: identical within a cluster).",
    ),
  branching: z
    .number()
    .int()
    .min(1)
    .default(3)
    .describe("Successor draws per base kernel (sparser kernels: actions matter more)."),
  reward_noise: z
    .number()
    .min(0)
    .default(1)
    .describe("Standard deviation of the noise on each sampled reward."),
  gamma: z.number().gt(0).lt(1).default(0.9).describe("Discount."),
  group_counts: z
    .array(z.number().int().min(1))
    .min(2)
    .default([1, 2, 4, 8, 16, 32])
    .describe("The groupings compared (numbers of groups K; K = A is no grouping)."),
  budgets: z
    .array(z.number().int().min(1))
    .min(2)
    .default([640, 1280, 2560, 5120, 10240, 20480, 40960])
    .describe(
      "Sample budgets (transitions drawn from a generative model), spread evenly over (state, group) pairs.",
    ),
  repeats: z
    .number()
    .int()
    .min(1)
    .default(4)
    .describe("Independent estimates averaged per budget and grouping."),
});

export type GroupingOptions = z.output<typeof options>;

/** One (budget, K) cell: the normalized loss of the plan from estimates, averaged over repeats. */
export interface GroupingPoint {
  groups: number;
  budget: number;
  loss: number;
}

function planWithGroups(input: {
  mdp: GroupedMdp;
  assignment: Int32Array;
  groups: number;
  perPair: number;
  settings: GroupingOptions;
  random: LabRandom;
}): { policy: Float64Array; plannedValue: number } {
  const { mdp, assignment, groups, perPair, settings, random } = input;
  const S = mdp.states;
  const A = mdp.actions;
  const members: number[][] = Array.from({ length: groups }, () => []);
  for (let action = 0; action < A; action++) members[assignment[action] as number]?.push(action);
  // Estimate each group's kernel and reward from samples of its actions (treated as one action).
  const outcomes: Outcome[][] = [];
  for (let state = 0; state < S; state++) {
    for (let group = 0; group < groups; group++) {
      const counts = new Float64Array(S);
      let reward = 0;
      const actions = members[group] as number[];
      for (let draw = 0; draw < perPair; draw++) {
        const action = actions[random.int(actions.length)] as number;
        const pair = state * A + action;
        const next = random.categorical(mdp.probabilities, pair * S, S);
        counts[next] = (counts[next] as number) + 1;
        reward += (mdp.rewards[pair] as number) + settings.reward_noise * random.normal();
      }
      const mean = reward / perPair;
      const list: Outcome[] = [];
      counts.forEach((count, next) => {
        if (count > 0) list.push({ next, probability: count / perPair, reward: mean, terminal: false });
      });
      outcomes[state * groups + group] = list;
    }
  }
  const reduced: TabularMdp = { states: S, actions: groups, outcomes, start: 0 };
  const { q, values } = valueIteration(reduced, { gamma: settings.gamma, tolerance: 1e-8 });
  // The plan picks a group; its actions are indistinguishable to it, so it plays them uniformly.
  const policy = new Float64Array(S * A);
  for (let state = 0; state < S; state++) {
    let best = 0;
    for (let group = 1; group < groups; group++) {
      if ((q[state * groups + group] as number) > (q[state * groups + best] as number)) best = group;
    }
    const actions = members[best] as number[];
    for (const action of actions) policy[state * A + action] = 1 / actions.length;
  }
  return { policy, plannedValue: values.reduce((sum, value) => sum + value, 0) / S };
}

export const actionGrouping = defineExperiment({
  name: "action-grouping",
  summary:
    "A random MDP whose 32 actions come in 8 clusters of similar ones, planned from samples with actions grouped into K groups: coarse groupings learn faster from few samples and plateau lower — the error/complexity trade-off as a curve over K.",
  papers: [
    "Achieving Sample and Computational Efficient RL by Action Space Reduction via Grouping (Li et al.), setting and grouping reconstructed",
  ],
  options,
  quick: { budgets: [640, 2560, 10240], repeats: 1, group_counts: [2, 8, 32] },
  run(settings, seed, progress) {
    const mdp = groupedMdp({
      states: settings.states,
      actions: settings.actions,
      clusters: settings.clusters,
      perturbation: settings.perturbation,
      branching: settings.branching,
      random: labRandom(deriveSeed(seed, "mdp")),
    });
    const counts = [...new Set(settings.group_counts.filter((count) => count <= settings.actions))].sort(
      (a, b) => a - b,
    );
    const groupings = nestedGroupings(mdp, counts);
    const optimal = valueIteration(mdp, { gamma: settings.gamma, tolerance: 1e-10 }).values;
    const uniform = evaluatePolicy(mdp, new Float64Array(mdp.states * mdp.actions).fill(1 / mdp.actions), {
      gamma: settings.gamma,
      tolerance: 1e-10,
    });
    const mean = (values: ArrayLike<number>) =>
      Array.from(values).reduce((sum, value) => sum + value, 0) / values.length;
    const gap = mean(optimal) - mean(uniform);
    const points: GroupingPoint[] = [];
    const curves: Curve[] = [];
    for (const groups of counts) {
      progress?.(`grouping into ${groups} groups`);
      const assignment = groupings.get(groups) as Int32Array;
      const curvePoints: Curve["points"] = [];
      for (const budget of settings.budgets) {
        const perPair = Math.max(1, Math.floor(budget / (settings.states * groups)));
        const random = labRandom(deriveSeed(seed, `samples-${groups}-${budget}`));
        let loss = 0;
        let planned = 0;
        let kl = 0;
        for (let repeat = 0; repeat < settings.repeats; repeat++) {
          const { policy, plannedValue } = planWithGroups({
            mdp,
            assignment,
            groups,
            perPair,
            settings,
            random,
          });
          planned += (plannedValue - mean(uniform)) / gap;
          const values = evaluatePolicy(mdp, policy, { gamma: settings.gamma, tolerance: 1e-10 });
          loss += (mean(optimal) - mean(values)) / gap;
          for (let index = 0; index < policy.length; index++) {
            const probability = policy[index] as number;
            if (probability > 0)
              kl += (probability * Math.log(probability * settings.actions)) / settings.states;
          }
        }
        loss /= settings.repeats;
        points.push({ groups, budget, loss });
        // Values rescaled so the uniform random policy is 0 and the optimal one 1. gold: the plan's
        // true value; proxy: the value the plan expects in its own estimated, grouped model.
        curvePoints.push({
          step: budget,
          kl: kl / settings.repeats,
          proxy: planned / settings.repeats,
          gold: 1 - loss,
        });
      }
      curves.push({ method: `K=${groups}`, optimizer: "grouped_model_based", points: curvePoints });
    }
    const claims = groupingClaims({ points, counts, settings });
    const results = { experiment: "action-grouping", seed, curves, claims, settings, losses: points };
    return Promise.resolve({ results, sections: groupingReport(results) });
  },
});
