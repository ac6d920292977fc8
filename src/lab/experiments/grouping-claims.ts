import { type Claim, claim } from "../results.js";
import type { GroupingOptions, GroupingPoint } from "./action-grouping.js";

export function groupingClaims(input: {
  points: readonly GroupingPoint[];
  counts: readonly number[];
  settings: GroupingOptions;
}): Claim[] {
  const { points, counts, settings } = input;
  const loss = (groups: number, budget: number) =>
    points.find((point) => point.groups === groups && point.budget === budget)?.loss ?? Number.NaN;
  const smallest = Math.min(...settings.budgets);
  const largest = Math.max(...settings.budgets);
  const finest = Math.max(...counts);
  const coarse = counts.filter((count) => count < finest);
  const bestCoarseEarly = Math.min(...coarse.map((count) => loss(count, smallest)));
  // K = 1 plays every action uniformly (its loss is 1 by construction): the coarsest real grouping is the next.
  const coarsest = Math.min(...counts.filter((count) => count > 1 || counts.length < 3));
  // At the largest budget: how often a finer grouping has a higher loss than a coarser one (inversions).
  const finalLosses = counts.map((count) => loss(count, largest));
  let inversions = 0;
  for (let index = 1; index < finalLosses.length; index++) {
    if ((finalLosses[index] as number) > (finalLosses[index - 1] as number) + 0.02) inversions++;
  }
  // The best grouping at each budget, and whether some budget's best is strictly between the ends.
  const bestAt = settings.budgets.map((budget) => {
    let best = counts[0] as number;
    for (const count of counts) if (loss(count, budget) < loss(best, budget)) best = count;
    return best;
  });
  const interiorBudgets = bestAt.filter((best) => best !== coarsest && best !== finest).length;
  return [
    claim(
      "Li et al.: grouping learns faster early — at the smallest budget a coarser grouping loses less than no grouping (K = A)",
      bestCoarseEarly < loss(finest, smallest),
      {
        budget: smallest,
        loss_no_grouping: loss(finest, smallest),
        best_coarser_loss: bestCoarseEarly,
      },
    ),
    claim(
      "Li et al.: ... and plateaus lower as groups coarsen — at the largest budget the loss does not fall as K shrinks (at most one step up by more than 0.02 from coarse to fine) and the coarsest grouping loses more than no grouping",
      inversions <= 1 && loss(coarsest, largest) > loss(finest, largest),
      {
        budget: largest,
        loss_coarsest: loss(coarsest, largest),
        loss_no_grouping: loss(finest, largest),
        inversions,
      },
    ),
    claim(
      "Li et al.: the error/complexity trade-off — at some budget the best grouping is strictly between the coarsest and no grouping",
      interiorBudgets > 0,
      { budgets_with_an_interior_best: interiorBudgets, budgets: settings.budgets.length },
    ),
    claim(
      "Li et al.: the best number of groups grows with the sample budget (the best K at the largest budget is at least the best K at the smallest)",
      (bestAt.at(-1) as number) >= (bestAt[0] as number) && (bestAt.at(-1) as number) > coarsest,
      {
        best_groups_smallest_budget: bestAt[0] as number,
        best_groups_largest_budget: bestAt.at(-1) as number,
      },
    ),
  ];
}
