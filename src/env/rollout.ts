import { RewardkitError } from "../core/index.js";
import type { AsyncEnvironment, Environment, Info, Space } from "./environment.js";
import { randomInteger } from "./seeds.js";
import type { Trajectory, TrajectoryStep } from "./trajectory.js";

/** Chooses an action from an observation (`step` counts from 0 within the episode). */
export type Policy<Observation, Action> = (
  observation: Observation,
  context: { step: number; info: Info },
) => Action;

/** Episodes without an end of their own are cut here (the last step is marked truncated). */
export const defaultRolloutLimit = 100_000;

interface RolloutOptions<Observation, Action> {
  policy: Policy<Observation, Action>;
  /** Reset seed: the same seed (and the same policy) gives the same episode. */
  seed?: number;
  /** A cap on steps for environments without a time limit (default `defaultRolloutLimit`). */
  maxSteps?: number;
}

/** Plays one episode to its end and returns it as a trajectory. */
export function rollout<Observation, Action>(
  options: RolloutOptions<Observation, Action> & { environment: Environment<Observation, Action> },
): Trajectory<Observation, Action> {
  const { environment, policy } = options;
  const reset = environment.reset(options.seed === undefined ? {} : { seed: options.seed });
  const steps: TrajectoryStep<Observation, Action>[] = [];
  const limit = options.maxSteps ?? defaultRolloutLimit;
  let observation = reset.observation;
  let info = reset.info;
  for (let step = 0; step < limit; step++) {
    const action = policy(observation, { step, info });
    const transition = environment.step(action);
    const ended = transition.terminated || transition.truncated;
    steps.push({
      observation,
      action,
      reward: transition.reward,
      terminated: transition.terminated,
      truncated: transition.truncated || (!ended && step === limit - 1),
      info: transition.info,
    });
    observation = transition.observation;
    info = transition.info;
    if (ended) break;
  }
  return finish(environment.id, options.seed, steps, observation);
}

/** `rollout` for an asynchronous environment (a spec reward, a remote world). */
export async function rolloutAsync<Observation, Action>(
  options: RolloutOptions<Observation, Action> & { environment: AsyncEnvironment<Observation, Action> },
): Promise<Trajectory<Observation, Action>> {
  const { environment, policy } = options;
  const reset = environment.reset(options.seed === undefined ? {} : { seed: options.seed });
  const steps: TrajectoryStep<Observation, Action>[] = [];
  const limit = options.maxSteps ?? defaultRolloutLimit;
  let observation = reset.observation;
  let info = reset.info;
  for (let step = 0; step < limit; step++) {
    const action = policy(observation, { step, info });
    const transition = await environment.step(action);
    const ended = transition.terminated || transition.truncated;
    steps.push({
      observation,
      action,
      reward: transition.reward,
      terminated: transition.terminated,
      truncated: transition.truncated || (!ended && step === limit - 1),
      info: transition.info,
    });
    observation = transition.observation;
    info = transition.info;
    if (ended) break;
  }
  return finish(environment.id, options.seed, steps, observation);
}

function finish<Observation, Action>(
  environment: string,
  seed: number | undefined,
  steps: TrajectoryStep<Observation, Action>[],
  finalObservation: Observation,
): Trajectory<Observation, Action> {
  const trajectory: Trajectory<Observation, Action> = { environment, steps, finalObservation };
  if (seed !== undefined) trajectory.seed = seed;
  return trajectory;
}

/**
 * Uniformly random actions of a discrete space from a seeded generator, keeping to the allowed ones
 * when the environment has an `actionMask`.
 */
export function randomPolicy<Observation>(options: {
  space: Space;
  random: () => number;
  actionMask?: (observation: Observation) => Uint8Array;
}): Policy<Observation, number> {
  const { space, random, actionMask } = options;
  if (space.kind !== "discrete") {
    throw new RewardkitError(
      "INPUT_INVALID",
      `randomPolicy needs a discrete action space, not ${space.kind}`,
    );
  }
  return (observation) => {
    if (!actionMask) return randomInteger(random, space.n);
    const mask = actionMask(observation);
    let allowed = 0;
    for (let action = 0; action < mask.length; action++) allowed += mask[action] as number;
    if (allowed === 0)
      throw new RewardkitError("STATE_ERROR", "randomPolicy: the action mask allows nothing");
    let pick = randomInteger(random, allowed);
    for (let action = 0; action < mask.length; action++) {
      if (mask[action] === 1 && pick-- === 0) return action;
    }
    return -1;
  };
}
