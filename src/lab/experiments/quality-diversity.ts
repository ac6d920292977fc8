import { z } from "zod";
import { createEnvironment } from "../../env/index.js";
import { qualityDiversityReport } from "../report/quality-diversity-report.js";
import type { MeasuredCurve } from "../results.js";
import { qdMethods, runQdMethod } from "../worlds/qd-methods.js";
import { defineExperiment } from "./experiment.js";
import { type QdRun, qualityDiversityClaims } from "./quality-diversity-claims.js";

const options = z.object({
  evaluations: z
    .number()
    .int()
    .min(200)
    .default(3000)
    .describe("Controller evaluations per method (the shared budget)."),
  steps: z.number().int().min(20).default(200).describe("Steps of one evaluation episode."),
  hidden: z
    .number()
    .int()
    .min(1)
    .default(8)
    .describe("Hidden units of the controller network (its weights are the genome)."),
  reward_radius: z
    .number()
    .positive()
    .default(1)
    .describe("Radius R of the reward area around the goal: reward 1 − d/R inside, 0 outside (sparse)."),
  population: z.number().int().min(4).default(50).describe("Population size (and MAP-Elites' batch)."),
  offspring_per_parent: z
    .number()
    .int()
    .min(1)
    .default(2)
    .describe("Offspring per parent per generation (SERENE's default 2)."),
  sigma: z.number().positive().default(0.3).describe("σ of the Gaussian mutation of every gene."),
  neighbours: z
    .number()
    .int()
    .min(1)
    .default(15)
    .describe("k of the k-nearest-neighbour novelty (SERENE's 15)."),
  archive_additions: z
    .number()
    .int()
    .min(0)
    .default(5)
    .describe("Offspring added to the novelty archive per generation, at random (SERENE's 5)."),
  chunk: z
    .number()
    .int()
    .min(50)
    .default(1000)
    .describe("SERENE's chunk of evaluations (explore, then exploit)."),
  exploit_share: z
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe("SERENE: the share of a chunk given to emitters when there are candidates."),
  emitter_population: z
    .number()
    .int()
    .min(1)
    .default(6)
    .describe("SERENE: offspring per emitter generation (SERENE's 6)."),
  emitter_sigma: z
    .number()
    .positive()
    .default(0.2)
    .describe("SERENE: emitters' σ as a share of the exploring population's per-gene spread."),
  patience: z
    .number()
    .int()
    .min(1)
    .default(5)
    .describe("SERENE: emitter generations without improvement before it stops."),
  stax_latent: z
    .number()
    .int()
    .min(1)
    .default(2)
    .describe("STAX: the autoencoder's latent size (the learnt descriptor)."),
  stax_steps: z
    .number()
    .int()
    .min(1)
    .default(5)
    .describe("STAX: Adam steps of the autoencoder per generation."),
  bins: z
    .number()
    .int()
    .min(2)
    .default(10)
    .describe("Cells per side of the coverage grid and of MAP-Elites' archive."),
});

export type QualityDiversityOptions = z.output<typeof options>;

export const qualityDiversity = defineExperiment({
  name: "quality-diversity",
  summary:
    "The deceptive maze with a sparse reward area at the goal: fitness-only evolution, novelty search, SERENE (novelty search + reward emitters), STAX (novelty in an autoencoder's online latent space) and MAP-Elites, at the same number of evaluations.",
  papers: [
    "Abandoning objectives: novelty search (Lehman & Stanley 2011)",
    "Sparse reward exploration via novelty search and emitters — SERENE (Paolo et al. 2021)",
    "Unsupervised learning and exploration of reachable outcome space — STAX/TAXONS (Paolo et al. 2020)",
    "Illuminating search spaces by mapping elites — MAP-Elites (Mouret & Clune 2015)",
  ],
  options,
  quick: { evaluations: 400, steps: 100, chunk: 200 },
  run(settings, seed, progress) {
    const qd = {
      evaluations: settings.evaluations,
      steps: settings.steps,
      hidden: settings.hidden,
      rewardRadius: settings.reward_radius,
      novelty: {
        populationSize: settings.population,
        offspringPerParent: settings.offspring_per_parent,
        sigma: settings.sigma,
        neighbours: settings.neighbours,
        archiveAdditions: settings.archive_additions,
      },
      chunk: settings.chunk,
      exploitShare: settings.exploit_share,
      emitterPopulation: settings.emitter_population,
      emitterSigma: settings.emitter_sigma,
      patience: settings.patience,
      staxLatent: settings.stax_latent,
      staxSteps: settings.stax_steps,
      bins: settings.bins,
    };
    const runs: QdRun[] = qdMethods.map((method, index) => {
      progress?.(`${method} (${index + 1} of ${qdMethods.length})`);
      const budget = runQdMethod(method, qd, seed);
      return {
        method,
        bestReward: budget.bestReward,
        coverage: budget.coverage,
        closest: budget.closest,
        firstRewardAt: budget.firstRewardAt,
        curve: budget.curve,
        positions: budget.positions,
      };
    });
    const curves: MeasuredCurve[] = runs.map((run) => ({
      method: run.method,
      x: "evaluations",
      y: "best reward so far",
      points: run.curve.map((point) => ({
        x: point.evaluations,
        y: point.bestReward,
        coverage: point.coverage,
      })),
    }));
    const claims = qualityDiversityClaims(runs);
    const results = {
      experiment: "quality-diversity",
      seed,
      curves,
      claims,
      settings,
      summary: runs.map((run) => ({
        method: run.method,
        best_reward: run.bestReward,
        coverage: run.coverage,
        closest_distance: run.closest,
        first_reward_at: run.firstRewardAt ?? null,
      })),
      // Every 5th final position (the report's archive plots; thinned to keep results.json small).
      final_positions: runs.map((run) => ({
        method: run.method,
        positions: run.positions.filter((_, index) => index % 5 === 0),
      })),
    };
    const maze = createEnvironment("deceptive-maze", {});
    maze.reset();
    return Promise.resolve({
      results,
      sections: qualityDiversityReport(results, { frame: maze.renderSvg(), settings: maze.settings }),
    });
  },
});
