import { z } from "zod";
import { defineEnvironment } from "../definition.js";
import { PointMass } from "./point-mass.js";

const point = z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]);

export const pointMass = defineEnvironment({
  id: "point-mass",
  summary:
    "A point mass on the unit square pushed by five discrete thrusts toward a goal disc: continuous state, damped velocity, walls (the lab's imitation and model-based offline RL world).",
  papers: ["Lipschitz off-policy GAIL", "MOREC", "a classic point-mass control task (ours)"],
  options: z.object({
    damping: z.number().min(0).max(1).default(0.8).describe("Velocity kept from one step to the next."),
    thrust: z.number().positive().default(0.02).describe("Velocity added by a thrust."),
    max_speed: z.number().positive().default(0.08).describe("Each velocity component is clipped to ± this."),
    start: point.default([0.15, 0.15]).describe("Where the mass starts (at rest)."),
    start_noise: z
      .number()
      .min(0)
      .max(0.5)
      .default(0.05)
      .describe("Each start coordinate is jittered by U(−start_noise, start_noise)."),
    goal: point.default([0.8, 0.8]).describe("The goal disc's centre."),
    goal_radius: z.number().positive().default(0.1).describe("The goal disc's radius."),
    velocity_noise: z
      .number()
      .min(0)
      .default(0)
      .describe("Standard deviation of Gaussian noise added to the velocity each step."),
    reward: z
      .enum(["negative-distance", "in-goal", "sparse"])
      .default("negative-distance")
      .describe(
        "`negative-distance`: −distance to the goal each step; `in-goal`: 1 for each step inside the disc; `sparse`: 1 on entering it (ends the episode).",
      ),
    max_episode_steps: z
      .number()
      .int()
      .positive()
      .default(60)
      .describe("Steps after which the episode is truncated."),
  }),
  build: (options) =>
    new PointMass({
      physics: { damping: options.damping, thrust: options.thrust, maxSpeed: options.max_speed },
      start: options.start,
      startNoise: options.start_noise,
      goal: options.goal,
      goalRadius: options.goal_radius,
      velocityNoise: options.velocity_noise,
      reward: options.reward,
      maxEpisodeSteps: options.max_episode_steps,
    }),
});
