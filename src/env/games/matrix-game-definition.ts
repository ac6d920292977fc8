import { z } from "zod";
import { defineMultiAgentEnvironment } from "../definition.js";
import { MatrixGame } from "./matrix-game.js";
import { type GameName, type PayoffTable, payoffTables } from "./payoff-tables.js";

const gameNames = Object.keys(payoffTables) as [GameName, ...GameName[]];

export const matrixGame = defineMultiAgentEnvironment({
  id: "matrix-game",
  summary:
    "A repeated 2 × 2 (or n × n) matrix game — prisoner's dilemma, stag hunt, chicken, matching pennies, coordination, or your table — for two agents or a randomly matched population.",
  papers: [
    "Direct Punishment in MARL (Dasgupta & Musolesi): the iterated prisoner's dilemma",
    "Meta Representations for MARL: population-varying games",
    "The Evolution of Cooperation (Axelrod)",
  ],
  options: z.object({
    game: z
      .enum(gameNames)
      .default("prisoners-dilemma")
      .describe("A named payoff table (ignored when `payoffs` is given)."),
    payoffs: z
      .array(z.array(z.tuple([z.number(), z.number()])))
      .optional()
      .describe("Your own table: payoffs[row][column] = [row player's, column player's]."),
    labels: z
      .array(z.string())
      .optional()
      .describe("Action names for `payoffs` (default `action 0`, `action 1`, ...)."),
    agents: z
      .number()
      .int()
      .min(2)
      .max(10_000)
      .default(2)
      .describe("Population size; more than two are matched at random each round."),
    rounds: z.number().int().positive().default(10).describe("Rounds per episode."),
  }),
  build(options) {
    const table: PayoffTable = options.payoffs
      ? {
          payoffs: options.payoffs,
          labels: options.labels ?? options.payoffs.map((_, action) => `action ${action}`),
        }
      : payoffTables[options.game];
    return new MatrixGame({
      table,
      name: options.payoffs ? "matrix-game" : options.game,
      agents: options.agents,
      rounds: options.rounds,
    });
  },
});
