import { z } from "zod";
import { defineEnvironment } from "../definition.js";
import { DeceptiveMaze, deceptiveWalls } from "./deceptive-maze.js";

const point = z.tuple([z.number(), z.number()]);

export const deceptiveMaze = defineEnvironment({
  id: "deceptive-maze",
  summary:
    "A point robot with rangefinders in a continuous deceptive maze: the goal lies behind a wall straight ahead, the way round leads away from it (quality diversity's benchmark).",
  papers: [
    "Quality-Diversity for sparse rewards: novelty search, SERENE, STAX (Paolo et al.)",
    "Abandoning objectives: novelty search (Lehman & Stanley 2011)",
  ],
  options: z.object({
    size: z.number().positive().default(10).describe("The arena is [0, size]²."),
    walls: z
      .array(z.tuple([z.number(), z.number(), z.number(), z.number()]))
      .default(deceptiveWalls.map((wall) => [...wall] as [number, number, number, number]))
      .describe("Walls as [left, bottom, right, top]; the default is the deceptive layout."),
    start: point.default([1, 1]).describe("Where the robot starts."),
    goal: point.default([1, 7]).describe("The goal's centre."),
    goal_radius: z
      .number()
      .positive()
      .default(0.5)
      .describe("Reaching within this distance of the goal counts."),
    robot_radius: z
      .number()
      .nonnegative()
      .default(0.1)
      .describe("The robot's radius (its distance from walls)."),
    max_speed: z.number().positive().default(0.2).describe("Distance per step at full action."),
    rangefinders: z.number().int().min(0).max(64).default(8).describe("Rays at equal angles, east first."),
    range: z.number().positive().default(10).describe("A rangefinder's maximum reading."),
    reward: z
      .enum(["sparse", "negative-distance"])
      .default("sparse")
      .describe(
        "`sparse`: 1 at the goal (ends the episode); `negative-distance`: −distance to the goal each step.",
      ),
    max_episode_steps: z
      .number()
      .int()
      .positive()
      .default(250)
      .describe("Steps after which the episode is truncated."),
  }),
  build: (options) =>
    new DeceptiveMaze({
      arena: { size: options.size, walls: options.walls, radius: options.robot_radius },
      start: options.start,
      goal: options.goal,
      goalRadius: options.goal_radius,
      maxSpeed: options.max_speed,
      rangefinders: options.rangefinders,
      range: options.range,
      reward: options.reward,
      maxEpisodeSteps: options.max_episode_steps,
    }),
});
