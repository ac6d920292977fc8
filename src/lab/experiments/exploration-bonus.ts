import { z } from "zod";
import { createEnvironment, type GridWorld } from "../../env/index.js";
import { deriveSeed } from "../random.js";
import { explorationReport } from "../report/exploration-report.js";
import type { MeasuredCurve } from "../results.js";
import { explorationMethods } from "../worlds/exploration-bonuses.js";
import { type ExplorationRun, explorationRun, type MazeSetting } from "../worlds/exploration-run.js";
import { defineExperiment } from "./experiment.js";
import { explorationClaims, lateMean } from "./exploration-claims.js";

const options = z.object({
  contextual_size: z
    .number()
    .int()
    .min(5)
    .max(15)
    .refine((value) => value % 2 === 1, "must be odd")
    .default(7)
    .describe("Inside width of the contextual MDP's mazes (a new depth-first-search maze every episode)."),
  singleton_size: z
    .number()
    .int()
    .min(5)
    .max(15)
    .refine((value) => value % 2 === 1, "must be odd")
    .default(9)
    .describe("Inside width of the singleton MDP's one maze."),
  episodes: z.number().int().min(20).default(300).describe("Training episodes per method and setting."),
  contextual_steps: z
    .number()
    .int()
    .min(10)
    .default(100)
    .describe("Episode length limit in the contextual MDP."),
  singleton_steps: z
    .number()
    .int()
    .min(10)
    .default(150)
    .describe("Episode length limit in the singleton MDP."),
  coefficient: z
    .number()
    .positive()
    .default(0.1)
    .describe("β of r = r_ext + β·b (`intrinsic_reward_coef`; b divided by its running std)."),
  learning_rate: z.number().gt(0).max(1).default(0.5).describe("Q-learning's step size α."),
  epsilon: z.number().min(0).max(1).default(0.05).describe("ε of ε-greedy exploration."),
  embedding: z
    .number()
    .int()
    .min(2)
    .default(16)
    .describe("Width of E3B's inverse-dynamics embedding and of RND's random features."),
  window: z.number().int().min(2).default(20).describe("Episodes in the report's moving averages."),
});

export type ExplorationOptions = z.output<typeof options>;

const settings: readonly MazeSetting[] = ["contextual", "singleton"];

export const explorationBonus = defineExperiment({
  name: "exploration-bonus",
  summary:
    "Depth-first-search mazes with a sparse goal reward and tabular Q-learning: episodic bonuses (first-visit counts, E3B), global ones (counts, RND) and their product, in a contextual MDP (a new maze every episode) and a singleton MDP (one maze).",
  papers: [
    "A Study of Global and Episodic Bonuses for Exploration in Contextual MDPs (Henaff et al. 2023)",
    "E3B: Exploration via Elliptical Episodic Bonuses (Henaff et al. 2022)",
    "Exploration by Random Network Distillation (Burda et al. 2019)",
  ],
  options,
  quick: { episodes: 30, contextual_steps: 60, singleton_steps: 80 },
  run(settingsIn, seed, progress) {
    const runs: ExplorationRun[] = [];
    const curves: MeasuredCurve[] = [];
    for (const setting of settings) {
      for (const method of explorationMethods) {
        progress?.(`${setting}: ${method}`);
        const run = explorationRun({
          setting,
          method,
          size: setting === "contextual" ? settingsIn.contextual_size : settingsIn.singleton_size,
          episodes: settingsIn.episodes,
          maxEpisodeSteps:
            setting === "contextual" ? settingsIn.contextual_steps : settingsIn.singleton_steps,
          coefficient: settingsIn.coefficient,
          learningRate: settingsIn.learning_rate,
          epsilon: settingsIn.epsilon,
          initialValue: 0,
          embedding: settingsIn.embedding,
          seed,
        });
        runs.push(run);
        curves.push({
          method: `${setting}/${method}`,
          x: "training episode",
          y: "extrinsic return (moving mean)",
          points: blockMeans(run.returns, settingsIn.window),
        });
      }
    }
    const claims = explorationClaims(runs);
    const results = {
      experiment: "exploration-bonus",
      seed,
      curves,
      claims,
      settings: settingsIn,
      late: runs.map((run) => ({
        setting: run.setting,
        method: run.method,
        late_return: lateMean(run.returns),
        late_success: lateMean(run.successes),
        late_distinct_cells: lateMean(run.distinctCells),
      })),
      training: runs.map((run) => ({
        setting: run.setting,
        method: run.method,
        returns: run.returns,
        distinct_cells: run.distinctCells,
      })),
      singleton_visits: runs
        .filter((run) => run.setting === "singleton")
        .map((run) => ({ method: run.method, visits: run.visits })),
    };
    const singletonMaze = frameOf("fixed", settingsIn.singleton_size, seed);
    const contextualMaze = frameOf("procedural", settingsIn.contextual_size, seed);
    return Promise.resolve({
      results,
      sections: explorationReport(results, {
        singleton: singletonMaze,
        contextual: contextualMaze,
      }),
    });
  },
});

/** The mean of each block of `width` episodes, at the block's last episode. */
function blockMeans(values: readonly number[], width: number): { x: number; y: number }[] {
  const points: { x: number; y: number }[] = [];
  for (let start = 0; start < values.length; start += width) {
    const block = values.slice(start, start + width);
    points.push({ x: start + block.length, y: block.reduce((sum, value) => sum + value, 0) / block.length });
  }
  return points;
}

/** The world of a setting as the run sees it (singleton: its one maze; contextual: the first episode's). */
function frameOf(
  layout: "fixed" | "procedural",
  size: number,
  seed: number,
): { svg: string; layout: GridWorld["layout"] } {
  const world = createEnvironment("sparse-maze", {
    size,
    distractors: 0,
    layout,
    layout_seed: deriveSeed(seed, "singleton-maze") % 100_000,
  }) as GridWorld;
  world.reset({ seed });
  return { svg: world.renderSvg(), layout: world.layout };
}
