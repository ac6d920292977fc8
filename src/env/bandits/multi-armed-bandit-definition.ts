import { z } from "zod";
import { defineEnvironment } from "../definition.js";
import { MultiArmedBandit } from "./multi-armed-bandit.js";

export const multiArmedBandit = defineEnvironment({
  id: "multi-armed-bandit",
  summary:
    "K arms with Bernoulli or Gaussian payoffs: exploration in its simplest form, with regret in every info.",
  papers: [
    "Reinforcement Learning: An Introduction, the 10-armed testbed (Sutton & Barto)",
    "Action Space Reduction via Grouping",
    "Temporally-Aware RL Algorithms (meta-learned objectives)",
  ],
  options: z.object({
    arms: z.number().int().min(2).max(10_000).default(10).describe("How many arms."),
    distribution: z
      .enum(["bernoulli", "gaussian"])
      .default("bernoulli")
      .describe("`bernoulli`: pays 1 with the arm's mean; `gaussian`: the mean plus N(0, 1) noise."),
    means: z
      .array(z.number())
      .optional()
      .describe("The arms' means; drawn (U(0,1) or N(0,1)) from the problem's seed when absent."),
    problems: z
      .enum(["fixed", "procedural"])
      .default("fixed")
      .describe("`fixed`: the means of `problem_seed` every episode; `procedural`: new means each reset."),
    problem_seed: z.number().int().nonnegative().default(0).describe("The problem of `problems: fixed`."),
    horizon: z.number().int().positive().default(100).describe("Pulls per episode."),
  }),
  build: ({ problem_seed, ...options }) => new MultiArmedBandit({ ...options, problemSeed: problem_seed }),
});
