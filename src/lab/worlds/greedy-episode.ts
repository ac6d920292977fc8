import type { Agent, Environment } from "../../env/index.js";

/** What one evaluation episode of an agent's greedy policy did. */
export interface GreedyEpisode {
  /** The episode ended inside the MDP (goal reached) before the step limit. */
  completed: boolean;
  /** Sum of the environment's rewards. */
  episodeReturn: number;
  length: number;
  /** Steps that entered a state already visited in the episode (loops). */
  revisits: number;
  /**
   * Mean over the visited states of KL(π_behaviour(·|s) ‖ uniform): how far the agent's acting policy
   * has moved from the uniform policy every learner here starts from (nats).
   */
  klFromUniform: number;
}

/** Plays the agent's greedy policy once (the learner does not learn from it). */
export function greedyEpisode<Observation>(
  agent: Agent<Observation>,
  environment: Environment<Observation, number>,
  options: { seed: number; maxSteps: number; actions: number },
): GreedyEpisode {
  let observation = environment.reset({ seed: options.seed }).observation;
  const visited = new Set<string>([environment.observationKey(observation)]);
  let revisits = 0;
  let episodeReturn = 0;
  let kl = 0;
  let length = 0;
  let completed = false;
  while (length < options.maxSteps) {
    const probabilities = agent.actionProbabilities(observation, { explore: true });
    for (const probability of probabilities) {
      if (probability > 0) kl += probability * Math.log(probability * options.actions);
    }
    const transition = environment.step(agent.act(observation, { explore: false }));
    length++;
    episodeReturn += transition.reward;
    observation = transition.observation;
    const key = environment.observationKey(observation);
    if (visited.has(key)) revisits++;
    visited.add(key);
    if (transition.terminated) {
      completed = true;
      break;
    }
    if (transition.truncated) break;
  }
  return { completed, episodeReturn, length, revisits, klFromUniform: kl / Math.max(1, length) };
}
