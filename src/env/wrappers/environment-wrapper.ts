import type { Environment, Reset, Space, Transition } from "../environment.js";

/**
 * An environment that hands everything to an inner one; wrappers override what they change (the
 * reward, the episode's end). `inner` stays reachable (a gridworld's layout, a bandit's arms).
 */
export class EnvironmentWrapper<Observation, Action> implements Environment<Observation, Action> {
  readonly inner: Environment<Observation, Action>;
  readonly id: string;
  readonly actionSpace: Space;
  readonly observationSpace: Space;
  readonly maxEpisodeSteps?: number;

  constructor(inner: Environment<Observation, Action>) {
    this.inner = inner;
    this.id = inner.id;
    this.actionSpace = inner.actionSpace;
    this.observationSpace = inner.observationSpace;
    if (inner.maxEpisodeSteps !== undefined) this.maxEpisodeSteps = inner.maxEpisodeSteps;
    if (inner.observationFeatures) {
      const features = inner.observationFeatures.bind(inner);
      this.observationFeatures = features;
    }
    if (inner.renderSvg) this.renderSvg = inner.renderSvg.bind(inner);
    if (inner.actionMask) this.actionMask = inner.actionMask.bind(inner);
  }

  observationFeatures?(observation: Observation): Float64Array;
  renderSvg?(): string;
  actionMask?(observation: Observation): Uint8Array;

  reset(options?: { seed?: number }): Reset<Observation> {
    return this.inner.reset(options);
  }

  step(action: Action): Transition<Observation> {
    return this.inner.step(action);
  }

  observationKey(observation: Observation): string {
    return this.inner.observationKey(observation);
  }

  observationText(observation: Observation): string {
    return this.inner.observationText(observation);
  }

  renderText(): string {
    return this.inner.renderText();
  }
}
