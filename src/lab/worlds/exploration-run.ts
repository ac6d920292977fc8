import { createAgent, createEnvironment, type GridWorld, train } from "../../env/index.js";
import { deriveSeed } from "../random.js";
import { type ExplorationMethod, explorationBonus } from "./exploration-bonuses.js";
import { MazeView, type MazeViewObservation } from "./maze-view.js";

/** A singleton MDP (one maze every episode) or a contextual one (a new maze every episode). */
export type MazeSetting = "singleton" | "contextual";

export interface ExplorationRunOptions {
  setting: MazeSetting;
  method: ExplorationMethod;
  size: number;
  episodes: number;
  maxEpisodeSteps: number;
  coefficient: number;
  learningRate: number;
  epsilon: number;
  /** Every Q(s, a) starts here (optimism for actions not yet tried). */
  initialValue: number;
  embedding: number;
  seed: number;
}

/** One method's training: per episode, the extrinsic return, whether it reached the goal, the distinct cells seen. */
export interface ExplorationRun {
  setting: MazeSetting;
  method: ExplorationMethod;
  returns: number[];
  successes: number[];
  distinctCells: number[];
  /** Visits per cell over all training (singleton: the one maze's cells), for coverage maps. */
  visits: number[];
  /** Mean raw (normalized) intrinsic reward per step, per episode. */
  bonusPerStep: number[];
}

/**
 * Trains tabular Q-learning on a maze view with one exploration bonus added to the reward the learner
 * sees, r = r_ext + β·b (Henaff et al. 2023 §17.2); the environment's sparse time-penalty reward
 * 1 − 0.9·t/T is what is measured.
 */
export function explorationRun(options: ExplorationRunOptions): ExplorationRun {
  const grid = createEnvironment("sparse-maze", {
    size: options.size,
    distractors: 0,
    layout: options.setting === "singleton" ? "fixed" : "procedural",
    layout_seed: deriveSeed(options.seed, "singleton-maze") % 100_000,
    max_episode_steps: options.maxEpisodeSteps,
    goal_reward: "time-penalty",
    view_radius: 1,
  }) as GridWorld;
  const world = new MazeView(grid, { position: options.setting === "singleton" });
  const agent = createAgent({
    agent: "q-learning",
    environment: world,
    seed: deriveSeed(options.seed, `agent-${options.setting}-${options.method}`),
    options: {
      learning_rate: options.learningRate,
      discount: 0.99,
      epsilon: { start: options.epsilon, end: options.epsilon, steps: 0 },
      initial_value: options.initialValue,
    },
  });
  const bonus =
    options.method === "none"
      ? undefined
      : explorationBonus(options.method, {
          world,
          seed: deriveSeed(options.seed, `bonus-${options.setting}-${options.method}`),
          embedding: options.embedding,
        });
  const run: ExplorationRun = {
    setting: options.setting,
    method: options.method,
    returns: [],
    successes: [],
    distinctCells: [],
    visits: new Array<number>(grid.layout.cells.length).fill(0),
    bonusPerStep: [],
  };
  let cells = new Set<number>();
  let bonusSum = 0;
  train<MazeViewObservation>({
    agent,
    environment: world,
    episodes: options.episodes,
    seed: deriveSeed(options.seed, `episodes-${options.setting}-${options.method}`),
    reward(step) {
      if (step.step === 0) {
        cells = new Set([step.observation.grid.cell]);
        bonus?.startEpisode(step.observation, {});
      }
      const next = step.nextObservation.grid.cell;
      cells.add(next);
      if (options.setting === "singleton") run.visits[next] = (run.visits[next] as number) + 1;
      if (!bonus) return step.reward;
      const value = bonus.bonus({
        observation: step.observation,
        action: step.action,
        next: step.nextObservation,
        terminated: step.terminated,
      });
      bonusSum += value;
      return step.reward + options.coefficient * value;
    },
    onEpisode(summary) {
      run.returns.push(summary.episodeReturn);
      run.successes.push(summary.terminated ? 1 : 0);
      run.distinctCells.push(cells.size);
      run.bonusPerStep.push(bonusSum / summary.length);
      bonusSum = 0;
    },
  });
  return run;
}
