import { z } from "zod";
import type { DonorStrategy } from "../../env/games/donor-game/index.js";
import { JudgeClient } from "../../judges/index.js";
import { deriveSeed, labRandom } from "../random.js";
import { donorGameReport } from "../report/donor-game-report.js";
import type { MeasuredCurve } from "../results.js";
import { donorConditions } from "../worlds/donor-conditions.js";
import { type DonorAgents, type DonorEvolution, evolveDonors } from "../worlds/donor-evolution.js";
import { type LlmDonorTally, llmDonorAgents } from "../worlds/llm-donor-agents.js";
import { scriptedDonorAgents } from "../worlds/scripted-donor-agents.js";
import { donorGameClaims } from "./donor-game-claims.js";
import { averageDonorRuns, reputationMatrix } from "./donor-game-series.js";
import { defineExperiment } from "./experiment.js";

const options = z.object({
  mode: z
    .enum(["scripted", "llm"])
    .default("scripted")
    .describe("Agents: scripted donation rules (evolved parameters) or LLMs through `base_url`."),
  population: z.number().int().min(2).default(12).describe("Agents per generation."),
  generations: z.number().int().min(2).default(10).describe("Generations (the paper: 10)."),
  rounds: z
    .number()
    .int()
    .min(1)
    .default(12)
    .describe("Rounds per generation; each agent donates once a round."),
  endowment: z.number().positive().default(10).describe("Resources each agent starts a generation with."),
  multiplier: z.number().positive().default(2).describe("What the recipient receives per unit donated."),
  trace_depth: z.number().int().min(1).default(3).describe("Actions of the recipient a donor sees."),
  survival_share: z.number().gt(0).lt(1).default(0.5).describe("Share of the richest agents that survive."),
  punishment_effects: z
    .array(z.number().positive())
    .default([4, 2, 0.5])
    .describe("Punishment arms: resources removed per unit spent (cost:effect 1:x; the paper: 2)."),
  populations: z
    .number()
    .int()
    .min(1)
    .default(24)
    .describe("Independent populations per arm (scripted mode; curves are their mean)."),
  initial_max: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe("Scripted: first-generation generosity and reciprocity are uniform on [0, initial_max]."),
  mutation: z.number().min(0).default(0.1).describe("Scripted: σ of the newcomers' parameter mutation."),
  base_url: z.string().optional().describe("LLM mode: an OpenAI-compatible endpoint ending in /v1."),
  model: z.string().default("gpt-4o-mini").describe("LLM mode: the model name sent to the endpoint."),
  api_key_env: z
    .string()
    .default("OPENAI_API_KEY")
    .describe("LLM mode: the environment variable holding the API key (if set)."),
  temperature: z.number().min(0).default(0).describe("LLM mode: sampling temperature."),
});

export type DonorGameOptions = z.output<typeof options>;

export const donorGame = defineExperiment({
  name: "donor-game",
  summary:
    "The iterated Donor Game with generations, reputation traces and cultural transmission (the richest half survive, newcomers learn from their strategies), with traces visible or hidden and optional costly punishment; scripted strategy families or LLM agents.",
  papers: ["Cultural Evolution of Cooperation among LLM Agents (Vallinder & Hughes 2024)"],
  options,
  quick: { generations: 6, populations: 6, rounds: 8, population: 8 },
  async run(settings, seed, progress) {
    const game = {
      agents: settings.population,
      generations: settings.generations,
      rounds: settings.rounds,
      endowment: settings.endowment,
      multiplier: settings.multiplier,
      traceDepth: settings.trace_depth,
      survivalShare: settings.survival_share,
    };
    const tally: LlmDonorTally = { calls: 0, unreadable: 0 };
    const populations = settings.mode === "llm" ? 1 : settings.populations;
    const conditions = donorConditions(settings.punishment_effects);
    const runs: { condition: string; evolutions: DonorEvolution<unknown>[] }[] = [];
    for (const condition of conditions) {
      progress?.(`${condition.name}`);
      const evolutions: DonorEvolution<unknown>[] = [];
      for (let population = 0; population < populations; population++) {
        const part = `${condition.name}/${population}`;
        const agents: DonorAgents<unknown> =
          settings.mode === "llm"
            ? (llmDonorAgents({
                client: llmClient(settings),
                game: {
                  endowment: settings.endowment,
                  multiplier: settings.multiplier,
                  rounds: settings.rounds,
                },
                temperature: settings.temperature,
                seed,
                tally,
              }) as DonorAgents<unknown>)
            : (scriptedDonorAgents({
                random: labRandom(deriveSeed(seed, `agents:${part}`)),
                initialMax: settings.initial_max,
                mutation: settings.mutation,
              }) as DonorAgents<unknown>);
        const next = labRandom(deriveSeed(seed, `pairs:${part}`)).next;
        evolutions.push(await evolveDonors({ agents, condition, settings: game, next }));
      }
      runs.push({ condition: condition.name, evolutions });
    }
    const series = runs.map((run) => averageDonorRuns(run.condition, run.evolutions));
    const curves: MeasuredCurve[] = series.map((item) => ({
      method: item.condition,
      x: "generation",
      y: "mean share of resources donated",
      points: item.generations.map((generation) => ({
        x: generation.generation,
        y: generation.donation_fraction,
        punishment_rate: generation.punishment_rate,
        median_resources: generation.median_resources,
      })),
    }));
    const matrices = runs.map((run) => {
      const first = run.evolutions[0] as DonorEvolution<unknown>;
      return { condition: run.condition, donor_to_recipient: reputationMatrix(first.last) };
    });
    const strategies =
      settings.mode === "scripted"
        ? runs.map((run) => ({
            condition: run.condition,
            last_generation: meanStrategy(run.evolutions as DonorEvolution<DonorStrategy>[]),
          }))
        : runs.map((run) => ({
            condition: run.condition,
            last_generation: (run.evolutions[0]?.strategies.at(-1) ?? []) as string[],
          }));
    const claims = donorGameClaims({ series, punishmentEffects: settings.punishment_effects });
    const results = {
      experiment: "donor-game",
      seed,
      curves,
      claims,
      settings: { ...settings },
      generations: series,
      reputation_matrices: matrices,
      strategies,
      ...(settings.mode === "llm" ? { llm: { model: settings.model, ...tally } } : {}),
    };
    return { results, sections: donorGameReport(results) };
  },
});

function llmClient(settings: DonorGameOptions): JudgeClient {
  if (!settings.base_url)
    throw new RangeError("donor-game: mode llm needs base_url (an OpenAI-compatible /v1 URL)");
  return new JudgeClient({
    baseUrl: settings.base_url,
    model: settings.model,
    apiKey: process.env[settings.api_key_env],
    concurrency: 1,
    retries: 2,
    requestTimeoutMs: 120_000,
  });
}

/** The mean parameters of the last generation over every population of an arm. */
function meanStrategy(evolutions: readonly DonorEvolution<DonorStrategy>[]): DonorStrategy {
  const last = evolutions.flatMap((evolution) => evolution.strategies.at(-1) ?? []);
  const mean = (key: keyof DonorStrategy) =>
    last.reduce((total, strategy) => total + strategy[key], 0) / Math.max(1, last.length);
  return {
    generosity: mean("generosity"),
    reciprocity: mean("reciprocity"),
    punitiveness: mean("punitiveness"),
  };
}
