import { z } from "zod";
import { defineEnvironment } from "../../definition.js";
import { DonorGameEnvironment } from "./donor-game-environment.js";

export const donorGame = defineEnvironment({
  id: "donor-game",
  summary:
    "One generation of the Donor Game from one seat among scripted donors (reputation traces, optional costly punishment); served over ORS so LLM agents can be trained in it.",
  papers: ["Cultural Evolution of Cooperation among LLM Agents (Vallinder & Hughes)"],
  options: z.object({
    agents: z
      .number()
      .int()
      .min(2)
      .max(1000)
      .default(12)
      .describe("Agents in the generation (the learner is seat 0)."),
    rounds: z.number().int().positive().default(12).describe("Rounds; each agent donates once a round."),
    endowment: z.number().positive().default(10).describe("Resources each agent starts with."),
    multiplier: z.number().positive().default(2).describe("What a recipient receives per unit donated."),
    trace_depth: z.number().int().min(1).default(3).describe("Actions of the recipient a donor sees."),
    traces_visible: z.boolean().default(true).describe("Whether donors see recipients' traces."),
    punishment: z.boolean().default(false).describe("Allow costly punishment instead of donating."),
    punishment_effect: z
      .number()
      .positive()
      .default(2)
      .describe("Resources removed per unit spent punishing (1:2)."),
    levels: z
      .number()
      .int()
      .min(2)
      .max(101)
      .default(11)
      .describe("Donation levels: 11 is tenths of one's resources."),
  }),
  build: (options) =>
    new DonorGameEnvironment({
      agents: options.agents,
      rounds: options.rounds,
      endowment: options.endowment,
      multiplier: options.multiplier,
      traceDepth: options.trace_depth,
      tracesVisible: options.traces_visible,
      punishment: options.punishment,
      punishmentEffect: options.punishment_effect,
      levels: options.levels,
    }),
});
