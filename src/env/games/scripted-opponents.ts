import { mulberry32, RewardkitError } from "../../core/index.js";
import type { Space } from "../environment.js";
import { randomInteger } from "../seeds.js";
import type { MatrixGameObservation } from "./matrix-game.js";
import type { PublicGoodsObservation } from "./public-goods.js";

/** A fixed strategy playing one seat of a game (the other agents of an agent's episode). */
export interface OpponentPolicy<Observation> {
  /** Forgets the last episode; `seed` seeds a randomized strategy. */
  reset(seed: number): void;
  act(observation: Observation): number;
}

type Factory<Observation> = (space: Extract<Space, { kind: "discrete" }>) => OpponentPolicy<Observation>;

/** A policy that ignores what it sees: always the same action. */
function always<Observation>(action: number): OpponentPolicy<Observation> {
  return { reset() {}, act: () => action };
}

function uniform<Observation>(n: number): OpponentPolicy<Observation> {
  let random = mulberry32(0);
  return {
    reset(seed) {
      random = mulberry32(seed);
    },
    act: () => randomInteger(random, n),
  };
}

function twoActions(space: Extract<Space, { kind: "discrete" }>, strategy: string): void {
  if (space.n !== 2) {
    throw new RewardkitError(
      "SPEC_INVALID",
      `${strategy} needs a game of two actions (cooperate, defect); this one has ${space.n}`,
    );
  }
}

/**
 * Strategies for the repeated matrix game. Action 0 is the "nice" one (cooperate, stag), as in the
 * named tables; they read the opponent's last move from the observation (memory one):
 * - `tit-for-tat` (Axelrod): play 0 first, then what the last opponent played;
 * - `grim-trigger`: play 0 until the opponent has played anything else once, then 1 for good;
 * - `win-stay-lose-shift` (Nowak & Sigmund's Pavlov): play 0 first, then 0 after both played the
 *   same and 1 otherwise (two-action games);
 * - `random`: uniform, seeded per episode; `always:<action>`: one action by label or index.
 */
export const matrixGameOpponents: Record<string, Factory<MatrixGameObservation>> = {
  "tit-for-tat": () => ({
    reset() {},
    act: (observation) => Math.max(observation.opponentLast, 0),
  }),
  "grim-trigger": (space) => {
    twoActions(space, "grim-trigger");
    let triggered = false;
    return {
      reset() {
        triggered = false;
      },
      act(observation) {
        if (observation.opponentLast > 0) triggered = true;
        return triggered ? 1 : 0;
      },
    };
  },
  "win-stay-lose-shift": (space) => {
    twoActions(space, "win-stay-lose-shift");
    return {
      reset() {},
      act: (observation) =>
        observation.ownLast < 0 || observation.ownLast === observation.opponentLast ? 0 : 1,
    };
  },
  random: (space) => uniform(space.n),
};

/**
 * Strategies for the public goods game: `conditional` (a conditional cooperator, as in Fischbacher
 * et al.'s experiments: full contribution first, then the level nearest the others' last mean),
 * `random`, and `always:<level>` by label (`contribute 10`) or index.
 */
export const publicGoodsOpponents: Record<string, Factory<PublicGoodsObservation>> = {
  conditional: (space) => ({
    reset() {},
    act: (observation) =>
      observation.othersLast < 0 ? space.n - 1 : Math.round(observation.othersLast * (space.n - 1)),
  }),
  random: (space) => uniform(space.n),
};

const strategies = { "matrix-game": matrixGameOpponents, "public-goods": publicGoodsOpponents } as const;

/** The games that have scripted opponents (registry names). */
export type OpponentGame = keyof typeof strategies;

/** Names of the strategies a game accepts, for messages and docs. */
export function opponentStrategyNames(game: OpponentGame): string[] {
  return [...Object.keys(strategies[game]), "always:<action>"];
}

/**
 * A scripted opponent by name (`tit-for-tat`, `always:defect`, ...) for one of the games. An unknown
 * name or action is a SPEC_INVALID error listing what the game accepts.
 */
export function createOpponent(options: {
  game: OpponentGame;
  strategy: string;
  actionSpace: Space;
}): OpponentPolicy<unknown> {
  const { game, strategy, actionSpace } = options;
  if (actionSpace.kind !== "discrete") {
    throw new RewardkitError("SPEC_INVALID", `${game}: scripted opponents need a discrete action space`);
  }
  if (strategy.startsWith("always:")) return always(fixedAction(actionSpace, strategy.slice(7), game));
  const factory = (strategies[game] as Record<string, Factory<never>>)[strategy];
  if (!factory) {
    throw new RewardkitError(
      "SPEC_INVALID",
      `${game}: no opponent strategy "${strategy}"; known: ${opponentStrategyNames(game).join(", ")}`,
    );
  }
  return factory(actionSpace) as OpponentPolicy<unknown>;
}

function fixedAction(space: Extract<Space, { kind: "discrete" }>, name: string, game: string): number {
  const wanted = name.trim().toLowerCase();
  const byLabel = space.labels?.findIndex((label) => label.toLowerCase() === wanted) ?? -1;
  if (byLabel >= 0) return byLabel;
  const index = Number(wanted);
  if (wanted !== "" && Number.isInteger(index) && index >= 0 && index < space.n) return index;
  const known = space.labels ? space.labels.join(", ") : `0 to ${space.n - 1}`;
  throw new RewardkitError("SPEC_INVALID", `${game}: always:${name} names no action; actions: ${known}`);
}
