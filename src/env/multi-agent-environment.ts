import type { Info, Space } from "./environment.js";

/** What a multi-agent `reset` returns: one observation per agent. */
export interface MultiAgentReset<Observation> {
  observations: Observation[];
  info: Info;
}

/** What a multi-agent `step` returns: one observation and one reward per agent. */
export interface MultiAgentTransition<Observation> {
  observations: Observation[];
  /** `rewards[i]` is agent i's reward for the joint action. */
  rewards: Float64Array;
  /** The episode ended for everyone inside the game (its last round). */
  terminated: boolean;
  /** The episode was cut off from outside. */
  truncated: boolean;
  info: Info;
}

/**
 * Several agents acting at once (a parallel game, as PettingZoo's parallel API): a joint action in —
 * one action per agent, in agent order — per-agent observations and rewards out. Episodes end for all
 * agents together. The action set is the same for every agent (symmetric games); observations are
 * seen as keys, features and text as in `Environment`.
 */
export interface MultiAgentEnvironment<Observation = unknown, Action = number> {
  readonly id: string;
  /** How many agents act in every step. */
  readonly agentCount: number;
  /** Every agent's action space. */
  readonly actionSpace: Space;
  readonly observationSpace: Space;
  readonly maxEpisodeSteps?: number;
  reset(options?: { seed?: number }): MultiAgentReset<Observation>;
  step(actions: ArrayLike<Action>): MultiAgentTransition<Observation>;
  observationKey(observation: Observation): string;
  observationFeatures?(observation: Observation): Float64Array;
  observationText(observation: Observation): string;
  renderText(): string;
  renderSvg?(): string;
}
