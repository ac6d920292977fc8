import type { Environment, Reset, Transition } from "../environment.js";
import { EnvironmentWrapper } from "./environment-wrapper.js";

/**
 * Gymnasium's TimeLimit: the episode is truncated after `maxEpisodeSteps` steps unless it terminated
 * first (then `terminated` stays true and `truncated` false: bootstrapping is wrong only there).
 */
export class TimeLimit<Observation, Action> extends EnvironmentWrapper<Observation, Action> {
  override readonly maxEpisodeSteps: number;
  private steps = 0;

  constructor(inner: Environment<Observation, Action>, maxEpisodeSteps: number) {
    super(inner);
    if (!Number.isInteger(maxEpisodeSteps) || maxEpisodeSteps < 1) {
      throw new RangeError(`maxEpisodeSteps must be a positive integer, received ${maxEpisodeSteps}`);
    }
    this.maxEpisodeSteps = maxEpisodeSteps;
  }

  override reset(options?: { seed?: number }): Reset<Observation> {
    this.steps = 0;
    return this.inner.reset(options);
  }

  override step(action: Action): Transition<Observation> {
    const transition = this.inner.step(action);
    this.steps++;
    if (this.steps >= this.maxEpisodeSteps && !transition.terminated) transition.truncated = true;
    return transition;
  }
}

/** `environment` with a time limit (see `TimeLimit`). */
export function withTimeLimit<Observation, Action>(
  environment: Environment<Observation, Action>,
  maxEpisodeSteps: number,
): TimeLimit<Observation, Action> {
  return new TimeLimit(environment, maxEpisodeSteps);
}
