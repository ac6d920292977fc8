import { type LearningCurve, predictError } from "./learning-curve.js";

/** Equal samples per group (the remainder to the first groups). */
export function uniformAllocation(groups: number, budget: number): number[] {
  return Array.from(
    { length: groups },
    (_, group) => Math.floor(budget / groups) + (group < budget % groups ? 1 : 0),
  );
}

/** Samples in proportion to each group's share of the population (largest remainders). */
export function proportionalAllocation(shares: readonly number[], budget: number): number[] {
  const total = shares.reduce((sum, value) => sum + value, 0);
  const exact = shares.map((share) => (budget * share) / total);
  const out = exact.map(Math.floor);
  const order = exact
    .map((value, group) => ({ group, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest);
  for (let at = 0; at < budget - out.reduce((sum, value) => sum + value, 0); at++) {
    const group = (order[at % order.length] as { group: number }).group;
    out[group] = (out[group] as number) + 1;
  }
  return out;
}

/**
 * Spends `budget` more samples to minimize the largest predicted group error (the equitable
 * objective, min over allocations of max_g err_g(n_g)): one sample at a time, each to the group
 * whose predicted error after its current count is highest — for decreasing curves this greedy
 * water-filling is the minimax allocation up to one sample per group. `costs` (default 1) charge
 * each sample against the budget; a group that cannot afford another sample is skipped.
 */
export function minimaxAllocation(input: {
  curves: readonly LearningCurve[];
  current: readonly number[];
  budget: number;
  costs?: readonly number[];
}): number[] {
  const extra = input.curves.map(() => 0);
  let left = input.budget;
  for (;;) {
    let worst = -1;
    let worstError = Number.NEGATIVE_INFINITY;
    input.curves.forEach((curve, group) => {
      const cost = input.costs?.[group] ?? 1;
      if (cost > left) return;
      const error = predictError(curve, (input.current[group] as number) + (extra[group] as number));
      if (error > worstError) {
        worstError = error;
        worst = group;
      }
    });
    if (worst < 0) return extra;
    extra[worst] = (extra[worst] as number) + 1;
    left -= input.costs?.[worst] ?? 1;
  }
}
