import { z } from "zod";
import { subgoalReport } from "../report/subgoal-report.js";
import type { MeasuredCurve } from "../results.js";
import { buttonGrid } from "../worlds/button-grid.js";
import { mean } from "../worlds/meta-evaluation.js";
import { subgoalMethods, teamReturn, trainSubgoalMethod } from "../worlds/subgoal-training.js";
import { defineExperiment } from "./experiment.js";
import { type LearnerScore, subgoalClaims } from "./subgoal-marl-claims.js";

const options = z.object({
  width: z.number().int().min(4).max(9).default(7).describe("Side of the square grid."),
  max_steps: z.number().int().min(4).default(20).describe("Steps per episode."),
  episodes: z.number().int().min(10).default(2000).describe("Training episodes per learner."),
  learning_rate: z.number().gt(0).max(1).default(0.1).describe("Step size of every table."),
  mixer_learning_rate: z.number().gt(0).max(1).default(0.01).describe("Step size of the mixers' weights."),
  discount: z.number().gt(0).max(1).default(0.95).describe("γ."),
  epsilon_end: z.number().min(0).max(1).default(0.05).describe("Final ε of training."),
  exploration_share: z
    .number()
    .gt(0)
    .max(1)
    .default(0.6)
    .describe("Share of episodes over which ε decays from 1."),
  evaluation_episodes: z
    .number()
    .int()
    .min(1)
    .default(100)
    .describe("Final evaluation episodes per learner."),
  action_noise: z
    .number()
    .min(0)
    .max(1)
    .default(0.05)
    .describe("Probability that a move is random in the final evaluation."),
  margin: z.number().min(0).default(0.02).describe('"Higher team return": by at least this.'),
  tolerance: z.number().min(0).default(0.05).describe('"At least as often": within this.'),
});

const names = {
  independent: "independent Q-learners",
  mixer: "monotonic mixer (QMIX-style)",
  subgoals: "mixer + dynamic subgoals",
};

export const subgoalMarl = defineExperiment({
  name: "subgoal-marl",
  summary:
    "Two agents must press two buttons at once in a gridworld with a sparse team reward: independent Q-learners vs a QMIX-style monotonic mixer vs the mixer with dynamically generated subgoals; team return and coordination rate (reconstructed).",
  papers: [
    "Subgoal-based Hierarchical RL for Multi-Agent Collaboration (reconstructed: no public code used)",
    "QMIX (Rashid et al.)",
  ],
  options,
  quick: { width: 5, episodes: 300, evaluation_episodes: 20 },
  async run(settings, seed, progress) {
    const episodeSettings = {
      grid: buttonGrid(settings.width, settings.max_steps),
      discount: settings.discount,
      learningRate: settings.learning_rate,
      mixerLearningRate: settings.mixer_learning_rate,
    };
    const window = Math.max(1, Math.round(settings.episodes / 40));
    const runs = subgoalMethods.map((method) => {
      progress?.(names[method]);
      return trainSubgoalMethod({
        method,
        settings: episodeSettings,
        episodes: settings.episodes,
        epsilonEnd: settings.epsilon_end,
        explorationShare: settings.exploration_share,
        window,
        evaluationEpisodes: settings.evaluation_episodes,
        actionNoise: settings.action_noise,
        seed,
      });
    });
    const scores = Object.fromEntries(
      runs.map((run) => [
        run.method,
        {
          team_return: mean(run.evaluation.map((episode) => teamReturn(episode, settings.discount))),
          coordination_rate: mean(run.evaluation.map((episode) => (episode.success ? 1 : 0))),
        },
      ]),
    ) as Record<(typeof subgoalMethods)[number], LearnerScore>;
    const claims = subgoalClaims({ scores, margin: settings.margin, tolerance: settings.tolerance });
    const curves: MeasuredCurve[] = runs.map((run) => ({
      method: names[run.method],
      x: "training episode",
      y: "team return of the greedy policy",
      points: run.curve.map((point) => ({ x: point.episode, y: point.team_return, success: point.success })),
    }));
    const results = {
      experiment: "subgoal-marl",
      seed,
      curves,
      claims,
      settings: { ...settings },
      scores: Object.fromEntries(runs.map((run) => [names[run.method], scores[run.method]])),
      mean_steps_when_coordinated: Object.fromEntries(
        runs.map((run) => {
          const won = run.evaluation.filter((episode) => episode.success);
          return [names[run.method], won.length === 0 ? null : mean(won.map((episode) => episode.steps))];
        }),
      ),
      shortest_possible_steps: settings.width,
    };
    return { results, sections: subgoalReport(results) };
  },
});
