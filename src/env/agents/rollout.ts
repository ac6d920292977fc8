import type { Environment } from "../environment.js";
import type { Trajectory, TrajectoryStep } from "../trajectory.js";
import type { Agent } from "./agent.js";

/** Something that picks actions: an agent (it does not learn during a rollout) or a plain function. */
export type Policy<Observation> = Agent<Observation> | ((observation: Observation) => number);

/**
 * Plays one episode with `policy` and returns it as a Trajectory. Agents act greedily unless
 * `explore` is true. An episode still running after `maxSteps` (default: the environment's own
 * limit) ends there with its last step marked truncated.
 *
 * @example
 * ```ts
 * const trajectory = rollout(agent, environment, { seed: 7 });
 * trajectoryReturn(trajectory); // the greedy policy's return
 * ```
 */
export function rollout<Observation>(
  policy: Policy<Observation>,
  environment: Environment<Observation, number>,
  options: { seed?: number; maxSteps?: number; explore?: boolean } = {},
): Trajectory<Observation, number> {
  const choose =
    typeof policy === "function"
      ? policy
      : (observation: Observation) => policy.act(observation, { explore: options.explore ?? false });
  const maxSteps = options.maxSteps ?? environment.maxEpisodeSteps;
  if (maxSteps === undefined)
    throw new RangeError(`rollout: environment "${environment.id}" has no maxEpisodeSteps; pass maxSteps`);
  let observation = environment.reset(options.seed === undefined ? {} : { seed: options.seed }).observation;
  const steps: TrajectoryStep<Observation, number>[] = [];
  while (steps.length < maxSteps) {
    const action = choose(observation);
    const transition = environment.step(action);
    const truncated = transition.truncated || (!transition.terminated && steps.length + 1 >= maxSteps);
    steps.push({
      observation,
      action,
      reward: transition.reward,
      terminated: transition.terminated,
      truncated,
      info: transition.info,
    });
    observation = transition.observation;
    if (transition.terminated || truncated) break;
  }
  return {
    environment: environment.id,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    steps,
    finalObservation: observation,
  };
}
