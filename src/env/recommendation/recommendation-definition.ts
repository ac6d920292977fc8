import { z } from "zod";
import { defineEnvironment } from "../definition.js";
import { Recommendation } from "./recommendation.js";

export const recommendation = defineEnvironment({
  id: "recommendation",
  summary:
    "A recommender's session with a simulated user who tires of familiar topics and prefers items not seen before, and leaves when engagement runs out (reconstructed).",
  papers: ["HRL for novelty-seeking recommendation", "RecSim (Ie et al. 2019): interest-evolution users"],
  options: z.object({
    items: z
      .number()
      .int()
      .min(2)
      .max(100_000)
      .default(100)
      .describe("Catalogue size; item i is in topic i mod topics."),
    topics: z.number().int().min(1).max(1000).default(10).describe("How many topics."),
    catalogue_seed: z.number().int().nonnegative().default(0).describe("Draws the items' qualities."),
    users: z
      .enum(["fixed", "procedural"])
      .default("procedural")
      .describe(
        "`procedural`: a new user every session (drawn from the reset's seed); `fixed`: the user of `user_seed`.",
      ),
    user_seed: z.number().int().nonnegative().default(0).describe("The user of `users: fixed`."),
    profile_noise: z
      .number()
      .nonnegative()
      .default(0.5)
      .describe("Noise on the taste profile the recommender sees."),
    patience: z.number().positive().default(5).describe("The engagement budget a session starts with."),
    boredom: z
      .tuple([z.number().nonnegative(), z.number().nonnegative()])
      .refine(([low, high]) => low <= high, "the range's low end must not exceed its high end")
      .default([0.2, 0.5])
      .describe("The range each user's β (logit lost per unit of familiarity) is drawn from."),
    horizon: z.number().int().positive().default(100).describe("Steps after which the session is truncated."),
    familiarity_decay: z.number().min(0).max(1).default(0.9).describe("λ: familiarity's decay per step."),
    novelty_bonus: z
      .number()
      .default(0.5)
      .describe("Added to the click logit of an item never shown to this user."),
    repeat_penalty: z
      .number()
      .default(1)
      .describe("Subtracted from the click logit of an item shown before."),
    click_refund: z
      .number()
      .nonnegative()
      .default(0.9)
      .describe("Budget a click gives back (a step costs 1)."),
    bias: z.number().default(0).describe("Constant of the click logit."),
  }),
  build: (options) =>
    new Recommendation({
      items: options.items,
      topics: options.topics,
      catalogueSeed: options.catalogue_seed,
      users: options.users,
      userSeed: options.user_seed,
      profileNoise: options.profile_noise,
      patience: options.patience,
      boredom: options.boredom,
      horizon: options.horizon,
      model: {
        familiarityDecay: options.familiarity_decay,
        noveltyBonus: options.novelty_bonus,
        repeatPenalty: options.repeat_penalty,
        clickRefund: options.click_refund,
        bias: options.bias,
      },
    }),
});
