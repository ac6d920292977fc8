import { MapElitesArchive } from "../../select/index.js";
import type { LabRandom } from "../random.js";
import type { MazeEvaluation } from "./maze-controller.js";
import { mutate, randomGenome, type SearchBudget } from "./qd-budget.js";

/**
 * MAP-Elites (Mouret & Clune 2015) over the final position: a random start, then batches of elites
 * picked uniformly, mutated and inserted where they land (fitness: the sparse reward, so in reward-less
 * cells the first comer stays). The reference archive of the QD papers.
 */
export function runMapElites(options: {
  budget: SearchBudget;
  random: LabRandom;
  bins: number;
  initial: number;
  batch: number;
  sigma: number;
}): MapElitesArchive<MazeEvaluation> {
  const { budget, random } = options;
  const size = budget.controller.environment.settings.arena.size;
  const archive = new MapElitesArchive<MazeEvaluation>({
    bins: options.bins,
    low: [0, 0],
    high: [size, size],
  });
  const insert = (evaluation: MazeEvaluation) =>
    archive.insert({ item: evaluation, descriptor: evaluation.position, fitness: evaluation.reward });
  for (let index = 0; index < options.initial && budget.left > 0; index++)
    insert(budget.evaluate(randomGenome(budget.controller.genomeSize, random)));
  while (budget.left > 0) {
    const elites = [...archive.elites.values()];
    for (let index = 0; index < options.batch && budget.left > 0; index++) {
      const parent = elites[random.int(elites.length)]?.item as MazeEvaluation;
      insert(budget.evaluate(mutate(parent.genome, options.sigma, random)));
    }
  }
  return archive;
}
