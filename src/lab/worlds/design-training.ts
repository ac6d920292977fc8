import { createAgent, type Environment, type GridObservation, train } from "../../env/index.js";
import type { GridMdp } from "./grid-mdp.js";
import { designedReward } from "./sparse-reward-design.js";

/** What the teacher sees of the learner when it re-designs: visits per state and its greedy actions. */
export interface LearnerSnapshot {
  visits: Float64Array;
  greedyAction: (state: number) => number;
}

/**
 * Trains tabular Q-learning on a gridworld with the reward a teacher designs: `design(null)` before
 * training, then (when `redesignEvery` is set) `design(snapshot)` every `redesignEvery` episodes from
 * the learner's recent visits and current greedy policy (the learner-adaptive teacher). Returns, per
 * episode, whether the learner reached the goal, and the potentials it was taught with.
 */
export function trainWithDesign(input: {
  environment: Environment<GridObservation, number>;
  mdp: GridMdp;
  seed: number;
  episodes: number;
  teacherGamma: number;
  learner: { discount: number; epsilon: number; learningRate: number };
  design: (snapshot: LearnerSnapshot | null) => Float64Array;
  redesignEvery?: number;
}): { completed: number[]; designs: Float64Array[] } {
  const { environment, mdp } = input;
  const agent = createAgent({
    agent: "q-learning",
    environment,
    seed: input.seed,
    options: {
      learning_rate: input.learner.learningRate,
      discount: input.learner.discount,
      epsilon: { start: input.learner.epsilon, end: input.learner.epsilon, steps: 0 },
    },
  });
  const stateOf = (observation: GridObservation) => {
    const state = mdp.indexOf(observation.cell, observation.flags);
    if (state === undefined) throw new RangeError(`cell ${observation.cell} is not in the planned MDP`);
    return state;
  };
  let potential = input.design(null);
  const designs = [potential];
  let visits = new Float64Array(mdp.states);
  const completed: number[] = [];
  train({
    agent,
    environment,
    episodes: input.episodes,
    seed: input.seed,
    reward(step) {
      const state = stateOf(step.observation as GridObservation);
      visits[state] = (visits[state] as number) + 1;
      return designedReward({
        potential,
        gamma: input.teacherGamma,
        state,
        next: stateOf(step.nextObservation as GridObservation),
        reward: step.reward,
        terminal: step.terminated,
      });
    },
    onEpisode(summary) {
      completed.push(summary.terminated ? 1 : 0);
      const every = input.redesignEvery;
      if (every === undefined || (summary.episode + 1) % every !== 0) return;
      const greedyAction = (state: number) =>
        agent.act(
          { layout: mdp.layout, cell: mdp.cells[state] as number, flags: mdp.flags[state] as number },
          { explore: false },
        );
      potential = input.design({ visits, greedyAction });
      designs.push(potential);
      visits = new Float64Array(mdp.states);
    },
  });
  return { completed, designs };
}
