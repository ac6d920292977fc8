import type { z } from "zod";
import { RewardkitError } from "../core/index.js";
import { contextualBandit } from "./bandits/contextual-bandit-definition.js";
import { multiArmedBandit } from "./bandits/multi-armed-bandit-definition.js";
import { deceptiveMaze } from "./deceptive-maze/deceptive-maze-definition.js";
import { type AnyEnvironmentDefinition, buildFromDefinition } from "./definition.js";
import { donorGame } from "./games/donor-game/donor-game-definition.js";
import { matrixGame } from "./games/matrix-game-definition.js";
import { publicGoods } from "./games/public-goods-definition.js";
import { goalTasks } from "./goal-tasks/goal-tasks-definition.js";
import { emptyRoom } from "./gridworld/empty-room.js";
import { fourRooms } from "./gridworld/four-rooms.js";
import { keyDoor } from "./gridworld/key-door.js";
import { lavaCrossing } from "./gridworld/lava-crossing.js";
import { sparseMaze } from "./gridworld/sparse-maze.js";
import { hypergrid } from "./hypergrid/hypergrid-definition.js";
import { pointMass } from "./point-mass/point-mass-definition.js";
import { recommendation } from "./recommendation/recommendation-definition.js";

/**
 * Every environment of rewardkit by name: one line each (a new world = one file, one line here, its
 * test). Single- and multi-agent worlds share the list; `kind` tells them apart.
 */
export const environments = {
  "empty-room": emptyRoom,
  "four-rooms": fourRooms,
  "key-door": keyDoor,
  "sparse-maze": sparseMaze,
  "lava-crossing": lavaCrossing,
  "deceptive-maze": deceptiveMaze,
  "goal-tasks": goalTasks,
  "multi-armed-bandit": multiArmedBandit,
  "contextual-bandit": contextualBandit,
  recommendation,
  hypergrid,
  "matrix-game": matrixGame,
  "public-goods": publicGoods,
  "donor-game": donorGame,

  "point-mass": pointMass,
} as const satisfies Record<string, AnyEnvironmentDefinition>;

export type EnvironmentName = keyof typeof environments;

type Definitions = typeof environments;

/** The options an environment accepts (its schema's input: every field with a default is optional). */
export type EnvironmentOptions<Name extends EnvironmentName> = z.input<Definitions[Name]["options"]>;

/** What `createEnvironment(name)` builds. */
export type EnvironmentOf<Name extends EnvironmentName> = ReturnType<Definitions[Name]["build"]>;

/**
 * Builds a registered environment from raw options, validated by its schema (errors name the field:
 * `environments.key-door.size: ...`). Unknown names are a NOT_FOUND error listing the known ones.
 * @example
 * ```ts
 * const world = createEnvironment("key-door", { size: 6, layout: "procedural" });
 * const { observation } = world.reset({ seed: 1 });
 * ```
 */
export function createEnvironment<Name extends EnvironmentName>(
  name: Name,
  options?: EnvironmentOptions<Name>,
): EnvironmentOf<Name>;
export function createEnvironment(name: string, options?: unknown): unknown;
export function createEnvironment(name: string, options: unknown = {}): unknown {
  const definition = (environments as Record<string, AnyEnvironmentDefinition>)[name];
  if (!definition) {
    throw new RewardkitError(
      "NOT_FOUND",
      `no environment named "${name}"; known: ${Object.keys(environments).sort().join(", ")}`,
    );
  }
  return buildFromDefinition(definition, options);
}
