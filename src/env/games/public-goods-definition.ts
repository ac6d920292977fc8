import { z } from "zod";
import { defineMultiAgentEnvironment } from "../definition.js";
import { PublicGoodsGame } from "./public-goods.js";

export const publicGoods = defineMultiAgentEnvironment({
  id: "public-goods",
  summary: "The repeated linear public goods game: contributions to a multiplied, equally shared pot.",
  papers: [
    "Direct Punishment in MARL (Dasgupta & Musolesi): social dilemmas",
    "Cultural Evolution of Cooperation among LLM Agents (Vallinder & Hughes)",
  ],
  options: z.object({
    agents: z.number().int().min(2).max(10_000).default(4).describe("Players N."),
    endowment: z.number().positive().default(10).describe("What each player receives every round."),
    multiplier: z
      .number()
      .positive()
      .default(1.6)
      .describe("r: the pot's multiplier (a dilemma when 1 < r < N)."),
    levels: z
      .number()
      .int()
      .min(2)
      .max(101)
      .default(2)
      .describe("Contribution levels: 2 is all-or-nothing; 11 is tenths."),
    rounds: z.number().int().positive().default(10).describe("Rounds per episode."),
  }),
  build: (options) => new PublicGoodsGame(options),
});
