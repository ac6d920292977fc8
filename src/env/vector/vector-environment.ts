import { RewardkitError } from "../../core/index.js";
import type { Environment, Info, Space } from "../environment.js";

/**
 * When a sub-environment whose episode ended is reset (Gymnasium's `AutoresetMode`):
 * - `next-step` (Gymnasium ≥ 1.0's default): the ending step returns the episode's last observation;
 *   the next `step` ignores that sub-environment's action, resets it and returns its first observation
 *   with reward 0, terminated and truncated false, and the reset's info;
 * - `same-step`: the ending step resets at once and returns the next episode's first observation; the
 *   ended episode's last observation and info are in `finalObservations` / `finalInfos`.
 */
export type AutoresetMode = "next-step" | "same-step";

/** The batch a vector step returns. Its arrays are reused by the next call: copy what you keep. */
export interface VectorStep<Observation> {
  readonly observations: Observation[];
  readonly rewards: Float64Array;
  /** 1 where the sub-environment's episode ended inside the MDP. */
  readonly terminated: Uint8Array;
  /** 1 where it was cut off (time limit). */
  readonly truncated: Uint8Array;
  readonly infos: Info[];
  /**
   * 1 where this call reset the sub-environment: in `next-step` mode its action was ignored and its
   * observation is a first one; in `same-step` mode its episode ended in this call.
   */
  readonly restarted: Uint8Array;
  /** `same-step` mode: the ended episode's last observation where `restarted`, else undefined. */
  readonly finalObservations: (Observation | undefined)[];
  /** `same-step` mode: the ended episode's last info where `restarted`, else undefined. */
  readonly finalInfos: (Info | undefined)[];
}

/**
 * N copies of an environment stepped together (Gymnasium's SyncVectorEnv): actions in, a batch of
 * observations, rewards and episode ends out, each sub-environment reset on its own when its episode
 * ends. `reset({ seed })` seeds sub-environment i with `seed + i`, as Gymnasium does; later
 * automatic resets continue each sub-environment's own stream, so a run repeats exactly for a seed.
 * Stepping allocates nothing of its own: the returned arrays are the same objects every call.
 */
export class VectorEnvironment<Observation = unknown, Action = number> {
  readonly count: number;
  readonly environments: readonly Environment<Observation, Action>[];
  readonly autoreset: AutoresetMode;
  readonly actionSpace: Space;
  readonly observationSpace: Space;
  private readonly batch: VectorStep<Observation>;
  /** 1 where the last call ended the episode (next-step mode resets it on the following call). */
  private readonly pending: Uint8Array;
  private started = false;

  constructor(options: {
    environments: readonly Environment<Observation, Action>[];
    autoreset?: AutoresetMode;
  }) {
    const first = options.environments[0];
    if (!first)
      throw new RewardkitError("INPUT_INVALID", "a vector environment needs at least one environment");
    this.environments = options.environments;
    this.count = options.environments.length;
    this.autoreset = options.autoreset ?? "next-step";
    this.actionSpace = first.actionSpace;
    this.observationSpace = first.observationSpace;
    this.pending = new Uint8Array(this.count);
    this.batch = {
      observations: new Array<Observation>(this.count),
      rewards: new Float64Array(this.count),
      terminated: new Uint8Array(this.count),
      truncated: new Uint8Array(this.count),
      infos: new Array<Info>(this.count).fill({}),
      restarted: new Uint8Array(this.count),
      finalObservations: new Array<Observation | undefined>(this.count).fill(undefined),
      finalInfos: new Array<Info | undefined>(this.count).fill(undefined),
    };
  }

  /** Resets every sub-environment (sub-environment i with `seed + i` when a seed is given). */
  reset(options: { seed?: number } = {}): { observations: Observation[]; infos: Info[] } {
    const { observations, infos } = this.batch;
    for (let index = 0; index < this.count; index++) {
      const environment = this.environments[index] as Environment<Observation, Action>;
      const reset =
        options.seed === undefined ? environment.reset() : environment.reset({ seed: options.seed + index });
      observations[index] = reset.observation;
      infos[index] = reset.info;
    }
    this.pending.fill(0);
    this.started = true;
    return { observations, infos };
  }

  /** Steps every sub-environment with its action (`actions[i]` for sub-environment i). */
  step(actions: ArrayLike<Action>): VectorStep<Observation> {
    if (!this.started) throw new RewardkitError("STATE_ERROR", "vector environment: call reset before step");
    if (actions.length !== this.count) {
      throw new RewardkitError(
        "INPUT_INVALID",
        `vector environment: expected ${this.count} actions, received ${actions.length}`,
      );
    }
    const batch = this.batch;
    const sameStep = this.autoreset === "same-step";
    for (let index = 0; index < this.count; index++) {
      const environment = this.environments[index] as Environment<Observation, Action>;
      if (!sameStep && this.pending[index] === 1) {
        const reset = environment.reset();
        batch.observations[index] = reset.observation;
        batch.infos[index] = reset.info;
        batch.rewards[index] = 0;
        batch.terminated[index] = 0;
        batch.truncated[index] = 0;
        batch.restarted[index] = 1;
        this.pending[index] = 0;
        continue;
      }
      const transition = environment.step(actions[index] as Action);
      const ended = transition.terminated || transition.truncated;
      batch.rewards[index] = transition.reward;
      batch.terminated[index] = transition.terminated ? 1 : 0;
      batch.truncated[index] = transition.truncated ? 1 : 0;
      if (sameStep) {
        if (ended) {
          batch.finalObservations[index] = transition.observation;
          batch.finalInfos[index] = transition.info;
          const reset = environment.reset();
          batch.observations[index] = reset.observation;
          batch.infos[index] = reset.info;
          batch.restarted[index] = 1;
        } else {
          batch.observations[index] = transition.observation;
          batch.infos[index] = transition.info;
          batch.finalObservations[index] = undefined;
          batch.finalInfos[index] = undefined;
          batch.restarted[index] = 0;
        }
      } else {
        batch.observations[index] = transition.observation;
        batch.infos[index] = transition.info;
        batch.restarted[index] = 0;
        if (ended) this.pending[index] = 1;
      }
    }
    return batch;
  }
}
