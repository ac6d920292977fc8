import { novelties } from "../../select/index.js";
import type { LabRandom } from "../random.js";
import type { MazeEvaluation } from "./maze-controller.js";
import { mutate, randomGenome, type SearchBudget } from "./qd-budget.js";

export interface NoveltySettings {
  populationSize: number;
  offspringPerParent: number;
  sigma: number;
  /** k of the k-nearest-neighbour novelty (SERENE's `novelty_neighs` = 15). */
  neighbours: number;
  /** Offspring added to the archive per generation, at random (SERENE's λ = 5, `selection_operator='random'`). */
  archiveAdditions: number;
}

/**
 * Novelty search's state (Lehman & Stanley 2011, as SERENE's ns.py): the population and the archive,
 * and how behaviours are described — the final position (hand-designed) or a learnt descriptor
 * (STAX), recomputed for everyone every generation since a learnt one moves.
 */
export class NoveltySearch {
  population: MazeEvaluation[] = [];
  readonly archive: MazeEvaluation[] = [];
  readonly settings: NoveltySettings;
  readonly describe: (evaluations: readonly MazeEvaluation[]) => number[][];
  readonly #random: LabRandom;

  constructor(options: {
    settings: NoveltySettings;
    random: LabRandom;
    describe?: (evaluations: readonly MazeEvaluation[]) => number[][];
  }) {
    this.settings = options.settings;
    this.#random = options.random;
    this.describe = options.describe ?? ((evaluations) => evaluations.map((each) => [...each.position]));
  }

  /**
   * One generation: offspring by mutation, novelty against population + offspring + archive, a few
   * random offspring into the archive, the most novel survive. Returns the offspring evaluated (fewer
   * when the budget runs out); the first call evaluates a random population.
   */
  generation(
    budget: SearchBudget,
    onEvaluated?: (evaluation: MazeEvaluation, novelty: number) => void,
  ): MazeEvaluation[] {
    const { settings } = this;
    const random = this.#random;
    const genomeSize = budget.controller.genomeSize;
    if (this.population.length === 0) {
      const count = Math.min(settings.populationSize, budget.left);
      this.population = Array.from({ length: count }, () =>
        budget.evaluate(randomGenome(genomeSize, random)),
      );
      return this.population;
    }
    const offspring: MazeEvaluation[] = [];
    for (const parent of this.population)
      for (let child = 0; child < settings.offspringPerParent && budget.left > 0; child++)
        offspring.push(budget.evaluate(mutate(parent.genome, settings.sigma, random)));
    const pool = [...this.population, ...offspring];
    const reference = [...pool, ...this.archive];
    const descriptors = this.describe(reference);
    const scores = novelties(descriptors.slice(0, pool.length), descriptors, settings.neighbours);
    if (onEvaluated)
      for (const [index, evaluation] of offspring.entries())
        onEvaluated(evaluation, scores[this.population.length + index] as number);
    for (let added = 0; added < settings.archiveAdditions && offspring.length > 0; added++)
      this.archive.push(offspring[random.int(offspring.length)] as MazeEvaluation);
    const order = pool.map((_, index) => index).sort((a, b) => (scores[b] as number) - (scores[a] as number));
    this.population = order.slice(0, settings.populationSize).map((index) => pool[index] as MazeEvaluation);
    return offspring;
  }
}

/** Novelty search until the budget is spent. */
export function runNoveltySearch(search: NoveltySearch, budget: SearchBudget): void {
  while (budget.left > 0) search.generation(budget);
}

/**
 * Fitness-only evolution, the deceptive baseline: (μ + λ) truncation selection on −(final distance to
 * the goal), the dense fitness the maze's wall makes deceptive.
 */
export function runFitnessSearch(options: {
  budget: SearchBudget;
  random: LabRandom;
  settings: NoveltySettings;
}): void {
  const { budget, random, settings } = options;
  let population = Array.from({ length: Math.min(settings.populationSize, budget.left) }, () =>
    budget.evaluate(randomGenome(budget.controller.genomeSize, random)),
  );
  while (budget.left > 0) {
    const offspring: MazeEvaluation[] = [];
    for (const parent of population)
      for (let child = 0; child < settings.offspringPerParent && budget.left > 0; child++)
        offspring.push(budget.evaluate(mutate(parent.genome, settings.sigma, random)));
    population = [...population, ...offspring]
      .sort((a, b) => a.distance - b.distance)
      .slice(0, settings.populationSize);
  }
}
