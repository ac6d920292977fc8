import { type Context, type Reward, RewardkitError } from "../../core/index.js";
import { actionText } from "../action-text.js";
import type { AsyncEnvironment, Environment, Reset, Space, Transition } from "../environment.js";
import {
  applySpecResult,
  EpisodeHistory,
  type SpecRewardMix,
  type StepPrompt,
  stepSample,
} from "./step-sample.js";

/** How a compiled spec (any node: a `Reward` and the Context to score in) rewards an environment's steps. */
export interface SpecRewardOptions {
  reward: Reward;
  context: Context;
  /** `replace` (default): the spec's score is the reward; `add`: it is added to the environment's. */
  mode?: SpecRewardMix["mode"];
  /** Multiplies the spec's score (default 1). */
  weight?: number;
  /** What the spec sees as the prompt (default `observation`; see `stepSample`). */
  prompt?: StepPrompt;
}

export function specRewardMix(options: SpecRewardOptions): SpecRewardMix {
  const weight = options.weight ?? 1;
  if (!Number.isFinite(weight)) throw new RangeError("weight must be finite");
  return { mode: options.mode ?? "replace", weight };
}

/**
 * An environment whose reward comes from a spec: every step becomes a sample (`stepSample`) scored by
 * the spec's `Reward`, and its result becomes the reward (`applySpecResult`). Asynchronous, since
 * rewards are; to score many environments' steps in one batch use `SpecRewardVectorEnvironment`.
 */
export class SpecRewardEnvironment<Observation, Action> implements AsyncEnvironment<Observation, Action> {
  readonly inner: Environment<Observation, Action>;
  readonly id: string;
  readonly actionSpace: Space;
  readonly observationSpace: Space;
  readonly maxEpisodeSteps?: number;
  private readonly options: SpecRewardOptions;
  private readonly mix: SpecRewardMix;
  private readonly history = new EpisodeHistory();
  private last: Observation | undefined;
  private episode = -1;
  private steps = 0;

  constructor(inner: Environment<Observation, Action>, options: SpecRewardOptions) {
    this.inner = inner;
    this.id = inner.id;
    this.actionSpace = inner.actionSpace;
    this.observationSpace = inner.observationSpace;
    if (inner.maxEpisodeSteps !== undefined) this.maxEpisodeSteps = inner.maxEpisodeSteps;
    this.options = options;
    this.mix = specRewardMix(options);
    if (inner.observationFeatures) this.observationFeatures = inner.observationFeatures.bind(inner);
    if (inner.renderSvg) this.renderSvg = inner.renderSvg.bind(inner);
    if (inner.actionMask) this.actionMask = inner.actionMask.bind(inner);
  }

  observationFeatures?(observation: Observation): Float64Array;
  renderSvg?(): string;
  actionMask?(observation: Observation): Uint8Array;

  reset(options?: { seed?: number }): Reset<Observation> {
    const reset = this.inner.reset(options);
    this.last = reset.observation;
    this.episode++;
    this.steps = 0;
    if (this.options.prompt === "history") this.history.start(this.inner.observationText(reset.observation));
    return reset;
  }

  async step(action: Action): Promise<Transition<Observation>> {
    if (this.last === undefined)
      throw new RewardkitError("STATE_ERROR", `${this.id}: call reset before step`);
    const observation = this.last;
    const transition = this.inner.step(action);
    const history = this.options.prompt === "history" ? this.history.current() : undefined;
    const sample = stepSample({
      environment: this.inner,
      observation,
      action,
      transition,
      episode: this.episode,
      step: this.steps,
      ...(history ? { history } : {}),
    });
    if (history) {
      this.history.record(
        actionText(this.actionSpace, action),
        this.inner.observationText(transition.observation),
      );
    }
    this.last = transition.observation;
    this.steps++;
    const [result] = await this.options.reward.score([sample], this.options.context);
    if (!result) throw new RewardkitError("NODE_FAILED", `${this.options.reward.name} returned no result`);
    return applySpecResult(transition, result, this.mix);
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

/** `environment` rewarded by a spec (see `SpecRewardEnvironment`). */
export function withSpecReward<Observation, Action>(
  environment: Environment<Observation, Action>,
  options: SpecRewardOptions,
): SpecRewardEnvironment<Observation, Action> {
  return new SpecRewardEnvironment(environment, options);
}
