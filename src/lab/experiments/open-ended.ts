import { z } from "zod";
import { createEnvironment, type GoalWorld, goalText } from "../../env/index.js";
import { openEndedReport } from "../report/open-ended-report.js";
import type { MeasuredCurve } from "../results.js";
import { openEndedRun, taskSamplings } from "../worlds/open-ended-run.js";
import { generationScores } from "../worlds/open-ended-scores.js";
import { defineExperiment } from "./experiment.js";
import { openEndedClaims } from "./open-ended-claims.js";

const options = z.object({
  size: z.number().int().min(3).max(8).default(4).describe("Inside width of each task's world."),
  objects: z.number().int().min(2).max(6).default(3).describe("Objects per world."),
  walls: z.number().int().min(0).max(4).default(1).describe("Inner walls per world."),
  max_options: z
    .number()
    .int()
    .min(1)
    .max(2)
    .default(1)
    .describe("At most this many alternatives (or) per goal."),
  max_predicates: z
    .number()
    .int()
    .min(1)
    .max(2)
    .default(1)
    .describe("At most this many predicates (and) per alternative."),
  episode_steps: z
    .number()
    .int()
    .min(5)
    .default(30)
    .describe("Steps per episode (reward 1 for every step the goal holds)."),
  generations: z
    .number()
    .int()
    .min(2)
    .default(4)
    .describe("Generations (each continues from the previous one's table)."),
  steps_per_generation: z
    .number()
    .int()
    .min(500)
    .default(20_000)
    .describe("Environment steps per generation and method (the filter's probes included)."),
  probe_episodes: z
    .number()
    .int()
    .min(2)
    .default(3)
    .describe("Episodes the filter plays on a candidate task to estimate the agent's success."),
  band_low: z
    .number()
    .min(0)
    .max(1)
    .default(0.1)
    .describe("A kept task's estimated success is at least this (not too hard)."),
  band_high: z.number().min(0).max(1).default(0.9).describe("... and at most this (not too easy)."),
  kept_episodes: z.number().int().min(1).default(6).describe("Further training episodes on a kept task."),
  held_out_tasks: z
    .number()
    .int()
    .min(10)
    .default(100)
    .describe("Held-out tasks (seeds disjoint from training's) scored after each generation."),
  learning_rate: z.number().gt(0).max(1).default(0.3).describe("Q-learning's α."),
  epsilon: z.number().min(0).max(1).default(0.15).describe("ε of ε-greedy in training and evaluation."),
  discount: z.number().min(0).max(1).default(0.9).describe("Q-learning's γ."),
});

export const openEnded = defineExperiment({
  name: "open-ended",
  summary:
    "Procedurally generated goal tasks (XLand-like, reconstructed): a success-filtered task curriculum against uniform task sampling at equal environment steps, over generations, scored by normalized percentiles and participation on held-out tasks.",
  papers: ["Open-Ended Learning Leads to Generally Capable Agents (XLand, Open-Ended Learning Team 2021)"],
  options,
  quick: { steps_per_generation: 3000, generations: 2, held_out_tasks: 30 },
  run(settingsIn, seed, progress) {
    const settings = {
      world: {
        size: settingsIn.size,
        objects: settingsIn.objects,
        walls: settingsIn.walls,
        maxOptions: settingsIn.max_options,
        maxPredicates: settingsIn.max_predicates,
        maxEpisodeSteps: settingsIn.episode_steps,
      },
      generations: settingsIn.generations,
      stepsPerGeneration: settingsIn.steps_per_generation,
      probeEpisodes: settingsIn.probe_episodes,
      band: { low: settingsIn.band_low, high: settingsIn.band_high },
      keptEpisodes: settingsIn.kept_episodes,
      heldOutTasks: settingsIn.held_out_tasks,
      learningRate: settingsIn.learning_rate,
      epsilon: settingsIn.epsilon,
      discount: settingsIn.discount,
      evaluationExplore: true,
    };
    const runs = taskSamplings.map((sampling) => {
      progress?.(`training: ${sampling}`);
      return openEndedRun({ sampling, settings, seed });
    });
    const scores = generationScores(runs);
    const claims = openEndedClaims(scores, settingsIn.generations);
    const curves: MeasuredCurve[] = taskSamplings.flatMap((method) =>
      (["participation", "p10", "p50"] as const).map((key) => ({
        method: `${method}/${key}`,
        x: "generation",
        y: key === "participation" ? "participation on held-out tasks" : `${key} normalized held-out score`,
        points: scores
          .filter((score) => score.method === method)
          .map((score) => ({ x: score.generation, y: score[key] })),
      })),
    );
    const world = createEnvironment("goal-tasks", {
      size: settingsIn.size,
      objects: settingsIn.objects,
      walls: settingsIn.walls,
      max_options: settingsIn.max_options,
      max_predicates: settingsIn.max_predicates,
    }) as GoalWorld;
    const frameTask = runs[0]?.heldOut[0] ?? 0;
    world.reset({ seed: frameTask });
    const frame = { svg: world.renderSvg(), goal: goalText(world.task.goal, world.task.objects) };
    const results = {
      experiment: "open-ended",
      seed,
      curves,
      claims,
      settings: settingsIn,
      scores,
      filter: runs.map((run) => ({ method: run.sampling, kept: run.kept, candidates: run.candidates })),
      held_out_returns: runs.map((run) => ({ method: run.sampling, returns: run.returns })),
    };
    return Promise.resolve({
      results,
      sections: openEndedReport({ claims, scores, settings: settingsIn, seed, frame }),
    });
  },
});
