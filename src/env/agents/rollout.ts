import type { Environment } from "../environment.js";
import { type Policy, rollout } from "../rollout.js";
import type { Trajectory } from "../trajectory.js";
import type { Agent } from "./agent.js";

/** Something that picks actions: an agent (it does not learn during a rollout) or a plain function. */
export type AgentPolicy<Observation> = Agent<Observation> | ((observation: Observation) => number);

/** An agent (greedy unless `explore`) or a plain function as the environment room's `Policy`. */
export function agentPolicy<Observation>(
  policy: AgentPolicy<Observation>,
  options: { explore?: boolean } = {},
): Policy<Observation, number> {
  if (typeof policy === "function") return (observation) => policy(observation);
  const explore = options.explore ?? false;
  return (observation) => policy.act(observation, { explore });
}

/**
 * Plays one episode with an agent and returns it as a Trajectory (the environment room's `rollout`
 * with the agent as the policy). Agents act greedily unless `explore` is true. An episode still
 * running after `maxSteps` (default: the environment's own limit) ends there, its last step marked
 * truncated.
 *
 * @example
 * ```ts
 * const trajectory = rolloutAgent(agent, environment, { seed: 7 });
 * trajectoryReturn(trajectory); // the greedy policy's return
 * ```
 */
export function rolloutAgent<Observation>(
  policy: AgentPolicy<Observation>,
  environment: Environment<Observation, number>,
  options: { seed?: number; maxSteps?: number; explore?: boolean } = {},
): Trajectory<Observation, number> {
  const maxSteps = options.maxSteps ?? environment.maxEpisodeSteps;
  if (maxSteps === undefined)
    throw new RangeError(`rollout: environment "${environment.id}" has no maxEpisodeSteps; pass maxSteps`);
  return rollout({
    environment,
    policy: agentPolicy(policy, options.explore === undefined ? {} : { explore: options.explore }),
    maxSteps,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
}
