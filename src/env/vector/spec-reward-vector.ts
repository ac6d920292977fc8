import { RewardkitError, type Sample } from "../../core/index.js";
import { actionText } from "../action-text.js";
import type { Environment, Info, Transition } from "../environment.js";
import { type SpecRewardOptions, specRewardMix } from "../wrappers/spec-reward.js";
import { applySpecResult, EpisodeHistory, stepSample } from "../wrappers/step-sample.js";
import type { VectorEnvironment, VectorStep } from "./vector-environment.js";

/**
 * A vector environment whose rewards come from a spec, scored in one batch per step: the N
 * sub-environments' transitions become N samples (`stepSample`) and one `reward.score` call — the
 * batch is where reward models and judges are fast. Reset steps of `next-step` autoreset are not
 * transitions and are not scored (their reward stays 0). The new rewards and the parts in each info
 * (`applySpecResult`) replace the inner batch's.
 */
export class SpecRewardVectorEnvironment<Observation, Action> {
  readonly vector: VectorEnvironment<Observation, Action>;
  private readonly options: SpecRewardOptions;
  private readonly previous: Observation[];
  private readonly episodes: Int32Array;
  private readonly steps: Int32Array;
  private readonly histories: EpisodeHistory[];
  private started = false;

  constructor(vector: VectorEnvironment<Observation, Action>, options: SpecRewardOptions) {
    this.vector = vector;
    this.options = options;
    this.previous = new Array<Observation>(vector.count);
    this.episodes = new Int32Array(vector.count).fill(-1);
    this.steps = new Int32Array(vector.count);
    this.histories = Array.from({ length: vector.count }, () => new EpisodeHistory());
  }

  reset(options: { seed?: number } = {}): { observations: Observation[]; infos: Info[] } {
    const reset = this.vector.reset(options);
    for (let index = 0; index < this.vector.count; index++)
      this.begin(index, reset.observations[index] as Observation);
    this.started = true;
    return reset;
  }

  async step(actions: ArrayLike<Action>): Promise<VectorStep<Observation>> {
    if (!this.started) throw new RewardkitError("STATE_ERROR", "vector environment: call reset before step");
    const mix = specRewardMix(this.options);
    const batch = this.vector.step(actions);
    const sameStep = this.vector.autoreset === "same-step";
    const samples: Sample[] = [];
    const scored: { index: number; transition: Transition<Observation> }[] = [];
    for (let index = 0; index < this.vector.count; index++) {
      const restarted = batch.restarted[index] === 1;
      if (restarted && !sameStep) {
        this.begin(index, batch.observations[index] as Observation);
        continue;
      }
      const environment = this.vector.environments[index] as Environment<Observation, Action>;
      const next = (restarted ? batch.finalObservations[index] : batch.observations[index]) as Observation;
      const transition: Transition<Observation> = {
        observation: next,
        reward: batch.rewards[index] as number,
        terminated: batch.terminated[index] === 1,
        truncated: batch.truncated[index] === 1,
        info: (restarted ? batch.finalInfos[index] : batch.infos[index]) as Info,
      };
      const action = actions[index] as Action;
      const history =
        this.options.prompt === "history" ? (this.histories[index] as EpisodeHistory) : undefined;
      samples.push(
        stepSample({
          environment,
          observation: this.previous[index] as Observation,
          action,
          transition,
          episode: this.episodes[index] as number,
          step: this.steps[index] as number,
          environmentIndex: index,
          ...(history ? { history: history.current() } : {}),
        }),
      );
      history?.record(actionText(environment.actionSpace, action), environment.observationText(next));
      scored.push({ index, transition });
      this.previous[index] = next;
      this.steps[index] = (this.steps[index] as number) + 1;
      if (restarted) this.begin(index, batch.observations[index] as Observation);
    }
    if (samples.length === 0) return batch;
    const results = await this.options.reward.score(samples, this.options.context);
    scored.forEach(({ index, transition }, position) => {
      const result = results[position];
      if (!result)
        throw new RewardkitError("NODE_FAILED", `${this.options.reward.name} returned too few results`);
      applySpecResult(transition, result, mix);
      batch.rewards[index] = transition.reward;
      if (sameStep && batch.restarted[index] === 1) batch.finalInfos[index] = transition.info;
      else batch.infos[index] = transition.info;
    });
    return batch;
  }

  private begin(index: number, observation: Observation): void {
    this.previous[index] = observation;
    this.episodes[index] = (this.episodes[index] as number) + 1;
    this.steps[index] = 0;
    if (this.options.prompt === "history") {
      const environment = this.vector.environments[index] as Environment<Observation, Action>;
      (this.histories[index] as EpisodeHistory).start(environment.observationText(observation));
    }
  }
}
