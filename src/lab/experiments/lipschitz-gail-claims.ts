import { type Claim, claim } from "../results.js";

export type GailMethod = "gail" | "gail+gp" | "gail+gp+pessimistic";

/** One learner's evaluations: the normalized true return (expert 1, random 0) and D's logit slope. */
export interface GailRun {
  method: GailMethod;
  normalized: number[];
  slopes: number[];
}

/** "Stable": the last third of the evaluations stays within this much of the run's best. */
export const stableDrop = 0.25;
/** "Imitates": the last third's mean normalized return reaches this. */
export const imitationLevel = 0.6;

function lastThird(values: readonly number[]): number[] {
  return values.slice(values.length - Math.max(1, Math.round(values.length / 3)));
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}

function summary(run: GailRun) {
  const late = lastThird(run.normalized);
  const peak = Math.max(...run.normalized.slice(1));
  return { late: mean(late), worstLate: Math.min(...late), peak, slope: mean(lastThird(run.slopes)) };
}

export function gailClaims(runs: readonly GailRun[]): Claim[] {
  const find = (method: GailMethod) => {
    const run = runs.find((candidate) => candidate.method === method);
    if (!run) throw new RangeError(`no ${method} run`);
    return summary(run);
  };
  const free = find("gail");
  const penalized = find("gail+gp");
  const pessimistic = find("gail+gp+pessimistic");
  return [
    claim(
      `Blondé et al.: with the gradient penalty the imitation return is stable (the last third of the evaluations averages ≥ ${imitationLevel} of the expert's normalized return and never falls more than ${stableDrop} below the run's best)`,
      penalized.late >= imitationLevel && penalized.worstLate >= penalized.peak - stableDrop,
      { late_mean: penalized.late, late_worst: penalized.worstLate, best: penalized.peak },
    ),
    claim(
      `Blondé et al.: without it, it collapses (the last third falls more than ${stableDrop} below the run's best, or averages below ${imitationLevel})`,
      free.worstLate < free.peak - stableDrop || free.late < imitationLevel,
      { late_mean: free.late, late_worst: free.worstLate, best: free.peak },
    ),
    claim(
      "Blondé et al.: the penalty keeps the discriminator's logit slope (local Lipschitz constant on visited inputs) below the unpenalized one's",
      penalized.slope < free.slope,
      { slope_penalized: penalized.slope, slope_unpenalized: free.slope },
    ),
    claim(
      "Blondé et al.: pessimistic reward preconditioning on top of the penalty keeps the imitation return (last third within 0.1 of the penalty alone's, or above)",
      pessimistic.late >= penalized.late - 0.1,
      {
        late_pessimistic: pessimistic.late,
        late_penalized: penalized.late,
        late_worst_pessimistic: pessimistic.worstLate,
      },
    ),
  ];
}
