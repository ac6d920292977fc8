import { z } from "zod";
import { Cell, createEnvironment } from "../../env/index.js";
import { deriveSeed } from "../random.js";
import { rewardDesignReport } from "../report/reward-design-report.js";
import type { MeasuredCurve } from "../results.js";
import { trainWithDesign } from "../worlds/design-training.js";
import { gridMdp } from "../worlds/grid-mdp.js";
import { designedReward, designSparseReward, informativeness } from "../worlds/sparse-reward-design.js";
import { greedyActionSet, policyDisagreements, valueIteration } from "../worlds/tabular-mdp.js";
import { defineExperiment } from "./experiment.js";
import { type DesignRun, rewardDesignClaims } from "./reward-design-claims.js";

const options = z.object({
  size: z.number().int().min(5).max(21).default(11).describe("Inside width of the four-rooms world."),
  episodes: z.number().int().min(10).default(300).describe("Training episodes per learner and reward."),
  max_episode_steps: z.number().int().min(10).default(200).describe("Steps before an episode is cut off."),
  gamma: z.number().gt(0).lt(1).default(0.99).describe("The teacher's (task's) discount γ."),
  budget: z.number().int().min(1).default(5).describe("States at which the designed reward may pay extra."),
  horizon: z
    .number()
    .int()
    .min(1)
    .default(6)
    .describe("h of the informativeness criterion (lookahead steps on the designed reward)."),
  learning_rate: z.number().gt(0).max(1).default(0.5).describe("Q-learning's step size α."),
  epsilon: z.number().min(0).max(1).default(0.1).describe("ε of the standard learner."),
  myopic_discount: z
    .number()
    .min(0)
    .lt(1)
    .default(0.8)
    .describe("Discount of the non-optimal (myopic) learner the adaptive teacher is compared on."),
  redesign_every: z
    .number()
    .int()
    .min(1)
    .default(20)
    .describe("Episodes between the adaptive teacher's re-designs."),
  window: z.number().int().min(2).default(20).describe("Episodes in the plotted moving success rate."),
});

export type RewardDesignOptions = z.output<typeof options>;

export const rewardDesign = defineExperiment({
  name: "reward-design",
  summary:
    "Four rooms, sparse goal reward, tabular Q-learning: an interpretable sparse reward designed from the expert's V* (EXPRD-style, reconstructed) keeps the optimal policy and teaches faster; a learner-adaptive teacher beats the fixed design for a myopic learner.",
  papers: [
    "Reward Design for Reinforcement Learning Agents (Devidze, thesis)",
    "Explicable Reward Design for Reinforcement Learning Agents (Devidze et al. 2021)",
  ],
  options,
  quick: { episodes: 60, size: 7 },
  run(settings, seed, progress) {
    const environment = createEnvironment("four-rooms", {
      size: settings.size,
      layout: "classic",
      max_episode_steps: settings.max_episode_steps,
    });
    const mdp = gridMdp(environment.layout);
    const gamma = settings.gamma;
    progress?.("value iteration and the expert's design");
    const expert = valueIteration(mdp, { gamma });
    const isGoal = (state: number) => mdp.layout.cells[mdp.cells[state] as number] === Cell.goal;
    const optimalSets = Array.from({ length: mdp.states }, (_, state) =>
      greedyActionSet(expert.q, state, mdp.actions),
    );
    const optimal = (state: number) => optimalSets[state] as number[];
    const candidates = Array.from({ length: mdp.states }, (_, state) => state).filter((s) => !isGoal(s));
    const uniform = Float64Array.from({ length: mdp.states }, (_, state) => (isGoal(state) ? 0 : 1));
    const design = (weight: ArrayLike<number>) =>
      designSparseReward({
        mdp,
        optimalValues: expert.values,
        optimal,
        candidates,
        budget: settings.budget,
        gamma,
        horizon: settings.horizon,
        weight,
      });
    const fixed = design(uniform);
    const planned = valueIteration(mdp, {
      gamma,
      reward: (state, _action, outcome) =>
        designedReward({ potential: fixed.potential, gamma, state, ...outcome }),
    });
    let nonZeroTransitions = 0;
    let transitions = 0;
    for (let state = 0; state < mdp.states; state++) {
      if (isGoal(state)) continue;
      for (let action = 0; action < mdp.actions; action++) {
        for (const outcome of mdp.outcomes[state * mdp.actions + action] ?? []) {
          transitions++;
          const extra =
            designedReward({ potential: fixed.potential, gamma, state, ...outcome }) - outcome.reward;
          if (Math.abs(extra) > 1e-12) nonZeroTransitions++;
        }
      }
    }
    const originalInformativeness = informativeness({
      mdp,
      potential: new Float64Array(mdp.states),
      gamma,
      horizon: settings.horizon,
      weight: uniform,
      optimal,
    });
    const verification = {
      states: candidates.length,
      designed_states: fixed.states.length,
      states_with_other_optimal_actions: policyDisagreements(expert.q, planned.q, mdp, (s) => !isGoal(s)),
      non_zero_transitions: nonZeroTransitions,
      transitions,
      informativeness_designed: fixed.informativeness,
      informativeness_original: originalInformativeness,
    };

    // Learner-adaptive teacher (reconstructed after the thesis's second part): it designs for the
    // learner it teaches — Φ = V* under the learner's discount, F = γ_L Φ(s′) − Φ(s), the lookahead with
    // γ_L — and weights the criterion by the learner's recent visits to states where its current greedy
    // action is not optimal; before it has seen the learner, the weight is uniform.
    const learnerGamma = settings.myopic_discount;
    const learnerValues = valueIteration(mdp, { gamma: learnerGamma }).values;
    const adaptiveDesign = (weight: ArrayLike<number>) =>
      designSparseReward({
        mdp,
        optimalValues: learnerValues,
        optimal,
        candidates,
        budget: settings.budget,
        gamma: learnerGamma,
        horizon: settings.horizon,
        weight,
      }).potential;
    const firstAdaptive = adaptiveDesign(uniform);
    const adaptive = (snapshot: Parameters<Parameters<typeof trainWithDesign>[0]["design"]>[0]) => {
      if (!snapshot) return firstAdaptive;
      const weight = Float64Array.from({ length: mdp.states }, (_, state) =>
        isGoal(state) || optimal(state).includes(snapshot.greedyAction(state))
          ? 0
          : (snapshot.visits[state] as number),
      );
      if (weight.every((value) => value === 0)) return firstAdaptive;
      return adaptiveDesign(weight);
    };
    const zero = new Float64Array(mdp.states);
    const standard = { discount: gamma, epsilon: settings.epsilon, learningRate: settings.learning_rate };
    const myopic = { ...standard, discount: settings.myopic_discount };
    const plan: {
      method: string;
      learner: "standard" | "myopic";
      teacher: "original" | "fixed" | "adaptive";
    }[] = [
      { method: "original reward", learner: "standard", teacher: "original" },
      { method: "designed (EXPRD)", learner: "standard", teacher: "fixed" },
      { method: "myopic: original", learner: "myopic", teacher: "original" },
      { method: "myopic: designed, fixed", learner: "myopic", teacher: "fixed" },
      { method: "myopic: designed, adaptive", learner: "myopic", teacher: "adaptive" },
    ];
    const runs: DesignRun[] = plan.map((entry, index) => {
      progress?.(`Q-learning: ${entry.method} (${index + 1} of ${plan.length})`);
      const trained = trainWithDesign({
        environment,
        mdp,
        seed: deriveSeed(seed, `learner-${entry.learner}`),
        episodes: settings.episodes,
        teacherGamma: entry.teacher === "adaptive" ? learnerGamma : gamma,
        learner: entry.learner === "standard" ? standard : myopic,
        design:
          entry.teacher === "adaptive"
            ? adaptive
            : () => (entry.teacher === "fixed" ? fixed.potential : zero),
        ...(entry.teacher === "adaptive" ? { redesignEvery: settings.redesign_every } : {}),
      });
      return { ...entry, completed: trained.completed, redesigns: trained.designs.length - 1 };
    });
    const curves: MeasuredCurve[] = runs.map((run) => ({
      method: run.method,
      x: "training episode",
      y: `share of the last ${settings.window} episodes reaching the goal`,
      points: movingSuccess(run.completed, settings.window),
    }));
    const claims = rewardDesignClaims({ runs, verification, settings });
    const results = {
      experiment: "reward-design",
      seed,
      curves,
      claims,
      settings,
      verification,
      designed_cells: fixed.states.map((state) => mdp.cells[state] as number),
      training: runs.map((run) => ({
        method: run.method,
        completed: run.completed,
        redesigns: run.redesigns,
      })),
    };
    environment.reset({ seed });
    const cellSize = 16;
    return Promise.resolve({
      results,
      sections: rewardDesignReport(results, {
        frame: markCells(environment.renderSvg(), results.designed_cells, environment.layout.width, cellSize),
      }),
    });
  },
});

function movingSuccess(completed: readonly number[], window: number): { x: number; y: number }[] {
  const points: { x: number; y: number }[] = [];
  let sum = 0;
  for (let index = 0; index < completed.length; index++) {
    sum += completed[index] as number;
    if (index >= window) sum -= completed[index - window] as number;
    if ((index + 1) % Math.max(1, Math.floor(window / 4)) === 0 || index === completed.length - 1)
      points.push({ x: index + 1, y: sum / Math.min(index + 1, window) });
  }
  return points;
}

/** The frame with the designed reward's states outlined (gridSvg draws 16-pixel cells by default). */
function markCells(svg: string, cells: readonly number[], width: number, size: number): string {
  const marks = cells.map((cell, index) => {
    const x = (cell % width) * size;
    const y = Math.floor(cell / width) * size;
    return `<rect x="${x + 1}" y="${y + 1}" width="${size - 2}" height="${size - 2}" fill="none" stroke="#7048e8" stroke-width="2.5"/><text x="${x + size / 2}" y="${y + size * 0.7}" font-size="9" text-anchor="middle" fill="#7048e8">${index + 1}</text>`;
  });
  return svg.replace(/<\/svg>$/, `${marks.join("")}</svg>`);
}
