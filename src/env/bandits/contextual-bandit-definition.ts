import { z } from "zod";
import { defineEnvironment } from "../definition.js";
import { ContextualBandit } from "./contextual-bandit.js";

export const contextualBandit = defineEnvironment({
  id: "contextual-bandit",
  summary: "A linear (or logistic-click) contextual bandit: a new context every pull, regret in every info.",
  papers: [
    "A contextual-bandit approach to personalized news recommendation (LinUCB, Li et al. 2010)",
    "HRL for novelty-seeking recommendation",
  ],
  options: z.object({
    arms: z.number().int().min(2).max(1000).default(5).describe("How many arms."),
    dimension: z.number().int().min(1).max(1000).default(8).describe("Context length d."),
    payoff: z
      .enum(["linear", "logistic"])
      .default("linear")
      .describe(
        "`linear`: θ_a·x plus Gaussian noise; `logistic`: a click with probability σ(scale · θ_a·x).",
      ),
    noise: z.number().nonnegative().default(0.1).describe("Standard deviation of the linear payoff's noise."),
    scale: z.number().positive().default(3).describe("Sharpness of the logistic link."),
    problems: z
      .enum(["fixed", "procedural"])
      .default("fixed")
      .describe("`fixed`: the arm weights of `problem_seed`; `procedural`: new weights each reset."),
    problem_seed: z.number().int().nonnegative().default(0).describe("The problem of `problems: fixed`."),
    horizon: z.number().int().positive().default(100).describe("Pulls per episode."),
  }),
  build: ({ problem_seed, ...options }) => new ContextualBandit({ ...options, problemSeed: problem_seed }),
});
