import { deriveSeed, labRandom } from "../random.js";
import { runMapElites } from "./map-elites-search.js";
import { MazeController } from "./maze-controller.js";
import { NoveltySearch, type NoveltySettings, runFitnessSearch, runNoveltySearch } from "./novelty-search.js";
import { SearchBudget } from "./qd-budget.js";
import { runSerene } from "./serene-search.js";
import { StaxEncoder } from "./stax-encoder.js";

export const qdMethods = ["fitness", "novelty_search", "serene", "stax", "map_elites"] as const;
export type QdMethod = (typeof qdMethods)[number];

export interface QdSettings {
  evaluations: number;
  steps: number;
  hidden: number;
  rewardRadius: number;
  novelty: NoveltySettings;
  chunk: number;
  exploitShare: number;
  emitterPopulation: number;
  emitterSigma: number;
  patience: number;
  staxLatent: number;
  staxSteps: number;
  bins: number;
}

/** One search's budget record (evaluations, best reward, coverage, final positions). */
export function runQdMethod(method: QdMethod, settings: QdSettings, seed: number): SearchBudget {
  const controller = new MazeController({
    hidden: settings.hidden,
    steps: settings.steps,
    rewardRadius: settings.rewardRadius,
  });
  const budget = new SearchBudget({
    budget: settings.evaluations,
    controller,
    grid: settings.bins,
    every: Math.max(1, Math.floor(settings.evaluations / 30)),
  });
  const random = labRandom(deriveSeed(seed, `qd-${method}`));
  const search = () => new NoveltySearch({ settings: settings.novelty, random });
  switch (method) {
    case "fitness":
      runFitnessSearch({ budget, random, settings: settings.novelty });
      break;
    case "novelty_search":
      runNoveltySearch(search(), budget);
      break;
    case "serene":
      runSerene({
        budget,
        search: search(),
        random,
        chunk: settings.chunk,
        exploitShare: settings.exploitShare,
        emitterPopulation: settings.emitterPopulation,
        emitterSigma: settings.emitterSigma,
        patience: settings.patience,
      });
      break;
    case "stax": {
      const encoder = new StaxEncoder({
        inputs: controller.environment.settings.rangefinders,
        hidden: 16,
        latent: settings.staxLatent,
        learningRate: 0.01,
        seed: deriveSeed(seed, "stax-encoder"),
      });
      const stax = new NoveltySearch({
        settings: settings.novelty,
        random,
        describe: (evaluations) => encoder.encode(evaluations.map((each) => each.sensors)),
      });
      while (budget.left > 0) {
        stax.generation(budget);
        // Online: the autoencoder follows the outcomes the search reaches (population and archive).
        encoder.train(
          [...stax.population, ...stax.archive].map((each) => each.sensors),
          settings.staxSteps,
        );
      }
      break;
    }
    case "map_elites":
      runMapElites({
        budget,
        random,
        bins: settings.bins,
        initial: settings.novelty.populationSize,
        batch: settings.novelty.populationSize,
        sigma: settings.novelty.sigma,
      });
      break;
  }
  return budget;
}
