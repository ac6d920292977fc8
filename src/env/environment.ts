/**
 * The environment interface, in the Gymnasium sense: `reset(seed)` starts an episode, `step(action)`
 * advances it. Every environment of rewardkit implements this, so agents, reward wrappers, intrinsic
 * bonuses, the lab and the ORS server work on any of them.
 *
 * Observations are whatever the environment finds natural (a grid position, a context vector, a
 * chat); the environment also says how to see one as a **key** (tabular agents, count bonuses,
 * GiGPO anchor states), as a **feature vector** (neural agents, E3B, RND) and as **text** (LLM agents,
 * trajectory rows).
 */

/** What actions or observations look like. */
export type Space =
  | { kind: "discrete"; n: number; labels?: readonly string[] }
  | { kind: "box"; size: number; low?: number; high?: number }
  | { kind: "text" };

/** What an environment says about a step besides the reward: events, diagnostics (JSON-safe, snake_case keys). */
export type Info = Record<string, unknown>;

/** What `reset` returns. */
export interface Reset<Observation> {
  observation: Observation;
  info: Info;
}

/** What `step` returns (Gymnasium's five-tuple as an object). */
export interface Transition<Observation> {
  observation: Observation;
  reward: number;
  /** The episode ended inside the MDP (goal, death): no bootstrapping from `observation`. */
  terminated: boolean;
  /** The episode was cut off from outside (time limit): bootstrapping from `observation` is right. */
  truncated: boolean;
  info: Info;
}

export interface Environment<Observation = unknown, Action = number> {
  /** A stable name for reports and rows (`"four-rooms"`, `"donor-game"`). */
  readonly id: string;
  readonly actionSpace: Space;
  readonly observationSpace: Space;
  /** Steps after which `step` reports `truncated` (undefined: no limit of its own). */
  readonly maxEpisodeSteps?: number;
  /**
   * Starts an episode. With a seed the environment reseeds its generator (layout, start, dynamics)
   * so the episode repeats exactly; without one it continues its own stream.
   */
  reset(options?: { seed?: number }): Reset<Observation>;
  step(action: Action): Transition<Observation>;
  /** A string that identifies the observation exactly (equal observations, equal keys). */
  observationKey(observation: Observation): string;
  /** The observation as numbers for function approximators (length `observationSpace.size`). */
  observationFeatures?(observation: Observation): Float64Array;
  /** The observation as text (trajectory rows, LLM agents). */
  observationText(observation: Observation): string;
  /** The current state drawn as text (a grid of characters, a table). */
  renderText(): string;
  /** The current state drawn as a standalone `<svg>` element, for reports. */
  renderSvg?(): string;
  /**
   * Which actions are allowed from `observation` (1 allowed, 0 not), for environments where some
   * are not (the hypergrid's edges); absent means every action of a discrete space is allowed.
   */
  actionMask?(observation: Observation): Uint8Array;
}

/**
 * An environment whose steps take time to score (a spec reward, an LLM in the loop, a remote world):
 * the same contract with `step` returning a promise.
 */
export interface AsyncEnvironment<Observation = unknown, Action = number>
  extends Omit<Environment<Observation, Action>, "step"> {
  step(action: Action): Promise<Transition<Observation>>;
}

/** A factory for a family of environments: one seed, one instance (contextual MDPs, procedural worlds). */
export type EnvironmentFactory<Observation = unknown, Action = number> = (options: {
  seed: number;
}) => Environment<Observation, Action>;
