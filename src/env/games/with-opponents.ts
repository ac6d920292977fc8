import { RewardkitError } from "../../core/index.js";
import { actionText } from "../action-text.js";
import type { Environment, Reset, Space, Transition } from "../environment.js";
import type { MultiAgentEnvironment } from "../multi-agent-environment.js";
import { deriveSeed } from "../seeds.js";
import type { OpponentPolicy } from "./scripted-opponents.js";

/**
 * A multi-agent game seen from one seat: the learner acts, every other seat is played by a fixed
 * policy, and the game becomes a single-agent `Environment` (an LLM agent against tit-for-tat, a
 * tabular learner against a population of conditional cooperators). The learner's observation and
 * reward are its own; `info` adds `opponent_actions` (labels, by seat) and `opponent_rewards`.
 * Opponents are reseeded from the episode's seed (a separate stream each), so episodes repeat.
 */
export class OpponentsEnvironment<Observation> implements Environment<Observation, number> {
  readonly game: MultiAgentEnvironment<Observation, number>;
  readonly learner: number;
  readonly id: string;
  readonly actionSpace: Space;
  readonly observationSpace: Space;
  readonly maxEpisodeSteps?: number;
  readonly #opponents: ReadonlyMap<number, OpponentPolicy<Observation>>;
  #observations: Observation[] = [];
  #episodes = 0;

  constructor(options: {
    game: MultiAgentEnvironment<Observation, number>;
    /** The seat the learner plays (default 0). */
    learner?: number;
    /** One policy per other seat, in seat order. */
    opponents: readonly OpponentPolicy<Observation>[];
  }) {
    const { game } = options;
    const learner = options.learner ?? 0;
    if (!Number.isInteger(learner) || learner < 0 || learner >= game.agentCount) {
      throw new RangeError(`learner must be a seat from 0 to ${game.agentCount - 1}, received ${learner}`);
    }
    if (options.opponents.length !== game.agentCount - 1) {
      throw new RewardkitError(
        "SPEC_INVALID",
        `${game.id}: ${game.agentCount} agents need ${game.agentCount - 1} opponents, received ${options.opponents.length}`,
      );
    }
    this.game = game;
    this.learner = learner;
    this.id = game.id;
    this.actionSpace = game.actionSpace;
    this.observationSpace = game.observationSpace;
    if (game.maxEpisodeSteps !== undefined) this.maxEpisodeSteps = game.maxEpisodeSteps;
    const seats = new Map<number, OpponentPolicy<Observation>>();
    let next = 0;
    for (let seat = 0; seat < game.agentCount; seat++) {
      if (seat !== learner) seats.set(seat, options.opponents[next++] as OpponentPolicy<Observation>);
    }
    this.#opponents = seats;
    if (game.observationFeatures) this.observationFeatures = game.observationFeatures.bind(game);
    if (game.renderSvg) this.renderSvg = game.renderSvg.bind(game);
  }

  observationFeatures?(observation: Observation): Float64Array;
  renderSvg?(): string;

  reset(options?: { seed?: number }): Reset<Observation> {
    const { observations, info } = this.game.reset(options);
    const seed = options?.seed ?? this.#episodes;
    this.#episodes++;
    for (const [seat, opponent] of this.#opponents) opponent.reset(deriveSeed(seed, 100 + seat));
    this.#observations = observations;
    return { observation: observations[this.learner] as Observation, info };
  }

  step(action: number): Transition<Observation> {
    if (this.#observations.length === 0) {
      throw new RewardkitError("STATE_ERROR", `${this.id}: call reset before step`);
    }
    const actions = new Array<number>(this.game.agentCount);
    actions[this.learner] = action;
    for (const [seat, opponent] of this.#opponents) {
      actions[seat] = opponent.act(this.#observations[seat] as Observation);
    }
    const result = this.game.step(actions);
    this.#observations = result.observations;
    const opponentActions: Record<string, string> = {};
    const opponentRewards: Record<string, number> = {};
    for (const seat of this.#opponents.keys()) {
      opponentActions[seat] = actionText(this.actionSpace, actions[seat]);
      opponentRewards[seat] = result.rewards[seat] as number;
    }
    return {
      observation: result.observations[this.learner] as Observation,
      reward: result.rewards[this.learner] as number,
      terminated: result.terminated,
      truncated: result.truncated,
      info: { ...result.info, opponent_actions: opponentActions, opponent_rewards: opponentRewards },
    };
  }

  observationKey(observation: Observation): string {
    return this.game.observationKey(observation);
  }

  observationText(observation: Observation): string {
    return this.game.observationText(observation);
  }

  renderText(): string {
    return this.game.renderText();
  }
}

/** `game` played from seat `learner` against fixed opponents (see `OpponentsEnvironment`). */
export function withOpponents<Observation>(
  game: MultiAgentEnvironment<Observation, number>,
  options: { learner?: number; opponents: readonly OpponentPolicy<Observation>[] },
): OpponentsEnvironment<Observation> {
  return new OpponentsEnvironment({ game, ...options });
}
