/**
 * Cultural transmission between Donor Game generations (Vallinder & Hughes §24): agents are ranked
 * by final resources, the top `survivalShare` keep their strategies, and the rest are replaced by
 * newcomers whose strategies are drawn from the survivors'. Generic over what a strategy is: the lab
 * mutates parameter vectors (scripted) or asks an LLM to write one from the survivors' (LLM mode).
 */

/** Indices of the survivors, best first; ties keep the lower index first (deterministic). */
export function survivorsOf(resources: readonly number[], survivalShare: number): number[] {
  const ranked = resources
    .map((value, index) => ({ value, index }))
    .sort((left, right) => right.value - left.value || left.index - right.index)
    .map((item) => item.index);
  const keep = Math.max(1, Math.min(ranked.length, Math.round(ranked.length * survivalShare)));
  return ranked.slice(0, keep);
}

/**
 * The next population: survivors' strategies first (in rank order), then `newcomer(parents)` for
 * each free place, given all survivors' strategies as the paper's prompt does.
 */
export async function nextPopulation<Strategy>(input: {
  strategies: readonly Strategy[];
  resources: readonly number[];
  survivalShare: number;
  newcomer: (survivors: readonly Strategy[], place: number) => Strategy | Promise<Strategy>;
}): Promise<Strategy[]> {
  const survivors = survivorsOf(input.resources, input.survivalShare).map(
    (index) => input.strategies[index] as Strategy,
  );
  const population = [...survivors];
  for (let place = survivors.length; place < input.strategies.length; place++) {
    population.push(await input.newcomer(survivors, place));
  }
  return population;
}
