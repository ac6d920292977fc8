import {
  type Agent,
  createAgent,
  createEnvironment,
  type GoalObservation,
  type GoalWorld,
} from "../../env/index.js";
import { deriveSeed, labRandom } from "../random.js";
import { goalConditionedView } from "./goal-conditioned-view.js";

export type TaskSampling = "uniform" | "filtered";
export const taskSamplings: readonly TaskSampling[] = ["uniform", "filtered"];

export interface OpenEndedSettings {
  world: {
    size: number;
    objects: number;
    walls: number;
    maxOptions: number;
    maxPredicates: number;
    maxEpisodeSteps: number;
  };
  generations: number;
  /** Environment steps per generation (probes of the filter included). */
  stepsPerGeneration: number;
  /** Filter: probe episodes per candidate task and the success band a kept task's estimate must fall in. */
  probeEpisodes: number;
  band: { low: number; high: number };
  /** Filter: episodes of training on a kept task. */
  keptEpisodes: number;
  heldOutTasks: number;
  learningRate: number;
  epsilon: number;
  discount: number;
  /** Evaluate with the ε-greedy policy (ties at unseen keys broken at random) rather than argmax. */
  evaluationExplore: boolean;
}

/** Held-out returns of one method after each generation. */
export interface OpenEndedRun {
  sampling: TaskSampling;
  /** The held-out task seeds (the same for every method of a run). */
  heldOut: number[];
  /** returns[generation][task]: the greedy return on each held-out task. */
  returns: number[][];
  /** Training tasks kept by the filter / candidates probed (uniform: every task is kept). */
  kept: number[];
  candidates: number[];
}

/** Training tasks come from seeds below this; held-out tasks from seeds above it (disjoint). */
const heldOutOffset = 1_000_000;

function world(settings: OpenEndedSettings): GoalWorld {
  return createEnvironment("goal-tasks", {
    size: settings.world.size,
    objects: settings.world.objects,
    walls: settings.world.walls,
    max_options: settings.world.maxOptions,
    max_predicates: settings.world.maxPredicates,
    reward: "every-step",
    max_episode_steps: settings.world.maxEpisodeSteps,
  }) as GoalWorld;
}

/** One episode of a task; `learn` false leaves the agent unchanged. Returns its return, length and success. */
function episode(input: {
  agent: Agent<GoalObservation>;
  environment: ReturnType<typeof goalConditionedView>;
  task: number;
  learn: boolean;
  explore: boolean;
}): { return: number; steps: number; success: boolean } {
  let { observation } = input.environment.reset({ seed: input.task });
  let total = 0;
  let steps = 0;
  for (;;) {
    const action = input.agent.act(observation, { explore: input.explore });
    const next = input.environment.step(action);
    if (input.learn) {
      input.agent.observe({
        observation,
        action,
        reward: next.reward,
        nextObservation: next.observation,
        terminated: next.terminated,
        truncated: next.truncated,
      });
    }
    total += next.reward;
    steps++;
    observation = next.observation;
    if (next.terminated || next.truncated) return { return: total, steps, success: total > 0 };
  }
}

/**
 * Trains a goal-conditioned tabular Q-learner over generations on procedurally generated goal tasks
 * and evaluates it greedily on held-out tasks after each generation. `uniform` plays a fresh random
 * task every episode. `filtered` (XLand's dynamic task generation, reconstructed at table scale)
 * probes a candidate task with the current agent for `probeEpisodes` episodes (they learn and count
 * as environment steps) and keeps training on it for `keptEpisodes` more only when its success rate
 * falls in the band — neither too easy nor too hard. Generations (reconstructed): each continues from
 * the previous generation's table with the filter re-fit to the current agent.
 */
export function openEndedRun(input: {
  sampling: TaskSampling;
  settings: OpenEndedSettings;
  seed: number;
}): OpenEndedRun {
  const { settings } = input;
  const environment = goalConditionedView(world(settings));
  const agent = createAgent({
    agent: "q-learning",
    environment,
    seed: deriveSeed(input.seed, `agent-${input.sampling}`),
    options: {
      learning_rate: settings.learningRate,
      discount: settings.discount,
      epsilon: { start: settings.epsilon, end: settings.epsilon, steps: 0 },
    },
  });
  const random = labRandom(deriveSeed(input.seed, `tasks-${input.sampling}`));
  const heldOut = Array.from(
    { length: settings.heldOutTasks },
    (_, index) => heldOutOffset + (deriveSeed(input.seed, `held-out-${index}`) % heldOutOffset),
  );
  const run: OpenEndedRun = { sampling: input.sampling, heldOut, returns: [], kept: [], candidates: [] };
  for (let generation = 0; generation < settings.generations; generation++) {
    let steps = 0;
    let kept = 0;
    let candidates = 0;
    while (steps < settings.stepsPerGeneration) {
      const task = random.int(heldOutOffset);
      candidates++;
      if (input.sampling === "uniform") {
        steps += episode({ agent, environment, task, learn: true, explore: true }).steps;
        kept++;
        continue;
      }
      let successes = 0;
      for (let probe = 0; probe < settings.probeEpisodes && steps < settings.stepsPerGeneration; probe++) {
        const result = episode({ agent, environment, task, learn: true, explore: true });
        steps += result.steps;
        if (result.success) successes++;
      }
      const rate = successes / settings.probeEpisodes;
      if (rate < settings.band.low || rate > settings.band.high) continue;
      kept++;
      for (let repeat = 0; repeat < settings.keptEpisodes && steps < settings.stepsPerGeneration; repeat++) {
        steps += episode({ agent, environment, task, learn: true, explore: true }).steps;
      }
    }
    run.kept.push(kept);
    run.candidates.push(candidates);
    run.returns.push(
      heldOut.map(
        (task) =>
          episode({ agent, environment, task, learn: false, explore: settings.evaluationExplore }).return,
      ),
    );
  }
  return run;
}
