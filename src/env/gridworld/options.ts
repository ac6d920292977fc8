import { z } from "zod";
import { GridWorld, type GridWorldSettings } from "./grid-world.js";

/** Options every gridworld family shares (each family adds its size and layout fields). */
export const gridOptionFields = {
  layout_seed: z
    .number()
    .int()
    .nonnegative()
    .default(0)
    .describe("The world used by `layout: fixed` (a singleton MDP: the same world every episode)."),
  max_episode_steps: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("Steps after which the episode is truncated (default 4 × width × height, as MiniGrid)."),
  slip: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe("Probability that an action is replaced by a uniformly random move (stochastic dynamics)."),
  goal_reward: z
    .enum(["sparse", "time-penalty"])
    .default("sparse")
    .describe("`sparse`: 1 at the goal; `time-penalty`: 1 − 0.9 · steps / max_episode_steps (MiniGrid)."),
  lava_reward: z.number().default(0).describe("Reward when the agent steps into lava (the episode ends)."),
  view_radius: z
    .number()
    .int()
    .min(0)
    .max(5)
    .default(2)
    .describe("The egocentric window in the features: 2 · view_radius + 1 cells a side."),
};

/** `layout` for families that draw their worlds from a generator. */
export const layoutField = z
  .enum(["fixed", "procedural"])
  .default("procedural")
  .describe(
    "`procedural`: a new world at every reset, drawn from the reset's seed (a contextual MDP); `fixed`: the world of `layout_seed` every episode (a singleton MDP).",
  );

/** The shared options after validation. */
export interface GridSharedOptions {
  layout_seed: number;
  max_episode_steps?: number | undefined;
  slip: number;
  goal_reward: "sparse" | "time-penalty";
  lava_reward: number;
  view_radius: number;
}

/** A family's GridWorld from its validated options and how it draws worlds. */
export function gridWorldOf(
  options: GridSharedOptions,
  family: Pick<GridWorldSettings, "id" | "generate" | "width" | "height" | "layout"> & {
    distractors?: number;
    distractorReward?: number;
  },
): GridWorld {
  return new GridWorld({
    ...family,
    distractors: family.distractors ?? 0,
    distractorReward: family.distractorReward ?? 0,
    layoutSeed: options.layout_seed,
    maxEpisodeSteps: options.max_episode_steps ?? 4 * family.width * family.height,
    slip: options.slip,
    goalReward: options.goal_reward,
    lavaReward: options.lava_reward,
    viewRadius: options.view_radius,
  });
}
