import type { DonorGenerationRecord } from "../../env/games/donor-game/index.js";
import type { DonorEvolution, GenerationSummary } from "../worlds/donor-evolution.js";

/** One arm's generations averaged over its populations. */
export interface DonorSeries {
  condition: string;
  generations: GenerationSummary[];
}

/** The per-generation means over populations (median resources: the mean of each population's median). */
export function averageDonorRuns(
  condition: string,
  evolutions: readonly DonorEvolution<unknown>[],
): DonorSeries {
  const first = evolutions[0];
  if (!first) throw new RangeError(`${condition}: no populations`);
  const generations = first.generations.map((_, index) => {
    const at = evolutions.map((evolution) => evolution.generations[index] as GenerationSummary);
    const mean = (key: keyof GenerationSummary) =>
      at.reduce((total, item) => total + item[key], 0) / at.length;
    return {
      generation: index + 1,
      donation_fraction: mean("donation_fraction"),
      punishment_rate: mean("punishment_rate"),
      median_resources: mean("median_resources"),
      mean_resources: mean("mean_resources"),
    };
  });
  return { condition, generations };
}

/**
 * The reputation matrix of a generation: the mean share of its resources each donor gave each
 * recipient (punishments negative), null where the two never met.
 */
export function reputationMatrix(record: DonorGenerationRecord): (number | null)[][] {
  return record.given.map((row, donor) =>
    row.map((total, recipient) => {
      const met = record.meetings[donor]?.[recipient] ?? 0;
      return met === 0 ? null : total / met;
    }),
  );
}
