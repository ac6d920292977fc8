/**
 * Aggregations of a sequence of scores into one: assistant turns of a conversation (`turns`) and
 * reasoning steps of a solution (`process`). Pure functions over a non-empty list.
 */
import { discountedSum } from "./potential.js";

export const turnAggregates = ["last", "sum", "mean", "min", "discounted"] as const;
export type TurnAggregate = (typeof turnAggregates)[number];

export const stepAggregates = ["min", "last", "product", "mean"] as const;
export type StepAggregate = (typeof stepAggregates)[number];

function sum(scores: readonly number[]): number {
  let total = 0;
  for (const score of scores) total += score;
  return total;
}

function lowest(scores: readonly number[]): number {
  let low = Number.POSITIVE_INFINITY;
  for (const score of scores) if (score < low) low = score;
  return low;
}

function product(scores: readonly number[]): number {
  let total = 1;
  for (const score of scores) total *= score;
  return total;
}

/**
 * A conversation's score from its turns' scores: the last turn's, their sum, mean or minimum, or
 * the discounted return Σ_t γ^t·r_t.
 */
export function aggregateTurns(
  scores: readonly number[],
  options: { aggregate: TurnAggregate; gamma: number },
): number {
  switch (options.aggregate) {
    case "last":
      return scores[scores.length - 1] as number;
    case "sum":
      return sum(scores);
    case "mean":
      return sum(scores) / scores.length;
    case "min":
      return lowest(scores);
    case "discounted":
      return discountedSum(scores, options.gamma);
  }
}

/**
 * A solution's score from its steps' scores, as PRM papers aggregate them: the product of step
 * correctness probabilities (Lightman et al. 2023, "Let's Verify Step by Step"), the minimum
 * (Lightman et al.'s alternative; Math-Shepherd, Wang et al. 2024), the last step's, or the mean.
 */
export function aggregateSteps(scores: readonly number[], aggregate: StepAggregate): number {
  switch (aggregate) {
    case "min":
      return lowest(scores);
    case "last":
      return scores[scores.length - 1] as number;
    case "product":
      return product(scores);
    case "mean":
      return sum(scores) / scores.length;
  }
}
