import { type Claim, claim } from "../results.js";

export interface MorecMeasures {
  /** Mean one-step error (max-speed units) of the unfiltered and filtered model, in and off the data. */
  errorInside: { ensemble: number; morec: number };
  errorOutside: { ensemble: number; morec: number };
  /** Mean true return of planning in each model (and of uniform random actions). */
  returns: { true: number; ensemble: number; morec: number; random: number };
}

export function morecClaims(measures: MorecMeasures): Claim[] {
  const { errorInside, errorOutside, returns } = measures;
  const span = returns.true - returns.random;
  const normalized = (value: number) => (span === 0 ? Number.NaN : (value - returns.random) / span);
  return [
    claim(
      "The premise: the learned model is wrong off the data (its one-step error outside the data's region is at least twice its error inside)",
      errorOutside.ensemble >= 2 * errorInside.ensemble,
      { error_inside: errorInside.ensemble, error_outside: errorOutside.ensemble },
    ),
    claim(
      "Luo et al. (MOREC): the dynamics reward learned from the offline data generalizes — filtering the model's candidates by it lowers the one-step error off the data",
      errorOutside.morec < errorOutside.ensemble,
      { error_outside_unfiltered: errorOutside.ensemble, error_outside_filtered: errorOutside.morec },
    ),
    claim(
      "Luo et al. (MOREC): the filtered model-based policy beats the unfiltered one (true return of planning in each model; 1 = planning with the true dynamics, 0 = random actions)",
      returns.morec > returns.ensemble,
      {
        normalized_filtered: normalized(returns.morec),
        normalized_unfiltered: normalized(returns.ensemble),
        return_filtered: returns.morec,
        return_unfiltered: returns.ensemble,
        return_true_model: returns.true,
      },
    ),
  ];
}
