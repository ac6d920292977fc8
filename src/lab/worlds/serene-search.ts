import type { LabRandom } from "../random.js";
import type { MazeEvaluation } from "./maze-controller.js";
import type { NoveltySearch } from "./novelty-search.js";
import { mutate, type SearchBudget } from "./qd-budget.js";

/** An emitter: a local (1 + λ) optimizer of the reward around a rewarded individual found by exploration. */
interface Emitter {
  elite: MazeEvaluation;
  sigma: number;
  /** Best reward per emitter generation (the improvement measure's series). */
  history: number[];
  novelty: number;
  stagnant: number;
}

/** SERENE's improvement: max(mean of the last 3 rewards − mean of the first 3, 0) (methods doc §20.2). */
export function emitterImprovement(history: readonly number[]): number {
  if (history.length < 2) return 0;
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.max(mean(history.slice(-3)) - mean(history.slice(0, 3)), 0);
}

/**
 * SERENE (Paolo et al. 2021), reconstructed from the paper and the methods doc §20.2 at this scale:
 * the budget is cut into chunks; each chunk first explores with novelty search, where any controller
 * with a reward becomes an emitter candidate, then spends `exploitShare` of the chunk on emitters —
 * local (1 + λ) mutation searches of the reward (CMA-ES in the paper), σ a share of the exploring
 * population's spread. Emitters are picked by improvement, then by their ancestor's novelty; one
 * stops after `patience` generations without a better elite.
 * Without candidates the whole chunk explores.
 */
export function runSerene(options: {
  budget: SearchBudget;
  search: NoveltySearch;
  random: LabRandom;
  chunk: number;
  exploitShare: number;
  emitterPopulation: number;
  /** The emitters' σ as a share of the exploring population's per-gene spread. */
  emitterSigma: number;
  patience: number;
}): void {
  const { budget, search, random } = options;
  let emitters: Emitter[] = [];
  const candidates: { evaluation: MazeEvaluation; novelty: number }[] = [];
  const collect = (evaluation: MazeEvaluation, novelty: number) => {
    if (evaluation.reward > 0) candidates.push({ evaluation, novelty });
  };
  while (budget.left > 0) {
    const chunkEnd = Math.min(budget.budget, budget.used + options.chunk);
    const exploreEnd = chunkEnd - Math.floor(options.chunk * options.exploitShare);
    while (budget.used < exploreEnd && budget.left > 0) {
      if (search.population.length > 0) search.generation(budget, collect);
      else for (const each of search.generation(budget)) collect(each, 0);
    }
    for (const candidate of candidates.splice(0))
      emitters.push({
        elite: candidate.evaluation,
        sigma: options.emitterSigma * populationSpread(search.population),
        history: [],
        novelty: candidate.novelty,
        stagnant: 0,
      });
    while (budget.used < chunkEnd && budget.left > 0 && emitters.length > 0) {
      emitters.sort(
        (a, b) => emitterImprovement(b.history) - emitterImprovement(a.history) || b.novelty - a.novelty,
      );
      const emitter = emitters[0] as Emitter;
      while (emitter.stagnant < options.patience && budget.used < chunkEnd) {
        let improved = false;
        for (let child = 0; child < options.emitterPopulation && budget.used < chunkEnd; child++) {
          const offspring = budget.evaluate(mutate(emitter.elite.genome, emitter.sigma, random));
          if (offspring.reward > emitter.elite.reward) {
            emitter.elite = offspring;
            improved = true;
          }
        }
        emitter.history.push(emitter.elite.reward);
        emitter.stagnant = improved ? 0 : emitter.stagnant + 1;
      }
      // A stagnant emitter has converged: it is terminated (SERENE's 'custom' stopping criterion).
      if (emitter.stagnant >= options.patience) emitters = emitters.filter((each) => each !== emitter);
    }
    if (budget.used < chunkEnd && budget.left > 0) runUntil(search, budget, chunkEnd, collect);
  }
}

function runUntil(
  search: NoveltySearch,
  budget: SearchBudget,
  end: number,
  collect: (evaluation: MazeEvaluation, novelty: number) => void,
): void {
  while (budget.used < end && budget.left > 0) search.generation(budget, collect);
}

/** The mean per-gene standard deviation of the population's genomes (the emitters' initial σ). */
function populationSpread(population: readonly MazeEvaluation[]): number {
  if (population.length < 2) return 0.1;
  const size = population[0]?.genome.length ?? 0;
  let total = 0;
  for (let gene = 0; gene < size; gene++) {
    let mean = 0;
    for (const each of population) mean += each.genome[gene] as number;
    mean /= population.length;
    let variance = 0;
    for (const each of population) variance += ((each.genome[gene] as number) - mean) ** 2;
    total += Math.sqrt(variance / population.length);
  }
  return total / Math.max(1, size);
}
